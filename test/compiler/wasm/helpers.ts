/** Hand-written IR for the back-end tests (the planner is tested on its own). */
import type { Block, Func, Operand, Policy, Stmt } from '../../../src/compiler/ir';
import { emitWasm } from '../../../src/compiler/wasm';
import { loadPolicyWasm, loadPolicyWasmSync } from '../../../src/opa/load';

export class Strings {
  readonly list: string[] = [];
  index(text: string): number {
    const i = this.list.indexOf(text);
    if (i >= 0) return i;
    this.list.push(text);
    return this.list.length - 1;
  }
  op(text: string): Operand {
    return { kind: 'string', index: this.index(text) };
  }
}

export const local = (n: number): Operand => ({ kind: 'local', local: n });
export const bool = (value: boolean): Operand => ({ kind: 'bool', value });
export const block = (...stmts: Stmt[]): Block => ({ stmts });

/** Plan `t/<name>` = `{"result": g0.data.t.<name>(input, data)}` when defined. */
export function planFor(strs: Strings, name: string): { name: string; blocks: Block[] } {
  return {
    name: `t/${name}`,
    blocks: [block(
      { type: 'Call', func: `g0.data.t.${name}`, args: [local(0), local(1)], result: 2 },
      { type: 'MakeObject', target: 3 },
      { type: 'ObjectInsert', key: strs.op('result'), value: local(2), object: 3 },
      { type: 'ResultSetAdd', value: 3 },
    )],
  };
}

/** A rule function of (input, data) whose value is local 2. */
export function rule(name: string, blocks: Block[], memoize = true): Func {
  return { name: `g0.data.t.${name}`, path: ['t', name], params: [0, 1], result: 2, blocks, memoize };
}

/** A policy with one entrypoint per rule. */
export function policyOf(strs: Strings, rules: Func[], extra: Func[] = []): Policy {
  return {
    static: { strings: strs.list, builtinFuncs: [], files: ['policy.rego'] },
    plans: rules.map((r) => planFor(strs, r.path[1])),
    funcs: [...rules, ...extra],
  };
}

/** A single rule `t/<name>` built from statements in one block. */
export function singleRule(strs: Strings, name: string, stmts: Stmt[], extra: Func[] = []): Policy {
  return policyOf(strs, [rule(name, [block(...stmts)])], extra);
}

export interface Evaluated {
  result: unknown;
}

/**
 * Evaluates through the SDK's loadPolicy and loadPolicySync (both must agree) and returns the
 * result set.
 */
export async function evaluate(policy: Policy, input: unknown, options: { data?: unknown; entrypoint?: string } = {}): Promise<unknown> {
  const wasm = emitWasm(policy);
  const entrypoint = options.entrypoint ?? policy.plans[0].name;
  const a = await loadPolicyWasm(wasm);
  const b = loadPolicyWasmSync(wasm);
  if (options.data !== undefined) {
    a.setData(options.data as object);
    b.setData(options.data as object);
  }
  const ra = a.evaluate(input, entrypoint);
  const rb = b.evaluate(input, entrypoint);
  expect(rb).toEqual(ra);
  return ra;
}

/** The error text an evaluation throws (the SDK throws opa_abort's message as a string). */
export async function evaluationError(policy: Policy, input: unknown): Promise<string> {
  const wasm = emitWasm(policy);
  const p = await loadPolicyWasm(wasm);
  try {
    p.evaluate(input, policy.plans[0].name);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('evaluation did not fail');
}

export interface ArgSpec {
  /** Build the argument as a set from the input array at this position. */
  set?: boolean;
}

/**
 * `t/call` = builtin(input[0], input[1], ...), where arguments marked as sets are built from the
 * input's arrays (JSON has no sets).
 */
export function builtinPolicy(name: string, arity: number, specs: ArgSpec[] = []): Policy {
  const strs = new Strings();
  const stmts: Stmt[] = [];
  const args: Operand[] = [];
  let next = 10;
  for (let i = 0; i < arity; i++) {
    const idx = next++;
    stmts.push({ type: 'MakeNumberInt', value: i, target: idx });
    const raw = next++;
    stmts.push({ type: 'Dot', source: local(0), key: local(idx), target: raw });
    if (specs[i]?.set) {
      const s = next++;
      const k = next++;
      const v = next++;
      stmts.push({ type: 'MakeSet', target: s });
      stmts.push({ type: 'Scan', source: raw, key: k, value: v, block: block({ type: 'SetAdd', value: local(v), set: s }) });
      args.push(local(s));
    } else {
      args.push(local(raw));
    }
  }
  const out = next++;
  stmts.push({ type: 'Call', func: name, args, result: out });
  stmts.push({ type: 'AssignVarOnce', source: local(out), target: 2 });
  return singleRule(strs, 'call', stmts);
}

/** The value of `builtin(args...)`, or undefined when the call is undefined. */
export async function callBuiltin(name: string, args: unknown[], specs: ArgSpec[] = []): Promise<unknown> {
  const rs = (await evaluate(builtinPolicy(name, args.length, specs), args)) as { result: unknown }[];
  return rs.length ? rs[0].result : undefined;
}

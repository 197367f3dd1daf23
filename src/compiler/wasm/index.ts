/**
 * emitWasm: links the policy's generated code into the prebuilt runtime module (see
 * src/compiler/runtime). The runtime's function indices stay as they are: generated functions,
 * types, globals and data are appended, the runtime's helper exports are dropped, and `eval`,
 * `opa_eval`, `builtins` and `entrypoints` are generated per policy. Same IR → same bytes.
 */
import type { Func, Loc, Policy } from '../ir';
import { HOST_NAMES } from '../builtins';
import { runtimeWasm } from '../runtime/build';
import { FunctionCompiler, type CodegenContext } from './codegen';
import { ByteWriter, I32, Op } from './encoding';
import {
  constI32Value, dataSegment, encodeMemoryLimits, i32ConstExpr, memoryLimits, readModule, writeModule, type FuncType, type WasmModule,
} from './module';
import { StaticData } from './static-data';

/** Memory the SDK gives a module (5 pages): the constants must fit in it. */
const SDK_INITIAL_BYTES = 5 * 65536;

let parsed: { bytes: Uint8Array; module: WasmModule } | undefined;

function runtimeModule(): WasmModule {
  const bytes = runtimeWasm();
  if (parsed?.bytes !== bytes) parsed = { bytes, module: readModule(bytes) };
  return parsed.module;
}

/** OPA builtin name → the runtime export implementing it. */
export function runtimeBuiltinExport(name: string): string {
  return `__apg_b_${name.replace(/\./g, '_')}`;
}

function sameType(a: FuncType, b: FuncType): boolean {
  return a.params.length === b.params.length && a.results.length === b.results.length &&
    a.params.every((p, i) => p === b.params[i]) && a.results.every((r, i) => r === b.results[i]);
}

export interface EmitOptions {
  /**
   * Builtin errors (type errors of arguments, division by zero, bad patterns, ...) abort the
   * evaluation with `eval_type_error` / `eval_builtin_error`, as OPA's strict-builtin-errors mode;
   * by default such a call is undefined, as in OPA.
   */
  strictBuiltinErrors?: boolean;
  /**
   * Iteration steps (elements visited by some/every/comprehensions) one evaluation may take before
   * it aborts with `eval_resource_error`: a runaway policy ends with an error instead of a hang.
   * Rounded up to whole millions; default 1,000,000,000 (seconds of work, far beyond any plan).
   */
  maxEvalSteps?: number;
  /** Name the OPA-exact host builtins by their `apg.` names (see CompileOptions.opaExactBuiltins). */
  opaExactBuiltins?: boolean;
}

export const DEFAULT_MAX_EVAL_STEPS = 1_000_000_000;

export function emitWasm(policy: Policy, options: EmitOptions = {}): Uint8Array<ArrayBuffer> {
  return emitModule(policy, options).wasm;
}

/** The module and the names in its builtins() map: the builtins its host (the SDK and its loader) must provide. */
export function emitModule(policy: Policy, options: EmitOptions = {}): { wasm: Uint8Array<ArrayBuffer>; hostBuiltins: string[] } {
  const rt = runtimeModule();
  const m: WasmModule = {
    ...rt,
    types: [...rt.types],
    functions: [...rt.functions],
    globals: [...rt.globals],
    exports: [],
    codes: [...rt.codes],
    data: [...rt.data],
  };

  const typeIndex = (params: number[], results: number[]): number => {
    const t = { params, results };
    const i = m.types.findIndex((x) => sameType(x, t));
    if (i >= 0) return i;
    m.types.push(t);
    return m.types.length - 1;
  };

  const exportsByName = new Map(rt.exports.map((e) => [e.name, e]));
  const helper = (name: string): number => {
    const e = exportsByName.get(name);
    if (!e || e.kind !== 0) throw new Error(`wasm link: the runtime has no function ${name}`);
    return e.index;
  };
  const runtimeGlobal = (name: string): number => {
    const e = exportsByName.get(name);
    if (!e || e.kind !== 3) throw new Error(`wasm link: the runtime has no global ${name}`);
    return e.index - rt.importedGlobals;
  };
  const abortFunc = rt.funcImports.get('opa_abort');
  if (abortFunc === undefined) throw new Error('wasm link: the runtime does not import opa_abort');

  // ---- constants ----
  const data = new StaticData(Math.ceil(rt.dataEnd / 8) * 8);
  const nullAddr = data.nullValue();
  const trueAddr = data.boolValue(true);
  const falseAddr = data.boolValue(false);
  const strings = policy.static.strings;
  const stringAddrs = new Map<number, number>();
  const stringAddr = (index: number): number => {
    let at = stringAddrs.get(index);
    if (at === undefined) {
      if (index < 0 || index >= strings.length) throw new Error(`wasm codegen: string index ${index} out of range`);
      at = data.stringValue(strings[index]);
      stringAddrs.set(index, at);
    }
    return at;
  };
  const ints = new Map<bigint, number>();
  const intAddr = (v: bigint): number => {
    let at = ints.get(v);
    if (at === undefined) {
      at = data.intValue(v);
      ints.set(v, at);
    }
    return at;
  };
  const numberAddrs = new Map<number, number | undefined>();
  const numberAddr = (index: number): number | undefined => {
    if (!numberAddrs.has(index)) {
      const text = strings[index];
      let at: number | undefined;
      if (text !== undefined && /^-?(0|[1-9][0-9]*)$/.test(text)) {
        const v = BigInt(text);
        if (v >= -(2n ** 63n) && v < 2n ** 63n) at = intAddr(v);
      }
      numberAddrs.set(index, at);
    }
    return numberAddrs.get(index);
  };
  const paths = new Map<string, number>();
  const pathAddr = (path: number[]): number => {
    const key = path.join(',');
    let at = paths.get(key);
    if (at === undefined) {
      at = data.arrayValue(path.map(stringAddr));
      paths.set(key, at);
    }
    return at;
  };
  const messages = new Map<string, number>();
  const message = (text: string, loc?: Loc): number => {
    const file = loc ? policy.static.files[loc.file] ?? `file${loc.file}` : undefined;
    const full = loc ? `${file}:${loc.row}:${loc.col}: ${text}` : text;
    let at = messages.get(full);
    if (at === undefined) {
      at = data.cString(full);
      messages.set(full, at);
    }
    return at;
  };

  // ---- globals: `with` depth and one memo slot per memoized function ----
  const newGlobal = (): number => {
    m.globals.push({ valType: I32, mutable: true, init: i32ConstExpr(0) });
    return rt.importedGlobals + m.globals.length - 1;
  };
  const withDepthGlobal = newGlobal();

  // ---- function indices ----
  let nextFunc = rt.importedFuncs + rt.functions.length;
  const funcIndex = new Map<string, number>();
  const memo = new Map<string, { inner: number; global: number }>();
  const funcParams = new Map<string, number>();
  for (const f of policy.funcs) {
    if (funcIndex.has(f.name)) throw new Error(`wasm codegen: duplicate function ${f.name}`);
    funcIndex.set(f.name, nextFunc++);
    funcParams.set(f.name, f.params.length);
  }
  for (const f of policy.funcs) {
    // The cache is keyed by the function alone: only functions of (input, data) qualify.
    if (f.memoize && f.params.length === 2) memo.set(f.name, { inner: nextFunc++, global: newGlobal() });
  }
  const planIndex = policy.plans.map(() => nextFunc++);
  const dispatchIndex = nextFunc++;

  // ---- builtins: the runtime's own, or the host's through ids ----
  const hostIds = new Map<string, number>();
  const hostNames = new Set<string>();
  const collectHost = (name: string): void => {
    if (funcIndex.has(name) || exportsByName.has(runtimeBuiltinExport(name))) return;
    hostNames.add(name);
  };
  const walkCalls = (stmts: import('../ir').Stmt[]): void => {
    for (const s of stmts) {
      if (s.type === 'Call') collectHost(s.func);
      else if (s.type === 'Block') s.blocks.forEach((b) => walkCalls(b.stmts));
      else if (s.type === 'Scan' || s.type === 'Not' || s.type === 'With') walkCalls(s.block.stmts);
    }
  };
  for (const f of policy.funcs) f.blocks.forEach((b) => walkCalls(b.stmts));
  for (const p of policy.plans) p.blocks.forEach((b) => walkCalls(b.stmts));
  [...hostNames].sort().forEach((name, i) => hostIds.set(name, i));

  const ctx: CodegenContext = {
    helper,
    abortFunc,
    policyFunc: (name, arity) => {
      const index = funcIndex.get(name);
      if (index === undefined) return undefined;
      const expected = funcParams.get(name)!;
      if (arity !== expected) throw new Error(`wasm codegen: ${name} takes ${expected} arguments (input, data, ...), called with ${arity}`);
      return index;
    },
    builtin: (name, arity) => {
      const host = hostIds.get(name);
      if (host !== undefined) return { host };
      const index = helper(runtimeBuiltinExport(name));
      const type = m.types[rt.functions[index - rt.importedFuncs]];
      if (type.params.length !== arity) {
        throw new Error(`wasm codegen: builtin ${name} takes ${type.params.length} arguments, called with ${arity}`);
      }
      return { runtime: index };
    },
    withDepthGlobal,
    nullAddr,
    trueAddr,
    falseAddr,
    stringAddr,
    numberAddr,
    intAddr,
    pathAddr,
    message,
    cacheSlot: () => data.words(3),
  };

  const generated: { type: number; body: Uint8Array; index: number }[] = [];
  const add = (index: number, type: number, body: Uint8Array): void => {
    generated.push({ index, type, body });
  };

  // Policy functions (and the uncached bodies of memoized ones).
  for (const f of policy.funcs) {
    const type = typeIndex(f.params.map(() => I32), [I32]);
    const body = compileFunc(ctx, f);
    const cached = memo.get(f.name);
    if (!cached) {
      add(funcIndex.get(f.name)!, type, body);
      continue;
    }
    add(cached.inner, type, body);
    add(funcIndex.get(f.name)!, type, memoWrapper(f, cached.inner, cached.global, withDepthGlobal));
  }

  // Plans: (input, data) → void; results go to the runtime's result set.
  const planType = typeIndex([I32, I32], []);
  policy.plans.forEach((p, i) => {
    const fc = new FunctionCompiler(ctx, p.name, [0, 1], p.blocks);
    for (const b of p.blocks) fc.block(b);
    add(planIndex[i], planType, fc.finish());
  });

  // dispatch(entrypoint, input, data)
  {
    const w = new ByteWriter().u32(0);
    const n = planIndex.length;
    for (let i = 0; i <= n; i++) w.byte(Op.block).byte(Op.blockVoid);
    w.byte(Op.localGet).u32(0).byte(Op.brTable).u32(n);
    for (let i = 0; i <= n; i++) w.u32(i);
    w.byte(Op.end);
    for (let i = 0; i < n; i++) {
      w.byte(Op.localGet).u32(1).byte(Op.localGet).u32(2).byte(Op.call).u32(planIndex[i]).byte(Op.return);
      w.byte(Op.end);
    }
    w.byte(Op.call).u32(helper('__apg_bad_entrypoint')).byte(Op.end);
    add(dispatchIndex, typeIndex([I32, I32, I32], []), w.finish());
  }

  const resetGlobals = (w: ByteWriter): void => {
    for (const g of [withDepthGlobal, ...[...memo.values()].map((x) => x.global)]) {
      w.byte(Op.i32Const).sleb(0).byte(Op.globalSet).u32(g);
    }
  };

  // opa_eval(reserved, entrypoint, data, input_addr, input_len, heap_ptr, format) → result text
  const opaEvalIndex = nextFunc++;
  {
    const w = new ByteWriter().u32(1).u32(1).byte(I32);
    resetGlobals(w);
    for (const l of [2, 3, 4, 5]) w.byte(Op.localGet).u32(l);
    w.byte(Op.call).u32(helper('__apg_eval_prepare')).byte(Op.localSet).u32(7);
    w.byte(Op.localGet).u32(1).byte(Op.localGet).u32(7).byte(Op.call).u32(helper('__apg_eval_data'));
    w.byte(Op.call).u32(dispatchIndex);
    w.byte(Op.localGet).u32(6).byte(Op.call).u32(helper('__apg_eval_result')).byte(Op.end);
    add(opaEvalIndex, typeIndex([I32, I32, I32, I32, I32, I32, I32], [I32]), w.finish());
  }

  // eval(ctx) → 0
  const evalIndex = nextFunc++;
  {
    const w = new ByteWriter().u32(0);
    resetGlobals(w);
    w.byte(Op.localGet).u32(0).byte(Op.call).u32(helper('__apg_ctx_entrypoint'));
    w.byte(Op.localGet).u32(0).byte(Op.call).u32(helper('__apg_ctx_input'));
    w.byte(Op.localGet).u32(0).byte(Op.call).u32(helper('__apg_ctx_data'));
    w.byte(Op.call).u32(dispatchIndex);
    w.byte(Op.localGet).u32(0).byte(Op.call).u32(helper('__apg_ctx_finish'));
    w.byte(Op.i32Const).sleb(0).byte(Op.end);
    add(evalIndex, typeIndex([I32], [I32]), w.finish());
  }

  // A session (src/policy/engine.ts evaluateEach): the input is parsed once, then entrypoints are
  // evaluated one at a time, each result is read out, and the heap is rewound to a mark between
  // them, so that a pack of rules needs the memory of its largest rule instead of all of them
  // together. Rule values memoised below the mark (computed before it was taken) stay cached for
  // the entrypoints that follow; those above it are forgotten with the memory that held them.
  const sessionInput = newGlobal();
  // apg_session_start(data, input_addr, input_len, heap_ptr)
  const sessionStartIndex = nextFunc++;
  {
    const w = new ByteWriter().u32(0);
    resetGlobals(w);
    for (const l of [0, 1, 2, 3]) w.byte(Op.localGet).u32(l);
    w.byte(Op.call).u32(helper('__apg_eval_prepare')).byte(Op.globalSet).u32(sessionInput).byte(Op.end);
    add(sessionStartIndex, typeIndex([I32, I32, I32, I32], []), w.finish());
  }
  // apg_session_start_value(data, input, heap_ptr): the same with the input already a value, which
  // the host wrote into memory below heap_ptr (src/policy/wasm-write.ts) instead of a JSON text
  const sessionStartValueIndex = nextFunc++;
  {
    const w = new ByteWriter().u32(0);
    resetGlobals(w);
    for (const l of [0, 1, 2]) w.byte(Op.localGet).u32(l);
    w.byte(Op.call).u32(helper('__apg_eval_prepare_value')).byte(Op.globalSet).u32(sessionInput).byte(Op.end);
    add(sessionStartValueIndex, typeIndex([I32, I32, I32], []), w.finish());
  }
  // The entrypoint in local 0 evaluated on the session's input into a result set of its own, then
  // __apg_eval_result with the format `pushFormat` puts on the stack.
  const sessionBody = (pushFormat: (w: ByteWriter) => void): Uint8Array => {
    const w = new ByteWriter().u32(0);
    w.byte(Op.call).u32(helper('__apg_session_result'));
    w.byte(Op.localGet).u32(0).byte(Op.globalGet).u32(sessionInput).byte(Op.call).u32(helper('__apg_eval_data'));
    w.byte(Op.call).u32(dispatchIndex);
    pushFormat(w);
    w.byte(Op.call).u32(helper('__apg_eval_result')).byte(Op.end);
    return w.finish();
  };
  // apg_session_eval(entrypoint, format) → result text (as opa_eval's), the heap left where it ends;
  // format 2 makes no text (0): a shared value is evaluated to be memoised, not read
  const sessionEvalIndex = nextFunc++;
  add(sessionEvalIndex, typeIndex([I32, I32], [I32]), sessionBody((w) => w.byte(Op.localGet).u32(1)));
  // apg_session_value(entrypoint) → the result set's address (format 3): the host reads the value
  // from memory (src/policy/wasm-value.ts) instead of a JSON text of it
  const sessionValueIndex = nextFunc++;
  add(sessionValueIndex, typeIndex([I32], [I32]), sessionBody((w) => w.byte(Op.i32Const).sleb(3)));
  // apg_session_release(mark): forget memoised values at or above mark, rewind the heap to it
  const sessionReleaseIndex = nextFunc++;
  {
    const w = new ByteWriter().u32(0);
    for (const g of [...memo.values()].map((x) => x.global)) {
      w.byte(Op.globalGet).u32(g).byte(Op.localGet).u32(0).byte(Op.i32GeU);
      w.byte(Op.if).byte(Op.blockVoid).byte(Op.i32Const).sleb(0).byte(Op.globalSet).u32(g).byte(Op.end);
    }
    w.byte(Op.localGet).u32(0).byte(Op.call).u32(helper('__apg_rewind')).byte(Op.end);
    add(sessionReleaseIndex, typeIndex([I32], []), w.finish());
  }

  // builtins() and entrypoints(): parse JSON kept in the data segment.
  const jsonFunc = (json: string): Uint8Array => {
    const bytes = new TextEncoder().encode(json);
    const at = data.bytes(bytes);
    return new ByteWriter().u32(0).byte(Op.i32Const).sleb(at).byte(Op.i32Const).sleb(bytes.length)
      .byte(Op.call).u32(helper('__apg_parse_static')).byte(Op.end).finish();
  };
  const builtinsMap: Record<string, number> = {};
  for (const [name, id] of hostIds) builtinsMap[(options.opaExactBuiltins ? HOST_NAMES[name] : undefined) ?? name] = id;
  const entrypointsMap: Record<string, number> = {};
  policy.plans.forEach((p, i) => {
    entrypointsMap[p.name] = i;
  });
  const builtinsIndex = nextFunc++;
  add(builtinsIndex, typeIndex([], [I32]), jsonFunc(JSON.stringify(builtinsMap)));
  const entrypointsIndex = nextFunc++;
  add(entrypointsIndex, typeIndex([], [I32]), jsonFunc(JSON.stringify(entrypointsMap)));

  // ---- assemble ----
  generated.sort((a, b) => a.index - b.index);
  generated.forEach((g, i) => {
    if (g.index !== rt.importedFuncs + rt.functions.length + i) throw new Error('wasm link: function indices out of order');
    m.functions.push(g.type);
    m.codes.push(g.body);
  });

  const constants = data.finish();
  const heapStart = data.base + constants.length;
  if (heapStart > SDK_INITIAL_BYTES) {
    throw new Error(`wasm link: the policy's constants need ${heapStart} bytes, more than the SDK's initial memory (${SDK_INITIAL_BYTES})`);
  }
  m.data.push(dataSegment(data.base, constants));
  // The imported memory must at least hold the data segments: say so in its limits, so a smaller
  // memory fails to link with a clear message instead of trapping on data initialisation.
  m.imports = rt.imports.map((imp) => {
    if (imp.kind !== 2) return imp;
    const limits = memoryLimits(imp.desc);
    return { ...imp, desc: encodeMemoryLimits({ ...limits, min: Math.max(limits.min, Math.ceil(heapStart / 65536)) }) };
  });
  const patch = (name: string, value: number): void => {
    const g = runtimeGlobal(name);
    if (constI32Value(m.globals[g].init) === undefined) throw new Error(`wasm link: ${name} is not a constant`);
    m.globals[g] = { ...m.globals[g], init: i32ConstExpr(value) };
  };
  patch('__apg_heap_base', heapStart);
  patch('__apg_heap_ptr', heapStart);
  patch('__apg_strict', options.strictBuiltinErrors ? 1 : 0);
  const maxSteps = options.maxEvalSteps ?? DEFAULT_MAX_EVAL_STEPS;
  if (!(maxSteps > 0) || maxSteps > 2 ** 31 * 1e6) throw new Error(`wasm link: maxEvalSteps must be a positive number (got ${maxSteps})`);
  patch('__apg_max_msteps', Math.ceil(maxSteps / 1e6));

  m.exports = [
    ...rt.exports.filter((e) => e.name === 'memory' || e.name.startsWith('opa_')),
    { name: 'eval', kind: 0, index: evalIndex },
    { name: 'opa_eval', kind: 0, index: opaEvalIndex },
    { name: 'builtins', kind: 0, index: builtinsIndex },
    { name: 'entrypoints', kind: 0, index: entrypointsIndex },
    { name: 'apg_session_start', kind: 0, index: sessionStartIndex },
    { name: 'apg_session_start_value', kind: 0, index: sessionStartValueIndex },
    { name: 'apg_session_eval', kind: 0, index: sessionEvalIndex },
    { name: 'apg_session_value', kind: 0, index: sessionValueIndex },
    { name: 'apg_session_release', kind: 0, index: sessionReleaseIndex },
  ];
  return { wasm: writeModule(m), hostBuiltins: Object.keys(builtinsMap).sort() };
}

function compileFunc(ctx: CodegenContext, f: Func): Uint8Array {
  if (f.params.length < 2) throw new Error(`wasm codegen: function ${f.name} must take (input, data, ...)`);
  const fc = new FunctionCompiler(ctx, f.name, f.params, [...f.blocks, { stmts: [{ type: 'ReturnLocal', source: f.result }] }], f.result);
  for (const b of f.blocks) fc.block(b);
  return fc.finish();
}

/** Cache a rule's value for the rest of the evaluation (never inside `with`). */
function memoWrapper(f: Func, inner: number, global: number, withDepth: number): Uint8Array {
  const w = new ByteWriter().u32(1).u32(1).byte(I32);
  const r = f.params.length;
  const callInner = (): void => {
    for (let i = 0; i < f.params.length; i++) w.byte(Op.localGet).u32(i);
    w.byte(Op.call).u32(inner);
  };
  w.byte(Op.block).byte(Op.blockVoid);
  w.byte(Op.globalGet).u32(withDepth).byte(Op.brIf).u32(0);
  w.byte(Op.globalGet).u32(global).byte(Op.i32Eqz).byte(Op.if).byte(Op.blockVoid);
  callInner();
  w.byte(Op.localSet).u32(r);
  // 1 marks "computed, undefined" (no value lives at address 1).
  w.byte(Op.localGet).u32(r).byte(Op.i32Const).sleb(1).byte(Op.localGet).u32(r).byte(0x1b).byte(Op.globalSet).u32(global);
  w.byte(Op.end);
  w.byte(Op.globalGet).u32(global).byte(Op.i32Const).sleb(1).byte(Op.i32Eq);
  w.byte(Op.if).byte(I32).byte(Op.i32Const).sleb(0).byte(Op.else).byte(Op.globalGet).u32(global).byte(Op.end);
  w.byte(Op.return);
  w.byte(Op.end);
  callInner();
  w.byte(Op.end);
  return w.finish();
}

/**
 * A small reference interpreter of the planner IR (src/compiler/ir.ts) over JS values, so planner
 * output can be checked against OPA's answers without the WASM back end. Implements the execution
 * model of ir.ts and the handful of builtins the planner tests use.
 */
import type { Block, Func, Local, Operand, Policy, Stmt } from '../../../src/compiler/ir';

export type Value = null | boolean | number | string | Value[] | RObject | RSet;

export class RObject {
  readonly entries = new Map<string, [Value, Value]>();
  get(k: Value): Value | undefined { return this.entries.get(keyOf(k))?.[1]; }
  set(k: Value, v: Value): void { this.entries.set(keyOf(k), [k, v]); }
  sorted(): [Value, Value][] { return [...this.entries.values()].sort((a, b) => compare(a[0], b[0])); }
}

export class RSet {
  readonly items = new Map<string, Value>();
  add(v: Value): void { this.items.set(keyOf(v), v); }
  has(v: Value): boolean { return this.items.has(keyOf(v)); }
  sorted(): Value[] { return [...this.items.values()].sort(compare); }
}

const rank = (v: Value): number => v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : typeof v === 'string' ? 3
  : Array.isArray(v) ? 4 : v instanceof RSet ? 5 : 6;

/** OPA's total order over values. */
export function compare(a: Value, b: Value): number {
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'boolean' || typeof a === 'number') return Number(a) - Number(b);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (Array.isArray(a)) {
    const bb = b as Value[];
    for (let i = 0; i < Math.min(a.length, bb.length); i++) { const c = compare(a[i], bb[i]); if (c !== 0) return c; }
    return a.length - bb.length;
  }
  if (a instanceof RObject) {
    const ea = a.sorted(), eb = (b as RObject).sorted();
    for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
      const c = compare(ea[i][0], eb[i][0]) || compare(ea[i][1], eb[i][1]);
      if (c !== 0) return c;
    }
    return ea.length - eb.length;
  }
  const sa = (a as RSet).sorted(), sb = (b as RSet).sorted();
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) { const c = compare(sa[i], sb[i]); if (c !== 0) return c; }
  return sa.length - sb.length;
}

function keyOf(v: Value): string {
  return JSON.stringify(toJS(v, true));
}

/** Rego value → JSON-like JS (sets become sorted arrays; `tagged` keeps kinds apart for keys). */
export function toJS(v: Value, tagged = false): unknown {
  if (Array.isArray(v)) return v.map((x) => toJS(x, tagged));
  if (v instanceof RSet) { const items = v.sorted().map((x) => toJS(x, tagged)); return tagged ? { $set: items } : items; }
  if (v instanceof RObject) {
    if (tagged) return { $obj: v.sorted().map(([k, x]) => [toJS(k, true), toJS(x, true)]) };
    const out: Record<string, unknown> = {};
    for (const [k, x] of v.sorted()) out[typeof k === 'string' ? k : JSON.stringify(toJS(k))] = toJS(x);
    return out;
  }
  return v;
}

export function fromJS(v: unknown): Value {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(fromJS);
  const o = new RObject();
  for (const [k, x] of Object.entries(v as object)) o.set(k, fromJS(x));
  return o;
}

const equal = (a: Value, b: Value): boolean => keyOf(a) === keyOf(b);

export class RegoRuntimeError extends Error {}

type U = Value | undefined;
const BUILTINS: Record<string, (...args: Value[]) => U> = {
  plus: (a, b) => num2(a, b, (x, y) => x + y), minus: (a, b) => {
    if (a instanceof RSet && b instanceof RSet) { const s = new RSet(); a.sorted().forEach((x) => { if (!b.has(x)) s.add(x); }); return s; }
    return num2(a, b, (x, y) => x - y);
  },
  mul: (a, b) => num2(a, b, (x, y) => x * y), div: (a, b) => num2(a, b, (x, y) => { if (y === 0) throw new RegoRuntimeError('div: divide by zero'); return x / y; }),
  rem: (a, b) => num2(a, b, (x, y) => x % y),
  or: (a, b) => { if (!(a instanceof RSet) || !(b instanceof RSet)) return undefined; const s = new RSet(); [...a.sorted(), ...b.sorted()].forEach((x) => s.add(x)); return s; },
  and: (a, b) => { if (!(a instanceof RSet) || !(b instanceof RSet)) return undefined; const s = new RSet(); a.sorted().forEach((x) => { if (b.has(x)) s.add(x); }); return s; },
  equal: (a, b) => equal(a, b), neq: (a, b) => !equal(a, b),
  lt: (a, b) => compare(a, b) < 0, lte: (a, b) => compare(a, b) <= 0, gt: (a, b) => compare(a, b) > 0, gte: (a, b) => compare(a, b) >= 0,
  count: (a) => Array.isArray(a) ? a.length : a instanceof RObject ? a.entries.size : a instanceof RSet ? a.items.size : typeof a === 'string' ? [...a].length : undefined,
  sum: (a) => Array.isArray(a) ? a.reduce<number>((s, x) => s + (x as number), 0) : a instanceof RSet ? a.sorted().reduce<number>((s, x) => s + (x as number), 0) : undefined,
  'internal.member_2': (x, c) => members(c).some(([, v]) => equal(v, x)),
  'internal.member_3': (k, x, c) => members(c).some(([kk, v]) => equal(kk, k) && equal(v, x)),
  concat: (sep, xs) => members(xs).map(([, v]) => v as string).join(sep as string),
  startswith: (s, p) => typeof s === 'string' && typeof p === 'string' ? s.startsWith(p) : undefined,
  endswith: (s, p) => typeof s === 'string' && typeof p === 'string' ? s.endsWith(p) : undefined,
  contains: (s, p) => typeof s === 'string' && typeof p === 'string' ? s.includes(p) : undefined,
  lower: (s) => typeof s === 'string' ? s.toLowerCase() : undefined,
  upper: (s) => typeof s === 'string' ? s.toUpperCase() : undefined,
  sprintf: (f, args) => {
    const list = args as Value[];
    let i = 0;
    return (f as string).replace(/%[sdv]/g, () => { const v = list[i++]; return typeof v === 'string' ? v : JSON.stringify(toJS(v)); });
  },
  'object.get': (o, k, d) => { const v = o instanceof RObject ? o.get(k) : undefined; return v === undefined ? d : v; },
  'array.concat': (a, b) => Array.isArray(a) && Array.isArray(b) ? [...a, ...b] : undefined,
  'numbers.range': (a, b) => { const out: Value[] = []; const s = a as number, e = b as number; for (let i = s; s <= e ? i <= e : i >= e; s <= e ? i++ : i--) out.push(i); return out; },
  is_string: (a) => typeof a === 'string',
};

function num2(a: Value, b: Value, f: (x: number, y: number) => number): U {
  return typeof a === 'number' && typeof b === 'number' ? f(a, b) : undefined;
}

function members(c: Value): [Value, Value][] {
  if (Array.isArray(c)) return c.map((v, i) => [i, v]);
  if (c instanceof RObject) return c.sorted();
  if (c instanceof RSet) return c.sorted().map((v) => [v, v]);
  return [];
}

type Outcome = 'ok' | 'undefined' | number;

class Frame {
  readonly locals = new Map<Local, Value>();
}

class ReturnSignal { constructor(readonly value: U) {} }

export class IRInterpreter {
  private readonly funcs = new Map<string, Func>();
  private memo = new Map<string, U>();
  private results: Value[] = [];
  /** Memoised results are neither read nor written under `with`. */
  private withDepth = 0;
  /** Number of Func invocations that were not served from the memo (for tests of re-evaluation). */
  calls = new Map<string, number>();

  constructor(private readonly policy: Policy) {
    for (const f of policy.funcs) this.funcs.set(f.name, f);
  }

  evaluate(entrypoint: string, input: unknown, data: unknown = {}): unknown[] {
    const plan = this.policy.plans.find((p) => p.name === entrypoint);
    if (!plan) throw new Error(`no plan ${entrypoint}`);
    this.memo = new Map();
    this.results = [];
    const frame = new Frame();
    if (input !== undefined) frame.locals.set(0, fromJS(input));
    frame.locals.set(1, fromJS(data));
    for (const b of plan.blocks) this.block(b, frame);
    return this.results.map((r) => toJS(r));
  }

  private op(o: Operand, f: Frame): U {
    if (o.kind === 'local') return f.locals.get(o.local);
    if (o.kind === 'bool') return o.value;
    return this.policy.static.strings[o.index];
  }

  private block(b: Block, f: Frame): 'end' | 'left' | number {
    for (const s of b.stmts) {
      const r = this.stmt(s, f);
      if (r === 'undefined') return 'left';
      if (typeof r === 'number') return r === 0 ? 'left' : r - 1;
    }
    return 'end';
  }

  private blocks(bs: Block[], f: Frame): Outcome {
    for (const b of bs) {
      const r = this.block(b, f);
      if (typeof r === 'number') return r;
    }
    return 'ok';
  }

  private call(name: string, args: U[], loc?: { row: number; col: number }): U {
    const func = this.funcs.get(name);
    if (!func) {
      const impl = BUILTINS[name];
      if (!impl) throw new Error(`interpreter: builtin ${name} not implemented`);
      if (args.some((a) => a === undefined)) return undefined;
      return impl(...(args as Value[]));
    }
    const useMemo = func.memoize && this.withDepth === 0;
    if (useMemo && this.memo.has(name)) return this.memo.get(name);
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    const frame = new Frame();
    func.params.forEach((p, i) => { if (args[i] !== undefined) frame.locals.set(p, args[i] as Value); });
    let result: U;
    try {
      this.blocks(func.blocks, frame);
      result = frame.locals.get(func.result);
    } catch (e) {
      if (!(e instanceof ReturnSignal)) throw e;
      result = e.value;
    }
    void loc;
    if (useMemo) this.memo.set(name, result);
    return result;
  }

  private stmt(s: Stmt, f: Frame): Outcome {
    const L = f.locals;
    const def = (ok: boolean): Outcome => (ok ? 'ok' : 'undefined');
    switch (s.type) {
      case 'ReturnLocal': throw new ReturnSignal(L.get(s.source));
      case 'Call': {
        const v = this.call(s.func, s.args.map((a) => this.op(a, f)), s.loc);
        if (v === undefined) return 'undefined';
        L.set(s.result, v);
        return 'ok';
      }
      case 'Block': return this.blocks(s.blocks, f);
      case 'Break': return s.index;
      case 'Dot': {
        const src = this.op(s.source, f), key = this.op(s.key, f);
        let v: U;
        if (src instanceof RObject && key !== undefined) v = src.get(key);
        else if (Array.isArray(src) && typeof key === 'number' && Number.isInteger(key)) v = src[key];
        else if (src instanceof RSet && key !== undefined && src.has(key)) v = key;
        if (v === undefined) return 'undefined';
        L.set(s.target, v);
        return 'ok';
      }
      case 'Len': {
        const src = this.op(s.source, f);
        const n = src === undefined ? undefined : BUILTINS.count(src);
        if (n === undefined) return 'undefined';
        L.set(s.target, n);
        return 'ok';
      }
      case 'Scan': {
        for (const [k, v] of members(L.get(s.source) ?? null)) {
          L.set(s.key, k);
          L.set(s.value, v);
          const r = this.block(s.block, f);
          if (typeof r === 'number') return r;
        }
        return 'ok';
      }
      case 'Not': {
        const r = this.block(s.block, f);
        if (typeof r === 'number') return r;
        return def(r !== 'end');
      }
      case 'AssignInt': L.set(s.target, s.value); return 'ok';
      case 'AssignVar': { const v = this.op(s.source, f); if (v === undefined) L.delete(s.target); else L.set(s.target, v); return 'ok'; }
      case 'AssignVarOnce': {
        const v = this.op(s.source, f);
        const cur = L.get(s.target);
        if (v === undefined) return 'ok';
        if (cur === undefined) { L.set(s.target, v); return 'ok'; }
        if (!equal(cur, v)) {
          throw new RegoRuntimeError(s.message === 'function'
            ? 'eval_conflict_error: functions must not produce multiple outputs for same inputs'
            : 'eval_conflict_error: complete rules must not produce multiple outputs');
        }
        return 'ok';
      }
      case 'ResetLocal': L.delete(s.target); return 'ok';
      case 'MakeNull': L.set(s.target, null); return 'ok';
      case 'MakeNumberInt': L.set(s.target, s.value); return 'ok';
      case 'MakeNumberRef': L.set(s.target, Number(this.policy.static.strings[s.index])); return 'ok';
      case 'MakeArray': L.set(s.target, []); return 'ok';
      case 'MakeObject': L.set(s.target, new RObject()); return 'ok';
      case 'MakeSet': L.set(s.target, new RSet()); return 'ok';
      case 'Equal': case 'NotEqual': {
        const a = this.op(s.a, f), b = this.op(s.b, f);
        if (a === undefined || b === undefined) return 'undefined';
        return def(equal(a, b) === (s.type === 'Equal'));
      }
      case 'IsArray': return def(Array.isArray(this.op(s.source, f)));
      case 'IsObject': return def(this.op(s.source, f) instanceof RObject);
      case 'IsSet': return def(this.op(s.source, f) instanceof RSet);
      case 'IsDefined': return def(L.get(s.source) !== undefined);
      case 'IsUndefined': return def(L.get(s.source) === undefined);
      case 'ArrayAppend': (L.get(s.array) as Value[]).push(this.op(s.value, f) as Value); return 'ok';
      case 'ObjectInsert': (L.get(s.object) as RObject).set(this.op(s.key, f) as Value, this.op(s.value, f) as Value); return 'ok';
      case 'ObjectInsertOnce': {
        const o = L.get(s.object) as RObject;
        const k = this.op(s.key, f) as Value, v = this.op(s.value, f) as Value;
        const cur = o.get(k);
        if (cur !== undefined && !equal(cur, v)) throw new RegoRuntimeError('eval_conflict_error: object keys must be unique');
        o.set(k, v);
        return 'ok';
      }
      case 'ObjectMerge': {
        const a = L.get(s.a), b = L.get(s.b);
        if (a === undefined || b === undefined) return 'undefined';
        L.set(s.target, merge(a, b));
        return 'ok';
      }
      case 'SetAdd': (L.get(s.set) as RSet).add(this.op(s.value, f) as Value); return 'ok';
      case 'ResultSetAdd': this.results.push(L.get(s.value) as Value); return 'ok';
      case 'With': {
        const saved = L.get(s.local);
        const path = s.path.map((i) => this.policy.static.strings[i]);
        L.set(s.local, upsert(saved, path, this.op(s.value, f) as Value));
        this.withDepth++;
        try {
          const r = this.block(s.block, f);
          return typeof r === 'number' ? r : 'ok';
        } finally {
          this.withDepth--;
          if (saved === undefined) L.delete(s.local); else L.set(s.local, saved);
        }
      }
      case 'Nop': return 'ok';
    }
  }
}

/** A copy of `doc` with `path` set to `value` (objects created along the way). */
function upsert(doc: Value | undefined, path: string[], value: Value): Value {
  if (path.length === 0) return value;
  const out = new RObject();
  if (doc instanceof RObject) for (const [k, v] of doc.sorted()) out.set(k, v);
  out.set(path[0], upsert(doc instanceof RObject ? doc.get(path[0]) : undefined, path.slice(1), value));
  return out;
}

function merge(a: Value, b: Value): Value {
  if (!(a instanceof RObject) || !(b instanceof RObject)) return a;
  const out = new RObject();
  for (const [k, v] of b.sorted()) out.set(k, v);
  for (const [k, v] of a.sorted()) { const other = b.get(k); out.set(k, other === undefined ? v : merge(v, other)); }
  return out;
}

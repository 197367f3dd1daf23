/**
 * Plans expressions and terms of one Func or Plan into IR statements. Evaluation is planned in
 * continuation-passing style, as OPA's planner does: each step emits its statements and then plans
 * the rest of the query inside them, so iteration (Scan) nests the remainder of the body in its
 * block and an undefined step simply leaves the enclosing block.
 */
import { CompileError, unsupported, type Body, type Expr, type Location, type Term, type VarTerm } from '../ast';
import { DATA, INPUT, type Block, type Local, type Operand, type Stmt } from '../ir';
import { builtinArity, RELATIONS, SET_RESULTS, UNAVAILABLE } from '../builtins';
import { isWildcard, sourceName, varsOfTerm } from '../check/terms';
import { dataKeyName, type RuleNode } from '../check/rule-tree';
import { Scope } from './scope';
import { planWith } from './with';

/** What a body planner needs from the policy being planned. */
export interface PlanContext {
  string(value: string): number;
  loc(l: Location): { file: number; row: number; col: number };
  /** Func name of the rule group at a document node (planned on demand). */
  ruleFunc(node: RuleNode, mocks?: Mocks): string;
  /** Func name computing the whole document at a node (rules merged with base data). */
  /**
   * Func name computing the whole document at a node (rules merged with base data). With a
   * `pattern` (the rest of a ref: names, null for dynamic keys), rules that cannot match it are
   * left out, so that `data[x].allow` does not evaluate the rule reading it.
   */
  documentFunc(node: RuleNode, mocks?: Mocks, pattern?: (string | null)[]): string;
  /**
   * Func name of a memoised zero-argument Func calling function `node` with `args`, terms that do
   * not depend on local variables (so their value is the same throughout one evaluation).
   */
  invariantCallFunc(node: RuleNode, args: Term[], mocks?: Mocks): string;
  /** Func name of a memoised zero-argument Func building the constant composite term `t`. */
  constantFunc(t: Term): string;
  /** A number not handed out before (names of planner-made documents). */
  uniqueId(): number;
  /** Registers a builtin call. */
  builtin(name: string, arity: number): void;
  root: RuleNode;
  findNode(path: string[]): RuleNode | undefined;
}

/**
 * What `with` replaces while an expression is planned: a function (`count`, `data.lib.f`) or a rule
 * (`data.pkg.r`) by a value term (depending on no local variable), or a function by another one.
 */
export type Mock = { kind: 'value'; term: Term } | { kind: 'function'; operator: string[] };
export type Mocks = ReadonlyMap<string, Mock>;
export const NO_MOCKS: Mocks = new Map();

type Cont = () => void;
type ValueCont = (value: Operand) => void;

const NO_LOC: Location = { file: '<planner>', row: 1, col: 1 };
const FALSE: Operand = { kind: 'bool', value: false };
const TRUE: Operand = { kind: 'bool', value: true };
const local = (l: Local): Operand => ({ kind: 'local', local: l });

export class BodyPlanner {
  private nextLocal: number;
  private stmts: Stmt[] = [];
  /** Blocks opened since the last `resetDepth` (for Break indices). */
  depth = 0;
  scope = new Scope();

  constructor(readonly ctx: PlanContext, firstFree: number, public mocks: Mocks = NO_MOCKS) {
    this.nextLocal = firstFree;
  }

  newLocal(): Local {
    return this.nextLocal++;
  }

  emit(stmt: Stmt): void {
    this.stmts.push(stmt);
  }

  /** Plans `fn` into a fresh block (one level deeper). */
  block(fn: () => void): Block {
    const saved = this.stmts;
    const block: Block = { stmts: [] };
    this.stmts = block.stmts;
    this.depth++;
    try { fn(); } finally { this.depth--; this.stmts = saved; }
    return block;
  }

  /** Plans `fn` with a child scope whose bindings are dropped afterwards. */
  scoped(fn: () => void): void {
    const saved = this.scope;
    this.scope = saved.child();
    try { fn(); } finally { this.scope = saved; }
  }

  toLocal(op: Operand): Local {
    if (op.kind === 'local') return op.local;
    const target = this.newLocal();
    this.emit({ type: 'AssignVar', source: op, target });
    return target;
  }

  // ------------------------------------------------------------ bodies and expressions

  planBody(body: Body, cont: Cont, i = 0): void {
    if (i === body.length) { cont(); return; }
    this.planExpr(body[i], () => this.planBody(body, cont, i + 1));
  }

  planExpr(e: Expr, cont: Cont): void {
    if (e.with.length > 0) { planWith(this, e, cont); return; }
    if (e.negated) {
      const block = this.block(() => this.scoped(() => this.planExpr({ ...e, negated: false }, () => undefined)));
      this.emit({ type: 'Not', block });
      cont();
      return;
    }
    switch (e.type) {
      case 'some': e.vars.forEach((v) => this.scope.declare(v.name)); cont(); return;
      case 'term': this.planTermExpr(e.term, cont); return;
      case 'unify': this.planUnify(e.left, e.right, cont); return;
      case 'assign':
        varsOfTerm(e.left).forEach((v) => this.scope.declare(v.name));
        this.planUnify(e.left, e.right, cont);
        return;
      case 'somein': this.planSomeIn(e, cont); return;
      case 'every': this.planEvery(e, cont); return;
    }
  }

  private planTermExpr(t: Term, cont: Cont): void {
    if (t.type === 'call') {
      const name = t.operator.join('.');
      if ((name === 'equal' || name === 'neq') && t.args.length === 2) {
        this.planTerms(t.args, ([a, b]) => {
          this.emit({ type: name === 'equal' ? 'Equal' : 'NotEqual', a, b });
          cont();
        });
        return;
      }
      const arity = this.arity(t);
      if (t.args.length === arity + 1) {
        this.planCall(t, t.args.slice(0, arity), (r) => this.planUnifyValue(t.args[arity], r, cont));
        return;
      }
    }
    this.planTerm(t, (v) => {
      this.emit({ type: 'NotEqual', a: v, b: FALSE });
      cont();
    });
  }

  private planSomeIn(e: Extract<Expr, { type: 'somein' }>, cont: Cont): void {
    const names = [...(e.key ? varsOfTerm(e.key) : []), ...varsOfTerm(e.value)];
    this.planTerm(e.collection, (coll) => {
      names.forEach((v) => this.scope.declare(v.name));
      const source = this.toLocal(coll);
      const key = this.newLocal();
      const value = this.newLocal();
      const block = this.block(() => {
        const bindValue = (): void => this.planUnifyValue(e.value, local(value), cont);
        if (e.key) this.planUnifyValue(e.key, local(key), bindValue);
        else bindValue();
      });
      this.emit({ type: 'Scan', source, key, value, block });
    });
  }

  /**
   * `every k, v in dom { body }`: the domain must be defined; a flag records the first element for
   * which the body fails, and a Break stops the scan there.
   */
  private planEvery(e: Extract<Expr, { type: 'every' }>, cont: Cont): void {
    this.planTerm(e.domain, (dom) => {
      const source = this.toLocal(dom);
      // A domain that is not a collection (a number, a string, ...) makes `every` undefined, as in OPA.
      const iterable = this.newLocal();
      this.emit({ type: 'ResetLocal', target: iterable });
      this.emit({ type: 'Block', blocks: (['IsArray', 'IsObject', 'IsSet'] as const).map((type) => ({ stmts: [
        { type, source: local(source) }, { type: 'AssignVar', source: TRUE, target: iterable },
      ] })) });
      this.emit({ type: 'IsDefined', source: iterable });
      const failed = this.newLocal();
      this.emit({ type: 'ResetLocal', target: failed });
      const start = this.depth;
      const outer = this.block(() => {
        const key = this.newLocal();
        const value = this.newLocal();
        const scan = this.block(() => this.scoped(() => {
          const names = [...(e.key ? varsOfTerm(e.key) : []), ...varsOfTerm(e.value)];
          names.forEach((v) => this.scope.declare(v.name));
          const check = (): void => {
            const body = this.block(() => this.scoped(() => this.planBody(e.body, () => undefined)));
            this.emit({ type: 'Not', block: body });
            this.emit({ type: 'AssignVar', source: TRUE, target: failed });
            this.emit({ type: 'Break', index: this.depth - start - 1 });
          };
          const bindValue = (): void => this.planUnifyValue(e.value, local(value), check);
          if (e.key) this.planUnifyValue(e.key, local(key), bindValue);
          else bindValue();
        }));
        this.emit({ type: 'Scan', source, key, value, block: scan });
      });
      this.emit({ type: 'Block', blocks: [outer] });
      this.emit({ type: 'IsUndefined', source: failed });
      cont();
    });
  }

  // ------------------------------------------------------------ unification

  private bound(v: VarTerm): Operand | undefined {
    if (isWildcard(v.name)) return undefined;
    if (v.name === 'input' && !this.scope.lookup('input')) return local(INPUT);
    return this.scope.lookup(v.name);
  }

  private isRootVar(v: VarTerm): boolean {
    return (v.name === 'input' || v.name === 'data') && !this.scope.lookup(v.name);
  }

  /** A var, or array/object pattern, with at least one unbound variable in a binding position. */
  private hasUnbound(t: Term): boolean {
    if (t.type === 'var') return !this.isRootVar(t) && this.bound(t) === undefined;
    if (t.type === 'array') return t.items.some((i) => this.hasUnbound(i));
    if (t.type === 'object') return t.items.some(([, v]) => this.hasUnbound(v));
    return false;
  }

  /** Can be evaluated now (only ref paths may still bind variables, by iteration). */
  private evaluable(t: Term): boolean {
    switch (t.type) {
      case 'var': return this.isRootVar(t) || this.bound(t) !== undefined;
      case 'array': case 'set': return t.items.every((i) => this.evaluable(i));
      case 'object': return t.items.every(([k, v]) => this.evaluable(k) && this.evaluable(v));
      case 'ref': return t.head.type === 'var' ? this.evaluable(t.head) : this.evaluable(t.head);
      case 'call': return t.args.every((a) => this.evaluable(a));
      default: return true;
    }
  }

  planUnify(a: Term, b: Term, cont: Cont): void {
    if (a.type === 'array' && b.type === 'array') {
      if (a.items.length !== b.items.length) { this.never(); return; }
      const step = (i: number): void => {
        if (i === a.items.length) cont();
        else this.planUnify(a.items[i], b.items[i], () => step(i + 1));
      };
      step(0);
      return;
    }
    if (a.type === 'object' && b.type === 'object' && this.hasUnbound(a) && this.hasUnbound(b)) {
      // Two patterns: pair the values of equal constant keys, as for arrays.
      if (![...a.items, ...b.items].every(([k]) => isConstant(k))) throw new CompileError(a.loc, 'unsupported: unification of object patterns with variable keys');
      const key = (k: Term): string => JSON.stringify(k, (name, v) => (name === 'loc' ? undefined : v));
      const other = new Map(b.items.map(([k, v]) => [key(k), v]));
      if (a.items.length !== b.items.length || a.items.some(([k]) => !other.has(key(k)))) { this.never(); return; }
      const step = (i: number): void => {
        if (i === a.items.length) cont();
        else this.planUnify(a.items[i][1], other.get(key(a.items[i][0]))!, () => step(i + 1));
      };
      step(0);
      return;
    }
    if (this.hasUnbound(a) && this.evaluable(b)) { this.planTerm(b, (v) => this.planUnifyValue(a, v, cont)); return; }
    if (this.hasUnbound(b) && this.evaluable(a)) { this.planTerm(a, (v) => this.planUnifyValue(b, v, cont)); return; }
    if (this.evaluable(a)) { this.planTerm(a, (v) => this.planUnifyValue(b, v, cont)); return; }
    this.planTerm(b, (v) => this.planUnifyValue(a, v, cont));
  }

  /** A statement that is never defined (statically false unification). */
  private never(): void {
    this.emit({ type: 'Equal', a: TRUE, b: FALSE });
  }

  planUnifyValue(pattern: Term, value: Operand, cont: Cont): void {
    if (pattern.type === 'var' && !this.isRootVar(pattern)) {
      const bound = this.bound(pattern);
      if (bound) this.emit({ type: 'Equal', a: bound, b: value });
      else if (!isWildcard(pattern.name)) this.scope.bind(pattern.name, value);
      cont();
      return;
    }
    if (pattern.type === 'array' && this.hasUnbound(pattern)) {
      const source = this.toLocal(value);
      this.emit({ type: 'IsArray', source: local(source) });
      this.equalLength(source, pattern.items.length);
      const step = (i: number): void => {
        if (i === pattern.items.length) { cont(); return; }
        const index = this.newLocal();
        const item = this.newLocal();
        this.emit({ type: 'MakeNumberInt', value: i, target: index });
        this.emit({ type: 'Dot', source: local(source), key: local(index), target: item });
        this.planUnifyValue(pattern.items[i], local(item), () => step(i + 1));
      };
      step(0);
      return;
    }
    if (pattern.type === 'object' && this.hasUnbound(pattern)) {
      const source = this.toLocal(value);
      this.emit({ type: 'IsObject', source: local(source) });
      this.equalLength(source, pattern.items.length);
      const step = (i: number): void => {
        if (i === pattern.items.length) { cont(); return; }
        const [k, v] = pattern.items[i];
        this.planTerm(k, (key) => {
          const item = this.newLocal();
          this.emit({ type: 'Dot', source: local(source), key, target: item });
          this.planUnifyValue(v, local(item), () => step(i + 1));
        });
      };
      step(0);
      return;
    }
    this.planTerm(pattern, (p) => {
      this.emit({ type: 'Equal', a: p, b: value });
      cont();
    });
  }

  private equalLength(source: Local, n: number): void {
    const len = this.newLocal();
    const want = this.newLocal();
    this.emit({ type: 'Len', source: local(source), target: len });
    this.emit({ type: 'MakeNumberInt', value: n, target: want });
    this.emit({ type: 'Equal', a: local(len), b: local(want) });
  }

  // ------------------------------------------------------------ terms

  /**
   * Plans terms left to right, except that a term reading a variable another one binds (by
   * iteration: `foo == xs[foo]`) waits until that one is planned, as OPA's safety reordering allows.
   */
  planTerms(terms: Term[], cont: (values: Operand[]) => void, done: (Operand | undefined)[] = terms.map(() => undefined)): void {
    const pending = terms.map((_, i) => i).filter((i) => done[i] === undefined);
    if (pending.length === 0) { cont(done as Operand[]); return; }
    const next = pending.find((i) => this.evaluable(terms[i])) ?? pending[0];
    this.planTerm(terms[next], (v) => {
      const now = [...done];
      now[next] = v;
      this.planTerms(terms, cont, now);
    });
  }

  planTerm(t: Term, cont: ValueCont): void {
    if ((t.type === 'array' || t.type === 'set' || t.type === 'object') && t.items.length > 0 && isConstant(t)) {
      // Built once per evaluation rather than at every iteration that reaches it.
      const result = this.newLocal();
      this.emit({ type: 'Call', func: this.ctx.constantFunc(t), args: [local(INPUT), local(DATA)], result });
      cont(local(result));
      return;
    }
    this.planTermNow(t, cont);
  }

  /** Plans a term in place (no hoisting of constants). */
  planTermNow(t: Term, cont: ValueCont): void {
    switch (t.type) {
      case 'null': { const target = this.newLocal(); this.emit({ type: 'MakeNull', target }); cont(local(target)); return; }
      case 'boolean': cont({ kind: 'bool', value: t.value }); return;
      case 'string': cont({ kind: 'string', index: this.ctx.string(t.value) }); return;
      case 'number': cont(local(this.number(t.text))); return;
      case 'var': {
        if (this.isRootVar(t)) {
          if (t.name === 'input') {
            // A bare `input` when none was given is undefined, like any missing document.
            this.emit({ type: 'IsDefined', source: INPUT });
            cont(this.rootValue(INPUT));
          }
          else this.planDataRef([], cont);
          return;
        }
        const v = this.bound(t);
        if (!v) throw new CompileError(t.loc, `rego_unsafe_var_error: var ${sourceName(t.name)} is unsafe`);
        cont(v);
        return;
      }
      case 'ref': this.planRef(t, cont); return;
      case 'array': this.planTerms(t.items, (items) => {
        const target = this.newLocal();
        this.emit({ type: 'MakeArray', capacity: items.length, target });
        items.forEach((value) => this.emit({ type: 'ArrayAppend', value, array: target }));
        cont(local(target));
      }); return;
      case 'set': this.planTerms(t.items, (items) => {
        const target = this.newLocal();
        this.emit({ type: 'MakeSet', target });
        items.forEach((value) => this.emit({ type: 'SetAdd', value, set: target }));
        cont(local(target));
      }); return;
      case 'object': this.planTerms(t.items.flat(), (kvs) => {
        const target = this.newLocal();
        this.emit({ type: 'MakeObject', target });
        for (let i = 0; i < kvs.length; i += 2) this.emit({ type: 'ObjectInsert', key: kvs[i], value: kvs[i + 1], object: target });
        cont(local(target));
      }); return;
      case 'arraycomp': case 'setcomp': case 'objectcomp': this.planComprehension(t, cont); return;
      case 'call': {
        const arity = this.arity(t);
        if (t.args.length !== arity) throw new CompileError(t.loc, `rego_type_error: ${t.operator.join('.')}: too many arguments`);
        this.planCall(t, t.args, cont);
        return;
      }
    }
  }

  private number(text: string): Local {
    const target = this.newLocal();
    const n = Number(text);
    if (/^-?\d+$/.test(text) && Number.isSafeInteger(n)) this.emit({ type: 'MakeNumberInt', value: n, target });
    else this.emit({ type: 'MakeNumberRef', index: this.ctx.string(text), target });
    return target;
  }

  private planComprehension(t: Extract<Term, { type: 'arraycomp' | 'setcomp' | 'objectcomp' }>, cont: ValueCont): void {
    const target = this.newLocal();
    this.emit(t.type === 'arraycomp' ? { type: 'MakeArray', capacity: 0, target } : t.type === 'setcomp' ? { type: 'MakeSet', target } : { type: 'MakeObject', target });
    const block = this.block(() => this.scoped(() => this.planBody(t.body, () => {
      if (t.type === 'arraycomp') this.planTerm(t.term, (value) => this.emit({ type: 'ArrayAppend', value, array: target }));
      else if (t.type === 'setcomp') this.planTerm(t.term, (value) => this.emit({ type: 'SetAdd', value, set: target }));
      else this.planTerms([t.key, t.value], ([key, value]) => this.emit({ type: 'ObjectInsertOnce', key, value, object: target, loc: this.ctx.loc(t.loc) }));
    })));
    this.emit({ type: 'Block', blocks: [block] });
    cont(local(target));
  }

  private arity(t: Extract<Term, { type: 'call' }>): number {
    if (t.operator[0] === 'data') {
      const group = this.ctx.findNode(t.operator.slice(1))?.group;
      if (!group || group.kind !== 'function') throw new CompileError(t.loc, `rego_type_error: undefined function ${t.operator.join('.')}`);
      return group.arity;
    }
    return builtinArityAt(t.operator.join('.'), t.loc);
  }

  private planCall(t: Extract<Term, { type: 'call' }>, args: Term[], cont: ValueCont): void {
    const mock = this.mocks.get(t.operator.join('.'));
    if (mock?.kind === 'value') {
      // The arguments must still be defined; the function itself is not called.
      this.planTerms(args, (ops) => {
        for (const op of ops) if (op.kind === 'local') this.emit({ type: 'IsDefined', source: op.local });
        this.planTerm(mock.term, cont);
      });
      return;
    }
    if (mock?.kind === 'function') {
      // The arguments see the mocks; the replacement runs without them (a mock does not call another mock).
      this.planTerms(args, (ops) => cont(local(this.emitCall(mock.operator, ops, t.loc, NO_MOCKS))));
      return;
    }
    if (t.operator[0] === 'data' && args.length > 0 && args.every((a) => this.invariant(a))) {
      // Same arguments all evaluation long: call once through a memoised wrapper (OPA caches such calls too).
      const node = this.ctx.findNode(t.operator.slice(1))!;
      const result = this.newLocal();
      this.emit({ type: 'Call', func: this.ctx.invariantCallFunc(node, args, this.mocks), args: [local(INPUT), local(DATA)], result, loc: this.ctx.loc(t.loc) });
      cont(local(result));
      return;
    }
    if (RELATIONS.has(t.operator.join('.'))) {
      // walk(x, [p, v]) / [p, v] := walk(x): one result per element of what the runtime returns.
      this.planTerms(args, (ops) => {
        const source = this.emitCall(t.operator, ops, t.loc, this.mocks);
        const key = this.newLocal();
        const value = this.newLocal();
        this.emit({ type: 'Scan', source, key, value, block: this.block(() => cont(local(value))) });
      });
      return;
    }
    this.planTerms(args, (ops) => cont(local(this.emitCall(t.operator, ops, t.loc, this.mocks))));
  }

  /** A term whose value depends only on input and data (no local variables, no closures). */
  private invariant(t: Term): boolean {
    switch (t.type) {
      case 'var': return this.isRootVar(t);
      case 'ref': return this.invariant(t.head) && t.path.every((p) => this.invariant(p));
      case 'array': case 'set': return t.items.every((i) => this.invariant(i));
      case 'object': return t.items.every(([k, v]) => this.invariant(k) && this.invariant(v));
      case 'call': return t.args.every((a) => this.invariant(a));
      case 'arraycomp': case 'setcomp': case 'objectcomp': return false;
      default: return true;
    }
  }

  /** A Call of a builtin or of a user function (its variant for `mocks`); returns the result local. */
  private emitCall(operator: string[], ops: Operand[], at: Location, mocks: Mocks): Local {
    const result = this.newLocal();
    const loc = this.ctx.loc(at);
    if (operator[0] === 'data') {
      const node = this.ctx.findNode(operator.slice(1))!;
      this.emit({ type: 'Call', func: this.ctx.ruleFunc(node, mocks), args: [local(INPUT), local(DATA), ...ops], result, loc });
    } else {
      const name = operator.join('.');
      if (Object.prototype.hasOwnProperty.call(UNAVAILABLE, name)) throw unsupported(at, `builtin ${name}`);
      this.ctx.builtin(name, ops.length);
      this.emit({ type: 'Call', func: name, args: ops, result, loc });
      if (SET_RESULTS.has(name)) {
        const set = this.newLocal();
        this.emit({ type: 'Call', func: 'internal.to_set', args: [local(result)], result: set, loc });
        return set;
      }
    }
    return result;
  }

  // ------------------------------------------------------------ references

  planRef(t: Extract<Term, { type: 'ref' }>, cont: ValueCont): void {
    if (t.head.type === 'var' && this.isRootVar(t.head)) {
      if (t.head.name === 'input') {
        // A bare `input` when none was given is undefined, like any missing document.
        if (t.path.length === 0) this.emit({ type: 'IsDefined', source: INPUT });
        this.walkPath(local(INPUT), t.path, 0, cont);
      }
      else this.planDataRef(t.path, cont);
      return;
    }
    this.planTerm(t.head, (head) => this.walkPath(head, t.path, 0, cont));
  }

  /**
   * The value of the input or data local now: a copy, since `with` replaces those locals for a
   * while and a variable bound inside the `with` must keep the value it had there.
   */
  private rootValue(root: Local): Operand {
    const target = this.newLocal();
    this.emit({ type: 'AssignVar', source: local(root), target });
    return local(target);
  }

  /** Dot for known keys, Scan for keys still to bind. */
  walkPath(value: Operand, path: Term[], i: number, cont: ValueCont, baseData = false): void {
    if (i === path.length) {
      cont(value.kind === 'local' && (value.local === INPUT || value.local === DATA) ? this.rootValue(value.local) : value);
      return;
    }
    const el = path[i];
    if (baseData && el.type === 'number' && dataKeyName(el) !== undefined) {
      // Base data is read by path as OPA's store does: `data.a[2]` is key "2" of an object, index 2 of an array.
      const source = this.toLocal(value);
      const target = this.newLocal();
      const item = this.newLocal();
      this.emit({ type: 'ResetLocal', target });
      this.emit({ type: 'Block', blocks: [
        { stmts: [{ type: 'IsObject', source: local(source) }, { type: 'Dot', source: local(source), key: { kind: 'string', index: this.ctx.string(dataKeyName(el)!) }, target: item }, { type: 'AssignVar', source: local(item), target }] },
        { stmts: [{ type: 'IsArray', source: local(source) }, { type: 'Dot', source: local(source), key: local(this.number(el.text)), target: item }, { type: 'AssignVar', source: local(item), target }] },
      ] });
      this.emit({ type: 'IsDefined', source: target });
      this.walkPath(local(target), path, i + 1, cont, baseData);
      return;
    }
    if (this.hasUnbound(el) || (el.type === 'var' && isWildcard(el.name))) {
      const source = this.toLocal(value);
      const key = this.newLocal();
      const item = this.newLocal();
      const block = this.block(() => this.planUnifyValue(el, local(key), () => this.walkPath(local(item), path, i + 1, cont, baseData)));
      this.emit({ type: 'Scan', source, key, value: item, block });
      return;
    }
    this.planTerm(el, (key) => {
      const target = this.newLocal();
      this.emit({ type: 'Dot', source: value, key, target });
      this.walkPath(local(target), path, i + 1, cont, baseData);
    });
  }

  /**
   * A ref into `data`: follows the rule tree while the path is ground; a rule met on the way is
   * called and the rest of the path walked in its value; a key the policy does not define is base
   * data; a dynamic key needs the whole document at that point.
   */
  planDataRef(path: Term[], cont: ValueCont, start: RuleNode = this.ctx.root): void {
    let node = start;
    const base = (): Term[] => [...start.path.map((value): Term => ({ type: 'string', value, loc: path[0]?.loc ?? NO_LOC })), ...path];
    if (node.children.size === 0 && !node.group && !node.package) { this.walkPath(local(DATA), base(), 0, cont, true); return; }
    for (let i = 0; ; i++) {
      const mock = this.mocks.get(['data', ...node.path].join('.'));
      if (mock?.kind === 'value') { this.planTerm(mock.term, (v) => this.walkPath(v, path, i, cont)); return; }
      if (node.group) {
        if (node.group.kind === 'function') throw new CompileError(node.group.loc, `rego_type_error: function ${['data', ...node.path].join('.')} used as a value`);
        const result = this.newLocal();
        this.emit({ type: 'Call', func: this.ctx.ruleFunc(node, this.mocks), args: [local(INPUT), local(DATA)], result });
        this.walkPath(local(result), path, i, cont);
        return;
      }
      if (i === path.length) { cont(local(this.callDocument(node))); return; }
      const el = path[i];
      const name = dataKeyName(el);
      if (name === undefined) { this.walkPath(local(this.callDocument(node, path.slice(i).map((el) => dataKeyName(el) ?? null))), path, i, cont); return; }
      const child = node.children.get(name);
      if (!child) { this.walkPath(local(DATA), base(), 0, cont, true); return; }
      node = child;
    }
  }

  private callDocument(node: RuleNode, pattern?: (string | null)[]): Local {
    const result = this.newLocal();
    this.emit({ type: 'Call', func: this.ctx.documentFunc(node, this.mocks, pattern), args: [local(INPUT), local(DATA)], result });
    return result;
  }
}

/** Scalars and composites of scalars. */
export function isConstant(t: Term): boolean {
  switch (t.type) {
    case 'null': case 'boolean': case 'number': case 'string': return true;
    case 'array': case 'set': return t.items.every(isConstant);
    case 'object': return t.items.every(([k, v]) => isConstant(k) && isConstant(v));
    default: return false;
  }
}

function builtinArityAt(name: string, loc: Location): number {
  const arity = builtinArity(name);
  if (arity === undefined) throw new CompileError(loc, `rego_type_error: undefined function ${name}`);
  return arity;
}

/**
 * Safety and reordering, as OPA's compiler does them (reorderBodyForSafety): an expression is
 * scheduled once every variable it reads is bound, in passes over the body that keep source order
 * whenever possible. Variables left unbound are `rego_unsafe_var_error: var x is unsafe`.
 */
import { CompileError, type Body, type Expr, type Term, type VarTerm } from '../ast';
import { allVarNames, BUILTIN_REF, closuresIn, declaredNames, exprTerms, isGenerated, sourceName, varsOfTerm } from './terms';

export type ArityOf = (operator: string[]) => number | undefined;

const subset = (a: Iterable<string>, b: Set<string>): boolean => {
  for (const x of a) if (!b.has(x)) return false;
  return true;
};

function namesOf(t: Term): string[] {
  return varsOfTerm(t).map((v) => v.name);
}

/** Vars at the binding positions of a pattern (a var, or vars inside array/object patterns). */
function patternVars(t: Term, out: VarTerm[] = []): VarTerm[] {
  if (t.type === 'var') out.push(t);
  else if (t.type === 'array') t.items.forEach((i) => patternVars(i, out));
  else if (t.type === 'object') t.items.forEach(([, v]) => patternVars(v, out));
  return out;
}

const isPattern = (t: Term): boolean => t.type === 'var' || t.type === 'array' || t.type === 'object';

export class SafetyChecker {
  constructor(private readonly arityOf: ArityOf) {}

  /**
   * Reorders `body` given the variables bound before it (`safe`, extended in place with what the
   * body binds) and the names visible from enclosing scopes (`outer`, for closure captures).
   */
  reorder(body: Body, safe: Set<string>, outer: Set<string>): Body {
    const scope = new Set(outer);
    for (const e of body) for (const t of exprTerms(e)) namesOf(t).forEach((n) => scope.add(n));
    const remaining = [...body];
    const reordered: Expr[] = [];
    for (;;) {
      const before = reordered.length;
      for (let i = 0; i < remaining.length;) {
        const e = remaining[i];
        const out = this.outputs(e, safe);
        const bound = new Set([...safe, ...out]);
        if (subset(this.needs(e, scope), bound)) {
          reordered.push(this.reorderClosures(e, bound, scope));
          out.forEach((v) => safe.add(v));
          remaining.splice(i, 1);
        } else {
          i++;
        }
      }
      if (remaining.length === 0) return reordered;
      if (reordered.length === before) throw this.unsafeError(remaining, safe, scope);
    }
  }

  /** Head terms (rule values, comprehension heads) must only use bound variables. */
  checkTerms(terms: Term[], safe: Set<string>): void {
    for (const t of terms) {
      const unsafe = varsOfTerm(t).find((v) => !safe.has(v.name));
      if (unsafe) throw unsafeVar(unsafe);
    }
  }

  private unsafeError(remaining: Expr[], safe: Set<string>, scope: Set<string>): CompileError {
    for (const e of remaining) {
      const bound = new Set([...safe, ...this.outputs(e, safe)]);
      const occurrences = this.needOccurrences(e, scope).filter((v) => !bound.has(v.name));
      const named = occurrences.find((v) => !isGenerated(v.name));
      if (named) return unsafeVar(named);
    }
    return new CompileError(remaining[0].loc, 'rego_unsafe_var_error: expression is unsafe');
  }

  private needs(e: Expr, scope: Set<string>): Set<string> {
    return new Set(this.needOccurrences(e, scope).map((v) => v.name));
  }

  /** Variables an expression reads or binds, including those its closures capture. */
  private needOccurrences(e: Expr, scope: Set<string>): VarTerm[] {
    if (e.type === 'some') return [];
    const occ: VarTerm[] = e.with.flatMap((w) => varsOfTerm(w.value));
    for (const t of exprTerms(e)) {
      occ.push(...varsOfTerm(t));
      for (const c of closuresIn(t)) occ.push(...captured(c.terms, c.body, scope, new Set()));
    }
    if (e.type === 'every') {
      const own = new Set([...(e.key ? namesOf(e.key) : []), ...namesOf(e.value)]);
      occ.push(...captured([], e.body, scope, own));
    }
    return occ.filter((v) => v.name !== 'input' && v.name !== 'data' && !v.name.startsWith(BUILTIN_REF));
  }

  /** Variables an expression binds when scheduled with `safe` bound. */
  outputs(e: Expr, safe: Set<string>): Set<string> {
    const out = new Set<string>();
    if (e.negated) return out;
    const known = (): Set<string> => new Set([...safe, ...out]);
    const addAll = (vs: VarTerm[]): void => vs.forEach((v) => { if (!safe.has(v.name)) out.add(v.name); });
    const ground = (t: Term): boolean => subset(namesOf(t), known());
    for (let size = -1; size !== out.size;) {
      size = out.size;
      switch (e.type) {
        case 'term': {
          const t = e.term;
          if (t.type === 'call') {
            const arity = this.arityOf(t.operator);
            const inputs = arity !== undefined && t.args.length === arity + 1 ? t.args.slice(0, arity) : t.args;
            inputs.forEach((a) => addAll(refOutputs(a, known())));
            if (inputs.length < t.args.length && inputs.every(ground)) addAll(patternVars(t.args[t.args.length - 1]));
          } else {
            addAll(refOutputs(t, known()));
          }
          break;
        }
        case 'unify': case 'assign':
          addAll(refOutputs(e.left, known()));
          addAll(refOutputs(e.right, known()));
          addAll(unifyOutputs(e.left, e.right, known()));
          break;
        case 'somein':
          addAll(refOutputs(e.collection, known()));
          if (ground(e.collection)) {
            if (e.key) addAll(patternVars(e.key));
            addAll(patternVars(e.value));
            if (e.key) addAll(refOutputs(e.key, known()));
            addAll(refOutputs(e.value, known()));
          }
          break;
        default:
          break;
      }
    }
    return out;
  }

  /** Reorders the bodies of the closures of a scheduled expression, with what is bound at that point. */
  private reorderClosures(e: Expr, bound: Set<string>, scope: Set<string>): Expr {
    const term = (t: Term): Term => this.closureTerm(t, bound, scope);
    switch (e.type) {
      case 'term': return { ...e, term: term(e.term) };
      case 'unify': case 'assign': return { ...e, left: term(e.left), right: term(e.right) };
      case 'somein': return { ...e, key: e.key ? term(e.key) : undefined, value: term(e.value), collection: term(e.collection) };
      case 'every': {
        const safe = new Set(bound);
        if (e.key) namesOf(e.key).forEach((n) => safe.add(n));
        namesOf(e.value).forEach((n) => safe.add(n));
        return { ...e, domain: term(e.domain), body: this.reorder(e.body, safe, new Set([...scope, ...safe])) };
      }
      case 'some': return e;
    }
  }

  /** Reorders the closures inside a term evaluated once `bound` is bound (rule heads). */
  closureTerm(t: Term, bound: Set<string>, scope: Set<string>): Term {
    const term = (x: Term): Term => this.closureTerm(x, bound, scope);
    switch (t.type) {
      case 'arraycomp': case 'setcomp': {
        const safe = new Set(bound);
        const body = this.reorder(t.body, safe, scope);
        this.checkTerms([t.term], safe);
        return { ...t, body, term: this.closureTerm(t.term, safe, scope) };
      }
      case 'objectcomp': {
        const safe = new Set(bound);
        const body = this.reorder(t.body, safe, scope);
        this.checkTerms([t.key, t.value], safe);
        return { ...t, body, key: this.closureTerm(t.key, safe, scope), value: this.closureTerm(t.value, safe, scope) };
      }
      case 'ref': return { ...t, head: term(t.head), path: t.path.map(term) };
      case 'array': case 'set': return { ...t, items: t.items.map(term) };
      case 'object': return { ...t, items: t.items.map(([k, v]) => [term(k), term(v)] as [Term, Term]) };
      case 'call': return { ...t, args: t.args.map(term) };
      default: return t;
    }
  }
}

function unsafeVar(v: VarTerm): CompileError {
  if (isGenerated(v.name)) return new CompileError(v.loc, 'rego_unsafe_var_error: expression is unsafe');
  return new CompileError(v.loc, `rego_unsafe_var_error: var ${sourceName(v.name)} is unsafe`);
}

/** Occurrences inside a closure of variables of the enclosing scope (the closure's inputs). */
function captured(terms: Term[], body: Body, scope: Set<string>, own: Set<string>): VarTerm[] {
  const local = new Set([...own, ...declaredNames(body)]);
  const names = allVarNames(body);
  terms.forEach((t) => namesOf(t).forEach((n) => names.add(n)));
  const occ: VarTerm[] = [];
  const firstOcc = new Map<string, VarTerm>();
  const collect = (t: Term): void => {
    for (const v of varsOfTerm(t)) if (!firstOcc.has(v.name)) firstOcc.set(v.name, v);
    for (const c of closuresIn(t)) { c.terms.forEach(collect); c.body.forEach((e) => exprTerms(e).forEach(collect)); }
  };
  terms.forEach(collect);
  const walkBody = (b: Body): void => b.forEach((e) => {
    exprTerms(e).forEach(collect);
    if (e.type === 'every') { if (e.key) collect(e.key); collect(e.value); walkBody(e.body); }
  });
  walkBody(body);
  for (const n of names) {
    if (scope.has(n) && !local.has(n) && n !== 'input' && n !== 'data') {
      const v = firstOcc.get(n);
      if (v) occ.push(v);
    }
  }
  return occ;
}

/** Variables bound by iteration: vars in ref paths whose head is bound (recursively). */
function refOutputs(t: Term, safe: Set<string>, out: VarTerm[] = []): VarTerm[] {
  switch (t.type) {
    case 'ref': {
      const headSafe = t.head.type === 'var' ? safe.has(t.head.name) : subset(namesOf(t.head), safe);
      if (t.head.type !== 'var') refOutputs(t.head, safe, out);
      for (const p of t.path) {
        if (headSafe && isPattern(p)) patternVars(p).forEach((v) => { if (!safe.has(v.name)) out.push(v); });
        else refOutputs(p, safe, out);
      }
      break;
    }
    case 'array': case 'set': t.items.forEach((i) => refOutputs(i, safe, out)); break;
    case 'object': t.items.forEach(([k, v]) => { refOutputs(k, safe, out); refOutputs(v, safe, out); }); break;
    case 'call': t.args.forEach((a) => refOutputs(a, safe, out)); break;
    default: break;
  }
  return out;
}

/** Variables bound by unifying a with b, given the bound set. */
function unifyOutputs(a: Term, b: Term, safe: Set<string>, out: VarTerm[] = []): VarTerm[] {
  const ground = (t: Term): boolean => subset(namesOf(t), safe);
  if (a.type === 'var' && !safe.has(a.name) && ground(b)) out.push(a);
  else if (b.type === 'var' && !safe.has(b.name) && ground(a)) out.push(b);
  else if (a.type === 'array' && b.type === 'array') {
    if (a.items.length === b.items.length) a.items.forEach((x, i) => unifyOutputs(x, b.items[i], safe, out));
  } else if (a.type === 'object' && b.type === 'object') {
    for (const [k, v] of a.items) {
      const other = b.items.find(([k2]) => sameGround(k, k2));
      if (other) unifyOutputs(v, other[1], safe, out);
    }
  } else if (isPattern(a) && ground(b)) patternVars(a).forEach((v) => out.push(v));
  else if (isPattern(b) && ground(a)) patternVars(b).forEach((v) => out.push(v));
  return out;
}

function sameGround(a: Term, b: Term): boolean {
  if (a.type === 'string' && b.type === 'string') return a.value === b.value;
  if (a.type === 'number' && b.type === 'number') return Number(a.text) === Number(b.text);
  if (a.type === 'boolean' && b.type === 'boolean') return a.value === b.value;
  return a.type === 'null' && b.type === 'null';
}

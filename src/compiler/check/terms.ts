/** Small helpers over AST terms shared by the checker and the planner. */
import type { Body, Expr, Location, Term, VarTerm } from '../ast';

/** Wildcards are renamed `$_N` by the parser; each is a fresh variable. */
export function isWildcard(name: string): boolean {
  return name.startsWith('$_') || name === '_';
}

/** Variables the checker or planner invents (never shown to the user as unsafe). */
export function isGenerated(name: string): boolean {
  return name.startsWith('$');
}

/** The name a variable has in the source (declared variables are renamed `x#N` by the resolver). */
export function sourceName(name: string): string {
  const i = name.indexOf('#');
  return i < 0 ? name : name.slice(0, i);
}

/** Prefix of the var naming a builtin function in a `with` (`with count as mock` → `$fn:count`). */
export const BUILTIN_REF = '$fn:';

/** Visits the direct sub-terms of a term that are evaluated in the same scope (not closure bodies). */
function childTerms(t: Term): Term[] {
  switch (t.type) {
    case 'ref': return [t.head, ...t.path];
    case 'array': case 'set': return t.items;
    case 'object': return t.items.flatMap(([k, v]) => [k, v]);
    case 'call': return t.args;
    default: return [];
  }
}

/** Every var occurrence of a term outside closures, in source order. */
export function varsOfTerm(t: Term, out: VarTerm[] = []): VarTerm[] {
  if (t.type === 'var') out.push(t);
  else for (const c of childTerms(t)) varsOfTerm(c, out);
  return out;
}

/** The terms of an expression that are evaluated in the expression's own scope. */
export function exprTerms(e: Expr): Term[] {
  switch (e.type) {
    case 'term': return [e.term];
    case 'unify': case 'assign': return [e.left, e.right];
    case 'some': return e.vars;
    case 'somein': return [...(e.key ? [e.key] : []), e.value, e.collection];
    case 'every': return [e.domain];
  }
}

/** Names a body declares for itself (`some`, `:=`, `some .. in`): they shadow outer variables and rules. */
export function declaredNames(body: Body): Set<string> {
  const names = new Set<string>();
  for (const e of body) {
    if (e.type === 'some') e.vars.forEach((v) => names.add(v.name));
    else if (e.type === 'assign') varsOfTerm(e.left).forEach((v) => names.add(v.name));
    else if (e.type === 'somein') {
      if (e.key) varsOfTerm(e.key).forEach((v) => names.add(v.name));
      varsOfTerm(e.value).forEach((v) => names.add(v.name));
    }
  }
  return names;
}

/** Every var used anywhere in a body, including inside closures and `every` bodies. */
export function allVarNames(body: Body, out = new Set<string>()): Set<string> {
  const term = (t: Term): void => {
    for (const v of varsOfTerm(t)) out.add(v.name);
    for (const c of closuresIn(t)) { c.terms.forEach(term); allVarNames(c.body, out); }
  };
  for (const e of body) {
    exprTerms(e).forEach(term);
    if (e.type === 'every') {
      if (e.key) term(e.key);
      term(e.value);
      allVarNames(e.body, out);
    }
  }
  return out;
}

/** Closures directly inside a term (not nested in other closures), with their head terms. */
export function closuresIn(t: Term, out: { terms: Term[]; body: Body; loc: Location }[] = []): typeof out {
  switch (t.type) {
    case 'arraycomp': case 'setcomp': out.push({ terms: [t.term], body: t.body, loc: t.loc }); break;
    case 'objectcomp': out.push({ terms: [t.key, t.value], body: t.body, loc: t.loc }); break;
    default: for (const c of childTerms(t)) closuresIn(c, out);
  }
  return out;
}

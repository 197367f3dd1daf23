/** Deep traversal of every term of a rule (heads, bodies, closures, `every` bodies). */
import type { Body, Rule, Term } from '../ast';
import { exprTerms } from './terms';

export function forEachTermInRule(rule: Rule, fn: (t: Term) => void): void {
  const term = (t: Term | undefined): void => {
    if (!t) return;
    fn(t);
    switch (t.type) {
      case 'ref': term(t.head); t.path.forEach(term); break;
      case 'array': case 'set': t.items.forEach(term); break;
      case 'object': t.items.forEach(([k, v]) => { term(k); term(v); }); break;
      case 'call': t.args.forEach(term); break;
      case 'arraycomp': case 'setcomp': term(t.term); body(t.body); break;
      case 'objectcomp': term(t.key); term(t.value); body(t.body); break;
      default: break;
    }
  };
  const body = (b: Body): void => b.forEach((e) => {
    exprTerms(e).forEach(term);
    if (e.type === 'every') { term(e.key); term(e.value); body(e.body); }
  });
  rule.ref.forEach(term);
  rule.args?.forEach(term);
  term(rule.key);
  term(rule.value);
  body(rule.body);
  for (const alt of rule.else ?? []) { term(alt.value); body(alt.body); }
}

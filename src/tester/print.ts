/**
 * `print(...)` in tests, as `opa test` captures it: OPA's compiler rewrites `print(a, b)` into
 * `internal.print([{x | x = a}, {x | x = b}])`, so that the call always succeeds and an undefined
 * operand prints `<undefined>`. The runner does the same rewrite on the parsed modules and serves
 * `internal.print` on the host, collecting the lines of the test being evaluated.
 */
import type { Module, Term } from '../compiler/ast';
import { forEachTermInRule } from '../compiler/check/walk';

export function rewritePrints(modules: Module[]): void {
  let n = 0;
  for (const mod of modules) {
    for (const rule of mod.rules) {
      forEachTermInRule(rule, (t: Term) => {
        if (t.type !== 'call' || t.operator.length !== 1 || t.operator[0] !== 'print') return;
        const items: Term[] = t.args.map((arg) => {
          const v: Term = { type: 'var', name: `__print_${n++}`, loc: arg.loc };
          return { type: 'setcomp', term: v, body: [{ type: 'unify', left: v, right: arg, negated: false, with: [], loc: arg.loc }], loc: arg.loc };
        });
        t.operator = ['internal', 'print'];
        t.args = [{ type: 'array', items, loc: t.loc }];
      });
    }
  }
}

/** A value as OPA prints a term: `{"a": [1, 2]}` (sets reach the host as arrays). */
function term(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(term).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${term(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}

/** OPA prints strings as they are and other values as terms; an empty set is an undefined operand. */
function show(operand: unknown): string {
  if (!Array.isArray(operand) || operand.length === 0) return '<undefined>';
  const v = operand[0];
  return typeof v === 'string' ? v : term(v);
}

/** The host side: `lines` receives each printed line. */
export function printBuiltin(lines: string[]): (operands: unknown) => boolean {
  return (operands) => {
    lines.push((Array.isArray(operands) ? operands : []).map(show).join(' '));
    return true;
  };
}

/**
 * `with` modifiers. Document replacements (`input...`, base `data...`) become With statements;
 * replacements of functions and rules become mocks: while the expression is planned, calls and
 * rule reads go to Funcs planned again for that mock context (as OPA's planner does). The rest of
 * the body is planned with the original documents and mocks back in place.
 */
import { CompileError, type Expr, type Term, type VarTerm, type With } from '../ast';
import { DATA, INPUT, type Local, type Operand } from '../ir';
import { allVarNames, BUILTIN_REF, isWildcard } from '../check/terms';
import { RuleTree, type RuleGroup } from '../check/rule-tree';
import type { BodyPlanner, Mock } from './body-planner';

type Cont = () => void;
const local = (l: Local): Operand => ({ kind: 'local', local: l });
const TRUE: Operand = { kind: 'bool', value: true };

export function planWith(b: BodyPlanner, e: Expr, cont: Cont): void {
  if (!e.negated) { planPositive(b, e, cont); return; }
  // A With statement is never undefined itself, so record whether the expression held inside it.
  const held = b.newLocal();
  b.emit({ type: 'ResetLocal', target: held });
  const block = b.block(() => b.scoped(() => planPositive(b, { ...e, negated: false }, () => b.emit({ type: 'AssignVar', source: TRUE, target: held }))));
  b.emit({ type: 'Block', blocks: [block] });
  b.emit({ type: 'IsUndefined', source: held });
  cont();
}

function planPositive(b: BodyPlanner, e: Expr, cont: Cont): void {
  const documents: With[] = [];
  const mocks = new Map(b.mocks);
  for (const w of e.with) {
    const head = (w.target.head as VarTerm).name;
    if (head === 'input') { documents.push(w); continue; }
    if (head.startsWith(BUILTIN_REF)) { mocks.set(head.slice(BUILTIN_REF.length), mockOf(b, w, 'function', documents)); continue; }
    const names = w.target.path.map((p) => (p as Extract<Term, { type: 'string' }>).value);
    const node = b.ctx.findNode(names);
    if (node?.group) { mocks.set(['data', ...names].join('.'), mockOf(b, w, node.group.kind, documents)); continue; }
    if (overlapsRules(b, w.target.path)) throw new CompileError(w.loc, 'unsupported: with on a document defined by rules');
    documents.push(w);
  }
  /** Plans the bare expression under `mocks`, and `after` (the continuation) without them. */
  const planExpr = (after: Cont): void => {
    const saved = b.mocks;
    b.mocks = mocks;
    b.planExpr({ ...e, with: [] }, () => { b.mocks = saved; after(); b.mocks = mocks; });
    b.mocks = saved;
  };
  if (documents.length === 0) { planExpr(cont); return; }
  b.planTerms(documents.map((w) => w.value), (values) => {
    const savedInput = b.newLocal();
    const savedData = b.newLocal();
    b.emit({ type: 'AssignVar', source: local(INPUT), target: savedInput });
    b.emit({ type: 'AssignVar', source: local(DATA), target: savedData });
    const nest = (i: number): void => {
      if (i === documents.length) {
        planExpr(() => {
          b.emit({ type: 'AssignVar', source: local(savedInput), target: INPUT });
          b.emit({ type: 'AssignVar', source: local(savedData), target: DATA });
          cont();
        });
        return;
      }
      const w = documents[i];
      const root = (w.target.head as VarTerm).name === 'input' ? INPUT : DATA;
      const path = w.target.path.map((p) => b.ctx.string((p as Extract<Term, { type: 'string' }>).value));
      const block = b.block(() => nest(i + 1));
      b.emit({ type: 'With', local: root, path, value: values[i], block });
    };
    nest(0);
  });
}

/** The replacement a `with` installs for a function or rule. */
function mockOf(b: BodyPlanner, w: With, kind: RuleGroup['kind'], documents: With[]): Mock {
  const v = w.value;
  if (v.type === 'ref' && v.head.type === 'var' && v.head.name.startsWith(BUILTIN_REF)) {
    if (kind !== 'function') throw new CompileError(w.loc, 'unsupported: with replacing a rule by a function');
    return { kind: 'function', operator: v.head.name.slice(BUILTIN_REF.length).split('.') };
  }
  if (v.type === 'ref' && v.head.type === 'var' && v.head.name === 'data' && !b.scope.lookup('data')) {
    const node = b.ctx.findNode(v.path.map((p) => (p.type === 'string' ? p.value : '')));
    if (node?.group?.kind === 'function') {
      if (kind !== 'function') throw new CompileError(w.loc, 'unsupported: with replacing a rule by a function');
      return { kind: 'function', operator: ['data', ...node.path] };
    }
  }
  if (dependsOnLocals(b, v)) {
    // The value changes with local variables: pass it to the Funcs planned for this mock in a
    // planner-made base document (replaced with With, which also keeps memoised results out).
    const path = ['$with', `m${b.ctx.uniqueId()}`].map((value): Term => ({ type: 'string', value, loc: w.loc }));
    const target: Extract<Term, { type: 'ref' }> = { type: 'ref', head: { type: 'var', name: 'data', loc: w.loc }, path, loc: w.loc };
    documents.push({ target, value: v, loc: w.loc });
    return { kind: 'value', term: target };
  }
  return { kind: 'value', term: v };
}

/** Does a term (closures included) read a variable bound in the current scope? */
function dependsOnLocals(b: BodyPlanner, t: Term): boolean {
  const names = allVarNames([{ type: 'term', term: t, negated: false, with: [], loc: t.loc }]);
  return [...names].some((n) => n !== 'input' && n !== 'data' && !isWildcard(n) && b.scope.lookup(n) !== undefined);
}

/** A `data` path at, above or below a rule (a `with` there would need to replace rule values). */
function overlapsRules(b: BodyPlanner, path: Term[]): boolean {
  let node = b.ctx.root;
  for (const el of path) {
    if (node.group) return true;
    const child = node.children.get((el as Extract<Term, { type: 'string' }>).value);
    if (!child) return false;
    node = child;
  }
  // A package without rules (declared only) is base data.
  return RuleTree.groupsBelow(node).length > 0;
}


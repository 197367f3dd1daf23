/**
 * The checker: resolves names, builds the rule tree, checks calls, reorders bodies for safety and
 * rejects recursion — everything OPA's compiler rejects before planning, with source positions.
 */
import { CompileError, type Module, type Rule, type Term, type VarTerm } from '../ast';
import { builtinArity } from '../builtins';
import { ModuleResolver } from './resolve';
import { dataName, groundPrefixLength, RuleTree, rulePath, type RuleGroup } from './rule-tree';
import { SafetyChecker } from './safety';
import { allVarNames, isWildcard, sourceName, varsOfTerm } from './terms';
import { forEachTermInRule } from './walk';

export { RuleTree, dataName } from './rule-tree';
export type { RuleGroup, RuleNode, RuleKind } from './rule-tree';

export interface CheckedPolicy {
  tree: RuleTree;
}

export interface CheckOptions {
  /** Packages of queries, not part of `data` (see RuleNode.hidden). */
  queryPackages?: string[];
}

export function checkModules(modules: Module[], options: CheckOptions = {}): CheckedPolicy {
  liftCounter = 0;
  const ruleNames = new Map<string, Set<string>>();
  for (const mod of modules) {
    const key = mod.package.join('.');
    const names = ruleNames.get(key) ?? new Set<string>();
    for (const rule of mod.rules) {
      const first = rule.ref[0];
      if (first?.type === 'string') names.add(first.value);
      else if (first?.type === 'var') names.add(first.name);
    }
    ruleNames.set(key, names);
  }
  const tree = new RuleTree();
  const queryPackages = new Set(options.queryPackages ?? []);
  for (const mod of modules) tree.addPackage(mod.package, queryPackages.has(mod.package.join('.')));
  for (const mod of modules) {
    const resolver = new ModuleResolver(mod, ruleNames.get(mod.package.join('.'))!);
    for (const rule of mod.rules) {
      const resolved = resolver.resolveRule(rule);
      tree.add(rulePath(mod.package, resolved), resolved);
    }
  }
  const arityOf = (op: string[]): number | undefined => {
    if (op[0] === 'data') {
      const node = tree.find(op.slice(1));
      return node?.group?.kind === 'function' ? node.group.arity : undefined;
    }
    return builtinArity(op.join('.'));
  };
  for (const group of tree.groups) {
    for (const rule of allRules(group)) {
      checkCalls(rule, arityOf);
      checkDeclaredVarsUsed(rule);
    }
  }
  const safety = new SafetyChecker(arityOf);
  for (const group of tree.groups) {
    group.definitions = group.definitions.map((r) => reorderRule(r, safety));
    if (group.defaultRule) group.defaultRule = reorderRule(group.defaultRule, safety);
  }
  checkRecursion(tree);
  return { tree };
}

function allRules(group: RuleGroup): Rule[] {
  return group.defaultRule ? [...group.definitions, group.defaultRule] : group.definitions;
}

function checkCalls(rule: Rule, arityOf: (op: string[]) => number | undefined): void {
  forEachTermInRule(rule, (t) => {
    if (t.type !== 'call') return;
    const name = t.operator.join('.');
    const arity = arityOf(t.operator);
    if (arity === undefined) throw new CompileError(t.loc, `rego_type_error: undefined function ${name}`);
    if (t.args.length < arity) throw new CompileError(t.loc, `rego_type_error: ${name}: too few arguments`);
    if (t.args.length > arity + 1) throw new CompileError(t.loc, `rego_type_error: ${name}: too many arguments`);
  });
}

/** `some x` where x is never used again: `rego_compile_error: declared var x unused`, as in OPA. */
function checkDeclaredVarsUsed(rule: Rule): void {
  const uses = new Map<string, number>();
  forEachTermInRule(rule, (t) => {
    if (t.type === 'var') uses.set(t.name, (uses.get(t.name) ?? 0) + 1);
  });
  const declarations: VarTerm[] = [];
  const collect = (body: Rule['body']): void => body.forEach((e) => {
    if (e.type === 'some') declarations.push(...e.vars);
    if (e.type === 'every') collect(e.body);
  });
  collect(rule.body);
  rule.else?.forEach((alt) => collect(alt.body));
  forEachTermInRule(rule, (t) => { if (t.type === 'arraycomp' || t.type === 'setcomp' || t.type === 'objectcomp') collect(t.body); });
  const unused = declarations.find((v) => !isWildcard(v.name) && (uses.get(v.name) ?? 0) <= 1);
  if (unused) throw new CompileError(unused.loc, `rego_compile_error: declared var ${sourceName(unused.name)} unused`);
}

let liftCounter = 0;

function reorderRule(rule: Rule, safety: SafetyChecker): Rule {
  const argNames = new Set<string>(['input', 'data']);
  for (const a of rule.args ?? []) varsOfTerm(a).forEach((v) => argNames.add(v.name));
  /** Reorders one body, then checks the head terms (and the closures in them) against what it binds. */
  const checkAs = (body: Rule['body'], heads: (Term | undefined)[]): { body: Rule['body']; heads: (Term | undefined)[] } => {
    const safe = new Set(argNames);
    const scope = new Set([...argNames, ...allVarNames(body)]);
    const reordered = safety.reorder(body, safe, new Set(argNames));
    const present = heads.filter((t): t is Term => t !== undefined);
    safety.checkTerms(present, safe);
    return { body: reordered, heads: heads.map((t) => (t ? safety.closureTerm(t, safe, scope) : undefined)) };
  };
  /**
   * A head term with variables the body does not bind, such as `q(_) := xs[_]`, is evaluated as part
   * of the body, as OPA does (its refs then iterate): `q(_) := $h if { $h = xs[_] }`. Heads the body
   * binds stay as they are, and so does the error for a head that is unsafe either way.
   */
  const check = (body: Rule['body'], heads: (Term | undefined)[]): { body: Rule['body']; heads: (Term | undefined)[] } => {
    const bound = new Set(argNames);
    safety.reorder(body, bound, new Set(argNames));
    const lift = heads.map((t) => t !== undefined && varsOfTerm(t).some((v) => !bound.has(v.name)));
    if (!lift.some(Boolean)) return checkAs(body, heads);
    const extra: Rule['body'] = [];
    const lifted = heads.map((t, i) => {
      if (!t || !lift[i]) return t;
      const v: VarTerm = { type: 'var', name: `$head#${liftCounter++}`, loc: t.loc };
      extra.push({ type: 'unify', left: v, right: t, negated: false, with: [], loc: t.loc });
      return v;
    });
    try {
      return checkAs([...body, ...extra], lifted);
    } catch {
      return checkAs(body, heads);
    }
  };
  // An object rule's key path (`[k]` of `p[k] := v`, `[x, "c", y]` of `a[x].c[y] := v`) is part of its head.
  const prefix = groundPrefixLength(rule);
  const keyPath = rule.ref.slice(prefix);
  const main = check(rule.body, [...keyPath, rule.key, rule.value]);
  const keys = main.heads.slice(0, keyPath.length) as Term[];
  const [key, value] = main.heads.slice(keyPath.length);
  return {
    ...rule,
    ref: [...rule.ref.slice(0, prefix), ...keys],
    key,
    value,
    body: main.body,
    else: rule.else?.map((alt) => {
      const r = check(alt.body, [alt.value]);
      return { ...alt, body: r.body, value: r.heads[0] };
    }),
  };
}

/** Every rule group a rule reads (through `data` refs and calls). */
export function dependencies(tree: RuleTree, group: RuleGroup): RuleGroup[] {
  const deps = new Set<RuleGroup>();
  const heads = new Set<Term>();
  // An object rule's document includes the rules below it.
  const node = tree.find(group.path);
  for (const child of node?.children.values() ?? []) RuleTree.groupsBelow(child).forEach((g) => deps.add(g));
  for (const rule of allRules(group)) {
    forEachTermInRule(rule, (t) => {
      if (t.type === 'ref' && t.head.type === 'var' && t.head.name === 'data') {
        heads.add(t.head);
        tree.groupsForRef(t.path).forEach((g) => deps.add(g));
      } else if (t.type === 'var' && t.name === 'data' && !heads.has(t)) tree.groupsForRef([]).forEach((g) => deps.add(g));
      else if (t.type === 'call' && t.operator[0] === 'data') {
        const g = tree.find(t.operator.slice(1))?.group;
        if (g) deps.add(g);
      }
    });
  }
  return [...deps];
}

function checkRecursion(tree: RuleTree): void {
  const state = new Map<RuleGroup, 'active' | 'done'>();
  const stack: RuleGroup[] = [];
  const visit = (g: RuleGroup): void => {
    if (state.get(g) === 'done') return;
    if (state.get(g) === 'active') {
      const cycle = [...stack.slice(stack.indexOf(g)), g].map((x) => dataName(x.path));
      throw new CompileError(g.loc, `rego_recursion_error: rule ${dataName(g.path)} is recursive: ${cycle.join(' -> ')}`);
    }
    state.set(g, 'active');
    stack.push(g);
    for (const d of dependencies(tree, g)) visit(d);
    stack.pop();
    state.set(g, 'done');
  };
  tree.groups.forEach(visit);
}

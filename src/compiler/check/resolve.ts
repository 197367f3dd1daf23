/**
 * Name resolution: rewrites every name of a module to what it denotes, as OPA's compiler does before
 * its other checks — import aliases and rules of the package become `data` refs, local functions
 * become `data.<pkg>.<f>` operators, `some`/`:=`/function-argument names stay local variables.
 */
import { CompileError, unsupported, type Body, type Expr, type Location, type Module, type Rule, type Term, type VarTerm } from '../ast';
import { builtinArity } from '../builtins';
import { declaredNames, isWildcard, varsOfTerm } from './terms';

interface ImportTarget { root: 'data' | 'input'; path: string[] }

export class ModuleResolver {
  private readonly imports = new Map<string, ImportTarget>();

  constructor(private readonly mod: Module, private readonly ruleNames: Set<string>) {
    for (const imp of mod.imports) {
      const [root, ...rest] = imp.path;
      if (root === 'rego' || root === 'future') continue;
      if (root !== 'data' && root !== 'input') throw new CompileError(imp.loc, `rego_parse_error: invalid import ${imp.path.join('.')}`);
      const alias = imp.alias ?? imp.path[imp.path.length - 1];
      if (alias === 'input' && root === 'input' && rest.length === 0) continue;
      this.imports.set(alias, { root, path: rest });
    }
  }

  resolveRule(rule: Rule): Rule {
    const argNames = new Set<string>();
    for (const a of rule.args ?? []) varsOfTerm(a).forEach((v) => argNames.add(v.name));
    const bodyLocals = new Set([...argNames, ...declaredNames(rule.body)]);
    this.checkAssignments(rule.body, argNames);
    const term = (t: Term | undefined, locals: Set<string>): Term | undefined => (t ? this.term(t, locals) : undefined);
    const ref = rule.ref.map((t, i) => (i === 0 || t.type === 'string' ? t : this.term(t, bodyLocals)));
    return {
      ...rule,
      ref,
      args: rule.args?.map((a) => this.term(a, argNames)),
      key: term(rule.key, bodyLocals),
      value: term(rule.value, bodyLocals),
      body: this.body(rule.body, new Set(argNames)),
      else: rule.else?.map((alt) => {
        const locals = new Set([...argNames, ...declaredNames(alt.body)]);
        this.checkAssignments(alt.body, argNames);
        return { ...alt, value: term(alt.value, locals), body: this.body(alt.body, new Set(argNames)) };
      }),
    };
  }

  /** `x := 1` twice in one body (or over an argument / `some x`) is an error in OPA. */
  private checkAssignments(body: Body, outer: Set<string>): void {
    const declared = new Set(outer);
    for (const e of body) {
      if (e.type === 'assign') {
        for (const v of varsOfTerm(e.left)) {
          if (isWildcard(v.name)) continue;
          if (declared.has(v.name)) throw new CompileError(v.loc, `rego_compile_error: var ${v.name} assigned above`);
          declared.add(v.name);
        }
      } else if (e.type === 'some') {
        e.vars.forEach((v) => declared.add(v.name));
      } else if (e.type === 'somein') {
        [...(e.key ? varsOfTerm(e.key) : []), ...varsOfTerm(e.value)].forEach((v) => declared.add(v.name));
      }
    }
  }

  private body(body: Body, outer: Set<string>): Body {
    const locals = new Set([...outer, ...declaredNames(body)]);
    return body.map((e) => this.expr(e, locals));
  }

  private expr(e: Expr, locals: Set<string>): Expr {
    if (e.with.length > 0) throw unsupported(e.with[0].loc, 'with');
    switch (e.type) {
      case 'term': return { ...e, term: this.term(e.term, locals) };
      case 'unify': case 'assign': return { ...e, left: this.term(e.left, locals), right: this.term(e.right, locals) };
      case 'some': return e;
      case 'somein': return {
        ...e,
        key: e.key ? this.term(e.key, locals) : undefined,
        value: this.term(e.value, locals),
        collection: this.term(e.collection, locals),
      };
      case 'every': {
        const inner = new Set(locals);
        [...(e.key ? varsOfTerm(e.key) : []), ...varsOfTerm(e.value)].forEach((v) => inner.add(v.name));
        this.checkAssignments(e.body, new Set());
        return {
          ...e,
          key: e.key ? this.term(e.key, inner) : undefined,
          value: this.term(e.value, inner),
          domain: this.term(e.domain, locals),
          body: this.body(e.body, inner),
        };
      }
    }
  }

  term(t: Term, locals: Set<string>): Term {
    switch (t.type) {
      case 'var': return this.variable(t, locals);
      case 'ref': {
        const head = this.term(t.head, locals);
        const path = t.path.map((p) => this.term(p, locals));
        if (head.type === 'ref') return { ...t, head: head.head, path: [...head.path, ...path] };
        return { ...t, head, path };
      }
      case 'array': case 'set': return { ...t, items: t.items.map((i) => this.term(i, locals)) };
      case 'object': return { ...t, items: t.items.map(([k, v]) => [this.term(k, locals), this.term(v, locals)] as [Term, Term]) };
      case 'arraycomp': case 'setcomp': {
        this.checkAssignments(t.body, new Set());
        const inner = new Set([...locals, ...declaredNames(t.body)]);
        return { ...t, term: this.term(t.term, inner), body: this.body(t.body, locals) };
      }
      case 'objectcomp': {
        this.checkAssignments(t.body, new Set());
        const inner = new Set([...locals, ...declaredNames(t.body)]);
        return { ...t, key: this.term(t.key, inner), value: this.term(t.value, inner), body: this.body(t.body, locals) };
      }
      case 'call': return { ...t, operator: this.operator(t.operator, locals, t.loc), args: t.args.map((a) => this.term(a, locals)) };
      default: return t;
    }
  }

  private variable(t: VarTerm, locals: Set<string>): Term {
    const name = t.name;
    if (locals.has(name) || name === 'input' || name === 'data') return t;
    const imp = this.imports.get(name);
    if (imp) return this.ref(imp.root, imp.path, t.loc);
    if (this.ruleNames.has(name)) return this.ref('data', [...this.mod.package, name], t.loc);
    return t;
  }

  private ref(root: 'data' | 'input', path: string[], loc: Location): Term {
    const head: VarTerm = { type: 'var', name: root, loc };
    if (path.length === 0) return head;
    return { type: 'ref', head, path: path.map((value) => ({ type: 'string', value, loc })), loc };
  }

  /** Builtins keep their name; user functions become `['data', ...path]`. */
  private operator(op: string[], locals: Set<string>, loc: Location): string[] {
    const [first, ...rest] = op;
    if (!locals.has(first)) {
      const imp = this.imports.get(first);
      if (imp) {
        if (imp.root !== 'data') throw new CompileError(loc, `rego_type_error: undefined function ${op.join('.')}`);
        return ['data', ...imp.path, ...rest];
      }
      if (first === 'data') return op;
      if (this.ruleNames.has(first)) return ['data', ...this.mod.package, ...op];
    }
    if (builtinArity(op.join('.')) === undefined) throw new CompileError(loc, `rego_type_error: undefined function ${op.join('.')}`);
    return op;
  }
}

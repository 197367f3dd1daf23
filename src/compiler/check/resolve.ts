/**
 * Name resolution: rewrites every name of a module to what it denotes, as OPA's compiler does before
 * its other checks — import aliases and rules of the package become `data` refs, local functions
 * become `data.<pkg>.<f>` operators, `some`/`:=`/function-argument names stay local variables.
 */
import { CompileError, unsupported, type Body, type Expr, type Location, type Module, type RefTerm, type Rule, type Term, type VarTerm, type With } from '../ast';
import { builtinArity } from '../builtins';
import { BUILTIN_REF, isWildcard, varsOfTerm } from './terms';

interface ImportTarget { root: 'data' | 'input'; path: string[] }

/** Names local to the body being resolved: arguments, and declared variables with their unique names. */
interface Scope { renames: Map<string, string>; locals: Set<string> }

export class ModuleResolver {
  private readonly imports = new Map<string, ImportTarget>();
  private counter = 0;

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
    const top: Scope = { renames: new Map(), locals: argNames };
    const main = this.body(rule.body, top, true);
    const term = (t: Term | undefined, scope: Scope): Term | undefined => (t ? this.term(t, scope) : undefined);
    const ref = rule.ref.map((t, i) => (i === 0 || t.type === 'string' ? t : this.term(t, main.scope)));
    return {
      ...rule,
      ref,
      args: rule.args?.map((a) => this.term(a, top)),
      key: term(rule.key, main.scope),
      value: term(rule.value, main.scope),
      body: main.body,
      else: rule.else?.map((alt) => {
        const r = this.body(alt.body, top, true);
        return { ...alt, value: term(alt.value, r.scope), body: r.body };
      }),
    };
  }

  /**
   * Resolves a body in order. Variables declared with `some`, `:=` or `some .. in` get a unique
   * name from their declaration on (as OPA's rewriteLocalVars does), so a closure written before
   * the declaration keeps its own variable and a nested body can shadow an outer one.
   */
  private body(body: Body, outer: Scope, ruleBody = false): { body: Body; scope: Scope } {
    const scope: Scope = { renames: new Map(outer.renames), locals: new Set(outer.locals) };
    const declaredHere = new Set<string>();
    const usedHere = new Set<string>();
    const declare = (v: VarTerm): void => {
      if (isWildcard(v.name)) return;
      scope.renames.set(v.name, `${v.name}#${this.counter++}`);
      declaredHere.add(v.name);
    };
    const use = (terms: Term[]): void => terms.forEach((t) => varsOfTerm(t).forEach((v) => { if (!v.name.includes('#')) usedHere.add(v.name); }));
    const out: Expr[] = [];
    for (const e of body) {
      const withs = e.with.map((w) => this.withModifier(w, scope));
      use(withs.map((w) => w.value));
      const before = out.length;
      switch (e.type) {
        case 'some':
          e.vars.forEach(declare);
          out.push({ ...e, vars: e.vars.map((v) => this.term(v, scope) as VarTerm) });
          break;
        case 'assign': {
          const right = this.term(e.right, scope);
          use([right]);
          for (const v of varsOfTerm(e.left)) {
            if (isWildcard(v.name)) continue;
            if (declaredHere.has(v.name) || (ruleBody && outer.locals.has(v.name))) throw new CompileError(v.loc, `rego_compile_error: var ${v.name} assigned above`);
            if (usedHere.has(v.name)) throw new CompileError(v.loc, `rego_compile_error: var ${v.name} referenced above`);
          }
          varsOfTerm(e.left).forEach(declare);
          out.push({ ...e, left: this.term(e.left, scope), right });
          break;
        }
        case 'somein': {
          const collection = this.term(e.collection, scope);
          use([collection]);
          [...(e.key ? varsOfTerm(e.key) : []), ...varsOfTerm(e.value)].forEach(declare);
          out.push({ ...e, key: e.key ? this.term(e.key, scope) : undefined, value: this.term(e.value, scope), collection });
          break;
        }
        case 'every': {
          const domain = this.term(e.domain, scope);
          use([domain]);
          const inner: Scope = { renames: new Map(scope.renames), locals: new Set(scope.locals) };
          for (const v of [...(e.key ? varsOfTerm(e.key) : []), ...varsOfTerm(e.value)]) {
            if (!isWildcard(v.name)) inner.renames.set(v.name, `${v.name}#${this.counter++}`);
          }
          const key = e.key ? this.term(e.key, inner) : undefined;
          const value = this.term(e.value, inner);
          out.push({ ...e, key, value, domain, body: this.body(e.body, inner).body });
          break;
        }
        case 'term': {
          const t = this.term(e.term, scope);
          use([t]);
          out.push({ ...e, term: t });
          break;
        }
        case 'unify': {
          const left = this.term(e.left, scope);
          const right = this.term(e.right, scope);
          use([left, right]);
          out.push({ ...e, left, right });
          break;
        }
      }
      if (withs.length > 0) out[before] = { ...out[before], with: withs };
    }
    return { body: out, scope };
  }

  /**
   * `with input.a as v` / `with data.x as v` replace documents; `with f as g` / `with count as v`
   * mock a function (user functions become `data` refs, builtins `$fn:<name>` vars). A value that
   * names a function becomes the same kind of reference, so that the checker does not read it as
   * an unbound variable.
   */
  private withModifier(w: With, scope: Scope): With {
    const head = w.target.head;
    const written = head.type === 'var' ? head.name : '';
    const names = [written, ...w.target.path.map((p) => (p.type === 'string' ? p.value : ''))];
    if (names.some((n) => n === '')) throw unsupported(w.loc, 'with on a non-constant path');
    let target: RefTerm;
    if (written === 'input' || written === 'data') {
      const resolved = this.term(w.target, scope);
      target = resolved.type === 'ref' ? resolved : { type: 'ref', head: resolved, path: [], loc: resolved.loc };
    } else {
      target = this.functionRef(names, scope, w.loc);
    }
    return { ...w, target, value: this.withValue(w.value, scope, w.loc) };
  }

  /** A function named in a `with`: `data` ref for user functions, `$fn:<name>` for builtins. */
  private functionRef(names: string[], scope: Scope, loc: Location): RefTerm {
    const op = this.operator(names, scope, loc);
    if (op[0] === 'data') return this.ref('data', op.slice(1), loc) as RefTerm;
    return { type: 'ref', head: { type: 'var', name: `${BUILTIN_REF}${op.join('.')}`, loc }, path: [], loc };
  }

  private withValue(value: Term, scope: Scope, loc: Location): Term {
    const names = value.type === 'var' ? [value.name]
      : value.type === 'ref' && value.head.type === 'var' && value.path.every((p) => p.type === 'string')
        ? [value.head.name, ...value.path.map((p) => (p as { value: string }).value)] : undefined;
    const local = names && (scope.locals.has(names[0]) || scope.renames.has(names[0]) || names[0] === 'input' || names[0] === 'data' || this.imports.has(names[0]));
    if (names && !local && !this.ruleNames.has(names[0]) && (names.length > 1 || builtinArity(names[0]) !== undefined)) {
      return this.functionRef(names, scope, loc);
    }
    return this.term(value, scope);
  }

  term(t: Term, scope: Scope): Term {
    switch (t.type) {
      case 'var': return this.variable(t, scope);
      case 'ref': {
        const head = this.term(t.head, scope);
        const path = t.path.map((p) => this.term(p, scope));
        if (head.type === 'ref') return { ...t, head: head.head, path: [...head.path, ...path] };
        return { ...t, head, path };
      }
      case 'array': case 'set': return { ...t, items: t.items.map((i) => this.term(i, scope)) };
      case 'object': return { ...t, items: t.items.map(([k, v]) => [this.term(k, scope), this.term(v, scope)] as [Term, Term]) };
      case 'arraycomp': case 'setcomp': {
        const r = this.body(t.body, scope);
        return { ...t, term: this.term(t.term, r.scope), body: r.body };
      }
      case 'objectcomp': {
        const r = this.body(t.body, scope);
        return { ...t, key: this.term(t.key, r.scope), value: this.term(t.value, r.scope), body: r.body };
      }
      case 'call': return { ...t, operator: this.operator(t.operator, scope, t.loc), args: t.args.map((a) => this.term(a, scope)) };
      default: return t;
    }
  }

  private variable(t: VarTerm, scope: Scope): Term {
    const name = t.name;
    const renamed = scope.renames.get(name);
    if (renamed) return { ...t, name: renamed };
    if (scope.locals.has(name) || name === 'input' || name === 'data') return t;
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
  private operator(op: string[], scope: Scope, loc: Location): string[] {
    const [first, ...rest] = op;
    if (!scope.locals.has(first) && !scope.renames.has(first)) {
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

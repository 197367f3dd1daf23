/**
 * Module structure of Rego v1: `package`, `import`, and rules (constants, `if` bodies, `contains`
 * multi-value rules, ref heads, functions, `default`, `else` chains). Produces the rule shapes
 * documented on `Rule` in ../ast.ts and rejects the forms Rego v1 removed with OPA's messages.
 */
import { unsupported, type Body, type Import, type Location, type Rule, type Term } from '../ast';
import type { Token } from './lexer';
import { TermParser } from './terms';

/** Where a statement starts, for METADATA attachment. */
export interface Statement {
  kind: 'package' | 'rule';
  row: number;
  /** The first rule of the statement (for kind 'rule'). */
  rule?: Rule;
}

export interface ParsedModule {
  package: string[];
  packageLoc: Location;
  imports: Import[];
  rules: Rule[];
  statements: Statement[];
}

// `not` is accepted as well: OPA's own cases import future.keywords.not (a no-op in v1, like the others).
const FUTURE_KEYWORDS = ['contains', 'every', 'if', 'in', 'not'];

export class ModuleParser extends TermParser {
  constructor(toks: Token[], file: string) {
    super(toks, file);
  }

  parseModule(): ParsedModule {
    if (this.tok.kind === 'eof') throw this.fail({ file: this.file, row: 1, col: 1 }, 'empty module');
    if (!this.is('package')) throw this.fail(this.tok, 'package expected');
    const packageTok = this.next();
    const pkg = this.parsePackagePath();
    const statements: Statement[] = [{ kind: 'package', row: packageTok.row }];
    const imports: Import[] = [];
    const rules: Rule[] = [];
    while (!this.atEof()) {
      if (this.is('package')) throw this.fail(this.tok, 'unexpected package');
      if (this.is('import')) {
        imports.push(this.parseImport());
        continue;
      }
      const start = this.tok;
      const parsed = this.parseRuleStatement();
      rules.push(...parsed);
      statements.push({ kind: 'rule', row: start.row, rule: parsed[0] });
    }
    return { package: pkg, packageLoc: this.loc(packageTok), imports, rules, statements };
  }

  /** A query: body expressions up to the end of input. */
  parseQueryBody(): Body {
    if (this.tok.kind === 'eof') throw this.fail(this.tok, 'empty query');
    return this.parseBody('eof');
  }

  // ------------------------------------------------------------ package and imports

  private parsePackagePath(): string[] {
    if (this.tok.kind !== 'ident' || this.tok.text === '_') throw this.unexpected(this.tok);
    const term = this.parseTerm();
    const path = this.refNames(term, 'var');
    return path[0] === 'data' ? path.slice(1) : path;
  }

  /** A var or a ref with string elements, as names; `firstMust` is OPA's wording for the head. */
  private refNames(term: Term, firstMust: string): string[] {
    if (term.type === 'var') return [term.name];
    if (term.type !== 'ref') throw this.fail(term.loc, `unexpected ${term.type} token: expecting ${firstMust}`);
    if (term.head.type !== 'var') throw this.fail(term.head.loc, `unexpected ${term.head.type} token: expecting var`);
    const names = [term.head.name];
    for (const e of term.path) {
      if (e.type !== 'string') throw this.fail(e.loc, `unexpected ${e.type} token: expecting string`);
      names.push(e.value);
    }
    return names;
  }

  private parseImport(): Import {
    const importTok = this.next();
    const loc = this.loc(importTok);
    if (this.tok.kind !== 'ident') throw this.unexpected(this.tok);
    const term = this.parseTerm();
    const path = this.refNames(term, 'var');
    const root = path[0];
    if (!['data', 'input', 'future', 'rego'].includes(root)) {
      throw this.fail(term.loc, `unexpected import path, must begin with one of: {data, future, input, rego}, got: ${root}`);
    }
    let alias: string | undefined;
    if (this.is('as')) {
      this.next();
      if (this.tok.kind !== 'ident') throw this.unexpected(this.tok, 'expected var');
      alias = this.next().text;
    }
    if (root === 'future') {
      if (path[1] !== 'keywords' || path.length > 3) throw this.fail(term.loc, 'invalid import, must be `future.keywords`');
      if (alias) throw this.fail(term.loc, '`future` imports cannot be aliased');
      // OPA's experimental logical keywords (`a or b`, `a and b`) are not compiled.
      if (path.length === 3 && (path[2] === 'and' || path[2] === 'or')) throw unsupported(term.loc, `import future.keywords.${path[2]}`);
      if (path.length === 3 && !FUTURE_KEYWORDS.includes(path[2])) {
        throw this.fail(term.loc, `unexpected keyword, must be one of [${FUTURE_KEYWORDS.join(' ')}]`);
      }
    }
    // rego.v2 (OPA's preview of the next Rego version: `not { ... }` bodies and more) is not compiled.
    if (root === 'rego' && path.length === 2 && path[1] === 'v2') throw unsupported(term.loc, 'import rego.v2');
    if (root === 'rego' && (path.length !== 2 || path[1] !== 'v1')) {
      throw this.fail(term.loc, `invalid import \`${path.join('.')}\`, must be \`rego.v1\``);
    }
    return alias === undefined ? { path, loc } : { path, alias, loc };
  }

  // ------------------------------------------------------------ rules

  private parseRuleStatement(): Rule[] {
    const start = this.tok;
    const loc = this.loc(start);
    let isDefault = false;
    if (this.is('default')) {
      this.next();
      isDefault = true;
    }
    if (this.tok.kind !== 'ident' || this.tok.text === '_') throw this.unexpected(this.tok);
    const { ref, args } = this.parseHeadRef();
    const what = args ? 'function' : 'rule';

    let key: Term | undefined;
    let value: Term | undefined;
    let assign = false;
    if (this.is('contains')) {
      if (args) {
        throw this.unexpected(this.tok, `the contains keyword can only be used with multi-value rule definitions (e.g., ${this.refText(ref)} contains <VALUE> { ... })`);
      }
      this.next();
      key = this.parseTermInfix(true);
    } else if (this.is(':=') || this.is('=')) {
      assign = this.next().text === ':=';
      value = this.parseTermInfix(true);
    } else if (this.isPunct() && !this.is('{') && !this.tok.nl) {
      throw this.unexpected(this.tok);
    }

    const variableRef = ref.slice(1).some((t) => t.type !== 'string');
    const kind: Rule['kind'] = args ? 'function' : key ? 'partialSet' : variableRef ? 'partialObject' : 'complete';

    if (isDefault) return [this.defaultRule(loc, ref, kind, args, value, assign)];

    let body: Body;
    let hasBody = true;
    if (this.is('if')) {
      this.next();
      body = this.parseIfBody();
    } else if (this.is('{')) {
      throw this.fail(loc, `\`if\` keyword is required before ${what} body`);
    } else {
      hasBody = false;
      body = [];
      if (!key && !value) {
        if (!args && ref.length === 1) throw this.fail(loc, 'var cannot be used for rule name');
        if (!args && variableRef) throw this.fail(loc, '`contains` keyword is required for partial set rules');
        throw this.fail(this.tok, `${what} must have a value or a body (e.g., ${this.refText(ref)} := <VALUE> or ${this.refText(ref)} if { ... })`);
      }
    }

    const rule: Rule = { ref, kind, assign, isDefault: false, body, loc };
    if (args) rule.args = args;
    if (key) rule.key = key;
    if (kind !== 'partialSet') rule.value = value ?? { type: 'boolean', value: true, loc };

    if (this.is('else')) {
      if (!hasBody) throw this.unexpected(this.tok, 'else requires a rule body before it');
      if (kind === 'partialSet') throw this.fail(this.tok, 'else keyword cannot be used on multi-value rules');
      if (variableRef) throw this.fail(this.tok, 'else keyword cannot be used on rules with variables in head');
      rule.else = this.parseElseChain();
    }

    // OPA accepts further bodies for the same head: `p if { a } { b }`.
    const rules = [rule];
    while (hasBody && this.is('{')) {
      if (rule.else) throw this.fail(this.tok, 'expected else keyword');
      const bodyLoc = this.loc();
      this.next();
      const extra: Rule = { ...rule, body: this.parseBody('}'), loc: bodyLoc };
      if (extra.args) extra.args = extra.args.map((a) => (a.type === 'var' && a.name.startsWith('$_') ? this.freshWildcard(a.loc) : a));
      rules.push(extra);
    }
    return rules;
  }

  /** Name, `.name` / `[term]` elements, and optional `(args)` of a rule head. */
  private parseHeadRef(): { ref: Term[]; args?: Term[] } {
    const name = this.next();
    const ref: Term[] = [{ type: 'string', value: name.text, loc: this.loc(name) }];
    // OPA allows whitespace before the first element of a head (`f (x)`), not between later ones.
    let first = true;
    for (;;) {
      if (this.tok.ws && !first) break;
      first = false;
      if (this.is('.')) {
        this.next();
        const el = this.tok;
        if (el.ws || (el.kind !== 'ident' && el.kind !== 'keyword')) throw this.unexpected(el, 'expected ident');
        this.next();
        ref.push({ type: 'string', value: el.text, loc: this.loc(el) });
      } else if (this.is('[')) {
        this.next();
        const el = this.parseTermInfix(true);
        if (!this.is(']')) throw this.unexpected(this.tok, 'expected ]');
        this.next();
        ref.push(el);
      } else if (this.is('(')) {
        const nonName = ref.find((t) => t.type !== 'string');
        if (nonName) throw this.fail(nonName.loc, `rule head ref ${this.refText(ref)} invalid`);
        this.next();
        return { ref, args: this.parseTermList(')') };
      } else {
        break;
      }
    }
    return { ref };
  }

  /** Body after `if`: a single literal, or `{ ... }` (a literal that is a set literal means a body). */
  private parseIfBody(): Body {
    if (this.is('{')) {
      const brace = this.pos;
      const literal = this.attempt(() => this.parseLiteral());
      if (literal && !(literal.type === 'term' && literal.term.type === 'set')) return [literal];
      this.pos = brace + 1;
      return this.parseBody('}');
    }
    return [this.parseLiteral()];
  }

  private parseElseChain(): NonNullable<Rule['else']> {
    const chain: NonNullable<Rule['else']> = [];
    while (this.is('else')) {
      const elseTok = this.next();
      const loc = this.loc(elseTok);
      let value: Term;
      if (this.is(':=') || this.is('=')) {
        this.next();
        value = this.parseTermInfix(true);
      } else if (this.is('if') || this.is('{')) {
        value = { type: 'boolean', value: true, loc };
      } else {
        throw this.unexpected(this.tok, 'expected else value term or rule body');
      }
      let body: Body = [];
      if (this.is('if')) {
        this.next();
        if (this.is('{')) {
          this.next();
          body = this.parseBody('}');
        } else {
          body = [this.parseLiteral()];
        }
      } else if (this.is('{')) {
        throw this.fail(loc, '`if` keyword is required before rule body');
      }
      chain.push({ value, body, loc });
    }
    return chain;
  }

  private defaultRule(loc: Location, ref: Term[], kind: Rule['kind'], args: Term[] | undefined, value: Term | undefined, assign: boolean): Rule {
    if (!value) throw this.fail(loc, 'illegal default rule (must have a value)');
    const bad = findNonConstant(value);
    if (bad) throw this.fail(loc, `illegal default rule (value cannot contain ${bad})`);
    const seen = new Set<string>();
    for (const a of args ?? []) {
      if (a.type !== 'var') throw this.fail(loc, `illegal default rule (arguments cannot contain ${a.type})`);
      if (seen.has(a.name)) throw this.fail(loc, `illegal default rule (arguments cannot be repeated ${a.name})`);
      seen.add(a.name);
    }
    const rule: Rule = { ref, kind, value, assign, isDefault: true, body: [], loc };
    if (args) rule.args = args;
    return rule;
  }

  private refText(ref: Term[]): string {
    return ref.map((t, i) => (t.type === 'string' ? (i === 0 ? t.value : `.${t.value}`) : t.type === 'var' ? `[${t.name}]` : '[...]')).join('');
  }
}

/** The kind of the first var/ref/call in a default value, skipping comprehensions (as OPA does). */
function findNonConstant(t: Term): string | undefined {
  switch (t.type) {
    case 'var':
      return 'var';
    case 'ref':
      return 'ref';
    case 'call':
      return 'call';
    case 'array':
    case 'set':
      for (const item of t.items) {
        const bad = findNonConstant(item);
        if (bad) return bad;
      }
      return undefined;
    case 'object':
      for (const [k, v] of t.items) {
        const bad = findNonConstant(k) ?? findNonConstant(v);
        if (bad) return bad;
      }
      return undefined;
    default:
      return undefined;
  }
}

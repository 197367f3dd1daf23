/**
 * Term and body grammar of Rego v1 over the token array of lexer.ts: literals, refs, calls,
 * collections, comprehensions, infix operators with OPA's precedence, `some`, `every`, `with`.
 * Rule/module structure lives in module.ts, which extends this class.
 *
 * Errors are thrown as CompileError. The few places where the grammar is ambiguous without
 * unbounded lookahead (`k, v in xs`, `some x in xs` vs `some x`, rule bodies after `if`) retry
 * from a saved token index; `Abort` errors (depth and work limits) are never swallowed there.
 */
import {
  CompileError,
  type Body,
  type CallTerm,
  type Expr,
  type Location,
  type RefTerm,
  type Term,
  type VarTerm,
  type With,
} from '../ast';
import type { Token } from './lexer';

/** A limit was hit (nesting depth, parser work): never retried by speculative parses. */
export class Abort extends CompileError {}

/** Nesting levels of terms (arrays in arrays, parentheses, comprehensions ...). */
export const MAX_NESTING = 250;

/** Infix operators: precedence (higher binds tighter) and OPA's builtin name. */
const BINARY: Record<string, { prec: number; name: string }> = {
  '==': { prec: 1, name: 'equal' },
  '!=': { prec: 1, name: 'neq' },
  '<': { prec: 1, name: 'lt' },
  '<=': { prec: 1, name: 'lte' },
  '>': { prec: 1, name: 'gt' },
  '>=': { prec: 1, name: 'gte' },
  '|': { prec: 2, name: 'or' },
  '&': { prec: 3, name: 'and' },
  '+': { prec: 4, name: 'plus' },
  '-': { prec: 4, name: 'minus' },
  '*': { prec: 5, name: 'mul' },
  '/': { prec: 5, name: 'div' },
  '%': { prec: 5, name: 'rem' },
};

/** OPA's token names, used in `unexpected <name> token` messages. */
const TOKEN_NAMES: Record<string, string> = {
  ':=': 'assign', '=': 'eq', '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte',
  '+': 'plus', '-': 'minus', '*': 'mul', '/': 'div', '%': 'rem', '&': 'and', '|': 'or',
};

export const MEMBER = ['internal', 'member_2'];
export const MEMBER_WITH_KEY = ['internal', 'member_3'];

export class TermParser {
  protected pos = 0;
  private depth = 0;
  private work = 0;
  private readonly workLimit: number;
  private wildcards = 0;
  /** Nesting of `attempt` calls in progress. */
  private speculating = 0;
  /** Calls built from the `in` operator (as opposed to a literal `internal.member_2(...)`). */
  private readonly inCalls = new WeakSet<Term>();

  constructor(
    protected readonly toks: Token[],
    protected readonly file: string,
  ) {
    // Speculative parses at most re-read a bounded part of the input; this is the hard stop.
    this.workLimit = 64 * toks.length + 10_000;
  }

  // ------------------------------------------------------------ token helpers

  protected get tok(): Token {
    return this.toks[this.pos];
  }

  protected peek(k = 1): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)];
  }

  protected next(): Token {
    const t = this.toks[this.pos];
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** The current token is punctuation or a keyword spelled `text`. */
  protected is(text: string, t: Token = this.tok): boolean {
    return (t.kind === 'punct' || t.kind === 'keyword') && t.text === text;
  }

  // Methods rather than inline checks: TypeScript would narrow `this.tok` across calls that move it.
  protected atEof(): boolean {
    return this.tok.kind === 'eof';
  }

  protected isPunct(): boolean {
    return this.tok.kind === 'punct';
  }

  protected loc(t: Token = this.tok): Location {
    return { file: this.file, row: t.row, col: t.col };
  }

  protected fail(at: Token | Location, message: string): CompileError {
    const loc = 'kind' in at ? this.loc(at) : at;
    if (this.speculating === 0) return new CompileError(loc, `rego_parse_error: ${message}`);
    // A speculative parse usually fails and is retried: skip the costly stack trace capture.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new CompileError(loc, `rego_parse_error: ${message}`);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  protected unexpected(t: Token, note?: string): CompileError {
    let name: string;
    let type = 'token';
    switch (t.kind) {
      case 'eof': name = 'eof'; break;
      case 'ident': name = 'identifier'; break;
      case 'number': name = 'number'; break;
      case 'string':
      case 'rawstring': name = 'string'; break;
      case 'keyword': name = t.text; type = 'keyword'; break;
      default: name = TOKEN_NAMES[t.text] ?? t.text;
    }
    return this.fail(t, `unexpected ${name} ${type}${note ? `: ${note}` : ''}`);
  }

  protected expect(text: string): Token {
    if (!this.is(text)) throw this.unexpected(this.tok, `expected ${text}`);
    return this.next();
  }

  /** Runs `fn`; on a (non-limit) parse error, rewinds and returns undefined. */
  protected attempt<T>(fn: () => T): T | undefined {
    const saved = this.pos;
    this.speculating++;
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof CompileError) || e instanceof Abort) throw e;
      this.pos = saved;
      return undefined;
    } finally {
      this.speculating--;
    }
  }

  protected freshWildcard(loc: Location): VarTerm {
    return { type: 'var', name: `$_${this.wildcards++}`, loc };
  }

  protected varFromToken(t: Token): VarTerm {
    return t.text === '_' ? this.freshWildcard(this.loc(t)) : { type: 'var', name: t.text, loc: this.loc(t) };
  }

  protected isInCall(t: Term): t is CallTerm {
    return this.inCalls.has(t);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) {
      throw new Abort(this.loc(), `rego_parse_error: max parsing recursion depth exceeded (nesting deeper than ${MAX_NESTING})`);
    }
    if (++this.work > this.workLimit) {
      throw new Abort(this.loc(), 'rego_parse_error: parser work limit exceeded');
    }
  }

  // ------------------------------------------------------------ bodies and literals

  /** Expressions up to `end` (`}` / `]` / eof), separated by newlines or `;`; consumes `end`. */
  protected parseBody(end: string): Body {
    const atEnd = (): boolean => (end === 'eof' ? this.tok.kind === 'eof' : this.is(end));
    if (atEnd()) throw this.fail(this.tok, 'found empty body');
    const body: Body = [];
    for (;;) {
      body.push(this.parseLiteral());
      if (this.is(';')) {
        this.next();
        continue;
      }
      if (atEnd()) {
        this.next();
        return body;
      }
      if (!this.tok.nl) throw this.unexpected(this.tok, `expected \\n or ; or ${end}`);
    }
  }

  protected parseLiteral(): Expr {
    const start = this.tok;
    let negated = false;
    if (this.is('not')) {
      this.next();
      negated = true;
    }
    if (this.is('some')) {
      if (negated) throw this.unexpected(this.tok, "illegal negation of 'some'");
      return this.parseSome(start);
    }
    if (this.is('every')) {
      if (negated) throw this.unexpected(this.tok, "illegal negation of 'every'");
      return this.parseEvery(start);
    }
    const loc = this.loc(start);
    const left = this.parseTermInfix(true);
    let expr: Expr;
    if (this.is(':=') || this.is('=')) {
      const assign = this.next().text === ':=';
      const right = this.parseTermInfix(true);
      expr = { type: assign ? 'assign' : 'unify', left, right, negated, with: [], loc };
    } else {
      expr = { type: 'term', term: left, negated, with: [], loc };
    }
    expr.with = this.parseWiths();
    return expr;
  }

  private parseWiths(): With[] {
    const withs: With[] = [];
    while (this.is('with')) {
      const withTok = this.next();
      if (this.tok.kind !== 'ident') throw this.unexpected(this.tok, 'expected ident');
      const target = this.parseTerm();
      let ref: RefTerm;
      if (target.type === 'ref') ref = target;
      else if (target.type === 'var') ref = { type: 'ref', head: target, path: [], loc: target.loc };
      else throw this.unexpected(this.tok, 'expected with target path');
      if (!this.is('as')) throw this.unexpected(this.tok, 'expected as keyword');
      this.next();
      const value = this.parseTermInfix(true);
      withs.push({ target: ref, value, loc: this.loc(withTok) });
    }
    return withs;
  }

  private parseSome(start: Token): Expr {
    const loc = this.loc(start);
    this.next(); // some
    const afterSome = this.pos;
    const term = this.attempt(() => this.parseTermInfix(true));
    if (term && term.type === 'call') {
      if (!this.isInCall(term)) throw this.unexpected(this.tok, 'expected `x in xs` or `x, y in xs` expression');
      const [a, b, c] = term.args;
      const expr: Expr =
        term.args.length === 2
          ? { type: 'somein', value: a, collection: b, negated: false, with: [], loc }
          : { type: 'somein', key: a, value: b, collection: c, negated: false, with: [], loc };
      expr.with = this.parseWiths();
      return expr;
    }
    this.pos = afterSome;
    const vars: VarTerm[] = [];
    for (;;) {
      if (this.tok.kind !== 'ident') throw this.unexpected(this.tok, 'expected var');
      vars.push(this.varFromToken(this.next()));
      if (!this.is(',')) break;
      this.next();
    }
    return { type: 'some', vars, negated: false, with: [], loc };
  }

  private parseEvery(start: Token): Expr {
    const loc = this.loc(start);
    this.next(); // every
    const term = this.parseTermInfix(true);
    if (!this.isInCall(term)) throw this.unexpected(this.tok, 'expected `x[, y] in xs { ... }` expression');
    const withKey = term.args.length === 3;
    const key = withKey ? term.args[0] : undefined;
    const value = withKey ? term.args[1] : term.args[0];
    const domain = withKey ? term.args[2] : term.args[1];
    if (key && key.type !== 'var') throw this.unexpected(this.tok, 'expected key to be a variable');
    if (value.type !== 'var') throw this.unexpected(this.tok, 'expected value to be a variable');
    if (!this.is('{')) throw this.unexpected(this.tok, 'missing body');
    this.next();
    const body = this.parseBody('}');
    const expr: Expr = { type: 'every', key, value, domain, body, negated: false, with: [], loc };
    expr.with = this.parseWiths();
    return expr;
  }

  // ------------------------------------------------------------ infix terms

  /**
   * The loosest-binding term: `x in xs`, and with `keyVal` also `k, v in xs` (not inside lists,
   * where the comma separates items).
   */
  protected parseTermInfix(keyVal: boolean, first?: Term): Term {
    const lhs = this.parseBinary(1, first);
    if (keyVal && this.is(',')) {
      const withKey = this.attempt(() => {
        this.next();
        const mhs = this.parseBinary(1);
        const inTok = this.expect('in');
        const rhs = this.parseBinary(1);
        return this.call(MEMBER_WITH_KEY, [lhs, mhs, rhs], lhs.loc, inTok);
      });
      if (withKey) return this.parseInChain(withKey);
    }
    return this.parseInChain(lhs);
  }

  private parseInChain(lhs: Term): Term {
    while (this.is('in')) {
      const inTok = this.next();
      lhs = this.call(MEMBER, [lhs, this.parseBinary(1)], lhs.loc, inTok);
    }
    return lhs;
  }

  private call(operator: string[], args: Term[], loc: Location, inTok?: Token): CallTerm {
    const term: CallTerm = { type: 'call', operator, args, loc };
    if (inTok) this.inCalls.add(term);
    return term;
  }

  /** Precedence climbing over BINARY; `first` is an already parsed left operand. */
  private parseBinary(minPrec: number, first?: Term): Term {
    let lhs = first ?? this.parseTerm();
    for (;;) {
      const op = this.tok.kind === 'punct' ? BINARY[this.tok.text] : undefined;
      if (!op || op.prec < minPrec) return lhs;
      this.next();
      let rhs = this.parseTerm();
      for (;;) {
        const nextOp = this.tok.kind === 'punct' ? BINARY[this.tok.text] : undefined;
        if (!nextOp || nextOp.prec <= op.prec) break;
        rhs = this.parseBinary(op.prec + 1, rhs);
      }
      lhs = this.call([op.name], [lhs, rhs], lhs.loc);
    }
  }

  // ------------------------------------------------------------ primary terms

  /** A single term with its ref/call suffixes, no infix operators (except a leading minus). */
  protected parseTerm(): Term {
    this.enter();
    try {
      return this.parsePrimary();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Term {
    const t = this.tok;
    const loc = this.loc(t);
    switch (t.kind) {
      case 'number':
        this.next();
        return this.scalarEnd(this.number(t, t.text, loc));
      case 'string':
      case 'rawstring':
        this.next();
        return this.scalarEnd({ type: 'string', value: t.value ?? '', loc });
      case 'ident':
        this.next();
        return this.parseRefSuffixes(this.varFromToken(t));
      case 'keyword':
        switch (t.text) {
          case 'null':
            this.next();
            return this.scalarEnd({ type: 'null', loc });
          case 'true':
          case 'false':
            this.next();
            return this.scalarEnd({ type: 'boolean', value: t.text === 'true', loc });
          case 'contains': // a keyword only in rule heads; elsewhere the builtin's name
            this.next();
            return this.parseRefSuffixes({ type: 'var', name: t.text, loc });
          default:
            throw this.unexpected(t);
        }
      case 'punct':
        switch (t.text) {
          case '[':
            this.next();
            return this.parseRefSuffixes(this.parseArray(loc));
          case '{':
            this.next();
            return this.parseRefSuffixes(this.parseSetOrObject(loc));
          case '(': {
            this.next();
            const inner = this.parseTermInfix(true);
            if (!this.is(')')) throw this.fail(this.tok, 'non-terminated expression');
            this.next();
            return this.parseRefSuffixes(inner);
          }
          case '-': {
            this.next();
            const n = this.tok;
            if (n.kind === 'number') {
              this.next();
              return this.scalarEnd(this.number(n, `-${n.text}`, loc));
            }
            if (this.is('.') && this.peek().kind === 'number' && !this.peek().ws) {
              this.next();
              const frac = this.next();
              return this.scalarEnd(this.number(frac, `-.${frac.text}`, loc));
            }
            // Unary minus on anything else: 0 - x.
            const operand = this.parseTerm();
            return this.call(['minus'], [{ type: 'number', text: '0', loc }, operand], loc);
          }
          case '.':
            if (this.peek().kind === 'number' && !this.peek().ws) {
              this.next();
              const frac = this.next();
              return this.scalarEnd(this.number(frac, `.${frac.text}`, loc));
            }
            throw this.unexpected(t);
          default:
            throw this.unexpected(t);
        }
      default:
        throw this.unexpected(t);
    }
  }

  private number(t: Token, text: string, loc: Location): Term {
    const digits = t.text;
    if (digits.length > 1 && digits[0] === '0' && digits[1] !== '.' && !(digits.length > 2 && (digits[1] === 'e' || digits[1] === 'E'))) {
      throw this.unexpected(t, 'expected number without leading zero');
    }
    return { type: 'number', text, loc };
  }

  /** Scalars cannot be the head of a ref or call. */
  private scalarEnd(term: Term): Term {
    const t = this.tok;
    if (!t.ws && (this.is('[') || this.is('(') || (this.is('.') && this.peek().kind !== 'number'))) {
      throw this.fail(term.loc, `illegal ref (head cannot be ${term.type})`);
    }
    return term;
  }

  /** `.name`, `[term]` and `(args)` directly after a term (no whitespace in between). */
  protected parseRefSuffixes(head: Term): Term {
    let path: Term[] = [];
    for (;;) {
      const t = this.tok;
      if (t.ws) break;
      if (this.is('.')) {
        this.next();
        const name = this.tok;
        if (name.ws || (name.kind !== 'ident' && name.kind !== 'keyword')) throw this.unexpected(name, 'expected ident');
        this.next();
        path.push({ type: 'string', value: name.text, loc: this.loc(name) });
      } else if (this.is('[')) {
        this.next();
        const key = this.parseTermInfix(true);
        if (!this.is(']')) throw this.unexpected(this.tok, 'expected ]');
        this.next();
        path.push(key);
      } else if (this.is('(')) {
        const operator = this.operatorName(head, path, t);
        this.next();
        const args = this.parseTermList(')');
        head =
          args.length === 0 && operator.length === 1 && operator[0] === 'set'
            ? { type: 'set', items: [], loc: head.loc }
            : this.call(operator, args, head.loc);
        path = [];
      } else {
        break;
      }
    }
    if (path.length > 0) {
      if (head.type === 'ref') return { type: 'ref', head: head.head, path: [...head.path, ...path], loc: head.loc };
      return { type: 'ref', head, path, loc: head.loc };
    }
    // OPA turns the bare root documents into refs.
    if (head.type === 'var' && (head.name === 'data' || head.name === 'input')) {
      return { type: 'ref', head, path: [], loc: head.loc };
    }
    return head;
  }

  /** The dotted name of a called function: a var followed by `.name` elements. */
  private operatorName(head: Term, path: Term[], at: Token): string[] {
    let root: Term = head;
    let elems = path;
    if (head.type === 'ref' && path.length === 0) {
      root = head.head;
      elems = head.path;
    }
    if (root.type !== 'var' || root.name.startsWith('$')) throw this.fail(at, 'illegal call (the function must be named)');
    const names = [root.name];
    for (const e of elems) {
      if (e.type !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(e.value)) throw this.fail(at, 'illegal call (the function must be named)');
      names.push(e.value);
    }
    return names;
  }

  /** Comma-separated terms up to `end` (a trailing comma is allowed); consumes `end`. */
  protected parseTermList(end: string, items: Term[] = []): Term[] {
    if (this.is(end)) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.parseTermInfix(false));
      if (this.is(end)) {
        this.next();
        return items;
      }
      if (!this.is(',')) throw this.unexpected(this.tok, `expected "," or "${end}"`);
      this.next();
      if (this.is(end)) {
        this.next();
        return items;
      }
    }
  }

  /**
   * The body after `head |`. As in OPA, `[a | b, c]` is an array holding `a | b` when the body
   * cannot be parsed and parsing stopped at a comma: then undefined is returned (position
   * unspecified) and the caller re-reads the items as a list. Any other failure is thrown.
   */
  private comprehensionBody(end: string): Body | undefined {
    const saved = this.pos;
    this.next(); // |
    this.speculating++;
    try {
      return this.parseBody(end);
    } catch (e) {
      if (!(e instanceof CompileError) || e instanceof Abort || !this.is(',')) throw e;
      this.pos = saved;
      return undefined;
    } finally {
      this.speculating--;
    }
  }

  /** After `[`: an array or an array comprehension (`[x | body]` wins over `x | y`). */
  private parseArray(loc: Location): Term {
    if (this.is(']')) {
      this.next();
      return { type: 'array', items: [], loc };
    }
    const leadingComma = this.is(',');
    if (leadingComma) this.next();
    const start = this.pos;
    const first = this.parseTerm();
    if (this.is('|') && !leadingComma) {
      const body = this.comprehensionBody(']');
      if (body) return { type: 'arraycomp', term: first, body, loc };
      this.pos = start;
      return { type: 'array', items: this.parseTermList(']'), loc };
    }
    const item = this.parseTermInfix(false, first);
    if (this.is(']')) {
      this.next();
      return { type: 'array', items: [item], loc };
    }
    if (!this.is(',')) throw this.unexpected(this.tok, 'expected "," or "]"');
    this.next();
    return { type: 'array', items: this.parseTermList(']', [item]), loc };
  }

  /** After `{`: `{}` (empty object), a set, an object, or one of their comprehensions. */
  private parseSetOrObject(loc: Location): Term {
    if (this.is('}')) {
      this.next();
      return { type: 'object', items: [], loc };
    }
    const leadingComma = this.is(',');
    if (leadingComma) this.next();
    const start = this.pos;
    const first = this.parseTerm();
    if (this.is('|') && !leadingComma) {
      const body = this.comprehensionBody('}');
      if (body) return { type: 'setcomp', term: first, body, loc };
      this.pos = start;
      return { type: 'set', items: this.parseTermList('}'), loc };
    }
    const key = this.is(':') ? first : this.parseTermInfix(false, first);
    if (this.is(':')) {
      this.next();
      return this.parseObjectRest(key, !leadingComma, loc);
    }
    if (this.is('}')) {
      this.next();
      return { type: 'set', items: [key], loc };
    }
    if (!this.is(',')) throw this.unexpected(this.tok, 'non-terminated set');
    this.next();
    return { type: 'set', items: this.parseTermList('}', [key]), loc };
  }

  /** After `{key:`: the rest of an object, or an object comprehension `{k: v | body}`. */
  private parseObjectRest(key: Term, canBeComprehension: boolean, loc: Location): Term {
    const firstValue = this.parseTerm();
    if (this.is('|') && canBeComprehension) {
      this.next();
      return { type: 'objectcomp', key, value: firstValue, body: this.parseBody('}'), loc };
    }
    const items: [Term, Term][] = [[key, this.parseTermInfix(false, firstValue)]];
    for (;;) {
      if (this.is('}')) {
        this.next();
        return { type: 'object', items, loc };
      }
      if (!this.is(',')) throw this.unexpected(this.tok, items.length === 1 ? 'non-terminated object' : 'expected "," or "}"');
      this.next();
      if (this.is('}')) {
        this.next();
        return { type: 'object', items, loc };
      }
      const k = this.parseTermInfix(false);
      if (!this.is(':')) throw this.unexpected(this.tok, 'expected ":"');
      this.next();
      items.push([k, this.parseTermInfix(false)]);
    }
  }
}

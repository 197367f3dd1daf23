/**
 * Partial evaluation of Terraform (HCL native syntax) expressions, as the configuration alone
 * allows: literals, templates, conditionals, operators, tuple/object constructors, `for`
 * expressions, splats and the common functions (merge, lookup, coalesce, try, concat, ...) are
 * computed when their operands are known. Anything depending on a value known only at apply (a
 * resource attribute, a variable without a value) is an Unknown that carries what it refers to and
 * whether it is sensitive. The caller (config.ts) resolves traversals (`var.x`, `local.y`,
 * `module.m.out`, `each.value`, `azurerm_x.y.id`) to values.
 *
 * A parse error or an unsupported construct is not an error: the caller falls back to "unknown,
 * referring to every traversal in the text".
 */

/**
 * A value not known before apply: the expression text (in the scope it was written in), the
 * root-relative addresses it refers to, and whether it carries a sensitive value.
 */
export class Unknown {
  constructor(
    readonly text: string | undefined,
    readonly refs: readonly string[],
    readonly sensitive = false,
    /**
     * Set when the unknown is exactly the value at one address (`azurerm_x.y`, `azurerm_x.y.id`):
     * an index or attribute known at evaluation extends it (`azurerm_x.y[count.index].id` in
     * instance 0 refers to `azurerm_x.y[0].id`).
     */
    readonly path?: string,
    /**
     * A value that is known but sensitive (a sensitive variable's value, `sensitive("...")`): it
     * counts as unknown wherever a value could leak or be decided on, and `nonsensitive()`, an
     * index, a dynamic block or a function give it back (marking what they return sensitive).
     * The resource keeps it as its value, as a plan shows sensitive values in `after`.
     */
    readonly known?: Value,
  ) {}
}

/** A known value carried as sensitive: `v` itself marked sensitive (its unknown leaves, or v whole). */
export function sensitiveValue(v: Value, refs: readonly string[] = []): Value {
  if (v instanceof Unknown) return new Unknown(v.text, [...new Set([...v.refs, ...refs])], true, v.path, v.known);
  if (unknownLeaves(v).length) return withSensitivity(v, true);
  return new Unknown(undefined, refs, true, undefined, v);
}

const carriesKnown = (v: Value): v is Unknown & { known: NonNullable<unknown> | null } => v instanceof Unknown && v.known !== undefined;

/**
 * `v` with every known-but-sensitive part replaced by its value; `found` says whether there was
 * one (the result of computing on it is then sensitive too).
 */
export function reveal(v: Value): { value: Value; found: boolean; refs: string[] } {
  let found = false;
  const refs: string[] = [];
  const walk = (x: Value): Value => {
    if (carriesKnown(x)) {
      found = true;
      refs.push(...x.refs);
      return walk(x.known);
    }
    if (Array.isArray(x)) return x.map(walk);
    if (isObject(x)) return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]));
    return x;
  };
  const value = walk(v);
  return { value, found, refs };
}

/** An unknown standing for the value at `path`, referring to it. */
export const unknownAt = (path: string): Unknown => new Unknown(undefined, [path], false, path);

/** `a.b` + `c` → `a.b.c`; `a.b` + `[0]` → `a.b[0]`. */
const extendPath = (path: string, step: string): string => (step.startsWith('[') ? `${path}${step}` : `${path}.${step}`);

/** An evaluated value: JSON whose leaves may be Unknown. */
export type Value = unknown;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);

/** Every Unknown leaf of a value. */
export function unknownLeaves(v: Value, out: Unknown[] = []): Unknown[] {
  if (v instanceof Unknown) out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => unknownLeaves(x, out));
  else if (isObject(v)) Object.values(v).forEach((x) => unknownLeaves(x, out));
  return out;
}

export const refsOf = (v: Value): string[] => [...new Set(unknownLeaves(v).flatMap((u) => u.refs))];
export const isSensitive = (v: Value): boolean => unknownLeaves(v).some((u) => u.sensitive);

/** One unknown standing for several values (what they refer to, sensitive if any is). */
export function unknownOf(values: Value[], text?: string): Unknown {
  return new Unknown(text, [...new Set(values.flatMap(refsOf))], values.some(isSensitive));
}

/** Marks every unknown leaf sensitive, or not (`sensitive()` / `nonsensitive()`: a known value is given back). */
export function withSensitivity(v: Value, sensitive: boolean): Value {
  if (carriesKnown(v) && !sensitive) return withSensitivity(v.known, false);
  if (v instanceof Unknown) return new Unknown(v.text, v.refs, sensitive, undefined, v.known);
  if (Array.isArray(v)) return v.map((x) => withSensitivity(x, sensitive));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withSensitivity(x, sensitive)]));
  return v;
}

/** `value[step]...` for traversal steps (`name`, `[0]`, `["k"]`, `[*]`); an unknown stays unknown. */
export function index(v: Value, steps: string[]): Value {
  let cur = v;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (cur instanceof Unknown) {
      if (carriesKnown(cur)) return sensitiveValue(index(cur.known, steps.slice(i)), cur.refs);
      if (cur.path === undefined) return new Unknown(undefined, cur.refs, cur.sensitive);
      const path = steps.slice(i).reduce(extendPath, cur.path);
      return new Unknown(undefined, [path], cur.sensitive, path);
    }
    const key = step.startsWith('[') ? step.slice(1, -1) : step;
    if (key === '*') {
      const items = Array.isArray(cur) ? cur : cur === null || cur === undefined ? [] : [cur];
      return items.map((item) => index(item, steps.slice(i + 1)));
    }
    const name = key.startsWith('"') ? (JSON.parse(key) as string) : key;
    if (Array.isArray(cur) && /^\d+$/.test(name)) cur = cur[Number(name)];
    else if (isObject(cur) && name in cur) cur = cur[name];
    else throw new EvalError(`no ${name}`);
  }
  return cur;
}

/** An expression that cannot be evaluated (a type mismatch, a missing key, an unsupported construct). */
export class EvalError extends Error {}

// ---------------------------------------------------------------- tokens

type Token = { t: 'num'; v: number } | { t: 'str'; parts: (string | Node)[] } | { t: 'id'; v: string } | { t: 'op'; v: string } | { t: 'end' };

const OPS = ['...', '==', '!=', '<=', '>=', '&&', '||', '=>', '::', '?', ':', '!', '<', '>', '+', '-', '*', '/', '%', '.', ',', '[', ']', '(', ')', '{', '}', '='];

class Lexer {
  i = 0;
  constructor(readonly src: string) {}

  private skip(): void {
    for (;;) {
      const rest = this.src.slice(this.i);
      const m = /^(?:\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
      if (!m || !m[0]) return;
      this.i += m[0].length;
    }
  }

  next(): Token {
    this.skip();
    const s = this.src;
    if (this.i >= s.length) return { t: 'end' };
    const rest = s.slice(this.i);
    const num = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (num) {
      this.i += num[0].length;
      return { t: 'num', v: Number(num[0]) };
    }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    if (id) {
      this.i += id[0].length;
      return { t: 'id', v: id[0] };
    }
    if (rest[0] === '"') return this.string();
    if (rest.startsWith('<<')) throw new EvalError('heredoc');
    for (const op of OPS) {
      if (rest.startsWith(op)) {
        this.i += op.length;
        return { t: 'op', v: op };
      }
    }
    throw new EvalError(`unexpected ${rest[0]}`);
  }

  /** A quoted template: literal text with escapes decoded, and `${...}` interpolations parsed. */
  private string(): Token {
    const s = this.src;
    let i = this.i + 1;
    let text = '';
    const parts: (string | Node)[] = [];
    while (i < s.length && s[i] !== '"') {
      const c = s[i];
      if (c === '\\') {
        const e = s[i + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (e in simple) {
          text += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}/.test(s.slice(i + 2))) {
          text += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          throw new EvalError('escape');
        }
      } else if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
        text += `${c}{`;
        i += 3;
      } else if (c === '%' && s[i + 1] === '{') {
        throw new EvalError('template directive');
      } else if (c === '$' && s[i + 1] === '{') {
        if (text) parts.push(text);
        text = '';
        const parser = new Parser(s, i + 2);
        parts.push(parser.expression());
        parser.expectOp('}');
        i = parser.offset;
      } else {
        text += c;
        i++;
      }
    }
    if (i >= s.length) throw new EvalError('unterminated string');
    if (text || !parts.length) parts.push(text);
    this.i = i + 1;
    return { t: 'str', parts };
  }
}

// ---------------------------------------------------------------- syntax tree
// Not @cdktf/hcl2json's getExpressionAst: that is an async call into WASM per expression, while
// CDKTF inputs are also loaded synchronously (the synth gate) and a stack has hundreds of them.

export type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'tmpl'; parts: (string | Node)[] }
  | { k: 'trav'; parts: string[] }
  | { k: 'index'; obj: Node; key: Node }
  | { k: 'attr'; obj: Node; name: string }
  | { k: 'splat'; obj: Node; rest: ((n: Node) => Node) }
  | { k: 'call'; name: string; args: Node[]; expand: boolean }
  | { k: 'cond'; c: Node; a: Node; b: Node }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'un'; op: string; e: Node }
  | { k: 'tuple'; items: Node[] }
  | { k: 'object'; items: [Node, Node][] }
  | { k: 'for'; object: boolean; keyVar?: string; valVar: string; coll: Node; key?: Node; val: Node; cond?: Node; group: boolean };

const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

class Parser {
  private lexer: Lexer;
  private tok: Token;

  constructor(src: string, at = 0) {
    this.lexer = new Lexer(src);
    this.lexer.i = at;
    this.tok = this.lexer.next();
  }

  /** Offset just after the current token (for the string lexer resuming after `}`). */
  get offset(): number {
    return this.lexer.i;
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  private isOp(v: string): boolean {
    return this.tok.t === 'op' && this.tok.v === v;
  }

  private isId(v: string): boolean {
    return this.tok.t === 'id' && this.tok.v === v;
  }

  expectOp(v: string): void {
    if (!this.isOp(v)) throw new EvalError(`expected ${v}`);
    // Do not read past the closing `}` of an interpolation: the string lexer resumes there.
    if (v === '}') return;
    this.advance();
  }

  private ident(): string {
    if (this.tok.t !== 'id') throw new EvalError('expected a name');
    return (this.advance() as { v: string }).v;
  }

  atEnd(): boolean {
    return this.tok.t === 'end';
  }

  expression(): Node {
    const c = this.binary(1);
    if (!this.isOp('?')) return c;
    this.advance();
    const a = this.expression();
    this.expectOp(':');
    const b = this.expression();
    return { k: 'cond', c, a, b };
  }

  private binary(min: number): Node {
    let left = this.unary();
    for (;;) {
      const op = this.tok.t === 'op' ? this.tok.v : '';
      const p = PRECEDENCE[op];
      if (!p || p < min) return left;
      this.advance();
      left = { k: 'bin', op, l: left, r: this.binary(p + 1) };
    }
  }

  private unary(): Node {
    if (this.isOp('!') || this.isOp('-')) {
      const op = (this.advance() as { v: string }).v;
      return { k: 'un', op, e: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.isOp('.')) {
        this.advance();
        if (this.isOp('*')) {
          this.advance();
          return { k: 'splat', obj: node, rest: this.splatRest() };
        }
        if (this.tok.t === 'num') node = { k: 'index', obj: node, key: { k: 'lit', v: (this.advance() as { v: number }).v } };
        else node = { k: 'attr', obj: node, name: this.ident() };
      } else if (this.isOp('[')) {
        this.advance();
        if (this.isOp('*')) {
          this.advance();
          this.expectOp(']');
          return { k: 'splat', obj: node, rest: this.splatRest() };
        }
        const key = this.expression();
        this.expectOp(']');
        node = { k: 'index', obj: node, key };
      } else {
        return node;
      }
    }
  }

  /** The attribute/index steps after a splat, applied to each element. */
  private splatRest(): (n: Node) => Node {
    const steps: ((n: Node) => Node)[] = [];
    for (;;) {
      if (this.isOp('.') ) {
        this.advance();
        const name = this.ident();
        steps.push((n) => ({ k: 'attr', obj: n, name }));
      } else if (this.isOp('[')) {
        this.advance();
        const key = this.expression();
        this.expectOp(']');
        steps.push((n) => ({ k: 'index', obj: n, key }));
      } else {
        return (n) => steps.reduce((acc, s) => s(acc), n);
      }
    }
  }

  private primary(): Node {
    const t = this.tok;
    if (t.t === 'num') {
      this.advance();
      return { k: 'lit', v: t.v };
    }
    if (t.t === 'str') {
      this.advance();
      return t.parts.length === 1 && typeof t.parts[0] === 'string' ? { k: 'lit', v: t.parts[0] } : { k: 'tmpl', parts: t.parts };
    }
    if (t.t === 'id') {
      this.advance();
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (this.isOp('::')) {
        let name = t.v;
        while (this.isOp('::')) {
          this.advance();
          name += `::${this.ident()}`;
        }
        return this.call(name);
      }
      if (this.isOp('(')) return this.call(t.v);
      return this.traversal(t.v);
    }
    if (t.t === 'op' && t.v === '(') {
      this.advance();
      const e = this.expression();
      this.expectOp(')');
      return e;
    }
    if (t.t === 'op' && t.v === '[') return this.tuple();
    if (t.t === 'op' && t.v === '{') return this.object();
    throw new EvalError('unexpected token');
  }

  /** A root name and its static steps (`.a`, `.0`, `[0]`, `["k"]`, `[*]`, `.*` and the names after a splat). */
  private traversal(root: string): Node {
    const parts = [root];
    let splat = false;
    for (;;) {
      const save = { i: this.lexer.i, tok: this.tok };
      if (this.isOp('.')) {
        this.advance();
        if (this.tok.t === 'id') {
          parts.push((this.advance() as { v: string }).v);
          continue;
        }
        if (this.tok.t === 'num' && Number.isInteger(this.tok.v) && !splat) {
          parts.push(`[${(this.advance() as { v: number }).v}]`);
          continue;
        }
        if (this.isOp('*') && parts.length >= 2 && !splat) {
          this.advance();
          parts.push('[*]');
          splat = true;
          continue;
        }
      } else if (this.isOp('[')) {
        this.advance();
        const t = this.tok;
        if (t.t === 'op' && t.v === '*' && !splat) {
          this.advance();
          if (this.isOp(']')) {
            this.advance();
            parts.push('[*]');
            splat = true;
            continue;
          }
        } else if (t.t === 'num' && Number.isInteger(t.v) && !splat) {
          this.advance();
          if (this.isOp(']')) {
            this.advance();
            parts.push(`[${t.v}]`);
            continue;
          }
        } else if (t.t === 'str' && t.parts.length === 1 && typeof t.parts[0] === 'string' && !splat) {
          this.advance();
          if (this.isOp(']')) {
            this.advance();
            parts.push(`[${JSON.stringify(t.parts[0])}]`);
            continue;
          }
        }
      }
      this.lexer.i = save.i;
      this.tok = save.tok;
      return { k: 'trav', parts };
    }
  }

  private call(name: string): Node {
    this.expectOp('(');
    const args: Node[] = [];
    let expand = false;
    while (!this.isOp(')')) {
      args.push(this.expression());
      if (this.isOp('...')) {
        this.advance();
        expand = true;
      }
      if (this.isOp(',')) this.advance();
      else if (!this.isOp(')')) throw new EvalError('expected , or )');
    }
    this.advance();
    return { k: 'call', name, args, expand };
  }

  private tuple(): Node {
    this.expectOp('[');
    if (this.isId('for')) return this.forExpr(false);
    const items: Node[] = [];
    while (!this.isOp(']')) {
      items.push(this.expression());
      if (this.isOp(',')) this.advance();
      else if (!this.isOp(']')) throw new EvalError('expected , or ]');
    }
    this.advance();
    return { k: 'tuple', items };
  }

  private object(): Node {
    this.expectOp('{');
    if (this.isId('for')) return this.forExpr(true);
    const items: [Node, Node][] = [];
    while (!this.isOp('}')) {
      let key: Node;
      const t = this.tok;
      if (t.t === 'id' && !['true', 'false', 'null'].includes(t.v)) {
        this.advance();
        key = { k: 'lit', v: t.v };
      } else {
        key = this.expression();
      }
      if (this.isOp('=') || this.isOp(':')) this.advance();
      else throw new EvalError('expected = or :');
      items.push([key, this.expression()]);
      if (this.isOp(',')) this.advance();
    }
    this.advance();
    return { k: 'object', items };
  }

  private forExpr(object: boolean): Node {
    this.advance(); // for
    let valVar = this.ident();
    let keyVar: string | undefined;
    if (this.isOp(',')) {
      this.advance();
      keyVar = valVar;
      valVar = this.ident();
    }
    if (!this.isId('in')) throw new EvalError('expected in');
    this.advance();
    const coll = this.expression();
    this.expectOp(':');
    let key: Node | undefined;
    let val = this.expression();
    let group = false;
    if (object) {
      this.expectOp('=>');
      key = val;
      val = this.expression();
      if (this.isOp('...')) {
        this.advance();
        group = true;
      }
    }
    let cond: Node | undefined;
    if (this.isId('if')) {
      this.advance();
      cond = this.expression();
    }
    this.expectOp(object ? '}' : ']');
    if (object) this.advance();
    return { k: 'for', object, keyVar, valVar, coll, key, val, cond, group };
  }
}

/** Parses the code of one `${...}` interpolation; undefined when it is not (supported) HCL. */
export function parseExpression(code: string): Node | undefined {
  try {
    const p = new Parser(code);
    const node = p.expression();
    return p.atEnd() ? node : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- evaluation

/** Resolves a traversal that does not start with a loop variable (the caller's scope). */
export type Resolver = (parts: string[]) => Value;

type Env = { resolve: Resolver; vars: ReadonlyMap<string, Value> };

const isKnownScalar = (v: Value): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

function toStringValue(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new EvalError('not a string');
}

function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new EvalError('not a number');
}

function toBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new EvalError('not a bool');
}

function equal(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Elements of a known collection as [key, value] pairs (lists by index, maps by sorted key). */
function entries(coll: Value): [Value, Value][] {
  if (Array.isArray(coll)) return coll.map((v, i) => [i, v]);
  if (isObject(coll)) return Object.keys(coll).sort().map((k) => [k, coll[k]]);
  throw new EvalError('not a collection');
}

/** Unknown if any argument is (shallowly) unknown; what they refer to. */
const anyUnknown = (values: Value[]): Unknown | undefined => (values.some((v) => v instanceof Unknown) ? unknownOf(values) : undefined);

export function evaluateNode(node: Node, env: Env): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'tmpl': {
      const values = node.parts.map((p) => (typeof p === 'string' ? p : evaluateNode(p, env)));
      if (values.length === 1 && typeof node.parts[0] !== 'string') return values[0];
      if (values.some(carriesKnown)) {
        const revealed = values.map(reveal);
        if (revealed.every((r) => isKnownScalar(r.value) || r.value === null)) {
          return sensitiveValue(revealed.map((r) => (r.value === null ? '' : toStringValue(r.value))).join(''), revealed.flatMap((r) => r.refs));
        }
      }
      const u = values.filter((v) => !isKnownScalar(v) && v !== null);
      if (u.length) return unknownOf(u);
      return values.map((v) => (v === null ? '' : toStringValue(v))).join('');
    }
    case 'trav': {
      const [root, ...rest] = node.parts;
      if (env.vars.has(root)) return index(env.vars.get(root), rest);
      return env.resolve(node.parts);
    }
    case 'attr': {
      const obj = evaluateNode(node.obj, env);
      return index(obj, [node.name]);
    }
    case 'index': {
      const obj = evaluateNode(node.obj, env);
      const key = evaluateNode(node.key, env);
      if (carriesKnown(obj) && isKnownScalar(key)) return index(obj, [typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(toStringValue(key))}]`]);
      if (key instanceof Unknown || (obj instanceof Unknown && (obj.path === undefined || !isKnownScalar(key)))) return unknownOf([obj, key]);
      if (typeof key === 'number') return index(obj, [`[${key}]`]);
      return index(obj, [`[${JSON.stringify(toStringValue(key))}]`]);
    }
    case 'splat': {
      const obj = evaluateNode(node.obj, env);
      if (carriesKnown(obj)) return sensitiveValue(evaluateNode({ ...node, obj: { k: 'lit', v: obj.known } }, env), obj.refs);
      if (obj instanceof Unknown) return new Unknown(undefined, obj.refs, obj.sensitive);
      const items = Array.isArray(obj) ? obj : obj === null ? [] : [obj];
      return items.map((item) => evaluateNode(node.rest({ k: 'lit', v: item }), env));
    }
    case 'cond': {
      const c = evaluateNode(node.c, env);
      if (c instanceof Unknown) return unknownOf([c, evaluateNode(node.a, env), evaluateNode(node.b, env)]);
      return toBool(c) ? evaluateNode(node.a, env) : evaluateNode(node.b, env);
    }
    case 'un': {
      const e = evaluateNode(node.e, env);
      if (e instanceof Unknown) return e;
      return node.op === '!' ? !toBool(e) : -toNumber(e);
    }
    case 'bin':
      return binary(node.op, evaluateNode(node.l, env), evaluateNode(node.r, env));
    case 'tuple':
      return node.items.map((i) => evaluateNode(i, env));
    case 'object': {
      const out: Record<string, Value> = {};
      const unknownKeys: Value[] = [];
      for (const [k, v] of node.items) {
        const key = evaluateNode(k, env);
        const value = evaluateNode(v, env);
        if (key instanceof Unknown) unknownKeys.push(key, value);
        else out[toStringValue(key)] = value;
      }
      return unknownKeys.length ? unknownOf([...unknownKeys, out]) : out;
    }
    case 'for':
      return forExpression(node, env);
    case 'call':
      return call(node, env);
  }
}

function binary(op: string, l: Value, r: Value): Value {
  if (op === '&&' && (l === false || r === false)) return false;
  if (op === '||' && (l === true || r === true)) return true;
  if (l instanceof Unknown || r instanceof Unknown) return unknownOf([l, r]);
  switch (op) {
    case '==':
      return equal(l, r);
    case '!=':
      return !equal(l, r);
    case '&&':
      return toBool(l) && toBool(r);
    case '||':
      return toBool(l) || toBool(r);
    case '<':
      return toNumber(l) < toNumber(r);
    case '>':
      return toNumber(l) > toNumber(r);
    case '<=':
      return toNumber(l) <= toNumber(r);
    case '>=':
      return toNumber(l) >= toNumber(r);
    case '+':
      return toNumber(l) + toNumber(r);
    case '-':
      return toNumber(l) - toNumber(r);
    case '*':
      return toNumber(l) * toNumber(r);
    case '/':
      return toNumber(l) / toNumber(r);
    case '%':
      return toNumber(l) % toNumber(r);
  }
  throw new EvalError(op);
}

function forExpression(node: Extract<Node, { k: 'for' }>, env: Env): Value {
  const coll = evaluateNode(node.coll, env);
  if (carriesKnown(coll)) {
    // Over a sensitive collection: computed on its elements (each sensitive), the result sensitive.
    const elements = reveal(coll).value;
    const marked = Array.isArray(elements)
      ? elements.map((x) => sensitiveValue(x, coll.refs))
      : isObject(elements) ? Object.fromEntries(Object.entries(elements).map(([k, x]) => [k, sensitiveValue(x, coll.refs)])) : elements;
    return sensitiveValue(forExpression({ ...node, coll: { k: 'lit', v: marked } }, env), coll.refs);
  }
  const bind = (k: Value, v: Value): Env => {
    const vars = new Map(env.vars);
    if (node.keyVar) vars.set(node.keyVar, k);
    vars.set(node.valVar, v);
    return { resolve: env.resolve, vars };
  };
  if (coll instanceof Unknown) {
    // Unknown collection: the result refers to it and to whatever the body refers to.
    const inner = bind(new Unknown(undefined, []), new Unknown(undefined, coll.refs, coll.sensitive));
    const body = [node.key, node.val, node.cond].filter((n): n is Node => !!n).map((n) => evaluateNode(n, inner));
    return unknownOf([coll, ...body]);
  }
  const list: Value[] = [];
  const obj: Record<string, Value> = {};
  const unknown: Value[] = [];
  for (const [k, v] of entries(coll)) {
    const e = bind(k, v);
    if (node.cond) {
      const c = evaluateNode(node.cond, e);
      if (c instanceof Unknown) {
        unknown.push(c, evaluateNode(node.val, e));
        continue;
      }
      if (!toBool(c)) continue;
    }
    const val = evaluateNode(node.val, e);
    if (!node.object) {
      list.push(val);
      continue;
    }
    const key = evaluateNode(node.key!, e);
    if (key instanceof Unknown) {
      unknown.push(key, val);
      continue;
    }
    const name = toStringValue(key);
    if (node.group) obj[name] = [...((obj[name] as Value[]) ?? []), val];
    else obj[name] = val;
  }
  if (unknown.length) return unknownOf([...unknown, node.object ? obj : list]);
  return node.object ? obj : list;
}

/** Functions computed on known arguments; any other function is unknown, referring to its arguments. */
const FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  merge: (args) => {
    const u = anyUnknown(args);
    if (u) return u;
    return Object.assign({}, ...args.filter((a) => a !== null).map((a) => {
      if (!isObject(a)) throw new EvalError('merge of a non-object');
      return a;
    }));
  },
  lookup: ([map, key, def]) => {
    if (map instanceof Unknown || key instanceof Unknown) return unknownOf([map, key, def]);
    if (!isObject(map)) throw new EvalError('lookup of a non-map');
    const k = toStringValue(key);
    if (k in map) return map[k];
    if (def === undefined) throw new EvalError('lookup without default');
    return def;
  },
  coalesce: (args) => {
    for (const a of args) {
      if (a instanceof Unknown) return unknownOf(args);
      if (a !== null && a !== '') return a;
    }
    throw new EvalError('coalesce: no value');
  },
  coalescelist: (args) => {
    for (const a of args) {
      if (a instanceof Unknown) return unknownOf(args);
      if (Array.isArray(a) && a.length) return a;
    }
    throw new EvalError('coalescelist: no value');
  },
  concat: (args) => anyUnknown(args) ?? args.flatMap((a) => {
    if (!Array.isArray(a)) throw new EvalError('concat of a non-list');
    return a;
  }),
  length: ([a]) => {
    if (a instanceof Unknown) return a;
    if (Array.isArray(a)) return a.length;
    if (isObject(a)) return Object.keys(a).length;
    if (typeof a === 'string') return [...a].length;
    throw new EvalError('length');
  },
  keys: ([a]) => (a instanceof Unknown ? a : Object.keys(isObject(a) ? a : {}).sort()),
  values: ([a]) => (a instanceof Unknown ? a : isObject(a) ? Object.keys(a).sort().map((k) => a[k]) : []),
  contains: ([list, v]) => anyUnknown([list, v]) ?? (Array.isArray(list) ? list.some((x) => equal(x, v)) : false),
  lower: ([s]) => (s instanceof Unknown ? s : toStringValue(s).toLowerCase()),
  upper: ([s]) => (s instanceof Unknown ? s : toStringValue(s).toUpperCase()),
  trimspace: ([s]) => (s instanceof Unknown ? s : toStringValue(s).trim()),
  tostring: ([s]) => (s instanceof Unknown || s === null ? s : toStringValue(s)),
  tonumber: ([s]) => (s instanceof Unknown || s === null ? s : toNumber(s)),
  tobool: ([s]) => (s instanceof Unknown || s === null ? s : toBool(s)),
  tolist: ([a]) => a,
  tomap: ([a]) => a,
  toset: ([a]) => {
    if (!Array.isArray(a)) return a;
    if (a.some((x) => x instanceof Unknown)) return a;
    const seen = new Map<string, Value>();
    for (const x of a) seen.set(JSON.stringify(x), x);
    return [...seen.values()].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  },
  min: (args) => anyUnknown(args) ?? Math.min(...args.map(toNumber)),
  max: (args) => anyUnknown(args) ?? Math.max(...args.map(toNumber)),
  flatten: ([a]) => {
    const flat = (x: Value): Value[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
    if (a instanceof Unknown) return a;
    return flat(a);
  },
  distinct: ([a]) => {
    if (!Array.isArray(a) || a.some((x) => x instanceof Unknown)) return a;
    const out: Value[] = [];
    for (const x of a) if (!out.some((y) => equal(x, y))) out.push(x);
    return out;
  },
  element: ([list, i]) => {
    if (list instanceof Unknown || i instanceof Unknown) return unknownOf([list, i]);
    if (!Array.isArray(list) || !list.length) throw new EvalError('element');
    return list[toNumber(i) % list.length];
  },
  one: ([a]) => {
    if (a instanceof Unknown) return a;
    if (!Array.isArray(a) || a.length > 1) throw new EvalError('one');
    return a.length ? a[0] : null;
  },
  join: ([sep, ...lists]) => {
    const items = lists.flatMap((l) => (Array.isArray(l) ? l : [l]));
    const u = anyUnknown([sep, ...lists, ...items]);
    if (u) return u;
    return items.map(toStringValue).join(toStringValue(sep));
  },
  format: ([fmt, ...args]) => {
    const u = anyUnknown([fmt, ...args]);
    if (u) return u;
    let i = 0;
    return toStringValue(fmt).replace(/%(%|[sdvq])/g, (m, c: string) => {
      if (c === '%') return '%';
      const a = args[i++];
      return c === 'q' ? JSON.stringify(a) : toStringValue(a as Value);
    });
  },
  sensitive: ([a]) => sensitiveValue(a),
  nonsensitive: ([a]) => withSensitivity(a, false),
};

function call(node: Extract<Node, { k: 'call' }>, env: Env): Value {
  if (node.name === 'try' || node.name === 'can') {
    // The first argument that evaluates without an error; an unknown one makes the result unknown
    // (referring to the fallbacks too: which one applies is known only at apply).
    for (let i = 0; i < node.args.length; i++) {
      let v: Value;
      try {
        v = evaluateNode(node.args[i], env);
      } catch (err) {
        if (err instanceof EvalError) continue;
        throw err;
      }
      if (node.name === 'can') return v instanceof Unknown ? v : true;
      if (!(v instanceof Unknown)) return v;
      const rest = node.args.slice(i + 1).flatMap((a) => {
        try {
          return [evaluateNode(a, env)];
        } catch (err) {
          if (err instanceof EvalError) return [];
          throw err;
        }
      });
      return unknownOf([v, ...rest]);
    }
    if (node.name === 'can') return false;
    throw new EvalError('try: no argument evaluates');
  }
  let args = node.args.map((a) => evaluateNode(a, env));
  if (node.expand) {
    const last = args[args.length - 1];
    if (last instanceof Unknown) return unknownOf(args);
    if (!Array.isArray(last)) throw new EvalError('... of a non-list');
    args = [...args.slice(0, -1), ...last];
  }
  const fn = FUNCTIONS[node.name];
  if (!fn) return unknownOf(args);
  if (node.name !== 'sensitive' && node.name !== 'nonsensitive') {
    // A function of a known sensitive value: computed on the value, the result sensitive.
    const revealed = args.map(reveal);
    if (revealed.some((r) => r.found)) {
      return sensitiveValue(fn(revealed.map((r) => r.value)), [...new Set(revealed.flatMap((r) => r.refs))]);
    }
  }
  const result = fn(args);
  // A function may pass an unknown argument through (lower(x), keys(x)): its result is no longer
  // the value at that address, so an index on it must not extend the reference.
  return result instanceof Unknown && result.path !== undefined ? new Unknown(result.text, result.refs, result.sensitive) : result;
}

// ---------------------------------------------------------------- type constraints

/**
 * Applies the defaults of `optional(type, default)` attributes in a variable's type constraint
 * (`object({ min = optional(number, 1) })`) to a known value, as Terraform does when it converts
 * the value to the type. Anything unexpected leaves the value as it is.
 */
export function applyTypeDefaults(typeText: unknown, value: Value): Value {
  if (typeof typeText !== 'string' || !typeText.includes('optional(')) return value;
  const node = parseExpression(typeText.replace(/^\$\{|\}$/g, ''));
  if (!node) return value;
  try {
    return withDefaults(node, value);
  } catch (err) {
    if (err instanceof EvalError) return value;
    throw err;
  }
}

const constant = (node: Node): Value =>
  evaluateNode(node, { vars: new Map(), resolve: () => { throw new EvalError('not a constant'); } });

function withDefaults(type: Node, value: Value): Value {
  if (type.k !== 'call' || value instanceof Unknown || value === null || value === undefined) return value;
  const [arg] = type.args;
  switch (type.name) {
    case 'object': {
      if (!arg || arg.k !== 'object' || !isObject(value)) return value;
      const out: Record<string, Value> = { ...value };
      for (const [keyNode, attrType] of arg.items) {
        const key = constant(keyNode);
        if (typeof key !== 'string') continue;
        let attr = attrType;
        if (attr.k === 'call' && attr.name === 'optional') {
          const [inner, def] = attr.args;
          if ((out[key] === undefined || out[key] === null) && def) out[key] = constant(def);
          else if (out[key] === undefined) out[key] = null;
          attr = inner;
        }
        if (key in out) out[key] = withDefaults(attr, out[key]);
      }
      return out;
    }
    case 'map':
      return isObject(value) && arg ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDefaults(arg, v)])) : value;
    case 'list':
    case 'set':
      return Array.isArray(value) && arg ? value.map((v) => withDefaults(arg, v)) : value;
    default:
      return value;
  }
}

/**
 * Rego abstract syntax tree (OPA v1 syntax), as produced by the parser and consumed by the checker
 * and the planner. Every node carries its source location so that any later stage can report
 * `<file>:<line>:<col>: <message>`.
 *
 * Contract between src/compiler/parser (producer), src/compiler/check (rewrites/annotates) and
 * src/compiler/planner (consumer). Change it only together with all three.
 */

export interface Location {
  file: string;
  /** 1-based line. */
  row: number;
  /** 1-based column, in characters. */
  col: number;
}

// ---------------------------------------------------------------- terms

export type Term =
  | NullTerm
  | BooleanTerm
  | NumberTerm
  | StringTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | ObjectTerm
  | SetTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension
  | CallTerm;

export interface NullTerm { type: 'null'; loc: Location }
export interface BooleanTerm { type: 'boolean'; value: boolean; loc: Location }
/**
 * Numbers keep their literal text so that integers beyond 2^53 and decimals stay exact until the
 * runtime parses them; `value` is the JS approximation for constant folding decisions only.
 */
export interface NumberTerm { type: 'number'; text: string; loc: Location }
export interface StringTerm { type: 'string'; value: string; loc: Location }
/**
 * A variable. `_` is written as a wildcard by the parser, which renames each occurrence to a
 * unique name of the form `$_N` so later stages treat it as a fresh variable.
 */
export interface VarTerm { type: 'var'; name: string; loc: Location }
/**
 * A reference: `head` is the root (a var such as `input`, `data`, a local, or a composite/call term
 * for refs like `[1,2][0]` / `f(x)[k]`), followed by path elements. `a.b` gives a string term `b`,
 * `a[x]` gives whatever term x is.
 */
export interface RefTerm { type: 'ref'; head: Term; path: Term[]; loc: Location }
// Note: as in OPA, the parser writes a bare `input` / `data` as a RefTerm with an empty path.
export interface ArrayTerm { type: 'array'; items: Term[]; loc: Location }
export interface ObjectTerm { type: 'object'; items: [Term, Term][]; loc: Location }
export interface SetTerm { type: 'set'; items: Term[]; loc: Location }
export interface ArrayComprehension { type: 'arraycomp'; term: Term; body: Body; loc: Location }
export interface SetComprehension { type: 'setcomp'; term: Term; body: Body; loc: Location }
export interface ObjectComprehension { type: 'objectcomp'; key: Term; value: Term; body: Body; loc: Location }
/**
 * A call: `operator` is the function's name as a dotted path (`count`, `object.get`,
 * `data.lib.helper`, or a local function `helper` before resolution). Infix operators are calls
 * too, with OPA's internal names: `plus minus mul div rem and or` (the last two for `&` and `|`),
 * `equal neq lt lte gt gte`, and `internal.member_2` / `internal.member_3` for `x in xs` /
 * `k, v in xs`. Unary minus on a non-literal is `minus(0, x)`.
 */
export interface CallTerm { type: 'call'; operator: string[]; args: Term[]; loc: Location }

// ---------------------------------------------------------------- expressions and bodies

export type Body = Expr[];

export interface With { target: RefTerm; value: Term; loc: Location }

export type Expr =
  /** A plain term (a ref, a call, ...) that must be defined and not `false`. */
  | { type: 'term'; term: Term; negated: boolean; with: With[]; loc: Location }
  /** `a = b` (unification). */
  | { type: 'unify'; left: Term; right: Term; negated: boolean; with: With[]; loc: Location }
  /** `a := b` (declaration + assignment; left is a var or an array/object pattern of vars). */
  | { type: 'assign'; left: Term; right: Term; negated: boolean; with: With[]; loc: Location }
  /** `some x, y` (declaration only). */
  | { type: 'some'; vars: VarTerm[]; negated: boolean; with: With[]; loc: Location }
  /**
   * `some x in xs` / `some k, v in xs`: `key` is undefined for the one-variable form. `key` and
   * `value` may be patterns (array/object terms) as in OPA.
   */
  | { type: 'somein'; key?: Term; value: Term; collection: Term; negated: boolean; with: With[]; loc: Location }
  /** `every x in xs { ... }` / `every k, v in xs { ... }`. */
  | { type: 'every'; key?: Term; value: Term; domain: Term; body: Body; negated: boolean; with: With[]; loc: Location };

// ---------------------------------------------------------------- rules and modules

/**
 * A rule. The head is normalised by the parser:
 * - complete rule / constant: `p := 1`, `p = 1`, `p if {...}` (value `true`), `p.q.r := v` (ref head)
 * - partial set: `p contains x if {...}`
 * - partial object: `p[k] := v if {...}` (ref head whose last element is a variable or term)
 * - function: `f(a, b) := v if {...}` (args present)
 */
export interface Rule {
  /**
   * The rule's ref relative to the package, e.g. ['deny'] or ['a', 'b', <term>] for ref heads. The
   * parser writes the name and every `.name` element as a string term, `[x]` elements as written
   * (`p["k"]` gives a string term too). Kind is 'partialObject' when any element after the first
   * is not a string term; else 'complete' (unless a function or `contains`).
   */
  ref: Term[];
  kind: 'complete' | 'partialSet' | 'partialObject' | 'function';
  /** Function parameters (patterns allowed), for kind 'function'. */
  args?: Term[];
  /** Set element for 'partialSet'. */
  key?: Term;
  /** Value: complete/partialObject/function value; defaults to `true` when omitted in source. */
  value?: Term;
  /** Assignment operator used in the head (`:=` vs `=`); `:=` rules may not be redefined. */
  assign: boolean;
  isDefault: boolean;
  /** The rule body; `[]` for constants like `p := 1` (always true). */
  body: Body;
  /** `else` chain: each alternative has its own value and body; only for complete rules / functions. */
  else?: { value?: Term; body: Body; loc: Location }[];
  annotations?: Annotations;
  loc: Location;
}

export interface Import {
  /** e.g. ['data', 'lib', 'terraform'] or ['input'] or ['rego', 'v1'] / ['future', 'keywords', ...]. */
  path: string[];
  alias?: string;
  loc: Location;
}

export interface Module {
  file: string;
  /** Package path without the leading `data`, e.g. ['terraform', 'azure', 'acr']. */
  package: string[];
  imports: Import[];
  rules: Rule[];
  /**
   * Annotations with scope package / subpackages / document, and those attached to the package.
   * A document-scope block is also set on the rule it precedes (`Rule.annotations`).
   */
  annotations: Annotations[];
  loc: Location;
}

/** A METADATA block (https://www.openpolicyagent.org/docs/policy-language/#metadata). */
export interface Annotations {
  scope: 'rule' | 'document' | 'package' | 'subpackages';
  title?: string;
  description?: string;
  /** Everything under `custom:` (free-form YAML). */
  custom?: Record<string, unknown>;
  entrypoint?: boolean;
  organizations?: string[];
  authors?: { name?: string; email?: string }[];
  related_resources?: { ref: string; description?: string }[];
  schemas?: unknown[];
  /** Any other key as written. */
  [key: string]: unknown;
  loc: Location;
}

/** A positioned compile error; the CLI prints `${file}:${row}:${col}: ${message}`. */
export class CompileError extends Error {
  constructor(public readonly loc: Location, message: string) {
    super(`${loc.file}:${loc.row}:${loc.col}: ${message}`);
    this.name = 'CompileError';
  }
  /** Text without the location prefix. */
  get detail(): string {
    return this.message.slice(`${this.loc.file}:${this.loc.row}:${this.loc.col}: `.length);
  }
}

/** `unsupported: <construct>` errors use this helper so that callers can tell them apart. */
export function unsupported(loc: Location, construct: string): CompileError {
  return new CompileError(loc, `unsupported: ${construct}`);
}

/**
 * The planner IR: a small, explicit program that the WASM back end turns into code one statement at
 * a time. Modelled on OPA's own planner IR (github.com/open-policy-agent/opa, package `ir`), so its
 * semantics are OPA's; this file is the contract between src/compiler/planner (producer) and
 * src/compiler/wasm (consumer). It is plain JSON-serialisable data, so each stage can be tested
 * alone and an IR can be written by hand in a test.
 *
 * Execution model
 * - Values live in the runtime's heap; a Local is a numbered slot holding a value address.
 *   Address 0 means "undefined". Locals are per function; a fresh function starts with all
 *   locals undefined except its parameters.
 * - A Block runs its statements in order. A statement that is *undefined or false* (a Dot whose key
 *   is missing, an Equal that does not hold, a Call whose result is undefined, IsDefined on an
 *   undefined local, ...) leaves the innermost enclosing Block at once; execution continues after
 *   that Block (for a Block inside a BlockStmt: with the next block of that BlockStmt; for a
 *   Scan body: with the next element; for a Not body: the Not *succeeds*).
 * - Break{index: n} leaves n+1 enclosing Blocks (0 = the current one).
 * - Runtime errors (conflicts, type errors in builtins that OPA reports as errors, ...) abort the
 *   whole evaluation through `opa_abort` with `<file>:<row>:<col>: <code>: <message>` where a
 *   location is known.
 */

export type Local = number;

/** Locals 0 and 1 of every plan, and the first two parameters of every Func. */
export const INPUT: Local = 0;
export const DATA: Local = 1;

export type Operand =
  | { kind: 'local'; local: Local }
  /** Index into `Policy.static.strings`: a string value. */
  | { kind: 'string'; index: number }
  | { kind: 'bool'; value: boolean };

export interface Loc { file: number; row: number; col: number }

export type Stmt =
  /** Func only: return `source` (may be undefined) and leave the function. */
  | { type: 'ReturnLocal'; source: Local }
  /**
   * Call a builtin (OPA name: `plus`, `count`, `internal.member_2`, `sprintf`, ...) or a Func of
   * this policy (by its `name`). Funcs receive (input, data, ...args). Undefined result → the
   * statement is undefined.
   */
  | { type: 'Call'; func: string; args: Operand[]; result: Local; loc?: Loc }
  /** Run each block in turn (see the execution model). Never itself undefined. */
  | { type: 'Block'; blocks: Block[] }
  | { type: 'Break'; index: number }
  /** target = source[key] for objects (by key), arrays (by integer index) and sets (member → itself). */
  | { type: 'Dot'; source: Operand; key: Operand; target: Local }
  /** target = number of elements (array, object, set) or code points (string). */
  | { type: 'Len'; source: Operand; target: Local }
  /**
   * For each element of the collection in `source` (arrays by index, objects by key order, sets
   * in order): set `key` (index / key / element) and `value` (element / value / element) and run
   * `block`. A non-collection or empty collection runs the block zero times. Never undefined.
   */
  | { type: 'Scan'; source: Local; key: Local; value: Local; block: Block }
  /** Undefined if `block` runs to its end; defined otherwise. */
  | { type: 'Not'; block: Block }
  | { type: 'AssignInt'; value: number; target: Local }
  /** target = source (copies the address; values are immutable once built, except under construction). */
  | { type: 'AssignVar'; source: Operand; target: Local }
  /**
   * If target is undefined, target = source; if defined and equal, nothing; otherwise a runtime
   * error `eval_conflict_error: complete rules must not produce multiple outputs` (or for functions
   * `functions must not produce multiple outputs for same inputs`, chosen by `message`).
   */
  | { type: 'AssignVarOnce'; source: Operand; target: Local; message?: 'rule' | 'function'; loc?: Loc }
  | { type: 'ResetLocal'; target: Local }
  | { type: 'MakeNull'; target: Local }
  | { type: 'MakeNumberInt'; value: number; target: Local }
  /** A number from its literal text (`Policy.static.strings[index]`), exact for any size integer. */
  | { type: 'MakeNumberRef'; index: number; target: Local }
  | { type: 'MakeArray'; capacity: number; target: Local }
  | { type: 'MakeObject'; target: Local }
  | { type: 'MakeSet'; target: Local }
  /** Defined iff a and b are equal under OPA's value equality (1 == 1.0, sets/objects order-free). */
  | { type: 'Equal'; a: Operand; b: Operand }
  | { type: 'NotEqual'; a: Operand; b: Operand }
  | { type: 'IsArray'; source: Operand }
  | { type: 'IsObject'; source: Operand }
  | { type: 'IsSet'; source: Operand }
  | { type: 'IsDefined'; source: Local }
  | { type: 'IsUndefined'; source: Local }
  /** Append to an array under construction. */
  | { type: 'ArrayAppend'; value: Operand; array: Local }
  /** Insert or overwrite a key of an object under construction. */
  | { type: 'ObjectInsert'; key: Operand; value: Operand; object: Local }
  /** Insert; if the key exists with a different value: `eval_conflict_error: object keys must be unique`. */
  | { type: 'ObjectInsertOnce'; key: Operand; value: Operand; object: Local; loc?: Loc }
  /** target = deep merge of a and b (a wins on conflicting non-object leaves), as OPA's ObjectMergeStmt. */
  | { type: 'ObjectMerge'; a: Local; b: Local; target: Local }
  /** Add to a set under construction (no-op if present). */
  | { type: 'SetAdd'; value: Operand; set: Local }
  /** Plans only: add `value` to the result set (each result is `{"result": <value>}`-shaped by the planner). */
  | { type: 'ResultSetAdd'; value: Local }
  /**
   * Evaluate `block` with the document at `path` below `local` (input or data) replaced by `value`
   * (OPA's WithStmt): target = copy of local with the path upserted. Optional; the planner may
   * instead report `unsupported: with`.
   */
  | { type: 'With'; local: Local; path: number[]; value: Operand; block: Block }
  | { type: 'Nop' };

export interface Block { stmts: Stmt[] }

export interface Func {
  /** Unique name, e.g. `g0.data.terraform.deny` (what Call.func refers to). */
  name: string;
  /** The document path the function computes, e.g. ['terraform', 'deny'] (empty for user functions' helpers). */
  path: string[];
  /** Parameter locals: [INPUT, DATA, ...user args]. */
  params: Local[];
  /** The local returned when the blocks run to their end without a ReturnLocal. */
  result: Local;
  blocks: Block[];
  /**
   * True for functions of no user arguments (rules): the back end may cache the result for the
   * duration of one evaluation, keyed by the function (never across `With`).
   */
  memoize: boolean;
}

export interface Plan {
  /** Entrypoint name as written with `-e`, normalised to slashes: `terraform/deny`. */
  name: string;
  blocks: Block[];
}

export interface Policy {
  static: {
    strings: string[];
    /** Builtins called by the policy that the runtime may not implement itself: name and arity. */
    builtinFuncs: { name: string; arity: number }[];
    files: string[];
  };
  plans: Plan[];
  funcs: Func[];
}

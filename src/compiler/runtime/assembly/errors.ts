// Errors of builtins. A type or domain error in an argument makes the call undefined (0), as in
// OPA by default; with strict builtin errors (the `__apg_strict` flag the linker sets) it aborts the
// evaluation with OPA's message instead.
import { __apg_strict, msgStart, msgAdd, msgByte, msgAbort } from "./alloc";
import { T_NULL, T_BOOL, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, tag } from "./value";

export function typeNameOf(v: u32): string {
  switch (tag(v)) {
    case T_NULL: return "null";
    case T_BOOL: return "boolean";
    case T_NUMBER: return "number";
    case T_STRING: return "string";
    case T_ARRAY: return "array";
    case T_OBJECT: return "object";
    case T_SET: return "set";
  }
  return "undefined";
}

/**
 * Operand `i` of builtin `name` is not what it takes: undefined (0), or with strict builtin errors
 * OPA's `eval_type_error: <name>: operand <i> must be <want> but got <type>`.
 */
export function typeErr(name: string, i: i32, want: string, got: u32): u32 {
  if (__apg_strict == 0) return 0;
  msgStart("eval_type_error: "); msgAdd(name); msgAdd(": operand "); msgByte(48 + i);
  msgAdd(" must be "); msgAdd(want); msgAdd(" but got "); msgAdd(typeNameOf(got));
  msgAbort();
  return 0;
}

/** An element of composite operand `i` has the wrong type: `must be array of strings but got array containing number`. */
export function elemErr(name: string, i: i32, coll: u32, want: string, got: u32): u32 {
  if (__apg_strict == 0) return 0;
  msgStart("eval_type_error: "); msgAdd(name); msgAdd(": operand "); msgByte(48 + i);
  msgAdd(" must be "); msgAdd(typeNameOf(coll)); msgAdd(" of "); msgAdd(want); msgAdd("s but got ");
  msgAdd(typeNameOf(coll)); msgAdd(" containing "); msgAdd(typeNameOf(got));
  msgAbort();
  return 0;
}

/** Any other operand error (ErrOperand in OPA: an `eval_type_error`): `<name>: operand <i> <what>`. */
export function operandErr(name: string, i: i32, what: string): u32 {
  if (__apg_strict == 0) return 0;
  msgStart("eval_type_error: "); msgAdd(name); msgAdd(": operand "); msgByte(48 + i); msgByte(32); msgAdd(what);
  msgAbort();
  return 0;
}

/** A builtin's own error: undefined, or with strict builtin errors `eval_builtin_error: <name>: <msg>`. */
export function builtinErr(name: string, msg: string): u32 {
  if (__apg_strict == 0) return 0;
  msgStart("eval_builtin_error: "); msgAdd(name); msgAdd(": "); msgAdd(msg);
  msgAbort();
  return 0;
}


/** A wrong argument type: OPA's `eval_type_error: <builtin>: operand <n> must be <type> but got <type>`. */
export class OperandError extends Error {}

/**
 * The compiled module's value tags and number kinds (src/compiler/runtime/assembly/value.ts), for
 * the host code that reads values from its memory (wasm-value.ts) and writes them there
 * (wasm-write.ts). The tags are in OPA's sort order.
 */
export const T_NULL = 1;
export const T_BOOL = 2;
export const T_NUMBER = 3;
export const T_STRING = 4;
export const T_ARRAY = 5;
export const T_OBJECT = 6;
export const T_SET = 7;

/** An exact 64-bit integer. */
export const N_INT = 0;
/** A literal integer beyond 64 bits: its text kept, a double beside it. */
export const N_BIGINT = 2;
/** A literal with a fraction or an exponent: its text kept, a double beside it. */
export const N_TEXT = 3;

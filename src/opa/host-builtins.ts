/**
 * JavaScript implementations of the builtins the WASM runtime leaves to the host. The SDK calls
 * them with JSON-decoded arguments and encodes what they return; `undefined` makes the call
 * undefined. An error (a thrown `OperandError` for a wrong argument type, any other exception for
 * the builtin's own errors) becomes OPA's `eval_type_error` / `eval_builtin_error`: the loader
 * (`withErrors`) hands it to the module as `{"__apg_builtin_error__": message}`, which makes the call
 * undefined, or aborts the evaluation when the policy was compiled with strict builtin errors.
 * The SDK's own builtins (sprintf, json.is_valid, regex.split, yaml.*) take precedence over these.
 */
import { globToRegExp } from './glob';
import { re2 } from './regex';

type Builtin = (...args: unknown[]) => unknown;

/** Key of the object a host builtin returns to report an error (see the runtime's hostResult). */
export const HOST_ERROR_KEY = '__apg_builtin_error__';

/** A wrong argument type: OPA's `eval_type_error: <builtin>: operand <n> must be <type> but got <type>`. */
export class OperandError extends Error {}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'boolean';
  return typeof v;
}

function operand(i: number, want: string, got: unknown): OperandError {
  return new OperandError(`operand ${i} must be ${want} but got ${typeName(got)}`);
}

const isString = (v: unknown): v is string => typeof v === 'string';

function str(v: unknown, i: number): string {
  if (!isString(v)) throw operand(i, 'string', v);
  return v;
}

/** Nanoseconds since the epoch as exact JSON digits (the module parses them as a 64-bit integer). */
function nowNs(): ArrayBuffer {
  const micros = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
  const bytes = new TextEncoder().encode(String(micros * 1000n));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export const hostBuiltins: Record<string, Builtin> = {
  'regex.match': (pattern, value) => re2(str(pattern, 1)).test(str(value, 2)),
  'glob.match': (pattern, delimiters, value) => {
    const p = str(pattern, 1);
    let delims: string[];
    if (delimiters === null) delims = [];
    else if (Array.isArray(delimiters) && delimiters.every(isString)) delims = delimiters.length ? delimiters : ['.'];
    else throw operand(2, 'array of strings', delimiters);
    return globToRegExp(p, delims).test(str(value, 3));
  },
  // Evaluations read it once (the module keeps the first value for the rest of the evaluation).
  'time.now_ns': () => nowNs(),
};

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Wraps a host builtin so that what it throws reaches the module as an error result. */
export function withErrors(name: string, fn: (...args: never[]) => unknown): Builtin {
  return (...args: unknown[]) => {
    try {
      return (fn as Builtin)(...args);
    } catch (err) {
      const code = err instanceof OperandError ? 'eval_type_error' : 'eval_builtin_error';
      return { [HOST_ERROR_KEY]: `${code}: ${name}: ${errorMessage(err)}` };
    }
  };
}

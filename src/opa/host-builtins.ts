/**
 * JavaScript implementations of the builtins the WASM runtime leaves to the host. The SDK calls
 * them with JSON-decoded arguments and encodes what they return; `undefined` makes the call
 * undefined, as a type error in a builtin does in OPA (without strict builtin errors).
 * The SDK's own builtins (sprintf, json.is_valid, regex.split, yaml.*) take precedence over these.
 */
import { globToRegExp } from './glob';
import { re2 } from './regex';

type Builtin = (...args: unknown[]) => unknown;

const isString = (v: unknown): v is string => typeof v === 'string';

export const hostBuiltins: Record<string, Builtin> = {
  'regex.match': (pattern, value) => {
    if (!isString(pattern) || !isString(value)) return undefined;
    return re2(pattern).test(value);
  },
  'glob.match': (pattern, delimiters, value) => {
    if (!isString(pattern) || !isString(value)) return undefined;
    let delims: string[];
    if (delimiters === null) delims = [];
    else if (Array.isArray(delimiters) && delimiters.every(isString)) delims = delimiters.length ? delimiters : ['.'];
    else return undefined;
    return globToRegExp(pattern, delims).test(value);
  },
};

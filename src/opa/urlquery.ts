/** urlquery.* as OPA implements them with Go's net/url (QueryEscape, QueryUnescape, Values). */
import { OperandError } from './operand';

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/** Go's url.QueryEscape: unreserved characters kept, space as '+', other bytes %XX. */
export function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (UNRESERVED.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's url.QueryUnescape: '+' as space, %XX as a byte; a bad escape is an error. */
export function queryUnescape(s: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (b === 0x25) {
      const hex = raw.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`invalid URL escape ${JSON.stringify(raw.subarray(i, i + 3).toString('utf8'))}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(b === 0x2b ? 0x20 : b);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's url.Values.Encode of an object of strings or arrays of strings (sets arrive as arrays). */
export function encodeObject(obj: unknown): string {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new OperandError(`operand 1 must be object but got ${Array.isArray(obj) ? 'array' : obj === null ? 'null' : typeof obj}`);
  const bad = (): Error => new OperandError('operand 1 values must be string, array[string], or set[string]');
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) {
    const v = (obj as Record<string, unknown>)[key];
    const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (!values) throw bad();
    for (const x of values) {
      if (typeof x !== 'string') throw bad();
      parts.push(`${queryEscape(key)}=${queryEscape(x)}`);
    }
  }
  return parts.join('&');
}

/** Go's url.ParseQuery: key → values in order; the first error is reported. */
export function decodeObject(query: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let error: Error | undefined;
  for (const part of query.split('&')) {
    if (part.includes(';')) { error ??= new Error('invalid semicolon separator in query'); continue; }
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    try {
      const key = queryUnescape(k);
      const value = queryUnescape(v);
      (out[key] ??= []).push(value);
    } catch (err) {
      error ??= err as Error;
    }
  }
  if (error) throw error;
  return out;
}

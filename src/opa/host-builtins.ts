/**
 * JavaScript implementations of the builtins the WASM runtime leaves to the host. The SDK calls
 * them with JSON-decoded arguments and encodes what they return; `undefined` makes the call
 * undefined. An error (a thrown `OperandError` for a wrong argument type, any other exception for
 * the builtin's own errors) becomes OPA's `eval_type_error` / `eval_builtin_error`: the loader
 * (`withErrors`) hands it to the module as `{"__apg_builtin_error__": message}`, which makes the call
 * undefined, or aborts the evaluation when the policy was compiled with strict builtin errors.
 * The SDK's own builtins (sprintf, json.is_valid, regex.split, yaml.*) take precedence over these,
 * so the compiler names the YAML builtins `apg.yaml.*` in the module (see HOST_NAMES in
 * src/compiler/builtins.ts): those below follow OPA (multi-document text, non-string arguments).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { parseAllDocuments } from 'yaml';
import { globToRegExp } from './glob';
import { re2 } from './regex';
import { OperandError } from './operand';
import { decodeObject, encodeObject, queryEscape, queryUnescape } from './urlquery';
import { unitsParse, unitsParseBytes } from './units';
import { decodeBase64Bytes, decodeBase64UrlBytes } from './base64';
import { jwtDecode, jwtVerifyHS } from './jwt';
import { compareSemVer, parseSemVer } from './semver';
import { cidrContains, cidrExpand, cidrIntersects, cidrIsValid } from './net';
import { regexFindAllSubmatch, regexFindN, regexIsValid, regexReplace, regexSplit } from './regex-builtins';
import { yamlLib } from '../lazy-deps';

type Builtin = (...args: unknown[]) => unknown;

/** Key of the object a host builtin returns to report an error (see the runtime's hostResult). */
export const HOST_ERROR_KEY = '__apg_builtin_error__';

export { OperandError };

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

function int(v: unknown, i: number): number {
  if (typeof v !== 'number') throw operand(i, 'number', v);
  if (!Number.isInteger(v)) throw new OperandError(`operand ${i} must be integer number but got floating-point number`);
  return v;
}

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
  'regex.is_valid': (pattern) => regexIsValid(pattern),
  'regex.find_n': (pattern, value, n) => regexFindN(str(pattern, 1), str(value, 2), int(n, 3)),
  'regex.find_all_string_submatch_n': (pattern, value, n) => regexFindAllSubmatch(str(pattern, 1), str(value, 2), int(n, 3)),
  'regex.replace': (s, pattern, value) => regexReplace(str(s, 1), str(pattern, 2), str(value, 3)),
  // The SDK's own regex.split uses JavaScript's split (captured groups included): this one is Go's.
  'apg.regex.split': (pattern, value) => regexSplit(str(pattern, 1), str(value, 2)),
  'glob.match': (pattern, delimiters, value) => {
    const p = str(pattern, 1);
    let delims: string[];
    if (delimiters === null) delims = [];
    else if (Array.isArray(delimiters) && delimiters.every(isString)) delims = delimiters.length ? delimiters : ['.'];
    else throw operand(2, 'array of strings', delimiters);
    return globToRegExp(p, delims).test(str(value, 3));
  },
  // OPA (Go's sigs.k8s.io/yaml): keys sorted, sequences not indented below their key.
  'apg.yaml.marshal': (value) => yamlLib().stringify(value, { indentSeq: false, sortMapEntries: true }),
  // The first document, as Go's yaml.Unmarshal; text that does not parse is an error.
  'apg.yaml.unmarshal': (text) => {
    const docs = yamlDocuments(str(text, 1));
    return docs.length === 0 ? null : docs[0].toJS({ maxAliasCount: 100 });
  },
  // False for text that does not parse (in any of its documents) and for non-strings, as OPA.
  'apg.yaml.is_valid': (text) => {
    if (!isString(text)) return false;
    try {
      yamlDocuments(text);
      return true;
    } catch {
      return false;
    }
  },
  // Go's base64.StdEncoding / URLEncoding: strict padding, line breaks ignored.
  'base64.encode': (s) => Buffer.from(str(s, 1), 'utf8').toString('base64'),
  'base64.decode': (s) => decodeBase64(str(s, 1), false),
  'base64.is_valid': (s) => {
    try {
      decodeBase64(str(s, 1), false);
      return true;
    } catch (err) {
      if (err instanceof OperandError) throw err;
      return false;
    }
  },
  'base64url.encode': (s) => Buffer.from(str(s, 1), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
  'base64url.encode_no_pad': (s) => Buffer.from(str(s, 1), 'utf8').toString('base64url'),
  'base64url.decode': (s) => decodeBase64UrlBytes(str(s, 1)).toString('utf8'),
  'hex.encode': (s) => Buffer.from(str(s, 1), 'utf8').toString('hex'),
  'hex.decode': (s) => {
    const t = str(s, 1);
    const bad = /[^0-9a-fA-F]/.exec(t);
    if (bad) throw new Error(`encoding/hex: invalid byte: U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(bad[0]).replace(/"/g, "'")}`);
    if (t.length % 2 === 1) throw new Error('encoding/hex: odd length hex string');
    return Buffer.from(t, 'hex').toString('utf8');
  },
  'crypto.md5': (s) => createHash('md5').update(str(s, 1), 'utf8').digest('hex'),
  'crypto.sha1': (s) => createHash('sha1').update(str(s, 1), 'utf8').digest('hex'),
  'crypto.sha256': (s) => createHash('sha256').update(str(s, 1), 'utf8').digest('hex'),
  // Evaluations read it once (the module keeps the first value for the rest of the evaluation).
  'time.now_ns': () => nowNs(),
  // print() as the test runner rewrites it (src/tester/print.ts), which replaces this with a capture.
  'internal.print': () => true,
  'time.date': (x) => timeDate(x),
  'graph.reachable': (graph, initial) => graphReachable(graph, initial),
  'units.parse': (s) => unitsParse(str(s, 1)),
  'urlquery.encode': (s) => queryEscape(str(s, 1)),
  'urlquery.decode': (s) => queryUnescape(str(s, 1)),
  'urlquery.encode_object': (o) => encodeObject(o),
  'urlquery.decode_object': (s) => decodeObject(str(s, 1)),
  'io.jwt.decode': (t) => jwtDecode(str(t, 1)),
  'io.jwt.verify_hs256': (t, secret) => jwtVerifyHS(str(t, 1), str(secret, 2), 'sha256'),
  'io.jwt.verify_hs384': (t, secret) => jwtVerifyHS(str(t, 1), str(secret, 2), 'sha384'),
  'io.jwt.verify_hs512': (t, secret) => jwtVerifyHS(str(t, 1), str(secret, 2), 'sha512'),
  'net.cidr_contains': (cidr, x) => cidrContains(str(cidr, 1), str(x, 2)),
  'net.cidr_intersects': (a, b) => cidrIntersects(str(a, 1), str(b, 2)),
  'net.cidr_is_valid': (s) => cidrIsValid(s),
  'net.cidr_expand': (s) => cidrExpand(str(s, 1)),
  'semver.is_valid': (v) => isString(v) && parseSemVer(v) !== undefined,
  'semver.compare': (a, b) => {
    const [x, y] = [str(a, 1), str(b, 2)];
    const va = parseSemVer(x);
    if (!va) throw new Error(`operand 1: string ${JSON.stringify(x)} is not a valid SemVer`);
    const vb = parseSemVer(y);
    if (!vb) throw new Error(`operand 2: string ${JSON.stringify(y)} is not a valid SemVer`);
    return compareSemVer(va, vb);
  },
  'crypto.hmac.md5': (x, key) => createHmac('md5', Buffer.from(str(key, 2), 'utf8')).update(str(x, 1), 'utf8').digest('hex'),
  'crypto.hmac.sha1': (x, key) => createHmac('sha1', Buffer.from(str(key, 2), 'utf8')).update(str(x, 1), 'utf8').digest('hex'),
  'crypto.hmac.sha256': (x, key) => createHmac('sha256', Buffer.from(str(key, 2), 'utf8')).update(str(x, 1), 'utf8').digest('hex'),
  'crypto.hmac.sha512': (x, key) => createHmac('sha512', Buffer.from(str(key, 2), 'utf8')).update(str(x, 1), 'utf8').digest('hex'),
  'crypto.hmac.equal': (a, b) => {
    const [x, y] = [Buffer.from(str(a, 1), 'utf8'), Buffer.from(str(b, 2), 'utf8')];
    return x.length === y.length && timingSafeEqual(x, y);
  },
  'units.parse_bytes': (s) => unitsParseBytes(str(s, 1)),
};

/**
 * OPA's time.date: [year, month, day] of nanoseconds since the epoch, in UTC or in the IANA time
 * zone of `[ns, tz]` ("" and "UTC" are UTC, "Local" the host's zone).
 */
function timeDate(x: unknown): number[] {
  const [ns, tz] = Array.isArray(x) ? x : [x, 'UTC'];
  if (Array.isArray(x) && (x.length !== 2 || typeof tz !== 'string')) throw operand(1, 'array of [number, string]', x);
  if (typeof ns !== 'number') throw operand(1, 'number or array', x);
  const date = new Date(Math.floor(ns / 1e6));
  if (Number.isNaN(date.getTime())) throw new Error('timestamp too big');
  // UTC and the host's zone from Date itself, as Go gives them (year 0 and before included):
  // the first Intl formatter of a process loads ICU's data, ~17 ms of every apg check.
  if (tz === '' || tz === 'UTC') return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  if (tz === 'Local') return [date.getFullYear(), date.getMonth() + 1, date.getDate()];
  const zone = String(tz);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  } catch {
    throw new Error(`unknown time zone ${tz}`);
  }
  const part = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  return [part('year'), part('month'), part('day')];
}

/**
 * OPA's graph.reachable: every node reachable from `initial` along the edges of `graph` (node →
 * array or set of nodes; JSON gives sets as arrays). As in OPA, a node with no entry in `graph` is
 * not in the result, even an initial one.
 */
function graphReachable(graph: unknown, initial: unknown): unknown[] {
  if (typeof graph !== 'object' || graph === null || Array.isArray(graph)) throw operand(1, 'object', graph);
  if (!Array.isArray(initial)) throw operand(2, 'set or array', initial);
  const edges = graph as Record<string, unknown>;
  const seen = new Set<string>();
  const out: unknown[] = [];
  const queue = [...initial];
  while (queue.length) {
    const node = queue.shift();
    const key = JSON.stringify(node);
    if (seen.has(key) || typeof node !== 'string' || !Object.prototype.hasOwnProperty.call(edges, node)) continue;
    seen.add(key);
    out.push(node);
    const next = edges[node];
    if (Array.isArray(next)) queue.push(...next);
  }
  return out;
}

function decodeBase64(text: string, url: boolean): string {
  return decodeBase64Bytes(text, url).toString('utf8');
}

type YamlDocuments = Extract<ReturnType<typeof parseAllDocuments>, unknown[]>;

/** The documents of a YAML text (none for empty text); an error if any of them does not parse. */
function yamlDocuments(text: string): YamlDocuments {
  const docs = yamlLib().parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`yaml: ${doc.errors[0].message.split('\n')[0]}`);
  }
  return docs;
}

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

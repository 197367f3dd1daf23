/**
 * Rego lexer: turns a source string into a flat token array in one left-to-right pass (linear in
 * the input). Comments are collected on the side for METADATA. Each token records whether a
 * newline or any whitespace precedes it, because Rego separates body expressions by newlines and
 * refs (`a.b`, `a[x]`, `f(x)`) must not have whitespace before `.`, `[` or `(`.
 */
import { CompileError } from '../ast';

export type TokenKind =
  | 'ident'
  | 'keyword'
  | 'number'
  | 'string'
  | 'rawstring'
  | 'punct'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text (for punctuation and keywords, the symbol itself). */
  text: string;
  /** Decoded value of a string literal. */
  value?: string;
  offset: number;
  row: number;
  col: number;
  /** A newline occurs between the previous token and this one. */
  nl: boolean;
  /** Whitespace or a comment occurs between the previous token and this one. */
  ws: boolean;
}

export interface Comment {
  /** Text after `#`. */
  text: string;
  row: number;
  col: number;
}

/** Keywords of Rego v1 (the former future keywords `in`, `every`, `contains`, `if` included). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'package', 'import', 'as', 'default', 'else', 'not', 'some', 'with',
  'null', 'true', 'false', 'every', 'contains', 'if', 'in',
]);

/** Multi-character operators first so the longest match wins. */
const PUNCT2 = new Set([':=', '==', '!=', '<=', '>=']);
const PUNCT1 = new Set(['=', '<', '>', '+', '-', '*', '/', '%', '&', '|', ',', ';', ':', '.', '[', ']', '{', '}', '(', ')']);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const NON_ASCII_LETTER = /\p{L}/u;
const isIdentStart = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return isAsciiLetter(c) || (c >= 128 && NON_ASCII_LETTER.test(s[i]));
};
const isIdentPart = (s: string, i: number): boolean => isIdentStart(s, i) || isDigit(s.charCodeAt(i));

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
}

export function lex(src: string, file: string): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  let nl = false;
  let ws = false;
  const n = src.length;

  const err = (at: number, message: string): CompileError => {
    // Recompute row/col for `at`, which may be past the current line start (raw strings).
    let r = 1;
    let ls = 0;
    for (let k = 0; k < at && k < n; k++) {
      if (src.charCodeAt(k) === 10) {
        r++;
        ls = k + 1;
      }
    }
    return new CompileError({ file, row: r, col: at - ls + 1 }, `rego_parse_error: ${message}`);
  };
  const push = (kind: TokenKind, start: number, text: string, value?: string): void => {
    tokens.push({ kind, text, value, offset: start, row, col: start - lineStart + 1, nl, ws });
    nl = false;
    ws = false;
  };

  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      i++;
      row++;
      lineStart = i;
      nl = true;
      ws = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      ws = true;
      continue;
    }
    if (c === 35 /* # */) {
      const start = i;
      while (i < n && src.charCodeAt(i) !== 10) i++;
      let text = src.slice(start + 1, i);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      comments.push({ text, row, col: start - lineStart + 1 });
      ws = true;
      continue;
    }
    const start = i;
    if (isIdentStart(src, i)) {
      i++;
      while (i < n && isIdentPart(src, i)) i++;
      const text = src.slice(start, i);
      push(KEYWORDS.has(text) ? 'keyword' : 'ident', start, text);
      continue;
    }
    if (isDigit(c)) {
      i = scanNumber(src, i);
      push('number', start, src.slice(start, i));
      continue;
    }
    if (c === 34 /* " */) {
      const { end, value } = scanString(src, i, err);
      i = end;
      push('string', start, src.slice(start, i), value);
      continue;
    }
    if (c === 96 /* ` */) {
      const close = src.indexOf('`', i + 1);
      if (close < 0) throw err(start, 'non-terminated raw string');
      const value = src.slice(i + 1, close);
      const startRow = row;
      const startCol = start - lineStart + 1;
      // A raw string may span lines: advance the line counters past it.
      for (let k = i + 1; k < close; k++) {
        if (src.charCodeAt(k) === 10) {
          row++;
          lineStart = k + 1;
        }
      }
      i = close + 1;
      tokens.push({ kind: 'rawstring', text: src.slice(start, i), value, offset: start, row: startRow, col: startCol, nl, ws });
      nl = false;
      ws = false;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      i += 2;
      push('punct', start, two);
      continue;
    }
    if (c === 36 /* $ */ && (src[i + 1] === '"' || src[i + 1] === '`')) {
      // OPA's template strings ($"a {x} b"), a recent addition, are not compiled.
      const e = err(start, '');
      throw new CompileError(e.loc, 'unsupported: template string');
    }
    const one = src[i];
    if (PUNCT1.has(one)) {
      i++;
      push('punct', start, one);
      continue;
    }
    throw err(start, 'illegal token');
  }
  push('eof', n, '');
  return { tokens, comments };
}

/** Digits, optional fraction, optional exponent. A `.` belongs to the number only before a digit. */
function scanNumber(src: string, i: number): number {
  const n = src.length;
  while (i < n && isDigit(src.charCodeAt(i))) i++;
  if (src[i] === '.' && isDigit(src.charCodeAt(i + 1))) {
    i++;
    while (i < n && isDigit(src.charCodeAt(i))) i++;
  }
  if (src[i] === 'e' || src[i] === 'E') {
    let j = i + 1;
    if (src[j] === '+' || src[j] === '-') j++;
    if (isDigit(src.charCodeAt(j))) {
      i = j;
      while (i < n && isDigit(src.charCodeAt(i))) i++;
    }
  }
  return i;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** A JSON-style string literal starting at `i` (the opening quote). */
function scanString(
  src: string,
  i: number,
  err: (at: number, message: string) => CompileError,
): { end: number; value: string } {
  const n = src.length;
  let j = i + 1;
  let value = '';
  let chunk = j;
  for (;;) {
    if (j >= n) throw err(i, 'non-terminated string');
    const c = src.charCodeAt(j);
    if (c === 34) {
      value += src.slice(chunk, j);
      return { end: j + 1, value };
    }
    if (c === 10) throw err(i, 'non-terminated string');
    if (c < 32) throw err(j, 'illegal control character in string literal');
    if (c === 92 /* \ */) {
      value += src.slice(chunk, j);
      const e = src[j + 1];
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        value += SIMPLE_ESCAPES[e];
        j += 2;
      } else if (e === 'u' && HEX4.test(src.slice(j + 2, j + 6))) {
        // UTF-16 code units: a surrogate pair written as two \u escapes joins naturally.
        value += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
        j += 6;
      } else {
        throw err(j, 'illegal escape sequence');
      }
      chunk = j;
      continue;
    }
    j++;
  }
}

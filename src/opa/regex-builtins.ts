/**
 * OPA's regex builtins over Go RE2 patterns (translated by ./regex): matching positions follow Go's
 * regexp package (FindAll: successive non-overlapping matches, an empty match right after a
 * match is skipped; Split; ReplaceAllString with Go's `$1` / `${name}` template syntax).
 */
import { re2 } from './regex';

/** Go's allMatches: [start, end, ...groups (undefined when not taking part)] for each match. */
function allMatches(pattern: string, s: string, n: number): RegExpExecArray[] {
  const base = re2(pattern);
  const re = new RegExp(base.source, base.flags.includes('g') ? base.flags : `${base.flags}g`);
  const out: RegExpExecArray[] = [];
  let prevEnd = -1;
  for (let pos = 0; (n < 0 || out.length < n) && pos <= s.length;) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index, end = start + m[0].length;
    let accept = true;
    if (end === start) {
      // An empty match right after the previous match is not one; move on by one character.
      if (start === prevEnd) accept = false;
      const cp = s.codePointAt(start);
      pos = start + (cp !== undefined && cp > 0xffff ? 2 : 1);
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

export function regexFindN(pattern: string, s: string, n: number): string[] {
  return allMatches(pattern, s, n).map((m) => m[0]);
}

export function regexFindAllSubmatch(pattern: string, s: string, n: number): string[][] {
  return allMatches(pattern, s, n).map((m) => [...m].map((g) => g ?? ''));
}

/** Go's Regexp.Split(s, -1). */
export function regexSplit(pattern: string, s: string): string[] {
  if (pattern.length > 0 && s.length === 0) return [''];
  const parts: string[] = [];
  let beg = 0, end = 0;
  for (const m of allMatches(pattern, s, -1)) {
    end = m.index;
    const mEnd = m.index + m[0].length;
    if (mEnd !== 0) parts.push(s.slice(beg, end));
    beg = mEnd;
  }
  if (end !== s.length) parts.push(s.slice(beg));
  return parts;
}

/** Go's Regexp.Expand of a ReplaceAllString template for one match. */
function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$') { out += c; continue; }
    if (template[i + 1] === '$') { out += '$'; i++; continue; }
    let name: string | undefined;
    let next = i + 1;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) { name = inner; next = close + 1; }
    } else {
      const word = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (word) { name = word[0]; next = i + 1 + word[0].length; }
    }
    if (name === undefined) { out += '$'; continue; }
    if (/^[0-9]+$/.test(name)) {
      const k = Number(name);
      out += k < m.length ? m[k] ?? '' : '';
    } else {
      out += m.groups?.[name] ?? '';
    }
    i = next - 1;
  }
  return out;
}

/** Go's ReplaceAllString(s, template). */
export function regexReplace(s: string, pattern: string, template: string): string {
  let out = '';
  let last = 0;
  for (const m of allMatches(pattern, s, -1)) {
    out += s.slice(last, m.index) + expand(template, m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

export function regexIsValid(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  try {
    re2(pattern);
    return true;
  } catch {
    return false;
  }
}

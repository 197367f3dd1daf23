/**
 * OPA's glob.match (github.com/gobwas/glob syntax): `*` any run of non-delimiter characters, `**`
 * any run including delimiters, `?` one non-delimiter character, `[abc]` / `[!abc]` / `[a-z]`
 * character classes, `{a,b}` alternatives, `\` escapes. Delimiters default to "." for an empty
 * list; null means none.
 */

const cache = new Map<string, RegExp>();

/** Every non-alphanumeric character as a \u{...} escape: valid inside and outside classes in `u` mode. */
function escapeRe(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

export function globToRegExp(pattern: string, delimiters: string[]): RegExp {
  const key = `${pattern}\u0000${delimiters.join('\u0000')}`;
  const known = cache.get(key);
  if (known) return known;
  const notDelim = delimiters.length ? `[^${delimiters.map(escapeRe).join('')}]` : '[\\s\\S]';
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      if (i >= pattern.length) throw new Error(`glob.match: unexpected end of pattern after \\: ${pattern}`);
      out += escapeRe(pattern[i]);
    } else if (c === '*') {
      if (pattern[i + 1] === '*') { out += '[\\s\\S]*'; i++; } else out += `${notDelim}*`;
    } else if (c === '?') out += notDelim;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error(`glob.match: unclosed character class in pattern: ${pattern}`);
      let body = pattern.slice(i + 1, end);
      const neg = body.startsWith('!');
      if (neg) body = body.slice(1);
      out += `[${neg ? '^' : ''}${body.replace(/[\\\]^]/g, (c) => escapeRe(c))}]`;
      i = end;
    } else if (c === '{') { out += '(?:'; depth++; }
    else if (c === '}' && depth > 0) { out += ')'; depth--; }
    else if (c === ',' && depth > 0) out += '|';
    else out += escapeRe(c);
  }
  if (depth > 0) throw new Error(`glob.match: unclosed { in pattern: ${pattern}`);
  const re = new RegExp(`^(?:${out})$`, 'u');
  if (cache.size > 1000) cache.clear();
  cache.set(key, re);
  return re;
}

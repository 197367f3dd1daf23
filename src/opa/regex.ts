/**
 * Go RE2 regular expressions (what OPA's regex builtins use) translated to JavaScript RegExp.
 * RE2 and JS agree on most syntax; this rewrites what differs (leading flag groups, \A, \z,
 * (?P<name>...), POSIX classes, \pL) and rejects what RE2 does not accept (lookaround,
 * backreferences) with a clear error, as OPA would.
 */

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

// Characters that may be escaped with a backslash in a JS regex with the `u` flag.
const JS_ESCAPABLE = new Set('^$\\.*+?()[]{}|/'.split(''));

export class RegexSyntaxError extends Error {}

function fail(pattern: string, why: string): never {
  throw new RegexSyntaxError(`error parsing regexp: ${why}: \`${pattern}\``);
}

export function translateRe2(pattern: string): RegExp {
  let flags = 'u';
  let src = pattern;
  // RE2 flag groups at the start: (?i) (?s) (?m) (?U is not supported).
  for (let m = /^\(\?([imsU]+)\)/.exec(src); m; m = /^\(\?([imsU]+)\)/.exec(src)) {
    for (const f of m[1]) {
      if (f === 'U') fail(pattern, 'ungreedy flag (?U) is not supported');
      if (!flags.includes(f)) flags += f;
    }
    src = src.slice(m[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) fail(pattern, 'trailing backslash at end of expression');
      i++;
      if (n === 'A' && !inClass) out += '^';
      else if (n === 'z' && !inClass) out += '$(?![\\s\\S])';
      else if (n === 'Q') {
        const endQ = src.indexOf('\\E', i + 1);
        const lit = src.slice(i + 1, endQ < 0 ? undefined : endQ);
        out += lit.replace(/[^\p{L}\p{N}]/gu, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
        i = endQ < 0 ? src.length : endQ + 1;
      } else if ((n === 'p' || n === 'P') && src[i + 1] !== '{') {
        out += `\\${n}{${src[i + 1]}}`;
        i++;
      } else if (/[1-9]/.test(n)) fail(pattern, `invalid escape sequence: \`\\${n}\` (backreferences are not supported)`);
      else if (/[a-zA-Z0-9]/.test(n) || JS_ESCAPABLE.has(n)) out += `\\${n}`;
      else out += `\\u{${n.codePointAt(0)!.toString(16)}}`;
      continue;
    }
    if (inClass) {
      if (c === '[' && src[i + 1] === ':') {
        const end = src.indexOf(':]', i + 2);
        const name = end < 0 ? '' : src.slice(i + 2, end);
        const neg = name.startsWith('^');
        const cls = POSIX[neg ? name.slice(1) : name];
        if (!cls) fail(pattern, `invalid character class range: \`${src.slice(i, end + 2)}\``);
        if (neg) fail(pattern, 'negated POSIX classes are not supported');
        out += cls;
        i = end + 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') { out += '^'; i++; }
      if (src[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (rest.startsWith('P<')) { out += '(?<'; i += 3; continue; }
      if (rest.startsWith(':') || rest.startsWith('<')) {
        if (/^<[=!]/.test(rest)) fail(pattern, 'invalid or unsupported Perl syntax: lookbehind');
        out += c;
        continue;
      }
      if (/^[=!]/.test(rest)) fail(pattern, 'invalid or unsupported Perl syntax: lookahead');
      fail(pattern, `invalid or unsupported Perl syntax: \`(?${rest.slice(0, 1)}\``);
    }
    out += c;
  }
  if (inClass) fail(pattern, 'missing closing ]');
  try {
    return new RegExp(out, flags);
  } catch (err) {
    return fail(pattern, (err as Error).message);
  }
}

const cache = new Map<string, RegExp>();

export function re2(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = translateRe2(pattern);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

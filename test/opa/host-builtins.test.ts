import { HOST_ERROR_KEY, hostBuiltins, OperandError, withErrors } from '../../src/opa/host-builtins';
import { translateRe2 } from '../../src/opa/regex';

const match = (pattern: string, value: string): unknown => hostBuiltins['regex.match'](pattern, value);
const glob = (pattern: string, delims: unknown, value: string): unknown => hostBuiltins['glob.match'](pattern, delims, value);

describe('regex.match (Go RE2 syntax)', () => {
  it('maps RE2-only syntax onto JavaScript', () => {
    expect(match('(?i)^abc$', 'ABC')).toBe(true);
    expect(match('(?s)a.b', 'a\nb')).toBe(true);
    expect(match('\\Aab\\z', 'ab')).toBe(true);
    expect(match('ab\\z', 'ab\n')).toBe(false);
    expect(match('^(?P<word>[a-z]+)$', 'abc')).toBe(true);
    expect(match('^[[:alpha:]]+[[:digit:]]$', 'ab1')).toBe(true);
    expect(match('^\\pL+$', 'héllo')).toBe(true);
    expect(match('^\\Q*.+\\E$', '*.+')).toBe(true);
    expect(match('^a\\-b\\#$', 'a-b#')).toBe(true);
    expect(match('^.$', '𝄞')).toBe(true);
  });

  it('is unanchored like Go', () => {
    expect(match('b+', 'abbbc')).toBe(true);
    expect(match('^b', 'ab')).toBe(false);
  });

  it('rejects syntax RE2 does not accept, with a clear message', () => {
    expect(() => translateRe2('a(?=b)')).toThrow('error parsing regexp: invalid or unsupported Perl syntax: lookahead: `a(?=b)`');
    expect(() => translateRe2('(a)\\1')).toThrow(/backreferences are not supported/);
    expect(() => translateRe2('[a')).toThrow(/missing closing \]/);
    expect(() => translateRe2('(?U)a+')).toThrow(/ungreedy/);
  });

  it('reports non-string arguments as operand type errors', () => {
    expect(() => match('a', 1 as unknown as string)).toThrow(OperandError);
    expect(() => match('a', 1 as unknown as string)).toThrow('operand 2 must be string but got number');
  });
});

describe('glob.match (gobwas/glob syntax)', () => {
  it('treats * and ? as not crossing delimiters, ** as crossing them', () => {
    expect(glob('*.azure.com', ['.'], 'x.azure.com')).toBe(true);
    expect(glob('*.azure.com', ['.'], 'a.x.azure.com')).toBe(false);
    expect(glob('**.azure.com', ['.'], 'a.x.azure.com')).toBe(true);
    expect(glob('a?c', ['.'], 'a.c')).toBe(false);
    expect(glob('a?c', null, 'a.c')).toBe(true);
  });

  it('defaults to "." for an empty delimiter list and supports classes and alternatives', () => {
    expect(glob('*.b', [], 'a.x.b')).toBe(false);
    expect(glob('[a-c]x', ['.'], 'bx')).toBe(true);
    expect(glob('[!a-c]x', ['.'], 'bx')).toBe(false);
    expect(glob('{dev,prod}-*', ['-'], 'prod-eu')).toBe(true);
    expect(glob('\\*', ['.'], '*')).toBe(true);
    expect(glob('a/*', ['/'], 'a/b/c')).toBe(false);
  });

  it('reports bad argument types as operand type errors', () => {
    expect(() => glob('a', 'x', 'a')).toThrow('operand 2 must be array of strings but got string');
  });
});

describe('host builtin errors', () => {
  it('reach the module as an error result with OPA\'s code and the builtin name', () => {
    const wrapped = withErrors('regex.match', hostBuiltins['regex.match']);
    expect(wrapped('[a', 'x')).toEqual({ [HOST_ERROR_KEY]: 'eval_builtin_error: regex.match: error parsing regexp: missing closing ]: `[a`' });
    expect(wrapped('a', 3)).toEqual({ [HOST_ERROR_KEY]: 'eval_type_error: regex.match: operand 2 must be string but got number' });
    expect(wrapped('a', 'cat')).toBe(true);
  });
});

describe('time.now_ns', () => {
  it('gives the current time in nanoseconds as exact JSON digits', () => {
    const text = new TextDecoder().decode(hostBuiltins['time.now_ns']() as ArrayBuffer);
    expect(text).toMatch(/^[0-9]{19}$/);
    expect(Math.abs(Number(text) / 1e6 - Date.now())).toBeLessThan(5000);
  });
});

describe('time.date', () => {
  it('is [year, month, day] in UTC, or in the given zone; bad operands and zones are errors', () => {
    expect(hostBuiltins['time.date'](Date.UTC(2026, 11, 31, 23, 30) * 1e6)).toEqual([2026, 12, 31]);
    expect(hostBuiltins['time.date']([Date.UTC(2026, 11, 31, 23, 30) * 1e6, 'Europe/Stockholm'])).toEqual([2027, 1, 1]);
    expect(() => hostBuiltins['time.date']('2026-12-31')).toThrow(/operand 1 must be number or array/);
    expect(() => hostBuiltins['time.date']([0, 'Mars/Olympus'])).toThrow(/unknown time zone Mars\/Olympus/);
  });

  it('reads UTC and the host zone from Date itself: the same dates as Intl, and Go year 0', () => {
    const intl = (ms: number, timeZone?: string) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(ms));
      return ['year', 'month', 'day'].map((t) => Number(parts.find((p) => p.type === t)!.value));
    };
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor((random() - 0.2) * 1e13); // 1653 to 2287
      expect([ms, hostBuiltins['time.date'](ms * 1e6)]).toEqual([ms, intl(ms, 'UTC')]);
      expect([ms, hostBuiltins['time.date']([ms * 1e6, ''])]).toEqual([ms, intl(ms, 'UTC')]);
      expect([ms, hostBuiltins['time.date']([ms * 1e6, 'Local'])]).toEqual([ms, intl(ms)]);
    }
    // Go's time.Date counts a year 0 (1 BC); Intl's en-US names it 1 in the era BC.
    const yearZero = new Date(0);
    yearZero.setUTCFullYear(0, 5, 1);
    expect(hostBuiltins['time.date'](yearZero.getTime() * 1e6)).toEqual([0, 6, 1]);
  });
});

describe('graph.reachable', () => {
  it('follows edges from the initial nodes, each node once, through cycles', () => {
    const g = { a: ['b'], b: ['c', 'a'], c: [], d: ['a'] };
    expect(hostBuiltins['graph.reachable'](g, ['a'])).toEqual(['a', 'b', 'c']);
    expect(hostBuiltins['graph.reachable'](g, ['d', 'zz'])).toEqual(['d', 'a', 'b', 'c']);
    expect(() => hostBuiltins['graph.reachable']([], ['a'])).toThrow(/operand 1 must be object/);
  });
});

describe('yaml builtins (as OPA: Go yaml)', () => {
  const y = (name: string, ...args: unknown[]): unknown => hostBuiltins[`apg.yaml.${name}`](...args);
  it('validates every document of a text, and is false for non-strings', () => {
    expect(y('is_valid', 'a: 1\n---\nb: 2\n')).toBe(true);
    expect(y('is_valid', 'a: 1\n---\n\tb: 2\n')).toBe(false);
    expect(y('is_valid', 'foo: {')).toBe(false);
    expect(y('is_valid', 1)).toBe(false);
  });
  it('unmarshals the first document, and fails on bad text', () => {
    expect(y('unmarshal', 'a: [1, x]\n---\nb: 2\n')).toEqual({ a: [1, 'x'] });
    expect(y('unmarshal', '')).toBeNull();
    expect(() => y('unmarshal', 'a: {')).toThrow(/^yaml: /);
  });
  it('marshals with sorted keys and unindented sequences', () => {
    expect(y('marshal', { b: [1, 2], a: 'true' })).toBe('a: "true"\nb:\n- 1\n- 2\n');
  });
});

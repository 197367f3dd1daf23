import { regexFindAllSubmatch, regexFindN, regexIsValid, regexReplace, regexSplit } from '../../src/opa/regex-builtins';

describe('regex builtins (Go regexp semantics)', () => {
  it('splits as Regexp.Split(s, -1)', () => {
    expect(regexSplit('a', 'banana')).toEqual(['b', 'n', 'n', '']);
    expect(regexSplit('(a)', 'banana')).toEqual(['b', 'n', 'n', '']);
    expect(regexSplit('x*', 'abc')).toEqual(['a', 'b', 'c']);
    expect(regexSplit('^[a-z ]+$', 'foobar baz')).toEqual(['', '']);
    expect(regexSplit('a', '')).toEqual(['']);
  });

  it('finds successive matches, skipping an empty match right after a match', () => {
    expect(regexFindN('a.', 'paranormal', -1)).toEqual(['ar', 'an', 'al']);
    expect(regexFindN('a.', 'paranormal', 2)).toEqual(['ar', 'an']);
    expect(regexFindN('a*', 'baaab', -1)).toEqual(['', 'aaa', '']);
    expect(regexFindAllSubmatch('a(x*)b(y|z)?', '-axxb-ab-', -1)).toEqual([['axxb', 'xx', ''], ['ab', '', '']]);
  });

  it('replaces with Go template syntax ($1W is the group named 1W)', () => {
    expect(regexReplace('-ab-axxb-', 'a(x*)b', '$1W')).toBe('---');
    expect(regexReplace('-ab-axxb-', 'a(x*)b', '${1}W')).toBe('-W-xxW-');
    expect(regexReplace('-ab-axxb-', 'a(?P<x>x*)b', '[$x]$$')).toBe('-[]$-[xx]$-');
    expect(regexReplace('abc', '', '-')).toBe('-a-b-c-');
  });

  it('tells valid patterns', () => {
    expect(regexIsValid('a+')).toBe(true);
    expect(regexIsValid('[')).toBe(false);
    expect(regexIsValid(3)).toBe(false);
  });
});

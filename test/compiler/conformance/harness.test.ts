/**
 * The conformance harness compares results the way OPA's own runner for these YAML cases does
 * (topdown's assertResultSet): as a set of bindings, with bound arrays sorted under sort_bindings.
 */
import { sameResultSet } from '../../../src/compiler/conformance';

describe('conformance result comparison', () => {
  it('ignores the order of results, as a set of bindings', () => {
    expect(sameResultSet([{ i: 'foo', x: 1 }, { i: 'bar', x: 2 }], [{ x: 2, i: 'bar' }, { i: 'foo', x: 1 }], false)).toBe(true);
  });

  it('fails on a missing, extra or different result', () => {
    expect(sameResultSet([{ x: 1 }, { x: 2 }], [{ x: 1 }], false)).toBe(false);
    expect(sameResultSet([{ x: 1 }], [{ x: 1 }, { x: 2 }], false)).toBe(false);
    expect(sameResultSet([{ x: [1, 2] }], [{ x: [2, 1] }], false)).toBe(false);
    expect(sameResultSet([], [{ x: true }], false)).toBe(false);
  });

  it('sorts bound arrays only with sort_bindings', () => {
    expect(sameResultSet([{ x: [1, 'a', null] }], [{ x: ['a', null, 1] }], true)).toBe(true);
    expect(sameResultSet([{ x: [[2], [1]] }], [{ x: [[1], [2]] }], true)).toBe(true);
  });
});

import { compile } from '../../../src/compiler';
import { loadPolicyWasmSync } from '../../../src/opa/load';

/**
 * Sets that rules and comprehensions build are appended to and sorted once when first read: the
 * result must be what adding one value at a time gives, whatever the order and the repeats, and
 * also when the set is read while its rule is still adding (another body of a partial set rule).
 */
const SOURCE = `package s

import rego.v1

comprehension := {x | some x in input.values}

partial contains x if some x in input.values

partial contains count(partial_copy) if true

partial_copy contains [x, "copy"] if some x in input.values

nested := {{"k": x % 7, "v": [x]} | some x in input.values}

size := count({x | some x in input.values})

member if 17 in {x | some x in input.values}
`;

const policy = loadPolicyWasmSync(compile({
  sources: [{ path: 's.rego', text: SOURCE }],
  entrypoints: ['s/comprehension', 's/partial', 's/nested', 's/size', 's/member'],
}).wasm);

const result = (entrypoint: string, values: unknown[]): unknown =>
  (policy.evaluate({ values }, entrypoint) as { result: unknown }[])[0]?.result;

/** A deterministic shuffle with repeats: every value below n, most of them several times. */
function shuffled(n: number): number[] {
  const out: number[] = [];
  let seed = 12345;
  for (let i = 0; i < 3 * n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out.push(seed % n);
  }
  return out;
}

describe.each([10, 63, 64, 65, 1000, 5000])('a set of %i values added in random order, with repeats', (n) => {
  const values = shuffled(n);
  const unique = [...new Set(values)].sort((a, b) => a - b);

  it('is sorted and holds each value once (comprehension and partial set rule)', () => {
    expect(result('s/comprehension', values)).toEqual(unique);
    expect(result('s/partial', values)).toEqual([...new Set([...unique, unique.length])].sort((a, b) => a - b));
  });

  it('orders and compares composite values', () => {
    const expected = [...new Map(values.map((x) => [JSON.stringify({ k: x % 7, v: [x] }), { k: x % 7, v: [x] }])).values()]
      .sort((a, b) => a.k - b.k || a.v[0] - b.v[0]);
    expect(result('s/nested', values)).toEqual(expected);
  });

  it('counts and finds its members', () => {
    expect(result('s/size', values)).toBe(unique.length);
    expect(result('s/member', values)).toBe(unique.includes(17) ? true : undefined);
  });
});

/**
 * The checker writes its input into the module as pieces of JSON (src/policy/json-pieces.ts) rather
 * than one string; the pieces must join to exactly what JSON.stringify makes of the same value.
 */
import { jsonPieces } from '../../src/policy/json-pieces';

const joined = (v: unknown): string => [...jsonPieces(v)].join('');

describe('jsonPieces', () => {
  const resources = Array.from({ length: 237 }, (_, i) => ({ address: `azurerm_x.r${i}`, values: { n: i, s: 'é"\\\n\u2028\ud800', u: undefined }, f: () => 1 }));

  it.each([
    ['an input with large arrays in pieces', { format: 'plan', source: 'p.json', resources, outputs: resources.slice(0, 51), cost: { idleMonthly: 1.5 } }],
    ['members that JSON leaves out, and holes and undefined elements written as null', { a: undefined, b: () => 1, c: Symbol('x'), d: [...Array.from({ length: 120 }, (_, i) => (i % 7 ? i : undefined)), () => 1, Symbol('y')], e: null }],
    ['an array with exactly one piece, and one just over', { one: Array.from({ length: 50 }, (_, i) => i), over: Array.from({ length: 51 }, (_, i) => i) }],
    ['an empty object, and one with only left-out members', {}],
    ['only left-out members', { a: undefined }],
    ['values with toJSON, top-level and in arrays', { when: new Date(0), list: Array.from({ length: 60 }, (_, i) => new Date(i)) }],
    ['an array with its own toJSON', { list: Object.assign(Array.from({ length: 60 }, (_, i) => i), { toJSON: () => 'replaced' }) }],
    ['a top-level value that is not a plain object', [1, { a: 2 }]],
    ['an object with toJSON at the top', { toJSON: () => ({ swapped: true }) }],
    ['a class instance', new (class { x = 1; })()],
    ['a string', 'text'],
  ])('joins to JSON.stringify: %s', (_name, value) => {
    expect(joined(value)).toBe(JSON.stringify(value));
  });

  it('makes no piece of more than a few tens of KB for a large input', () => {
    const big = { resources: Array.from({ length: 5000 }, (_, i) => ({ address: `azurerm_x.r${i}`, values: { tags: { a: 'x'.repeat(200) } } })) };
    const pieces = [...jsonPieces(big)];
    expect(pieces.join('')).toBe(JSON.stringify(big));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64 * 1024);
  });
});

import fc from 'fast-check';
import { emitWasm } from '../../../src/compiler/wasm';
import { loadPolicyWasmSync } from '../../../src/opa/load';
import { builtinPolicy, local, singleRule, Strings } from './helpers';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** OPA's order of JSON values (null < booleans < numbers < strings < arrays < objects). */
function opaCompare(a: Json, b: Json): number {
  const rank = (v: Json): number =>
    v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : typeof v === 'string' ? 3 : Array.isArray(v) ? 4 : 5;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'boolean' || typeof a === 'number') return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
  if (typeof a === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b as string));
  if (Array.isArray(a)) {
    const bb = b as Json[];
    for (let i = 0; i < Math.min(a.length, bb.length); i++) {
      const c = opaCompare(a[i], bb[i]);
      if (c) return c;
    }
    return a.length - bb.length;
  }
  if (a === null) return 0;
  const ob = b as Record<string, Json>;
  const ka = Object.keys(a).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  const kb = Object.keys(ob).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = opaCompare(ka[i], kb[i]) || opaCompare(a[ka[i]], ob[kb[i]]);
    if (c) return c;
  }
  return ka.length - kb.length;
}

/** JSON text with object keys in OPA's (byte) order, the order opa_json_dump writes them in. */
function canonical(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
}

const json: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }) as fc.Arbitrary<Json>;

describe('runtime values against JavaScript (property-based)', () => {
  const identity = loadPolicyWasmSync(emitWasm(singleRule(new Strings(), 'r', [{ type: 'AssignVarOnce', source: local(0), target: 2 }])));
  const sort = loadPolicyWasmSync(emitWasm(builtinPolicy('sort', 1)));
  const equal = loadPolicyWasmSync(emitWasm(builtinPolicy('equal', 2)));

  // Wrapped in an array: the SDK treats a falsy input (null, false, 0, "") as no input at all.
  it('round-trips any JSON value', () => {
    fc.assert(fc.property(json, (v) => {
      expect(identity.evaluate([v], 't/r')).toEqual([{ result: [JSON.parse(JSON.stringify(v))] }]);
    }), { numRuns: 200 });
  });

  it('sorts any array of JSON values in OPA order', () => {
    fc.assert(fc.property(fc.array(json, { maxLength: 12 }), (vs) => {
      const [{ result }] = sort.evaluate([vs], 't/call') as { result: Json[] }[];
      const expected = [...(JSON.parse(JSON.stringify(vs)) as Json[])].sort(opaCompare);
      expect(result.map(canonical)).toEqual(expected.map(canonical));
    }), { numRuns: 200 });
  });

  it('decides equality as OPA does (objects order-free, 1 == 1.0)', () => {
    fc.assert(fc.property(json, json, (a, b) => {
      const [{ result }] = equal.evaluate([a, b], 't/call') as { result: boolean }[];
      expect(result).toBe(opaCompare(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b))) === 0);
      const [{ result: self }] = equal.evaluate([a, a], 't/call') as { result: boolean }[];
      expect(self).toBe(true);
    }), { numRuns: 200 });
  });
});

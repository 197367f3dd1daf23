/**
 * The checker evaluates a pack's rules one at a time on one parse of the input, rewinding the
 * module's heap after each (src/policy/engine.ts evaluateEach, the session exports generated in
 * src/compiler/wasm/index.ts). These tests hold it to the aggregate entrypoint's answers and check
 * what the rewind must keep (shared values computed before the mark) and forget (values memoised
 * by a rule above it, which the next rule must compute again rather than read from freed memory).
 */
import { compile } from '../../src/compiler';
import { loadPolicySyncCompat } from '../../src/policy/engine';

const LIB = `package lib.shared

import rego.v1

# Every resource name, upper-cased: a value several rules read.
names := [upper(r.name) | some r in input.resources]

by_type := {t: [r.name | some r in input.resources; r.type == t] | some t in {r.type | some r in input.resources}}
`;

const RULE_A = `package rules.a

import rego.v1

import data.lib.shared

# Memoised inside rule a's evaluation only (no rule of lib/ and not shared): above the mark.
long_names := {n | some n in shared.names; count(n) > 3}

deny contains msg if {
	some n in long_names
	msg := sprintf("a: %s", [n])
}
`;

const RULE_B = `package rules.b

import rego.v1

import data.lib.shared
import data.rules.a

# Allocates before it reads a.long_names, so that a stale address would read b's own values.
deny contains msg if {
	some t, list in shared.by_type
	count(list) > 1
	joined := concat(",", list)
	some n in a.long_names
	msg := sprintf("b: %s %s %d", [n, t, count(joined) - count(joined) + count(shared.names)])
}
`;

const AGGREGATE = `package apg

import rego.v1

findings := {"a": data.rules.a.deny, "b": data.rules.b.deny}
`;

function input(n: number): { resources: { name: string; type: string }[] } {
  return { resources: Array.from({ length: n }, (_, i) => ({ name: `resource${i}`, type: i % 3 ? 'x' : 'y' })) };
}

function load(): ReturnType<typeof loadPolicySyncCompat> {
  const { wasm } = compile({
    sources: [
      { path: 'lib/shared.rego', text: LIB },
      { path: 'a.rego', text: RULE_A },
      { path: 'b.rego', text: RULE_B },
      { path: 'apg.rego', text: AGGREGATE },
    ],
    entrypoints: ['apg/findings', 'rules/a/deny', 'rules/b/deny', 'lib/shared/names', 'lib/shared/by_type'],
  });
  // A fresh copy: the engine keeps one instance per module bytes.
  return loadPolicySyncCompat(new Uint8Array(wasm));
}

describe('evaluating rules one at a time on one parse of the input', () => {
  it('gives each rule the deny set the aggregate entrypoint gives it, with shared values kept and a rule value recomputed after the rewind', () => {
    const policy = load();
    const doc = input(50);
    const aggregate = (policy.evaluate(doc, 'apg/findings') as { result: { a: string[]; b: string[] } }[])[0].result;
    expect(aggregate.a).toHaveLength(50);
    expect(aggregate.b).toHaveLength(100);
    const each = policy.evaluateEach!(doc, ['lib/shared/by_type', 'lib/shared/names'], ['rules/a/deny', 'rules/b/deny']) as { result: string[] }[][];
    expect(each.map((r) => r[0].result)).toEqual([aggregate.a, aggregate.b]);
    // b reads a.long_names, memoised during a's evaluation above the mark: after the rewind the
    // memory that held it is reused, so b must compute it again, not read what now lies there.
    expect(each[1][0].result[0]).toBe('b: RESOURCE0 x 50');
    // Repeated on the same instance (the engine keeps it between checks): same answers.
    expect((policy.evaluateEach!(doc, ['lib/shared/by_type', 'lib/shared/names'], ['rules/a/deny', 'rules/b/deny']) as { result: string[] }[][])
      .map((r) => r[0].result)).toEqual([aggregate.a, aggregate.b]);
  });

  it('needs the memory of the largest rule, not of every rule at once', () => {
    // Four rules that each leave about 5 MB of garbage (a 25 kB text built 200 times) on a small input.
    const rules = [1, 2, 3, 4].map((k) => ({
      path: `r${k}.rego`,
      text: `package rules.r${k}\n\nimport rego.v1\n\ndeny contains n if {\n\tsome i in numbers.range(1, 200)\n\tn := count(concat(",", [sprintf("%s-${k}-%d", [r.name, i]) | some r in input.resources]))\n\tn < 0\n}\n`,
    }));
    const sources = [...rules, { path: 'apg.rego', text: 'package apg\n\nimport rego.v1\n\nfindings := {"r1": data.rules.r1.deny, "r2": data.rules.r2.deny, "r3": data.rules.r3.deny, "r4": data.rules.r4.deny}\n' }];
    const each = ['rules/r1/deny', 'rules/r2/deny', 'rules/r3/deny', 'rules/r4/deny'];
    const wasm = compile({ sources, entrypoints: ['apg/findings', ...each] }).wasm;
    const doc = input(2000);
    const bytes = (p: unknown): number => (p as { sdk: { mem: WebAssembly.Memory } }).sdk.mem.buffer.byteLength;
    const all = loadPolicySyncCompat(new Uint8Array(wasm));
    expect((all.evaluate(doc, 'apg/findings') as { result: unknown }[])[0].result).toEqual({ r1: [], r2: [], r3: [], r4: [] });
    const one = loadPolicySyncCompat(new Uint8Array(wasm));
    expect((one.evaluateEach!(doc, [], each) as { result: unknown }[][]).map((r) => r[0].result)).toEqual([[], [], [], []]);
    expect(bytes(one)).toBeLessThan(bytes(all) / 2);
  });

  it('makes no result text for a shared value (format 2), which stays below the mark for the whole session', () => {
    const policy = load() as unknown as { sdk: { wasmInstance: WebAssembly.Instance; entrypoints: Record<string, number>; dataAddr: number }; writeInput(d: unknown): [number, number] };
    const ex = policy.sdk.wasmInstance.exports as Record<string, (...a: number[]) => number>;
    const grown = (format: number): number => {
      const [at, len] = policy.writeInput(input(2000));
      ex.apg_session_start(policy.sdk.dataAddr, at, len, at + len);
      const before = ex.opa_heap_ptr_get();
      expect(ex.apg_session_eval(policy.sdk.entrypoints['lib/shared/names'], format) === 0).toBe(format === 2);
      return ex.opa_heap_ptr_get() - before;
    };
    // 2000 names of ~12 characters: ~30 kB of JSON text that format 0 leaves on the heap.
    expect(grown(0) - grown(2)).toBeGreaterThan(25_000);
  });

  it('answers undefined for an entrypoint the module does not have, so the checker uses the aggregate', () => {
    expect(load().evaluateEach!(input(3), [], ['rules/a/deny', 'rules/c/deny'])).toBeUndefined();
  });
});

describe('writing the input into the module', () => {
  it('writes a mostly non-ASCII input whole, though its UTF-8 is three times its length in characters', () => {
    const { wasm } = compile({ sources: [{ path: 'echo.rego', text: 'package echo\n\nimport rego.v1\n\nnames := [r.name | some r in input.resources]\n' }], entrypoints: ['echo/names'] });
    const policy = loadPolicySyncCompat(new Uint8Array(wasm));
    // ~6 MB of UTF-8 from ~2M characters: beyond the module's initial memory, so the first round of
    // encoding (one byte per character) cannot hold it all and the rest is written after growing.
    const names = Array.from({ length: 2000 }, (_, i) => `${'日本語'.repeat(333)}é${i}😀`);
    const result = (policy.evaluate({ resources: names.map((name) => ({ name })) }, 'echo/names') as { result: string[] }[])[0].result;
    expect(result).toEqual(names);
  });

  it('takes the input as UTF-8 JSON bytes as well, copied as they are, growing the memory when they do not fit', () => {
    const { wasm } = compile({ sources: [{ path: 'echo.rego', text: 'package echo\n\nimport rego.v1\n\nnames := [r.name | some r in input.resources]\n' }], entrypoints: ['echo/names'] });
    const policy = loadPolicySyncCompat(new Uint8Array(wasm));
    const doc = { resources: [...input(20_000).resources, { name: 'é→𝄞!', type: 'y' }] };
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    expect(bytes.length).toBeGreaterThan((policy as unknown as { sdk: { mem: WebAssembly.Memory } }).sdk.mem.buffer.byteLength);
    const fromBytes = policy.evaluateEach!(bytes, [], ['echo/names']) as { result: string[] }[][];
    expect(fromBytes[0][0].result).toEqual(doc.resources.map((r) => r.name));
    expect(policy.evaluate(bytes, 'echo/names')).toEqual(fromBytes[0]);
  });
});

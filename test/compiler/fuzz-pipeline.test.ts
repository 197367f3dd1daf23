/**
 * Robustness of the whole compiler: random mutations of real policies go through parse → check → plan
 * → WASM. Each input must end in a positioned CompileError or in a module the official SDK loads and
 * evaluates (an evaluation error raised through opa_abort is fine, a crash of the compiler is not).
 * Deterministic: a seeded generator, so a failure reproduces.
 */
import { CompileError } from '../../src/compiler/ast';
import { compile } from '../../src/compiler';
import { loadPolicyWasmSync } from '../../src/opa/load';
import { fuzzCorpus, mutate, seededRandom } from './support/mutate';

describe('compiler fuzz', () => {
  const corpus = fuzzCorpus();
  const random = seededRandom(20261123);
  const N = 2000;

  it(`never crashes on ${N} mutated policies`, () => {
    let compiled = 0;
    let rejected = 0;
    for (let i = 0; i < N; i++) {
      const source = mutate(corpus[Math.floor(random() * corpus.length)], random);
      const lines = source.split('\n').length;
      let result;
      try {
        result = compile({ sources: [{ path: 'fuzz.rego', text: source }], entrypoints: ['fuzz/p'] });
      } catch (err) {
        if (!(err instanceof CompileError)) {
          throw new Error(`compiler crashed on input ${i}:\n${source}\n---\n${(err as Error).stack}`);
        }
        if (err.loc.file === 'fuzz.rego') {
          expect(err.loc.row).toBeGreaterThanOrEqual(1);
          expect(err.loc.row).toBeLessThanOrEqual(lines + 1);
        }
        rejected++;
        continue;
      }
      const policy = loadPolicyWasmSync(result.wasm);
      try {
        policy.evaluate({});
      } catch (err) {
        // Evaluation errors (conflicts, ...) come back as messages from opa_abort, never as crashes.
        expect(String((err as Error)?.message ?? err)).toMatch(/\S/);
      }
      compiled++;
    }
    expect(compiled + rejected).toBe(N);
    expect(compiled).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});

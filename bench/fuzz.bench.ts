/**
 * The compiler fuzz run at bench scale (`npm test` runs 2,000 inputs; this runs 10×): seeded
 * mutations of the pack's policies and the conformance modules through parse → check → plan → WASM,
 * every module that compiles loaded and evaluated by the official SDK. Any outcome other than a
 * positioned CompileError or a loadable module (an evaluation error through opa_abort is fine) stops
 * the bench with the input that caused it.
 */
import { CompileError } from '../src/compiler/ast';
import { compile } from '../src/compiler';
import { loadPolicyWasmSync } from '../src/opa/load';
import { fuzzCorpus, mutate, seededRandom } from '../test/compiler/support/mutate';
import { benchLine } from './stats';

const INPUTS = 20_000;

export async function run(): Promise<string[]> {
  const corpus = fuzzCorpus();
  const random = seededRandom(20261130);
  let compiled = 0;
  let rejected = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < INPUTS; i++) {
    const source = mutate(corpus[Math.floor(random() * corpus.length)], random);
    let wasm: Uint8Array;
    try {
      wasm = compile({ sources: [{ path: 'fuzz.rego', text: source }], entrypoints: ['fuzz/p'] }).wasm;
    } catch (err) {
      if (!(err instanceof CompileError)) throw new Error(`fuzz: compiler crashed on input ${i}:\n${source}\n---\n${(err as Error).stack}`);
      rejected++;
      continue;
    }
    const policy = loadPolicyWasmSync(wasm);
    try {
      policy.evaluate({});
    } catch (err) {
      if (!/\S/.test(String((err as Error)?.message ?? err))) throw new Error(`fuzz: evaluation failed without a message on input ${i}:\n${source}`);
    }
    compiled++;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return [
    `${benchLine(`fuzz: ${INPUTS} mutated policies through the compiler and the SDK, per input`, ms / INPUTS, 'ms')} [${compiled} compiled and evaluated, ${rejected} positioned errors, 0 crashes]`,
  ];
}

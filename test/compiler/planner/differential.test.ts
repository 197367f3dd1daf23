import { CompileError } from '../../../src/compiler/ast';
import { parseModule } from '../../../src/compiler/parser';
import { planPolicy } from '../../../src/compiler/planner';
import { emitWasm } from '../../../src/compiler/wasm';
import { loadPolicyWasmSync } from '../../../src/opa/load';
import { IRInterpreter } from '../support/ir-interpreter';
import { randomModules } from '../support/random-rego';

const INPUT = { xs: [1, 2, 'a'], o: { k: 1 } };
const ENTRYPOINTS = ['t/p', 't/q', 't'];

/** Result set or the error code, the same way for both evaluators. */
function outcome(run: () => unknown): string {
  try {
    return JSON.stringify(run());
  } catch (e) {
    const text = String((e as Error)?.message ?? e);
    if (/interpreter:/.test(text)) return 'skip';
    return `error ${/\b(eval_\w+)/.exec(text)?.[1] ?? text}`;
  }
}

describe('planner: IR interpreter and WASM back end agree on random policies', () => {
  it('gives the same results for every planned module (seeded)', () => {
    let compared = 0;
    for (const src of randomModules(20261123, 400)) {
      let policy;
      try {
        policy = planPolicy([parseModule(src, 't.rego')], ENTRYPOINTS);
      } catch (e) {
        // Rejected programs must be rejected with a positioned compile error, never a crash.
        expect(e).toBeInstanceOf(CompileError);
        continue;
      }
      const wasm = loadPolicyWasmSync(emitWasm(policy));
      for (const entry of ENTRYPOINTS) {
        const expected = outcome(() => new IRInterpreter(policy).evaluate(entry, INPUT));
        if (expected === 'skip') continue;
        expect({ src, entry, got: outcome(() => wasm.evaluate(INPUT, entry)) }).toEqual({ src, entry, got: expected });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

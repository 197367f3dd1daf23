/**
 * A runaway evaluation that allocates nothing — nested iteration over a large input — ends with
 * an eval_resource_error once it has taken the module's step budget, instead of hanging the host.
 */
import { compile } from '../../../src/compiler';
import { loadPolicyWasmSync } from '../../../src/opa/load';

const CUBIC = `package t

p := count([x | some x in input.a; some y in input.a; some z in input.a; x == y; y == z])
`;

function policy(maxEvalSteps?: number) {
  return loadPolicyWasmSync(compile({ sources: [{ path: 't.rego', text: CUBIC }], entrypoints: ['t/p'], maxEvalSteps }).wasm);
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('evaluation step limit', () => {
  it('stops a cubic join over a large input with a clear error', () => {
    // 300^3 = 27M inner steps, far beyond a 2M budget.
    expect(() => policy(2e6).evaluate({ a: upTo(300) }, 't/p')).toThrow(/eval_resource_error: evaluation exceeded its step limit/);
  });

  it('lets an evaluation within the budget finish, and counts each evaluation afresh', () => {
    const p = policy(2e6);
    // 100 + 100^2 + 100^3 ≈ 1.01M steps: under the budget, every time.
    for (let i = 0; i < 3; i++) expect(p.evaluate({ a: upTo(100) }, 't/p')).toEqual([{ result: 100 }]);
  });

  it('allows millions of steps by default (the policy pack takes under 1M on a 10k-resource plan)', () => {
    expect(policy().evaluate({ a: upTo(150) }, 't/p')).toEqual([{ result: 150 }]);
  });

  it('refuses a budget that is not a positive number', () => {
    expect(() => policy(0)).toThrow(/maxEvalSteps must be a positive number/);
  });
});

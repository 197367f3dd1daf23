/**
 * The project's own conformance cases (test/compiler/conformance/cases/*.yaml, written from the Rego
 * reference with OPA's expected answers) through the whole pipeline: compile → official SDK → evaluate.
 * Every case covers a supported construct or builtin, so each one must pass — none may be skipped.
 */
import { join } from 'node:path';
import { loadCases, runCase } from '../../../src/compiler/conformance';

const cases = loadCases(join(__dirname, 'cases'));

describe('conformance cases', () => {
  it('has cases for every category', () => {
    expect(new Set(cases.map((c) => c.category))).toEqual(new Set(['builtins', 'documents', 'iteration', 'rules', 'values']));
  });

  it.each(cases.map((c) => [c.note, c] as const))('%s', async (_note, c) => {
    const outcome = await runCase(c);
    expect({ status: outcome.status, reason: outcome.reason }).toEqual({ status: 'pass', reason: undefined });
  });
});

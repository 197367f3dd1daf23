import { emitWasm } from '../../../src/compiler/wasm';
import { loadPolicyWasmSync } from '../../../src/opa/load';
import { local, singleRule, Strings } from './helpers';

/**
 * The SDK writes each input's text at its data heap pointer, over what the previous evaluation
 * allocated, and then moves the heap pointer past it, which can be above where that evaluation
 * ended. State the runtime keeps between parses (the JSON parser's scratch block, the per-site key
 * caches) must not survive that, or the new text is overwritten while it is parsed.
 */
describe('one instance evaluating inputs of growing size', () => {
  it('returns each input intact, also when the next text covers the last evaluation\'s heap', () => {
    const identity = loadPolicyWasmSync(emitWasm(singleRule(new Strings(), 'r', [{ type: 'AssignVarOnce', source: local(0), target: 2 }])));
    for (let n = 1; n <= 4096; n *= 4) {
      const input = [{ [`key-${'k'.repeat(n)}`]: ['v'.repeat(n), { nested: 'x'.repeat(n) }] }, 'tail'];
      expect(identity.evaluate(input, 't/r')).toEqual([{ result: input }]);
    }
  });
});

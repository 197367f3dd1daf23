/**
 * lib.tf.steps reads plain addresses piece by piece and leaves the rest to its pattern: both ways
 * must give the same steps for any address or reference target, plain or not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { compile } from '../../src/compiler';
import { loadPolicyWasmSync } from '../../src/opa/load';

const PROBE = `package probe

import rego.v1

import data.lib.tf

steps := tf.steps(input.addr)

by_pattern := [[m[1], m[2]] | some m in regex.find_all_string_submatch_n(tf.step_pattern, input.addr, -1)]
`;

const policy = loadPolicyWasmSync(compile({
  sources: [
    { path: 'policies/lib/tf.rego', text: readFileSync(join(__dirname, '../../policies/lib/tf.rego'), 'utf8') },
    { path: 'probe.rego', text: PROBE },
  ],
  entrypoints: ['probe/steps', 'probe/by_pattern'],
  opaExactBuiltins: true,
}).wasm);

const steps = (addr: string, entrypoint: string): unknown =>
  (policy.evaluate({ addr }, entrypoint) as { result: unknown }[])[0]?.result;

const names = fc.constantFrom('module', 'app', 'data', 'azurerm_x', 'y', 'a-b', '_z', 'A9', '1a', '-a', 'é', '');
const keys = fc.constantFrom('', '[0]', '[12]', '["svc1"]', '["a.b"]', '["a]b"]', '["a[b"]', '["q\\"x"]', '["\\\\"]', '[*]', '[]', '[x]', '["é"]', '[0][1]', '[', ']', '"');
const piece = fc.tuple(names, keys).map(([n, k]) => n + k);
const address = fc.array(piece, { minLength: 0, maxLength: 6 }).map((ps) => ps.join('.'));

describe('lib.tf.steps', () => {
  it.each([
    'module.app["svc1"].azurerm_cosmosdb_account.db',
    'module.app["svc1"].azurerm_cosmosdb_account.db.primary_key',
    'azurerm_x.y[0].id',
    'azurerm_x.y[*].id',
    'data.azurerm_client_config.current.tenant_id',
    'module.m["a.b"].azurerm_x.y',
    'var.x',
  ])('%s: the same steps as the pattern', (addr) => {
    expect(steps(addr, 'probe/steps')).toEqual(steps(addr, 'probe/by_pattern'));
  });

  it('gives the same steps as the pattern for any address-like text', () => {
    fc.assert(fc.property(fc.oneof(address, fc.string()), (addr) => {
      expect(steps(addr, 'probe/steps')).toEqual(steps(addr, 'probe/by_pattern'));
    }), { numRuns: 1000 });
  });
});

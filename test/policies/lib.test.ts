/**
 * Behaviour of the shared helpers (policies/lib) seen through the rules that use them: keys that
 * leave a module through its outputs or sit inside function calls, and how the environment (and so
 * the parameters and the production-only rules) is chosen.
 */
import { resolve } from 'node:path';
import type { NormalizedResource, PolicyInput } from '../../src/input/types';
import { loadPack, pairs, type Pack } from './harness';

let pack: Pack;

beforeAll(() => {
  pack = loadPack();
});

test('no-exposed-keys follows module outputs and function calls (HCL with a local module)', async () => {
  const findings = await pack.check(resolve(__dirname, 'fixtures/module-output'));
  expect(pairs(findings.filter((f) => f.rule === 'no-exposed-keys'))).toEqual([
    'no-exposed-keys azurerm_container_app.api',
    'no-exposed-keys output.cosmos_key',
  ]);
});

function vault(tags: Record<string, string>): NormalizedResource {
  return {
    address: 'azurerm_cosmosdb_account.graph',
    mode: 'managed',
    type: 'azurerm_cosmosdb_account',
    name: 'graph',
    module: '',
    values: { kind: 'GlobalDocumentDB', capabilities: [{ name: 'EnableGremlin' }], tags },
    unknown: [],
    references: [],
  };
}

function input(stack: string | undefined, resources: NormalizedResource[]): PolicyInput {
  return { format: 'cdktf', source: 'test', stack, resources, outputs: [] };
}

const locked = (i: PolicyInput) =>
  pack.evaluate(i).filter((f) => f.rule === 'stateful-deletion-protection').map((f) => f.address);

test.each([
  ['stack prod', true, input('prod', [vault({})])],
  ['stack platform-prod', true, input('platform-prod', [vault({})])],
  ['stack dev (wins over a prod tag)', false, input('dev', [vault({ environment: 'prod' })])],
  ['no stack, environment tag prod', true, input(undefined, [vault({ environment: 'prod' })])],
  ['no stack, Environment tag Production', true, input(undefined, [vault({ Environment: 'Production' })])],
  ['no stack, no tag', false, input(undefined, [vault({})])],
] as const)('%s: production-only rules apply = %s', (_name, prod, i) => {
  expect(locked(i)).toEqual(prod ? ['azurerm_cosmosdb_account.graph'] : []);
});

function app(maxReplicas?: number): NormalizedResource {
  return {
    address: 'azurerm_container_app.api',
    mode: 'managed',
    type: 'azurerm_container_app',
    name: 'api',
    module: '',
    values: { template: [{ min_replicas: 0, ...(maxReplicas === undefined ? {} : { max_replicas: maxReplicas }), container: [] }] },
    unknown: [],
    references: [],
  };
}

test.each([
  // dev cap 3, prod cap 10 (also for stack names ending in -dev / -prod), no environment: the
  // global default 10; unset means the provider's 10.
  ['dev', 4, true],
  ['platform-dev', 4, true],
  ['platform-prod', 4, false],
  ['dev', 3, false],
  ['prod', 10, false],
  ['prod', undefined, false],
  ['dev', undefined, true],
  [undefined, 10, false],
  [undefined, 11, true],
])('scale-to-zero max_replicas cap in %s with max_replicas %s: finding %s', (stack, max, finding) => {
  const f = pack.evaluate(input(stack, [app(max)])).filter((x) => x.rule === 'scale-to-zero');
  expect(f.length > 0).toBe(finding);
});

test('budget-covers-estimate and budget-headroom stay silent without input.cost', () => {
  const budget: NormalizedResource = {
    address: 'azurerm_consumption_budget_resource_group.b',
    mode: 'managed',
    type: 'azurerm_consumption_budget_resource_group',
    name: 'b',
    module: '',
    values: { amount: 1, notification: [] },
    unknown: [],
    references: [],
  };
  const rules = new Set(pack.evaluate(input('dev', [budget])).map((f) => f.rule));
  expect(rules.has('budget-covers-estimate')).toBe(false);
  expect(rules.has('budget-headroom')).toBe(false);
  const withCost = pack.evaluate({
    ...input('dev', [budget]),
    cost: { currency: 'USD', idleMonthly: 5, totalMonthly: 5, budgets: [{ address: budget.address, monthlyAmount: 1 }] },
  });
  expect(pairs(withCost.filter((f) => f.rule.startsWith('budget-covers')))).toEqual([
    'budget-covers-estimate azurerm_consumption_budget_resource_group.b',
  ]);
});

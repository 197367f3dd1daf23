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

const budgetResource: NormalizedResource = {
  address: 'azurerm_consumption_budget_resource_group.b',
  mode: 'managed',
  type: 'azurerm_consumption_budget_resource_group',
  name: 'b',
  module: '',
  values: { amount: 100, notification: [] },
  unknown: [],
  references: [],
};

function budgetFindings(idleMonthly: number, unpriced = 0) {
  return pack
    .evaluate({
      ...input('dev', [budgetResource]),
      cost: { currency: 'USD', idleMonthly, totalMonthly: idleMonthly, budgets: [{ address: budgetResource.address, monthlyAmount: 100 }], unpriced },
    })
    .filter((f) => f.rule === 'budget-covers-estimate');
}

test('budget-covers-estimate stays silent without input.cost', () => {
  expect(pack.evaluate(input('dev', [budgetResource])).filter((f) => f.rule === 'budget-covers-estimate')).toEqual([]);
});

test.each([
  [50, []],
  [80, []], // exactly 80%: no finding
  [80.01, ['warn']],
  [100, ['warn']], // exactly the budget: still covered
  [100.01, ['deny']],
  [1200, ['deny']],
])('budget-covers-estimate with an idle baseline of %s against a budget of 100: %j', (idle, severities) => {
  const found = budgetFindings(idle as number);
  expect(found.map((f) => f.severity)).toEqual(severities);
  for (const f of found) expect(f.address).toBe(budgetResource.address);
});

test('budget-covers-estimate prints cents and says when resources were left unpriced', () => {
  const [deny] = budgetFindings(100.01, 2);
  expect(deny.message).toMatch(/^idle baseline 100\.01 USD\/month exceeds the budget of 100\.00 USD\/month \(2 resource\(s\) not priced, so the baseline may be higher\)/);
  const [warn] = budgetFindings(90);
  expect(warn.message).toMatch(/^idle baseline 90\.00 USD\/month uses more than 80% of the 100\.00 USD\/month budget: /);
});

// tf.matches (policies/lib/tf.rego): a reference target names a resource when module calls, type
// and name agree and the instance keys agree wherever both carry one.
const MATCHES: [string, string, boolean][] = [
  ['azurerm_key_vault.kv[0].id', 'azurerm_key_vault.kv[0]', true],
  ['azurerm_key_vault.kv[0].id', 'azurerm_key_vault.kv[1]', false],
  ['azurerm_key_vault.kv["a"].id', 'azurerm_key_vault.kv["b"]', false],
  ['azurerm_key_vault.kv["0"].id', 'azurerm_key_vault.kv[0]', false],
  // no key on the target (a plan's kv[count.index]), a splat: every instance
  ['azurerm_key_vault.kv', 'azurerm_key_vault.kv[1]', true],
  ['azurerm_key_vault.kv[*].id', 'azurerm_key_vault.kv[1]', true],
  // no key on the resource (instances unknown until apply): any target key
  ['azurerm_key_vault.kv[0].id', 'azurerm_key_vault.kv', true],
  ['azurerm_key_vault.other[0].id', 'azurerm_key_vault.kv[0]', false],
  ['azurerm_key_vault.kv.id', 'module.m.azurerm_key_vault.kv', false],
  // module keys, with dots and brackets inside the quotes
  ['module.m["a.b"].azurerm_key_vault.kv.id', 'module.m["a.b"].azurerm_key_vault.kv', true],
  ['module.m["a.b"].azurerm_key_vault.kv.id', 'module.m["a"].azurerm_key_vault.kv', false],
  ['module.m["x].[y"].azurerm_key_vault.kv.id', 'module.m["x].[y"].azurerm_key_vault.kv', true],
  ['module.m["x].[y"].azurerm_key_vault.kv.id', 'module.m["x"].azurerm_key_vault.kv', false],
  ['module.m.azurerm_key_vault.kv.id', 'module.m["b"].azurerm_key_vault.kv', true],
  ['module.n["a"].azurerm_key_vault.kv.id', 'module.m["a"].azurerm_key_vault.kv', false],
  ['module.module["a"].azurerm_key_vault.kv.id', 'module.module["b"].azurerm_key_vault.kv', false],
  // nested modules: every key counts
  ['module.a[0].module.b["x"].azurerm_key_vault.kv[1].id', 'module.a[0].module.b["x"].azurerm_key_vault.kv[1]', true],
  ['module.a[0].module.b["x"].azurerm_key_vault.kv[1].id', 'module.a[1].module.b["x"].azurerm_key_vault.kv[1]', false],
  ['module.a[0].module.b["x"].azurerm_key_vault.kv[1].id', 'module.a[0].module.b["y"].azurerm_key_vault.kv[1]', false],
  ['module.a[0].module.b["x"].azurerm_key_vault.kv[1].id', 'module.a[0].module.b["x"].azurerm_key_vault.kv[0]', false],
  ['module.a.module.b.azurerm_key_vault.kv.id', 'module.a[3].module.b["z"].azurerm_key_vault.kv[2]', true],
  ['module.a[3].module.b.azurerm_key_vault.kv.id', 'module.a[2].module.b["z"].azurerm_key_vault.kv[2]', false],
];

test.each(MATCHES)('%s names %s: %s (a diagnostic setting and a lock on it cover it)', (target, address, covered) => {
  const module = address.slice(0, Math.max(0, address.lastIndexOf('.azurerm_key_vault.')));
  const kv: NormalizedResource = {
    address, mode: 'managed', type: 'azurerm_key_vault', name: 'kv', module,
    values: { purge_protection_enabled: false, tags: { environment: 'prod' } }, unknown: [], references: [],
  };
  const other = (type: string, name: string, attribute: string, values: Record<string, unknown>): NormalizedResource => ({
    address: `${type}.${name}`, mode: 'managed', type, name, module: '', values, unknown: [],
    references: [{ attribute, targets: [target] }],
  });
  const findings = pack.evaluate(input(undefined, [
    kv,
    other('azurerm_monitor_diagnostic_setting', 'd', 'target_resource_id', { log_analytics_workspace_id: '/subscriptions/0/law' }),
    other('azurerm_management_lock', 'l', 'scope', { lock_level: 'CanNotDelete' }),
  ]));
  const reported = pairs(findings.filter((f) => f.rule === 'diagnostics-enabled' || f.rule === 'stateful-deletion-protection'));
  expect(reported).toEqual(covered ? [] : [`diagnostics-enabled ${address}`, `stateful-deletion-protection ${address}`]);
});

/**
 * Pricing count / for_each instances of CDKTF and HCL configurations: every instance is priced, as
 * in a plan; a count/for_each unknown until apply makes the resource unpriced (never priced as one
 * instance). Through the real CLI entry, other subcommands stubbed as in cli.test.ts.
 */
import { join } from 'node:path';

jest.mock('../../src/cli/commands/build', () => ({ register: () => undefined }));
jest.mock('../../src/cli/commands/check', () => ({ register: () => undefined }));
jest.mock('../../src/cli/commands/conformance', () => ({ register: () => undefined }));

import { runCli as run } from './cli-run';
import { estimate } from '../../src/cost/estimate';
import { input, resource } from './helpers';

const fixtures = join(__dirname, '../fixtures/cost');
const instances = join(__dirname, '../fixtures/inputs/instances');


type Json = { address: string; monthly: number | null; priced: boolean };

test('count = 3 search services in an HCL folder cost three times one: 3 × $0.101 × 730 h = 3 × $73.73 = $221.19', async () => {
  const { code, stdout } = await run('cost', join(fixtures, 'hcl-count'), '--format', 'json');
  expect(code).toBe(0);
  const json = JSON.parse(stdout);
  // one Basic search unit: 730 h × $0.101 = $73.73; count = var.search_services (default 3)
  expect(json.resources.map((r: Json) => [r.address, r.monthly])).toEqual([
    ['azurerm_search_service.search[0]', 73.73],
    ['azurerm_search_service.search[1]', 73.73],
    ['azurerm_search_service.search[2]', 73.73],
  ]);
  expect(json.idleMonthly).toBe(221.19);
  expect(json.totalMonthly).toBe(221.19);
  expect(json.unpriced).toEqual([]);
});

test('a count unknown until apply: unpriced with the reason, left out of the totals, never priced as one instance', async () => {
  const { code, stdout } = await run('cost', join(fixtures, 'hcl-count-unknown'));
  expect(code).toBe(0);
  expect(stdout).toContain('1 resource(s) not priced (not included in the totals):');
  expect(stdout).toContain('azurerm_search_service.per_tenant: instance count unknown until apply (count/for_each)');
  const json = JSON.parse((await run('cost', join(fixtures, 'hcl-count-unknown'), '--format', 'json')).stdout);
  expect(json.unpriced).toEqual([
    { address: 'azurerm_search_service.per_tenant', type: 'azurerm_search_service', reason: 'instance count unknown until apply (count/for_each)' },
  ]);
  expect(json.resources.find((r: Json) => r.address === 'azurerm_search_service.per_tenant')).toMatchObject({ monthly: null, priced: false });
  // only the Basic registry: $0.1667 × 730 / 24 days = $5.07
  expect(json.idleMonthly).toBe(5.07);
});

test('the same configuration as HCL, CDKTF JSON and its plan: the same instances at the same prices', async () => {
  const estimates = [];
  for (const path of ['hcl', 'cdktf', 'plan.json']) {
    const { code, stdout } = await run('cost', join(instances, path), '--format', 'json');
    expect(code).toBe(0);
    estimates.push(JSON.parse(stdout));
  }
  const [hcl, cdktf, plan] = estimates.map((e) => e.resources.map((r: Json) => [r.address, r.monthly, r.priced]));
  expect(cdktf).toEqual(hcl);
  expect(plan).toEqual(hcl);
  expect(new Set(estimates.map((e) => e.idleMonthly)).size).toBe(1);
  // count = var.search_replicas (2 from terraform.tfvars / the CDKTF default): two services
  expect(hcl.filter(([a]: [string]) => a.startsWith('azurerm_search_service'))).toEqual([
    ['azurerm_search_service.search[0]', 73.73, true],
    ['azurerm_search_service.search[1]', 73.73, true],
  ]);
});

test('estimate(): a resource marked instancesUnknown is unpriced, unless its type is free at any count', () => {
  const search = { ...resource('azurerm_search_service.s', { sku: 'basic' }), instancesUnknown: true as const };
  const identity = { ...resource('azurerm_user_assigned_identity.id', {}), instancesUnknown: true as const };
  const e = estimate(input(search, identity, resource('azurerm_search_service.one', { sku: 'basic' })));
  expect(e.unpriced.map((u) => `${u.address}: ${u.reason}`)).toEqual([
    'azurerm_search_service.s: instance count unknown until apply (count/for_each)',
  ]);
  expect(e.resources.find((r) => r.address === 'azurerm_user_assigned_identity.id')).toMatchObject({ priced: true, monthly: 0, note: 'free: managed identities are free' });
  expect(e.idleMonthly).toBeCloseTo(73.73, 2);
});

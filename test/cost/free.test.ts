/**
 * Types that cost nothing are priced at $0 with a reason, not listed as unpriced (issue 12 item
 * 10): the unpriced count is what budget-covers-estimate quotes, so free companions of a module
 * (telemetry, random suffixes, waits, locally generated keys, ARM actions, NSG rules, ASGs, routes)
 * must not inflate it. A billed type the estimator does not know stays unpriced.
 */
import { join } from 'node:path';
import { estimate } from '../../src/cost/estimate';
import { freeReason } from '../../src/cost/pricers/free';
import { loadInputs } from '../../src/input/load';

test('an AVM-style folder: only the public IP is unpriced; the free types are $0 with a reason', async () => {
  const [input] = await loadInputs(join(__dirname, '..', 'fixtures', 'cost', 'avm-companions'));
  const e = estimate(input);
  expect(e.unpriced.map((u) => u.address)).toEqual(['azurerm_public_ip.egress']);
  const free = e.resources.filter((r) => r.address !== 'azurerm_public_ip.egress');
  expect(free.map((r) => r.type).sort()).toEqual([
    'azapi_resource_action', 'azurerm_application_security_group', 'azurerm_network_security_group',
    'azurerm_network_security_rule', 'azurerm_route', 'azurerm_route_table', 'modtm_telemetry',
    'random_integer', 'random_string', 'time_sleep', 'tls_private_key',
  ]);
  for (const r of free) expect(r).toMatchObject({ priced: true, monthly: 0, note: expect.stringMatching(/^free: .{10,}/) });
  expect(e.idleMonthly).toBe(0);
});

test.each([
  ['random_shuffle', 'not a cloud resource'],
  ['time_offset', 'not a cloud resource'],
  ['tls_self_signed_cert', 'not a cloud resource (generated locally)'],
  ['local_file', 'not a cloud resource (a local file)'],
  ['null_resource', 'not a cloud resource'],
  ['terraform_data', 'not a cloud resource'],
  ['azurerm_network_security_rule', 'NSG rules are free'],
])('%s is free: %s', (type, reason) => {
  expect(freeReason(type)).toBe(reason);
});

test.each(['azurerm_public_ip', 'azapi_resource', 'azapi_update_resource', 'timestream_table', 'azurerm_monitor_metric_alert'])('%s is not known to be free', (type) => {
  expect(freeReason(type)).toBeUndefined();
});

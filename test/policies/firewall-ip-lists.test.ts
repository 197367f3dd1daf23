/**
 * public-network-restricted on IP lists that look like a firewall but admit everyone (issue 12
 * item 8): Cosmos DB's 0.0.0.0 ("accept connections from within public Azure datacenters", any
 * tenant) and a /0 range; through the compiled WASM.
 */
import type { NormalizedResource, PolicyInput } from '../../src/input/types';
import { loadPack, type Pack } from './harness';

let pack: Pack;

beforeAll(() => {
  pack = loadPack();
});

function account(type: string, values: Record<string, unknown>): PolicyInput {
  const r: NormalizedResource = {
    address: `${type}.x`, mode: 'managed', type, name: 'x', module: '',
    values: { public_network_access_enabled: true, ...values }, unknown: [], references: [],
  };
  return { format: 'plan', source: 'test', resources: [r], outputs: [] };
}

const findings = (i: PolicyInput) => pack.evaluate(i).filter((f) => f.rule === 'public-network-restricted');

test.each([
  ['Cosmos office IP', 'azurerm_cosmosdb_account', { ip_range_filter: ['203.0.113.10/32'] }, false],
  ['Cosmos office IP and 0.0.0.0 (all Azure datacenters)', 'azurerm_cosmosdb_account', { ip_range_filter: ['203.0.113.10/32', '0.0.0.0'] }, true],
  ['Cosmos 0.0.0.0/0', 'azurerm_cosmosdb_account', { ip_range_filter: ['0.0.0.0/0'] }, true],
  ['Cosmos list known only at apply', 'azurerm_cosmosdb_account', { ip_range_filter: '${var.allowed}' }, false],
  ['Search office IP', 'azurerm_search_service', { allowed_ips: ['203.0.113.10'] }, false],
  ['Search 0.0.0.0/0', 'azurerm_search_service', { allowed_ips: ['203.0.113.10', '0.0.0.0/0'] }, true],
  // Search documents no datacenter meaning for 0.0.0.0 (its exception is network_rule_bypass_option):
  // the address itself admits no client.
  ['Search 0.0.0.0', 'azurerm_search_service', { allowed_ips: ['0.0.0.0'] }, false],
] as const)('%s (%s): reported %s', (_name, type, values, reported) => {
  expect(findings(account(type, values)).length).toBe(reported ? 1 : 0);
});

test('the message names the entry that opens the list', () => {
  const [f] = findings(account('azurerm_cosmosdb_account', { ip_range_filter: ['203.0.113.10/32', '0.0.0.0'] }));
  expect(f.message).toContain('ip_range_filter contains 0.0.0.0, which admits every Azure datacenter IP, of any tenant');
});

/**
 * no-exposed-keys and azapi: a key written through azapi's write-only `sensitive_body` (how the stacks
 * put the Gremlin key into Key Vault through Azure Resource Manager) is a secret sink; the same key in
 * the stored `body` is still a finding. Through the compiled WASM pack, on CDKTF JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPack, pairs, type Pack } from './harness';

let pack: Pack;
let dir: string;

beforeAll(() => {
  pack = loadPack();
  dir = mkdtempSync(join(tmpdir(), 'azapi-sink-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stack(secretAttributes: Record<string, unknown>): string {
  const doc = {
    terraform: { required_providers: { azapi: { source: 'Azure/azapi', version: '2.5.0' } } },
    resource: {
      azurerm_cosmosdb_account: {
        graph: { name: 'g', location: 'x', resource_group_name: 'rg', offer_type: 'Standard', kind: 'GlobalDocumentDB', consistency_policy: { consistency_level: 'Session' }, geo_location: [{ location: 'x', failover_priority: 0 }] },
      },
      azapi_resource: {
        key: { type: 'Microsoft.KeyVault/vaults/secrets@2023-07-01', name: 'k', parent_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v', ...secretAttributes },
      },
    },
  };
  const file = join(dir, `${Object.keys(secretAttributes).join('-')}.tf.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const keyFindings = async (file: string) =>
  pairs((await pack.check(file)).filter((f) => f.rule === 'no-exposed-keys' && f.address.startsWith('azapi_resource.')));

test('a key in sensitive_body (write-only) is not a finding', async () => {
  const file = stack({
    sensitive_body: { properties: { value: '${azurerm_cosmosdb_account.graph.primary_key}' } },
    sensitive_body_version: { 'properties.value': '${azurerm_cosmosdb_account.graph.id}' },
  });
  expect(await keyFindings(file)).toEqual([]);
});

test('the same key in body (kept in state and shown in plans) is a finding', async () => {
  const file = stack({ body: { properties: { value: '${azurerm_cosmosdb_account.graph.primary_key}' } } });
  expect(await keyFindings(file)).toEqual(['no-exposed-keys azapi_resource.key']);
});

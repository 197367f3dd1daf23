/**
 * azapi resources through the compiled pack. no-exposed-keys (issue 12, item 5): azapi's write-only
 * `sensitive_body` and the ARM properties that are credential inputs are where a key must go, so they
 * are not reported; a key in any other ARM property still is. An AVM-style module end to end. Every
 * rule's azapi good/bad example is in examples.test.ts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimate } from '../../src/cost/estimate';
import { loadInputs } from '../../src/input/load';
import { loadPack, pairs, type Pack } from './harness';

let pack: Pack;
const dir = mkdtempSync(join(tmpdir(), 'apg-azapi-rules-'));
let n = 0;

beforeAll(() => {
  pack = loadPack();
});

async function exposed(tf: string): Promise<string[]> {
  const d = join(dir, `case${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, 'main.tf'), tf);
  return pairs((await pack.check(d)).filter((f) => f.rule === 'no-exposed-keys'));
}

const environment = (properties: string) => `
resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2024-03-01"
  name      = "cae-platform"
  parent_id = azurerm_resource_group.main.id
  body      = { properties = ${properties} }
}`;

test('the Log Analytics shared key and the Dapr connection string given to an environment are not exposures', async () => {
  expect(await exposed(environment(`{
    appLogsConfiguration = {
      destination = "log-analytics"
      logAnalyticsConfiguration = {
        customerId = azurerm_log_analytics_workspace.main.workspace_id
        sharedKey  = azurerm_log_analytics_workspace.main.primary_shared_key
      }
    }
    daprAIConnectionString = azurerm_application_insights.main.connection_string
  }`))).toEqual([]);
});

test('an Azure Files account key given to environment storage (an ARM type the mapping does not read) is not an exposure', async () => {
  expect(await exposed(`
resource "azapi_resource" "files" {
  type      = "Microsoft.App/managedEnvironments/storages@2024-03-01"
  name      = "files"
  parent_id = azapi_resource.env.id
  body = {
    properties = {
      azureFile = { accountName = "st", accountKey = azurerm_storage_account.files.primary_access_key, shareName = "data", accessMode = "ReadOnly" }
    }
  }
}`)).toEqual([]);
});

test('a key in sensitive_body is not an exposure, in any property', async () => {
  expect(await exposed(`
resource "azapi_resource" "dapr" {
  type      = "Microsoft.App/managedEnvironments/daprComponents@2024-03-01"
  name      = "statestore"
  parent_id = azapi_resource.env.id
  body      = { properties = { componentType = "state.azure.cosmosdb", version = "v1" } }
  sensitive_body = {
    properties = { metadata = [{ name = "masterKey", value = azurerm_cosmosdb_account.c.primary_key }] }
  }
}`)).toEqual([]);
});

test('a key in an ARM property that is not a credential input is still reported, at the azapi address', async () => {
  expect(await exposed(`
resource "azapi_resource" "dapr" {
  type      = "Microsoft.App/managedEnvironments/daprComponents@2024-03-01"
  name      = "statestore"
  parent_id = azapi_resource.env.id
  body = {
    properties = { componentType = "state.azure.cosmosdb", version = "v1", metadata = [{ name = "masterKey", value = azurerm_cosmosdb_account.c.primary_key }] }
  }
}`)).toEqual(['no-exposed-keys azapi_resource.dapr']);
  expect(await exposed(environment(`{ daprAIInstrumentationKey = "x", infrastructureResourceGroup = azurerm_cosmosdb_account.c.primary_key }`)))
    .toEqual(['no-exposed-keys azapi_resource.env']);
});

test('a finding on an azapi resource says which ARM type it was read from', async () => {
  const d = join(dir, `case${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, 'main.tf'), `
resource "azapi_resource" "app" {
  type      = "Microsoft.App/containerApps@2024-03-01"
  name      = "ca-api"
  parent_id = azurerm_resource_group.main.id
  body      = { properties = { configuration = { ingress = { external = true, targetPort = 8000, allowInsecure = true } } } }
}`);
  const [finding] = (await pack.check(d)).filter((f) => f.rule === 'https-only');
  expect(finding.address).toBe('azapi_resource.app');
  expect(finding.message).toMatch(/allow_insecure_connections is true.*\(azapi_resource of Microsoft\.App\/containerApps, read as azurerm_container_app/);
});

test('aca-env-infra-rg (azurerm ForceNew behaviour) does not apply to an azapi environment', async () => {
  const d = join(dir, `case${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, 'main.tf'), `
resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2024-03-01"
  name      = "cae-platform"
  parent_id = azurerm_resource_group.main.id
  body = {
    properties = {
      vnetConfiguration = { infrastructureSubnetId = azurerm_subnet.aca.id }
      workloadProfiles  = [{ name = "Consumption", workloadProfileType = "Consumption" }]
    }
  }
}`);
  expect((await pack.check(d)).filter((f) => f.rule === 'aca-env-infra-rg')).toEqual([]);
});

// An AVM-style module (test/fixtures/azapi/avm-container-app): the body built from typed variables
// with optional() defaults and for expressions, secrets in sensitive_body through nonsensitive(),
// an environment given the workspace shared key, a budget as jsonencode(...). Today's main passed
// all of it but the budget rule.
test('an AVM-style azapi container app module is checked and priced like its azurerm equivalent', async () => {
  const path = join(__dirname, '../fixtures/azapi/avm-container-app');
  const findings = await pack.check(path);
  expect(pairs(findings.filter((f) => f.severity === 'deny'))).toEqual([
    'budget-required azapi_resource.budget',
    'health-probes module.api.azapi_resource.this',
    'https-only module.api.azapi_resource.this',
    'image-pinned module.api.azapi_resource.this',
    'scale-to-zero module.api.azapi_resource.this',
    'secrets-from-key-vault module.api.azapi_resource.this',
  ]);
  const [input] = await loadInputs(path);
  const cost = estimate(input);
  expect(cost.unpriced).toEqual([]);
  expect(cost.resources.find((r) => r.address === 'module.api.azapi_resource.this')?.monthly).toBeGreaterThan(5);
});

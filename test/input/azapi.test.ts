/**
 * azapi resources read as azurerm resources (src/input/azapi.ts): the same ARM body written as an
 * HCL object, as `jsonencode(...)`, in CDKTF JSON and in a plan gives the same view, at the azapi
 * address, with references, unknown and sensitive paths under the azurerm attribute names.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimate } from '../../src/cost/estimate';
import { azapiNotes } from '../../src/input/azapi';
import { loadInputs } from '../../src/input/load';
import type { PolicyInput } from '../../src/input/types';
import { resource, targetsOf } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'apg-azapi-'));
let n = 0;

async function hcl(text: string): Promise<PolicyInput> {
  const d = join(dir, `hcl${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, 'main.tf'), text);
  return (await loadInputs(d))[0];
}

async function json(doc: unknown): Promise<PolicyInput> {
  const file = join(dir, `doc${n++}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return (await loadInputs(file))[0];
}

const APP_BODY = `{
    properties = {
      environmentId = azapi_resource.env.id
      configuration = {
        ingress = { external = true, targetPort = 8000, allowInsecure = true }
        secrets = [
          { name = "kv", keyVaultUrl = azurerm_key_vault_secret.k.versionless_id, identity = azurerm_user_assigned_identity.app.id },
          { name = "key", value = azurerm_cosmosdb_account.c.primary_key },
        ]
        registries = [{ server = "acr.azurecr.io", identity = azurerm_user_assigned_identity.app.id }]
      }
      template = {
        scale = { minReplicas = 1 }
        containers = [{
          name  = "api"
          image = "acr.azurecr.io/api:1.0.0"
          env   = [{ name = "ENDPOINT", value = azurerm_cosmosdb_account.c.endpoint }]
          probes = [{ type = "Liveness", httpGet = { path = "/live", port = 8000 } }]
        }]
      }
    }
  }`;

const app = (body: string) => `
resource "azapi_resource" "app" {
  type      = "Microsoft.App/containerApps@2024-03-01"
  name      = "ca-api"
  parent_id = azurerm_resource_group.main.id
  location  = "swedencentral"
  body      = ${body}
}
`;

describe('azapi_resource of Microsoft.App/containerApps', () => {
  test('an HCL object body reads as azurerm_container_app at the azapi address', async () => {
    const r = resource(await hcl(app(APP_BODY)), 'azapi_resource.app');
    expect(r.type).toBe('azurerm_container_app');
    expect(r.azapi).toEqual({ type: 'azapi_resource', armType: 'Microsoft.App/containerApps', apiVersion: '2024-03-01' });
    expect(r.values.ingress).toEqual([{ external_enabled: true, target_port: 8000, allow_insecure_connections: true }]);
    const template = (r.values.template as Record<string, unknown>[])[0];
    expect(template.min_replicas).toBe(1);
    const container = (template.container as Record<string, unknown>[])[0];
    expect(container.image).toBe('acr.azurecr.io/api:1.0.0');
    expect(container.liveness_probe).toEqual([{ transport: 'HTTP', port: 8000, path: '/live' }]);
    expect(container.readiness_probe).toBeUndefined();
    expect(targetsOf(r, 'secret.1.value')).toEqual(['azurerm_cosmosdb_account.c.primary_key']);
    expect(targetsOf(r, 'secret.0.key_vault_secret_id')).toEqual(['azurerm_key_vault_secret.k.versionless_id']);
    expect(targetsOf(r, 'registry.0.identity')).toEqual(['azurerm_user_assigned_identity.app.id']);
    expect(targetsOf(r, 'template.0.container.0.env.0.value')).toEqual(['azurerm_cosmosdb_account.c.endpoint']);
    // The resource group, for locks on it.
    expect(targetsOf(r, 'resource_group_name')).toEqual(['azurerm_resource_group.main.id']);
  });

  test('body = jsonencode({...}) gives the same view as the object', async () => {
    const object = resource(await hcl(app(APP_BODY)), 'azapi_resource.app');
    const encoded = resource(await hcl(app(`jsonencode(${APP_BODY})`)), 'azapi_resource.app');
    const sorted = (refs: typeof object.references) => [...refs].sort((a, b) => a.attribute.localeCompare(b.attribute));
    expect(sorted(encoded.references)).toEqual(sorted(object.references));
    expect(encoded.values.ingress).toEqual(object.values.ingress);
    expect(encoded.values.secret).toEqual([{ name: 'kv', key_vault_secret_id: expect.any(String), identity: expect.any(String) }, { name: 'key', value: expect.any(String) }]);
  });

  test('CDKTF JSON: the body object is not taken for nested blocks', async () => {
    const input = await json({
      resource: {
        azapi_resource: {
          app: {
            type: 'Microsoft.App/containerApps@2024-03-01',
            name: 'ca-api',
            parent_id: '${azurerm_resource_group.main.id}',
            identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.app.id}'] },
            body: { properties: { configuration: { ingress: { allowInsecure: true } }, template: { scale: { minReplicas: 2 }, containers: [{ name: 'api', image: 'x:1' }] } } },
          },
        },
      },
    });
    const r = resource(input, 'azapi_resource.app');
    expect(r.values.ingress).toEqual([{ allow_insecure_connections: true }]);
    expect(r.values.template).toEqual([{ min_replicas: 2, container: [{ name: 'api', image: 'x:1' }] }]);
    expect(r.values.identity).toEqual([{ type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.app.id}'] }]);
    expect(targetsOf(r, 'identity.0.identity_ids.0')).toEqual(['azurerm_user_assigned_identity.app.id']);
  });

  test('a plan: unknown leaves and the one reference list Terraform records for body go to the properties that can hold them', async () => {
    const body = {
      properties: {
        configuration: {
          secrets: [{ name: 'key' }, { name: 'kv' }],
          registries: [{ server: 'acr.azurecr.io' }],
        },
        template: { containers: [{ name: 'api', image: 'x:1', env: [{ name: 'ENDPOINT' }] }] },
      },
    };
    const change = {
      actions: ['create'],
      before: null,
      after: { type: 'Microsoft.App/containerApps@2024-03-01', name: 'ca-api', body },
      after_unknown: {
        body: {
          properties: {
            configuration: { secrets: [{ value: true }, { keyVaultUrl: true }], registries: [{ identity: true }] },
            template: { containers: [{ env: [{ value: true }] }] },
          },
        },
      },
      after_sensitive: { body: { properties: { configuration: { secrets: [{ value: true }, {}] } } } },
    };
    const input = await json({
      format_version: '1.2',
      resource_changes: [{ address: 'azapi_resource.app', mode: 'managed', type: 'azapi_resource', name: 'app', change }],
      configuration: {
        root_module: {
          resources: [{
            address: 'azapi_resource.app', mode: 'managed', type: 'azapi_resource', name: 'app',
            expressions: {
              body: {
                references: [
                  'azurerm_cosmosdb_account.c.primary_key', 'azurerm_cosmosdb_account.c',
                  'azurerm_user_assigned_identity.app.id', 'azurerm_user_assigned_identity.app',
                ],
              },
            },
          }],
        },
      },
    });
    const r = resource(input, 'azapi_resource.app');
    expect(r.type).toBe('azurerm_container_app');
    expect(r.unknown).toEqual(expect.arrayContaining(['secret.0.value', 'secret.1.key_vault_secret_id', 'registry.0.identity', 'template.0.container.0.env.0.value']));
    expect(r.sensitive).toEqual(['secret.0.value']);
    // The key can only be where Terraform marks a sensitive value; the identity goes wherever a value is unknown.
    expect(targetsOf(r, 'secret.0.value')).toEqual(expect.arrayContaining(['azurerm_cosmosdb_account.c.primary_key']));
    expect(targetsOf(r, 'template.0.container.0.env.0.value')).not.toContain('azurerm_cosmosdb_account.c.primary_key');
    expect(targetsOf(r, 'registry.0.identity')).toContain('azurerm_user_assigned_identity.app.id');
  });
});

describe('ARM values converted to the azurerm attribute', () => {
  test('publicNetworkAccess, disableLocalAuth, ipRules, sku', async () => {
    const input = await hcl(`
resource "azapi_resource" "search" {
  type      = "Microsoft.Search/searchServices@2024-06-01-preview"
  name      = "srch"
  parent_id = "/subscriptions/0000/resourceGroups/rg-platform"
  body = {
    sku        = { name = "basic" }
    properties = { disableLocalAuth = true, publicNetworkAccess = "disabled", networkRuleSet = { ipRules = [{ value = "203.0.113.10" }] } }
  }
}
resource "azapi_resource" "cosmos" {
  type = "Microsoft.DocumentDB/databaseAccounts@2024-11-15"
  name = "cosmos"
  body = { kind = "GlobalDocumentDB", properties = { publicNetworkAccess = "Enabled", ipRules = [{ ipAddressOrRange = "0.0.0.0" }], backupPolicy = { type = "Continuous" } } }
}
`);
    expect(resource(input, 'azapi_resource.search').values).toMatchObject({
      sku: 'basic', local_authentication_enabled: false, public_network_access_enabled: false, allowed_ips: ['203.0.113.10'], resource_group_name: 'rg-platform',
    });
    expect(resource(input, 'azapi_resource.cosmos').values).toMatchObject({
      kind: 'GlobalDocumentDB', public_network_access_enabled: true, ip_range_filter: ['0.0.0.0'], backup: [{ type: 'Continuous' }],
    });
  });

  test('Key Vault: unset enableRbacAuthorization is RBAC from API version 2026-02-01, access policies before', async () => {
    const vault = (name: string, version: string) => `
resource "azapi_resource" "${name}" {
  type = "Microsoft.KeyVault/vaults@${version}"
  name = "${name}"
  body = { properties = { tenantId = "t", sku = { family = "A", name = "standard" } } }
}`;
    const input = await hcl(vault('old', '2023-07-01') + vault('new', '2026-02-01'));
    expect(resource(input, 'azapi_resource.old').values.rbac_authorization_enabled).toBeUndefined();
    expect(resource(input, 'azapi_resource.new').values.rbac_authorization_enabled).toBe(true);
  });

  test('a budget reads as the budget type of its scope; ARM notifications (a map) as notification blocks', async () => {
    const budget = (name: string, parent: string) => `
resource "azapi_resource" "${name}" {
  type      = "Microsoft.Consumption/budgets@2023-11-01"
  name      = "${name}"
  parent_id = ${parent}
  body = { properties = { amount = 100, timeGrain = "Monthly", notifications = { a = { enabled = true, thresholdType = "Forecasted", threshold = 100, operator = "GreaterThan", contactEmails = ["x@example.com"] } } } }
}`;
    const input = await hcl(budget('sub', '"/subscriptions/0000"') + budget('rg', 'azurerm_resource_group.main.id') + budget('mg', '"/providers/Microsoft.Management/managementGroups/lz"'));
    expect(resource(input, 'azapi_resource.sub').type).toBe('azurerm_consumption_budget_subscription');
    expect(resource(input, 'azapi_resource.rg').type).toBe('azurerm_consumption_budget_resource_group');
    expect(resource(input, 'azapi_resource.mg').type).toBe('azurerm_consumption_budget_management_group');
    expect(resource(input, 'azapi_resource.rg').values).toMatchObject({
      amount: 100, time_grain: 'Monthly', notification: [{ enabled: true, threshold_type: 'Forecasted', contact_emails: ['x@example.com'] }],
    });
    expect(targetsOf(resource(input, 'azapi_resource.rg'), 'resource_group_id')).toEqual(['azurerm_resource_group.main.id']);
  });
});

describe('what the mapping cannot read is said', () => {
  test('a body known only at apply leaves every property it maps unknown, not defaulted', async () => {
    const input = await hcl(`
variable "body" {}
resource "azapi_resource" "kv" {
  type = "Microsoft.KeyVault/vaults@2023-07-01"
  name = "kv"
  body = var.body
}`);
    const r = resource(input, 'azapi_resource.kv');
    expect(r.type).toBe('azurerm_key_vault');
    expect(r.unknown).toEqual(expect.arrayContaining(['rbac_authorization_enabled', 'purge_protection_enabled', 'network_acls']));
  });

  test('an ARM type the mapping does not know stays azapi_resource, and the cost review lists it as unpriced by ARM type', async () => {
    const input = await hcl(`
resource "azapi_resource" "redis" {
  type = "Microsoft.Cache/redisEnterprise@2024-10-01"
  name = "redis"
  body = { sku = { name = "Enterprise_E10" } }
}`);
    const r = resource(input, 'azapi_resource.redis');
    expect(r.type).toBe('azapi_resource');
    expect(r.azapi?.armType).toBe('Microsoft.Cache/redisEnterprise');
    const cost = estimate(input);
    expect(cost.unpriced).toEqual([{ address: 'azapi_resource.redis', type: 'azapi_resource', reason: expect.stringContaining('Microsoft.Cache/redisEnterprise') }]);
  });

  test('an azapi resource of a mapped type is priced as the azurerm resource', async () => {
    const input = await hcl(`
resource "azapi_resource" "search" {
  type = "Microsoft.Search/searchServices@2024-06-01-preview"
  name = "srch"
  body = { sku = { name = "basic" }, properties = { replicaCount = 1, partitionCount = 1 } }
}`);
    const cost = estimate(input);
    expect(cost.unpriced).toEqual([]);
    expect(cost.idleMonthly).toBeGreaterThan(0);
  });
});

describe('azapi_update_resource', () => {
  test('its changes apply to the resource it updates; it is not checked or priced on its own', async () => {
    const input = await hcl(`
resource "azurerm_key_vault" "main" {
  name                       = "kv"
  location                   = "swedencentral"
  resource_group_name        = "rg"
  tenant_id                  = "t"
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled   = true
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.10"]
  }
}
resource "azapi_update_resource" "open" {
  type        = "Microsoft.KeyVault/vaults@2023-07-01"
  resource_id = azurerm_key_vault.main.id
  body        = { properties = { networkAcls = { defaultAction = "Allow" } } }
}`);
    const vault = resource(input, 'azurerm_key_vault.main');
    expect(vault.values.network_acls).toEqual([{ default_action: 'Allow', bypass: 'AzureServices', ip_rules: ['203.0.113.10'] }]);
    expect(vault.values.purge_protection_enabled).toBe(true);
    const update = resource(input, 'azapi_update_resource.open');
    expect(update.type).toBe('azapi_update_resource');
    expect(update.azapi?.updates).toBe('azurerm_key_vault.main');
    expect(estimate(input).unpriced.map((u) => u.address)).not.toContain('azapi_update_resource.open');
  });
});

test('the report notes what was not checked: unread ARM types, a type known only at apply, an update of a resource not in the input', async () => {
  const input = await hcl(`
variable "type" {}
resource "azapi_resource" "redis" {
  type = "Microsoft.Cache/redisEnterprise@2024-10-01"
  name = "redis"
  body = {}
}
resource "azapi_resource" "dynamic" {
  type = var.type
  name = "x"
  body = {}
}
resource "azapi_update_resource" "kv" {
  type        = "Microsoft.KeyVault/vaults@2023-07-01"
  resource_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  body        = { properties = { enablePurgeProtection = true } }
}`);
  const notes = azapiNotes(input);
  expect(notes).toEqual([
    expect.stringContaining('azapi_resource.dynamic: its ARM type is known only at apply; not checked'),
    expect.stringContaining('azapi_update_resource.kv changes a Microsoft.KeyVault/vaults that is not in this input'),
    expect.stringContaining('azapi_resource of ARM types no rule reads, not checked: Microsoft.Cache/redisEnterprise (1)'),
  ]);
});

/**
 * The identity rules (policies/identity/) on the shapes teams write beyond the catalogue examples:
 * one identity per app through for_each (HCL, instance by instance) and the same in a plan, where
 * `identity[each.key]` is recorded without its key and so names no particular identity; roles
 * given through data.azurerm_role_definition, scopes through data sources and interpolated ARM
 * paths; secrets named by literal ARM ids and Key Vault URIs; vaults covered through their
 * resource group. Everything runs through the compiled WASM pack.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/policy/types';
import { loadPack } from './harness';

const RULES = new Set(['identity-per-app', 'data-role-scope', 'no-secret-access-on-public-app']);
const pack = loadPack();

/** Findings of the identity rules as `rule address: message`, sorted. */
async function check(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'apg-identity-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const path = files['plan.json'] !== undefined ? join(dir, 'plan.json') : dir;
  const found: Finding[] = await pack.check(path);
  return found.filter((f) => RULES.has(f.rule)).map((f) => `${f.rule} ${f.address}: ${f.message}`).sort();
}

const VAULT = `
resource "azurerm_key_vault" "main" {
  name                       = "kv-shop"
  location                   = "eastus"
  resource_group_name        = "rg-shop"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled   = true
}
resource "azurerm_key_vault_secret" "db" {
  name         = "db-password"
  key_vault_id = azurerm_key_vault.main.id
  value_wo     = "x"
}
`;

/** Two apps from one for_each; `identity` is the expression each app's identity_ids holds. */
const apps = (identity: string) => `
resource "azurerm_container_app" "app" {
  for_each                     = { api = false, web = true }
  name                         = "ca-\${each.key}"
  resource_group_name          = "rg-shop"
  container_app_environment_id = "/subscriptions/0/cae"
  revision_mode                = "Single"
  identity {
    type         = "UserAssigned"
    identity_ids = [${identity}]
  }
  ingress {
    external_enabled = each.value
    target_port      = 8080
    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }
  template {
    container {
      name   = each.key
      image  = "acr.azurecr.io/\${each.key}:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
`;

describe('one identity per app through for_each (HCL: each instance names its own identity)', () => {
  const perApp = `
resource "azurerm_user_assigned_identity" "app" {
  for_each            = toset(["api", "web"])
  name                = "id-\${each.key}"
  location            = "eastus"
  resource_group_name = "rg-shop"
}
# only the internal api may read the vault
resource "azurerm_role_assignment" "api_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.app["api"].principal_id
}
`;

  it('gives no finding when each app has its own identity and only the internal one reads secrets', async () => {
    expect(await check({ 'main.tf': VAULT + perApp + apps('azurerm_user_assigned_identity.app[each.key].id') })).toEqual([]);
  });

  it('reports the identity shared by both instances, and the secret the public instance can read', async () => {
    const shared = `
resource "azurerm_user_assigned_identity" "shared" {
  name                = "id-shared"
  location            = "eastus"
  resource_group_name = "rg-shop"
}
resource "azurerm_role_assignment" "secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.shared.principal_id
}
`;
    expect(await check({ 'main.tf': VAULT + shared + apps('azurerm_user_assigned_identity.shared.id') })).toEqual([
      'identity-per-app azurerm_user_assigned_identity.shared: this identity is attached to 2 apps (azurerm_container_app.app["api"], azurerm_container_app.app["web"]): give each app its own user-assigned identity holding only the roles that app needs',
      // the api (external_enabled = false) is not reported; the public web app is, naming the secret
      expect.stringMatching(/^no-secret-access-on-public-app azurerm_container_app\.app\["web"\]: identity azurerm_user_assigned_identity\.shared can read Key Vault secret db-password \(azurerm_key_vault_secret\.db\) through azurerm_role_assignment\.secrets \(Key Vault Secrets User\)/),
    ]);
  });
});

describe('a plan records identity[each.key] without its key', () => {
  /** A minimal `terraform show -json` plan: two identities and two apps from for_each. */
  function plan(identityRefs: string[], identities: string[]): string {
    const identity = (key: string) => ({
      address: `azurerm_user_assigned_identity.app["${key}"]`, mode: 'managed', type: 'azurerm_user_assigned_identity',
      name: 'app', index: key, values: { name: `id-${key}`, location: 'eastus', resource_group_name: 'rg-shop' },
    });
    const app = (key: string) => ({
      address: `azurerm_container_app.app["${key}"]`, mode: 'managed', type: 'azurerm_container_app', name: 'app', index: key,
      values: {
        name: `ca-${key}`, resource_group_name: 'rg-shop', revision_mode: 'Single',
        identity: [{ type: 'UserAssigned', identity_ids: null }],
        ingress: [{ external_enabled: true, target_port: 8080 }],
        template: [{ container: [{ name: key, image: `acr.azurecr.io/${key}:1.0`, cpu: 0.25, memory: '0.5Gi' }] }],
      },
    });
    const planned = [...identities.map(identity), app('api'), app('web')];
    return JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: { root_module: { resources: planned } },
      resource_changes: planned.map((r) => ({
        address: r.address, mode: r.mode, type: r.type, name: r.name, index: r.index,
        change: { actions: ['create'], before: null, after: r.values, after_unknown: r.type === 'azurerm_container_app' ? { identity: [{ identity_ids: true }] } : { id: true, principal_id: true } },
      })),
      configuration: {
        root_module: {
          resources: [
            { address: 'azurerm_user_assigned_identity.app', mode: 'managed', type: 'azurerm_user_assigned_identity', name: 'app', expressions: {}, for_each_expression: { constant_value: identities } },
            {
              address: 'azurerm_container_app.app', mode: 'managed', type: 'azurerm_container_app', name: 'app',
              expressions: { identity: [{ identity_ids: { references: identityRefs } }] },
              for_each_expression: { constant_value: ['api', 'web'] },
            },
          ],
        },
      },
    });
  }

  it('and so attaches none of two identity instances: no sharing is guessed', async () => {
    // identity_ids = [azurerm_user_assigned_identity.app[each.key].id]
    const refs = ['azurerm_user_assigned_identity.app', 'each.key'];
    expect(await check({ 'plan.json': plan(refs, ['api', 'web']) })).toEqual([]);
  });

  it('while a key-less reference to an identity with one instance names it: both apps share it', async () => {
    const refs = ['azurerm_user_assigned_identity.app["shared"].id', 'azurerm_user_assigned_identity.app["shared"]', 'azurerm_user_assigned_identity.app'];
    expect(await check({ 'plan.json': plan(refs, ['shared']) })).toEqual([
      expect.stringMatching(/^identity-per-app azurerm_user_assigned_identity\.app\["shared"\]: this identity is attached to 2 apps/),
    ]);
  });
});

describe('data-role-scope through data sources and interpolated scopes', () => {
  const tf = `
data "azurerm_client_config" "current" {}
data "azurerm_subscription" "current" {}
data "azurerm_resource_group" "shop" {
  name = "rg-shop"
}
data "azurerm_role_definition" "blob_reader" {
  name = "Storage Blob Data Reader"
}
resource "azurerm_user_assigned_identity" "api" {
  name                = "id-api"
  location            = "eastus"
  resource_group_name = "rg-shop"
}
resource "azurerm_role_assignment" "via_definition" {
  scope              = data.azurerm_subscription.current.id
  role_definition_id = data.azurerm_role_definition.blob_reader.id
  principal_id       = azurerm_user_assigned_identity.api.principal_id
}
resource "azurerm_role_assignment" "interpolated_subscription" {
  scope                = "/subscriptions/\${data.azurerm_client_config.current.subscription_id}"
  role_definition_name = "Cognitive Services OpenAI Contributor"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}
resource "azurerm_role_assignment" "data_resource_group" {
  scope              = data.azurerm_resource_group.shop.id
  role_definition_id = "\${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/8ebe5a00-799e-43f5-93ac-243d3dce84a7"
  principal_id       = azurerm_user_assigned_identity.api.principal_id
}
# not data roles, or not a broad scope
resource "azurerm_role_assignment" "contributor" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}
resource "azurerm_role_assignment" "one_vault_below_the_group" {
  scope                = "\${data.azurerm_resource_group.shop.id}/providers/Microsoft.KeyVault/vaults/kv-shop"
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}
`;

  it('reads the role from the definition data source or the GUID, and the scope from what it names', async () => {
    expect(await check({ 'main.tf': tf })).toEqual([
      expect.stringMatching(/^data-role-scope azurerm_role_assignment\.data_resource_group: Search Index Data Contributor is granted at resource group scope \(data\.azurerm_resource_group\.shop\.id\)/),
      expect.stringMatching(/^data-role-scope azurerm_role_assignment\.interpolated_subscription: Cognitive Services OpenAI Contributor is granted at subscription scope/),
      expect.stringMatching(/^data-role-scope azurerm_role_assignment\.via_definition: Storage Blob Data Reader is granted at subscription scope \(data\.azurerm_subscription\.current\.id\)/),
    ]);
  });
});

describe('no-secret-access-on-public-app with literal ids and resource-group scopes', () => {
  const app = (name: string, secretId: string) => `
resource "azurerm_user_assigned_identity" "${name}" {
  name                = "id-${name}"
  location            = "eastus"
  resource_group_name = "rg-shop"
}
resource "azurerm_container_app" "${name}" {
  name                         = "ca-${name}"
  resource_group_name          = "rg-shop"
  container_app_environment_id = "/subscriptions/0/cae"
  revision_mode                = "Single"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.${name}.id]
  }
  secret {
    name                = "db"
    key_vault_secret_id = "${secretId}"
    identity            = azurerm_user_assigned_identity.${name}.id
  }
  ingress {
    external_enabled = true
    target_port      = 8080
    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }
  template {
    container {
      name   = "${name}"
      image  = "acr.azurecr.io/${name}:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
`;
  const SECRET_ARM = '/subscriptions/0/resourceGroups/rg-shop/providers/Microsoft.KeyVault/vaults/kv-shop/secrets/db-password';

  it('a grant on the secret\'s ARM id for an app that references it by its Key Vault URI is fine', async () => {
    const tf = VAULT + app('web', 'https://kv-shop.vault.azure.net/secrets/db-password') + `
resource "azurerm_role_assignment" "web_db" {
  scope                = "${SECRET_ARM}"
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.web.principal_id
}
`;
    expect(await check({ 'main.tf': tf })).toEqual([]);
  });

  it('an access policy inside the vault with secret Get reaches every secret of that vault', async () => {
    const tf = app('web', 'https://kv-legacy.vault.azure.net/secrets/db-password') + `
resource "azurerm_key_vault" "legacy" {
  name                = "kv-legacy"
  location            = "eastus"
  resource_group_name = "rg-shop"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  access_policy {
    tenant_id          = "00000000-0000-0000-0000-000000000000"
    object_id          = "11111111-1111-1111-1111-111111111111"
    secret_permissions = ["Get"]
  }
  access_policy {
    tenant_id          = "00000000-0000-0000-0000-000000000000"
    object_id          = azurerm_user_assigned_identity.web.principal_id
    secret_permissions = ["get", "list"]
  }
}
resource "azurerm_key_vault_secret" "db" {
  name         = "db-password"
  key_vault_id = azurerm_key_vault.legacy.id
  value_wo     = "x"
}
resource "azurerm_key_vault_secret" "payments" {
  name         = "payments-api-key"
  key_vault_id = azurerm_key_vault.legacy.id
  value_wo     = "x"
}
`;
    expect(await check({ 'main.tf': tf })).toEqual([
      'no-secret-access-on-public-app azurerm_container_app.web: identity azurerm_user_assigned_identity.web can read Key Vault secret payments-api-key (azurerm_key_vault_secret.payments) through azurerm_key_vault.legacy access_policy.1 (access policy with secret Get), but this externally reachable app does not reference it: give the app its own identity, or grant it read access only on the secrets it uses',
    ]);
  });

  it('a secret written through azapi (Microsoft.KeyVault/vaults/secrets) is a secret of its parent vault', async () => {
    const tf = VAULT + app('web', 'https://kv-shop.vault.azure.net/secrets/db-password') + `
resource "azapi_resource" "gremlin_key" {
  type      = "Microsoft.KeyVault/vaults/secrets@2023-07-01"
  name      = "cosmos-gremlin-key"
  parent_id = azurerm_key_vault.main.id
  body = {
    properties = { contentType = "Cosmos DB Gremlin account key" }
  }
  response_export_values = ["properties.secretUri"]
}
resource "azurerm_role_assignment" "web_vault" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.web.principal_id
}
`;
    expect(await check({ 'main.tf': tf })).toEqual([
      expect.stringMatching(/^no-secret-access-on-public-app azurerm_container_app\.web: identity azurerm_user_assigned_identity\.web can read Key Vault secret cosmos-gremlin-key \(azapi_resource\.gremlin_key\) through azurerm_role_assignment\.web_vault/),
    ]);
    // An app that references it by the exported secretUri reads its own secret.
    const own = tf.replace('"https://kv-shop.vault.azure.net/secrets/db-password"', 'azapi_resource.gremlin_key.output.properties.secretUri');
    expect(await check({ 'main.tf': own })).toEqual([
      expect.stringMatching(/^no-secret-access-on-public-app azurerm_container_app\.web: .* secret db-password \(azurerm_key_vault_secret\.db\)/),
    ]);
  });

  it('`${vault.id}/secrets/<name>` is one secret, not the vault; `${vault.vault_uri}secrets/<name>` references that secret', async () => {
    const signing = `
resource "azurerm_key_vault_secret" "signing" {
  name         = "signing-key"
  key_vault_id = azurerm_key_vault.main.id
  value_wo     = "x"
}
`;
    const oneSecret = VAULT + signing + app('web', 'https://kv-shop.vault.azure.net/secrets/db-password') + `
resource "azurerm_role_assignment" "web_db" {
  scope                = "\${azurerm_key_vault.main.id}/secrets/db-password"
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.web.principal_id
}
`;
    expect(await check({ 'main.tf': oneSecret })).toEqual([]);
    // the vault-wide grant reaches signing-key; db-password is the app's own through the vault URI
    const vaultWide = (VAULT + signing + app('web', 'https://kv-shop.vault.azure.net/secrets/db-password') + `
resource "azurerm_role_assignment" "web_vault" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.web.principal_id
}
`).replace('"https://kv-shop.vault.azure.net/secrets/db-password"', '"\${azurerm_key_vault.main.vault_uri}secrets/db-password"');
    expect(await check({ 'main.tf': vaultWide })).toEqual([
      expect.stringMatching(/^no-secret-access-on-public-app azurerm_container_app\.web: .* secret signing-key \(azurerm_key_vault_secret\.signing\) through azurerm_role_assignment\.web_vault/),
    ]);
  });

  it('a grant on the resource group by its ARM path reaches every secret of every vault in it', async () => {
    const tf = VAULT + app('web', 'https://kv-shop.vault.azure.net/secrets/db-password') + `
resource "azurerm_key_vault_secret" "signing" {
  name         = "signing-key"
  key_vault_id = "/subscriptions/0/resourceGroups/rg-shop/providers/Microsoft.KeyVault/vaults/kv-shop"
  value_wo     = "x"
}
resource "azurerm_role_assignment" "web_rg" {
  scope                = "/subscriptions/0/resourceGroups/RG-SHOP"
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = azurerm_user_assigned_identity.web.principal_id
}
`;
    expect(await check({ 'main.tf': tf })).toEqual([
      expect.stringMatching(/^data-role-scope azurerm_role_assignment\.web_rg: Key Vault Secrets Officer is granted at resource group scope/),
      // db-password is the app's own secret; signing-key (in the same vault, given by its literal id) is not
      expect.stringMatching(/^no-secret-access-on-public-app azurerm_container_app\.web: identity azurerm_user_assigned_identity\.web can read Key Vault secret signing-key \(azurerm_key_vault_secret\.signing\) through azurerm_role_assignment\.web_rg \(Key Vault Secrets Officer\)/),
    ]);
  });
});

/**
 * Examples of the identity rules (policies/identity/): which identity each app runs as and what
 * its roles reach. Part of the catalogue (catalogue.ts spreads them into EXAMPLES).
 */
import type { Values } from './formats';
import type { RuleExample } from './catalogue';
import * as b from './builders';
import * as z from './azapi-builders';

const RG = '${azurerm_resource_group.main.name}';
const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const LEGACY_ID = `${SUB}/resourceGroups/rg-shared/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-legacy`;

const ref = (identity: string) => `\${azurerm_user_assigned_identity.${identity}.id}`;

/** A container app running as (and pulling with) one user-assigned identity, given by name or literal id. */
function appAs(name: string, identity: string, patch?: Values) {
  const id = identity.startsWith('/') ? identity : ref(identity);
  return b.containerApp(name, b.merge({
    identity: { type: 'UserAssigned', identity_ids: [id] },
    registry: [{ server: b.LOGIN_SERVER, identity: id }],
  }, patch));
}

/** A scheduled container app job running as one user-assigned identity. */
const jobAs = (name: string, identity: string) =>
  b.res('azurerm_container_app_job', name, {
    name: `caj-${name}`,
    location: 'swedencentral',
    resource_group_name: RG,
    container_app_environment_id: '${azurerm_container_app_environment.main.id}',
    replica_timeout_in_seconds: 1800,
    identity: { type: 'UserAssigned', identity_ids: [ref(identity)] },
    registry: [{ server: b.LOGIN_SERVER, identity: ref(identity) }],
    schedule_trigger_config: { cron_expression: '0 3 * * *' },
    template: { container: [b.container({ name, liveness_probe: undefined, readiness_probe: undefined })] },
  });

const assign = (name: string, scope: string, role: { name?: string; id?: string }, principal: string) =>
  b.res('azurerm_role_assignment', name, {
    scope,
    ...(role.name ? { role_definition_name: role.name } : { role_definition_id: role.id }),
    principal_id: principal.startsWith('${') ? principal : `\${azurerm_user_assigned_identity.${principal}.principal_id}`,
    principal_type: 'ServicePrincipal',
  });

const storage = () =>
  b.res('azurerm_storage_account', 'data', {
    name: 'stplatformdata',
    location: 'swedencentral',
    resource_group_name: RG,
    account_tier: 'Standard',
    account_replication_type: 'LRS',
    min_tls_version: 'TLS1_2',
    public_network_access_enabled: false,
  });

/** A secret-bearing app: reads `secret` (an azurerm_key_vault_secret name) with `identity`. */
const secretRef = (secret: string, identity: string) => ({
  secret: [{
    name: secret.replace(/_/g, '-'),
    key_vault_secret_id: `\${azurerm_key_vault_secret.${secret}.versionless_id}`,
    identity: ref(identity),
  }],
});

const KEY = '${azurerm_cosmosdb_account.graph.primary_key}';
const TOKEN = '${random_password.api_token.result}';

/** A vault with two secrets: the Gremlin key and an API token. */
const vaultWithSecrets = () => [
  b.resourceGroup(),
  b.cosmosGremlin(),
  b.keyVault(),
  b.res('random_password', 'api_token', { length: 32, special: false }),
  b.keyVaultSecret('gremlin_key', KEY),
  b.keyVaultSecret('api_token', TOKEN),
];

export const IDENTITY_EXAMPLES: RuleExample[] = [
  {
    service: 'identity',
    rule: 'identity_per_app',
    id: 'identity-per-app',
    good: {
      env: 'dev',
      resources: [
        b.registry(),
        b.identity('api'),
        b.identity('worker'),
        b.identity('nightly'),
        b.acrPull('api_acr_pull', 'api'),
        b.acrPull('worker_acr_pull', 'worker'),
        b.acrPull('nightly_acr_pull', 'nightly'),
        appAs('api', 'api'),
        appAs('worker', 'worker', { ingress: { external_enabled: false } }),
        jobAs('nightly', 'nightly'),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.registry(),
        // One identity for two apps and a job: each holds the others' roles.
        b.identity('shared'),
        b.acrPull('shared_acr_pull', 'shared'),
        appAs('api', 'shared'),
        appAs('worker', 'shared', { ingress: { external_enabled: false } }),
        jobAs('nightly', 'shared'),
        // An identity created elsewhere, given by its resource id to two apps: reported on each.
        appAs('legacy_a', LEGACY_ID),
        appAs('legacy_b', LEGACY_ID),
      ],
    },
    expected: ['azurerm_user_assigned_identity.shared', 'azurerm_container_app.legacy_a', 'azurerm_container_app.legacy_b'],
  },
  {
    service: 'identity',
    rule: 'data_role_scope',
    id: 'data-role-scope',
    good: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        b.identity('api'),
        b.keyVault(),
        b.search(),
        b.openaiAccount(),
        b.cosmosNoSql(),
        storage(),
        assign('api_secrets', '${azurerm_key_vault.main.id}', { name: 'Key Vault Secrets User' }, 'api'),
        assign('api_search', '${azurerm_search_service.search.id}', { name: 'Search Index Data Reader' }, 'api'),
        assign('api_openai', '${azurerm_cognitive_account.openai.id}', { name: 'Cognitive Services OpenAI User' }, 'api'),
        // Storage Blob Data Reader by its role definition GUID, on the account.
        assign('api_blobs', '${azurerm_storage_account.data.id}', { id: '/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' }, 'api'),
        // Below a resource (one blob container) is narrower still.
        assign('api_uploads', `${SUB}/resourceGroups/rg-platform/providers/Microsoft.Storage/storageAccounts/stplatformdata/blobServices/default/containers/uploads`, { name: 'Storage Blob Data Contributor' }, 'api'),
        // Control-plane and metadata-only roles at resource group scope are not data roles.
        assign('api_rg_reader', '${azurerm_resource_group.main.id}', { name: 'Reader' }, 'api'),
        assign('api_kv_metadata', '${azurerm_resource_group.main.id}', { name: 'Key Vault Reader' }, 'api'),
        // A Cosmos data role: its scope is a data-plane path inside one account.
        b.res('azurerm_cosmosdb_sql_role_assignment', 'api_telemetry', {
          resource_group_name: RG,
          account_name: '${azurerm_cosmosdb_account.telemetry.name}',
          role_definition_id: '${azurerm_cosmosdb_account.telemetry.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001',
          principal_id: '${azurerm_user_assigned_identity.api.principal_id}',
          scope: '${azurerm_cosmosdb_account.telemetry.id}',
        }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        b.identity('api'),
        b.keyVault(),
        assign('api_secrets_rg', '${azurerm_resource_group.main.id}', { name: 'Key Vault Secrets User' }, 'api'),
        // By GUID (with a subscription prefix) at subscription scope.
        assign('api_blobs_sub', SUB, { id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe` }, 'api'),
        assign('api_openai_mg', '/providers/Microsoft.Management/managementGroups/landing-zones', { name: 'Cognitive Services OpenAI User' }, 'api'),
        // Names compare case-insensitively; a trailing slash is still the resource group.
        assign('api_search_rg', `${SUB}/resourceGroups/rg-platform/`, { name: 'search index data reader' }, 'api'),
        // A GUID in capitals; ARM paths compare case-insensitively too.
        assign('api_kv_officer_sub', '/Subscriptions/00000000-0000-0000-0000-000000000000', { id: '/providers/Microsoft.Authorization/roleDefinitions/B86A8FE4-44CE-4948-AEE5-ECCB2C155CD7' }, 'api'),
      ],
    },
    expected: [
      'azurerm_role_assignment.api_secrets_rg',
      'azurerm_role_assignment.api_blobs_sub',
      'azurerm_role_assignment.api_openai_mg',
      'azurerm_role_assignment.api_search_rg',
      'azurerm_role_assignment.api_kv_officer_sub',
    ],
  },
  {
    service: 'identity',
    rule: 'no_secret_access_on_public_app',
    id: 'no-secret-access-on-public-app',
    good: {
      env: 'dev',
      resources: [
        ...vaultWithSecrets(),
        b.identity('web'),
        b.identity('graph'),
        // The public app reads only the secret it references, granted on that secret alone.
        assign('web_token', '${azurerm_key_vault_secret.api_token.resource_versionless_id}', { name: 'Key Vault Secrets User' }, 'web'),
        // Metadata only: no secret values.
        assign('web_kv_metadata', '${azurerm_key_vault.main.id}', { name: 'Key Vault Reader' }, 'web'),
        appAs('web', 'web', secretRef('api_token', 'web')),
        // An internal app may hold vault-wide read access.
        assign('graph_secrets', '${azurerm_key_vault.main.id}', { name: 'Key Vault Secrets User' }, 'graph'),
        appAs('graph', 'graph', { ...secretRef('gremlin_key', 'graph'), ingress: { external_enabled: false } }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        ...vaultWithSecrets(),
        // Vault-wide read for a public app that uses only the API token: the Gremlin key is in reach.
        b.identity('web'),
        assign('web_secrets', '${azurerm_key_vault.main.id}', { name: 'Key Vault Secrets User' }, 'web'),
        appAs('web', 'web', secretRef('api_token', 'web')),
        // A system-assigned identity holding Secrets Officer (by GUID) on one secret it never references.
        b.containerApp('admin', { identity: { type: 'SystemAssigned', identity_ids: undefined }, registry: undefined }),
        assign('admin_gremlin', '${azurerm_key_vault_secret.gremlin_key.resource_versionless_id}', { id: '/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7' }, '${azurerm_container_app.admin.identity[0].principal_id}'),
        // Key Vault Administrator on the resource group: every secret of every vault in it.
        b.identity('ops'),
        assign('ops_rg', '${azurerm_resource_group.main.id}', { name: 'Key Vault Administrator' }, 'ops'),
        appAs('ops', 'ops'),
        // An access-policy vault granting secret Get to a public app's identity.
        b.identity('partner'),
        b.res('azurerm_key_vault', 'partner', {
          ...b.keyVault().values,
          name: 'kv-partner',
          rbac_authorization_enabled: false,
        }),
        b.res('azurerm_key_vault_secret', 'partner_cert', {
          name: 'partner-cert',
          key_vault_id: '${azurerm_key_vault.partner.id}',
          value: TOKEN,
        }),
        b.res('azurerm_key_vault_access_policy', 'partner', {
          key_vault_id: '${azurerm_key_vault.partner.id}',
          tenant_id: '${azurerm_user_assigned_identity.partner.tenant_id}',
          object_id: '${azurerm_user_assigned_identity.partner.principal_id}',
          secret_permissions: ['Get', 'List'],
        }),
        appAs('partner', 'partner'),
      ],
    },
    expected: [
      'azurerm_container_app.web',
      'azurerm_container_app.admin',
      'azurerm_container_app.ops',
      'azurerm_container_app.partner',
    ],
  },
];

/** An azapi container app (Microsoft.App/containerApps) running as one user-assigned identity. */
function azapiAppAs(name: string, identity: string, configuration: Values = {}, external = true) {
  return z.containerApp(name, {
    identity: { type: 'UserAssigned', identity_ids: [ref(identity)] },
    body: {
      properties: {
        configuration: b.merge({
          ingress: { external },
          registries: [{ server: b.LOGIN_SERVER, identity: ref(identity) }],
        }, configuration),
      },
    },
  });
}

/** An azapi container app job (Microsoft.App/jobs) running as one user-assigned identity. */
const azapiJobAs = (name: string, identity: string) =>
  z.containerAppJob(name, {
    identity: { type: 'UserAssigned', identity_ids: [ref(identity)] },
    body: { properties: { configuration: { registries: [{ server: b.LOGIN_SERVER, identity: ref(identity) }] } } },
  });

/** ARM container app secrets: Key Vault references read with the app's identity. */
const armSecretRef = (secret: string, identity: string) => ({
  secrets: [{ name: secret.replace(/_/g, '-'), keyVaultUrl: `\${azurerm_key_vault_secret.${secret}.versionless_id}`, identity: ref(identity) }],
});

/** A Key Vault secret written through ARM, as the stacks write the Gremlin key. */
const armSecret = (name: string, vault: string) =>
  z.azapi(name, 'Microsoft.KeyVault/vaults/secrets@2023-07-01', {
    name: name.replace(/_/g, '-'),
    parent_id: `\${azapi_resource.${vault}.id}`,
    body: { properties: { contentType: 'Cosmos DB Gremlin account key' } },
  });

/** An azapi vault with an azurerm secret (the API token) and an ARM-written one (the Gremlin key). */
const azapiVaultWithSecrets = () => [
  b.resourceGroup(),
  z.keyVault('main'),
  b.res('random_password', 'api_token', { length: 32, special: false }),
  b.res('azurerm_key_vault_secret', 'api_token', { name: 'api-token', key_vault_id: '${azapi_resource.main.id}', value: TOKEN }),
  armSecret('gremlin_key', 'main'),
];

/** The identity rules' azapi examples (azapi-catalogue.ts spreads them into AZAPI_EXAMPLES). */
export const IDENTITY_AZAPI_EXAMPLES: RuleExample[] = [
  {
    service: 'identity',
    rule: 'identity_per_app',
    id: 'identity-per-app',
    good: {
      env: 'dev',
      resources: [b.identity('api'), b.identity('nightly'), azapiAppAs('api', 'api'), azapiJobAs('nightly', 'nightly')],
    },
    bad: {
      env: 'dev',
      resources: [b.identity('shared'), azapiAppAs('api', 'shared'), azapiAppAs('worker', 'shared', {}, false), azapiJobAs('nightly', 'shared')],
    },
    expected: ['azurerm_user_assigned_identity.shared'],
  },
  {
    service: 'identity',
    rule: 'no_secret_access_on_public_app',
    id: 'no-secret-access-on-public-app',
    good: {
      env: 'dev',
      resources: [
        ...azapiVaultWithSecrets(),
        b.identity('web'),
        b.identity('graph'),
        assign('web_token', '${azurerm_key_vault_secret.api_token.resource_versionless_id}', { name: 'Key Vault Secrets User' }, 'web'),
        azapiAppAs('web', 'web', armSecretRef('api_token', 'web')),
        // An internal app may read the whole vault.
        assign('graph_secrets', '${azapi_resource.main.id}', { name: 'Key Vault Secrets User' }, 'graph'),
        azapiAppAs('graph', 'graph', {}, false),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        ...azapiVaultWithSecrets(),
        // Vault-wide read for the public app: the ARM-written Gremlin key is in reach.
        b.identity('web'),
        assign('web_secrets', '${azapi_resource.main.id}', { name: 'Key Vault Secrets User' }, 'web'),
        azapiAppAs('web', 'web', armSecretRef('api_token', 'web')),
      ],
    },
    expected: ['azapi_resource.web'],
  },
];

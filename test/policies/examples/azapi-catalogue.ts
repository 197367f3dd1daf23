/**
 * Every rule's azapi example: the good and bad infrastructure written as `azapi_resource` ARM bodies
 * (Azure Verified Modules' way), rendered in the three formats under
 * policies/<service>/examples/<rule>/azapi/ by generate.ts. The findings must name the azapi
 * addresses: the mapping (src/input/azapi.ts) reads each body as the azurerm resource the rule knows.
 */
import type { RuleExample } from './catalogue';
import * as b from './builders';
import * as z from './azapi-builders';
import { IDENTITY_AZAPI_EXAMPLES } from './catalogue-identity';

const KEY = '${azurerm_cosmosdb_account.graph.primary_key}';
const UAI = '${azurerm_user_assigned_identity.app.id}';

const vaultEndpoint = () =>
  b.res('azurerm_private_endpoint', 'kv', {
    name: 'pe-kv',
    location: 'swedencentral',
    resource_group_name: '${azurerm_resource_group.main.name}',
    subnet_id: '${azurerm_subnet.endpoints.id}',
    private_service_connection: [{ name: 'kv', private_connection_resource_id: '${azapi_resource.main.id}', subresource_names: ['vault'], is_manual_connection: false }],
  });

const vaultSecret = (name: string) =>
  b.res('azurerm_key_vault_secret', name, { name: name.replace(/_/g, '-'), key_vault_id: '${azapi_resource.main.id}', value_wo: '${ephemeral.random_password.app.result}', value_wo_version: 1 });

/** Body patches (deep-merged; arrays replace). */
const props = (properties: Record<string, unknown>) => ({ body: { properties } });
const cfg = (configuration: Record<string, unknown>) => props({ configuration });
const tpl = (template: Record<string, unknown>) => props({ template });

export const AZAPI_EXAMPLES: RuleExample[] = [
  {
    service: 'secrets',
    rule: 'no_exposed_keys',
    id: 'no-exposed-keys',
    good: {
      env: 'dev',
      resources: [
        // The key goes where a key must go: a container app secret in azapi's write-only sensitive_body.
        z.containerApp('api', {
          sensitive_body: { properties: { configuration: { secrets: [{ name: 'cosmos-key', value: KEY }] } } },
          ...tpl({
            scale: { minReplicas: 0, maxReplicas: 3 },
            containers: [z.armContainer({
              env: [
                { name: 'COSMOS_ENDPOINT', value: '${azurerm_cosmosdb_account.graph.endpoint}' },
                { name: 'COSMOS_KEY', secretRef: 'cosmos-key' },
              ],
            })],
          }),
        }),
        // ARM properties that are credential inputs: the workspace shared key, Dapr's connection string.
        z.environment(props({
          appLogsConfiguration: {
            destination: 'log-analytics',
            logAnalyticsConfiguration: {
              customerId: '${azurerm_log_analytics_workspace.main.workspace_id}',
              sharedKey: '${azurerm_log_analytics_workspace.main.primary_shared_key}',
            },
          },
          daprAIConnectionString: '${azurerm_application_insights.main.connection_string}',
        })),
        // An Azure Files mount (an ARM type the mapping does not read): accountKey is its credential input.
        z.azapi('files', 'Microsoft.App/managedEnvironments/storages@2024-03-01', {
          name: 'files',
          parent_id: '${azapi_resource.env.id}',
          body: {
            properties: {
              azureFile: {
                accountName: 'stplatform',
                accountKey: '${azurerm_storage_account.files.primary_access_key}',
                shareName: 'data',
                accessMode: 'ReadOnly',
              },
            },
          },
        }),
        z.cosmos('telemetry'),
        z.search(),
        z.openaiAccount(),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        z.containerApp('api', tpl({
          scale: { minReplicas: 0, maxReplicas: 3 },
          containers: [z.armContainer({ env: [{ name: 'COSMOS_KEY', value: KEY }] })],
        })),
        z.containerApp('worker', tpl({
          scale: { minReplicas: 0, maxReplicas: 3 },
          containers: [z.armContainer({
            name: 'worker',
            env: [{ name: 'STORAGE_CONNECTION', value: 'DefaultEndpointsProtocol=https;AccountName=stplatform;AccountKey=bm90LWEtcmVhbC1rZXk=' }],
          })],
        })),
        z.cosmos('telemetry', props({ disableLocalAuth: undefined })),
        z.search('search', props({ disableLocalAuth: false })),
        z.openaiAccount('openai', props({ disableLocalAuth: undefined })),
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.worker', 'azapi_resource.telemetry', 'azapi_resource.search', 'azapi_resource.openai'],
  },
  {
    service: 'registry',
    rule: 'no_admin_users',
    id: 'no-admin-users',
    good: { env: 'dev', resources: [z.registry(), b.identity(), b.acrPull(), z.containerApp('api'), z.containerAppJob('worker')] },
    bad: {
      env: 'dev',
      resources: [
        z.registry(props({ adminUserEnabled: true })),
        z.containerApp('api', {
          identity: undefined,
          ...cfg({
            registries: [{ server: b.LOGIN_SERVER, username: 'acrplatform', passwordSecretRef: 'acr-password' }],
            secrets: [{ name: 'acr-password', keyVaultUrl: '${azurerm_key_vault_secret.acr.versionless_id}', identity: 'system' }],
          }),
        }),
        z.containerAppJob('worker', { identity: undefined, ...cfg({ registries: [{ server: b.LOGIN_SERVER }] }) }),
      ],
    },
    expected: ['azapi_resource.acr', 'azapi_resource.api', 'azapi_resource.worker'],
  },
  {
    service: 'containerapps',
    rule: 'scale_to_zero',
    id: 'scale-to-zero',
    good: {
      env: 'dev',
      resources: [
        z.containerApp('api'),
        z.containerApp('worker', tpl({ scale: { maxReplicas: 2 } }), true),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        z.containerApp('api', tpl({ scale: { minReplicas: 1, maxReplicas: 3 } })),
        // maxReplicas unset: the ARM default 10 is above the dev cap of 3.
        z.containerApp('worker', tpl({ scale: { minReplicas: 0, maxReplicas: undefined } }), true),
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.worker'],
  },
  {
    service: 'cost',
    rule: 'budget_required',
    id: 'budget-required',
    good: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        z.budget('monthly', 100),
        b.res('azurerm_monitor_action_group', 'finops', { name: 'ag-finops', resource_group_name: '${azurerm_resource_group.main.name}', short_name: 'finops' }),
        // A subscription budget whose recipients are known only after apply (an action group).
        z.budget('platform', 500, props({
          notifications: {
            actual: z.armNotification('Actual', { contactEmails: undefined, contactRoles: ['Owner'] }),
            forecast: z.armNotification('Forecasted', { contactEmails: undefined, contactGroups: ['${azurerm_monitor_action_group.finops.id}'] }),
          },
        }), '/subscriptions/00000000-0000-0000-0000-000000000000'),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        z.budget('monthly', 100, props({
          notifications: { actual80: z.armNotification('Actual'), forecast100: z.armNotification('Forecasted', { enabled: false }) },
        })),
        z.budget('empty', 0, props({ notifications: { actual80: z.armNotification('Actual', { contactEmails: [] }) } }), '/subscriptions/00000000-0000-0000-0000-000000000000'),
        z.budget('landing_zones', 1000, props({
          notifications: { actual80: z.armNotification('Actual'), forecast100: z.armNotification('Forecasted', { contactEmails: [] }) },
        }), '/providers/Microsoft.Management/managementGroups/landing-zones'),
      ],
    },
    expected: ['azapi_resource.monthly', 'azapi_resource.empty', 'azapi_resource.landing_zones'],
  },
  {
    service: 'openai',
    rule: 'openai_capacity_cap',
    id: 'openai-capacity-cap',
    good: { env: 'dev', resources: [z.openaiAccount(), z.openaiDeployment()] },
    bad: {
      env: 'dev',
      resources: [
        z.openaiAccount(),
        z.openaiDeployment('gpt41', { body: { sku: { name: 'GlobalStandard', capacity: 300 } } }),
        z.openaiDeployment('ptu', { name: 'gpt-4.1-ptu', body: { sku: { name: 'ProvisionedManaged', capacity: 15 } } }),
      ],
    },
    expected: ['azapi_resource.gpt41', 'azapi_resource.ptu'],
  },
  {
    service: 'monitoring',
    rule: 'log_analytics_retention',
    id: 'log-analytics-retention',
    good: { env: 'dev', resources: [z.logAnalytics()] },
    bad: {
      env: 'dev',
      resources: [
        // Neither retention nor a cap: the ARM defaults (30 days, -1 = unlimited) are not a decision.
        z.logAnalytics('main', props({ retentionInDays: undefined, workspaceCapping: undefined })),
        z.logAnalytics('archive', props({ retentionInDays: 365, workspaceCapping: { dailyQuotaGb: 10 } })),
      ],
    },
    expected: ['azapi_resource.main', 'azapi_resource.archive'],
  },
  {
    service: 'registry',
    rule: 'acr_pull_identity',
    id: 'acr-pull-identity',
    good: { env: 'dev', resources: [z.registry(), b.identity(), b.acrPull(), z.containerApp('api'), z.containerAppJob('worker')] },
    bad: {
      env: 'dev',
      resources: [
        z.registry(),
        b.identity(),
        b.identity('worker'),
        b.acrPull(),
        // The system-assigned identity exists only after the app: its first revision cannot pull.
        z.containerApp('api', cfg({ registries: [{ server: b.LOGIN_SERVER, identity: 'system' }] })),
        // A user-assigned identity the app does not carry and that has no AcrPull.
        z.containerAppJob('worker', cfg({ registries: [{ server: b.LOGIN_SERVER, identity: '${azurerm_user_assigned_identity.worker.id}' }] })),
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.worker'],
  },
  {
    service: 'keyvault',
    rule: 'key_vault_hardening',
    id: 'key-vault-hardening',
    good: {
      env: 'dev',
      resources: [
        z.keyVault('main'),
        // API version 2026-02-01 creates vaults with Azure RBAC when enableRbacAuthorization is unset.
        z.keyVault('modern', props({ enableRbacAuthorization: undefined }), '2026-02-01'),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        { ...z.keyVault('main', props({ enableRbacAuthorization: false, enablePurgeProtection: undefined, networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow' } })), jsonencodeBody: true },
        // Unset before API version 2026-02-01: access policies.
        z.keyVault('legacy', props({ enableRbacAuthorization: undefined })),
        // An azurerm vault whose network ACL an azapi_update_resource opens afterwards.
        b.keyVault(),
        {
          type: 'azapi_update_resource',
          name: 'kv_acl',
          values: {
            type: 'Microsoft.KeyVault/vaults@2023-07-01',
            resource_id: '${azurerm_key_vault.main.id}',
            body: { properties: { networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow' } } },
          },
        },
      ],
    },
    expected: ['azapi_resource.main', 'azapi_resource.legacy', 'azurerm_key_vault.main'],
  },
  {
    service: 'containerapps',
    rule: 'health_probes',
    id: 'health-probes',
    good: { env: 'dev', resources: [z.containerApp('api')] },
    bad: {
      env: 'dev',
      resources: [
        z.containerApp('api', tpl({
          scale: { minReplicas: 0, maxReplicas: 3 },
          containers: [z.armContainer({ probes: [{ type: 'Liveness', httpGet: { path: '/health/live', port: 8000 } }] })],
        })),
        z.containerApp('worker', tpl({ scale: { minReplicas: 0, maxReplicas: 3 }, containers: [z.armContainer({ name: 'worker', probes: undefined })] }), true),
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.worker'],
  },
  {
    service: 'containerapps',
    rule: 'https_only',
    id: 'https-only',
    good: { env: 'dev', resources: [z.containerApp('api'), z.containerApp('worker', {}, true)] },
    bad: {
      env: 'dev',
      resources: [
        z.containerApp('api', cfg({ ingress: { allowInsecure: true } }), true),
        // Compliant as created, then changed by an azapi_update_resource.
        z.containerApp('patched'),
        {
          type: 'azapi_update_resource',
          name: 'insecure',
          values: {
            type: 'Microsoft.App/containerApps@2024-03-01',
            resource_id: '${azapi_resource.patched.id}',
            body: { properties: { configuration: { ingress: { allowInsecure: true } } } },
          },
        },
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.patched'],
  },
  {
    service: 'containerapps',
    rule: 'cors_not_wildcard',
    id: 'cors-not-wildcard',
    good: { env: 'dev', resources: [z.containerApp('api')] },
    bad: {
      env: 'dev',
      resources: [
        z.containerApp('api', cfg({ ingress: { corsPolicy: { allowedOrigins: ['*'], allowedMethods: ['*'], allowedHeaders: ['*'] } } })),
        z.containerApp('worker', tpl({
          scale: { minReplicas: 0, maxReplicas: 3 },
          containers: [z.armContainer({ name: 'worker', env: [{ name: 'CORS_ORIGINS', value: '*' }] })],
        }), true),
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.worker'],
  },
  {
    service: 'containerapps',
    rule: 'image_pinned',
    id: 'image-pinned',
    good: { env: 'dev', resources: [z.containerApp('api'), z.containerAppJob('worker')] },
    bad: {
      env: 'dev',
      resources: [
        z.containerApp('api', tpl({ scale: { minReplicas: 0, maxReplicas: 3 }, containers: [z.armContainer({ image: `${b.LOGIN_SERVER}/api:latest` })] })),
        z.containerAppJob('worker', tpl({ containers: [z.armContainer({ name: 'worker', image: `${b.LOGIN_SERVER}/worker`, probes: undefined })] })),
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.worker'],
  },
  {
    service: 'containerapps',
    rule: 'secrets_from_key_vault',
    id: 'secrets-from-key-vault',
    good: {
      env: 'dev',
      resources: [
        z.containerApp('api', cfg({ secrets: [{ name: 'cosmos-key', keyVaultUrl: '${azurerm_key_vault_secret.cosmos_key.versionless_id}', identity: UAI }] })),
        z.containerAppJob('worker', cfg({ secrets: [{ name: 'cosmos-key', keyVaultUrl: '${azurerm_key_vault_secret.cosmos_key.versionless_id}', identity: UAI }] })),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        z.containerApp('api', cfg({ secrets: [{ name: 'jwt-secret', value: 'change-me' }] })),
        // A Key Vault reference with no identity to read it.
        z.containerAppJob('worker', cfg({ secrets: [{ name: 'cosmos-key', keyVaultUrl: '${azurerm_key_vault_secret.cosmos_key.versionless_id}' }] })),
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.worker'],
  },
  {
    service: 'containerapps',
    rule: 'prod_config_sane',
    id: 'prod-config-sane',
    good: { env: 'prod', resources: [z.containerApp('api')] },
    bad: {
      env: 'prod',
      resources: [
        z.containerApp('api', tpl({
          scale: { minReplicas: 0, maxReplicas: 3 },
          containers: [z.armContainer({ env: [{ name: 'LOG_LEVEL', value: 'DEBUG' }, { name: 'BACKEND_URL', value: 'http://localhost:8000' }] })],
        })),
        z.containerApp('web', cfg({ ingress: { corsPolicy: { allowedOrigins: ['http://localhost:5173'], allowedMethods: ['GET'], allowedHeaders: ['Authorization'] } } })),
      ],
    },
    expected: ['azapi_resource.api', 'azapi_resource.web'],
  },
  {
    service: 'monitoring',
    rule: 'diagnostics_enabled',
    id: 'diagnostics-enabled',
    good: {
      env: 'dev',
      resources: [
        z.cosmos('telemetry'), z.search(), z.keyVault('main'), z.registry(), z.openaiAccount(),
        b.diagnostics('cosmos', 'azapi_resource.telemetry'),
        b.diagnostics('search', 'azapi_resource.search'),
        b.diagnostics('kv', 'azapi_resource.main'),
        b.diagnostics('acr', 'azapi_resource.acr'),
        b.diagnostics('openai', 'azapi_resource.openai'),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        z.cosmos('telemetry'), z.search(), z.keyVault('main'), z.registry(), z.openaiAccount(),
        b.diagnostics('cosmos', 'azapi_resource.telemetry'),
        // No workspace: the setting does not count.
        b.diagnostics('search', 'azapi_resource.search', { log_analytics_workspace_id: undefined, storage_account_id: '${azurerm_storage_account.logs.id}' }),
      ],
    },
    expected: ['azapi_resource.search', 'azapi_resource.main', 'azapi_resource.acr', 'azapi_resource.openai'],
  },
  {
    service: 'resilience',
    rule: 'stateful_deletion_protection',
    id: 'stateful-deletion-protection',
    good: {
      env: 'prod',
      resources: [
        b.resourceGroup(),
        z.cosmos('telemetry'), z.keyVault('main'), z.registry(), z.search(),
        b.lock('cosmos', 'azapi_resource.telemetry'),
        b.lock('acr', 'azapi_resource.acr'),
        b.lock('rg', 'azurerm_resource_group.main'),
      ],
    },
    bad: {
      env: 'prod',
      resources: [
        b.resourceGroup(),
        z.cosmos('telemetry'),
        z.keyVault('main', props({ enablePurgeProtection: false })),
        z.registry(),
        z.search(),
        b.lock('acr', 'azapi_resource.acr'),
        b.lock('search', 'azapi_resource.search', { lock_level: 'NotALevel' }),
      ],
    },
    expected: ['azapi_resource.telemetry', 'azapi_resource.main', 'azapi_resource.search'],
  },
  {
    service: 'network',
    rule: 'public_network_restricted',
    id: 'public-network-restricted',
    good: {
      env: 'dev',
      resources: [
        z.cosmos('telemetry', props({ publicNetworkAccess: 'Enabled', ipRules: [{ ipAddressOrRange: '203.0.113.10' }] })),
        z.search('search', props({ publicNetworkAccess: 'enabled', networkRuleSet: { ipRules: [{ value: '203.0.113.10' }] } })),
        z.keyVault('main', props({ publicNetworkAccess: 'Enabled' })),
        z.registry(),
        z.openaiAccount('openai', props({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '203.0.113.10' }] } })),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        z.cosmos('telemetry', props({ publicNetworkAccess: undefined })),
        z.search('search', props({ publicNetworkAccess: 'enabled' })),
        z.keyVault('main', props({ publicNetworkAccess: 'Enabled', networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow' } })),
        z.registry(props({ publicNetworkAccess: 'Enabled' })),
        z.openaiAccount('openai', props({ publicNetworkAccess: undefined })),
      ],
    },
    expected: ['azapi_resource.telemetry', 'azapi_resource.search', 'azapi_resource.main', 'azapi_resource.acr', 'azapi_resource.openai'],
  },
  {
    service: 'network',
    rule: 'min_tls_version',
    id: 'min-tls-version',
    good: { env: 'dev', resources: [z.cosmos('telemetry'), z.cosmos('graph', props({ minimalTlsVersion: undefined }))] },
    bad: { env: 'dev', resources: [z.cosmos('telemetry', props({ minimalTlsVersion: 'Tls11' }))] },
    expected: ['azapi_resource.telemetry'],
  },
  {
    service: 'cosmos',
    rule: 'cosmos_continuous_backup',
    id: 'cosmos-continuous-backup',
    good: { env: 'dev', resources: [z.cosmos('telemetry')] },
    bad: {
      env: 'dev',
      resources: [
        z.cosmos('telemetry', props({ backupPolicy: { type: 'Periodic', periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8 } } })),
        z.cosmos('graph', props({ backupPolicy: undefined }), ),
      ],
    },
    expected: ['azapi_resource.telemetry', 'azapi_resource.graph'],
  },
  {
    service: 'cost',
    rule: 'budget_covers_estimate',
    id: 'budget-covers-estimate',
    // An AI Search basic service idles at about 74 USD/month (src/cost price book), as an azapi body
    // too: within 500, above 80% of 80 (a warning) and above 50 (a deny).
    good: { env: 'dev', resources: [b.resourceGroup(), z.search(), z.budget('monthly', 500)] },
    bad: { env: 'dev', resources: [b.resourceGroup(), z.search(), z.budget('monthly', 50), z.budget('tight', 80)] },
    expected: ['azapi_resource.monthly', 'azapi_resource.tight'],
  },
  {
    service: 'cost',
    rule: 'budget_start_current',
    id: 'budget-start-current',
    // The tests' clock is 2026-12-05 (CHECK_DATE in ../harness.ts): current month 2026-12.
    good: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        z.budget('monthly', 100, props({ timePeriod: { startDate: '2026-12-01T00:00:00Z' } })),
        // An existing budget keeps its old start: the plan updates it, the configuration ignores the date.
        b.withMeta(z.budget('kept', 200), { lifecycle: { ignore_changes: ['body.properties.timePeriod.startDate'] }, action: 'update' }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        z.budget('monthly', 100, props({ timePeriod: { startDate: '2026-11-01T00:00:00Z' } })),
        b.withMeta(z.budget('replaced', 500, undefined, '/subscriptions/00000000-0000-0000-0000-000000000000'), { action: 'replace' }),
      ],
    },
    expected: ['azapi_resource.monthly', 'azapi_resource.replaced'],
  },
  {
    service: 'openai',
    rule: 'openai_model_current',
    id: 'openai-model-current',
    good: {
      env: 'dev',
      resources: [
        z.openaiAccount(),
        z.openaiDeployment('gpt51', { name: 'gpt-5.1', body: { properties: { model: { format: 'OpenAI', name: 'gpt-5.1', version: '2025-11-13' } } } }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        z.openaiAccount(),
        // Retired 2026-10-14.
        z.openaiDeployment('gpt41mini', { name: 'gpt-4.1-mini', body: { properties: { model: { format: 'OpenAI', name: 'gpt-4.1-mini', version: '2025-04-14' } } } }),
        // Standard deployments retired 2026-03-31.
        z.openaiDeployment('gpt4o', { name: 'gpt-4o', body: { sku: { name: 'Standard', capacity: 10 }, properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' } } } }),
      ],
    },
    expected: ['azapi_resource.gpt41mini', 'azapi_resource.gpt4o'],
  },
  {
    service: 'monitoring',
    rule: 'diagnostics_destination_type',
    id: 'diagnostics-destination-type',
    good: {
      env: 'dev',
      resources: [
        z.logAnalytics(),
        z.search(),
        z.openaiAccount(),
        z.cosmos('telemetry'),
        b.diagnostics('search', 'azapi_resource.search'),
        b.diagnostics('openai', 'azapi_resource.openai', { log_analytics_destination_type: 'AzureDiagnostics' }),
        // Cosmos DB has resource-specific tables.
        b.diagnostics('telemetry', 'azapi_resource.telemetry', { log_analytics_destination_type: 'Dedicated' }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        z.logAnalytics(),
        z.search(),
        z.openaiAccount(),
        b.diagnostics('search', 'azapi_resource.search', { log_analytics_destination_type: 'Dedicated' }),
        b.diagnostics('openai', 'azapi_resource.openai', { log_analytics_destination_type: 'Dedicated' }),
      ],
    },
    // The finding is on the diagnostic setting (an azurerm resource) whose target is an azapi resource.
    expected: ['azurerm_monitor_diagnostic_setting.search', 'azurerm_monitor_diagnostic_setting.openai'],
  },
  {
    service: 'keyvault',
    rule: 'kv_data_plane_ordering',
    id: 'kv-data-plane-ordering',
    // A vault written with azapi (public network access off) and secrets written through its data plane.
    good: {
      env: 'dev',
      resources: [
        z.keyVault('main'),
        vaultEndpoint(),
        b.withMeta(vaultSecret('direct'), { dependsOn: ['azurerm_private_endpoint.kv'] }),
      ],
    },
    bad: { env: 'dev', resources: [z.keyVault('main'), vaultEndpoint(), vaultSecret('gremlin_key')] },
    expected: ['azurerm_key_vault_secret.gremlin_key'],
  },
  ...IDENTITY_AZAPI_EXAMPLES,
];

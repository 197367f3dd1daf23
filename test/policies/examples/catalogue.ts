/**
 * The good and bad example of every rule, in one place: `generate.ts` renders each in the three
 * input formats beside its rule (policies/<service>/examples/<rule_snake>/), and the policy tests
 * evaluate those files and compare with `expected`.
 */
import type { InfraDoc } from './formats';
import * as b from './builders';
import { APPLY_FAILURE_EXAMPLES } from './apply-failure';
import { IDENTITY_EXAMPLES } from './catalogue-identity';

export interface RuleExample {
  /** Folder under policies/ and the rule file name (snake case). */
  service: string;
  rule: string;
  /** The rule's custom.id. */
  id: string;
  good: InfraDoc;
  bad: InfraDoc;
  /** Addresses the bad input must produce for this rule (each once), sorted when written. */
  expected: string[];
}

const KEY = '${azurerm_cosmosdb_account.graph.primary_key}';

export const EXAMPLES: RuleExample[] = [
  {
    service: 'secrets',
    rule: 'no_exposed_keys',
    id: 'no-exposed-keys',
    good: {
      env: 'dev',
      resources: [
        b.cosmosGremlin(),
        b.cosmosNoSql(),
        b.keyVaultSecret('cosmos_key', KEY),
        b.containerApp('api', {
          secret: [{
            name: 'cosmos-key',
            key_vault_secret_id: '${azurerm_key_vault_secret.cosmos_key.versionless_id}',
            identity: '${azurerm_user_assigned_identity.app.id}',
          }],
          template: {
            container: [b.container({
              env: [
                { name: 'COSMOS_ENDPOINT', value: '${azurerm_cosmosdb_account.graph.endpoint}' },
                { name: 'COSMOS_KEY', secret_name: 'cosmos-key' },
              ],
            })],
          },
        }),
        b.search(),
        b.openaiAccount(),
        // A credential given to the attribute made to receive it is not an exposure.
        b.res('random_password', 'pg', { length: 32, special: true }),
        b.res('azurerm_postgresql_flexible_server', 'pg', {
          name: 'psql-platform',
          resource_group_name: 'rg-platform',
          location: 'swedencentral',
          sku_name: 'B_Standard_B1ms',
          administrator_login: 'pgadmin',
          administrator_password: '${random_password.pg.result}',
        }),
      ],
      outputs: [{ name: 'cosmos_endpoint', value: '${azurerm_cosmosdb_account.graph.endpoint}' }],
    },
    bad: {
      env: 'dev',
      resources: [
        b.cosmosGremlin(),
        b.cosmosNoSql('telemetry', { local_authentication_disabled: undefined }),
        // The allowed sink: not reported.
        b.keyVaultSecret('cosmos_key', KEY),
        b.containerApp('api', {
          template: {
            container: [b.container({
              env: [{ name: 'COSMOS_KEY', value: KEY }],
            })],
          },
        }),
        // A literal connection string pasted into an environment variable.
        b.containerApp('worker', {
          template: {
            container: [b.container({
              name: 'worker',
              env: [{ name: 'STORAGE_CONNECTION', value: 'DefaultEndpointsProtocol=https;AccountName=stplatform;AccountKey=bm90LWEtcmVhbC1rZXk=' }],
            })],
          },
        }),
        b.search({ local_authentication_enabled: undefined }),
        b.openaiAccount({ local_auth_enabled: true }),
      ],
      outputs: [
        { name: 'cosmos_primary_key', value: KEY, sensitive: true },
        { name: 'cosmos_connection', value: '${base64encode(azurerm_cosmosdb_account.graph.primary_sql_connection_string)}' },
      ],
    },
    expected: [
      'output.cosmos_primary_key',
      'output.cosmos_connection',
      'azurerm_container_app.api',
      'azurerm_container_app.worker',
      'azurerm_cosmosdb_account.telemetry',
      'azurerm_search_service.search',
      'azurerm_cognitive_account.openai',
    ],
  },
  {
    service: 'registry',
    rule: 'no_admin_users',
    id: 'no-admin-users',
    good: {
      env: 'dev',
      resources: [b.registry(), b.identity(), b.acrPull(), b.containerApp('api')],
    },
    bad: {
      env: 'dev',
      resources: [
        b.registry({ admin_enabled: true }),
        b.containerApp('api', {
          identity: undefined,
          registry: [{
            server: '${azurerm_container_registry.acr.login_server}',
            username: '${azurerm_container_registry.acr.admin_username}',
            password_secret_name: 'acr-password',
          }],
          secret: [{ name: 'acr-password', value: '${azurerm_container_registry.acr.admin_password}' }],
        }),
        b.containerApp('worker', { identity: undefined, registry: [{ server: b.LOGIN_SERVER }] }),
      ],
    },
    expected: ['azurerm_container_registry.acr', 'azurerm_container_app.api', 'azurerm_container_app.worker'],
  },
  {
    service: 'containerapps',
    rule: 'scale_to_zero',
    id: 'scale-to-zero',
    good: {
      env: 'dev',
      resources: [
        b.containerApp('api'),
        b.containerApp('worker', { template: { min_replicas: undefined, max_replicas: 2 } }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.containerApp('api', { template: { min_replicas: 1 } }),
        // max_replicas unset: the provider default 10 is above the dev cap of 3.
        b.containerApp('worker', { template: { max_replicas: undefined } }),
      ],
    },
    expected: ['azurerm_container_app.api', 'azurerm_container_app.worker'],
  },
  {
    service: 'cost',
    rule: 'budget_required',
    id: 'budget-required',
    good: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        b.budget(100),
        // Recipients known only after apply (an action group created with the budget): unknown in a plan.
        b.res('azurerm_monitor_action_group', 'finops', { name: 'ag-finops', resource_group_name: '${azurerm_resource_group.main.name}', short_name: 'finops' }),
        b.res('azurerm_consumption_budget_subscription', 'platform', {
          name: 'budget-subscription',
          subscription_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
          amount: 500,
          time_period: { start_date: '2026-01-01T00:00:00Z' },
          notification: [
            b.notification('Actual', { contact_emails: undefined, contact_roles: ['Owner'] }),
            b.notification('Forecasted', { contact_emails: undefined, contact_groups: ['${azurerm_monitor_action_group.finops.id}'] }),
          ],
        }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        b.budget(100, { notification: [b.notification('Actual'), b.notification('Forecasted', { enabled: false })] }),
        b.res('azurerm_consumption_budget_subscription', 'empty', {
          name: 'budget-empty',
          subscription_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
          amount: 0,
          time_period: { start_date: '2026-01-01T00:00:00Z' },
          notification: [b.notification('Actual', { contact_emails: [] })],
        }),
        // A management group budget whose forecast alert has nobody to tell.
        b.res('azurerm_consumption_budget_management_group', 'landing_zones', {
          name: 'budget-landing-zones',
          management_group_id: '/providers/Microsoft.Management/managementGroups/landing-zones',
          amount: 1000,
          time_period: { start_date: '2026-01-01T00:00:00Z' },
          notification: [b.notification('Actual'), b.notification('Forecasted', { contact_emails: [] })],
        }),
      ],
    },
    expected: [
      'azurerm_consumption_budget_resource_group.monthly',
      'azurerm_consumption_budget_subscription.empty',
      'azurerm_consumption_budget_management_group.landing_zones',
    ],
  },
  {
    service: 'openai',
    rule: 'openai_capacity_cap',
    id: 'openai-capacity-cap',
    good: {
      env: 'dev',
      resources: [
        b.openaiAccount(),
        b.openaiDeployment('gpt41', { sku: { capacity: 20 } }),
        // capacity unset: the provider default is 1 (1,000 TPM).
        b.openaiDeployment('embeddings', {
          name: 'text-embedding-3-small',
          model: { name: 'text-embedding-3-small', version: '1' },
          sku: { name: 'Standard', capacity: undefined },
        }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.openaiAccount(),
        // The audited system: GPT-4.1 at 300K TPM for a demo.
        b.openaiDeployment('gpt41', { sku: { capacity: 300 } }),
        b.openaiDeployment('ptu', { sku: { name: 'GlobalProvisionedManaged', capacity: 15 } }),
      ],
    },
    expected: ['azurerm_cognitive_deployment.gpt41', 'azurerm_cognitive_deployment.ptu'],
  },
  {
    service: 'monitoring',
    rule: 'log_analytics_retention',
    id: 'log-analytics-retention',
    good: { env: 'dev', resources: [b.logAnalytics()] },
    bad: {
      env: 'dev',
      resources: [
        b.logAnalytics({ retention_in_days: undefined, daily_quota_gb: undefined }),
        b.res('azurerm_log_analytics_workspace', 'audit', {
          name: 'log-audit',
          location: 'swedencentral',
          resource_group_name: '${azurerm_resource_group.main.name}',
          sku: 'PerGB2018',
          retention_in_days: 365,
          daily_quota_gb: 20,
        }),
      ],
    },
    expected: ['azurerm_log_analytics_workspace.main', 'azurerm_log_analytics_workspace.audit'],
  },
  {
    service: 'registry',
    rule: 'acr_pull_identity',
    id: 'acr-pull-identity',
    good: {
      env: 'dev',
      resources: [b.registry(), b.identity(), b.acrPull(), b.containerApp('api')],
    },
    bad: {
      env: 'dev',
      resources: [
        b.registry(),
        b.identity('app'),
        b.identity('worker'),
        b.acrPull('app_acr_pull', 'app'),
        // System-assigned identity: exists only after the app, so the first pull fails.
        b.containerApp('api', {
          identity: { type: 'SystemAssigned', identity_ids: undefined },
          registry: [{ server: b.LOGIN_SERVER, identity: 'System' }],
        }),
        // User-assigned identity without an AcrPull role assignment.
        b.containerApp('worker', {
          identity: { identity_ids: ['${azurerm_user_assigned_identity.worker.id}'] },
          registry: [{ server: b.LOGIN_SERVER, identity: '${azurerm_user_assigned_identity.worker.id}' }],
        }),
        // Identity with AcrPull but not attached to the app.
        b.containerApp('jobs', {
          identity: { type: 'SystemAssigned', identity_ids: undefined },
        }),
      ],
    },
    expected: ['azurerm_container_app.api', 'azurerm_container_app.worker', 'azurerm_container_app.jobs'],
  },
  {
    service: 'keyvault',
    rule: 'key_vault_hardening',
    id: 'key-vault-hardening',
    good: {
      env: 'dev',
      resources: [
        b.keyVault(),
        // The deprecated (pre-4.42) attribute name is still accepted.
        b.res('azurerm_key_vault', 'legacy', {
          ...b.keyVault().values,
          name: 'kv-legacy',
          rbac_authorization_enabled: undefined,
          enable_rbac_authorization: true,
        }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.keyVault({
          rbac_authorization_enabled: undefined,
          purge_protection_enabled: undefined,
          network_acls: { default_action: 'Allow' },
          access_policy: [{
            tenant_id: '${data.azurerm_client_config.current.tenant_id}',
            object_id: '${data.azurerm_client_config.current.object_id}',
            secret_permissions: ['Get', 'List', 'Set'],
          }],
        }),
        b.res('azurerm_key_vault', 'open', {
          ...b.keyVault().values,
          name: 'kv-open',
          rbac_authorization_enabled: false,
          purge_protection_enabled: false,
          network_acls: undefined,
        }),
      ],
    },
    expected: ['azurerm_key_vault.main', 'azurerm_key_vault.open'],
  },
  {
    service: 'containerapps',
    rule: 'health_probes',
    id: 'health-probes',
    good: { env: 'dev', resources: [b.containerApp('api')] },
    bad: {
      env: 'dev',
      resources: [
        b.containerApp('api', { template: { container: [b.container({ liveness_probe: undefined })] } }),
        b.containerApp('worker', {
          template: { container: [b.container({ name: 'worker', liveness_probe: undefined, readiness_probe: undefined })] },
        }),
      ],
    },
    expected: ['azurerm_container_app.api', 'azurerm_container_app.worker'],
  },
  {
    service: 'containerapps',
    rule: 'https_only',
    id: 'https-only',
    good: {
      env: 'dev',
      resources: [
        b.containerApp('api'),
        // Unset: the provider default is false.
        b.containerApp('worker', { ingress: { allow_insecure_connections: undefined } }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [b.containerApp('api', { ingress: { allow_insecure_connections: true } })],
    },
    expected: ['azurerm_container_app.api'],
  },
  {
    service: 'containerapps',
    rule: 'cors_not_wildcard',
    id: 'cors-not-wildcard',
    good: {
      env: 'dev',
      resources: [
        b.containerApp('api', {
          template: {
            container: [b.container({ env: [{ name: 'CORS_ORIGINS', value: 'https://ops.example.com' }] })],
          },
        }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.containerApp('api', { ingress: { cors: { allowed_origins: ['*'], allow_credentials_enabled: true } } }),
        b.containerApp('worker', {
          ingress: { cors: { allowed_methods: ['*'], allowed_headers: ['*'] } },
          template: {
            container: [b.container({ name: 'worker', env: [{ name: 'CORS_ORIGINS', value: '*' }] })],
          },
        }),
      ],
    },
    expected: ['azurerm_container_app.api', 'azurerm_container_app.worker'],
  },
  {
    service: 'containerapps',
    rule: 'image_pinned',
    id: 'image-pinned',
    good: {
      env: 'dev',
      resources: [
        b.containerApp('api'),
        b.containerApp('worker', {
          template: {
            container: [b.container({
              name: 'worker',
              image: `${b.LOGIN_SERVER}/worker@sha256:3f1c0a5e9b7d2c4a6e8f0b1d3c5e7a9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c`,
            })],
          },
        }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.containerApp('api', { template: { container: [b.container({ image: `${b.LOGIN_SERVER}/api:latest` })] } }),
        b.containerApp('worker', { template: { container: [b.container({ name: 'worker', image: 'python' })] } }),
      ],
    },
    expected: ['azurerm_container_app.api', 'azurerm_container_app.worker'],
  },
  {
    service: 'containerapps',
    rule: 'secrets_from_key_vault',
    id: 'secrets-from-key-vault',
    good: {
      env: 'dev',
      resources: [
        b.containerApp('api', {
          secret: [{
            name: 'cosmos-key',
            key_vault_secret_id: '${azurerm_key_vault_secret.cosmos_key.versionless_id}',
            identity: '${azurerm_user_assigned_identity.app.id}',
          }],
        }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.containerApp('api', { secret: [{ name: 'cosmos-key', value: KEY }] }),
        // A Key Vault reference without the identity that reads it.
        b.containerApp('worker', {
          secret: [{ name: 'cosmos-key', key_vault_secret_id: '${azurerm_key_vault_secret.cosmos_key.versionless_id}' }],
        }),
      ],
    },
    expected: ['azurerm_container_app.api', 'azurerm_container_app.worker'],
  },
  {
    service: 'monitoring',
    rule: 'diagnostics_enabled',
    id: 'diagnostics-enabled',
    good: {
      env: 'dev',
      resources: [
        b.logAnalytics(),
        b.cosmosGremlin(),
        b.search(),
        b.keyVault(),
        b.registry(),
        b.openaiAccount(),
        b.diagnostics('cosmos', 'azurerm_cosmosdb_account.graph'),
        b.diagnostics('search', 'azurerm_search_service.search'),
        b.diagnostics('kv', 'azurerm_key_vault.main'),
        b.diagnostics('acr', 'azurerm_container_registry.acr'),
        b.diagnostics('openai', 'azurerm_cognitive_account.openai'),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.logAnalytics(),
        b.cosmosGremlin(),
        b.search(),
        b.keyVault(),
        b.diagnostics('kv', 'azurerm_key_vault.main'),
        // Sent to a storage account only: not queryable in the workspace.
        b.diagnostics('search', 'azurerm_search_service.search', {
          log_analytics_workspace_id: undefined,
          storage_account_id: '${azurerm_storage_account.logs.id}',
        }),
      ],
    },
    expected: ['azurerm_cosmosdb_account.graph', 'azurerm_search_service.search'],
  },
  {
    service: 'resilience',
    rule: 'stateful_deletion_protection',
    id: 'stateful-deletion-protection',
    good: {
      env: 'prod',
      resources: [
        b.resourceGroup(),
        b.cosmosGremlin(),
        b.keyVault(),
        b.search(),
        b.lock('cosmos', 'azurerm_cosmosdb_account.graph'),
        b.lock('search', 'azurerm_search_service.search'),
        // The registry is protected by the lock on its resource group.
        b.registry(),
        b.lock('group', 'azurerm_resource_group.main'),
      ],
    },
    bad: {
      env: 'prod',
      resources: [
        b.resourceGroup(),
        b.cosmosGremlin(),
        b.keyVault({ purge_protection_enabled: false }),
        b.search(),
        b.registry(),
        // A lock that only stops edits of another resource does not protect these.
        b.lock('workspace', 'azurerm_log_analytics_workspace.main'),
      ],
    },
    expected: [
      'azurerm_cosmosdb_account.graph',
      'azurerm_key_vault.main',
      'azurerm_search_service.search',
      'azurerm_container_registry.acr',
    ],
  },
  {
    service: 'network',
    rule: 'public_network_restricted',
    id: 'public-network-restricted',
    good: {
      env: 'dev',
      resources: [
        b.cosmosGremlin(),
        b.search(),
        b.keyVault(),
        b.openaiAccount(),
        b.registry({ sku: 'Premium', public_network_access_enabled: false }),
        // Public endpoints behind deny-by-default firewalls.
        b.cosmosNoSql('telemetry', { public_network_access_enabled: true, ip_range_filter: ['203.0.113.10/32'] }),
        b.res('azurerm_search_service', 'docs', { ...b.search().values, name: 'srch-docs', public_network_access_enabled: true, allowed_ips: ['203.0.113.10/32'] }),
        b.res('azurerm_key_vault', 'apps', { ...b.keyVault().values, name: 'kv-apps', public_network_access_enabled: true }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.cosmosGremlin('graph', { public_network_access_enabled: true }),
        b.search({ public_network_access_enabled: undefined }),
        b.registry(),
        b.keyVault({ public_network_access_enabled: undefined, network_acls: { default_action: 'Allow' } }),
        // The portal's "Accept connections from within public Azure datacenters" adds 0.0.0.0: every
        // Azure IP of any tenant passes, so the office IP beside it restricts nothing.
        b.cosmosNoSql('telemetry', { public_network_access_enabled: true, ip_range_filter: ['203.0.113.10/32', '0.0.0.0'] }),
        b.res('azurerm_search_service', 'docs', { ...b.search().values, name: 'srch-docs', public_network_access_enabled: true, allowed_ips: ['0.0.0.0/0'] }),
      ],
    },
    expected: [
      'azurerm_cosmosdb_account.graph',
      'azurerm_cosmosdb_account.telemetry',
      'azurerm_search_service.search',
      'azurerm_search_service.docs',
      'azurerm_container_registry.acr',
      'azurerm_key_vault.main',
    ],
  },
  {
    service: 'network',
    rule: 'min_tls_version',
    id: 'min-tls-version',
    good: {
      env: 'dev',
      resources: [
        b.cosmosGremlin(),
        // minimal_tls_version unset: the provider default is Tls12.
        b.cosmosNoSql('telemetry', { minimal_tls_version: undefined }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.cosmosGremlin('graph', { minimal_tls_version: 'Tls11' }),
        b.res('azurerm_storage_account', 'logs', {
          name: 'stplatformlogs',
          location: 'swedencentral',
          resource_group_name: '${azurerm_resource_group.main.name}',
          account_tier: 'Standard',
          account_replication_type: 'LRS',
          min_tls_version: 'TLS1_0',
        }),
      ],
    },
    expected: ['azurerm_cosmosdb_account.graph', 'azurerm_storage_account.logs'],
  },
  {
    service: 'containerapps',
    rule: 'prod_config_sane',
    id: 'prod-config-sane',
    good: {
      env: 'prod',
      resources: [
        b.containerApp('api', {
          template: {
            container: [b.container({
              env: [
                { name: 'LOG_LEVEL', value: 'INFO' },
                { name: 'CORS_ORIGINS', value: 'https://ops.example.com' },
              ],
            })],
          },
        }),
      ],
    },
    bad: {
      env: 'prod',
      resources: [
        b.containerApp('api', {
          template: {
            container: [b.container({
              env: [
                { name: 'LOG_LEVEL', value: 'DEBUG' },
                { name: 'CORS_ORIGINS', value: 'http://localhost:5173' },
              ],
            })],
          },
        }),
        b.containerApp('worker', {
          ingress: { cors: { allowed_origins: ['https://ops.example.com', 'http://localhost:5173'] } },
        }),
      ],
    },
    expected: ['azurerm_container_app.api', 'azurerm_container_app.worker'],
  },
  {
    service: 'cosmos',
    rule: 'cosmos_continuous_backup',
    id: 'cosmos-continuous-backup',
    good: { env: 'dev', resources: [b.cosmosGremlin(), b.cosmosNoSql()] },
    bad: {
      env: 'dev',
      resources: [
        b.cosmosGremlin('graph', { backup: undefined }),
        b.cosmosNoSql('telemetry', { backup: { type: 'Periodic', interval_in_minutes: 240, retention_in_hours: 8 } }),
      ],
    },
    expected: ['azurerm_cosmosdb_account.graph', 'azurerm_cosmosdb_account.telemetry'],
  },
  {
    service: 'cost',
    rule: 'budget_covers_estimate',
    id: 'budget-covers-estimate',
    // An AI Search basic service idles at about 74 USD/month (src/cost price book): within 500 (15%),
    // above 80% of 80 (a warning) and above 50 (a deny).
    good: { env: 'dev', resources: [b.resourceGroup(), b.search(), b.budget(500)] },
    bad: { env: 'dev', resources: [b.resourceGroup(), b.search(), b.budget(50), b.budget(80, undefined, 'tight')] },
    expected: ['azurerm_consumption_budget_resource_group.monthly', 'azurerm_consumption_budget_resource_group.tight'],
  },
  ...APPLY_FAILURE_EXAMPLES,
  ...IDENTITY_EXAMPLES,
];

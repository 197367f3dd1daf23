/**
 * The good and bad example of every rule, in one place: `generate.ts` renders each in the three
 * input formats beside its rule (policies/<service>/examples/<rule_snake>/), and the policy tests
 * evaluate those files and compare with `expected`.
 */
import type { InfraDoc } from './formats';
import * as b from './builders';

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
      resources: [b.resourceGroup(), b.budget(100)],
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
      ],
    },
    expected: ['azurerm_consumption_budget_resource_group.monthly', 'azurerm_consumption_budget_subscription.empty'],
  },
];

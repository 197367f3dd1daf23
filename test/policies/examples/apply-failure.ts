/**
 * Examples of the apply-failure rules (issue 8): configurations that synthesize and validate but
 * fail at `terraform apply`, or make every later plan destructive. Part of the catalogue
 * (catalogue.ts); rendered and tested like every other example. The rules that read the date are
 * evaluated with the tests' clock (CHECK_DATE in ../harness.ts, 2026-12-05): current month 2026-12.
 * What only some formats can show (lifecycle is not in a plan; a plan's actions are not in a
 * configuration) is tested in test/policies/apply-failure.test.ts.
 */
import type { RuleExample } from './catalogue';
import * as b from './builders';
import type { Values } from './formats';

const RG = '${azurerm_resource_group.main.name}';
const LOCATION = 'swedencentral';

const subnet = (name: string, prefix: string) =>
  b.res('azurerm_subnet', name, {
    name: `snet-${name}`,
    resource_group_name: RG,
    virtual_network_name: 'vnet-platform',
    address_prefixes: [prefix],
  });

const CONSUMPTION = { name: 'Consumption', workload_profile_type: 'Consumption' };

const acaEnv = (name: string, patch?: Values) =>
  b.res('azurerm_container_app_environment', name, {
    name: `cae-${name}`,
    location: LOCATION,
    resource_group_name: RG,
    log_analytics_workspace_id: '${azurerm_log_analytics_workspace.main.id}',
    infrastructure_subnet_id: '${azurerm_subnet.aca.id}',
    workload_profile: [CONSUMPTION],
  }, patch);

const vaultEndpoint = (name: string, vault: string) =>
  b.res('azurerm_private_endpoint', name, {
    name: `pe-${name}`,
    location: LOCATION,
    resource_group_name: RG,
    subnet_id: '${azurerm_subnet.endpoints.id}',
    private_service_connection: [{
      name: name,
      private_connection_resource_id: `\${azurerm_key_vault.${vault}.id}`,
      subresource_names: ['vault'],
      is_manual_connection: false,
    }],
    private_dns_zone_group: [{ name: 'vault', private_dns_zone_ids: ['${azurerm_private_dns_zone.vault.id}'] }],
  });

const secret = (name: string, vault = 'main', patch?: Values) =>
  b.res('azurerm_key_vault_secret', name, {
    name: name.replace(/_/g, '-'),
    key_vault_id: `\${azurerm_key_vault.${vault}.id}`,
    value_wo: '${ephemeral.random_password.app.result}',
    value_wo_version: 1,
  }, patch);

const vaultKey = (name: string, patch?: Values) =>
  b.res('azurerm_key_vault_key', name, {
    name: name.replace(/_/g, '-'),
    key_vault_id: '${azurerm_key_vault.main.id}',
    key_type: 'RSA',
    key_size: 2048,
    key_opts: ['sign', 'verify'],
  }, patch);

const deployment = (name: string, model: string, version: string, sku = 'GlobalStandard') =>
  b.openaiDeployment(name, { name, model: { format: 'OpenAI', name: model, version }, sku: { name: sku, capacity: 10 } });

export const APPLY_FAILURE_EXAMPLES: RuleExample[] = [
  {
    service: 'containerapps',
    rule: 'aca_env_infra_rg',
    id: 'aca-env-infra-rg',
    good: {
      env: 'dev',
      resources: [
        subnet('aca', '10.0.0.0/23'),
        // The name is set: nothing for Azure to generate, nothing to diff.
        acaEnv('named', { infrastructure_resource_group_name: 'rg-platform-aca-infra' }),
        // A non-Consumption profile: the provider suppresses the diff against the generated name.
        acaEnv('dedicated', {
          workload_profile: [CONSUMPTION, { name: 'general', workload_profile_type: 'D4', minimum_count: 1, maximum_count: 2 }],
        }),
        // No VNet integration.
        acaEnv('public', { infrastructure_subnet_id: undefined }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [subnet('aca', '10.0.0.0/23'), acaEnv('main')],
    },
    expected: ['azurerm_container_app_environment.main'],
  },
  {
    service: 'keyvault',
    rule: 'kv_data_plane_ordering',
    id: 'kv-data-plane-ordering',
    good: {
      env: 'dev',
      resources: [
        b.keyVault(),
        vaultEndpoint('kv', 'main'),
        // An explicit depends_on on the endpoint.
        b.withMeta(secret('direct'), { dependsOn: ['azurerm_private_endpoint.kv'] }),
        // Through a wait that itself waits for the endpoint.
        b.withMeta(b.res('time_sleep', 'kv_ready', { create_duration: '60s' }), { dependsOn: ['azurerm_private_endpoint.kv'] }),
        b.withMeta(vaultKey('chained'), { dependsOn: ['time_sleep.kv_ready'] }),
        // A reference to the endpoint is a dependency too.
        secret('by_reference', 'main', { content_type: '${azurerm_private_endpoint.kv.private_service_connection[0].private_ip_address}' }),
        // A vault open to the network: its data plane needs no endpoint.
        { ...b.keyVault({ name: 'kv-open', public_network_access_enabled: true }), name: 'open' },
        secret('on_open_vault', 'open'),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.keyVault(),
        vaultEndpoint('kv', 'main'),
        b.res('azurerm_role_assignment', 'deployer_secrets', {
          scope: '${azurerm_key_vault.main.id}',
          role_definition_name: 'Key Vault Secrets Officer',
          principal_id: '${data.azurerm_client_config.current.object_id}',
        }),
        // Depends on the deployer's role assignment only (issue 8 §2).
        b.withMeta(secret('gremlin_key'), { dependsOn: ['azurerm_role_assignment.deployer_secrets'] }),
        vaultKey('signing'),
      ],
    },
    expected: ['azurerm_key_vault_secret.gremlin_key', 'azurerm_key_vault_key.signing'],
  },
  {
    service: 'cost',
    rule: 'budget_start_current',
    id: 'budget-start-current',
    good: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        b.budget(100, { time_period: { start_date: '2026-12-01T00:00:00Z' } }),
        // An existing budget keeps its old start: the plan updates it, the configuration ignores the date.
        b.withMeta(b.budget(200, { name: 'budget-kept' }, 'kept'), {
          lifecycle: { ignore_changes: ['time_period[0].start_date'] },
          action: 'update',
        }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.resourceGroup(),
        b.budget(100, { time_period: { start_date: '2026-11-01T00:00:00Z' } }),
        b.withMeta(
          b.res('azurerm_consumption_budget_subscription', 'replaced', {
            name: 'budget-subscription',
            subscription_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
            amount: 500,
            time_period: { start_date: '2026-01-01T00:00:00Z' },
            notification: [b.notification('Actual'), b.notification('Forecasted')],
          }),
          { action: 'replace' },
        ),
      ],
    },
    expected: ['azurerm_consumption_budget_resource_group.monthly', 'azurerm_consumption_budget_subscription.replaced'],
  },
  {
    service: 'openai',
    rule: 'openai_model_current',
    id: 'openai-model-current',
    good: {
      env: 'dev',
      resources: [
        b.openaiAccount(),
        deployment('gpt-5.1', 'gpt-5.1', '2025-11-13'),
        // Retires 2027-02-06.
        deployment('gpt-5-mini', 'gpt-5-mini', '2025-08-07'),
        // Not in the table: not a finding.
        deployment('in-house', 'contoso-tuned', '7'),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.openaiAccount(),
        // Retired 2026-10-14 (issue 8 §4).
        deployment('gpt-4.1-mini', 'gpt-4.1-mini', '2025-04-14'),
        // Standard deployments retired 2026-03-31 (other SKUs 2026-10-01).
        deployment('gpt-4o', 'gpt-4o', '2024-08-06', 'Standard'),
      ],
    },
    expected: ['azurerm_cognitive_deployment.gpt-4.1-mini', 'azurerm_cognitive_deployment.gpt-4o'],
  },
  {
    service: 'monitoring',
    rule: 'diagnostics_destination_type',
    id: 'diagnostics-destination-type',
    good: {
      env: 'dev',
      resources: [
        b.logAnalytics(),
        b.search(),
        b.openaiAccount(),
        b.cosmosNoSql(),
        b.diagnostics('search', 'azurerm_search_service.search'),
        b.diagnostics('openai', 'azurerm_cognitive_account.openai', { log_analytics_destination_type: 'AzureDiagnostics' }),
        // Cosmos DB has resource-specific tables.
        b.diagnostics('telemetry', 'azurerm_cosmosdb_account.telemetry', { log_analytics_destination_type: 'Dedicated' }),
      ],
    },
    bad: {
      env: 'dev',
      resources: [
        b.logAnalytics(),
        b.search(),
        b.openaiAccount(),
        b.diagnostics('search', 'azurerm_search_service.search', { log_analytics_destination_type: 'Dedicated' }),
        b.diagnostics('openai', 'azurerm_cognitive_account.openai', { log_analytics_destination_type: 'Dedicated' }),
      ],
    },
    expected: ['azurerm_monitor_diagnostic_setting.search', 'azurerm_monitor_diagnostic_setting.openai'],
  },
  {
    service: 'resilience',
    rule: 'lock_without_prevent_destroy',
    id: 'lock-without-prevent-destroy',
    // prevent_destroy itself is not in a plan: apply-failure.test.ts shows it in CDKTF/HCL.
    good: {
      env: 'prod',
      resources: [
        b.cosmosGremlin(),
        // A lock on a group this configuration does not manage: its destroy cannot delete the group.
        b.lock('shared', 'x', { scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared' }),
      ],
    },
    bad: {
      env: 'prod',
      resources: [
        b.resourceGroup(),
        b.cosmosGremlin(),
        b.lock('graph', 'azurerm_cosmosdb_account.graph'),
        b.lock('rg', 'azurerm_resource_group.main'),
      ],
    },
    expected: ['azurerm_cosmosdb_account.graph', 'azurerm_resource_group.main'],
  },
];

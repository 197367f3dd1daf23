/**
 * The checker on inputs written the way real users write Terraform, not rendered from the rule
 * catalogue (test/fixtures/unseen/, described in its README): variables with defaults and tfvars,
 * locals, dynamic blocks, for_each/count, nested and keyed modules, function calls, provider
 * defaults by omission; and hand-written `terraform show -json` plans with module calls, keyed
 * instances, unknown values, sensitive values, deletes, a deposed object, a forgotten resource and
 * data sources. Each expected finding is what a careful reviewer would report, with the reason.
 */
import { join } from 'node:path';
import type { Finding } from '../../src/policy/types';
import { loadPack, pairs } from './harness';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');
const INPUTS = ['hcl-shop', 'hcl-budgets', 'hcl-functions', 'hcl-tfvars', 'hcl-conditionals', 'defaults-hcl', 'defaults.plan.json', 'platform.plan.json', 'destroy.plan.json'];

let findings: Map<string, Finding[]>;

beforeAll(async () => {
  findings = await loadPack().checkAll(INPUTS.map((i) => join(UNSEEN, i)));
});

const of = (input: string): Finding[] => findings.get(join(UNSEEN, input))!;
const messages = (input: string, rule: string, address: string): string[] =>
  of(input).filter((f) => f.rule === rule && f.address === address).map((f) => f.message).sort();

test('hcl-shop: variable defaults, locals, dynamic env, splats, for_each diagnostics, nested modules, .tf.json budget', () => {
  expect(pairs(of('hcl-shop'))).toEqual([
    // start_date 2025-01-01 in budget.tf.json, before the tests' month (warn: a configuration
    // cannot say whether the budget exists)
    'budget-start-current azurerm_consumption_budget_resource_group.shop',
    // backup left out: periodic
    'cosmos-continuous-backup azurerm_cosmosdb_account.main',
    // the worker module has a liveness probe only; module "workers" has for_each = var.workers, so
    // each finding is per module instance, at the address a plan gives it
    'health-probes module.workers["emails"].azurerm_container_app.this',
    'health-probes module.workers["orders"].azurerm_container_app.this',
    // one user-assigned identity for the api and both worker module instances (var.identity_id)
    'identity-per-app azurerm_user_assigned_identity.apps',
    // the emails worker's image (each.value.image in the module call) is tagged latest
    'image-pinned module.workers["emails"].azurerm_container_app.this',
    // purge_protection_enabled left out
    'key-vault-hardening azurerm_key_vault.main',
    // the CanNotDelete lock's scope is azurerm_resource_group.main.id, which has no prevent_destroy
    'lock-without-prevent-destroy azurerm_resource_group.main',
    // admin_enabled = var.acr_admin_enabled, default true, no tfvars
    'no-admin-users azurerm_container_registry.main',
    // SEARCH_API_KEY from a dynamic env block over a local holding module.search.admin_key =
    // one(azurerm_search_service.this[*].primary_key)
    'no-exposed-keys azurerm_container_app.api',
    // NoSQL account with local_authentication_disabled left out
    'no-exposed-keys azurerm_cosmosdb_account.main',
    // local_authentication_enabled left out (default true), inside a module: count = var.enabled ? 1 : 0
    // with the default true gives instance [0]
    'no-exposed-keys module.search.azurerm_search_service.this[0]',
    // a Service Bus connection string passed in a module argument map, spread by a dynamic env block
    'no-exposed-keys module.workers["emails"].azurerm_container_app.this',
    'no-exposed-keys module.workers["orders"].azurerm_container_app.this',
    // try(admin_password), a sensitive output built by a template, nonsensitive() of a module output
    'no-exposed-keys output.acr_login',
    'no-exposed-keys output.cosmos_connection',
    'no-exposed-keys output.search_query_key',
    'public-network-restricted azurerm_cosmosdb_account.main',
    'public-network-restricted module.search.azurerm_search_service.this[0]',
    // min_replicas = var.api_min_replicas, default 1
    'scale-to-zero azurerm_container_app.api',
    // max_replicas = var.max_replicas ← module argument var.worker_max_replicas, default 25 > prod cap 10
    'scale-to-zero module.workers["emails"].azurerm_container_app.this',
    'scale-to-zero module.workers["orders"].azurerm_container_app.this',
  ]);
  // Not reported: the budget lives in budget.tf.json; the four data services are each the target of
  // an instance of the for_each diagnostic setting (target_resource_id = each.value); the app environment tag comes
  // from local.tags (prod), and every data service is locked through its resource group.
  expect(messages('hcl-shop', 'no-exposed-keys', 'azurerm_container_app.api')).toEqual([
    expect.stringMatching(/^template\.0\.container\.0\.env\.3\.value refers to module\.search\.azurerm_search_service\.this\[\*\]\.primary_key /),
  ]);
  expect(messages('hcl-shop', 'no-exposed-keys', 'module.workers["orders"].azurerm_container_app.this')).toEqual([
    expect.stringMatching(/^template\.0\.container\.0\.env\.1\.value refers to azurerm_servicebus_namespace\.main\.default_primary_connection_string /),
  ]);
});

test('hcl-budgets: the three budget scopes, notifications disabled or without recipients', () => {
  expect(pairs(of('hcl-budgets'))).toEqual([
    // the forecast notification is disabled
    'budget-required azurerm_consumption_budget_management_group.landing_zone',
    // dynamic notifications whose contact_emails = var.budget_emails keeps its empty default
    'budget-required azurerm_consumption_budget_resource_group.team',
    // amount 0; the only alert (Actual) goes to var.finops_group_id == null ? [] : [...], default null;
    // no Forecasted alert
    'budget-required azurerm_consumption_budget_subscription.sandbox',
    // every budget starts in 2025-01, before the tests' month (warn)
    'budget-start-current azurerm_consumption_budget_management_group.landing_zone',
    'budget-start-current azurerm_consumption_budget_resource_group.team',
    'budget-start-current azurerm_consumption_budget_subscription.platform',
    'budget-start-current azurerm_consumption_budget_subscription.sandbox',
  ]);
  expect(messages('hcl-budgets', 'budget-required', 'azurerm_consumption_budget_management_group.landing_zone')).toEqual([
    expect.stringContaining('threshold_type = Forecasted'),
  ]);
  expect(messages('hcl-budgets', 'budget-required', 'azurerm_consumption_budget_resource_group.team')).toEqual([
    expect.stringContaining('threshold_type = Actual'),
    expect.stringContaining('threshold_type = Forecasted'),
  ]);
  expect(messages('hcl-budgets', 'budget-required', 'azurerm_consumption_budget_subscription.sandbox')).toEqual([
    expect.stringContaining('amount is not above 0'),
    expect.stringContaining('threshold_type = Actual'),
    expect.stringContaining('threshold_type = Forecasted'),
  ]);
});

test('hcl-functions: keys through join/for, format, base64encode(lookup), try, coalesce, a sensitive variable; credential inputs are not exposures', () => {
  expect(pairs(of('hcl-functions'))).toEqual([
    'budget-required *',
    'diagnostics-enabled azurerm_cosmosdb_account.c',
    'diagnostics-enabled azurerm_search_service.s',
    'no-exposed-keys azurerm_container_app_job.worker',
    // a for expression over the search and Cosmos keys, nonsensitive() inside
    'no-exposed-keys output.search_keys',
    // a heredoc template with the storage key, marked sensitive
    'no-exposed-keys output.storage_connection',
    // the dynamic secret blocks hold the keys as values instead of Key Vault references
    'secrets-from-key-vault azurerm_container_app_job.worker',
  ]);
  // One finding per env value that carries a credential; SEARCH_ENDPOINT and the secret_name env do not.
  expect(messages('hcl-functions', 'no-exposed-keys', 'azurerm_container_app_job.worker').map((m) => m.split(' ')[0])).toEqual([
    'template.0.container.0.env.0.value', // join(";", [for k, v in local.conn_parts : "${k}=${v}"])
    'template.0.container.0.env.1.value', // format("...?%s", data.azurerm_storage_account_sas.read.sas)
    'template.0.container.0.env.2.value', // base64encode(lookup(local.keys, "search", ""))
    'template.0.container.0.env.3.value', // try(local.keys.cosmos, "")
    'template.0.container.0.env.4.value', // coalesce(var.storage_key_override, ...primary_access_key)
    'template.0.container.0.env.5.value', // var.db_password, declared sensitive
  ]);
  // The SAS data source's connection_string input is where a connection string belongs.
  expect(of('hcl-functions').filter((f) => f.address.startsWith('data.'))).toEqual([]);
});

test('hcl-tfvars: terraform.tfvars and *.auto.tfvars.json win over defaults, override files are merged last, .tf.json files are read', () => {
  expect(pairs(of('hcl-tfvars'))).toEqual([
    // the budget in budget.tf.json starts in 2025-01 (warn)
    'budget-start-current azurerm_consumption_budget_resource_group.main',
    'diagnostics-enabled azurerm_container_registry.acr',
    // admin_enabled = var.acr_admin: default true, not overridden
    'no-admin-users azurerm_container_registry.acr',
    // worker_min_replicas = 2 from ops.auto.tfvars.json
    'scale-to-zero azurerm_container_app.worker',
    // environment = "prod" from terraform.tfvars makes the production rules apply
    'stateful-deletion-protection azurerm_container_registry.acr',
    'public-network-restricted azurerm_container_registry.acr',
  ].sort());
  // Not reported: api_max_replicas 8 (tfvars) instead of the default 30; the worker image pinned
  // in images_override.tf.
});

test('hcl-conditionals: one configuration for every environment, decided by conditionals, lookup, merge, coalesce', () => {
  expect(pairs(of('hcl-conditionals'))).toEqual([
    // the budget starts in 2025-01 (warn)
    'budget-start-current azurerm_consumption_budget_resource_group.rg',
    // join(",", ["https://search.example.com", local.is_prod ? "*" : "http://localhost:3000"])
    'cors-not-wildcard azurerm_container_app.api',
    // the prod lock (count = local.is_prod ? 1 : 0) on the resource group, which has no prevent_destroy
    'lock-without-prevent-destroy azurerm_resource_group.rg',
    // LOG_LEVEL = local.is_prod ? "DEBUG" : "INFO"; the environment is prod (tags = merge(local.common_tags, ...))
    'prod-config-sane azurerm_container_app.api',
    // allowed_ips = var.enable_private_endpoints ? [...] : [] with the default false: no firewall
    'public-network-restricted azurerm_search_service.s',
    // min_replicas = local.is_prod ? local.sizes["prod"].min : 0
    'scale-to-zero azurerm_container_app.api',
    // min_replicas = var.worker_scaling.min: optional(number, 1) in the type, default {}
    'scale-to-zero azurerm_container_app.worker',
  ]);
  // Not reported: lookup(...).max = 6 within the prod cap; Search local auth = !local.is_prod;
  // Key Vault purge protection and Deny ACL from local.is_prod; admin_enabled = coalesce(null, false);
  // the registry closed in prod; retention 90 and quota coalesce(null, 10) in the prod range; the
  // for-expression map of diagnostic targets; for stateful-deletion-protection, the prod lock (count = local.is_prod ? 1 : 0) on the
  // resource group; dynamic budget notifications over toset(["Actual", "Forecasted"]); the image
  // tag "${local.is_prod ? "1.4.0" : "latest"}" is 1.4.0.
});

const DEFAULTS = [
  // the subscription budget starts in 2025-06: a warning in HCL, a deny in the plan that creates it
  'budget-start-current azurerm_consumption_budget_subscription.prod',
  // backup left out: periodic
  'cosmos-continuous-backup azurerm_cosmosdb_account.db',
  // purge_protection_enabled and network_acls left out
  'key-vault-hardening azurerm_key_vault.kv',
  // daily_quota_gb left out: -1, unlimited
  'log-analytics-retention azurerm_log_analytics_workspace.law',
  // local auth left at its default on AI Services, Cosmos NoSQL (kind defaults to GlobalDocumentDB), Search
  'no-exposed-keys azurerm_cognitive_account.ai',
  'no-exposed-keys azurerm_cosmosdb_account.db',
  'no-exposed-keys azurerm_search_service.search',
  // public_network_access_enabled left out: true
  'public-network-restricted azurerm_cognitive_account.ai',
  'public-network-restricted azurerm_container_registry.acr',
  'public-network-restricted azurerm_cosmosdb_account.db',
  'public-network-restricted azurerm_key_vault.kv',
  'public-network-restricted azurerm_search_service.search',
  // environment tag prod (from local.tags), no lock, Key Vault without purge protection
  'stateful-deletion-protection azurerm_container_registry.acr',
  'stateful-deletion-protection azurerm_cosmosdb_account.db',
  'stateful-deletion-protection azurerm_key_vault.kv',
  'stateful-deletion-protection azurerm_search_service.search',
];

test('provider defaults by omission: the HCL and its plan agree', () => {
  // Unset max_replicas (10) is within the prod cap; admin_enabled unset is false; each data
  // service is a target of the for_each diagnostic setting.
  expect(pairs(of('defaults-hcl'))).toEqual(
    // HCL only: retention_in_days is not set (the plan shows it unknown: Optional+Computed).
    [...DEFAULTS, 'log-analytics-retention azurerm_log_analytics_workspace.law'].filter((p, i, a) => a.indexOf(p) === i).sort(),
  );
  expect(messages('defaults-hcl', 'log-analytics-retention', 'azurerm_log_analytics_workspace.law')).toEqual([
    expect.stringContaining('daily_quota_gb is unset or -1'),
    expect.stringContaining('retention_in_days is not set'),
  ]);
  expect(pairs(of('defaults.plan.json'))).toEqual(DEFAULTS);
  expect(messages('defaults.plan.json', 'log-analytics-retention', 'azurerm_log_analytics_workspace.law')).toEqual([
    expect.stringContaining('daily_quota_gb is unset or -1'),
  ]);
  expect(of('defaults-hcl').find((f) => f.rule === 'budget-start-current')?.severity).toBe('warn');
  expect(of('defaults.plan.json').find((f) => f.rule === 'budget-start-current')?.severity).toBe('deny');
  expect(messages('defaults.plan.json', 'key-vault-hardening', 'azurerm_key_vault.kv')).toEqual(
    messages('defaults-hcl', 'key-vault-hardening', 'azurerm_key_vault.kv'),
  );
});

test('platform.plan.json: nested and keyed modules, for_each/count instances, unknown and sensitive values, deletes', () => {
  expect(pairs(of('platform.plan.json'))).toEqual([
    // Actual notification disabled, Forecasted one with no recipient
    'budget-required azurerm_consumption_budget_management_group.platform',
    // both budgets are created with a start in 2025-01, before the tests' month
    'budget-start-current azurerm_consumption_budget_management_group.platform',
    'budget-start-current azurerm_consumption_budget_subscription.monthly',
    'log-analytics-retention azurerm_log_analytics_workspace.law',
    // local_auth_enabled left out: the plan shows the provider default true
    'no-exposed-keys azurerm_cognitive_account.openai[0]',
    // COSMOS_KEY from a dynamic env block (no expression in the plan): after_sensitive marks it
    'no-exposed-keys module.apps["api"].azurerm_container_app.this',
    'no-exposed-keys module.apps["web"].azurerm_container_app.this',
    // through module.data → module.cosmos outputs; and a count instance's access key
    'no-exposed-keys output.cosmos_key_plain',
    'no-exposed-keys output.openai_key',
    // for_each deployment "gpt-4o" at 50K TPM above the dev cap of 20
    'openai-capacity-cap azurerm_cognitive_deployment.gpt["gpt-4o"]',
    // gpt-4o 2024-08-06 and gpt-4o-mini 2024-07-18 on GlobalStandard: retired 2026-10-01
    'openai-model-current azurerm_cognitive_deployment.gpt["gpt-4o"]',
    'openai-model-current azurerm_cognitive_deployment.gpt["gpt-4o-mini"]',
    'public-network-restricted azurerm_cognitive_account.openai[0]',
    // the live registry is kept although a deposed object of the same address is deleted
    'public-network-restricted azurerm_container_registry.acr',
    // max 5 and 20 above the dev cap 3, min 1
    'scale-to-zero module.apps["api"].azurerm_container_app.this',
    'scale-to-zero module.apps["web"].azurerm_container_app.this',
  ]);
  // Not reported: the subscription budget's Forecasted alert goes to an action group created in
  // the same apply (contact_groups unknown); diagnostics of each.value targets, count instance
  // openai[0] included; the deleted registry with its admin user; the forgotten storage account
  // (removed block) with TLS 1.0.
  expect(messages('platform.plan.json', 'budget-required', 'azurerm_consumption_budget_management_group.platform')).toEqual([
    expect.stringContaining('threshold_type = Actual'),
    expect.stringContaining('threshold_type = Forecasted'),
  ]);
  expect(messages('platform.plan.json', 'no-exposed-keys', 'module.apps["web"].azurerm_container_app.this')).toEqual([
    expect.stringMatching(/^template\.0\.container\.0\.env\.1\.value holds a sensitive value/),
  ]);
  expect(messages('platform.plan.json', 'scale-to-zero', 'module.apps["web"].azurerm_container_app.this')).toHaveLength(2);
});

test('destroy.plan.json: a destroy plan (every resource deleted) has nothing to budget for', () => {
  expect(pairs(of('destroy.plan.json'))).toEqual([]);
});

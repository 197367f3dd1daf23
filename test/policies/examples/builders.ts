/**
 * Compliant building blocks for policy examples: each returns a resource that passes every rule on
 * its own, and takes a patch (deep-merged; arrays replace) so that a bad example states only what
 * it breaks.
 */
import type { ResourceSpec, Values } from './formats';

function isObject(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge; `undefined` in the patch deletes the key; arrays and scalars replace. */
export function merge(base: Values, patch: Values = {}): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else if (isObject(v) && isObject(out[k])) out[k] = merge(out[k] as Values, v);
    else out[k] = v;
  }
  return out;
}

const RG = '${azurerm_resource_group.main.name}';
const LOCATION = 'swedencentral';
export const LOGIN_SERVER = 'acrplatform.azurecr.io';

export function res(type: string, name: string, values: Values, patch?: Values): ResourceSpec {
  return { type, name, values: merge(values, patch) };
}

/** The same resource with meta-arguments (depends_on, lifecycle) or a plan action. */
export const withMeta = (r: ResourceSpec, meta: Pick<ResourceSpec, 'dependsOn' | 'lifecycle' | 'action'>): ResourceSpec => ({ ...r, ...meta });

export const resourceGroup = (patch?: Values) =>
  res('azurerm_resource_group', 'main', { name: 'rg-platform', location: LOCATION }, patch);

export const identity = (name = 'app', patch?: Values) =>
  res('azurerm_user_assigned_identity', name, { name: `id-${name}`, location: LOCATION, resource_group_name: RG }, patch);

export const acrPull = (name = 'app_acr_pull', principal = 'app', patch?: Values) =>
  res('azurerm_role_assignment', name, {
    scope: '${azurerm_container_registry.acr.id}',
    role_definition_name: 'AcrPull',
    principal_id: `\${azurerm_user_assigned_identity.${principal}.principal_id}`,
  }, patch);

export const registry = (patch?: Values) =>
  res('azurerm_container_registry', 'acr', {
    name: 'acrplatform',
    location: LOCATION,
    resource_group_name: RG,
    sku: 'Basic',
    admin_enabled: false,
    public_network_access_enabled: true,
  }, patch);

/** A container definition: pinned image, both probes, INFO logs. */
export function container(patch?: Values): Values {
  return merge({
    name: 'api',
    image: `${LOGIN_SERVER}/api:1.4.2`,
    cpu: 0.25,
    memory: '0.5Gi',
    env: [{ name: 'LOG_LEVEL', value: 'INFO' }],
    liveness_probe: [{ transport: 'HTTP', port: 8000, path: '/health/live' }],
    readiness_probe: [{ transport: 'HTTP', port: 8000, path: '/health/ready' }],
  }, patch);
}

export const containerApp = (name = 'api', patch?: Values) =>
  res('azurerm_container_app', name, {
    name: `ca-${name}`,
    resource_group_name: RG,
    container_app_environment_id: '${azurerm_container_app_environment.main.id}',
    revision_mode: 'Single',
    identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.app.id}'] },
    registry: [{ server: LOGIN_SERVER, identity: '${azurerm_user_assigned_identity.app.id}' }],
    ingress: {
      external_enabled: true,
      target_port: 8000,
      allow_insecure_connections: false,
      traffic_weight: [{ latest_revision: true, percentage: 100 }],
      cors: {
        allowed_origins: ['https://ops.example.com'],
        allowed_methods: ['GET', 'POST'],
        allowed_headers: ['Authorization', 'Content-Type'],
      },
    },
    template: { min_replicas: 0, max_replicas: 3, container: [container({ name })] },
  }, patch);

export const cosmosGremlin = (name = 'graph', patch?: Values) =>
  res('azurerm_cosmosdb_account', name, {
    name: `cosmos-${name}`,
    location: LOCATION,
    resource_group_name: RG,
    offer_type: 'Standard',
    kind: 'GlobalDocumentDB',
    capabilities: [{ name: 'EnableGremlin' }, { name: 'EnableServerless' }],
    consistency_policy: { consistency_level: 'Session' },
    geo_location: [{ location: LOCATION, failover_priority: 0 }],
    public_network_access_enabled: false,
    minimal_tls_version: 'Tls12',
    backup: { type: 'Continuous', tier: 'Continuous7Days' },
  }, patch);

export const cosmosNoSql = (name = 'telemetry', patch?: Values) =>
  res('azurerm_cosmosdb_account', name, {
    name: `cosmos-${name}`,
    location: LOCATION,
    resource_group_name: RG,
    offer_type: 'Standard',
    kind: 'GlobalDocumentDB',
    capabilities: [{ name: 'EnableServerless' }],
    consistency_policy: { consistency_level: 'Session' },
    geo_location: [{ location: LOCATION, failover_priority: 0 }],
    local_authentication_disabled: true,
    public_network_access_enabled: false,
    minimal_tls_version: 'Tls12',
    backup: { type: 'Continuous', tier: 'Continuous7Days' },
  }, patch);

export const search = (patch?: Values) =>
  res('azurerm_search_service', 'search', {
    name: 'srch-platform',
    location: LOCATION,
    resource_group_name: RG,
    sku: 'basic',
    local_authentication_enabled: false,
    public_network_access_enabled: false,
  }, patch);

export const openaiAccount = (patch?: Values) =>
  res('azurerm_cognitive_account', 'openai', {
    name: 'oai-platform',
    location: LOCATION,
    resource_group_name: RG,
    kind: 'OpenAI',
    sku_name: 'S0',
    custom_subdomain_name: 'oai-platform',
    local_auth_enabled: false,
    public_network_access_enabled: false,
  }, patch);

export const openaiDeployment = (name = 'gpt41', patch?: Values) =>
  res('azurerm_cognitive_deployment', name, {
    name: 'gpt-4.1',
    cognitive_account_id: '${azurerm_cognitive_account.openai.id}',
    model: { format: 'OpenAI', name: 'gpt-4.1', version: '2025-04-14' },
    sku: { name: 'GlobalStandard', capacity: 10 },
  }, patch);

export const keyVault = (patch?: Values) =>
  res('azurerm_key_vault', 'main', {
    name: 'kv-platform',
    location: LOCATION,
    resource_group_name: RG,
    tenant_id: '${data.azurerm_client_config.current.tenant_id}',
    sku_name: 'standard',
    rbac_authorization_enabled: true,
    purge_protection_enabled: true,
    soft_delete_retention_days: 7,
    public_network_access_enabled: false,
    network_acls: { bypass: 'AzureServices', default_action: 'Deny' },
  }, patch);

export const keyVaultSecret = (name: string, value: string, patch?: Values) =>
  res('azurerm_key_vault_secret', name, {
    name: name.replace(/_/g, '-'),
    key_vault_id: '${azurerm_key_vault.main.id}',
    value,
  }, patch);

export const logAnalytics = (patch?: Values) =>
  res('azurerm_log_analytics_workspace', 'main', {
    name: 'log-platform',
    location: LOCATION,
    resource_group_name: RG,
    sku: 'PerGB2018',
    retention_in_days: 30,
    daily_quota_gb: 1,
  }, patch);

export const diagnostics = (name: string, target: string, patch?: Values) =>
  res('azurerm_monitor_diagnostic_setting', name, {
    name: `diag-${name}`,
    target_resource_id: `\${${target}.id}`,
    log_analytics_workspace_id: '${azurerm_log_analytics_workspace.main.id}',
    enabled_log: [{ category_group: 'allLogs' }],
    enabled_metric: [{ category: 'AllMetrics' }],
  }, patch);

export const lock = (name: string, target: string, patch?: Values) =>
  res('azurerm_management_lock', name, {
    name: `lock-${name}`,
    scope: `\${${target}.id}`,
    lock_level: 'CanNotDelete',
    notes: 'Stateful resource: delete the lock deliberately first.',
  }, patch);

export function notification(kind: 'Actual' | 'Forecasted', patch?: Values): Values {
  return merge({
    enabled: true,
    operator: 'GreaterThan',
    threshold: kind === 'Actual' ? 80 : 100,
    threshold_type: kind,
    contact_emails: ['platform-team@example.com'],
  }, patch);
}

export const budget = (amount = 100, patch?: Values, name = 'monthly') =>
  res('azurerm_consumption_budget_resource_group', name, {
    name: 'budget-platform',
    resource_group_id: '${azurerm_resource_group.main.id}',
    amount,
    time_grain: 'Monthly',
    time_period: { start_date: '2026-01-01T00:00:00Z' },
    notification: [notification('Actual'), notification('Forecasted')],
  }, patch);

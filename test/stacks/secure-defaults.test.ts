/**
 * Each secure default asserted on the synthesized JSON of every shipped environment.
 */
import { loadEnvironments } from '../../stacks/config/load';
import { OPENAI_CAPACITY_CAP_K, MAX_REPLICAS_CAP } from '../../stacks/config/limits';
import { Json, only, resources, synthAll } from './helpers';

const configs = loadEnvironments();
const synth = synthAll();
const envs = configs.map((c) => [c.environment, c] as const);

/** Resource types that accept tags in azurerm 4.55. */
const TAGGABLE = [
  'azurerm_resource_group',
  'azurerm_log_analytics_workspace',
  'azurerm_user_assigned_identity',
  'azurerm_container_registry',
  'azurerm_key_vault',
  'azurerm_cosmosdb_account',
  'azurerm_search_service',
  'azurerm_cognitive_account',
  'azurerm_container_app_environment',
  'azurerm_container_app',
  'azurerm_monitor_action_group',
  'azurerm_virtual_network',
  'azurerm_private_endpoint',
  'azurerm_private_dns_zone',
  'azurerm_private_dns_zone_virtual_network_link',
];

/** Data services, the private-link sub-resource and DNS zone each must be reached through. */
const PRIVATE_SERVICES: [type: string, subresource: string, zone: string][] = [
  ['azurerm_key_vault', 'vault', 'privatelink.vaultcore.azure.net'],
  ['azurerm_container_registry', 'registry', 'privatelink.azurecr.io'],
  ['azurerm_search_service', 'searchService', 'privatelink.search.windows.net'],
  ['azurerm_cognitive_account', 'account', 'privatelink.openai.azure.com'],
];

/** Whether the provider binding of a resource type has a `tags` argument (read from the binding class itself). */
function isTaggable(type: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(`@cdktf/provider-azurerm/lib/${type.replace(/^azurerm_/, '').replace(/_/g, '-')}`) as Record<string, { tfResourceType?: string; prototype?: object }>;
  const cls = Object.values(mod).find((c) => c.tfResourceType === type);
  if (!cls?.prototype) throw new Error(`no binding class for ${type}`);
  return 'tagsInput' in cls.prototype;
}

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;
const nameOf = (stack: Json, type: string) => Object.keys(resources(stack, type))[0];

test('both required environments are synthesized', () => {
  expect(Object.keys(synth.json).sort()).toEqual(['dev', 'prod']);
});

describe.each(envs)('%s', (env, config) => {
  const stack = synth.json[env];
  const apps = resources(stack, 'azurerm_container_app');
  const appNames = Object.keys(config.containerApps.apps);
  /** The synthesized container app of a config app, found by its Azure name. */
  const appOf = (app: string) => Object.values(apps).find((x) => x.name === `${config.namePrefix}-${env}-${app}`)!;
  const identityRef = (app: string, attr: string) => ref('azurerm_user_assigned_identity', `app_${app.replace(/-/g, '_')}_identity`, attr);

  test('every taggable resource carries owner, environment and cost-center', () => {
    for (const type of TAGGABLE) {
      const all = Object.entries(resources(stack, type));
      expect(all.length).toBeGreaterThan(0);
      for (const [, r] of all) {
        expect(r.tags).toMatchObject({ owner: config.owner, environment: env, 'cost-center': config.costCenter });
      }
    }
  });

  test('every resource whose azurerm 4.55 binding has tags carries the required tags', () => {
    const types = Object.keys(stack.resource).filter((t) => t.startsWith('azurerm_')); // time_sleep has no tags
    const taggable = types.filter(isTaggable);
    // The derivation itself must see the known taggable types (and not, say, role assignments).
    expect(taggable).toEqual(expect.arrayContaining(TAGGABLE));
    expect(taggable).not.toContain('azurerm_role_assignment');
    for (const type of taggable)
      for (const [name, r] of Object.entries(resources(stack, type)))
        expect([`${type}.${name}`, r.tags]).toEqual([
          `${type}.${name}`,
          expect.objectContaining({ owner: config.owner, environment: env, 'cost-center': config.costCenter }),
        ]);
  });

  test('Log Analytics has explicit retention and a positive daily cap', () => {
    const ws = only(stack, 'azurerm_log_analytics_workspace');
    expect(ws.retention_in_days).toBe(config.logAnalytics.retentionInDays);
    expect(ws.daily_quota_gb).toBe(config.logAnalytics.dailyQuotaGb);
    expect(ws.daily_quota_gb).toBeGreaterThan(0);
  });

  test('diagnostic settings send Cosmos, Search, Key Vault, registry and OpenAI logs to the workspace', () => {
    const ws = ref('azurerm_log_analytics_workspace', nameOf(stack, 'azurerm_log_analytics_workspace'), 'id');
    const settings = Object.values(resources(stack, 'azurerm_monitor_diagnostic_setting'));
    const targets = settings.map((s) => s.target_resource_id as string);
    for (const type of ['azurerm_cosmosdb_account', 'azurerm_search_service', 'azurerm_key_vault', 'azurerm_container_registry', 'azurerm_cognitive_account']) {
      for (const name of Object.keys(resources(stack, type))) expect(targets).toContain(ref(type, name, 'id'));
    }
    for (const s of settings) {
      expect(s.log_analytics_workspace_id).toBe(ws);
      expect(s.enabled_log).toEqual([{ category_group: 'allLogs' }]);
      // Every metric category the target type has (Cosmos DB: Requests and SLI; the others: AllMetrics).
      const type = /^\$\{([a-z_]+)\./.exec(s.target_resource_id)![1];
      expect(s.enabled_metric).toEqual(type === 'azurerm_cosmosdb_account' ? [{ category: 'Requests' }, { category: 'SLI' }] : [{ category: 'AllMetrics' }]);
    }
    // One setting per target: both Cosmos accounts, Search, Key Vault, registry, OpenAI.
    expect(new Set(targets).size).toBe(settings.length);
    expect(settings).toHaveLength(6);
  });

  test('every data service has public network access off and a private endpoint with DNS', () => {
    const endpoints = Object.values(resources(stack, 'azurerm_private_endpoint'));
    const zones = resources(stack, 'azurerm_private_dns_zone');
    const links = Object.values(resources(stack, 'azurerm_private_dns_zone_virtual_network_link'));
    const vnet = ref('azurerm_virtual_network', nameOf(stack, 'azurerm_virtual_network'), 'id');
    const cosmos = Object.entries(resources(stack, 'azurerm_cosmosdb_account')).map(([name, a]) => {
      const gremlin = a.capabilities.some((c: Json) => c.name === 'EnableGremlin');
      return [name, gremlin ? 'Gremlin' : 'Sql', gremlin ? 'privatelink.gremlin.cosmos.azure.com' : 'privatelink.documents.azure.com'];
    });
    const services = [
      ...PRIVATE_SERVICES.map(([type, sub, zone]) => [type, nameOf(stack, type), sub, zone]),
      ...cosmos.map(([name, sub, zone]) => ['azurerm_cosmosdb_account', name, sub, zone]),
    ];
    expect(endpoints).toHaveLength(services.length);
    for (const [type, name, subresource, zone] of services) {
      expect(resources(stack, type)[name].public_network_access_enabled).toBe(false);
      const pe = endpoints.find((e) => e.private_service_connection.private_connection_resource_id === ref(type, name, 'id'));
      expect(pe).toBeDefined();
      expect(pe!.private_service_connection.subresource_names).toEqual([subresource]);
      expect(pe!.subnet_id).toBe(ref('azurerm_subnet', 'network_endpoints_subnet', 'id'));
      const [zoneName] = Object.entries(zones).find(([, z]) => z.name === zone)!;
      expect(pe!.private_dns_zone_group.private_dns_zone_ids).toEqual([ref('azurerm_private_dns_zone', zoneName, 'id')]);
      expect(links.some((l) => l.private_dns_zone_name === ref('azurerm_private_dns_zone', zoneName, 'name') && l.virtual_network_id === vnet)).toBe(true);
    }
  });

  test('the Container Apps environment runs in the delegated apps subnet of the VNet', () => {
    const cae = only(stack, 'azurerm_container_app_environment');
    expect(cae.infrastructure_subnet_id).toBe(ref('azurerm_subnet', 'network_apps_subnet', 'id'));
    const subnet = resources(stack, 'azurerm_subnet').network_apps_subnet;
    expect(subnet.address_prefixes).toEqual([config.network.appsSubnetPrefix]);
    expect(subnet.delegation[0].service_delegation.name).toBe('Microsoft.App/environments');
    expect(only(stack, 'azurerm_virtual_network').address_space).toEqual([config.network.addressSpace]);
  });

  test('the Container Apps environment ships logs to Log Analytics', () => {
    const cae = only(stack, 'azurerm_container_app_environment');
    expect(cae.logs_destination).toBe('log-analytics');
    expect(cae.log_analytics_workspace_id).toBe(ref('azurerm_log_analytics_workspace', nameOf(stack, 'azurerm_log_analytics_workspace'), 'id'));
  });

  test('one container app per configured app', () => {
    const names = Object.values(apps).map((a) => a.name);
    expect(names.sort()).toEqual(appNames.map((a) => `${config.namePrefix}-${env}-${a}`).sort());
  });

  test('every container app scales to zero with bounded replicas and an HTTP rule', () => {
    for (const app of appNames) {
      const a = appOf(app);
      const appConfig = config.containerApps.apps[app];
      expect(a.template.min_replicas).toBe(0);
      expect(a.template.max_replicas).toBe(appConfig.maxReplicas);
      expect(a.template.max_replicas).toBeLessThanOrEqual(MAX_REPLICAS_CAP[config.tier]);
      expect(a.template.termination_grace_period_seconds).toBeGreaterThan(0);
      expect(a.template.http_scale_rule).toEqual([{ name: 'http-concurrency', concurrent_requests: String(appConfig.concurrentRequests) }]);
    }
  });

  test('every container app has probes, limits, HTTPS-only ingress and explicit CORS', () => {
    for (const app of appNames) {
      const a = appOf(app);
      const appConfig = config.containerApps.apps[app];
      const [container] = a.template.container;
      expect(container.cpu).toBe(appConfig.cpu);
      expect(container.memory).toBe(appConfig.memory);
      // Consumption profile: memory is exactly twice the vCPU, or Azure rejects the revision.
      expect(parseFloat(container.memory)).toBe(container.cpu * 2);
      expect(container.memory).toMatch(/Gi$/);
      expect(container.liveness_probe).toEqual([expect.objectContaining({ transport: 'HTTP', path: appConfig.livenessPath, port: appConfig.targetPort })]);
      expect(container.readiness_probe).toEqual([expect.objectContaining({ transport: 'HTTP', path: appConfig.readinessPath, port: appConfig.targetPort })]);
      expect(a.ingress.allow_insecure_connections).toBe(false);
      expect(a.ingress.external_enabled).toBe(appConfig.ingress === 'external');
      expect(a.ingress.cors.allowed_origins).toEqual(expect.arrayContaining(config.containerApps.corsOrigins));
      for (const list of [a.ingress.cors.allowed_origins, a.ingress.cors.allowed_methods, a.ingress.cors.allowed_headers])
        for (const v of list) expect(v).not.toContain('*');
      expect(a.ingress.cors.allow_credentials_enabled).toBe(false);
    }
  });

  test('every container app pulls a pinned image from the registry with its own identity', () => {
    const server = ref('azurerm_container_registry', nameOf(stack, 'azurerm_container_registry'), 'login_server');
    for (const app of appNames) {
      const a = appOf(app);
      const image: string = a.template.container[0].image;
      const { repository, digest, tag } = config.containerApps.apps[app].image;
      expect(image).toBe(digest ? `${server}/${repository}@${digest}` : `${server}/${repository}:${tag}`);
      expect(image).toMatch(/(@sha256:[0-9a-f]{64}|:(v?\d+\.\d+\.\d+\S*|[0-9a-f]{7,40}))$/);
      expect(image).not.toMatch(/:latest$/);
      expect(a.registry).toEqual([{ server, identity: identityRef(app, 'id') }]);
      expect(a.identity).toEqual({ type: 'UserAssigned', identity_ids: [identityRef(app, 'id')] });
    }
  });

  test("container app secrets are Key Vault references only, read with the app's own identity", () => {
    const all = appNames.flatMap((app) => (appOf(app).secret ?? []).map((s: Json) => [app, s] as const));
    expect(all.length).toBeGreaterThan(0);
    for (const [app, s] of all) {
      expect(s.value).toBeUndefined();
      // The versionless URI ARM returns for the secret (written through azapi, see the Gremlin key test).
      expect(s.key_vault_secret_id).toMatch(/^\$\{azapi_resource\.[a-z_]+\.output\.properties\.secretUri\}$/);
      expect(s.identity).toBe(identityRef(app, 'id'));
    }
    for (const a of Object.values(apps)) {
      for (const e of a.template.container[0].env) expect(e.value ?? '').not.toMatch(/primary_key|secondary_key|connection_string|password/);
    }
  });

  test('apps get LOG_LEVEL and their CORS origins (configured ones first) from config', () => {
    for (const app of appNames) {
      const a = appOf(app);
      const vars = Object.fromEntries(a.template.container[0].env.filter((e: Json) => 'value' in e).map((e: Json) => [e.name, e.value]));
      expect(vars.LOG_LEVEL).toBe(config.containerApps.logLevel);
      expect(vars.CORS_ORIGINS).toBe(a.ingress.cors.allowed_origins.join(','));
      expect(vars.CORS_ORIGINS.startsWith(config.containerApps.corsOrigins.join(','))).toBe(true);
      if (config.tier === 'production') {
        expect(vars.LOG_LEVEL).not.toBe('DEBUG');
        expect(vars.CORS_ORIGINS).not.toMatch(/localhost|127\.0\.0\.1|\*/);
      }
    }
  });

  test('apps are created only after their roles have propagated and the registry (and vault) are privately reachable', () => {
    for (const app of appNames) {
      const a = appOf(app);
      const key = app.replace(/-/g, '_');
      const wait = resources(stack, 'time_sleep')[`app_${key}_rbac_propagation`];
      expect(a.depends_on).toEqual(
        expect.arrayContaining([
          `time_sleep.app_${key}_rbac_propagation`,
          'azurerm_private_endpoint.network_endpoint_registry',
          'azurerm_private_dns_zone_virtual_network_link.network_zone_link_registry',
        ]),
      );
      // The wait is re-triggered by every role assignment of the app's identity.
      const assignments = [
        ...Object.keys(resources(stack, 'azurerm_role_assignment')).filter((n) => n.startsWith(`app_${key}_`)).map((n) => ref('azurerm_role_assignment', n, 'id')),
        ...Object.keys(resources(stack, 'azurerm_cosmosdb_sql_role_assignment')).filter((n) => n.startsWith(`app_${key}_`)).map((n) => ref('azurerm_cosmosdb_sql_role_assignment', n, 'id')),
      ];
      expect(Object.values(wait.triggers).sort()).toEqual(assignments.sort());
      expect(wait.create_duration).toBe('10m');
      const vaultPath = ['azurerm_private_endpoint.network_endpoint_key_vault', 'azurerm_private_dns_zone_virtual_network_link.network_zone_link_keyVault'];
      if (a.secret) expect(a.depends_on).toEqual(expect.arrayContaining(vaultPath));
      else for (const d of vaultPath) expect(a.depends_on).not.toContain(d);
    }
    expect(stack.provider.time).toEqual([{}]);
    expect(stack.terraform.required_providers.time).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
  });

  test('the registry has no admin user and no anonymous pull', () => {
    const acr = only(stack, 'azurerm_container_registry');
    expect(acr.admin_enabled).toBe(false);
    expect(acr.anonymous_pull_enabled).toBe(false);
    expect(acr.sku).toBe('Premium');
    expect(acr.export_policy_enabled).toBe(false);
  });

  test('Cosmos: Gremlin graph and NoSQL telemetry, continuous backup, serverless per config, keys off for NoSQL', () => {
    const accounts = Object.values(resources(stack, 'azurerm_cosmosdb_account'));
    expect(accounts).toHaveLength(2);
    const caps = (a: Json) => a.capabilities.map((c: Json) => c.name);
    const gremlin = accounts.find((a) => caps(a).includes('EnableGremlin'))!;
    const nosql = accounts.find((a) => !caps(a).includes('EnableGremlin'))!;
    for (const a of accounts) {
      expect(a.backup).toEqual({ type: 'Continuous', tier: config.cosmos.backupTier });
      expect(caps(a).includes('EnableServerless')).toBe(config.cosmos.serverless);
    }
    expect(nosql.local_authentication_disabled).toBe(true);
    expect(gremlin.local_authentication_disabled).toBe(false);
    expect(only(stack, 'azurerm_cosmosdb_gremlin_graph').name).toBe(config.cosmos.graph.graph);
    expect(Object.values(resources(stack, 'azurerm_cosmosdb_sql_container')).map((c) => c.name)).toEqual(config.cosmos.telemetry.containers);
  });

  test('the Gremlin key goes only into a write-only Key Vault secret', () => {
    const secret = only(stack, 'azapi_resource');
    expect(secret.type).toBe('Microsoft.KeyVault/vaults/secrets@2023-07-01');
    expect(JSON.stringify(secret.body)).not.toMatch(/_key\}/);
    expect(secret.sensitive_body.properties.value).toMatch(/^\$\{azurerm_cosmosdb_account\.[a-z_]+\.primary_key\}$/);
    const keyRefs = synth.text[env].match(/\.(primary|secondary)_key\}/g) ?? [];
    expect(keyRefs).toHaveLength(1);
  });

  test('AI Search has API keys disabled and size from config', () => {
    const s = only(stack, 'azurerm_search_service');
    expect(s.local_authentication_enabled).toBe(false);
    expect(s.sku).toBe(config.search.sku);
    expect(s.replica_count).toBe(config.search.replicaCount);
    expect(s.partition_count).toBe(config.search.partitionCount);
  });

  test('Key Vault uses RBAC, purge protection, soft delete and a deny-by-default firewall', () => {
    const kv = only(stack, 'azurerm_key_vault');
    expect(kv.rbac_authorization_enabled).toBe(true);
    expect(kv.enable_rbac_authorization).toBeUndefined();
    expect(kv.purge_protection_enabled).toBe(true);
    expect(kv.soft_delete_retention_days).toBe(config.keyVault.softDeleteRetentionDays);
    expect(kv.network_acls).toEqual({ default_action: 'Deny', bypass: 'AzureServices' });
  });

  test('OpenAI: keys off, custom subdomain, capacity from config within the tier cap', () => {
    const account = only(stack, 'azurerm_cognitive_account');
    expect(account.kind).toBe('OpenAI');
    expect(account.local_auth_enabled).toBe(false);
    expect(account.custom_subdomain_name).toBe(account.name);
    expect(account.network_acls.default_action).toBe('Deny');
    const deployment = only(stack, 'azurerm_cognitive_deployment');
    expect(deployment.sku.capacity).toBe(config.openai.capacityThousandTpm);
    expect(deployment.sku.capacity).toBeLessThanOrEqual(OPENAI_CAPACITY_CAP_K[config.tier]);
    expect(deployment.model).toMatchObject({ format: 'OpenAI', ...config.openai.model });
  });

  test('a monthly budget notifies owners on actual and forecasted spend', () => {
    const budget = only(stack, 'azurerm_consumption_budget_resource_group');
    const group = ref('azurerm_monitor_action_group', nameOf(stack, 'azurerm_monitor_action_group'), 'id');
    expect(budget.amount).toBe(config.budget.amount);
    expect(budget.time_period).toEqual({ start_date: config.budget.startDate });
    expect(budget.time_grain).toBe('Monthly');
    const thresholds = (type: string) =>
      budget.notification.filter((n: Json) => n.threshold_type === type).map((n: Json) => n.threshold).sort((a: number, b: number) => a - b);
    expect(thresholds('Actual')).toEqual([50, 80, 100]);
    expect(thresholds('Forecasted')).toEqual([100]);
    // The Consumption API allows at most 5 notifications per budget.
    expect(budget.notification.length).toBeLessThanOrEqual(5);
    for (const n of budget.notification) {
      expect(n.contact_emails).toEqual(config.budget.contactEmails);
      expect(n.contact_groups).toEqual([group]);
      expect(Number.isInteger(n.threshold)).toBe(true);
    }
    const receivers = only(stack, 'azurerm_monitor_action_group').email_receiver.map((r: Json) => r.email_address);
    expect(receivers).toEqual(config.budget.contactEmails);
  });

  test('stateful resources are locked exactly when deletion protection is on', () => {
    const locks = Object.values(resources(stack, 'azurerm_management_lock'));
    if (config.tier === 'production') expect(locks).toHaveLength(6);
    if (!config.deletionProtection) {
      expect(locks).toHaveLength(0);
      return;
    }
    const scopes = locks.map((l) => l.scope);
    for (const l of locks) expect(l.lock_level).toBe('CanNotDelete');
    for (const type of ['azurerm_cosmosdb_account', 'azurerm_key_vault', 'azurerm_log_analytics_workspace', 'azurerm_container_registry', 'azurerm_search_service'])
      for (const name of Object.keys(resources(stack, type))) expect(scopes).toContain(ref(type, name, 'id'));
  });

  test('Terraform >= 1.11 is required (write-only sensitive_body of the Gremlin key secret)', () => {
    expect(stack.terraform.required_version).toBe('>= 1.11.0');
    expect(stack.terraform.required_providers.azurerm.version).toBe('4.55.0');
  });

  test('the backend follows the config', () => {
    if (config.backend.type === 'local') expect(stack.terraform.backend).toEqual({ local: { path: config.backend.path ?? `terraform.${env}.tfstate` } });
    else expect(Object.keys(stack.terraform.backend)).toEqual(['azurerm']);
  });

  test('no output references a key, password or connection string, and none is sensitive', () => {
    const outputs = Object.entries(stack.output as Record<string, Json>);
    expect(outputs.length).toBeGreaterThan(0);
    for (const [name, o] of outputs) {
      expect(name).not.toMatch(/key$|password|secret|connection/i);
      expect(JSON.stringify(o.value)).not.toMatch(/(primary|secondary)(_readonly)?(_sql)?_(key|connection_string)|_key\}|password|connection_string|primary_access_key|admin_password/);
      expect(o.sensitive).toBeUndefined();
    }
  });
});

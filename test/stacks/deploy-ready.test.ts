/**
 * Issue 8: defects that synthesize fine but break `cdktf deploy` or make later plans destructive,
 * each asserted on the synthesized JSON of every shipped environment. Provider facts behind each
 * check are named in the constructs (azurerm 4.55 source files).
 */
import { loadEnvironments } from '../../stacks/config/load';
import { metricCategories, RESOURCE_SPECIFIC_TABLE_TYPES } from '../../stacks/constructs/diagnostics';
import { PRINCIPAL_PROPAGATION_WAIT } from '../../stacks/constructs/platform-app';
import { validateEnvironment } from '../../stacks/config/load';
import { Json, only, rawConfig, resources, synthAll } from './helpers';

const configs = loadEnvironments();
const synth = synthAll();

/** The resource (type + name) a `${type.name.attr}` reference points at, or undefined. */
function referenced(expr: unknown): { type: string; name: string } | undefined {
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_]+)\.[a-z_]+\}$/.exec(String(expr));
  return m ? { type: m[1], name: m[2] } : undefined;
}

describe.each(configs.map((c) => [c.environment, c] as const))('%s', (env, config) => {
  const stack = synth.json[env];

  test('item 1: the Container Apps environment names its infrastructure resource group (no replace on every plan)', () => {
    const cae = only(stack, 'azurerm_container_app_environment');
    // With a subnet and only the Consumption profile, azurerm does not suppress the diff against the
    // Azure-generated ME_… name: leaving it out replaces the environment (ForceNew) on every plan.
    expect(cae.infrastructure_subnet_id).toBeDefined();
    expect(cae.workload_profile.map((p: Json) => p.workload_profile_type)).toEqual(['Consumption']);
    expect(cae.infrastructure_resource_group_name).toBe(`rg-${config.namePrefix}-${env}-cae-infra`);
    // Azure creates that group itself: it must not be the platform's own group.
    expect(cae.infrastructure_resource_group_name).not.toBe(only(stack, 'azurerm_resource_group').name);
    expect(cae.infrastructure_resource_group_name.length).toBeLessThanOrEqual(90);
  });

  test('item 4: the OpenAI deployment uses a model version not deprecated on 2026-12-05 (not gpt-4.1-mini 2025-04-14)', () => {
    const d = only(stack, 'azurerm_cognitive_deployment');
    expect(d.model).toEqual({ format: 'OpenAI', name: config.openai.model.name, version: config.openai.model.version });
    // Azure's retirement table: gpt-4.1-mini 2025-04-14 closed to new deployments on 2026-04-14.
    expect(`${d.model.name}@${d.model.version}`).not.toBe('gpt-4.1-mini@2025-04-14');
    expect(d.model).toEqual({ format: 'OpenAI', name: 'gpt-5.4-mini', version: '2026-03-17' });
  });

  test('item 6: the budget keeps its start date once created (ignore_changes), the date itself from config', () => {
    const budget = only(stack, 'azurerm_consumption_budget_resource_group');
    expect(budget.time_period).toEqual({ start_date: config.budget.startDate });
    expect(budget.lifecycle.ignore_changes).toEqual(['time_period[0].start_date']);
    // Nothing calendar-dependent is synthesized: no timestamp() for the date.
    expect(JSON.stringify(budget)).not.toMatch(/timestamp\(|plantimestamp\(/);
  });

  test('item 7: "Dedicated" diagnostics only for types with resource-specific tables (never AI Search or OpenAI)', () => {
    const settings = Object.values(resources(stack, 'azurerm_monitor_diagnostic_setting'));
    expect(settings).toHaveLength(6);
    const byType: Record<string, (string | undefined)[]> = {};
    for (const s of settings) {
      const target = referenced(s.target_resource_id);
      expect(target).toBeDefined();
      (byType[target!.type] ??= []).push(s.log_analytics_destination_type);
    }
    expect(byType.azurerm_search_service).toEqual([undefined]);
    expect(byType.azurerm_cognitive_account).toEqual([undefined]);
    expect(byType.azurerm_key_vault).toEqual([undefined]);
    expect(byType.azurerm_cosmosdb_account).toEqual(['Dedicated', 'Dedicated']);
    expect(byType.azurerm_container_registry).toEqual(['Dedicated']);
    for (const [type, values] of Object.entries(byType))
      for (const v of values) expect(v === 'Dedicated').toBe(RESOURCE_SPECIFIC_TABLE_TYPES.has(type));
  });
});

describe.each(configs.map((c) => [c.environment, c] as const))('%s: review of the synthesized JSON', (env) => {
  const stack = synth.json[env];

  test('item 3: diagnostic settings enable the metric categories the target type has (Cosmos DB: Requests, SLI), so no perpetual diff', () => {
    for (const s of Object.values(resources(stack, 'azurerm_monitor_diagnostic_setting'))) {
      const target = referenced(s.target_resource_id)!;
      const categories = s.enabled_metric.map((m: Json) => m.category);
      // ARM reads back Requests and SLI for a Cosmos DB account whatever was sent; azurerm stores what it reads.
      if (target.type === 'azurerm_cosmosdb_account') expect(categories).toEqual(['Requests', 'SLI']);
      else expect(categories).toEqual(['AllMetrics']);
      expect(categories).toEqual([...metricCategories(target.type)]);
    }
  });

  test('item 5: Cosmos SQL role assignments wait for a new identity to reach Entra ID (time_sleep on its principal_id)', () => {
    const assignments = Object.entries(resources(stack, 'azurerm_cosmosdb_sql_role_assignment'));
    expect(assignments.length).toBeGreaterThan(0);
    const sleeps = resources(stack, 'time_sleep');
    for (const [name, a] of assignments) {
      const waits = (a.depends_on ?? []).filter((d: string) => d.startsWith('time_sleep.'));
      expect([name, waits.length]).toEqual([name, 1]);
      const sleep = sleeps[waits[0].split('.')[1]];
      // Sleeps when created; a new identity (new principal_id) replaces it and so sleeps again, nothing else does.
      expect(sleep.create_duration).toBe(PRINCIPAL_PROPAGATION_WAIT);
      expect(sleep.triggers).toEqual({ principal_id: a.principal_id });
      expect(a.principal_id).toMatch(/^\$\{azurerm_user_assigned_identity\.[a-z0-9_]+\.principal_id\}$/);
    }
  });
});

describe.each(configs.map((c) => [c.environment, c] as const))('%s: the Gremlin key secret (items 2 and 9)', (env) => {
  const stack = synth.json[env];
  const secret = only(stack, 'azapi_resource');
  const account = Object.entries(resources(stack, 'azurerm_cosmosdb_account')).find(([, a]) => a.capabilities.some((c: Json) => c.name === 'EnableGremlin'))!;
  const accountRef = `azurerm_cosmosdb_account.${account[0]}`;

  test('is written through Azure Resource Manager (azapi), not the Key Vault data plane', () => {
    expect(resources(stack, 'azurerm_key_vault_secret')).toEqual({});
    expect(secret.type).toMatch(/^Microsoft\.KeyVault\/vaults\/secrets@\d{4}-\d{2}-\d{2}$/);
    expect(secret.name).toBe('cosmos-gremlin-key');
    expect(secret.parent_id).toBe(`\${azurerm_key_vault.${Object.keys(resources(stack, 'azurerm_key_vault'))[0]}.id}`);
    expect(secret.provider).toBe('azapi');
    expect(stack.terraform.required_providers.azapi).toEqual({ source: 'Azure/azapi', version: '2.12.0' });
    // Write-only: the key is in sensitive_body only (Terraform >= 1.11), never in the stored body.
    expect(secret.sensitive_body).toEqual({ properties: { value: `\${${accountRef}.primary_key}` } });
    expect(JSON.stringify(secret.body)).not.toContain('primary_key');
    expect(stack.terraform.required_version).toBe('>= 1.11.0');
  });

  test('nothing depends on who deploys: no data-plane role for the deploying principal', () => {
    for (const [name, ra] of Object.entries(resources(stack, 'azurerm_role_assignment'))) {
      expect([name, ra.principal_id]).not.toEqual([name, expect.stringContaining('data.azurerm_client_config')]);
      expect(ra.role_definition_name).not.toBe('Key Vault Secrets Officer');
    }
    // The old deployer assignment is forgotten, not deleted, on upgrade.
    expect(stack.removed).toEqual(
      expect.arrayContaining([{ from: 'azurerm_role_assignment.key_vault_deployer_secrets_officer', lifecycle: { destroy: false } }]),
    );
  });

  test('upgrade: the data-plane secret of earlier releases is moved into the azapi resource, not forgotten (review item 1)', () => {
    // Forgetting it and creating the azapi resource fails: the secret still exists, and azapi's create
    // reads first and refuses an existing resource ("Resource already exists", azapi_resource.go).
    expect(stack.moved).toContainEqual({ from: 'azurerm_key_vault_secret.graph_db_key_secret', to: 'azapi_resource.graph_db_key_secret' });
    expect((stack.removed ?? []).map((r: Json) => r.from)).not.toContain('azurerm_key_vault_secret.graph_db_key_secret');
    expect(stack.resource.azapi_resource.graph_db_key_secret).toBe(secret);
    // Moves from azurerm into azapi_resource work in azapi 2.7.0 (key vault secret id derivation) and
    // again from 2.12.0 (2.8.0-2.11.0 fail with 'attributes "id" and "type" are required', #1173);
    // a move across resource types needs Terraform >= 1.8.
    const [major, minor] = stack.terraform.required_providers.azapi.version.split('.').map(Number);
    expect(major === 2 && minor >= 12).toBe(true);
    const [tfMajor, tfMinor] = /^>= (\d+)\.(\d+)\./.exec(stack.terraform.required_version)!.slice(1).map(Number);
    expect(tfMajor === 1 && tfMinor >= 8).toBe(true);
  });

  test('is rewritten whenever the account key changes (recreated account or regenerated key)', () => {
    const read = stack.data.azapi_resource;
    const [readName, metadata] = Object.entries(read as Record<string, Json>)[0];
    expect(metadata.type).toMatch(/^Microsoft\.DocumentDB\/databaseAccounts@/);
    expect(metadata.resource_id).toBe(`\${${accountRef}.id}`);
    expect(metadata.response_export_values).toEqual({ generated_at: 'properties.keysMetadata.primaryMasterKey.generationTime' });
    // Not a constant: the version follows the key's generation time (falling back to the account ID).
    expect(secret.sensitive_body_version).toEqual({
      'properties.value': `\${coalesce(data.azapi_resource.${readName}.output.generated_at, ${accountRef}.id)}`,
    });
  });

  test('the secret-level role assignment names the secret by the id azapi builds, after the secret is written (review item 4)', () => {
    const [vaultName] = Object.keys(resources(stack, 'azurerm_key_vault'));
    const onSecret = Object.entries(resources(stack, 'azurerm_role_assignment')).filter(([, r]) => String(r.scope).includes('/secrets/cosmos-gremlin-key'));
    expect(onSecret.map(([name]) => name)).toEqual(['app_graph_query_api_secret_cosmos_gremlin_key']);
    for (const [, ra] of onSecret) {
      // azapi's id of a child resource is parent_id + "/secrets/" + name: the same string as before, so not replaced.
      expect(ra.scope).toBe(`\${azurerm_key_vault.${vaultName}.id}/secrets/${secret.name}`);
      expect(secret.parent_id).toBe(`\${azurerm_key_vault.${vaultName}.id}`);
      expect(ra.depends_on).toEqual(['azapi_resource.graph_db_key_secret']);
    }
  });

  test('apps reference the versionless secret URI, which also orders them after the write', () => {
    const refs = Object.values(resources(stack, 'azurerm_container_app')).flatMap((a) => (a.secret ?? []).map((s: Json) => s.key_vault_secret_id));
    expect(refs).toEqual(['${azapi_resource.graph_db_key_secret.output.properties.secretUri}']);
    expect(secret.response_export_values).toEqual(['properties.secretUri']);
  });
});

describe.each(configs.map((c) => [c.environment, c] as const))('%s: deletion protection (item 5)', (env, config) => {
  const stack = synth.json[env];
  /** Every data-holding resource, by address. */
  const stateful = [
    'azurerm_cosmosdb_account',
    'azurerm_cosmosdb_gremlin_database',
    'azurerm_cosmosdb_gremlin_graph',
    'azurerm_cosmosdb_sql_database',
    'azurerm_cosmosdb_sql_container',
    'azurerm_key_vault',
    'azurerm_container_registry',
    'azurerm_search_service',
    'azurerm_log_analytics_workspace',
    'azurerm_cognitive_account',
  ].flatMap((type) => Object.entries(resources(stack, type)).map(([name, r]) => [`${type}.${name}`, r] as const));

  test('prevent_destroy is on every stateful resource exactly when deletion protection is on', () => {
    expect(stateful.length).toBeGreaterThanOrEqual(11);
    for (const [address, r] of stateful) expect([address, r.lifecycle?.prevent_destroy]).toEqual([address, config.deletionProtection ? true : undefined]);
  });

  test('each lock protects a resource with prevent_destroy, and is ordered after and replaced with what lives under its scope', () => {
    const locks = Object.values(resources(stack, 'azurerm_management_lock'));
    if (!config.deletionProtection) return expect(locks).toHaveLength(0);
    expect(locks).toHaveLength(6);
    // Resource type → the attribute naming the scope it lives under.
    const underTypes: Record<string, string> = {
      azurerm_role_assignment: 'scope',
      azurerm_monitor_diagnostic_setting: 'target_resource_id',
      azurerm_cosmosdb_sql_role_assignment: 'scope',
      azurerm_private_endpoint: 'private_service_connection',
    };
    for (const lock of locks) {
      const target = referenced(lock.scope)!;
      const protectedResource = resources(stack, target.type)[target.name];
      expect(protectedResource.lifecycle.prevent_destroy).toBe(true);
      // What the stack manages beneath the locked scope: a delete of any of them fails while the lock exists.
      const prefix = `${target.type}.${target.name}.`;
      const under = Object.entries(underTypes)
        .flatMap(([type, attr]) => Object.entries(resources(stack, type)).map(([name, r]) => [`${type}.${name}`, r[attr]] as const))
        .filter(([, scope]) => JSON.stringify(scope).includes(prefix))
        .map(([address]) => address)
        .sort();
      // Every locked resource has at least its diagnostic setting and private endpoint beneath it (the workspace: none).
      if (target.type !== 'azurerm_log_analytics_workspace') expect(under.length).toBeGreaterThanOrEqual(2);
      expect([lock.name, [...(lock.depends_on ?? [])].sort()]).toEqual([lock.name, under]);
      expect([lock.name, [...(lock.lifecycle?.replace_triggered_by ?? [])].sort()]).toEqual([lock.name, under.map((a) => `${a}.id`)]);
    }
    // The Key Vault lock covers every assignment under the vault, including those scoped to one of its
    // secrets (the Gremlin key, written by azapi_resource with parent_id = the vault): the scope is
    // written as `<vault id>/secrets/<name>`, so replacing such an assignment does not hit ScopeLocked.
    const [vaultName] = Object.keys(resources(stack, 'azurerm_key_vault'));
    const vaultLock = locks.find((l) => referenced(l.scope)!.type === 'azurerm_key_vault')!;
    const secretsInVault = Object.entries(resources(stack, 'azapi_resource'))
      .filter(([, r]) => r.parent_id === `\${azurerm_key_vault.${vaultName}.id}`)
      .map(([name]) => `azapi_resource.${name}.`);
    const underVault = Object.entries(resources(stack, 'azurerm_role_assignment'))
      .filter(([, r]) => [`azurerm_key_vault.${vaultName}.`, ...secretsInVault].some((p) => String(r.scope).includes(p)))
      .map(([name]) => `azurerm_role_assignment.${name}`);
    expect(underVault).toContain('azurerm_role_assignment.app_graph_query_api_secret_cosmos_gremlin_key');
    for (const a of underVault) {
      expect(vaultLock.depends_on).toContain(a);
      expect(vaultLock.lifecycle.replace_triggered_by).toContain(`${a}.id`);
    }
    // The Cosmos data roles sit under the telemetry lock.
    const telemetryLock = locks.find((l) => (l.depends_on ?? []).some((d: string) => d.startsWith('azurerm_cosmosdb_sql_role_assignment.')));
    expect(telemetryLock).toBeDefined();
  });
});

describe('item 10: a runner VNet named in config resolves the private endpoints', () => {
  const runner = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci/providers/Microsoft.Network/virtualNetworks/vnet-ci-runners';

  test('without runnerVnetIds the privatelink zones are linked to the stack VNet only', () => {
    for (const env of Object.keys(synth.json)) {
      const links = Object.values(resources(synth.json[env], 'azurerm_private_dns_zone_virtual_network_link'));
      expect(links).toHaveLength(6);
      for (const l of links) expect(l.virtual_network_id).toMatch(/^\$\{azurerm_virtual_network\./);
    }
  });

  test('with runnerVnetIds every zone is linked to each runner VNet as well', () => {
    const raw = rawConfig('dev');
    raw.network.runnerVnetIds = [runner];
    const { config, problems } = validateEnvironment(raw, 'config/dev.yaml');
    expect(problems).toEqual([]);
    const stack = synthAll({ configs: [config!] }).json.dev;
    const links = Object.values(resources(stack, 'azurerm_private_dns_zone_virtual_network_link'));
    const zones = Object.keys(resources(stack, 'azurerm_private_dns_zone'));
    const toRunner = links.filter((l) => l.virtual_network_id === runner);
    expect(toRunner).toHaveLength(zones.length);
    expect(new Set(toRunner.map((l) => l.private_dns_zone_name)).size).toBe(zones.length);
    for (const l of toRunner) expect([l.name, l.registration_enabled]).toEqual(['link-runner-vnet-ci-runners', false]);
  });

  test('the schema rejects anything but VNet resource IDs, and two VNets of the same name', () => {
    const raw = rawConfig('dev');
    raw.network.runnerVnetIds = ['vnet-ci-runners', runner, runner.replace('rg-ci', 'rg-other')];
    const { problems } = validateEnvironment(raw, 'config/dev.yaml');
    expect(problems).toEqual([
      expect.stringMatching(/^config\/dev\.yaml: network\.runnerVnetIds\[0\]: must be a virtual network resource ID/),
      expect.stringMatching(/^config\/dev\.yaml: network\.runnerVnetIds: .*unique/),
    ]);
  });
});

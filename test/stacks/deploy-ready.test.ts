/**
 * Issue 8: defects that synthesize fine but break `cdktf deploy` or make later plans destructive,
 * each asserted on the synthesized JSON of every shipped environment. Provider facts behind each
 * check are named in the constructs (azurerm 4.55 source files).
 */
import { loadEnvironments } from '../../stacks/config/load';
import { RESOURCE_SPECIFIC_TABLE_TYPES } from '../../stacks/constructs/diagnostics';
import { Json, only, resources, synthAll } from './helpers';

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

/**
 * How normalizePlan joins planned_values and resource_changes per address, including the shapes a
 * hand-made or damaged plan can have: an address listed twice, two changes of one instance, an
 * instance deleted and then created again, a change whose `after` is not an object.
 */
import { normalizePlan } from '../../src/input/plan';

type Json = Record<string, unknown>;

const planned = (address: string, values: Json, extra: Json = {}): Json => {
  const [type, name] = address.split('.').slice(-2);
  return { address, mode: 'managed', type, name, values, ...extra };
};

const change = (address: string, actions: string[], after: unknown, extra: Json = {}, changeExtra: Json = {}): Json => {
  const [type, name] = address.split('.').slice(-2);
  return { address, mode: 'managed', type, name, ...extra, change: { actions, before: null, after, ...changeExtra } };
};

const normalize = (doc: Json): ReturnType<typeof normalizePlan>['resources'] => normalizePlan(doc, 'plan.json').resources;

describe('planned_values joined with resource_changes', () => {
  it('takes values, marks and module from the change, and keeps a planned-only instance as planned', () => {
    const resources = normalize({
      planned_values: {
        root_module: {
          resources: [planned('azurerm_resource_group.rg', { name: 'rg' }), { ...planned('data.azurerm_client_config.me', { tenant_id: 't' }), mode: 'data', type: 'azurerm_client_config', name: 'me' }],
          child_modules: [{ address: 'module.m', resources: [planned('module.m.azurerm_key_vault.kv', { name: 'old' }, { sensitive_values: { name: true } })] }],
        },
      },
      resource_changes: [
        change('module.m.azurerm_key_vault.kv', ['update'], { name: 'new' }, { module_address: 'module.m' }, { after_unknown: { id: true }, after_sensitive: {} }),
        change('azurerm_resource_group.rg', ['no-op'], { name: 'rg' }),
      ],
    });
    expect(resources.map((r) => r.address)).toEqual(['azurerm_resource_group.rg', 'data.azurerm_client_config.me', 'module.m.azurerm_key_vault.kv']);
    const kv = resources[2];
    expect(kv).toEqual({ address: 'module.m.azurerm_key_vault.kv', mode: 'managed', type: 'azurerm_key_vault', name: 'kv', module: 'module.m', values: { name: 'new', id: null }, unknown: ['id'], references: [], actions: ['update'] });
    expect(resources[1]).toEqual({ address: 'data.azurerm_client_config.me', mode: 'data', type: 'azurerm_client_config', name: 'me', module: '', values: { tenant_id: 't' }, unknown: [], references: [] });
    expect(resources[0].actions).toEqual(['no-op']);
  });

  it('falls back to the planned record where the change has no object after, no after_sensitive and no module_address', () => {
    const [r] = normalize({
      planned_values: { root_module: { child_modules: [{ address: 'module.m', resources: [planned('module.m.azurerm_key_vault.kv', { name: 'kv' }, { sensitive_values: { name: true } })] }] } },
      resource_changes: [change('module.m.azurerm_key_vault.kv', ['create'], null)],
    });
    expect(r).toMatchObject({ module: 'module.m', values: { name: 'kv' }, sensitive: ['name'], actions: ['create'] });
  });

  it('keeps the later record of an address planned_values lists twice', () => {
    const resources = normalize({
      planned_values: { root_module: { resources: [planned('azurerm_resource_group.rg', { name: 'first' }), planned('azurerm_resource_group.rg', { name: 'second' })] } },
    });
    expect(resources).toHaveLength(1);
    expect(resources[0].values).toEqual({ name: 'second' });
  });

  it('applies two changes of one instance in order: the second completes what the first left', () => {
    const [r] = normalize({
      planned_values: { root_module: { resources: [planned('azurerm_resource_group.rg', { name: 'planned' })] } },
      resource_changes: [
        change('azurerm_resource_group.rg', ['update'], { name: 'first' }, { module_address: 'module.x' }, { after_sensitive: { name: true } }),
        change('azurerm_resource_group.rg', ['update', 'create'], 'not an object'),
      ],
    });
    expect(r).toMatchObject({ module: 'module.x', values: { name: 'first' }, sensitive: ['name'], actions: ['update', 'create'] });
  });

  it('drops an instance that a change deletes, and starts afresh when a later change creates it again', () => {
    const resources = normalize({
      planned_values: { root_module: { resources: [planned('azurerm_resource_group.rg', { name: 'planned' }, { sensitive_values: { name: true } })] } },
      resource_changes: [change('azurerm_resource_group.rg', ['delete'], null), change('azurerm_resource_group.rg', ['create'], null)],
    });
    // The planned record went with the delete: nothing of it is a fallback for the new instance.
    expect(resources).toEqual([{ address: 'azurerm_resource_group.rg', mode: 'managed', type: 'azurerm_resource_group', name: 'rg', module: '', values: {}, unknown: [], references: [], actions: ['create'] }]);
    expect(normalize({ planned_values: { root_module: { resources: [planned('azurerm_resource_group.rg', {})] } }, resource_changes: [change('azurerm_resource_group.rg', ['forget'], null)] })).toEqual([]);
  });

  it('writes actions as strings whatever the plan holds', () => {
    const [r] = normalize({ resource_changes: [change('azurerm_resource_group.rg', ['create', 7] as unknown as string[], {})] });
    expect(r.actions).toEqual(['create', '7']);
  });
});

/**
 * Migration guard: refactors of the stacks must not destroy data. The stateful resources of the
 * shipped environments keep the Terraform address and name recorded from main before apps became
 * configuration; addresses of stateless resources that changed carry `moved` blocks whose targets exist.
 */
import recorded from '../fixtures/stacks/stateful-addresses.json';
import { LEGACY_APP_ADDRESSES, LEGACY_SHARED_ASSIGNMENTS } from '../../stacks/migrations';
import { LEGACY_KEY_SECRET_ADDRESS } from '../../stacks/constructs/cosmos-graph';
import { Json, synthAll } from './helpers';

const synth = synthAll();

/** Resource types whose replacement loses data or names others depend on. */
const STATEFUL_TYPES = new Set(
  Object.values(recorded as Record<string, Record<string, string> | string>)
    .filter((v): v is Record<string, string> => typeof v === 'object')
    .flatMap((env) => Object.keys(env).map((address) => address.split('.')[0])),
);

function stateful(stack: Json): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [type, byName] of Object.entries(stack.resource as Record<string, Record<string, Json>>))
    if (STATEFUL_TYPES.has(type)) for (const [name, r] of Object.entries(byName)) found[`${type}.${name}`] = r.name;
  return found;
}

test('the recorded list covers every stateful type the issue names', () => {
  for (const type of [
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
  ])
    expect(STATEFUL_TYPES).toContain(type);
});

test.each(['dev', 'prod'])('%s: every stateful resource keeps its recorded address and name', (env) => {
  const expected = (recorded as unknown as Record<string, Record<string, string>>)[env];
  expect(stateful(synth.json[env])).toEqual(expected);
});

test.each(['dev', 'prod'])('%s: the container apps of the audited system move to their new addresses', (env) => {
  const stack = synth.json[env];
  const moved = (stack.moved as { from: string; to: string }[]).filter((m) => m.from.startsWith('azurerm_container_app.'));
  expect(moved.map((m) => m.from).sort()).toEqual(Object.values(LEGACY_APP_ADDRESSES).sort());
  for (const { from, to } of moved) {
    expect(to.split('.')[0]).toBe(from.split('.')[0]);
    const [type, name] = to.split('.');
    expect(stack.resource[type][name]).toBeDefined();
    // No resource is left at the old address (a moved block whose source still exists is an error).
    expect(stack.resource[type][from.split('.')[1]]).toBeUndefined();
  }
  const app = (key: string) => stack.resource.azurerm_container_app[`app_${key.replace(/-/g, '_')}_container_app`];
  for (const key of Object.keys(LEGACY_APP_ADDRESSES)) expect(app(key).name).toBe(`anet-${env}-${key}`);
});

test.each(['dev', 'prod'])('%s: every moved block is one of the known migrations, and its target exists', (env) => {
  const stack = synth.json[env];
  const moved = stack.moved as { from: string; to: string }[];
  expect(moved.map((m) => m.from).sort()).toEqual([...Object.values(LEGACY_APP_ADDRESSES), LEGACY_KEY_SECRET_ADDRESS].sort());
  for (const { from, to } of moved) {
    const [type, name] = to.split('.');
    expect(stack.resource[type][name]).toBeDefined();
    expect(stack.resource[from.split('.')[0]]?.[from.split('.')[1]]).toBeUndefined();
    // Only the Gremlin key secret changes resource type (azurerm → azapi; Terraform >= 1.8, azapi >= 2.12.0).
    if (type !== from.split('.')[0]) expect([from, to]).toEqual([LEGACY_KEY_SECRET_ADDRESS, 'azapi_resource.graph_db_key_secret']);
  }
  // A `moved` and a `removed` for the same address is an error in Terraform.
  const removed = new Set((stack.removed ?? []).map((r: { from: string }) => r.from));
  for (const { from } of moved) expect(removed.has(from)).toBe(false);
});

test.each(['dev', 'prod'])('%s: the shared identity is destroyed, its assignments under locked scopes are forgotten, not deleted', (env) => {
  const stack = synth.json[env];
  expect(stack.resource.azurerm_user_assigned_identity.workload_identity).toBeUndefined();
  for (const address of LEGACY_SHARED_ASSIGNMENTS) {
    expect(stack.removed).toContainEqual({ from: address, lifecycle: { destroy: false } });
    const [type, name] = address.split('.');
    // A removed block whose resource is still declared is an error in Terraform.
    expect(stack.resource[type]?.[name]).toBeUndefined();
  }
});

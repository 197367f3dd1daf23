import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs, loadInputsSync } from '../../src/input/load';
import { normalizePlan } from '../../src/input/plan';
import type { NormalizedResource, PolicyInput } from '../../src/input/types';
import { UserError } from '../../src/cli/errors';
import { resource, targetsOf } from './helpers';

const FIX = join(__dirname, '..', 'fixtures', 'inputs');


describe('CDKTF synthesized JSON', () => {
  let inputs: PolicyInput[];
  beforeAll(async () => {
    inputs = await loadInputs(join(FIX, 'cdktf-app'));
  });

  it('loads one input per stack of a cdktf.out folder, named after the stack', () => {
    expect(inputs.map((i) => [i.format, i.stack])).toEqual([['cdktf', 'dev'], ['cdktf', 'prod']]);
    expect(inputs[0].source).toBe(join(FIX, 'cdktf-app', 'stacks', 'dev', 'cdk.tf.json'));
  });

  it('loads a single stack folder and a cdk.tf.json file the same way', async () => {
    const [fromDir] = await loadInputs(join(FIX, 'cdktf-app', 'stacks', 'dev'));
    const [fromFile] = await loadInputs(join(FIX, 'cdktf-app', 'stacks', 'dev', 'cdk.tf.json'));
    expect(fromDir.stack).toBe('dev');
    expect(fromFile.resources).toEqual(inputs[0].resources);
  });

  it('gives addresses, modes and sorted order', () => {
    expect(inputs[0].resources.map((r) => `${r.mode}:${r.address}`)).toEqual([
      'managed:azurerm_container_app.api',
      'managed:azurerm_container_registry.acr',
      'managed:azurerm_cosmosdb_account.graph',
      'data:data.azurerm_client_config.current',
    ]);
  });

  it('wraps single blocks in arrays and keeps maps (tags) as objects', () => {
    const app = resource(inputs[0], 'azurerm_container_app.api');
    const v = app.values as any;
    expect(v.template[0].min_replicas).toBe(0);
    expect(v.template[0].container[0].env[0]).toEqual({ name: 'MODE', value: 'dev' });
    expect(v.identity).toEqual([{ type: 'SystemAssigned' }]);
    expect(v.ingress[0].traffic_weight).toEqual([{ latest_revision: true, percentage: 100 }]);
    expect(v.tags).toEqual({ environment: 'dev' });
    const db = resource(inputs[0], 'azurerm_cosmosdb_account.graph').values as any;
    expect(db.consistency_policy).toEqual([{ consistency_level: 'Session' }]);
    expect(db.tags).toEqual({ environment: 'dev', owner: 'platform' });
  });

  it('drops meta-arguments and CDKTF metadata from values', () => {
    const app = resource(inputs[0], 'azurerm_container_app.api');
    expect(Object.keys(app.values)).not.toEqual(expect.arrayContaining(['//']));
    expect(app.values).not.toHaveProperty('depends_on');
    expect(resource(inputs[0], 'azurerm_cosmosdb_account.graph').values).not.toHaveProperty('lifecycle');
  });

  it('leaves omitted attributes absent (defaults by omission are the rules’ business)', () => {
    expect(resource(inputs[0], 'azurerm_container_registry.acr').values).toEqual({ name: 'acrdev', sku: 'Basic' });
  });

  it('follows a local to the key it carries, and finds references inside function calls and templates', () => {
    const app = resource(inputs[0], 'azurerm_container_app.api');
    expect(targetsOf(app, 'template.0.container.0.env.1.value')).toEqual(['azurerm_cosmosdb_account.graph.primary_key']);
    expect(targetsOf(app, 'template.0.container.0.env.2.value')).toEqual([
      'azurerm_cosmosdb_account.graph.secondary_key',
      'data.azurerm_client_config.current.tenant_id',
    ]);
    expect(targetsOf(app, 'template.0.container.0.env.0.value')).toBeUndefined();
  });

  it('lists root outputs with references, sensitivity and expression text', () => {
    expect(inputs[0].outputs).toEqual([
      { address: 'output.api_name', name: 'api_name', sensitive: true, references: ['azurerm_container_app.api.name'], value: '${azurerm_container_app.api.name}' },
      { address: 'output.graph_key', name: 'graph_key', sensitive: false, references: ['azurerm_cosmosdb_account.graph.primary_key'], value: '${azurerm_cosmosdb_account.graph.primary_key}' },
    ]);
  });

  it('follows a local HCL module called from CDKTF JSON to the resource attribute', async () => {
    const [input] = await loadInputs(join(FIX, 'cdktf-local-module'));
    const app = resource(input, 'azurerm_container_app.api');
    // The module output is evaluated: the value shows the expression it stands for, as written.
    expect((app.values as any).template[0].container[0].env).toEqual([{ name: 'K', value: '${azurerm_cosmosdb_account.graph.primary_key}' }]);
    expect(targetsOf(app, 'template.0.container.0.env.0.value')).toEqual(['azurerm_cosmosdb_account.graph.primary_key']);
  });

  it('has a synchronous variant for the synth gate that gives the same inputs', async () => {
    expect(loadInputsSync(join(FIX, 'cdktf-app'))).toEqual(inputs);
  });
});

describe('terraform show -json plans', () => {
  let plan: PolicyInput;
  beforeAll(async () => {
    [plan] = await loadInputs(join(FIX, 'plan-modules.plan.json'));
  });

  it('lists resources of nested child modules with count/for_each keys, not deleted ones', () => {
    expect(plan.format).toBe('plan');
    expect(plan.stack).toBeUndefined();
    expect(plan.resources.map((r) => r.address)).toEqual([
      'azurerm_container_registry.acr',
      'azurerm_cosmosdb_account.graph',
      'azurerm_resource_group.rg["a"]',
      'azurerm_resource_group.rg["b"]',
      'module.app.azurerm_container_app.this',
      'module.app.module.inner.azurerm_log_analytics_workspace.logs[0]',
      'module.app.module.inner.azurerm_log_analytics_workspace.logs[1]',
    ]);
    const logs = resource(plan, 'module.app.module.inner.azurerm_log_analytics_workspace.logs[1]');
    expect([logs.module, logs.type, logs.name]).toEqual(['module.app.module.inner', 'azurerm_log_analytics_workspace', 'logs']);
  });

  it('keeps planned values (provider defaults included) and marks unknown attributes as null', () => {
    expect(resource(plan, 'azurerm_container_registry.acr').values.admin_enabled).toBe(false);
    const db = resource(plan, 'azurerm_cosmosdb_account.graph');
    expect(db.values.primary_key).toBeNull();
    expect(db.unknown.sort()).toEqual(['endpoint', 'id', 'primary_key']);
    const app = resource(plan, 'module.app.azurerm_container_app.this');
    expect(app.unknown).toEqual(['id', 'template.0.container.0.env.1.value']);
    expect((app.values as any).template[0].container[0].env[1]).toEqual({ name: 'DB_KEY', secret_name: null, value: null });
  });

  it('follows references through module variables to the resource attribute', () => {
    const app = resource(plan, 'module.app.azurerm_container_app.this');
    expect(app.references).toEqual([
      { attribute: 'template.0.container.0.env.1.value', targets: ['azurerm_cosmosdb_account.graph.primary_key'] },
    ]);
    // each.key / count.index are evaluation context, a local is not in the plan's configuration.
    expect(resource(plan, 'azurerm_resource_group.rg["a"]').references).toEqual([]);
    expect(targetsOf(resource(plan, 'module.app.module.inner.azurerm_log_analytics_workspace.logs[0]'), 'retention_in_days')).toEqual([
      'module.app.module.inner.local.retention',
    ]);
  });

  it('resolves root outputs through module outputs (nested) and keeps sensitivity', () => {
    expect(plan.outputs).toEqual([
      { address: 'output.db_key', name: 'db_key', sensitive: true, references: ['azurerm_cosmosdb_account.graph.primary_key'] },
      { address: 'output.workspace', name: 'workspace', sensitive: false, references: ['module.app.module.inner.azurerm_log_analytics_workspace.logs[0].id'] },
    ]);
  });
});

describe('plans with module instances (count / for_each on a module)', () => {
  const instance = (key: string) => ({
    address: `module.svc["${key}"]`,
    resources: [
      { address: `module.svc["${key}"].azurerm_cosmosdb_account.db`, mode: 'managed', type: 'azurerm_cosmosdb_account', name: 'db', values: { name: key } },
      { address: `module.svc["${key}"].azurerm_monitor_diagnostic_setting.diag`, mode: 'managed', type: 'azurerm_monitor_diagnostic_setting', name: 'diag', values: {} },
    ],
  });
  const plan = normalizePlan(
    {
      format_version: '1.2',
      planned_values: { root_module: { child_modules: [instance('a'), instance('b')] } },
      configuration: {
        root_module: {
          outputs: { a_db: { expression: { references: ['module.svc["a"].db_id', 'module.svc["a"]', 'module.svc'] } } },
          module_calls: {
            svc: {
              for_each_expression: { references: ['var.services'] },
              module: {
                outputs: { db_id: { expression: { references: ['azurerm_cosmosdb_account.db.id', 'azurerm_cosmosdb_account.db'] } } },
                resources: [
                  { address: 'azurerm_monitor_diagnostic_setting.diag', mode: 'managed', type: 'azurerm_monitor_diagnostic_setting', name: 'diag',
                    expressions: { target_resource_id: { references: ['azurerm_cosmosdb_account.db.id', 'azurerm_cosmosdb_account.db'] } } },
                ],
              },
            },
          },
        },
      },
    },
    'plan.json',
  );

  it('points references made inside a module instance at that same instance', () => {
    expect(targetsOf(resource(plan, 'module.svc["b"].azurerm_monitor_diagnostic_setting.diag'), 'target_resource_id')).toEqual([
      'module.svc["b"].azurerm_cosmosdb_account.db.id',
    ]);
    expect(resource(plan, 'module.svc["a"].azurerm_cosmosdb_account.db').module).toBe('module.svc["a"]');
  });

  it('follows an output of a keyed module instance', () => {
    expect(plan.outputs[0].references).toEqual(['module.svc["a"].azurerm_cosmosdb_account.db.id']);
  });
});

describe('plans: which instance a reference names', () => {
  // `expressions.*.references` as Terraform 1.11 writes them (checked with terraform_data resources):
  // `x[0].id` lists `x[0].id`, `x[0]`, `x`; `x[count.index].id` lists `x` and `count.index`; a module
  // output `module.m["a.b"].out` lists `module.m["a.b"].out`, `module.m["a.b"]`.
  const refs = (...references: string[]) => ({ references });
  const plan = normalizePlan(
    {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            ...[0, 1].map((i) => ({ address: `azurerm_key_vault.kv[${i}]`, mode: 'managed', type: 'azurerm_key_vault', name: 'kv', index: i, values: {} })),
            ...['one', 'each', 'both', 'via_module', 'dotted'].map((name) => ({
              address: `azurerm_monitor_diagnostic_setting.${name}`, mode: 'managed', type: 'azurerm_monitor_diagnostic_setting', name, values: {},
            })),
          ],
          child_modules: ['a.b', 'c'].map((key) => ({
            address: `module.store["${key}"]`,
            resources: [{ address: `module.store["${key}"].azurerm_key_vault.this`, mode: 'managed', type: 'azurerm_key_vault', name: 'this', values: {} }],
          })),
        },
      },
      configuration: {
        root_module: {
          resources: [
            { address: 'azurerm_key_vault.kv', mode: 'managed', type: 'azurerm_key_vault', name: 'kv', count_expression: { constant_value: 2 }, expressions: {} },
            ...([
              ['one', refs('azurerm_key_vault.kv[0].id', 'azurerm_key_vault.kv[0]', 'azurerm_key_vault.kv')],
              ['each', refs('azurerm_key_vault.kv', 'count.index')],
              // coalesce(azurerm_key_vault.kv[0].id, azurerm_key_vault.kv[count.index].id)
              ['both', refs('azurerm_key_vault.kv[0].id', 'azurerm_key_vault.kv[0]', 'azurerm_key_vault.kv', 'azurerm_key_vault.kv', 'count.index')],
              // module.pick.id, whose output is coalesce(var.first, var.any)
              ['via_module', refs('module.pick.id', 'module.pick')],
              ['dotted', refs('module.store["a.b"].vault_id', 'module.store["a.b"]')],
            ] as const).map(([name, target]) => ({
              address: `azurerm_monitor_diagnostic_setting.${name}`, mode: 'managed', type: 'azurerm_monitor_diagnostic_setting', name,
              expressions: { target_resource_id: target },
            })),
          ],
          module_calls: {
            pick: {
              expressions: {
                first: refs('azurerm_key_vault.kv[0].id', 'azurerm_key_vault.kv[0]', 'azurerm_key_vault.kv'),
                any: refs('azurerm_key_vault.kv', 'count.index'),
              },
              module: { outputs: { id: { expression: refs('var.first', 'var.any') } } },
            },
            store: {
              for_each_expression: refs('var.stores'),
              module: { outputs: { vault_id: { expression: refs('azurerm_key_vault.this.id', 'azurerm_key_vault.this') } } },
            },
          },
        },
      },
    },
    'plan.json',
  );
  const target = (name: string) => targetsOf(resource(plan, `azurerm_monitor_diagnostic_setting.${name}`), 'target_resource_id');

  it('keeps the key of a constant index; a computed one leaves the key out (every instance)', () => {
    expect(target('one')).toEqual(['azurerm_key_vault.kv[0].id']);
    expect(target('each')).toEqual(['azurerm_key_vault.kv']);
  });

  it('lets the keyed form decide when an attribute\'s targets hold it beside the key-less one, also after following a module', () => {
    expect(target('both')).toEqual(['azurerm_key_vault.kv[0].id']);
    // var.first brings kv[0].id, var.any brings kv: one attribute, the keyed form decides
    expect(target('via_module')).toEqual(['azurerm_key_vault.kv[0].id']);
  });

  it('follows an output of a module instance whose key holds a dot', () => {
    expect(target('dotted')).toEqual(['module.store["a.b"].azurerm_key_vault.this.id']);
  });
});

describe('terraform show -json of a state', () => {
  it('reads values.root_module like planned values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-state-'));
    const file = join(dir, 'state.json');
    writeFileSync(file, JSON.stringify({
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: {
        outputs: { id: { sensitive: false, value: 'abc' } },
        root_module: { resources: [{ address: 'azurerm_resource_group.rg', mode: 'managed', type: 'azurerm_resource_group', name: 'rg', values: { name: 'rg', tags: {} } }] },
      },
    }));
    const [state] = await loadInputs(file);
    expect(state.format).toBe('plan');
    expect(state.resources).toEqual([
      { address: 'azurerm_resource_group.rg', mode: 'managed', type: 'azurerm_resource_group', name: 'rg', module: '', values: { name: 'rg', tags: {} }, unknown: [], references: [] },
    ]);
    expect(state.outputs).toEqual([{ address: 'output.id', name: 'id', sensitive: false, references: [], value: 'abc' }]);
  });
});

describe('HCL directories', () => {
  let hcl: PolicyInput;
  beforeAll(async () => {
    [hcl] = await loadInputs(join(FIX, 'hcl-modules'));
  });

  it('loads every .tf file and the local modules, nested, with module addresses', () => {
    expect(hcl.format).toBe('hcl');
    // count = 2 and for_each = toset(["api"]) give instance addresses, as a plan shows them.
    expect(hcl.resources.map((r) => r.address)).toEqual([
      'azurerm_container_registry.acr[0]',
      'azurerm_container_registry.acr[1]',
      'azurerm_cosmosdb_account.graph',
      'module.app.azurerm_container_app.this["api"]',
      'module.app.module.inner.azurerm_log_analytics_workspace.logs',
    ]);
    expect(resource(hcl, 'module.app.azurerm_container_app.this["api"]').module).toBe('module.app');
  });

  it('keeps blocks as arrays, maps as objects, omitted attributes absent; count/for_each are not values', () => {
    const db = resource(hcl, 'azurerm_cosmosdb_account.graph').values as any;
    expect(db.consistency_policy).toEqual([{ consistency_level: 'Session' }]);
    expect(db.tags).toEqual({ environment: 'dev' }); // local.env evaluated
    expect(db.name).toBe('graph-dev'); // a template of known values is joined
    const acr = resource(hcl, 'azurerm_container_registry.acr[1]').values;
    expect(acr).not.toHaveProperty('admin_enabled');
    expect(acr).not.toHaveProperty('count');
    expect(acr.name).toBe('acr1'); // "acr${count.index}" in instance 1
    expect(resource(hcl, 'azurerm_container_registry.acr[0]').values.name).toBe('acr0');
  });

  it('follows local → module variable → function call, and module outputs, to resource attributes', () => {
    const app = resource(hcl, 'module.app.azurerm_container_app.this["api"]');
    expect(targetsOf(app, 'template.0.container.0.env.0.value')).toEqual(['azurerm_cosmosdb_account.graph.primary_key']);
    expect(targetsOf(app, 'template.0.container.0.env.1.value')).toEqual([
      'module.app.module.inner.azurerm_log_analytics_workspace.logs.workspace_id',
    ]);
    expect(targetsOf(app, 'name')).toBeUndefined(); // each.key
    expect(app.values.name).toBe('api');
  });

  it('resolves outputs through a template and two module levels', () => {
    expect(hcl.outputs).toEqual([
      {
        address: 'output.db_connection',
        name: 'db_connection',
        sensitive: false,
        references: ['azurerm_cosmosdb_account.graph.primary_key'],
        value: 'AccountKey=${azurerm_cosmosdb_account.graph.primary_key};',
        location: { file: join(FIX, 'hcl-modules', 'main.tf'), line: expect.any(Number), end: expect.any(Number) },
      },
    ]);
  });

  it('loads a single .tf file', async () => {
    const [one] = await loadInputs(join(FIX, 'hcl-modules', 'modules', 'inner', 'main.tf'));
    expect(one.resources.map((r) => r.address)).toEqual(['azurerm_log_analytics_workspace.logs']);
  });
});

describe('input errors', () => {
  const fails = async (path: string): Promise<string> => {
    try {
      await loadInputs(path);
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      return (err as Error).message;
    }
    throw new Error(`${path} loaded without error`);
  };

  it('names a missing path', async () => {
    expect(await fails(join(FIX, 'nope.json'))).toBe(`${join(FIX, 'nope.json')}: no such file or directory`);
  });
  it('names the file and line of invalid JSON', async () => {
    expect(await fails(join(FIX, 'bad', 'not-json.json'))).toMatch(new RegExp(`^${join(FIX, 'bad', 'not-json.json')}:4: not valid JSON`));
  });
  it('rejects JSON that is neither a configuration nor a plan', async () => {
    expect(await fails(join(FIX, 'bad', 'neither.json'))).toMatch(/neither.json: JSON is neither a Terraform configuration/);
  });
  it('names the file and line of an HCL syntax error', async () => {
    expect(await fails(join(FIX, 'bad', 'hcl-syntax'))).toMatch(new RegExp(`^${join(FIX, 'bad', 'hcl-syntax', 'main.tf')}:3: HCL syntax error: `));
  });
  it('names the module block of a local source that is not a folder, as terraform init fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-nomod-'));
    writeFileSync(join(dir, 'main.tf'), '# landing zone\n\nmodule "network" {\n  source = "./modules/network"\n}\n');
    expect(await fails(dir)).toBe(`${join(dir, 'main.tf')}:3: module "network": source "./modules/network" is not a folder (${join(dir, 'modules', 'network')})`);
  });

  it('rejects a folder with nothing to check', async () => {
    expect(await fails(join(FIX, 'bad', 'empty-dir'))).toMatch(/empty-dir: no cdk.tf.json, cdktf.out\/stacks\/<name>\/cdk.tf.json, \*.tf or \*.tf.json files found/);
  });
});

describe('plans: unknown values and the given document', () => {
  // `after_unknown` marks at the top level and inside nested blocks, and a change whose `after`
  // has no value where the mark is (the block is created by the provider).
  const doc = () => ({
    format_version: '1.2',
    resource_changes: [
      {
        address: 'azurerm_container_app.app', mode: 'managed', type: 'azurerm_container_app', name: 'app',
        change: {
          actions: ['create'],
          after: { name: 'app', template: [{ container: [{ env: [{ name: 'K', value: 'v' }] }] }] },
          after_unknown: { id: true, template: [{ container: [{ env: [{ value: true }] }] }], ingress: [{ fqdn: true }] },
        },
      },
    ],
  });
  const expected = {
    values: { name: 'app', id: null, template: [{ container: [{ env: [{ name: 'K', value: null }] }] }], ingress: [{ fqdn: null }] },
    unknown: ['id', 'template.0.container.0.env.0.value', 'ingress.0.fqdn'],
  };

  it('leaves a document it was lent as it was', () => {
    const given = doc();
    const r = normalizePlan(given, 'plan.json').resources[0];
    expect({ values: r.values, unknown: r.unknown }).toEqual(expected);
    expect(given).toEqual(doc());
  });

  it('sets unknown values on a document it was given (inPlace), with the same result', () => {
    const given = doc();
    const r = normalizePlan(given, 'plan.json', { inPlace: true }).resources[0];
    expect({ values: r.values, unknown: r.unknown }).toEqual(expected);
    expect(r.values).toBe(given.resource_changes[0].change.after);
    // The next call without the option copies again.
    const lent = doc();
    normalizePlan(lent, 'plan.json');
    expect(lent).toEqual(doc());
  });
});

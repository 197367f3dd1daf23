/**
 * The loader on inputs it has never seen (test/fixtures/unseen/): what the rules receive from
 * dynamic blocks, variables, for_each, splats and sensitive values, in HCL and in plans; and the
 * one-line errors (exit 2) for inputs that are not Terraform at all.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { UserError } from '../../src/cli/errors';
import { loadInputs } from '../../src/input/load';
import type { NormalizedResource, PolicyInput } from '../../src/input/types';
import { resource, targetsOf } from './helpers';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');


describe('HCL: evaluation as far as the configuration allows', () => {
  let shop: PolicyInput;
  beforeAll(async () => {
    [shop] = await loadInputs(join(UNSEEN, 'hcl-shop'));
  });

  it('expands a dynamic block into one block per element of a known map, after the static blocks', () => {
    const env = (resource(shop, 'azurerm_container_app.api').values as any).template[0].container[0].env;
    expect(env.map((e: any) => e.name)).toEqual(['COSMOS_CONNECTION', 'COSMOS_ENDPOINT', 'LOG_LEVEL', 'SEARCH_API_KEY', 'SEARCH_ENDPOINT']);
    expect(env[2]).toEqual({ name: 'LOG_LEVEL', value: 'INFO' });
    expect(resource(shop, 'azurerm_container_app.api').values).not.toHaveProperty('template.0.container.0.dynamic');
  });

  it('gives variables their default (no tfvars), locals and module outputs their value, templates joined', () => {
    const api = resource(shop, 'azurerm_container_app.api').values as any;
    expect(api.template[0].min_replicas).toBe(1);
    expect(api.name).toBe('ca-shop-prod-api');
    expect(api.tags).toEqual({ environment: 'prod', costcenter: '4711' });
    expect(api.template[0].container[0].liveness_probe[0].port).toBe(8080); // nested module output
    // module "workers" has for_each = var.workers: one instance per key, as a plan shows them.
    const worker = resource(shop, 'module.workers["orders"].azurerm_container_app.this').values as any;
    expect(worker.template[0].max_replicas).toBe(25); // module argument ← root variable default
    expect(worker.template[0].min_replicas).toBe(0); // module variable default
    expect(worker.name).toBe('ca-shop-prod-orders'); // "ca-${local.prefix}-${each.key}" in the call
    expect(worker.template[0].container[0].image).toBe('shopacr.azurecr.io/orders:2.3.1'); // each.value.image
    expect((resource(shop, 'module.workers["emails"].azurerm_container_app.this').values as any).template[0].container[0].image).toBe(
      'shopacr.azurecr.io/emails:latest',
    );
    // A resource attribute stays an expression, with its text.
    expect(api.template[0].container[0].image).toBe('${azurerm_container_registry.main.login_server}/shop-api:1.8.0');
  });

  it('follows a splat to the attribute, and each.value to what the for_each collection refers to', () => {
    const api = resource(shop, 'azurerm_container_app.api');
    expect(targetsOf(api, 'template.0.container.0.env.3.value')).toEqual(['module.search.azurerm_search_service.this[*].primary_key']);
    // for_each over a map of ids: one setting per key, each.value that element's reference (a
    // module output followed into the module, to the count instance it names).
    const diag = (key: string): NormalizedResource => resource(shop, `azurerm_monitor_diagnostic_setting.data["${key}"]`);
    expect(targetsOf(diag('acr'), 'target_resource_id')).toEqual(['azurerm_container_registry.main.id']);
    expect(targetsOf(diag('cosmos'), 'target_resource_id')).toEqual(['azurerm_cosmosdb_account.main.id']);
    expect(targetsOf(diag('kv'), 'target_resource_id')).toEqual(['azurerm_key_vault.main.id']);
    expect(targetsOf(diag('search'), 'target_resource_id')).toEqual(['module.search.azurerm_search_service.this[0].id']);
    // each.key is not a reference: it is the instance's key.
    expect(targetsOf(diag('kv'), 'name')).toBeUndefined();
    expect(diag('kv').values.name).toBe('diag-kv');
  });

  it('marks values that went through a sensitive module output or variable', async () => {
    expect(resource(shop, 'azurerm_container_app.api').sensitive).toEqual(['template.0.container.0.env.3.value']);
    const [fn] = await loadInputs(join(UNSEEN, 'hcl-functions'));
    expect(resource(fn, 'azurerm_container_app_job.worker').sensitive).toEqual([
      'template.0.container.0.env.4.value',
      'template.0.container.0.env.5.value',
    ]);
    expect(targetsOf(resource(fn, 'azurerm_container_app_job.worker'), 'template.0.container.0.env.5.value')).toEqual(['var.db_password']);
  });

  it('an unknown for_each gives one block whose iterator refers to the collection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-dyn-'));
    writeFileSync(join(dir, 'main.tf'), `
variable "settings" {
  type = map(string)
}
resource "azurerm_container_app" "a" {
  template {
    container {
      name = "a"
      dynamic "env" {
        for_each = merge(var.settings, { KEY = azurerm_cosmosdb_account.db.primary_key })
        iterator = setting
        content {
          name  = setting.key
          value = setting.value
        }
      }
      dynamic "liveness_probe" {
        for_each = []
        content {
          port = 80
        }
      }
    }
  }
}
`);
    const [input] = await loadInputs(dir);
    const app = resource(input, 'azurerm_container_app.a');
    const container = (app.values as any).template[0].container[0];
    expect(container.env).toEqual([{ name: '${setting.key}', value: '${setting.value}' }]);
    expect(container.liveness_probe).toEqual([]); // for_each over an empty list: no block
    expect(targetsOf(app, 'template.0.container.0.env.0.value')).toEqual(['var.settings', 'azurerm_cosmosdb_account.db.primary_key']);
    expect(targetsOf(app, 'template.0.container.0.env.0.name')).toBeUndefined();
  });

  it('expands a CDKTF dynamic block (iterator "each", content as an object) in map key order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-cdktf-dyn-'));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({
      '//': { metadata: { stackName: 'prod' } },
      variable: { envs: { default: { LOG_LEVEL: 'DEBUG', A_URL: 'https://a.example.com' } } },
      resource: { azurerm_container_app: { api: { name: 'api', template: { container: [{
        name: 'api',
        dynamic: { env: { for_each: '${var.envs}', iterator: 'each', content: { name: '${each.key}', value: '${each.value}' } } },
      }] } } } },
    }));
    const [input] = await loadInputs(dir);
    expect(input.format).toBe('cdktf');
    expect((resource(input, 'azurerm_container_app.api').values as any).template[0].container[0].env).toEqual([
      { name: 'A_URL', value: 'https://a.example.com' },
      { name: 'LOG_LEVEL', value: 'DEBUG' },
    ]);
  });

  it('follows registry modules that terraform init installed (.terraform/modules/modules.json), nested ones included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-registry-'));
    writeFileSync(join(dir, 'main.tf'), `
module "kv" {
  source  = "Azure/avm-res-keyvault-vault/azurerm"
  version = "0.9.1"
  name    = "kv-app"
}
module "not_installed" {
  source = "git::https://example.com/modules.git//vault"
}
output "secret_value" {
  value = module.kv.secret_value
}
`);
    const installed = join(dir, '.terraform', 'modules', 'kv');
    mkdirSync(join(installed, 'modules', 'secret'), { recursive: true });
    writeFileSync(join(installed, 'main.tf'), `
variable "name" {}
resource "azurerm_key_vault" "this" {
  name = var.name
}
module "secret" {
  source = "./modules/secret"
}
output "secret_value" {
  value = module.secret.value
}
`);
    writeFileSync(join(installed, 'modules', 'secret', 'main.tf'), `
resource "azurerm_storage_account" "sa" {
  name = "st"
}
output "value" {
  value = azurerm_storage_account.sa.primary_access_key
}
`);
    writeFileSync(join(dir, '.terraform', 'modules', 'modules.json'), JSON.stringify({
      Modules: [
        { Key: '', Source: '', Dir: '.' },
        { Key: 'kv', Source: 'registry.terraform.io/Azure/avm-res-keyvault-vault/azurerm', Version: '0.9.1', Dir: '.terraform/modules/kv' },
        { Key: 'kv.secret', Source: './modules/secret', Dir: '.terraform/modules/kv/modules/secret' },
      ],
    }));
    const [input] = await loadInputs(dir);
    expect(input.resources.map((r) => r.address)).toEqual(['module.kv.azurerm_key_vault.this', 'module.kv.module.secret.azurerm_storage_account.sa']);
    expect(resource(input, 'module.kv.azurerm_key_vault.this').values).toEqual({ name: 'kv-app' });
    expect(input.outputs[0].references).toEqual(['module.kv.module.secret.azurerm_storage_account.sa.primary_access_key']);
  });

  it('each.value.x of a known for_each collection: the instance\'s element, with what it refers to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-each-'));
    writeFileSync(join(dir, 'main.tf'), `
locals {
  apps = {
    api = { image = "acr.azurecr.io/api:1.0", port = 8080, key = azurerm_cosmosdb_account.db.primary_key }
    web = { image = "acr.azurecr.io/web:2.0", port = 8080, key = azurerm_cosmosdb_account.db.secondary_key }
  }
}
resource "azurerm_container_app" "app" {
  for_each = local.apps
  name     = each.key
  template {
    container {
      name  = each.key
      image = each.value.image
      env {
        name  = "PORT"
        value = each.value.port
      }
      env {
        name  = "DB_KEY"
        value = each.value.key
      }
    }
  }
}
`);
    const [input] = await loadInputs(dir);
    expect(input.resources.map((r) => r.address)).toEqual(['azurerm_container_app.app["api"]', 'azurerm_container_app.app["web"]']);
    const api = resource(input, 'azurerm_container_app.app["api"]');
    const container = (api.values as any).template[0].container[0];
    expect(container.name).toBe('api');
    expect(container.env[0]).toEqual({ name: 'PORT', value: 8080 });
    expect(container.image).toBe('acr.azurecr.io/api:1.0');
    expect((resource(input, 'azurerm_container_app.app["web"]').values as any).template[0].container[0].image).toBe('acr.azurecr.io/web:2.0');
    // Only DB_KEY carries a key: this instance's.
    expect(api.references).toEqual([
      { attribute: 'template.0.container.0.env.1.value', targets: ['azurerm_cosmosdb_account.db.primary_key'] },
    ]);
    expect(resource(input, 'azurerm_container_app.app["web"]').references).toEqual([
      { attribute: 'template.0.container.0.env.1.value', targets: ['azurerm_cosmosdb_account.db.secondary_key'] },
    ]);
  });

  it('reads a folder holding only .tf.json files (Terraform JSON syntax) as an HCL module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-tfjson-'));
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({
      variable: { admin: { default: true } },
      resource: { azurerm_container_registry: { acr: { admin_enabled: '${var.admin}', network_rule_set: { default_action: 'Deny' }, tags: { a: 'b' } } } },
    }));
    const [input] = await loadInputs(dir);
    expect(input.format).toBe('hcl');
    expect(resource(input, 'azurerm_container_registry.acr').values).toEqual({
      admin_enabled: true,
      network_rule_set: [{ default_action: 'Deny' }],
      tags: { a: 'b' },
    });
  });
});

describe('plans: what terraform show -json holds', () => {
  let plan: PolicyInput;
  beforeAll(async () => {
    [plan] = await loadInputs(join(UNSEEN, 'platform.plan.json'));
  });

  it('keeps the live resource of an address whose deposed object is deleted; drops deleted and forgotten ones', () => {
    const addresses = plan.resources.map((r) => r.address);
    expect(addresses).toContain('azurerm_container_registry.acr');
    expect(addresses).not.toContain('azurerm_container_registry.legacy');
    expect(addresses).not.toContain('azurerm_storage_account.legacy');
    expect(resource(plan, 'data.azurerm_subscription.current').mode).toBe('data');
  });

  it('points each.value at the for_each expression (resource and module call)', () => {
    expect(targetsOf(resource(plan, 'azurerm_monitor_diagnostic_setting.diag["kv"]'), 'target_resource_id')).toEqual([
      'azurerm_key_vault.kv.id',
      'azurerm_container_registry.acr.id',
      'azurerm_cognitive_account.openai[0].id',
      'module.data.module.cosmos.azurerm_cosmosdb_account.this.id',
    ]);
    // min_replicas = each.value.min in the module call: local.apps (not in a plan's configuration)
    expect(targetsOf(resource(plan, 'module.apps["web"].azurerm_container_app.this'), 'template.0.min_replicas')).toEqual(['local.apps']);
  });

  it('lists after_sensitive paths and unknown values', () => {
    const web = resource(plan, 'module.apps["web"].azurerm_container_app.this');
    expect(web.sensitive).toEqual(['secret', 'template.0.container.0.env.1.value']);
    expect(web.unknown).toEqual(expect.arrayContaining(['template.0.container.0.env.0.value', 'template.0.container.0.env.1.value']));
    expect(resource(plan, 'azurerm_consumption_budget_subscription.monthly').unknown).toContain('notification.1.contact_groups');
  });
});

describe('inputs that are not Terraform: one line naming the file, exit 2', () => {
  const fails = async (path: string): Promise<string> => {
    try {
      await loadInputs(path);
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).not.toContain('\n');
      return (err as Error).message;
    }
    throw new Error(`${path} loaded without error`);
  };
  const dir = mkdtempSync(join(tmpdir(), 'apg-bad-'));
  const file = (name: string, content: string | Buffer): string => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('an empty folder', async () => {
    mkdirSync(join(dir, 'empty'));
    expect(await fails(join(dir, 'empty'))).toBe(`${join(dir, 'empty')}: no cdk.tf.json, cdktf.out/stacks/<name>/cdk.tf.json, *.tf or *.tf.json files found`);
  });
  it('a binary file', async () => {
    const bin = file('plan.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    expect(await fails(bin)).toBe(`${bin}: a binary file, not text (expected a .tf file, a Terraform JSON configuration or a terraform show -json plan)`);
  });
  it('a binary plan file (terraform plan -out) and a raw state file: how to convert them', async () => {
    const tfplan = file('plan.tfplan', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0]));
    expect(await fails(tfplan)).toBe(`${tfplan}: a binary Terraform plan file: convert it with terraform show -json plan.tfplan > plan.json and check plan.json`);
    const state = file('terraform.tfstate', JSON.stringify({ version: 4, terraform_version: '1.9.5', serial: 3, lineage: 'a1b2', outputs: {}, resources: [] }));
    expect(await fails(state)).toMatch(/terraform\.tfstate: a raw Terraform state file: convert it with terraform show -json > state\.json/);
  });
  it('a YAML file', async () => {
    const yaml = file('plan.yaml', 'resource_changes:\n  - address: azurerm_container_app.api\n');
    expect(await fails(yaml)).toMatch(/plan\.yaml: YAML is not an input format/);
  });
  it('a JSON array', async () => {
    expect(await fails(file('arr.json', '[{"resource": {}}]'))).toMatch(/arr\.json: expected a JSON object .* found an array$/);
  });
  it('terraform show -json of an empty state (format_version only)', async () => {
    expect(await fails(file('state.json', '{"format_version":"1.0"}\n'))).toMatch(/state\.json: terraform show -json output with no planned_values, resource_changes or values \(an empty state\?\): nothing to check/);
  });
  it('a plan whose parts have the wrong types', async () => {
    expect(await fails(file('odd-plan.json', '{"format_version":"1.2","planned_values":{"root_module":{"resources":{"a":1}}}}'))).toMatch(
      /odd-plan\.json: not a terraform show -json document: planned_values\.root_module\.resources is not an array/,
    );
    expect(await fails(file('odd-rc.json', '{"resource_changes":[{"change":{}}]}'))).toMatch(/resource_changes\[0\] is not a resource change with address and type/);
  });
  it('a configuration whose blocks are not objects', async () => {
    expect(await fails(file('odd-config.json', '{"resource":{"azurerm_container_registry":{"acr":[1,2]}}}'))).toMatch(
      /odd-config\.json: not a Terraform configuration: resource\.azurerm_container_registry\.acr is not a block/,
    );
  });
  it('invalid JSON: the line even when V8 gives no position', async () => {
    expect(await fails(file('broken.json', '{\n  "resource": {\n    "x": tru\n  }\n}\n'))).toBe(`${join(dir, 'broken.json')}:3: not valid JSON (Unexpected token '\\n')`);
    expect(await fails(file('broken.tf.json', '{\n  "resource": {}\n  "output": {}\n}\n'))).toMatch(/broken\.tf\.json:3: not valid JSON/);
  });
  it('a file that is neither JSON nor HCL', async () => {
    expect(await fails(file('values.tfvars', 'environment = "prod"\n'))).toMatch(/values\.tfvars: not JSON or HCL/);
  });
  it('a .tf.json file in an HCL folder that is not a configuration', async () => {
    mkdirSync(join(dir, 'mixed'));
    writeFileSync(join(dir, 'mixed', 'main.tf'), 'resource "azurerm_resource_group" "rg" {\n  name = "rg"\n}\n');
    writeFileSync(join(dir, 'mixed', 'package.tf.json'), '{"name": "x"}');
    expect(await fails(join(dir, 'mixed'))).toMatch(/package\.tf\.json: not a Terraform JSON configuration/);
  });

  it('accepts a plan saved by Windows PowerShell (UTF-16 with a byte-order mark) and a UTF-8 BOM', async () => {
    const text = readFileSync(join(UNSEEN, 'defaults.plan.json'), 'utf8');
    const utf16 = file('plan-utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const bom = file('plan-bom.json', `\uFEFF${text}`);
    const [a] = await loadInputs(utf16);
    const [b] = await loadInputs(bom);
    expect(a.resources.length).toBe(13);
    expect(b.resources).toEqual(a.resources);
  });

  it('the CLI prints the message without a stack trace and exits 2', () => {
    const yaml = file('cli.yaml', 'a: 1\n');
    const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'apg.js'), 'check', yaml, '--format', 'json'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cli\.yaml: YAML is not an input format/)]);
    expect(run.stdout).toBe('');
  });
});

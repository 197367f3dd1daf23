/**
 * count / for_each in CDKTF and HCL inputs: one normalised resource per instance, at the address a
 * plan gives it, with count.index / each.key / each.value of that instance. The fixture
 * test/fixtures/inputs/instances/ holds one configuration three times: HCL (`hcl/`, with a
 * terraform.tfvars), CDKTF JSON (`cdktf/cdk.tf.json`, written as CDKTF synthesizes it, calling the
 * same HCL modules) and `plan.json`, the terraform show -json plan of it, written by hand.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { UserError } from '../../src/cli/errors';
import { loadInputs } from '../../src/input/load';
import type { NormalizedResource, PolicyInput } from '../../src/input/types';
import { resource, targetsOf } from './helpers';

const FIX = join(__dirname, '..', 'fixtures', 'inputs', 'instances');

/** `module.m["a"].azurerm_x.y[0].id` → `module.m.azurerm_x.y` (what policies/lib/tf.rego target_address gives). */
const targetAddress = (t: string): string => {
  const parts = t.replace(/\[[^\]]*\]/g, '').split('.');
  let i = 0;
  while (parts[i] === 'module') i += 2;
  if (parts[i] === 'data') i++;
  return parts.slice(0, i + 2).join('.');
};

/** The addresses `terraform plan` gives this configuration (the plan fixture's, checked below). */
const PLAN_ADDRESSES = [
  'azurerm_container_app.app["api"]',
  'azurerm_container_app.app["web"]',
  'azurerm_container_registry.acr["eastus"]',
  'azurerm_container_registry.acr["westus"]',
  'azurerm_key_vault.shared[0]',
  'azurerm_key_vault.shared[1]',
  'azurerm_log_analytics_workspace.law[0]',
  'azurerm_log_analytics_workspace.law[1]',
  'azurerm_log_analytics_workspace.law[2]',
  'azurerm_monitor_diagnostic_setting.acr_eastus',
  'azurerm_monitor_diagnostic_setting.payments_vault',
  'azurerm_monitor_diagnostic_setting.search[0]',
  'azurerm_monitor_diagnostic_setting.search[1]',
  'azurerm_monitor_diagnostic_setting.shard0_vault',
  'azurerm_monitor_diagnostic_setting.shared',
  'azurerm_resource_group.rg',
  'azurerm_search_service.search[0]',
  'azurerm_search_service.search[1]',
  'azurerm_user_assigned_identity.worker[0]',
  'azurerm_user_assigned_identity.worker[1]',
  'azurerm_user_assigned_identity.worker[2]',
  'module.shard[0].azurerm_user_assigned_identity.this',
  'module.shard[0].module.vault[0].azurerm_key_vault.kv["main"]',
  'module.shard[1].azurerm_user_assigned_identity.this',
  'module.shard[1].module.vault[0].azurerm_key_vault.kv["main"]',
  'module.team["catalog"].azurerm_user_assigned_identity.this',
  'module.team["catalog"].module.vault[0].azurerm_key_vault.kv["main"]',
  'module.team["payments"].azurerm_user_assigned_identity.this',
  'module.team["payments"].module.vault[0].azurerm_key_vault.kv["main"]',
];

describe('one configuration as HCL, CDKTF JSON and its plan: the same instances', () => {
  let hcl: PolicyInput;
  let cdktf: PolicyInput;
  let plan: PolicyInput;
  beforeAll(async () => {
    [hcl] = await loadInputs(join(FIX, 'hcl'));
    [cdktf] = await loadInputs(join(FIX, 'cdktf'));
    [plan] = await loadInputs(join(FIX, 'plan.json'));
  });

  it('gives every format the plan\'s addresses: count literal, from a variable, from length(var.list); for_each over a map, toset(list), a set; module count and for_each, nested', () => {
    expect(plan.format).toBe('plan');
    expect(plan.resources.map((r) => r.address)).toEqual(PLAN_ADDRESSES);
    expect(hcl.format).toBe('hcl');
    expect(hcl.resources.map((r) => r.address)).toEqual(PLAN_ADDRESSES);
    expect(cdktf.format).toBe('cdktf');
    expect(cdktf.resources.map((r) => r.address)).toEqual(PLAN_ADDRESSES);
    // and the plan's module addresses
    for (const input of [hcl, cdktf]) {
      expect(input.resources.map((r) => r.module)).toEqual(plan.resources.map((r) => r.module));
    }
  });

  it('count = 0 and for_each = {} give no instance', () => {
    for (const input of [hcl, cdktf, plan]) {
      expect(input.resources.filter((r) => r.type === 'azurerm_management_lock' || r.address.startsWith('azurerm_key_vault.extra'))).toEqual([]);
    }
  });

  it('gives each instance the values its plan shows (an expression where the plan knows a resource attribute or shows it unknown)', () => {
    for (const p of plan.resources) {
      for (const config of [hcl, cdktf]) {
        const r = resource(config, p.address);
        expect(Object.keys(r.values).every((k) => k in p.values)).toBe(true);
        for (const [key, planned] of Object.entries(p.values)) {
          if (!(key in r.values)) {
            expect(p.unknown).toContain(key); // computed by the provider (id, keys)
            continue;
          }
          const mine = r.values[key];
          if (typeof mine === 'string' && mine.includes('${')) {
            // a resource attribute: the configuration cannot know it, the plan may
            expect(targetsOf(r, key)).toBeDefined();
            continue;
          }
          expect(p.unknown).not.toContain(key);
          expect([p.address, key, mine]).toEqual([p.address, key, planned]);
        }
      }
    }
    // HCL and CDKTF agree on everything (references in attribute order: JSON keys keep the order written)
    // (Locations differ by nature: a .tf file and cdk.tf.json.)
    const sorted = (i: PolicyInput) => i.resources.map(({ location: _, ...r }) => ({ ...r, references: [...r.references].sort((a, b) => a.attribute.localeCompare(b.attribute)) }));
    expect(sorted(cdktf)).toEqual(sorted(hcl));
  });

  it('substitutes count.index, each.key and each.value per instance', () => {
    expect(resource(hcl, 'azurerm_log_analytics_workspace.law[1]').values).toMatchObject({ name: 'law-westus-1', location: 'westus' });
    expect(resource(hcl, 'azurerm_container_registry.acr["westus"]').values).toMatchObject({ name: 'acrinstwestus', location: 'westus' });
    const web = resource(hcl, 'azurerm_container_app.app["web"]').values as any;
    expect(web.template[0].min_replicas).toBe(1);
    expect(web.template[0].container[0]).toMatchObject({ name: 'web', image: 'acr.azurecr.io/web:2.0' });
    // a module argument from count.index / each.key, and a nested module with count inside it
    expect(resource(hcl, 'module.shard[1].azurerm_user_assigned_identity.this').values.name).toBe('id-shard1');
    expect(resource(hcl, 'module.team["payments"].module.vault[0].azurerm_key_vault.kv["main"]').values.name).toBe('kv-payments-main');
  });

  it('points azurerm_x.y[count.index] at the instance; a plan names the resource without a key (every instance)', () => {
    const diag = resource(hcl, 'azurerm_monitor_diagnostic_setting.search[1]');
    expect(targetsOf(diag, 'target_resource_id')).toEqual(['azurerm_search_service.search[1].id']);
    expect(diag.values.target_resource_id).toBe('${azurerm_search_service.search[1].id}');
    expect(targetsOf(diag, 'log_analytics_workspace_id')).toEqual(['azurerm_log_analytics_workspace.law[0].id']);
    const planned = targetsOf(resource(plan, 'azurerm_monitor_diagnostic_setting.search[1]'), 'target_resource_id')!;
    expect(planned).toEqual(['azurerm_search_service.search']);
    expect(planned.map(targetAddress)).toEqual(targetsOf(diag, 'target_resource_id')!.map(targetAddress));
  });

  it('keeps the instance a constant index or a module instance names, in every format', () => {
    const target = (i: PolicyInput, name: string) => targetsOf(resource(i, `azurerm_monitor_diagnostic_setting.${name}`), 'target_resource_id');
    for (const input of [hcl, cdktf, plan]) {
      expect([input.format, target(input, 'shared')]).toEqual([input.format, ['azurerm_key_vault.shared[0].id']]);
      expect([input.format, target(input, 'acr_eastus')]).toEqual([input.format, ['azurerm_container_registry.acr["eastus"].id']]);
      // module.team["payments"].vault_id → module.vault[0].vault_id → azurerm_key_vault.kv["main"].id
      expect([input.format, target(input, 'payments_vault')]).toEqual([input.format, ['module.team["payments"].module.vault[0].azurerm_key_vault.kv["main"].id']]);
      expect([input.format, target(input, 'shard0_vault')]).toEqual([input.format, ['module.shard[0].module.vault[0].azurerm_key_vault.kv["main"].id']]);
    }
  });

  it('follows references into module instances: module.shard[0].x, and a for expression over module.team', () => {
    const first = (i: PolicyInput) => i.outputs.find((o) => o.name === 'first_shard_identity')!.references;
    expect(first(hcl)).toEqual(['module.shard[0].azurerm_user_assigned_identity.this.id']);
    expect(first(cdktf)).toEqual(first(hcl));
    expect(first(plan)).toEqual(first(hcl));
    expect(hcl.outputs.find((o) => o.name === 'team_identity_ids')!.references).toEqual([
      'module.team["catalog"].azurerm_user_assigned_identity.this.id',
      'module.team["payments"].azurerm_user_assigned_identity.this.id',
    ]);
  });

  it('marks no resource whose instances are known', () => {
    for (const input of [hcl, cdktf, plan]) expect(input.resources.filter((r) => r.instancesUnknown)).toEqual([]);
  });
});

describe('count / for_each unknown until apply', () => {
  let input: PolicyInput;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-inst-unknown-'));
    mkdirSync(join(dir, 'modules', 'app'), { recursive: true });
    writeFileSync(join(dir, 'main.tf'), `
data "azurerm_resources" "vaults" {
  type = "Microsoft.KeyVault/vaults"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "eastus"
}

# depends on what the data source reads at apply
resource "azurerm_monitor_diagnostic_setting" "vault" {
  count                      = length(data.azurerm_resources.vaults.resources)
  name                       = "diag-\${count.index}"
  target_resource_id         = data.azurerm_resources.vaults.resources[count.index].id
  log_analytics_workspace_id = "/subscriptions/0/law"
}

# a set with an element known only at apply
resource "azurerm_user_assigned_identity" "per_group" {
  for_each            = toset([azurerm_resource_group.rg.id, "fixed"])
  name                = "id-\${each.key}"
  location            = "eastus"
  resource_group_name = "rg"
}

# a module call whose for_each depends on a resource attribute
module "app" {
  source   = "./modules/app"
  for_each = { for r in data.azurerm_resources.vaults.resources : r.name => r.id }
  vault_id = each.value
}

# a data source with a known count
data "azurerm_client_config" "current" {
  count = 1
}
`);
    writeFileSync(join(dir, 'modules', 'app', 'main.tf'), `
variable "vault_id" {}

resource "azurerm_search_service" "s" {
  count = 2
  name  = "s-\${count.index}"
  sku   = "basic"
  tags  = { vault = var.vault_id }
}
`);
    [input] = await loadInputs(dir);
  });

  it('keeps one resource at the configuration address, marked instancesUnknown; known instances are expanded', () => {
    expect(input.resources.map((r) => `${r.address}${r.instancesUnknown ? ' (unknown)' : ''}`)).toEqual([
      'azurerm_monitor_diagnostic_setting.vault (unknown)',
      'azurerm_resource_group.rg',
      'azurerm_user_assigned_identity.per_group (unknown)',
      'data.azurerm_client_config.current[0]',
      'data.azurerm_resources.vaults',
      // the module's count = 2 is known, but not how many module instances there are
      'module.app.azurerm_search_service.s[0] (unknown)',
      'module.app.azurerm_search_service.s[1] (unknown)',
    ]);
  });

  it('leaves count.index / each.key unknown in it, and refers each.value to the collection', () => {
    const diag = resource(input, 'azurerm_monitor_diagnostic_setting.vault');
    expect(diag.values.name).toBe('diag-${count.index}');
    expect(targetsOf(diag, 'target_resource_id')).toEqual(['data.azurerm_resources.vaults.resources']);
    expect(resource(input, 'azurerm_user_assigned_identity.per_group').values.name).toBe('id-${each.key}');
    const search = resource(input, 'module.app.azurerm_search_service.s[1]');
    expect(search.values.name).toBe('s-1');
    expect(targetsOf(search, 'tags.vault')).toEqual(['data.azurerm_resources.vaults.resources']);
  });

  it('in CDKTF JSON too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-inst-cdktf-'));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({
      data: { azurerm_resources: { vaults: { type: 'Microsoft.KeyVault/vaults' } } },
      resource: { azurerm_search_service: {
        per_vault: { count: '${length(data.azurerm_resources.vaults.resources)}', name: 's-${count.index}', sku: 'basic' },
        fixed: { count: 2, name: 's-${count.index}', sku: 'basic' },
      } },
    }));
    const [cdktf] = await loadInputs(dir);
    expect(cdktf.resources.map((r) => `${r.address}${r.instancesUnknown ? ' (unknown)' : ''}`)).toEqual([
      'azurerm_search_service.fixed[0]',
      'azurerm_search_service.fixed[1]',
      'azurerm_search_service.per_vault (unknown)',
      'data.azurerm_resources.vaults',
    ]);
  });
});

describe('module instances used as values', () => {
  it('try(module.m[0].x, fallback) with count = 0 takes the fallback; module.m[*].x lists the instances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-inst-mod-'));
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'main.tf'), `
variable "enabled" {
  default = false
}
module "off" {
  source = "./m"
  count  = var.enabled ? 1 : 0
  name   = "off"
}
module "on" {
  source = "./m"
  count  = 2
  name   = "on\${count.index}"
}
resource "azurerm_resource_group" "rg" {
  name     = try(module.off[0].name, "fallback")
  location = join(",", module.on[*].name)
  tags     = { n = length(module.on) }
}
`);
    writeFileSync(join(dir, 'm', 'main.tf'), 'variable "name" {}\noutput "name" {\n  value = "rg-${var.name}"\n}\n');
    const [input] = await loadInputs(dir);
    expect(input.resources.map((r) => r.address)).toEqual(['azurerm_resource_group.rg']);
    expect(input.resources[0].values).toEqual({ name: 'fallback', location: 'rg-on0,rg-on1', tags: { n: 2 } });
  });
});

describe('count / for_each values Terraform rejects: one line naming the file, line and resource, exit 2', () => {
  const fails = async (main: string): Promise<string> => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-inst-bad-'));
    writeFileSync(join(dir, 'main.tf'), main);
    try {
      await loadInputs(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).not.toContain('\n');
      // The file and line of the block, as Terraform names them.
      expect((err as Error).message.startsWith(`${join(dir, 'main.tf')}:`)).toBe(true);
      return (err as Error).message.slice(dir.length + 1);
    }
    throw new Error('loaded without error');
  };

  it('a negative or fractional count, a count that is not a number', async () => {
    expect(await fails('variable "n" {\n  default = -1\n}\nresource "azurerm_resource_group" "rg" {\n  count = var.n\n}\n')).toBe(
      'main.tf:4: azurerm_resource_group.rg: count must be a whole number, 0 or more (it is a number (-1))',
    );
    expect(await fails('resource "azurerm_resource_group" "rg" {\n  count = 1.5\n}\n')).toMatch(/count must be a whole number, 0 or more \(it is a number \(1\.5\)\)$/);
    expect(await fails('resource "azurerm_resource_group" "rg" {\n  count = "three"\n}\n')).toMatch(/count must be a whole number, 0 or more \(it is a string \("three"\)\)$/);
  });
  it('count and for_each together; for_each over a string or a list of objects', async () => {
    expect(await fails('resource "azurerm_resource_group" "rg" {\n  count    = 1\n  for_each = {}\n}\n')).toBe('main.tf:1: azurerm_resource_group.rg: count and for_each cannot both be set');
    expect(await fails('resource "azurerm_resource_group" "rg" {\n  for_each = "abc"\n}\n')).toBe(
      'main.tf:1: azurerm_resource_group.rg: for_each must be a map or a set of strings (it is a string ("abc"))',
    );
    expect(await fails('resource "azurerm_resource_group" "rg" {\n  for_each = [{ a = 1 }]\n}\n')).toBe(
      'main.tf:1: azurerm_resource_group.rg: for_each must be a map or a set of strings (it holds an object)',
    );
  });

  it('the CLI prints it without a stack trace and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-inst-cli-'));
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'main.tf'), 'module "m" {\n  source = "./m"\n  count  = -2\n}\n');
    writeFileSync(join(dir, 'm', 'main.tf'), 'resource "azurerm_resource_group" "rg" {\n  name = "rg"\n}\n');
    const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'apg.js'), 'check', dir], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`apg: ${join(dir, 'main.tf')}:1: module.m: count must be a whole number, 0 or more (it is a number (-2))`]);
  });
});

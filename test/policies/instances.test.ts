/**
 * The rules on count / for_each instances (test/fixtures/inputs/instances/: one configuration as
 * HCL, CDKTF JSON and its plan): the same findings, at the same instance addresses, in every
 * format; references between instances (`azurerm_x.y[count.index].id`) and to them from a plan
 * (`azurerm_x.y`) match the resources they target. A resource whose count is unknown until apply
 * is seen once, at its configuration address. A diagnostic setting, a lock or a role assignment on
 * one instance (`azurerm_x.y[0]`, `module.m["a"]`) covers that instance only; one whose reference
 * has no key (a plan's `azurerm_x.y[count.index]`, a resource whose instances are unknown until
 * apply) covers every instance. `instances/prod/` is a production configuration in the three
 * formats for the locks.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/policy/types';
import { loadPack, pairs } from './harness';

const FIX = join(__dirname, '..', 'fixtures', 'inputs', 'instances');
const PATHS = [join(FIX, 'hcl'), join(FIX, 'cdktf'), join(FIX, 'plan.json')];
const PROD = join(FIX, 'prod');
const PROD_PATHS = [join(PROD, 'hcl'), join(PROD, 'cdktf'), join(PROD, 'plan.json')];

let findings: Map<string, Finding[]>;
const pack = loadPack();

beforeAll(async () => {
  findings = await pack.checkAll([...PATHS, ...PROD_PATHS]);
});

test('HCL, CDKTF and the plan give the same findings at the plan\'s instance addresses', () => {
  const [hcl, cdktf, plan] = PATHS.map((p) => pairs(findings.get(p)!));
  expect(cdktf).toEqual(hcl);
  expect(plan).toEqual(hcl);
  expect(hcl.filter((p) => /^(diagnostics-enabled|scale-to-zero) /.test(p))).toEqual([
    // the diagnostic settings name one instance each, and the others are not covered: the registry
    // of eastus (one per region of toset(var.regions)), not of westus
    'diagnostics-enabled azurerm_container_registry.acr["westus"]',
    // azurerm_key_vault.shared[0] (count = 2), not [1]
    'diagnostics-enabled azurerm_key_vault.shared[1]',
    // the vaults (for_each in a count module inside count / for_each modules) of module.shard[0]
    // and module.team["payments"], through the modules' outputs
    'diagnostics-enabled module.shard[1].module.vault[0].azurerm_key_vault.kv["main"]',
    'diagnostics-enabled module.team["catalog"].module.vault[0].azurerm_key_vault.kv["main"]',
    // min_replicas = each.value.min: 1 for web, 0 for api
    'scale-to-zero azurerm_container_app.app["web"]',
  ]);
  // Each search service instance is the target of its diagnostic setting instance
  // (target_resource_id = azurerm_search_service.search[count.index].id): the instance's key in
  // CDKTF/HCL, no key in the plan (azurerm_search_service.search), which covers every instance.
  expect(hcl.filter((p) => p.startsWith('diagnostics-enabled azurerm_search_service'))).toEqual([]);
  expect(hcl).toContain('public-network-restricted azurerm_search_service.search[1]');
});

test('a lock on one instance protects that instance only, directly, through its resource group or in one module instance', () => {
  const [hcl, cdktf, plan] = PROD_PATHS.map((p) => pairs(findings.get(p)!));
  expect(cdktf).toEqual(hcl);
  expect(plan).toEqual(hcl);
  expect(hcl.filter((p) => p.startsWith('stateful-deletion-protection '))).toEqual([
    // the lock's scope is azurerm_container_registry.acr[0].id
    'stateful-deletion-protection azurerm_container_registry.acr[1]',
    // in azurerm_resource_group.rg[1]; the lock is on azurerm_resource_group.rg[0]
    'stateful-deletion-protection azurerm_container_registry.in_rg1',
    // the lock is on module.store["eu.west"].vault_id (the module key holds a dot)
    'stateful-deletion-protection module.store["us.east"].azurerm_key_vault.this',
  ]);
  // Not reported: acr[0], in_rg0, the vault of "eu.west", and both search services, each locked by
  // the lock instance of the same index (scope = azurerm_search_service.search[count.index].id: the
  // instance's key in CDKTF/HCL, no key in the plan, which names every instance).
  expect(hcl).toContain('public-network-restricted azurerm_search_service.search[1]');
});

test('a reference without a key covers every instance: a count or for_each unknown until apply', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apg-inst-keyless-'));
  mkdirSync(join(dir, 'store'));
  writeFileSync(join(dir, 'main.tf'), `
data "azurerm_resources" "all" {
  type = "Microsoft.Resources/resourceGroups"
}
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "eastus"
  tags     = { environment = "prod" }
}
# two registries; the locks' count is unknown until apply, so which instance
# azurerm_container_registry.acr[count.index] names is unknown: both are covered
resource "azurerm_container_registry" "acr" {
  count               = 2
  name                = "acr\${count.index}"
  resource_group_name = "rg-literal"
  location            = "eastus"
  sku                 = "Premium"
}
resource "azurerm_management_lock" "acr" {
  count      = length(data.azurerm_resources.all.resources)
  name       = "lock-\${count.index}"
  scope      = azurerm_container_registry.acr[count.index].id
  lock_level = "CanNotDelete"
}
resource "azurerm_monitor_diagnostic_setting" "acr" {
  for_each                   = { for i, r in azurerm_container_registry.acr : i => r.id }
  name                       = "diag-\${each.key}"
  target_resource_id         = each.value
  log_analytics_workspace_id = "/subscriptions/0/law"
}
# a search service whose count is unknown: one resource without a key, which
# azurerm_search_service.search[0] names
resource "azurerm_search_service" "search" {
  count               = length(data.azurerm_resources.all.resources)
  name                = "srch-\${count.index}"
  resource_group_name = "rg-literal"
  location            = "eastus"
  sku                 = "basic"
}
resource "azurerm_management_lock" "search" {
  name       = "lock-search"
  scope      = azurerm_search_service.search[0].id
  lock_level = "CanNotDelete"
}
resource "azurerm_monitor_diagnostic_setting" "search" {
  name                       = "diag-search"
  target_resource_id         = azurerm_search_service.search[0].id
  log_analytics_workspace_id = "/subscriptions/0/law"
}
# module instances unknown until apply: module.store["a"] names module.store
module "store" {
  source   = "./store"
  for_each = { for r in data.azurerm_resources.all.resources : r.name => r.id }
}
resource "azurerm_management_lock" "store" {
  name       = "lock-store"
  scope      = module.store["a"].vault_id
  lock_level = "CanNotDelete"
}
resource "azurerm_monitor_diagnostic_setting" "store" {
  name                       = "diag-store"
  target_resource_id         = module.store["a"].vault_id
  log_analytics_workspace_id = "/subscriptions/0/law"
}
`);
  writeFileSync(join(dir, 'store', 'main.tf'), `
resource "azurerm_key_vault" "this" {
  name                = "kv"
  location            = "eastus"
  resource_group_name = "rg-literal"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
output "vault_id" {
  value = azurerm_key_vault.this.id
}
`);
  const found = pairs(await pack.check(dir));
  expect(found.filter((p) => /^(stateful-deletion-protection|diagnostics-enabled) /.test(p))).toEqual([]);
  // the rules did see the instances and the resources without keys
  expect(found).toEqual(expect.arrayContaining([
    'public-network-restricted azurerm_container_registry.acr[1]',
    'public-network-restricted azurerm_search_service.search',
    'key-vault-hardening module.store.azurerm_key_vault.this',
  ]));
});

test('an AcrPull role assignment and identity_ids entry for one identity instance do not cover another', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apg-inst-pull-'));
  writeFileSync(join(dir, 'main.tf'), `
resource "azurerm_user_assigned_identity" "pull" {
  for_each            = toset(["api", "web"])
  name                = "id-\${each.key}"
  resource_group_name = "rg"
  location            = "eastus"
}
# AcrPull for the api identity only
resource "azurerm_role_assignment" "pull" {
  scope                = "/subscriptions/0/acr"
  role_definition_name = "AcrPull"
  principal_id         = azurerm_user_assigned_identity.pull["api"].principal_id
}
resource "azurerm_container_app" "api" {
  name                         = "api"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0/cae"
  revision_mode                = "Single"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.pull["api"].id]
  }
  registry {
    server   = "acr.azurecr.io"
    identity = azurerm_user_assigned_identity.pull["api"].id
  }
  template {
    container {
      name   = "api"
      image  = "acr.azurecr.io/api:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
# pulls with the web identity, lists the api one
resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0/cae"
  revision_mode                = "Single"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.pull["api"].id]
  }
  registry {
    server   = "acr.azurecr.io"
    identity = azurerm_user_assigned_identity.pull["web"].id
  }
  template {
    container {
      name   = "web"
      image  = "acr.azurecr.io/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
`);
  const found = (await pack.check(dir)).filter((f) => f.rule === 'acr-pull-identity');
  expect(found.map((f) => `${f.address}: ${f.message}`).sort()).toEqual([
    expect.stringMatching(/^azurerm_container_app\.web: registry\.0\.identity azurerm_user_assigned_identity\.pull\["web"\] has no AcrPull role assignment/),
    expect.stringMatching(/^azurerm_container_app\.web: registry\.0\.identity azurerm_user_assigned_identity\.pull\["web"\] is not listed in identity\.identity_ids/),
  ]);
});

test('a resource whose count is unknown until apply is seen once, at its configuration address', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apg-inst-rules-'));
  writeFileSync(join(dir, 'main.tf'), `
data "azurerm_resources" "rgs" {
  type = "Microsoft.Resources/resourceGroups"
}
resource "azurerm_container_registry" "per_rg" {
  count               = length(data.azurerm_resources.rgs.resources)
  name                = "acr\${count.index}"
  resource_group_name = data.azurerm_resources.rgs.resources[count.index].name
  location            = "eastus"
  sku                 = "Basic"
  admin_enabled       = true
}
`);
  const found = await pack.check(dir);
  expect(pairs(found).filter((p) => p.startsWith('no-admin-users'))).toEqual(['no-admin-users azurerm_container_registry.per_rg']);
});

test('locks, identities and role assignments between instances match the instances they target', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apg-inst-match-'));
  writeFileSync(join(dir, 'main.tf'), `
variable "apps" {
  default = { api = "acr.azurecr.io/api:1.0", web = "acr.azurecr.io/web:1.0" }
}
locals {
  tags = { environment = "prod" }
}
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "eastus"
  tags     = local.tags
}
# one registry per region, each locked by the lock instance of the same index
resource "azurerm_container_registry" "acr" {
  count               = 2
  name                = "acr\${count.index}"
  resource_group_name = "rg-literal"
  location            = "eastus"
  sku                 = "Premium"
  tags                = local.tags
}
resource "azurerm_management_lock" "acr" {
  count      = 2
  name       = "lock-\${count.index}"
  scope      = azurerm_container_registry.acr[count.index].id
  lock_level = "CanNotDelete"
}
# a search service per app, locked through the resource group
resource "azurerm_search_service" "search" {
  for_each            = var.apps
  name                = "srch-\${each.key}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "eastus"
  sku                 = "basic"
  tags                = local.tags
}
resource "azurerm_management_lock" "rg" {
  name       = "rg"
  scope      = azurerm_resource_group.rg.id
  lock_level = "CanNotDelete"
}
# a pull identity per app, with AcrPull on its own principal
resource "azurerm_user_assigned_identity" "pull" {
  for_each            = var.apps
  name                = "id-\${each.key}"
  resource_group_name = "rg"
  location            = "eastus"
}
resource "azurerm_role_assignment" "pull" {
  for_each             = var.apps
  scope                = azurerm_container_registry.acr[0].id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_user_assigned_identity.pull[each.key].principal_id
}
resource "azurerm_container_app" "app" {
  for_each                     = var.apps
  name                         = each.key
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0/cae"
  revision_mode                = "Single"
  tags                         = local.tags
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.pull[each.key].id]
  }
  registry {
    server   = "acr0.azurecr.io"
    identity = azurerm_user_assigned_identity.pull[each.key].id
  }
  template {
    container {
      name   = each.key
      image  = each.value
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
`);
  const found = pairs(await pack.check(dir));
  expect(found.filter((p) => /^(stateful-deletion-protection|acr-pull-identity) /.test(p))).toEqual([]);
  // the rules did see the instances
  expect(found).toContain('public-network-restricted azurerm_container_registry.acr[1]');
  expect(found).toContain('health-probes azurerm_container_app.app["web"]');
});

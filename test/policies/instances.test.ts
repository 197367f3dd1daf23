/**
 * The rules on count / for_each instances (test/fixtures/inputs/instances/: one configuration as
 * HCL, CDKTF JSON and its plan): the same findings, at the same instance addresses, in every
 * format; references between instances (`azurerm_x.y[count.index].id`) and to them from a plan
 * (`azurerm_x.y`) match the resources they target. A resource whose count is unknown until apply
 * is seen once, at its configuration address.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/policy/types';
import { loadPack, pairs } from './harness';

const FIX = join(__dirname, '..', 'fixtures', 'inputs', 'instances');
const PATHS = [join(FIX, 'hcl'), join(FIX, 'cdktf'), join(FIX, 'plan.json')];

let findings: Map<string, Finding[]>;
const pack = loadPack();

beforeAll(async () => {
  findings = await pack.checkAll(PATHS);
});

test('HCL, CDKTF and the plan give the same findings at the plan\'s instance addresses', () => {
  const [hcl, cdktf, plan] = PATHS.map((p) => pairs(findings.get(p)!));
  expect(cdktf).toEqual(hcl);
  expect(plan).toEqual(hcl);
  expect(hcl.filter((p) => /^(diagnostics-enabled|scale-to-zero) /.test(p))).toEqual([
    // no diagnostic setting targets the registries (one per region of toset(var.regions)) or the
    // key vaults (for_each in a count module inside count / for_each modules)
    'diagnostics-enabled azurerm_container_registry.acr["eastus"]',
    'diagnostics-enabled azurerm_container_registry.acr["westus"]',
    'diagnostics-enabled module.shard[0].module.vault[0].azurerm_key_vault.kv["main"]',
    'diagnostics-enabled module.shard[1].module.vault[0].azurerm_key_vault.kv["main"]',
    'diagnostics-enabled module.team["catalog"].module.vault[0].azurerm_key_vault.kv["main"]',
    'diagnostics-enabled module.team["payments"].module.vault[0].azurerm_key_vault.kv["main"]',
    // min_replicas = each.value.min: 1 for web, 0 for api
    'scale-to-zero azurerm_container_app.app["web"]',
  ]);
  // Each search service instance is the target of its diagnostic setting instance
  // (target_resource_id = azurerm_search_service.search[count.index].id).
  expect(hcl.filter((p) => p.startsWith('diagnostics-enabled azurerm_search_service'))).toEqual([]);
  expect(hcl).toContain('public-network-restricted azurerm_search_service.search[1]');
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

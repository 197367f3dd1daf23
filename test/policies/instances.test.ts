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

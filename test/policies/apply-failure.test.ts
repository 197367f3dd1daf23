/**
 * What the apply-failure rules do that one example cannot show in all three formats: lifecycle is
 * in CDKTF/HCL but not in a plan, a plan's actions are not in a configuration, the check's clock
 * (parameter check_date, else the checker's clock), and dependencies through a module call. All
 * through the compiled WASM, on inputs rendered like the examples.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/cli/errors';
import { loadInputs } from '../../src/input/load';
import { checkInputs } from '../../src/policy/check';
import type { Finding } from '../../src/policy/types';
import { APPLY_FAILURE_EXAMPLES } from './examples/apply-failure';
import * as b from './examples/builders';
import type { InfraDoc } from './examples/formats';
import { exampleDir, writeDoc } from './examples/generate';
import { CHECK_DATE, formatPaths, loadPack, POLICIES_DIR } from './harness';
import { buildPack, type PolicyPack } from '../../src/policy/pack';

let pack: PolicyPack;

beforeAll(() => {
  pack = buildPack({ policiesDir: POLICIES_DIR });
});

/** Findings of one rule for one path, with the given parameters (default: the tests' clock). */
async function check(path: string, rule: string, params: Record<string, unknown> = { check_date: CHECK_DATE }): Promise<Finding[]> {
  const report = await checkInputs(await loadInputs(path), { pack, policiesDir: POLICIES_DIR, waiversFile: false, cost: false, params });
  return report.findings.filter((f) => f.rule === rule);
}

/** The doc rendered in the three formats in a temporary folder: [cdktf, plan, hcl] paths. */
function render(doc: InfraDoc): [string, string, string] {
  const dir = mkdtempSync(join(tmpdir(), 'apg-apply-'));
  writeDoc(dir, 'doc', doc);
  return formatPaths(dir, 'doc' as 'good') as [string, string, string];
}

const example = (id: string) => APPLY_FAILURE_EXAMPLES.find((e) => e.id === id)!;
const addresses = (findings: Finding[]) => findings.map((f) => f.address).sort();

describe('lock-without-prevent-destroy', () => {
  const [cdktf, plan, hcl] = render({
    env: 'prod',
    resources: [
      b.withMeta(b.resourceGroup(), { lifecycle: { prevent_destroy: true } }),
      b.withMeta(b.cosmosGremlin(), { lifecycle: { prevent_destroy: true } }),
      b.lock('graph', 'azurerm_cosmosdb_account.graph'),
      b.lock('rg', 'azurerm_resource_group.main'),
    ],
  });

  it('is satisfied by prevent_destroy in CDKTF and HCL', async () => {
    expect(await check(cdktf, 'lock-without-prevent-destroy')).toEqual([]);
    expect(await check(hcl, 'lock-without-prevent-destroy')).toEqual([]);
  });

  it('warns on a plan, which does not record prevent_destroy, and says so', async () => {
    const findings = await check(plan, 'lock-without-prevent-destroy');
    expect(addresses(findings)).toEqual(['azurerm_cosmosdb_account.graph', 'azurerm_resource_group.main']);
    for (const f of findings) {
      expect(f.severity).toBe('warn');
      expect(f.message).toContain('a plan does not record prevent_destroy');
    }
  });

  it('names only the resource its scope references', async () => {
    const [file] = render({
      env: 'prod',
      resources: [b.cosmosGremlin('graph'), b.cosmosGremlin('other'), b.lock('graph', 'azurerm_cosmosdb_account.graph')],
    });
    expect(addresses(await check(file, 'lock-without-prevent-destroy'))).toEqual(['azurerm_cosmosdb_account.graph']);
  });
});

describe('aca-env-infra-rg', () => {
  const bad = example('aca-env-infra-rg').bad;
  const [cdktf, plan, hcl] = render({
    ...bad,
    resources: bad.resources.map((r) =>
      r.type === 'azurerm_container_app_environment' ? b.withMeta(r, { lifecycle: { ignore_changes: ['infrastructure_resource_group_name'] } }) : r),
  });

  it('is satisfied by ignore_changes on the name in CDKTF and HCL', async () => {
    expect(await check(cdktf, 'aca-env-infra-rg')).toEqual([]);
    expect(await check(hcl, 'aca-env-infra-rg')).toEqual([]);
  });

  it('still reports a plan, which does not record ignore_changes', async () => {
    expect(addresses(await check(plan, 'aca-env-infra-rg'))).toEqual(['azurerm_container_app_environment.main']);
  });
});

describe('budget-start-current', () => {
  const [cdktf, plan, hcl] = formatPaths(exampleDir(example('budget-start-current')), 'bad');

  it('denies the plan that creates or replaces the budget, and warns on a configuration', async () => {
    expect((await check(plan, 'budget-start-current')).map((f) => f.severity)).toEqual(['deny', 'deny']);
    expect((await check(cdktf, 'budget-start-current')).map((f) => f.severity)).toEqual(['warn', 'warn']);
    expect((await check(hcl, 'budget-start-current')).map((f) => f.severity)).toEqual(['warn', 'warn']);
    expect((await check(plan, 'budget-start-current')).map((f) => f.message).join('\n')).toMatch(/this plan replaces azurerm_consumption_budget_subscription\.replaced/);
  });

  it('says nothing when the plan only updates or keeps the budget', async () => {
    for (const action of ['update', 'no-op'] as const) {
      const [, p] = render({ env: 'dev', resources: [b.resourceGroup(), b.withMeta(b.budget(100), { action })] });
      expect(await check(p, 'budget-start-current')).toEqual([]);
    }
  });

  it('ignore_changes on the whole time_period block, or all, covers the start date', async () => {
    for (const ignore of ['time_period', 'all']) {
      const [c, , h] = render({ env: 'dev', resources: [b.resourceGroup(), b.withMeta(b.budget(100), { lifecycle: { ignore_changes: [ignore] } })] });
      expect(await check(c, 'budget-start-current')).toEqual([]);
      expect(await check(h, 'budget-start-current')).toEqual([]);
    }
  });

  it('compares with check_date: a November start is current in November', async () => {
    expect(addresses(await check(plan, 'budget-start-current', { check_date: '2026-11-30' })))
      .toEqual(['azurerm_consumption_budget_subscription.replaced']);
  });

  it('without check_date, compares with the checker\'s clock', async () => {
    const [, p] = render({
      env: 'dev',
      resources: [
        b.resourceGroup(),
        b.budget(100, { time_period: { start_date: '2000-01-01T00:00:00Z' } }, 'old'),
        b.budget(100, { time_period: { start_date: '2999-01-01T00:00:00Z' } }, 'future'),
      ],
    });
    expect(addresses(await check(p, 'budget-start-current', {}))).toEqual(['azurerm_consumption_budget_resource_group.old']);
  });
});

describe('openai-model-current', () => {
  const [, plan] = formatPaths(exampleDir(example('openai-model-current')), 'bad');

  it('reports a version from its retirement date on, per SKU where the table gives one', async () => {
    expect(addresses(await check(plan, 'openai-model-current', { check_date: '2026-10-13' })))
      .toEqual(['azurerm_cognitive_deployment.gpt-4o']);
    expect(addresses(await check(plan, 'openai-model-current', { check_date: '2026-10-14' })))
      .toEqual(['azurerm_cognitive_deployment.gpt-4.1-mini', 'azurerm_cognitive_deployment.gpt-4o']);
    expect(await check(plan, 'openai-model-current', { check_date: '2026-03-30' })).toEqual([]);
  });

  it('reads rows added with the parameters, and the checker\'s clock without check_date', async () => {
    const [file] = render({
      env: 'dev',
      resources: [b.openaiAccount(), b.openaiDeployment('legacy', { model: { format: 'OpenAI', name: 'contoso-model', version: '1' } })],
    });
    const table = { 'contoso-model@1': { retirement: '2001-01-01', source: 'https://example.com/retirements' } };
    const findings = await check(file, 'openai-model-current', { openai_model_retirements: table });
    expect(addresses(findings)).toEqual(['azurerm_cognitive_deployment.legacy']);
    expect(findings[0].message).toContain('https://example.com/retirements');
  });
});

describe('kv-data-plane-ordering', () => {
  it('follows depends_on on a module call to the private endpoint inside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-kv-'));
    mkdirSync(join(dir, 'endpoint'));
    writeFileSync(join(dir, 'endpoint', 'main.tf'), `
variable "vault_id" {}
resource "azurerm_private_endpoint" "this" {
  name      = "pe-kv"
  subnet_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "kv"
    private_connection_resource_id = var.vault_id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}
`);
    writeFileSync(join(dir, 'main.tf'), `
resource "azurerm_key_vault" "main" {
  name                          = "kv-platform"
  public_network_access_enabled = false
}
module "endpoint" {
  source   = "./endpoint"
  vault_id = azurerm_key_vault.main.id
}
resource "azurerm_key_vault_secret" "after_module" {
  name         = "a"
  key_vault_id = azurerm_key_vault.main.id
  depends_on   = [module.endpoint]
}
resource "azurerm_key_vault_secret" "unordered" {
  name         = "b"
  key_vault_id = azurerm_key_vault.main.id
}
`);
    const findings = await check(dir, 'kv-data-plane-ordering');
    expect(addresses(findings)).toEqual(['azurerm_key_vault_secret.unordered']);
    expect(findings[0].message).toContain('module.endpoint.azurerm_private_endpoint.this');
  });
});

describe('check_date', () => {
  it('must be a date written YYYY-MM-DD', async () => {
    const [file] = formatPaths(exampleDir(example('openai-model-current')), 'good');
    for (const bad of ['2026-13-01', '2026-02-30', '5 Dec 2026', 20261205]) {
      await expect(check(file, 'openai-model-current', { check_date: bad })).rejects.toThrow(UserError);
    }
    await expect(check(file, 'openai-model-current', { check_date: '2026-02-30' })).rejects.toThrow(/check_date must be a date written YYYY-MM-DD/);
  });
});

test('the harness pack sees the same rules', () => {
  expect(loadPack().rules).toEqual(expect.arrayContaining(APPLY_FAILURE_EXAMPLES.map((e) => e.id)));
});

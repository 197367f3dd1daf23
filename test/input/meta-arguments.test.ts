/**
 * The meta-arguments rules about apply order and deletion read: explicit `depends_on` (as references
 * of attribute `depends_on`, in every format, resolved through modules like any reference),
 * `lifecycle` (CDKTF/HCL: a plan does not record it) and a plan's actions per instance.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../src/input/load';
import { normalizePlan } from '../../src/input/plan';
import { resource, targetsOf } from './helpers';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apg-meta-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('HCL', () => {
  const dir = tempDir({
    'main.tf': `
resource "azurerm_private_endpoint" "kv" {
  name = "pe-kv"
}
resource "azurerm_key_vault_secret" "s" {
  name       = "s"
  depends_on = [azurerm_private_endpoint.kv, module.net]
  lifecycle {
    prevent_destroy = true
    ignore_changes  = [value, tags["owner"], time_period[0].start_date]
  }
}
resource "azurerm_consumption_budget_subscription" "b" {
  name = "b"
  lifecycle {
    ignore_changes = all
  }
}
resource "azurerm_resource_group" "plain" {
  name = "rg"
  lifecycle {
    create_before_destroy = true
  }
}
module "net" {
  source = "./net"
}
`,
    'net/main.tf': `
resource "azurerm_private_dns_zone" "kv" {
  name = "privatelink.vaultcore.azure.net"
}
resource "azurerm_private_dns_zone_virtual_network_link" "kv" {
  name                  = "link"
  private_dns_zone_name = "privatelink.vaultcore.azure.net"
  depends_on            = [azurerm_private_dns_zone.kv]
}
`,
  });

  it('records depends_on as references, resolved in the module instance that makes them', async () => {
    const [input] = await loadInputs(dir);
    expect(targetsOf(resource(input, 'azurerm_key_vault_secret.s'), 'depends_on')).toEqual(['azurerm_private_endpoint.kv', 'module.net']);
    expect(targetsOf(resource(input, 'module.net.azurerm_private_dns_zone_virtual_network_link.kv'), 'depends_on'))
      .toEqual(['module.net.azurerm_private_dns_zone.kv']);
    expect(targetsOf(resource(input, 'azurerm_private_endpoint.kv'), 'depends_on')).toBeUndefined();
  });

  it('keeps prevent_destroy and ignore_changes as paths without indexes; all is ["all"]', async () => {
    const [input] = await loadInputs(dir);
    expect(resource(input, 'azurerm_key_vault_secret.s').lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ['value', 'tags', 'time_period.start_date'],
    });
    expect(resource(input, 'azurerm_consumption_budget_subscription.b').lifecycle).toEqual({ ignore_changes: ['all'] });
    expect(resource(input, 'azurerm_resource_group.plain').lifecycle).toBeUndefined();
    expect(resource(input, 'azurerm_key_vault_secret.s').values).not.toHaveProperty('lifecycle');
    expect(resource(input, 'azurerm_key_vault_secret.s').actions).toBeUndefined();
  });
});

describe('CDKTF JSON', () => {
  it('reads depends_on without ${} and lifecycle as an object, per count instance', async () => {
    const dir = tempDir({
      'cdk.tf.json': JSON.stringify({
        resource: {
          azurerm_private_endpoint: { kv: { name: 'pe-kv', count: 2 } },
          azurerm_key_vault_secret: {
            s: {
              count: 2,
              name: 's',
              depends_on: ['azurerm_private_endpoint.kv'],
              lifecycle: { prevent_destroy: false, ignore_changes: ['value'] },
            },
          },
        },
      }),
    });
    const [input] = await loadInputs(dir);
    for (const i of [0, 1]) {
      const s = resource(input, `azurerm_key_vault_secret.s[${i}]`);
      expect(targetsOf(s, 'depends_on')).toEqual(['azurerm_private_endpoint.kv']);
      expect(s.lifecycle).toEqual({ ignore_changes: ['value'] });
    }
  });
});

describe('plan JSON', () => {
  const plan = {
    format_version: '1.2',
    resource_changes: [
      { address: 'azurerm_key_vault_secret.s', mode: 'managed', type: 'azurerm_key_vault_secret', name: 's', change: { actions: ['create'], after: { name: 's' }, after_unknown: {} } },
      { address: 'azurerm_private_endpoint.kv', mode: 'managed', type: 'azurerm_private_endpoint', name: 'kv', change: { actions: ['no-op'], after: { name: 'pe' }, after_unknown: {} } },
      { address: 'azurerm_consumption_budget_subscription.b', mode: 'managed', type: 'azurerm_consumption_budget_subscription', name: 'b', change: { actions: ['delete', 'create'], after: { name: 'b' }, after_unknown: {} } },
      { address: 'module.m.azurerm_key_vault_key.k', module_address: 'module.m', mode: 'managed', type: 'azurerm_key_vault_key', name: 'k', change: { actions: ['update'], after: { name: 'k' }, after_unknown: {} } },
    ],
    configuration: {
      root_module: {
        resources: [
          { address: 'azurerm_key_vault_secret.s', mode: 'managed', type: 'azurerm_key_vault_secret', name: 's', expressions: {}, depends_on: ['azurerm_private_endpoint.kv', 'module.m'] },
          { address: 'azurerm_private_endpoint.kv', mode: 'managed', type: 'azurerm_private_endpoint', name: 'kv', expressions: {} },
        ],
        module_calls: {
          m: {
            source: './m',
            module: {
              resources: [
                { address: 'azurerm_key_vault_key.k', mode: 'managed', type: 'azurerm_key_vault_key', name: 'k', expressions: {}, depends_on: ['azurerm_private_endpoint.inner'] },
              ],
            },
          },
        },
      },
    },
  };

  it('records depends_on from the configuration, module prefix included', () => {
    const input = normalizePlan(plan, 'plan.json');
    expect(targetsOf(resource(input, 'azurerm_key_vault_secret.s'), 'depends_on')).toEqual(['azurerm_private_endpoint.kv', 'module.m']);
    expect(targetsOf(resource(input, 'module.m.azurerm_key_vault_key.k'), 'depends_on')).toEqual(['module.m.azurerm_private_endpoint.inner']);
  });

  it('gives each instance its planned actions and no lifecycle (plans do not record it)', () => {
    const input = normalizePlan(plan, 'plan.json');
    expect(resource(input, 'azurerm_key_vault_secret.s').actions).toEqual(['create']);
    expect(resource(input, 'azurerm_private_endpoint.kv').actions).toEqual(['no-op']);
    expect(resource(input, 'azurerm_consumption_budget_subscription.b').actions).toEqual(['delete', 'create']);
    expect(resource(input, 'module.m.azurerm_key_vault_key.k').actions).toEqual(['update']);
    expect(input.resources.every((r) => r.lifecycle === undefined)).toBe(true);
  });

  it('gives no actions for a state (values only)', () => {
    const state = normalizePlan({
      format_version: '1.0',
      values: { root_module: { resources: [{ address: 'azurerm_resource_group.rg', mode: 'managed', type: 'azurerm_resource_group', name: 'rg', values: { name: 'rg' } }] } },
    }, 'state.json');
    expect(resource(state, 'azurerm_resource_group.rg').actions).toBeUndefined();
  });
});

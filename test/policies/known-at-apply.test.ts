/**
 * "Known only at apply" (issue 12 item 7, policies/README.md): a value the configuration alone does
 * not decide — an expression CDKTF/HCL keep as text (a required variable with no value, another
 * resource's attribute) or a plan's unknown value — never produces a finding, in every rule. An
 * Optional+Computed attribute or block a plan shows unknown because the configuration leaves it out
 * is the provider default, not a value known only at apply. Through the compiled WASM.
 */
import { join } from 'node:path';
import type { NormalizedResource, PolicyInput } from '../../src/input/types';
import type { Finding } from '../../src/policy/types';
import { loadPack, pairs, type Pack } from './harness';

let pack: Pack;
let fixture: Finding[];

beforeAll(async () => {
  pack = loadPack();
  fixture = await pack.check(join(__dirname, 'fixtures', 'known-at-apply'));
});

// Every rule that reads one of the fixture's undecided settings.
const RULES = ['key-vault-hardening', 'public-network-restricted', 'cosmos-continuous-backup', 'stateful-deletion-protection', 'acr-pull-identity', 'budget-required', 'no-admin-users'];

test('HCL: required variables without a value give no finding in any rule that reads them', () => {
  expect(pairs(fixture.filter((f) => RULES.includes(f.rule)))).toEqual([]);
  // The fixture is checked at all: rules on decided settings still report.
  expect(pairs(fixture)).toContain('health-probes azurerm_container_app.api');
});

function resource(type: string, values: Record<string, unknown>, extra: Partial<NormalizedResource> = {}): NormalizedResource {
  return { address: `${type}.x`, mode: 'managed', type, name: 'x', module: '', values, unknown: [], references: [], ...extra };
}

const plan = (stack: string | undefined, ...resources: NormalizedResource[]): PolicyInput => ({ format: 'plan', source: 'test', stack, resources, outputs: [] });

const found = (input: PolicyInput, rule: string): string[] =>
  pack.evaluate(input).filter((f) => f.rule === rule).map((f) => `${f.check ?? f.rule} ${f.address}`);

const vault = (values: Record<string, unknown>, extra: Partial<NormalizedResource> = {}) =>
  resource('azurerm_key_vault', { purge_protection_enabled: true, network_acls: [{ default_action: 'Deny' }], ...values }, extra);

test.each([
  ['rbac from another resource (unknown, referenced)', vault({ rbac_authorization_enabled: null }, {
    unknown: ['rbac_authorization_enabled'],
    references: [{ attribute: 'rbac_authorization_enabled', targets: ['terraform_data.flags.output'] }],
  }), []],
  // Optional+Computed: a plan creating the vault shows the omitted attribute as unknown.
  ['rbac omitted (unknown, no reference)', vault({ rbac_authorization_enabled: null, enable_rbac_authorization: null }, {
    unknown: ['rbac_authorization_enabled', 'enable_rbac_authorization'],
  }), ['key-vault-hardening/rbac azurerm_key_vault.x']],
  ['rbac false', vault({ rbac_authorization_enabled: false }), ['key-vault-hardening/rbac azurerm_key_vault.x']],
  ['purge protection unknown', vault({ rbac_authorization_enabled: true, purge_protection_enabled: null }, { unknown: ['purge_protection_enabled'] }), []],
  ['default_action unknown', vault({ rbac_authorization_enabled: true, network_acls: [{ default_action: null }] }, { unknown: ['network_acls.0.default_action'] }), []],
])('key-vault-hardening, plan: %s', (_name, r, expected) => {
  expect(found(plan('dev', r), 'key-vault-hardening')).toEqual(expected);
});

const cosmos = (values: Record<string, unknown>, extra: Partial<NormalizedResource> = {}) =>
  resource('azurerm_cosmosdb_account', { kind: 'GlobalDocumentDB', public_network_access_enabled: false, ...values }, extra);

test.each([
  ['backup.type unknown', cosmos({ backup: [{ type: null }] }, { unknown: ['backup.0.type'] }), []],
  // Optional+Computed block: unknown when omitted on create, i.e. periodic.
  ['backup block unknown (omitted)', cosmos({ backup: null }, { unknown: ['backup'] }), ['cosmos-continuous-backup azurerm_cosmosdb_account.x']],
  ['backup.type Periodic', cosmos({ backup: [{ type: 'Periodic' }] }), ['cosmos-continuous-backup azurerm_cosmosdb_account.x']],
])('cosmos-continuous-backup, plan: %s', (_name, r, expected) => {
  expect(found(plan('dev', r), 'cosmos-continuous-backup')).toEqual(expected);
});

test.each([
  ['ip_range_filter unknown', { ip_range_filter: null }, ['ip_range_filter'], []],
  ['is_virtual_network_filter_enabled unknown', { is_virtual_network_filter_enabled: null }, ['is_virtual_network_filter_enabled'], []],
  ['nothing', {}, [], ['public-network-restricted azurerm_cosmosdb_account.x']],
])('public-network-restricted, plan: %s', (_name, values, unknown, expected) => {
  const r = cosmos({ public_network_access_enabled: true, ...values }, { unknown });
  expect(found(plan('dev', r), 'public-network-restricted')).toEqual(expected);
});

test.each([
  ['unknown lock_level', null, ['lock_level'], []],
  ['lock_level CanNotDelete', 'CanNotDelete', [], []],
  ['lock_level "None" is no lock level: nothing protects', 'None', [], ['stateful-deletion-protection azurerm_cosmosdb_account.x']],
])('stateful-deletion-protection, plan: %s', (_name, level, unknown, expected) => {
  const lock = resource('azurerm_management_lock', { lock_level: level }, {
    address: 'azurerm_management_lock.db', name: 'db', unknown,
    references: [{ attribute: 'scope', targets: ['azurerm_cosmosdb_account.x.id'] }],
  });
  expect(found(plan('prod', cosmos({ backup: [{ type: 'Continuous' }] }), lock), 'stateful-deletion-protection')).toEqual(expected);
});

test.each([
  ['identity unknown, no reference', { identity: null }, ['registry.0.identity'], [], []],
  ['identity from a system-assigned principal', { identity: 'System' }, [], [], ['acr-pull-identity/user-assigned azurerm_container_app.x']],
  ['identity from a resource that is no user-assigned identity', { identity: null }, ['registry.0.identity'],
    [{ attribute: 'registry.0.identity', targets: ['azurerm_container_app.other.identity[0].principal_id'] }], ['acr-pull-identity/user-assigned azurerm_container_app.x']],
])('acr-pull-identity, plan: %s', (_name, registry, unknown, references, expected) => {
  const app = resource('azurerm_container_app', { registry: [{ server: 'acr.azurecr.io', ...registry }] }, { unknown, references });
  expect(found(plan('dev', app), 'acr-pull-identity')).toEqual(expected);
});

test('budget-required, plan: a threshold_type unknown until apply counts for Actual and Forecasted', () => {
  const budget = (thresholdType: string | null) => resource('azurerm_consumption_budget_subscription', {
    amount: 100,
    notification: [{ threshold: 80, threshold_type: thresholdType, contact_emails: ['a@example.com'] }],
  }, { unknown: thresholdType === null ? ['notification.0.threshold_type'] : [] });
  expect(found(plan('dev', budget(null)), 'budget-required')).toEqual([]);
  expect(found(plan('dev', budget('Actual')), 'budget-required')).toEqual(['budget-required/notifications azurerm_consumption_budget_subscription.x']);
});

import { UserError } from '../../src/cli/errors';
import type { Finding } from '../../src/policy/types';
import { applyWaivers, parseWaivers, WAIVER_INVALID } from '../../src/policy/waivers';

const NOW = new Date('2026-06-15T12:00:00Z');
const RULES = new Set(['no-admin-users', 'scale-to-zero']);

const finding = (rule: string, address: string, stack?: string): Finding => ({
  rule,
  severity: 'deny',
  title: rule,
  address,
  message: 'm',
  waived: false,
  source: 'cdk.tf.json',
  ...(stack ? { stack } : {}),
});

describe('parseWaivers', () => {
  it('reads a list under "waivers:" and a bare list; unquoted dates are dates', () => {
    const text = 'waivers:\n  - rule: no-admin-users\n    address: "module.legacy.*"\n    reason: legacy\n    expires: 2026-12-31\n';
    expect(parseWaivers(text, 'w.yaml')).toEqual([
      { rule: 'no-admin-users', address: 'module.legacy.*', reason: 'legacy', expires: '2026-12-31', index: 1, file: 'w.yaml' },
    ]);
    expect(parseWaivers('- {rule: a, address: b, reason: c, expires: "2026-01-01"}', 'w.yaml')).toHaveLength(1);
    expect(parseWaivers('', 'w.yaml')).toEqual([]);
  });

  it.each([
    ['- {address: x, reason: r, expires: 2026-01-01}', 'w.yaml: waiver 1: rule: '],
    ['- {rule: a, address: x, reason: r, expires: 2026-01-01}\n- {rule: no-admin-users, address: x, reason: r, expires: next week}', 'w.yaml: waiver 2 (rule no-admin-users): expires: expected a date YYYY-MM-DD'],
    ['- {rule: a, address: x, reason: r, expires: 2026-02-30x}', 'w.yaml: waiver 1 (rule a): expires:'],
    ['- {rule: a, address: x, reason: r, expires: 2026-01-01, owner: me}', 'w.yaml: waiver 1 (rule a): '],
    ['rule: a', 'w.yaml: expected a list of waivers'],
    ['- [unclosed', 'w.yaml: not valid YAML'],
  ])('rejects %j naming the entry', (text, message) => {
    expect(() => parseWaivers(text, 'w.yaml')).toThrow(UserError);
    expect(() => parseWaivers(text, 'w.yaml')).toThrow(message);
  });
});

describe('applyWaivers', () => {
  const waivers = parseWaivers(
    [
      '- {rule: no-admin-users, address: "module.legacy.*", reason: "legacy registry, PLAT-1", expires: 2026-06-15}',
      '- {rule: scale-to-zero, address: "azurerm_container_app.api[\\"a\\"]", reason: exact address, expires: 2027-01-01, stack: prod}',
      '- {rule: no-admin-users, address: "*", reason: old, expires: 2026-06-14}',
      '- {rule: no-admin-users, address: "azurerm_container_registry.x", reason: "  ", expires: 2027-01-01}',
      '- {rule: no-such-rule, address: "*", reason: typo, expires: 2027-01-01}',
    ].join('\n'),
    'waivers.yaml',
  );

  it('waives matching findings with the reason and leaves the others failing', () => {
    const { findings } = applyWaivers(
      [
        finding('no-admin-users', 'module.legacy.azurerm_container_registry.acr'),
        finding('no-admin-users', 'azurerm_container_registry.acr'),
        finding('scale-to-zero', 'module.legacy.azurerm_container_app.api'),
      ],
      waivers,
      RULES,
      NOW,
    );
    expect(findings.map((f) => [f.address, f.waived, f.waiverReason])).toEqual([
      ['module.legacy.azurerm_container_registry.acr', true, 'legacy registry, PLAT-1 (until 2026-06-15)'],
      ['azurerm_container_registry.acr', false, undefined],
      ['module.legacy.azurerm_container_app.api', false, undefined],
    ]);
  });

  it('matches addresses with instance keys exactly, and only in the named stack', () => {
    const { findings } = applyWaivers(
      [finding('scale-to-zero', 'azurerm_container_app.api["a"]', 'prod'), finding('scale-to-zero', 'azurerm_container_app.api["a"]', 'dev')],
      waivers,
      RULES,
      NOW,
    );
    expect(findings.map((f) => f.waived)).toEqual([true, false]);
  });

  it('reports expired, reasonless and unknown-rule waivers as waiver-invalid deny findings that waive nothing', () => {
    const { findings, invalid } = applyWaivers([finding('no-admin-users', 'azurerm_container_registry.x')], waivers, RULES, NOW);
    expect(findings[0].waived).toBe(false);
    expect(invalid.map((f) => [f.rule, f.severity, f.waived])).toEqual([
      [WAIVER_INVALID, 'deny', false],
      [WAIVER_INVALID, 'deny', false],
      [WAIVER_INVALID, 'deny', false],
    ]);
    expect(invalid.map((f) => f.message)).toEqual([
      'waivers.yaml: waiver 3 (rule no-admin-users, address *) expired on 2026-06-14: fix the finding or renew the waiver with a new date',
      'waivers.yaml: waiver 4 (rule no-admin-users, address azurerm_container_registry.x) has no reason: say why the finding is accepted',
      'waivers.yaml: waiver 5 (rule no-such-rule, address *) names rule "no-such-rule", which is not in the policy pack: fix the id or remove the entry',
    ]);
  });

  it('takes the first waiver in the file that covers a finding, whether it names the rule or the check', () => {
    const rules = new Set(['key-vault-hardening', 'key-vault-hardening/purge-protection', 'key-vault-hardening/network-acl']);
    const kv = { ...finding('key-vault-hardening', 'azurerm_key_vault.kv', 'prod'), check: 'key-vault-hardening/purge-protection' };
    const other = { ...finding('key-vault-hardening', 'azurerm_key_vault.kv', 'prod'), check: 'key-vault-hardening/network-acl' };
    const reason = (lines: string[], f: Finding) => applyWaivers([f], parseWaivers(lines.join('\n'), 'w.yaml'), rules, NOW).findings[0].waiverReason;
    const byCheck = '- {rule: key-vault-hardening/purge-protection, address: "*", reason: check, expires: 2027-01-01}';
    const byRule = '- {rule: key-vault-hardening, address: "azurerm_key_vault.*", reason: rule, expires: 2027-01-01}';
    const elsewhere = '- {rule: key-vault-hardening, address: "*", stack: dev, reason: dev only, expires: 2027-01-01}';
    expect(reason([byCheck, byRule], kv)).toBe('check (until 2027-01-01)');
    expect(reason([byRule, byCheck], kv)).toBe('rule (until 2027-01-01)');
    expect(reason([elsewhere, byCheck, byRule], kv)).toBe('check (until 2027-01-01)');
    expect(reason([byCheck, elsewhere], other)).toBeUndefined();
    expect(reason([byCheck, byRule], other)).toBe('rule (until 2027-01-01)');
  });

  it('keeps a waiver valid through its expiry day (UTC) and not a day after', () => {
    const day = parseWaivers('- {rule: no-admin-users, address: "*", reason: r, expires: 2026-06-15}', 'w.yaml');
    const f = [finding('no-admin-users', 'a.b')];
    expect(applyWaivers(f, day, RULES, new Date('2026-06-15T23:59:59Z')).findings[0].waived).toBe(true);
    expect(applyWaivers(f, day, RULES, new Date('2026-06-16T00:00:00Z')).invalid).toHaveLength(1);
  });
});

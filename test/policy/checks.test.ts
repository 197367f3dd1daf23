/**
 * Checks within a rule: a rule that tests several conditions names the one each finding is about
 * (`key-vault-hardening/purge-protection`), a waiver may name one check and leaves the others of the
 * same rule on the same address reported, an unknown check id makes the waiver invalid, and every
 * report format carries the check.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PolicyInput } from '../../src/input/types';
import { checkInputs, type CheckOptions } from '../../src/policy/check';
import { buildPack } from '../../src/policy/pack';
import { renderReport } from '../../src/policy/report';
import { sarifLog } from '../../src/policy/report/sarif';
import type { Waiver } from '../../src/policy/waivers';

const POLICIES = resolve(__dirname, '../../policies');
const pack = buildPack({ policiesDir: POLICIES });
const base: CheckOptions = { pack, policiesDir: POLICIES, projectConfig: false, waiversFile: false, cost: false, now: new Date('2026-12-05T00:00:00Z') };

// A vault with access policies, no purge protection and an open network ACL: three checks fail.
const vault: PolicyInput = {
  format: 'cdktf',
  source: 'kv.tf.json',
  resources: [{
    address: 'azurerm_key_vault.kv',
    mode: 'managed',
    type: 'azurerm_key_vault',
    name: 'kv',
    values: { name: 'kv-a', location: 'swedencentral', rbac_authorization_enabled: false, purge_protection_enabled: false, network_acls: [{ default_action: 'Allow', bypass: 'AzureServices' }] },
    references: [],
  }],
} as unknown as PolicyInput;

const waiver = (rule: string): Waiver => ({ rule, address: 'azurerm_key_vault.kv', reason: 'vault rebuilt in PLAT-7', expires: '2027-01-31', index: 1, file: 'waivers.yaml' });
const kvFindings = (findings: { rule: string; check?: string; waived: boolean }[]) =>
  findings.filter((f) => f.rule === 'key-vault-hardening').map((f) => [f.check, f.waived]);

describe('checks within a rule', () => {
  it('each finding of a multi-condition rule names its check', async () => {
    const report = await checkInputs([vault], base);
    expect(kvFindings(report.findings)).toEqual([
      ['key-vault-hardening/network-acl', false],
      ['key-vault-hardening/purge-protection', false],
      ['key-vault-hardening/rbac', false],
    ]);
    const rule = report.rules.find((r) => r.id === 'key-vault-hardening')!;
    expect(rule.checks.map((c) => c.id)).toEqual(['rbac', 'purge-protection', 'network-acl']);
  });

  it('waiving one check leaves the other checks of the rule on the same address reported', async () => {
    const report = await checkInputs([vault], { ...base, waivers: [waiver('key-vault-hardening/purge-protection')] });
    expect(kvFindings(report.findings)).toEqual([
      ['key-vault-hardening/network-acl', false],
      ['key-vault-hardening/purge-protection', true],
      ['key-vault-hardening/rbac', false],
    ]);
    expect(report.findings.filter((f) => f.rule === 'key-vault-hardening' && !f.waived)).toHaveLength(2);
  });

  it('a waiver naming the rule still waives every check', async () => {
    const report = await checkInputs([vault], { ...base, waivers: [waiver('key-vault-hardening')] });
    expect(kvFindings(report.findings).every(([, waived]) => waived)).toBe(true);
  });

  it('an unknown check id is an invalid waiver that waives nothing', async () => {
    const report = await checkInputs([vault], { ...base, waivers: [waiver('key-vault-hardening/purge')] });
    const invalid = report.findings.filter((f) => f.rule === 'waiver-invalid');
    expect(invalid.map((f) => f.message)).toEqual([
      'waivers.yaml: waiver 1 (rule key-vault-hardening/purge, address azurerm_key_vault.kv) names check "key-vault-hardening/purge", which is not a check of a rule in the policy pack (apg rules lists them): fix the id or remove the entry',
    ]);
    expect(kvFindings(report.findings).some(([, waived]) => waived)).toBe(false);
  });

  it('every report format carries the check', async () => {
    const report = await checkInputs([vault], { ...base, waivers: [waiver('key-vault-hardening/rbac')] });
    const json = JSON.parse(renderReport(report, 'json'));
    expect(json.findings.filter((f: { rule: string }) => f.rule === 'key-vault-hardening').map((f: { check: string }) => f.check)).toEqual([
      'key-vault-hardening/network-acl', 'key-vault-hardening/purge-protection', 'key-vault-hardening/rbac',
    ]);
    const results = (sarifLog(report).runs as { results: { ruleId: string; properties?: { check?: string } }[] }[])[0].results;
    expect(results.filter((r) => r.ruleId === 'key-vault-hardening').map((r) => r.properties?.check)).toEqual([
      'key-vault-hardening/network-acl', 'key-vault-hardening/purge-protection', 'key-vault-hardening/rbac',
    ]);
    expect(renderReport(report, 'junit')).toContain('azurerm_key_vault.kv [key-vault-hardening/purge-protection]: purge_protection_enabled is not true');
    expect(renderReport(report, 'text')).toMatch(/DENY\s+key-vault-hardening\/network-acl\s+azurerm_key_vault\.kv/);
    const github = renderReport(report, 'github');
    expect(github).toContain('title=key-vault-hardening/purge-protection%3A Key Vault is hardened::');
    expect(github).not.toContain('title=key-vault-hardening/rbac');
  });
});

describe('check ids are declared', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'apg-checks-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a finding with a check its METADATA does not declare stops the check', async () => {
    mkdirSync(join(dir, 'x'), { recursive: true });
    writeFileSync(join(dir, 'x', 'r.rego'), [
      '# METADATA', '# title: T', '# custom:', '#   id: team-x', '#   severity: deny', '#   checks:', '#     declared: a declared check',
      'package rules.team.x', '', 'import rego.v1', '',
      'deny contains {"address": r.address, "check": "undeclared", "msg": "m"} if {', '\tsome r in input.resources', '}', '',
    ].join('\n'));
    const options: CheckOptions = { projectConfig: false, waiversFile: false, cost: false, cacheDir: false, extraPolicies: [dir], builtinPolicies: false };
    await expect(checkInputs([vault], options)).rejects.toThrow(/rule team-x \(.*x\/r\.rego\) returned check "undeclared", which its METADATA custom.checks does not declare/);
  });
});

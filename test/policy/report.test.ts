import Ajv from 'ajv';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../src/input/load';
import { checkInputs } from '../../src/policy/check';
import { renderReport } from '../../src/policy/report';
import { findingLine } from '../../src/policy/report/location';
import { sarifLog } from '../../src/policy/report/sarif';
import type { CheckReport } from '../../src/policy/types';
import { parseWaivers } from '../../src/policy/waivers';
import { CLEAN, miniPack, VIOLATIONS } from './helpers';

// The official SARIF 2.1.0 JSON schema (draft-04), as shipped by Microsoft's @microsoft/jest-sarif.
const SARIF_SCHEMA = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function sarifErrors(log: unknown): string[] {
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  const validate = ajv.compile(SARIF_SCHEMA);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
}

let report: CheckReport;
let clean: CheckReport;
beforeAll(async () => {
  const waivers = parseWaivers(
    ['- {rule: mini-admin, address: azurerm_container_registry.legacy, reason: "legacy, PLAT-9", expires: 2026-12-31}', '- {rule: mini-admin, address: "x.*", expires: 2026-12-31}'].join('\n'),
    'waivers.yaml',
  );
  const options = { pack: miniPack(), waivers, now: new Date('2026-06-01T00:00:00Z') };
  report = await checkInputs(await loadInputs(VIOLATIONS), options);
  clean = await checkInputs(await loadInputs(CLEAN), { ...options, waivers: [] });
});

describe('sarif', () => {
  it('is a valid SARIF 2.1.0 log (official schema)', () => {
    expect(sarifErrors(sarifLog(report))).toEqual([]);
    expect(sarifErrors(sarifLog(clean))).toEqual([]);
    expect(sarifErrors(JSON.parse(renderReport(report, 'sarif')))).toEqual([]);
    // The check can fail: a result without a message is rejected.
    const broken = sarifLog(report) as any;
    delete broken.runs[0].results[0].message;
    expect(sarifErrors(broken).length).toBeGreaterThan(0);
  });

  it('describes every rule and locates each result logically and physically', () => {
    const run = (sarifLog(report) as any).runs[0];
    expect(run.tool.driver.rules.map((r: any) => [r.id, r.name, r.defaultConfiguration.level])).toEqual([
      ['mini-admin', 'MiniAdmin', 'error'],
      ['mini-idle', 'MiniIdle', 'error'],
      ['mini-replicas', 'MiniReplicas', 'warning'],
      ['waiver-invalid', 'WaiverInvalid', 'error'],
    ]);
    expect(run.tool.driver.rules[0].shortDescription.text).toBe('No registry admin user');
    expect(run.tool.driver.rules[0].fullDescription.text).toBe('Registries keep the admin user off.');
    const acr = run.results.find((r: any) => r.message.text.startsWith('azurerm_container_registry.acr'));
    expect(acr).toMatchObject({ ruleId: 'mini-admin', ruleIndex: 0, level: 'error' });
    expect(acr.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'azurerm_container_registry.acr', kind: 'resource' }]);
    expect(acr.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'test/policy/fixtures/inputs/violations.tf.json' },
      region: { startLine: 4 },
    });
    const legacy = run.results.find((r: any) => r.message.text.startsWith('azurerm_container_registry.legacy'));
    expect(legacy.suppressions).toEqual([{ kind: 'external', justification: 'legacy, PLAT-9 (until 2026-12-31)' }]);
  });
});

describe('json', () => {
  it('has findings with rule/severity/address/message/waived and a summary', () => {
    const doc = JSON.parse(renderReport(report, 'json'));
    expect(Object.keys(doc)).toEqual(['findings', 'summary', 'inputs', 'notes', 'modulesNotChecked']);
    expect(doc.findings[0]).toMatchObject({ rule: 'mini-admin', severity: 'deny', address: 'azurerm_container_registry.acr', waived: false });
    expect(doc.findings.find((f: any) => f.waived)).toMatchObject({ address: 'azurerm_container_registry.legacy', waiverReason: 'legacy, PLAT-9 (until 2026-12-31)' });
    expect(doc.summary).toEqual({ inputs: 1, resources: 3, rules: 3, deny: 2, warn: 1, waived: 1, passed: false });
  });
});

describe('junit', () => {
  it('has one testcase per rule and input, failing for unwaived deny findings', () => {
    const xml = renderReport(report, 'junit');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="apg check" tests="4" failures="2">/);
    expect(xml).toContain('<testcase classname="test/policy/fixtures/inputs/violations.tf.json" name="mini-admin">');
    expect(xml).toContain('<failure message="1 finding" type="deny">azurerm_container_registry.acr: admin_enabled is true: set admin_enabled = false</failure>');
    expect(xml).toContain('<system-out>DENY azurerm_container_registry.legacy: admin_enabled is true: set admin_enabled = false [waived: legacy, PLAT-9 (until 2026-12-31)]</system-out>');
    expect(xml).toContain('<testsuite name="waivers" tests="1" failures="1"');
    // Every opened element is closed.
    for (const tag of ['testsuites', 'testsuite', 'testcase']) {
      expect((xml.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length).toBe((xml.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);
    }
  });
});

describe('github', () => {
  it('writes annotations to stdout and the job summary to $GITHUB_STEP_SUMMARY', () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'apg-gh-')), 'summary.md');
    const out = renderReport(report, 'github', { GITHUB_STEP_SUMMARY: summary });
    expect(out.split('\n').filter(Boolean)).toEqual([
      '::error file=test/policy/fixtures/inputs/violations.tf.json,line=4,title=mini-admin%3A No registry admin user::azurerm_container_registry.acr: admin_enabled is true: set admin_enabled = false',
      '::warning file=test/policy/fixtures/inputs/violations.tf.json,line=8,title=mini-replicas%3A Replica cap::azurerm_container_app.api: template.max_replicas is 8, above the cap of 5: lower it',
      '::error file=waivers.yaml,title=waiver-invalid%3A Waivers must have a reason%2C a future expiry and a known rule::x.*: waivers.yaml: waiver 2 (rule mini-admin, address x.*) has no reason: say why the finding is accepted',
    ]);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('## Policy check: failed ❌');
    expect(md).toContain('| 🔴 deny | `mini-admin` | test/policy/fixtures/inputs/violations.tf.json | `azurerm_container_registry.acr` | admin_enabled is true: set admin_enabled = false |');
    expect(md).toContain('| ⚪ waived | `mini-admin`');
  });

  it('prints the summary after the annotations without $GITHUB_STEP_SUMMARY', () => {
    const out = renderReport(clean, 'github', {});
    expect(out).toContain('## Policy check: passed ✅');
    expect(out).not.toContain('::error');
  });
});

describe('text', () => {
  it('groups by input, labels each finding and ends with the verdict', () => {
    const text = renderReport(report, 'text');
    expect(text).toContain('  DENY   mini-admin  azurerm_container_registry.acr\n         admin_enabled is true: set admin_enabled = false\n');
    expect(text).toContain('  WAIVED mini-admin  azurerm_container_registry.legacy');
    expect(text.trim().split('\n').pop()).toBe('check: 1 input, 3 resources, 3 rules: 2 deny, 1 warn, 1 waived — FAILED');
  });
});

describe('findingLine', () => {
  it('finds resources in plans by address and in HCL by block header', () => {
    const plan = join(__dirname, '..', 'fixtures', 'inputs', 'plan-modules.plan.json');
    const base = { rule: 'r', severity: 'deny' as const, title: 't', message: 'm', waived: false };
    expect(findingLine({ ...base, source: plan, address: 'module.app.azurerm_container_app.this' })).toBe(36);
    const hcl = join(__dirname, '..', 'fixtures', 'inputs', 'hcl-modules', 'main.tf');
    expect(findingLine({ ...base, source: hcl, address: 'azurerm_container_registry.acr[1]' })).toBe(21);
    expect(findingLine({ ...base, source: hcl, address: 'output.db_connection' })).toBe(34);
    expect(findingLine({ ...base, source: hcl, address: '*' })).toBeUndefined();
  });

  it('reads a plan file once and finds each address at its first whole-string occurrence', () => {
    const plan = join(mkdtempSync(join(tmpdir(), 'apg-line-')), 'plan.json');
    writeFileSync(plan, [
      '{',
      '  "resource_changes": [',
      '    { "address": "azurerm_x.a[0]", "other": { "address": "azurerm_x.b" } },',
      '    { "address": "azurerm_x.a" },',
      '    { "address": "module.m[\\"k.1\\"].azurerm_x.b" },',
      '    { "address": "azurerm_x.b" }',
      '  ]',
      '}',
    ].join('\n'));
    const base = { rule: 'r', severity: 'deny' as const, title: 't', message: 'm', waived: false, source: plan };
    expect(findingLine({ ...base, address: 'azurerm_x.a' })).toBe(4); // not line 3's azurerm_x.a[0]
    expect(findingLine({ ...base, address: 'azurerm_x.a[0]' })).toBe(3);
    expect(findingLine({ ...base, address: 'azurerm_x.b' })).toBe(3); // the first occurrence, wherever it is
    expect(findingLine({ ...base, address: 'module.m["k.1"].azurerm_x.b' })).toBe(5);
    writeFileSync(plan, '{}'); // read once per check: the lines found stay those of the first read
    expect(findingLine({ ...base, address: 'azurerm_x.a' })).toBe(4);
  });
});

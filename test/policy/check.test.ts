import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../src/input/load';
import { buildPack } from '../../src/policy/pack';
import { checkInputs, checkInputsSync } from '../../src/policy/check';
import { parseWaivers } from '../../src/policy/waivers';
import { CLEAN, miniPack, VIOLATIONS } from './helpers';

const NOW = new Date('2026-06-15T00:00:00Z');
const base = { waiversFile: false as const, now: NOW };

describe('checkInputs', () => {
  it('maps each rule result to findings with severity and title from METADATA', async () => {
    const inputs = await loadInputs(VIOLATIONS);
    const report = await checkInputs(inputs, { ...base, pack: miniPack() });
    expect(report.findings.map((f) => [f.rule, f.severity, f.title, f.address, f.waived])).toEqual([
      ['mini-admin', 'deny', 'No registry admin user', 'azurerm_container_registry.acr', false],
      ['mini-admin', 'deny', 'No registry admin user', 'azurerm_container_registry.legacy', false],
      ['mini-replicas', 'warn', 'Replica cap', 'azurerm_container_app.api', false],
    ]);
    expect(report.findings[2].message).toBe('template.max_replicas is 8, above the cap of 5: lower it');
    expect(report.findings[0].source).toBe(VIOLATIONS);
    expect(report.summary).toEqual({ inputs: 1, resources: 3, rules: 3, deny: 2, warn: 1, waived: 0, passed: false });
  });

  it('passes a clean input', async () => {
    const report = await checkInputs(await loadInputs(CLEAN), { ...base, pack: miniPack() });
    expect(report.findings).toEqual([]);
    expect(report.summary.passed).toBe(true);
  });

  it('applies parameter overrides as bundle data', async () => {
    const inputs = await loadInputs(VIOLATIONS);
    const report = await checkInputs(inputs, { ...base, pack: miniPack(), params: { max_replicas: 10 } });
    expect(report.findings.map((f) => f.rule)).toEqual(['mini-admin', 'mini-admin']);
  });

  it('puts the cost estimate on input.cost before evaluation, unless told not to', async () => {
    const inputs = await loadInputs(VIOLATIONS);
    const costly = await checkInputs(inputs, { ...base, pack: miniPack(), params: { idle_cap: 0.01 } });
    expect(costly.findings.filter((f) => f.rule === 'mini-idle').map((f) => f.address)).toEqual(['*']);
    const noCost = await checkInputs(inputs, { ...base, pack: miniPack(), params: { idle_cap: 0.01 }, cost: false });
    expect(noCost.findings.some((f) => f.rule === 'mini-idle')).toBe(false);
    expect(inputs[0].cost).toBeUndefined(); // the caller's input is left as it was
  });

  it('reports waived findings as waived: they no longer fail the check', async () => {
    const waivers = parseWaivers('- {rule: mini-admin, address: "azurerm_container_registry.*", reason: "migrating, PLAT-7", expires: 2026-07-01}', 'w.yaml');
    const report = await checkInputs(await loadInputs(VIOLATIONS), { ...base, pack: miniPack(), waivers });
    expect(report.findings.filter((f) => f.waived).map((f) => f.address)).toEqual(['azurerm_container_registry.acr', 'azurerm_container_registry.legacy']);
    expect(report.summary).toMatchObject({ deny: 0, warn: 1, waived: 2, passed: true });
  });

  it('fails on an expired waiver even when it would cover every finding', async () => {
    const waivers = parseWaivers('- {rule: mini-admin, address: "*", reason: "old", expires: 2026-01-01}', 'w.yaml');
    const report = await checkInputs(await loadInputs(VIOLATIONS), { ...base, pack: miniPack(), waivers });
    expect(report.findings.filter((f) => f.rule === 'waiver-invalid')).toHaveLength(1);
    expect(report.summary).toMatchObject({ deny: 3, waived: 0, passed: false });
  });

  it('gives the same report synchronously (synth gate)', async () => {
    const inputs = await loadInputs(VIOLATIONS);
    expect(checkInputsSync(inputs, { ...base, pack: miniPack() })).toEqual(await checkInputs(inputs, { ...base, pack: miniPack() }));
  });

  it('takes a severity given by the finding itself over the METADATA one, and refuses an unknown one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-severity-'));
    mkdirSync(join(dir, 'cost'));
    const rule = (id: string, severity: string) => `# METADATA
# title: Two thresholds
# description: One rule, a warning and a deny.
# custom:
#   id: ${id}
#   severity: deny
package rules.cost.${id.replace(/-/g, '_')}

import rego.v1

deny contains {"address": "*", "msg": "above the first threshold: warn only", "severity": "${severity}"}
`;
    writeFileSync(join(dir, 'cost', 'two.rego'), rule('two-thresholds', 'warn'));
    const inputs = await loadInputs(CLEAN);
    const report = await checkInputs(inputs, { ...base, pack: buildPack({ policiesDir: dir, cacheDir: false }), policiesDir: dir, cost: false });
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([['two-thresholds', 'warn']]);
    expect(report.summary).toMatchObject({ deny: 0, warn: 1, passed: true });

    writeFileSync(join(dir, 'cost', 'two.rego'), rule('two-thresholds', 'high'));
    await expect(checkInputs(inputs, { ...base, pack: buildPack({ policiesDir: dir, cacheDir: false }), policiesDir: dir, cost: false }))
      .rejects.toThrow('rule two-thresholds returned severity "high": expected "warn" or "deny"');
  });
});

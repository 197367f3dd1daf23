/**
 * Issue 12 item 9 and "nothing silent": a finding on HCL names the file and line of its resource
 * block (the attribute's line when the rule names it), one on the project's CDKTF stacks names the
 * line of stacks/ that created the resource, in every report format; a module call that is not
 * installed is reported in every format at its module block.
 */
import Ajv from 'ajv';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { synthesizeAll } from '../../bin/main';
import { loadInputs } from '../../src/input/load';
import { checkInputs } from '../../src/policy/check';
import { renderReport } from '../../src/policy/report';
import type { CheckReport } from '../../src/policy/types';
import { FIXTURES, miniPack } from './helpers';

const SARIF_SCHEMA = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const HCL = join(FIXTURES, 'inputs', 'hcl-located');
// Paths as reports print them: relative to the working directory (the repository root under jest).
const ROOT_TF = 'test/policy/fixtures/inputs/hcl-located/main.tf';
const MODULE_TF = 'test/policy/fixtures/inputs/hcl-located/modules/registry/main.tf';
const NOTE = 'module.naming (Azure/naming/azurerm 0.4.2) is not installed: run terraform init; its resources were not checked';

/** 1-based line of the first line of `file` containing `text`. */
const lineOf = (file: string, text: string): number => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('HCL findings and modules not installed, in every format', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkInputs(await loadInputs(HCL), { pack: miniPack(), waivers: [] });
  });

  it('puts the file and line on each finding: the attribute the rule names, else the block', () => {
    const byRule = Object.fromEntries(report.findings.map((f) => [f.rule, f]));
    expect(byRule['mini-admin']).toMatchObject({ file: join(HCL, 'modules', 'registry', 'main.tf'), line: 12 }); // admin_enabled = true
    expect(byRule['mini-replicas']).toMatchObject({ file: join(HCL, 'main.tf'), line: 12 }); // resource "azurerm_container_app" "api"
    expect(report.modulesNotChecked).toEqual([
      expect.objectContaining({ address: 'module.naming', moduleSource: 'Azure/naming/azurerm', version: '0.4.2', file: join(HCL, 'main.tf'), line: 7, message: NOTE }),
    ]);
  });

  it('sarif: artifactLocation and region; the module as a located notification; a valid SARIF 2.1.0 log', () => {
    const log = JSON.parse(renderReport(report, 'sarif'));
    const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
    expect(ajv.validate(SARIF_SCHEMA, log) ? [] : ajv.errors).toEqual([]);
    const run = log.runs[0];
    const admin = run.results.find((r: any) => r.ruleId === 'mini-admin');
    expect(admin.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: MODULE_TF }, region: { startLine: 12 } });
    const [notification] = run.invocations[0].toolExecutionNotifications;
    expect(notification).toMatchObject({ level: 'warning', message: { text: NOTE } });
    expect(notification.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: ROOT_TF }, region: { startLine: 7 } });
  });

  it('github: annotations on the lines, the module as a warning on its block', () => {
    const out = renderReport(report, 'github', {});
    expect(out).toContain(`::error file=${MODULE_TF},line=12,title=mini-admin%3A No registry admin user::module.registry.azurerm_container_registry.this: admin_enabled is true`);
    expect(out).toContain(`::warning file=${ROOT_TF},line=12,title=mini-replicas%3A Replica cap::azurerm_container_app.api:`);
    expect(out).toContain(`::warning file=${ROOT_TF},line=7,title=module not checked::${NOTE}`);
  });

  it('junit: file:line in each finding, the module as a skipped test case', () => {
    const out = renderReport(report, 'junit');
    expect(out).toContain(`module.registry.azurerm_container_registry.this (${MODULE_TF}:12): admin_enabled is true`);
    expect(out).toContain(`<testcase classname="test/policy/fixtures/inputs/hcl-located" name="module.naming">`);
    expect(out).toContain(`<skipped message="${NOTE} (${ROOT_TF}:7)"/>`);
    expect(out).toMatch(/skipped="1"/);
  });

  it('json and text: file and line on findings, the module in notes', () => {
    const doc = JSON.parse(renderReport(report, 'json'));
    expect(doc.findings.find((f: any) => f.rule === 'mini-admin')).toMatchObject({ file: MODULE_TF, line: 12 });
    expect(doc.notes).toEqual([`${ROOT_TF}:7: ${NOTE}`]);
    const text = renderReport(report, 'text');
    expect(text).toContain(`mini-admin  module.registry.azurerm_container_registry.this  (${MODULE_TF}:12)`);
    expect(text).toContain(`note: ${ROOT_TF}:7: ${NOTE}`);
  });
});

describe('CDKTF: the project stacks record where each resource was created', () => {
  let outdir: string;
  let report: CheckReport;
  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'apg-traces-'));
    synthesizeAll(outdir);
    // max_replicas 0: every container app is over the cap, so each gets a finding to place.
    report = await checkInputs(await loadInputs(outdir), { pack: miniPack(), waivers: [], params: { max_replicas: 0 } });
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('keeps a short repository-relative trace in //.metadata.stackTrace (nothing machine-specific)', () => {
    const doc = JSON.parse(readFileSync(join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8'));
    const app = Object.values(doc.resource.azurerm_container_app as Record<string, any>)[0];
    const trace: string[] = app['//'].metadata.stackTrace;
    expect(trace[0]).toBe(`stacks/constructs/container-app.ts:${lineOf('stacks/constructs/container-app.ts', 'new ContainerApp(')}`);
    expect(trace.every((f) => /^stacks\/[\w/.-]+\.ts:\d+$/.test(f))).toBe(true);
  });

  it('annotates the stacks/ line that created the resource', () => {
    const apps = report.findings.filter((f) => f.rule === 'mini-replicas');
    expect(apps.length).toBeGreaterThan(0);
    const line = lineOf('stacks/constructs/container-app.ts', 'new ContainerApp(');
    for (const f of apps) expect([f.file, f.line]).toEqual([join(process.cwd(), 'stacks', 'constructs', 'container-app.ts'), line]);
    expect(renderReport(report, 'github', {})).toContain(`::warning file=stacks/constructs/container-app.ts,line=${line},title=mini-replicas`);
  });

  it('reaches the pull request: pr.yml runs the github format from the repository root on the synthesized stacks', () => {
    const workflow = parse(readFileSync(join(__dirname, '..', '..', '.github', 'workflows', 'pr.yml'), 'utf8'));
    const steps: { run?: string; 'working-directory'?: string }[] = workflow.jobs.check.steps;
    const check = steps.find((s) => /apg\.js check cdktf\.out --format github/.test(s.run ?? ''));
    expect(check).toBeDefined();
    expect(check!['working-directory']).toBeUndefined();
    expect(steps.some((s) => s.run === 'npm run synth')).toBe(true);
  });
});

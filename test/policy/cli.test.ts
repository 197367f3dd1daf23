import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { CLEAN, FIXTURES, MINI_PACK, VIOLATIONS } from './helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function apg(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    process.exitCode = undefined;
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'apg-cli-'));
const mini = ['--no-builtin-policies', '--policies', MINI_PACK, '--waivers', join(FIXTURES, 'no-waivers.yaml')];

describe('apg check', () => {
  it('exits 0 without deny findings', async () => {
    const run = await apg('check', CLEAN, ...mini);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('check: 1 input, 1 resources, 3 rules: 0 deny, 0 warn, 0 waived — passed');
  });

  it('exits 1 with deny findings and prints them', async () => {
    const run = await apg('check', VIOLATIONS, ...mini, '--format', 'json');
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.findings.map((f: { rule: string; address: string }) => `${f.rule} ${f.address}`)).toEqual([
      'mini-admin azurerm_container_registry.acr',
      'mini-admin azurerm_container_registry.legacy',
      'mini-replicas azurerm_container_app.api',
    ]);
  });

  it('exits 0 when a waivers file covers the deny findings, and takes --params', async () => {
    const waivers = join(dir, 'waivers.yaml');
    writeFileSync(waivers, 'waivers:\n  - rule: mini-admin\n    address: "azurerm_container_registry.*"\n    reason: migrating\n    expires: 2999-01-01\n');
    const params = join(dir, 'params.yaml');
    writeFileSync(params, 'max_replicas: 20\n');
    const run = await apg('check', VIOLATIONS, ...mini, '--waivers', waivers, '--params', params);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 deny, 0 warn, 2 waived — passed');
  });

  it('writes the report to --output', async () => {
    const file = join(dir, 'out.sarif');
    const run = await apg('check', VIOLATIONS, ...mini, '--format', 'sarif', '-o', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe('2.1.0');
  });

  it.each([
    [['check', join(dir, 'missing.json')], `apg: ${join(dir, 'missing.json')}: no such file or directory\n`],
    [['check', CLEAN, '--format', 'xml'], /argument 'xml' is invalid/],
    [['check', CLEAN, ...mini, '--waivers', join(dir, 'none.yaml')], `apg: ${join(dir, 'none.yaml')}: no such waivers file\n`],
  ])('exits 2 on a usage or input error (%#)', async (args, message) => {
    const run = await apg(...args);
    expect(run.code).toBe(2);
    if (typeof message === 'string') expect(run.stderr).toBe(message);
    else expect(run.stderr).toMatch(message);
  });

  it('fails the golden fixture of the audited system with the real policy pack', async () => {
    const run = await apg('check', join(__dirname, '..', 'fixtures', 'golden', 'cdk.tf.json'), '--format', 'json', '--waivers', join(FIXTURES, 'no-waivers.yaml'));
    expect(run.code).toBe(1);
    const rules = new Set(JSON.parse(run.stdout).findings.map((f: { rule: string }) => f.rule));
    expect([...rules]).toEqual(expect.arrayContaining(['no-admin-users', 'no-exposed-keys', 'scale-to-zero', 'budget-required']));
  });
});

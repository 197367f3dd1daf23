/**
 * The cost commands through the real CLI entry (src/cli/main.ts): exit codes, stdout and the
 * one-line errors. The other subcommands are stubbed so this suite depends only on the cost code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.mock('../../src/cli/commands/build', () => ({ register: () => undefined }));
jest.mock('../../src/cli/commands/check', () => ({ register: () => undefined }));
jest.mock('../../src/cli/commands/conformance', () => ({ register: () => undefined }));

import { runCli as run } from './cli-run';

const fixtures = join(__dirname, '../fixtures/cost');
const golden = join(__dirname, '../fixtures/golden');


describe('apg cost', () => {
  test('--format json: the documented shape, with each line traceable to a price', async () => {
    const { code, stdout } = await run('cost', join(fixtures, 'base.tf.json'), '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['currency', 'totalMonthly', 'idleMonthly', 'resources', 'unpriced']));
    // container app: 1 replica × 0.5 vCPU / 1 GiB idle = $10.206 (see containerApps.test.ts) → $10.21
    // registry Standard: 0.6667 × 730 / 24 = $20.2785 → $20.28; total 10.206 + 20.2785 = $30.4845 → $30.48
    expect(json.idleMonthly).toBe(30.48);
    expect(json.totalMonthly).toBe(30.48);
    const app = json.resources.find((r: { address: string }) => r.address === 'azurerm_container_app.api');
    expect(app.lines[0]).toEqual({
      description: expect.stringMatching(/^vCPU idle/), quantity: 1134000, unit: 'vCPU-s', unitPrice: 0.000003, monthly: 3.4, priceId: 'containerapps.vcpu.idle',
      // the book entry's source travels with the line
      source: { url: 'https://prices.azure.com/api/retail/prices', retrieved: '2026-05-31', thirdParty: true },
    });
  });

  test('--usage applies traffic on top of the idle baseline', async () => {
    const { code, stdout } = await run('cost', join(fixtures, 'base.tf.json'), '--format', 'json', '--usage', join(fixtures, 'usage.yml'));
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // app: active vCPU 500,000 × 0.5 = 250,000 − 180,000 = 70,000 × 0.000024 = $1.68
    //      idle vCPU (2,628,000 − 500,000) × 0.5 = 1,064,000 × 0.000003 = $3.192
    //      active memory 500,000 × 1 = 500,000 − 360,000 = 140,000 × 0.000003 = $0.42
    //      idle memory 2,128,000 × 0.000003 = $6.384; requests 1M beyond the grant × $0.40 = $0.40
    // registry: $20.2785 + (150 − 100) GB × $0.10 = $25.2785
    expect(json.totalMonthly).toBeCloseTo(1.68 + 3.192 + 0.42 + 6.384 + 0.4 + 25.2785, 2);
    expect(json.idleMonthly).toBe(30.48);
  });

  test('a bad usage file: one clear line naming file, line and entry; exit 2', async () => {
    const { code, stderr, stdout } = await run('cost', join(fixtures, 'base.tf.json'), '--usage', join(fixtures, 'bad-usage.yml'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^apg: .*bad-usage\.yml:5: resource_usage\["azurerm_container_app\.api"\]\.monthly_gb_ingested: unknown usage key/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a usage value found wrong while pricing is the same one-line error naming file, line and entry; exit 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apg-usage-')), 'usage.yml');
    writeFileSync(file, 'version: 0.1\nresource_usage:\n  azurerm_container_app.*:\n    monthly_active_replica_seconds: 1000000000\n');
    const { code, stdout, stderr } = await run('cost', join(fixtures, 'base.tf.json'), '--usage', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^apg: .*usage\.yml:4: resource_usage\["azurerm_container_app\.\*"\]\.monthly_active_replica_seconds: 1,000,000,000 is more than max_replicas \d+ × 2,628,000 s can run in a month\n$/);
  });

  test('unpriced resources are listed with the reason, never a silent zero', async () => {
    const { code, stdout } = await run('cost', join(fixtures, 'head.tf.json'));
    expect(code).toBe(0);
    expect(stdout).toContain('1 resource(s) not priced (not included in the totals):');
    expect(stdout).toContain('azurerm_linux_virtual_machine.vm: resource type azurerm_linux_virtual_machine is not supported by the estimator');
    // --format json: priced false, monthly null (no zero to be summed), and the reason in unpriced
    const json = JSON.parse((await run('cost', join(fixtures, 'head.tf.json'), '--format', 'json')).stdout);
    expect(json.resources.find((r: { address: string }) => r.address === 'azurerm_linux_virtual_machine.vm')).toEqual({
      address: 'azurerm_linux_virtual_machine.vm', type: 'azurerm_linux_virtual_machine', monthly: null, priced: false, lines: [],
    });
    expect(json.unpriced).toEqual([{ address: 'azurerm_linux_virtual_machine.vm', type: 'azurerm_linux_virtual_machine', reason: 'resource type azurerm_linux_virtual_machine is not supported by the estimator' }]);
  });

  test('a plan value unknown until apply makes the resource unpriced, named with the attribute', async () => {
    const { code, stdout } = await run('cost', join(fixtures, 'plan-unknown.json'), '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.unpriced).toEqual([{ address: 'azurerm_search_service.s', type: 'azurerm_search_service', reason: 'replica_count is not known until apply' }]);
    // Only the registry is priced: 0.1667 × 730 / 24 = $5.07
    expect(json.totalMonthly).toBe(5.07);
  });

  test('the golden (audited) design gives the same idle baseline from CDKTF JSON, plan JSON and HCL', async () => {
    const baselines = [];
    for (const path of ['cdk.tf.json', 'plan.json', 'hcl']) {
      const { code, stdout } = await run('cost', join(golden, path), '--format', 'json');
      expect(code).toBe(0);
      baselines.push(JSON.parse(stdout).idleMonthly);
    }
    expect(new Set(baselines).size).toBe(1);
    expect(baselines[0]).toBeGreaterThan(0);
  });

  test('--region without a shipped book and a broken --pricebook are clear errors, exit 2', async () => {
    const region = await run('cost', join(fixtures, 'base.tf.json'), '--region', 'swedencentral');
    expect(region).toMatchObject({ code: 2, stderr: 'apg: no shipped price book for region swedencentral (run: apg prices update --region swedencentral)\n' });
    const book = await run('cost', join(fixtures, 'base.tf.json'), '--pricebook', join(fixtures, 'usage.yml'));
    expect(book.code).toBe(2);
    expect(book.stderr).toMatch(/^apg: .*usage\.yml: not valid JSON/);
  });

  test('a missing input is a clear error, exit 2', async () => {
    const { code, stderr } = await run('cost', join(fixtures, 'does-not-exist'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^apg: .*does-not-exist/);
  });
});

describe('apg cost diff', () => {
  test('markdown: summary line with the total delta and a table of added/removed/changed', async () => {
    const { code, stdout } = await run('cost', 'diff', join(fixtures, 'base.tf.json'), join(fixtures, 'head.tf.json'), '--format', 'markdown');
    expect(code).toBe(0);
    // base $30.4845; head: app scales to zero ($0) + search basic 730 × 0.101 = $73.73 → +$43.25
    expect(stdout.split('\n')[0]).toBe('**Monthly cost will increase by $43.25/month** ($30.48 → $73.73, not counting 1 unpriced resource(s)); idle baseline $30.48 → $73.73 (+$43.25).');
    expect(stdout).toContain('| `azurerm_linux_virtual_machine.vm` | added | $0.00 | unpriced | unknown |');
    expect(stdout).toContain('| `azurerm_container_app.api` | changed | $10.21 | $0.00 | -$10.21 |');
    expect(stdout).toContain('| `azurerm_container_registry.acr` | removed | $20.28 | $0.00 | -$20.28 |');
    expect(stdout).toContain('| `azurerm_search_service.search` | added | $0.00 | $73.73 | +$73.73 |');
    expect(stdout).not.toContain('azurerm_consumption_budget_resource_group.budget` |');
  });

  test('json: per-resource deltas and totals', async () => {
    const { stdout } = await run('cost', 'diff', join(fixtures, 'base.tf.json'), join(fixtures, 'head.tf.json'), '--format', 'json');
    const diff = JSON.parse(stdout);
    expect(diff.totalDelta).toBe(43.25);
    expect(diff.resources.map((r: { address: string; change: string }) => `${r.change} ${r.address}`)).toEqual([
      'changed azurerm_container_app.api',
      'removed azurerm_container_registry.acr',
      'added azurerm_linux_virtual_machine.vm',
      'added azurerm_search_service.search',
    ]);
    expect(diff.unpriced).toHaveLength(1);
    // the VM cannot be priced: its change is unknown, not +$0.00
    expect(diff.resources[2]).toEqual({ address: 'azurerm_linux_virtual_machine.vm', type: 'azurerm_linux_virtual_machine', change: 'added', baseMonthly: 0, headMonthly: null, delta: null });
  });
});

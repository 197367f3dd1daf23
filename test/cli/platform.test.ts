/**
 * The main job (`npm start` = `apg platform`) on the shipped configuration: real synth of every
 * environment, the real policy pack, the cost summary — and its exit codes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlatform } from '../../src/cli/commands/platform';
import { UserError } from '../../src/cli/errors';

const scratch = mkdtempSync(join(tmpdir(), 'apg-platform-'));

async function run(flags: { usage?: string; params?: string } = {}): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runPlatform({ outdir: join(scratch, `out-${Math.random().toString(36).slice(2)}`), ...flags }, (t) => (text += t));
  return { code, text };
}

describe('apg platform (the main job)', () => {
  it('synthesizes dev and prod, passes the policy gate and prices each stack against its budget', async () => {
    const { code, text } = await run();
    expect(code).toBe(0);
    expect(text).toMatch(/== synth: 2 stack\(s\) \(dev, prod\)/);
    expect(text).toMatch(/check: 2 inputs, \d+ resources, \d+ rules: 0 deny, 0 warn, 0 waived — passed/);
    // One row per stack: idle baseline, the stack's budget (config: dev 300, prod 600) and the share.
    const row = (stack: string) => text.split('\n').find((l) => l.startsWith(`│ ${stack} `))?.split('│').map((c) => c.trim());
    const [, devName, devIdle, devBudget, devShare] = row('dev') ?? [];
    expect([devName, devBudget]).toEqual(['dev', '$300.00']);
    expect(Number(devIdle.replace(/[$,]/g, ''))).toBeGreaterThan(0);
    expect(devShare).toBe(`${Math.round((100 * Number(devIdle.replace(/[$,]/g, ''))) / 300)}%`);
    expect(row('prod')?.[3]).toBe('$600.00');
    // Every resource of the project's stacks is priced (the Gremlin key secret written through azapi
    // Microsoft.KeyVault/vaults/secrets is free like azurerm_key_vault_secret), so the unpriced count
    // budget-covers-estimate quotes is 0.
    expect(text).not.toMatch(/not priced/);
  });

  it('exits 1 with the findings when a stack breaks a rule (a tighter replica cap than the stacks use)', async () => {
    const params = join(scratch, 'params.yaml');
    writeFileSync(params, 'max_replicas_cap: 1\nenvironments: { dev: { max_replicas_cap: 1 }, prod: { max_replicas_cap: 1 } }\n');
    const { code, text } = await run({ params });
    expect(code).toBe(1);
    expect(text).toMatch(/DENY\s+scale-to-zero\/max-replicas\s+azurerm_container_app\./);
    expect(text).toMatch(/FAILED/);
    expect(text).toMatch(/== cost summary/); // the cost summary is still printed
  });

  it('rejects a bad usage file before synthesizing anything', async () => {
    const usage = join(scratch, 'usage.yml');
    writeFileSync(usage, 'version: 0.1\nresource_usage:\n  azurerm_container_app.api:\n    monthly_requests: -5\n');
    await expect(run({ usage })).rejects.toThrow(UserError);
    await expect(run({ usage })).rejects.toThrow(/usage\.yml:4: .*monthly_requests/);
  });
});

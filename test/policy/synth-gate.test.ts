import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/cli/errors';
import { policyGate } from '../../src/policy/synth-gate';
import { CLEAN, miniPack, VIOLATIONS } from './helpers';

/** A cdktf.out folder holding the given stacks. */
function outdir(stacks: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apg-gate-'));
  for (const [name, file] of Object.entries(stacks)) {
    mkdirSync(join(dir, 'stacks', name), { recursive: true });
    copyFileSync(file, join(dir, 'stacks', name, 'cdk.tf.json'));
  }
  return dir;
}

describe('policyGate', () => {
  const base = { pack: miniPack(), waiversFile: false as const };

  it('passes silently when no stack has findings', () => {
    let written = '';
    const report = policyGate({ ...base, outdir: outdir({ dev: CLEAN }), env: {}, write: (t) => (written += t) });
    expect(report?.summary).toMatchObject({ inputs: 1, passed: true });
    expect(written).toBe('');
  });

  it('lists the findings and throws exit code 1 when a stack has deny findings', () => {
    let written = '';
    const dir = outdir({ dev: CLEAN, prod: VIOLATIONS });
    let error: unknown;
    try {
      policyGate({ ...base, outdir: dir, env: {}, write: (t) => (written += t) });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as Error).message).toBe(
      `policy gate: 2 deny findings in ${dir} (listed above): fix them, or waive them in waivers.yaml with a reason and an expiry`,
    );
    expect(written).toContain('prod (');
    expect(written).toContain('  DENY   mini-admin  azurerm_container_registry.acr');
  });

  it('reads the output folder from CDKTF_OUTDIR and is skipped with APG_SKIP_GATE=1', () => {
    const dir = outdir({ prod: VIOLATIONS });
    expect(() => policyGate({ ...base, env: { CDKTF_OUTDIR: dir }, write: () => undefined })).toThrow(UserError);
    let written = '';
    expect(policyGate({ ...base, env: { CDKTF_OUTDIR: dir, APG_SKIP_GATE: '1' }, write: (t) => (written += t) })).toBeUndefined();
    expect(written).toBe('policy gate: skipped (APG_SKIP_GATE=1)\n');
  });
});

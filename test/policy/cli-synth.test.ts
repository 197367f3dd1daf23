import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check';
import { FIXTURES, MINI_PACK, VIOLATIONS } from './helpers';

// The real synth takes seconds; this stand-in writes a known stack where the app would.
const synthesized: string[] = [];
jest.mock('../../bin/main', () => ({
  synthesizeAll: (outdir: string) => {
    synthesized.push(outdir);
    mkdirSync(join(outdir, 'stacks', 'dev'), { recursive: true });
    copyFileSync(VIOLATIONS, join(outdir, 'stacks', 'dev', 'cdk.tf.json'));
    return ['dev'];
  },
}));

describe('apg check without a path', () => {
  it('synthesizes the stacks into CDKTF_OUTDIR and checks them', async () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'apg-synth-')), 'cdktf.out');
    const saved = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    let stdout = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runCheck(undefined, { format: 'json', policies: [MINI_PACK], builtinPolicies: false, waivers: join(FIXTURES, 'no-waivers.yaml'), cost: true });
      expect(code).toBe(1);
    } finally {
      out.mockRestore();
      err.mockRestore();
      if (saved === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = saved;
    }
    expect(synthesized).toEqual([outdir]);
    const doc = JSON.parse(stdout);
    expect(doc.inputs).toEqual([expect.objectContaining({ stack: 'dev', format: 'cdktf', resources: 3 })]);
    expect(doc.findings.filter((f: { stack: string }) => f.stack === 'dev')).toHaveLength(3);
  });
});

/**
 * Wall time to synthesize every environment in a fresh `tsx bin/main.ts` process (what
 * `npm run synth` does), median of several runs; target ≤ 5 s. The floor is a bare tsx process
 * start, measured in the same run, so the ratio shows what the stacks themselves cost. The
 * policy gate that bin/main.ts runs after synth is skipped (APG_SKIP_GATE=1): it has its own bench.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchLine, timeMs } from './stats';

const root = join(__dirname, '..');
const tsxCli = require.resolve('tsx/cli');

function runTsx(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [tsxCli, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsx ${args.join(' ')} failed (${r.status}): ${r.stderr.trim().split('\n')[0]}`);
}

export async function run(): Promise<string[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-bench-'));
  try {
    const synth = await timeMs(() => runTsx(['bin/main.ts'], { CDKTF_OUTDIR: outdir, APG_SKIP_GATE: '1' }), 5, 1);
    const floor = await timeMs(() => runTsx(['-e', ''], {}), 5, 1);
    return [benchLine('synth all environments', synth, 'ms', floor)];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * `cli start`: `apg --version` in a child process, as a pre-commit hook or a CI step pays it on
 * every call, against a child that starts Node and does nothing (`node -e ''`). Target ≤ 4×.
 * bin/apg.js runs the compiled dist/ when it is up to date (npm ci compiles it through
 * `prepare`); a stale or missing dist/ is compiled first here, so the line measures the
 * installed state, not the development fallback through tsx.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchLine, timeAgainst, timeMs } from './stats';

const root = join(__dirname, '..');

function run1(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout;
}

export async function run(): Promise<string[]> {
  execFileSync('npm', ['run', '--silent', 'compile'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const apg = join(root, 'bin', 'apg.js');
  const { ms: start, floor } = await timeAgainst(() => run1([apg, '--version']), () => run1(['-e', '']), 10, 2);
  const fromSource = await timeMs(() => run1([apg, '--version'], { APG_FROM_SOURCE: '1' }), 5, 1);
  return [
    benchLine('cli start (apg --version, compiled dist/)', start, 'ms', floor),
    benchLine('cli start from the TypeScript sources (tsx, APG_FROM_SOURCE=1)', fromSource, 'ms', floor),
  ];
}

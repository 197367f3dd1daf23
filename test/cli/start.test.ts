/**
 * bin/apg.js runs the compiled dist/ when it is up to date and the TypeScript sources (tsx)
 * otherwise; both print the same version, and a call loads only the command it runs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function apg(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(root, 'bin', 'apg.js'), ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
}

test.each([[{}], [{ APG_FROM_SOURCE: '1' }]])('apg --version prints the package version (%p)', (env) => {
  const r = apg(['--version'], env);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe(`${version}\n`);
  expect(r.status).toBe(0);
});

test('an unknown command is a usage error (exit 2) that lists the commands', () => {
  const r = apg(['chek']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/unknown command 'chek'/);
  expect(r.stderr).toContain('check [options] [path]');
});

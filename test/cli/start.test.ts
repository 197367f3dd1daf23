/**
 * bin/apg.js runs the compiled dist/ when it is up to date and the TypeScript sources (tsx)
 * otherwise; both print the same version, and a call loads only the command it runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// zod (~75–115 ms to require) and yaml (~30 ms) load only when there is something to validate or
// read: a plan checked with no waivers file, apg.yaml or usage file needs neither, once the price
// book has been validated (its validated form is kept in build/pricebook).
test.each([['check'], ['cost']])('apg %s of a plan loads neither zod nor yaml', (command) => {
  const dir = mkdtempSync(join(tmpdir(), 'apg-loaded-'));
  try {
    const list = join(dir, 'loaded');
    const run = () =>
      spawnSync(process.execPath, ['--require', join(root, 'test', 'fixtures', 'node', 'loaded-packages.js'), join(root, 'bin', 'apg.js'), command, join(root, 'test', 'fixtures', 'inputs', 'plan-modules.plan.json')], {
        cwd: dir,
        env: { ...process.env, APG_TEST_LOADED_FILE: list, APG_CONFIG: '' },
        encoding: 'utf8',
      });
    run(); // may validate the price book
    const r = run();
    expect(r.stderr).toBe('');
    const loaded = readFileSync(list, 'utf8').split('\n');
    expect(loaded).toContain('commander');
    expect(loaded.filter((p) => p === 'zod' || p === 'yaml')).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

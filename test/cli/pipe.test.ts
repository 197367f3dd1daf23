/**
 * apg's output reaches a pipe whole. process.exit drops writes the reader has not taken yet, so
 * output bigger than the pipe's buffer (64 KB for a shell pipe, ~200 KB for spawnSync's socket pair)
 * was cut short when read by another program (`apg check … | jq`, a CI step). The check report now
 * waits for 'drain' between ~1 MB writes and bin/apg.js exits once stdout and stderr are written;
 * each test fails without the fix it is named for (check: the writer; cost: the exit).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlan } from '../../bench/check.bench';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'apg-pipe-'));
const plan = join(dir, 'plan.json');
beforeAll(() => writeFileSync(plan, JSON.stringify(generatePlan(2000))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const apg = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'apg.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });

test('a JSON report many times a pipe buffer arrives whole on a piped stdout', () => {
  const r = apg('check', plan, '--format', 'json', '--waivers', join(root, 'test', 'policy', 'fixtures', 'no-waivers.yaml'));
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  expect(r.stdout.length).toBeGreaterThan(8 * 65536);
  const doc = JSON.parse(r.stdout);
  expect(doc.summary.resources).toBe(2000);
  expect(doc.findings.length).toBe(doc.summary.deny + doc.summary.warn + doc.summary.waived);
});

test('a cost table many times a pipe buffer arrives whole on a piped stdout', () => {
  const r = apg('cost', plan);
  expect(r.status).toBe(0);
  expect(r.stdout.length).toBeGreaterThan(8 * 65536);
  expect(r.stdout).toMatch(/\nTotal monthly: \$[\d,.]+ .*\nCost drivers: .*\n$/);
});

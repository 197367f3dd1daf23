/**
 * `apg test` through the CLI entry: opa test's output (failing tests always, every test with -v,
 * the PASS/FAIL summary, --format json), exit codes 0 / 1 / 2, and delegation to an opa binary.
 */
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.mock('../../src/cli/commands/check', () => ({ register: () => undefined }));
jest.mock('../../src/cli/commands/conformance', () => ({ register: () => undefined }));

import { main } from '../../src/cli/main';
import { formatDuration } from '../../src/tester/report';

const dir = mkdtempSync(join(tmpdir(), 'apg-test-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const at = join(dir, name);
  mkdirSync(at, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(at, file), text);
  return at;
}

const POLICY = 'package ports\n\nopen contains p if {\n\tsome p in input.ports\n\tp < 1024\n}\n';

const passing = folder('passing', {
  'ports.rego': POLICY,
  'ports_test.rego': 'package ports_test\n\nimport data.ports\n\ntest_low_port_open if 22 in ports.open with input as {"ports": [22, 8080]}\n\ntest_high_port_closed if not 8080 in ports.open with input as {"ports": [22, 8080]}\n',
});

const failing = folder('failing', {
  'ports.rego': POLICY,
  'ports_test.rego': 'package ports_test\n\nimport data.ports\n\ntest_low_port_open if 22 in ports.open with input as {"ports": [22]}\n\ntest_expects_too_much if 8080 in ports.open with input as {"ports": [8080]}\n',
});

const broken = folder('broken', {
  'ports_test.rego': 'package ports_test\n\ntest_x if {\n\tcount(input.ports\n}\n',
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(['test', ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const durations = (text: string): string => text.replace(/\((\d+(\.\d+)?)(ns|µs|ms|s)\)/g, '(DUR)');

describe('apg test', () => {
  it('all passing: exit 0, only the summary, every test with -v', async () => {
    const quiet = await run('--builtin', passing);
    expect(quiet).toEqual({ code: 0, out: 'PASS: 2/2\n', err: '' });
    const verbose = await run('--builtin', '-v', passing);
    expect(verbose.code).toBe(0);
    expect(durations(verbose.out)).toBe(
      [
        `${join(passing, 'ports_test.rego')}:`,
        'data.ports_test.test_low_port_open: PASS (DUR)',
        'data.ports_test.test_high_port_closed: PASS (DUR)',
        '-'.repeat(80),
        'PASS: 2/2',
        '',
      ].join('\n'),
    );
  });

  it('a failing test: exit 1, the test named, PASS and FAIL counts', async () => {
    const r = await run('--builtin', failing);
    expect(r.code).toBe(1);
    expect(durations(r.out)).toBe(
      [`${join(failing, 'ports_test.rego')}:`, 'data.ports_test.test_expects_too_much: FAIL (DUR)', '-'.repeat(80), 'PASS: 1/2', 'FAIL: 1/2', ''].join('\n'),
    );
  });

  it('-v with a failure prints FAILURES, then SUMMARY with every test', async () => {
    const r = await run('--builtin', '-v', failing);
    expect(r.code).toBe(1);
    const lines = durations(r.out).split('\n');
    expect(lines.slice(0, 3)).toEqual(['FAILURES', '-'.repeat(80), 'data.ports_test.test_expects_too_much: FAIL (DUR)']);
    expect(lines).toContain('SUMMARY');
    expect(lines).toContain('data.ports_test.test_low_port_open: PASS (DUR)');
  });

  it('print() output follows a shown test, indented between blank lines; JSON carries it as base64', async () => {
    const printing = folder('printing', { 'p_test.rego': 'package p\n\ntest_x if {\n\tprint("seen", 1)\n\tfalse\n}\n' });
    const r = await run('--builtin', printing);
    expect(r.code).toBe(1);
    expect(durations(r.out).split('\n').slice(0, 5)).toEqual([`${join(printing, 'p_test.rego')}:`, 'data.p.test_x: FAIL (DUR)', '', '  seen 1', '']);
    const json = JSON.parse((await run('--builtin', '--format', 'json', printing)).out) as { output: string }[];
    expect(Buffer.from(json[0].output, 'base64').toString('utf8')).toBe('seen 1\n');
  });

  it('--format json: opa test\'s result objects', async () => {
    const r = await run('--builtin', '--format', 'json', failing);
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(rows).toEqual([
      { location: { file: join(failing, 'ports_test.rego'), row: 5, col: 1 }, package: 'data.ports_test', name: 'test_low_port_open', duration: expect.any(Number) },
      { location: { file: join(failing, 'ports_test.rego'), row: 7, col: 1 }, package: 'data.ports_test', name: 'test_expects_too_much', fail: true, duration: expect.any(Number) },
    ]);
  });

  it('--run selects tests; no match is said, and --fail-on-empty makes it exit 1', async () => {
    expect(await run('--builtin', '--run', 'low_port', failing)).toMatchObject({ code: 0, out: 'PASS: 1/1\n' });
    const none = await run('--builtin', '--run', 'nothing', failing);
    expect(none).toMatchObject({ code: 0, out: '' });
    expect(none.err).toContain('no tests found');
    expect((await run('--builtin', '--fail-on-empty', '--run', 'nothing', failing)).code).toBe(1);
  });

  it('a compile error: exit 2 with one positioned line', async () => {
    const r = await run('--builtin', broken);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(new RegExp(`^${join(broken, 'ports_test.rego').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
  });

  it('usage errors: exit 2, one line', async () => {
    const badRegex = await run('--builtin', '--run', '(', passing);
    expect(badRegex.code).toBe(2);
    expect(badRegex.err).toMatch(/^apg: --run: invalid regular expression/);
    const missing = await run('--builtin', join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`apg: ${join(dir, 'nope')}: no such file or directory\n`);
  });

  it('runs opa test instead when an opa binary is named, mapping its exit codes', async () => {
    const log = join(dir, 'opa-args');
    const fake = join(dir, 'fake-opa');
    // opa test exits 2 when a test failed: this CLI says 1.
    writeFileSync(fake, `#!/bin/sh\necho "$@" > ${log}\nexit 2\n`);
    chmodSync(fake, 0o755);
    const saved = process.env.APG_OPA;
    process.env.APG_OPA = fake;
    try {
      const r = await run('-v', '--run', 'x', passing);
      expect(r.code).toBe(1);
      // The built-in lib goes along (apg check compiles it beside every pack), unless a path holds it.
      expect(readFileSync(log, 'utf8').trim()).toBe(`test --bundle -v --run x --format pretty ${passing} ${join(__dirname, '../../policies/lib')}`);
      await run(join(__dirname, '../../policies'));
      expect(readFileSync(log, 'utf8').trim()).toBe(`test --bundle --format pretty ${join(__dirname, '../../policies')}`);
      expect((await run('--builtin', passing)).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.APG_OPA;
      else process.env.APG_OPA = saved;
    }
  });

  it("a team pack's tests see the built-in lib (data.lib.tf) as apg check does, without running lib's own tests", async () => {
    const team = folder('team', {
      'owner_tag.rego': 'package team.owner_tag\n\nimport data.lib.tf\n\ndeny contains r.address if {\n\tsome r in tf.resources("azurerm_resource_group")\n\tnot r.values.tags.owner\n}\n',
      'owner_tag_test.rego': 'package team.owner_tag_test\n\nimport data.team.owner_tag\n\ntest_untagged if "azurerm_resource_group.a" in owner_tag.deny with input as {"resources": [{"address": "azurerm_resource_group.a", "mode": "managed", "type": "azurerm_resource_group", "values": {}}]}\n',
    });
    expect(await run('--builtin', team)).toEqual({ code: 0, out: 'PASS: 1/1\n', err: '' });
    const without = await run('--builtin', '--no-builtin-lib', team);
    expect(without.code).toBe(2);
    expect(without.err).toMatch(/owner_tag\.rego:\d+:\d+: rego_type_error: undefined function data\.lib\.tf\.resources/);
  });

  it('durations print as Go prints them', () => {
    expect([850, 1417, 277306, 1214541, 2.5e9].map(formatDuration)).toEqual(['850ns', '1.417µs', '277.306µs', '1.214541ms', '2.5s']);
  });
});

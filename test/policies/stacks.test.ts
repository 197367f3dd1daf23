/**
 * The project's own stacks (stacks/, synthesized as `npx tsx bin/main.ts` does) pass the pack with
 * no deny finding, in every environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeAll } from '../../bin/main';
import { loadPack, type Pack } from './harness';

let pack: Pack;
let outdir: string;
let stacks: string[];

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'apg-stacks-'));
  stacks = synthesizeAll(outdir);
  pack = loadPack();
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test('dev and prod are synthesized', () => {
  expect(stacks).toEqual(expect.arrayContaining(['dev', 'prod']));
});

test('no stack has a deny finding', async () => {
  for (const stack of stacks) {
    const findings = await pack.check(join(outdir, 'stacks', stack, 'cdk.tf.json'));
    const denies = findings.filter((f) => f.severity === 'deny').map((f) => `${stack}: ${f.rule} ${f.address}: ${f.message}`);
    expect(denies).toEqual([]);
  }
});

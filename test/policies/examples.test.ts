/**
 * Every rule's good and bad example, in the three input formats, through the compiled WASM pack:
 * a bad input produces exactly the rule/address pairs of its expected.json, a good input produces
 * nothing for that rule. The files on disk must also be what the catalogue renders, so the three
 * formats cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES } from './examples/catalogue';
import { toCdktfJson, toHcl, toPlanJson } from './examples/formats';
import { exampleDir } from './examples/generate';
import type { Finding } from '../../src/policy/types';
import { formatPaths, loadPack, pairs, type Pack } from './harness';

let pack: Pack;
let results: Map<string, Finding[]>;

beforeAll(async () => {
  pack = loadPack();
  results = await pack.checkAll(EXAMPLES.flatMap((e) => [...formatPaths(exampleDir(e), 'bad'), ...formatPaths(exampleDir(e), 'good')]));
});

test('every rule of the pack has an example and every example names a rule of the pack', () => {
  expect(EXAMPLES.map((e) => e.id).sort()).toEqual([...pack.rules].sort());
});

describe.each(EXAMPLES.map((e) => [e.id, e] as const))('%s', (_id, example) => {
  const dir = exampleDir(example);
  const expected = pairs(JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')));

  test('expected.json lists only this rule and at least one address', () => {
    expect(expected.length).toBeGreaterThan(0);
    for (const p of expected) expect(p.startsWith(`${example.id} `)).toBe(true);
  });

  test.each(formatPaths(dir, 'bad'))('bad: %s gives exactly the expected findings', (path) => {
    const findings = results.get(path)!.filter((f) => f.rule === example.id);
    expect(pairs(findings)).toEqual(expected);
    for (const f of findings) expect(f.message.length).toBeGreaterThan(20);
  });

  test.each(formatPaths(dir, 'good'))('good: %s gives no finding for the rule', (path) => {
    const findings = results.get(path)!.filter((f) => f.rule === example.id);
    expect(findings).toEqual([]);
  });

  test('the files on disk are the catalogue rendered', () => {
    for (const [side, doc] of [['good', example.good], ['bad', example.bad]] as const) {
      expect(JSON.parse(readFileSync(join(dir, `${side}.tf.json`), 'utf8'))).toEqual(toCdktfJson(doc));
      expect(JSON.parse(readFileSync(join(dir, `${side}.plan.json`), 'utf8'))).toEqual(toPlanJson(doc));
      expect(readFileSync(join(dir, side, 'main.tf'), 'utf8')).toBe(toHcl(doc));
    }
  });
});

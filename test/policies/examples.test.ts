/**
 * Every rule's good and bad example, in the three input formats, through the compiled WASM pack:
 * a bad input produces exactly the rule/address pairs of its expected.json, a good input produces
 * nothing for that rule. The files on disk must also be what the catalogue renders, so the three
 * formats cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AZURERM_VIEW_TYPES } from '../../src/input/azapi';
import { AZAPI_EXAMPLES } from './examples/azapi-catalogue';
import { EXAMPLES, type RuleExample } from './examples/catalogue';
import { toCdktfJson, toHcl, toPlanJson } from './examples/formats';
import { azapiExampleDir, exampleDir } from './examples/generate';
import type { Finding } from '../../src/policy/types';
import { formatPaths, loadPack, pairs, type Pack } from './harness';

let pack: Pack;
let results: Map<string, Finding[]>;

beforeAll(async () => {
  pack = loadPack();
  const dirs = [...EXAMPLES.map(exampleDir), ...AZAPI_EXAMPLES.map(azapiExampleDir)];
  results = await pack.checkAll(dirs.flatMap((dir) => [...formatPaths(dir, 'bad'), ...formatPaths(dir, 'good')]));
});

test('every rule of the pack has an example and every example names a rule of the pack', () => {
  expect(EXAMPLES.map((e) => e.id).sort()).toEqual([...pack.rules].sort());
});

// Every rule that checks a type an azapi resource can read as (src/input/azapi.ts) has an azapi
// example, with findings at the azapi addresses.
// Rules about the azurerm provider's own behaviour, which an azapi resource does not have.
const AZURERM_ONLY: Record<string, string> = {
  'aca-env-infra-rg': "azurerm's ForceNew diff on infrastructure_resource_group_name; azapi does not diff what its body leaves out",
};

test('every rule covering a type azapi bodies map to has an azapi example', () => {
  const covering = pack.infos.filter((r) => r.resourceTypes.some((t) => AZURERM_VIEW_TYPES.includes(t))).map((r) => r.id);
  expect(covering.length).toBeGreaterThan(10);
  expect(AZAPI_EXAMPLES.map((e) => e.id).sort()).toEqual([...new Set(covering)].filter((id) => !(id in AZURERM_ONLY)).sort());
  for (const e of AZAPI_EXAMPLES) {
    expect(e.bad.resources.some((r) => r.type.startsWith('azapi_'))).toBe(true);
  }
});

const cases = [
  ...EXAMPLES.map((e) => [e.id, e, exampleDir(e)] as const),
  ...AZAPI_EXAMPLES.map((e) => [`${e.id} (azapi)`, e, azapiExampleDir(e)] as const),
];

describe.each(cases)('%s', (_id, example: RuleExample, dir: string) => {
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

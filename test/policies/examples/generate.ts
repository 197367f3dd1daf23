/**
 * Writes every rule example (catalogue.ts) beside its rule in the three input formats, with
 * expected.json. Run after editing the catalogue: `npx tsx test/policies/examples/generate.ts`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AZAPI_EXAMPLES } from './azapi-catalogue';
import { EXAMPLES, type RuleExample } from './catalogue';
import { toCdktfJson, toHcl, toPlanJson, type InfraDoc } from './formats';

export const POLICIES = resolve(__dirname, '../../../policies');

export function exampleDir(e: RuleExample): string {
  return join(POLICIES, e.service, 'examples', e.rule);
}

/** The azapi variant of a rule's example (azapi-catalogue.ts) sits in `azapi/` beside it. */
export function azapiExampleDir(e: RuleExample): string {
  return join(exampleDir(e), 'azapi');
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

export function writeDoc(dir: string, stem: string, doc: InfraDoc): void {
  writeFileSync(join(dir, `${stem}.tf.json`), json(toCdktfJson(doc)));
  writeFileSync(join(dir, `${stem}.plan.json`), json(toPlanJson(doc)));
  mkdirSync(join(dir, stem), { recursive: true });
  writeFileSync(join(dir, stem, 'main.tf'), toHcl(doc));
}

function main(): void {
  const write = (e: RuleExample, dir: string) => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeDoc(dir, 'good', e.good);
    writeDoc(dir, 'bad', e.bad);
    const expected = [...new Set(e.expected)].sort().map((address) => ({ rule: e.id, address }));
    writeFileSync(join(dir, 'expected.json'), json(expected));
  };
  for (const e of EXAMPLES) write(e, exampleDir(e));
  for (const e of AZAPI_EXAMPLES) write(e, azapiExampleDir(e));
  console.log(`wrote ${EXAMPLES.length} rule examples and ${AZAPI_EXAMPLES.length} azapi examples under ${POLICIES}`);
}

if (require.main === module) main();

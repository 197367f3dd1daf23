/**
 * End to end: the audited system's original infrastructure (test/fixtures/golden, audit 000) in
 * each input format produces exactly the findings listed by hand in its expected.json.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPack, pairs, type Pack } from './harness';

const GOLDEN = resolve(__dirname, '../fixtures/golden');
const expected = pairs(JSON.parse(readFileSync(join(GOLDEN, 'expected.json'), 'utf8')));

let pack: Pack;

beforeAll(() => {
  pack = loadPack();
});

test.each(['cdk.tf.json', 'plan.json', 'hcl'])('%s produces exactly the audited findings', async (name) => {
  const findings = await pack.check(join(GOLDEN, name));
  expect(pairs(findings)).toEqual(expected);
});

test('the audit headline findings are among them', () => {
  for (const p of [
    'no-exposed-keys output.COSMOS_GREMLIN_PRIMARY_KEY',
    'no-admin-users azurerm_container_registry.acr',
    'scale-to-zero azurerm_container_app.api',
    'budget-required *',
    'openai-capacity-cap azurerm_cognitive_deployment.gpt41',
    'log-analytics-retention azurerm_log_analytics_workspace.main',
    'cors-not-wildcard azurerm_container_app.api',
    'health-probes azurerm_container_app.frontend',
    'image-pinned azurerm_container_app.graph_query_api',
  ]) {
    expect(expected).toContain(p);
  }
});

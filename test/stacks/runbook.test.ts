/**
 * The deployment runbook (docs/stacks-and-deployment.md) against the synthesized stacks: the manual
 * steps it gives name addresses, versions and ids that exist in what `cdktf deploy` runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AZAPI_VERSION } from '../../stacks/constructs/azapi';
import { loadEnvironments } from '../../stacks/config/load';
import { synthAll } from './helpers';

const runbook = readFileSync(join(__dirname, '../../docs/stacks-and-deployment.md'), 'utf8');
// One environment is enough: the addresses are the same in every environment.
const synth = synthAll({ configs: loadEnvironments().filter((c) => c.environment === 'dev') });
const secret = synth.json.dev.resource.azapi_resource.graph_db_key_secret;

/** The runbook's shell blocks, each as one string. */
const shellBlocks = [...runbook.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);

test('before destroy, the Gremlin key secret leaves the state (ARM has no DELETE for vaults/secrets)', () => {
  const destroy = shellBlocks.find((b) => b.includes('cdktf destroy'));
  expect(destroy).toBeDefined();
  const stateRm = destroy!.indexOf('terraform state rm azapi_resource.graph_db_key_secret');
  expect(stateRm).toBeGreaterThan(-1);
  expect(stateRm).toBeLessThan(destroy!.indexOf('cdktf destroy'));
  // Run in the stack's folder, where `cdktf destroy` keeps its state.
  expect(destroy).toMatch(/cd cdktf\.out\/stacks\/<env>[^\n]*terraform state rm/);
  expect(secret).toBeDefined();
});

test('a recovered vault: the import names the synthesized secret, by the id azapi builds, with an api-version azapi parses', () => {
  const importLine = shellBlocks.flatMap((b) => b.replace(/\\\n\s*/g, '').split('\n')).find((l) => l.includes('terraform import'));
  expect(importLine).toBeDefined();
  const m = /terraform import (\S+) "([^"]+)"/.exec(importLine!)!;
  expect(m[1]).toBe('azapi_resource.graph_db_key_secret');
  const [id, query] = m[2].split('?');
  // parent_id (the vault) + "/secrets/" + name, and the API version the resource is declared with.
  expect(id).toMatch(/^\/subscriptions\/<subscription>\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/<vault name>\/secrets\/(.+)$/);
  expect(id.split('/').pop()).toBe(secret.name);
  expect(query).toBe(`api-version=${secret.type.split('@')[1]}`);
});

test('the runbook names the azapi version the stacks pin, and no AllMetrics for Cosmos DB', () => {
  expect(runbook).toContain(`\`Azure/azapi\` ${AZAPI_VERSION}`);
  expect(synth.json.dev.terraform.required_providers.azapi.version).toBe(AZAPI_VERSION);
  expect(runbook).not.toContain('`allLogs` + `AllMetrics` of both Cosmos accounts');
  expect(runbook).toMatch(/`Requests` \+ `SLI` for Cosmos DB/);
});

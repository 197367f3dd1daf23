/**
 * Credentials recognised from the provider schema (issue 12 item 6): policies/lib/sensitive_attributes.rego
 * lists what azurerm 4.55 declares Sensitive / write-only, so no-exposed-keys knows a registry
 * token's `password1[0].value` or a Key Vault secret's `value` that no name pattern matches, and
 * knows `secure_environment_variables` as an attribute made to receive one. The generated module
 * must be what the generator makes of the facts kept in the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyInput } from '../../src/input/types';
import { compact, generate, lookupTable, OUTPUT, readFacts, renderRego } from '../../src/policy/sensitive-attributes/generate';
import type { Finding } from '../../src/policy/types';
import { loadPack, pairs, type Pack } from './harness';

let pack: Pack;
let findings: Finding[];

beforeAll(async () => {
  pack = loadPack();
  findings = await pack.check(join(__dirname, 'fixtures', 'schema-credentials'));
});

test('no-exposed-keys reports schema-sensitive values in env values and outputs, not in secure_environment_variables', () => {
  const exposed = findings.filter((f) => f.rule === 'no-exposed-keys');
  expect(pairs(exposed)).toEqual([
    'no-exposed-keys azurerm_container_app.builder',
    'no-exposed-keys output.registry_token_password',
  ]);
  const messages = exposed.filter((f) => f.address === 'azurerm_container_app.builder').map((f) => f.message).sort();
  expect(messages).toEqual([
    expect.stringContaining('template.0.container.0.env.1.value refers to azurerm_container_registry_token_password.ci.password1[0].value'),
    expect.stringContaining('template.0.container.0.env.2.value refers to data.azurerm_key_vault_secret.db.value'),
  ]);
});

test('the generated module is up to date with the facts and the generator', () => {
  expect(readFileSync(OUTPUT, 'utf8')).toBe(generate());
});

test('a block is kept only when none of its attributes is listed; the blocks on the way hold one', () => {
  expect(compact(['secret', 'secret.value', 'kube_config', 'primary_key'])).toEqual(['kube_config', 'primary_key', 'secret.value']);
  expect(lookupTable(['secret', 'secret.value', 'a.b.c'])).toEqual({ a: 'holds', 'a.b': 'holds', 'a.b.c': 'sensitive', secret: 'holds', 'secret.value': 'sensitive' });
});

const output = (target: string): PolicyInput => ({
  format: 'hcl', source: 'test', resources: [],
  outputs: [{ address: 'output.x', name: 'x', sensitive: true, references: [target] }],
});

test.each([
  ['azurerm_container_registry_token_password.t.password1[0].value', true],
  ['azurerm_container_registry_token_password.t.password1', true],
  ['azurerm_container_registry_token_password.t.password1[0].expiry', false],
  ['module.ci["a"].azurerm_container_registry_token_password.t.password2.0.value', true],
  // configurable block: the block's own flag does not count, only secret.value does
  ['azurerm_container_app.api.secret[0].name', false],
  ['azurerm_container_app.api.secret[0].value', true],
  // a value inside a sensitive map attribute
  ['azurerm_container_group.g.container[0].secure_environment_variables["DB"]', true],
  // data sources have their own facts
  ['data.azurerm_key_vault_secret.db.value', true],
  ['azurerm_key_vault_secret.db.value', true],
  ['data.azurerm_key_vault_secret.db.id', false],
  ['azurerm_container_app.api.custom_domain_verification_id', true],
  ['azurerm_container_app.api.latest_revision_fqdn', false],
  // other providers: names and random_password as before
  ['module.m.random_password.db.result', true],
  ['aws_db_instance.x.password', true],
])('%s is a credential: %s', (target, credential) => {
  const found = pack.evaluate(output(target)).filter((f) => f.rule === 'no-exposed-keys');
  expect(found.length).toBe(credential ? 1 : 0);
});

test('terraform providers schema -json output is read too (sensitive and write-only, nested blocks, data sources)', () => {
  const schema = {
    format_version: '1.0',
    provider_schemas: {
      'registry.terraform.io/hashicorp/random': {
        resource_schemas: {
          random_password: { block: { attributes: { result: { type: 'string', computed: true, sensitive: true }, length: { type: 'number' } } } },
        },
      },
      'registry.terraform.io/azure/azapi': {
        resource_schemas: {
          azapi_resource: { block: { attributes: { sensitive_body: { type: 'dynamic', write_only: true } }, block_types: { timeouts: { block: { attributes: { create: { type: 'string' } } } } } } },
        },
        data_source_schemas: {
          azapi_resource_action: { block: { block_types: { output: { block: { attributes: { token: { type: 'string', sensitive: true } } } } } } },
        },
      },
    },
  };
  const text = renderRego(readFacts(schema), ['schema.json']);
  expect(text).toContain('"random_password": {"result": "sensitive"}');
  expect(text).toContain('"azapi_resource": {"sensitive_body": "sensitive"}');
  expect(text).toMatch(/data_sources := \{\n\t"azapi_resource_action": \{"output": "holds", "output\.token": "sensitive"\},\n\}/);
  expect(() => readFacts({ something: 'else' })).toThrow(/neither/);
});

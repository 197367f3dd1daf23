/**
 * Policy evaluation through the OPA SDK on a generated 10,000-resource normalized input (~6 MB of
 * JSON) against a floor measured in the same run: JSON.parse of the same text plus one plain-JS
 * pass computing the same verdicts. The target is ≤ 3× the floor.
 *
 * Until the planner lands, the policy is hand-written IR for three representative checks (public
 * container-app ingress, storage TLS, key-vault purge protection); the team lead will switch this to
 * the real policy pack.
 */
import type { Block, Operand, Policy, Stmt } from '../src/compiler/ir';
import type { NormalizedResource, PolicyInput } from '../src/input/types';
import { emitWasm } from '../src/compiler/wasm';
import { loadPolicyWasm } from '../src/opa/load';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchLine, timeMs } from './stats';

const RESOURCES = 10_000;

function resource(i: number): NormalizedResource {
  const kind = i % 4;
  const name = `r${i}`;
  const common = { tags: { env: i % 2 ? 'prod' : 'dev', owner: `team-${i % 17}`, cost_center: `cc-${i % 101}` }, location: 'westeurope' };
  if (kind === 0) {
    return {
      address: `azurerm_container_app.${name}`, mode: 'managed', type: 'azurerm_container_app', name, module: '',
      values: {
        ...common, name, resource_group_name: 'rg-main', revision_mode: 'Single',
        ingress: [{ external_enabled: i % 10 === 0, target_port: 8080, transport: 'auto', traffic_weight: [{ percentage: 100, latest_revision: true }] }],
        template: [{ min_replicas: 0, max_replicas: 3, container: [{ name: 'app', image: `registry.azurecr.io/app:${i}`, cpu: 0.25, memory: '0.5Gi', env: [{ name: 'MODE', value: 'prod' }, { name: 'SECRET', secret_name: 'db' }] }] }],
      },
      unknown: ['id', 'latest_revision_fqdn'],
      references: [{ attribute: 'container_app_environment_id', targets: ['azurerm_container_app_environment.main.id'] }],
    };
  }
  if (kind === 1) {
    return {
      address: `azurerm_storage_account.${name}`, mode: 'managed', type: 'azurerm_storage_account', name, module: '',
      values: { ...common, name, account_tier: 'Standard', account_replication_type: 'LRS', min_tls_version: i % 7 === 0 ? 'TLS1_0' : 'TLS1_2', public_network_access_enabled: false, allow_nested_items_to_be_public: false, network_rules: [{ default_action: 'Deny', bypass: ['AzureServices'] }] },
      unknown: ['id', 'primary_access_key'],
      references: [],
    };
  }
  if (kind === 2) {
    return {
      address: `module.kv.azurerm_key_vault.${name}`, mode: 'managed', type: 'azurerm_key_vault', name, module: 'module.kv',
      values: { ...common, name, sku_name: 'standard', purge_protection_enabled: i % 5 !== 2, soft_delete_retention_days: 7, enable_rbac_authorization: true, public_network_access_enabled: false },
      unknown: ['id', 'vault_uri'],
      references: [{ attribute: 'tenant_id', targets: ['data.azurerm_client_config.current.tenant_id'] }],
    };
  }
  return {
    address: `azurerm_log_analytics_workspace.${name}`, mode: 'managed', type: 'azurerm_log_analytics_workspace', name, module: '',
    values: { ...common, name, sku: 'PerGB2018', retention_in_days: 30, daily_quota_gb: 1, internet_ingestion_enabled: false, internet_query_enabled: true },
    unknown: ['id', 'workspace_id'],
    references: [],
  };
}

export function benchInput(): PolicyInput {
  return {
    format: 'plan', source: 'bench.json',
    resources: Array.from({ length: RESOURCES }, (_, i) => resource(i)),
    outputs: [{ address: 'output.url', name: 'url', sensitive: false, references: [] }],
  };
}

/** The same three checks in plain JS: the floor's verdicts. */
function jsVerdicts(input: PolicyInput): string[] {
  const out = new Set<string>();
  for (const r of input.resources) {
    const v = r.values as Record<string, any>;
    if (r.type === 'azurerm_container_app' && v.ingress?.[0]?.external_enabled === true) out.add(`${r.address}: container app ingress is public`);
    if (r.type === 'azurerm_storage_account' && v.min_tls_version !== 'TLS1_2') out.add(`${r.address}: storage account allows TLS below 1.2`);
    if (r.type === 'azurerm_key_vault' && v.purge_protection_enabled !== true) out.add(`${r.address}: key vault without purge protection`);
  }
  return [...out].sort();
}

/** Hand-written IR for `deny contains msg if { ... }` with the three checks. */
export function benchPolicy(): Policy {
  const strings: string[] = [];
  const s = (text: string): Operand => {
    let i = strings.indexOf(text);
    if (i < 0) i = strings.push(text) - 1;
    return { kind: 'string', index: i };
  };
  const L = (n: number): Operand => ({ kind: 'local', local: n });
  // Each check: scan resources, match the type, test a value, add "<address>: <message>".
  const check = (type: string, test: (r: number) => Stmt[], message: string): Block => ({
    stmts: [
      { type: 'Dot', source: L(0), key: s('resources'), target: 3 },
      {
        type: 'Scan', source: 3, key: 4, value: 5, block: { stmts: [
          { type: 'Dot', source: L(5), key: s('type'), target: 6 },
          { type: 'Equal', a: L(6), b: s(type) },
          ...test(5),
          { type: 'Dot', source: L(5), key: s('address'), target: 20 },
          { type: 'MakeArray', capacity: 2, target: 21 },
          { type: 'ArrayAppend', value: L(20), array: 21 },
          { type: 'ArrayAppend', value: s(message), array: 21 },
          { type: 'Call', func: 'concat', args: [s(': '), L(21)], result: 22 },
          { type: 'SetAdd', value: L(22), set: 2 },
        ] },
      },
    ],
  });
  const deny: Block[] = [
    { stmts: [{ type: 'MakeSet', target: 2 }] },
    check('azurerm_container_app', (r) => [
      { type: 'Dot', source: L(r), key: s('values'), target: 7 },
      { type: 'Dot', source: L(7), key: s('ingress'), target: 8 },
      { type: 'MakeNumberInt', value: 0, target: 9 },
      { type: 'Dot', source: L(8), key: L(9), target: 10 },
      { type: 'Dot', source: L(10), key: s('external_enabled'), target: 11 },
      { type: 'Equal', a: L(11), b: { kind: 'bool', value: true } },
    ], 'container app ingress is public'),
    check('azurerm_storage_account', (r) => [
      { type: 'Dot', source: L(r), key: s('values'), target: 7 },
      { type: 'Not', block: { stmts: [
        { type: 'Dot', source: L(7), key: s('min_tls_version'), target: 8 },
        { type: 'Equal', a: L(8), b: s('TLS1_2') },
      ] } },
    ], 'storage account allows TLS below 1.2'),
    check('azurerm_key_vault', (r) => [
      { type: 'Dot', source: L(r), key: s('values'), target: 7 },
      { type: 'Not', block: { stmts: [
        { type: 'Dot', source: L(7), key: s('purge_protection_enabled'), target: 8 },
        { type: 'Equal', a: L(8), b: { kind: 'bool', value: true } },
      ] } },
    ], 'key vault without purge protection'),
  ];
  return {
    static: { strings, builtinFuncs: [], files: ['bench.rego'] },
    plans: [{
      name: 'terraform/deny',
      blocks: [{ stmts: [
        { type: 'Call', func: 'g0.data.terraform.deny', args: [L(0), L(1)], result: 2 },
        { type: 'MakeObject', target: 3 },
        { type: 'ObjectInsert', key: s('result'), value: L(2), object: 3 },
        { type: 'ResultSetAdd', value: 3 },
      ] }],
    }],
    funcs: [{ name: 'g0.data.terraform.deny', path: ['terraform', 'deny'], params: [0, 1], result: 2, blocks: deny, memoize: true }],
  };
}

export async function run(): Promise<string[]> {
  const text = JSON.stringify(benchInput());
  const bytes = new TextEncoder().encode(text);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

  const emitStart = process.hrtime.bigint();
  const wasm = emitWasm(benchPolicy());
  const emitMs = Number(process.hrtime.bigint() - emitStart) / 1e6;
  const policy = await loadPolicyWasm(wasm);

  const expected = jsVerdicts(JSON.parse(text) as PolicyInput);
  const got = (policy.evaluate(buffer, 'terraform/deny') as { result: string[] }[])[0]?.result;
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new Error(`eval bench: the module's verdicts differ from the JS verdicts (${got?.length} vs ${expected.length})`);
  }

  const floor = await timeMs(() => jsVerdicts(JSON.parse(text) as PolicyInput), 7, 2);
  const sdk = await timeMs(() => policy.evaluate(buffer, 'terraform/deny'), 7, 2);
  const parseOnly = await timeMs(() => {
    const ex = (policy.wasmInstance as WebAssembly.Instance).exports as Record<string, (...a: number[]) => number>;
    const at = policy.dataHeapPtr as number;
    if (at + bytes.length > policy.mem.buffer.byteLength) policy.mem.grow(Math.ceil(bytes.length / 65536) + 1);
    new Uint8Array(policy.mem.buffer).set(bytes, at);
    ex.opa_heap_ptr_set(at + bytes.length);
    ex.opa_json_parse(at, bytes.length);
  }, 7, 2);
  // The real policy pack on the same input (no JS floor of its verdicts yet: JSON.parse alone is given
  // for scale).
  const { buildPack } = await import('../src/policy/pack');
  const pack = buildPack();
  const packPolicy = await loadPolicyWasm(pack.wasm);
  const params = JSON.parse(readFileSync(join(__dirname, '..', 'policies', 'params.json'), 'utf8')) as object;
  packPolicy.setData({ params });
  const packMs = await timeMs(() => packPolicy.evaluate(buffer, 'apg/findings'), 7, 2);
  const parseMs = await timeMs(() => JSON.parse(text), 7, 2);

  return [
    benchLine(`eval: ${RESOURCES} resources (${(bytes.length / 1e6).toFixed(1)} MB) through the SDK`, sdk, 'ms', floor),
    benchLine(`eval: policy pack (${pack.rules.length} rules) on the same input, vs JSON.parse alone`, packMs, 'ms', parseMs),
    benchLine('eval: runtime JSON parse of the same input', parseOnly, 'ms'),
    benchLine('eval: emitWasm for the bench policy (first call, runtime cached)', emitMs, 'ms'),
  ];
}

/**
 * Policy evaluation through the OPA SDK on a generated 10,000-resource normalized input (~6 MB of
 * JSON) against a floor measured in the same run: JSON.parse of the same text plus one plain-JS
 * pass computing the same verdicts (target ≤ 3× the floor). The policy is three representative
 * checks written in Rego (public container-app ingress, storage TLS, Key Vault purge protection);
 * the real pack is compiled (target ≤ 2 s) and evaluated on the same input as well, as `apg check`
 * evaluates it (target ≤ 2× JSON.parse).
 */
import type { NormalizedResource, PolicyInput } from '../src/input/types';
import { compile } from '../src/compiler';
import { loadPolicyWasm } from '../src/opa/load';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchLine, isolatedAgainst, timeAgainst, timeMs } from './stats';

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

/** The same three checks in Rego, compiled by the project's compiler (parse → check → plan → WASM). */
export const BENCH_POLICY = `package bench

deny contains msg if {
	some r in input.resources
	r.type == "azurerm_container_app"
	r.values.ingress[0].external_enabled == true
	msg := concat(": ", [r.address, "container app ingress is public"])
}

deny contains msg if {
	some r in input.resources
	r.type == "azurerm_storage_account"
	not r.values.min_tls_version == "TLS1_2"
	msg := concat(": ", [r.address, "storage account allows TLS below 1.2"])
}

deny contains msg if {
	some r in input.resources
	r.type == "azurerm_key_vault"
	not r.values.purge_protection_enabled == true
	msg := concat(": ", [r.address, "key vault without purge protection"])
}
`;

/** Workload for bench/side.ts: the policy pack evaluated as `apg check` evaluates it, on the bench input's bytes. */
export async function packWorkload(): Promise<() => unknown> {
  // required, not imported: bench/side.ts runs under tsx's CommonJS hook only.
  const { buildPack } = require('../src/policy/pack') as typeof import('../src/policy/pack');
  const { evaluateFindings } = require('../src/policy/check') as typeof import('../src/policy/check');
  const { loadPolicyAsync } = require('../src/policy/engine') as typeof import('../src/policy/engine');
  const pack = buildPack();
  const policy = await loadPolicyAsync(pack.wasm);
  policy.setData({ params: JSON.parse(readFileSync(join(__dirname, '..', 'policies', 'params.json'), 'utf8')) as object });
  const bytes = new TextEncoder().encode(JSON.stringify(benchInput()));
  return () => evaluateFindings(policy, bytes, pack.rules);
}

/** Workload for bench/side.ts: JSON.parse of the bench input's text (the floor). */
export function parseWorkload(): () => unknown {
  const text = JSON.stringify(benchInput());
  return () => JSON.parse(text);
}

export async function run(): Promise<string[]> {
  const text = JSON.stringify(benchInput());
  const bytes = new TextEncoder().encode(text);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

  const compileBench = () => compile({ sources: [{ path: 'bench.rego', text: BENCH_POLICY }], entrypoints: ['bench/deny'] });
  const policy = await loadPolicyWasm(compileBench().wasm);
  const benchCompileMs = await timeMs(compileBench, 5, 1);

  const expected = jsVerdicts(JSON.parse(text) as PolicyInput);
  const got = (policy.evaluate(buffer, 'bench/deny') as { result: string[] }[])[0]?.result;
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new Error(`eval bench: the module's verdicts differ from the JS verdicts (${got?.length} vs ${expected.length})`);
  }

  const { ms: sdk, floor } = await timeAgainst(() => policy.evaluate(buffer, 'bench/deny'), () => jsVerdicts(JSON.parse(text) as PolicyInput), 7, 2);
  const parseOnly = await timeMs(() => {
    const ex = (policy.wasmInstance as WebAssembly.Instance).exports as Record<string, (...a: number[]) => number>;
    const at = policy.dataHeapPtr as number;
    if (at + bytes.length > policy.mem.buffer.byteLength) policy.mem.grow(Math.ceil(bytes.length / 65536) + 1);
    new Uint8Array(policy.mem.buffer).set(bytes, at);
    ex.opa_heap_ptr_set(at + bytes.length);
    ex.opa_json_parse(at, bytes.length);
  }, 7, 2);
  // The real policy pack: compile time (no cache; the runtime module is built once per clone and
  // cached in build/), then evaluation on the same input as `apg check` evaluates a pack
  // (src/policy/check.ts evaluateFindings: one parse, the shared lib values, then each rule with
  // the module's heap rewound after it), from the same bytes. Its rules have no JS twin, so
  // JSON.parse alone is given for scale. The findings document is checked against the one of the
  // pack's aggregate entrypoint through the SDK, the path this line timed until 2026-12-05.
  const { buildPack } = await import('../src/policy/pack');
  const { evaluateFindings } = await import('../src/policy/check');
  const { loadPolicyAsync } = await import('../src/policy/engine');
  const pack = buildPack({ cacheDir: false });
  const packCompileMs = await timeMs(() => buildPack({ cacheDir: false }), 5, 1);
  const params = JSON.parse(readFileSync(join(__dirname, '..', 'policies', 'params.json'), 'utf8')) as object;
  const packPolicy = await loadPolicyAsync(pack.wasm);
  packPolicy.setData({ params });
  const sdkPolicy = await loadPolicyWasm(pack.wasm);
  sdkPolicy.setData({ params });
  const aggregate = JSON.stringify((sdkPolicy.evaluate(buffer, 'apg/findings') as { result: unknown }[])[0]?.result);
  if (JSON.stringify(evaluateFindings(packPolicy, bytes, pack.rules)?.[0]?.result) !== aggregate) {
    throw new Error('eval bench: the per-rule evaluation and the aggregate entrypoint disagree');
  }
  // Each side in processes of its own (bench/stats.ts isolatedAgainst), 48 runs of each.
  const { ms: packMs, floor: parseMs } = isolatedAgainst({ module: 'eval.bench', name: 'packWorkload' }, { module: 'eval.bench', name: 'parseWorkload' }, 6, 8, 3);
  // The same two timed in alternation in this one process, for comparison.
  const mixed = await timeAgainst(() => evaluateFindings(packPolicy, bytes, pack.rules), () => JSON.parse(text), 15, 2);

  return [
    benchLine(`compile: policy pack (${pack.rules.length} rules), sources → WASM`, packCompileMs, 'ms'),
    benchLine('compile: three-rule bench policy, sources → WASM', benchCompileMs, 'ms'),
    benchLine(`eval: ${RESOURCES} resources (${(bytes.length / 1e6).toFixed(1)} MB) through the SDK, vs JSON.parse + plain-JS verdicts`, sdk, 'ms', floor),
    benchLine(`eval: policy pack (${pack.rules.length} rules) on the same input, vs JSON.parse alone`, packMs, 'ms', parseMs),
    benchLine('eval: policy pack, alternating with its floor in one process', mixed.ms, 'ms', mixed.floor),
    benchLine('eval: runtime JSON parse of the same input', parseOnly, 'ms'),
  ];
}

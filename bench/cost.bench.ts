/**
 * Cost estimate of a generated 10,000-resource normalised input (target ≤ 1 s), with a usage file
 * of globs so that both passes (idle baseline and with usage) run. The floor is the same input
 * with every resource of a free type: the estimator's own overhead per resource. Then `apg cost
 * plan.json --format json` on a generated 10,000-resource plan file, whose floor is JSON.parse of
 * the same file (target ≤ 2×), and the same in the default table format (reported).
 */
import type { NormalizedResource, PolicyInput } from '../src/input/types';
import { estimate } from '../src/cost/estimate';
import { parseUsageFile } from '../src/cost/usage';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { costChunks } from '../src/cli/commands/cost';
import { writeChunksToFile } from '../src/cli/write';
import { generatePlan, parseWorkload } from './check.bench';
import { benchLine, isolatedAgainst, timeAgainst, timeMs } from './stats';

function res(type: string, name: string, values: Record<string, unknown>, account?: string): NormalizedResource {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    module: '',
    values,
    unknown: [],
    references: account ? [{ attribute: 'account_name', targets: [`azurerm_cosmosdb_account.${account}.name`] }] : [],
  };
}

/** A plan-sized mix of the priced types, 10 resources per group. */
export function generateInput(count: number, freeOnly = false): PolicyInput {
  const resources: NormalizedResource[] = [];
  for (let g = 0; resources.length < count; g++) {
    if (freeOnly) {
      for (let i = 0; i < 10; i++) resources.push(res('azurerm_role_assignment', `r${g}_${i}`, { scope: 'x' }));
      continue;
    }
    resources.push(
      res('azurerm_container_app', `app${g}`, { template: [{ min_replicas: g % 2, container: [{ cpu: 0.5, memory: '1Gi' }] }] }),
      res('azurerm_container_registry', `acr${g}`, { sku: ['Basic', 'Standard', 'Premium'][g % 3] }),
      res('azurerm_search_service', `search${g}`, { sku: 'basic', replica_count: 1 + (g % 3) }),
      res('azurerm_cosmosdb_account', `cosmos${g}`, { name: `cosmos${g}`, geo_location: [{ location: 'eastus' }] }),
      res('azurerm_cosmosdb_sql_container', `container${g}`, { autoscale_settings: [{ max_throughput: 4000 }] }, `cosmos${g}`),
      res('azurerm_log_analytics_workspace', `law${g}`, { sku: 'PerGB2018', retention_in_days: 90, daily_quota_gb: 1 }),
      res('azurerm_key_vault', `kv${g}`, { sku_name: 'standard' }),
      res('azurerm_cognitive_deployment', `gpt${g}`, { sku: [{ name: 'GlobalStandard', capacity: 100 }], model: [{ name: 'gpt-4.1' }] }),
      res('azurerm_role_assignment', `ra${g}`, {}),
      res('azurerm_virtual_network', `vnet${g}`, {}),
    );
  }
  return { format: 'plan', source: 'generated', resources: resources.slice(0, count), outputs: [] };
}

const USAGE = `version: 0.1
resource_usage:
  azurerm_container_app.*:
    monthly_requests: 3000000
    monthly_active_replica_seconds: 100000
  azurerm_log_analytics_workspace.*:
    monthly_ingestion_gb: 20
  azurerm_cognitive_deployment.*:
    monthly_input_tokens: 1000000
    monthly_output_tokens: 200000
`;

/** Workload for bench/side.ts: `apg cost <plan> --format <format>` as the CLI runs it, written to the null device (src/cli/write.ts). */
export function costWorkload(planFile: string, format: 'json' | 'table'): () => Promise<void> {
  return async () => writeChunksToFile(devNull, await costChunks(planFile, { format }));
}

export async function run(): Promise<string[]> {
  const input = generateInput(10_000);
  const floorInput = generateInput(10_000, true);
  const usage = parseUsageFile(USAGE, 'bench-usage.yml');
  const ms = await timeMs(() => estimate(input, usage), 5, 1);
  const floor = await timeMs(() => estimate(floorInput, usage), 5, 1);
  // End to end as `apg cost plan.json --format json` runs it: read and normalise a generated
  // 10,000-resource terraform show -json plan (the check bench's generator), estimate, render, and
  // write to the null device.
  const dir = mkdtempSync(join(tmpdir(), 'apg-cost-bench-'));
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(generatePlan(10_000)));
  try {
    // Each side in processes of its own (bench/stats.ts isolatedAgainst); the floor is check.bench's parse.
    const parse = { module: 'check.bench', name: 'parseWorkload', args: [planFile] };
    const { ms: endToEnd, floor: parseFloor } = isolatedAgainst({ module: 'cost.bench', name: 'costWorkload', args: [planFile, 'json'] }, parse);
    // The default format: a table of ~20,000 lines for this plan (cli-table3 drew it in ~35 s).
    const table = isolatedAgainst({ module: 'cost.bench', name: 'costWorkload', args: [planFile, 'table'] }, parse, 3);
    // The JSON line's two sides timed in alternation in this one process, for comparison.
    const mixed = await timeAgainst(costWorkload(planFile, 'json'), parseWorkload(planFile), 11, 1);
    return [
      benchLine('cost 10k-resource plan (normalised input, idle + usage passes)', ms, 'ms', floor),
      benchLine('cost 10k-resource plan file end to end (load, normalise, estimate, JSON)', endToEnd, 'ms', parseFloor),
      benchLine('cost 10k-resource plan file end to end as a table (apg cost default format)', table.ms, 'ms', table.floor),
      benchLine('cost 10k-resource plan file end to end (JSON), alternating with its floor in one process', mixed.ms, 'ms', mixed.floor),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

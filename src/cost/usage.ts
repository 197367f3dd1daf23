/**
 * The usage file (`--usage <file>`): traffic assumptions, Infracost-like.
 *
 *   version: 0.1
 *   resource_usage:
 *     azurerm_container_app.api:          # an address, or a picomatch glob (azurerm_container_app.*)
 *       monthly_requests: 5000000
 *
 * Validated with zod: an unknown key, a key that does not apply to the resource type it matches, or
 * a bad value is an error naming the file, line and entry — never silently ignored. Without a usage
 * file every quantity is zero: the idle baseline.
 */
import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { lazy, yamlLib, zodLib } from '../lazy-deps';

/** Usage keys accepted per resource type, with what each one means (shown in errors and the README). */
export const USAGE_KEYS: Record<string, Record<string, string>> = {
  azurerm_container_app: {
    monthly_requests: 'HTTP requests per month from outside the environment (health probes are not billed)',
    monthly_active_replica_seconds: 'replica-seconds per month spent serving (each replica uses the app\'s vCPU and memory)',
  },
  azurerm_container_app_job: {
    monthly_active_replica_seconds: 'replica-seconds per month that job executions run (each replica uses the job\'s vCPU and memory; executions × replicas per execution × seconds each)',
  },
  azurerm_container_registry: {
    storage_gb: 'GB of images stored',
    monthly_build_vcpu_seconds: 'ACR task (build) vCPU-seconds per month',
  },
  azurerm_log_analytics_workspace: {
    monthly_ingestion_gb: 'GB ingested per month into Analytics tables (capped by daily_quota_gb; 5 GB per billing account included)',
  },
  azurerm_private_endpoint: { monthly_data_processed_gb: 'GB processed per month, inbound plus outbound' },
  azurerm_private_dns_zone: { monthly_queries: 'DNS queries per month' },
  azurerm_key_vault: { monthly_operations: 'secret and key operations per month' },
  azurerm_key_vault_key: { monthly_operations: 'key operations per month' },
  azurerm_cognitive_deployment: {
    monthly_input_tokens: 'input (prompt) tokens per month',
    monthly_cached_input_tokens: 'cached input tokens per month',
    monthly_output_tokens: 'output (completion) tokens per month',
  },
};
const COSMOS_KEYS = {
  storage_gb: 'GB of data stored',
  monthly_request_units: 'request units consumed per month (serverless accounts only)',
  autoscale_utilization_percentage: 'average billed RU/s as a percentage of max_throughput (autoscale only; floor 10)',
};
for (const type of [
  'azurerm_cosmosdb_account',
  'azurerm_cosmosdb_sql_database',
  'azurerm_cosmosdb_sql_container',
  'azurerm_cosmosdb_gremlin_database',
  'azurerm_cosmosdb_gremlin_graph',
  'azurerm_cosmosdb_mongo_database',
  'azurerm_cosmosdb_mongo_collection',
]) {
  USAGE_KEYS[type] = COSMOS_KEYS;
}

const ALL_KEYS = new Set(Object.values(USAGE_KEYS).flatMap((keys) => Object.keys(keys)));
const PERCENT_KEYS = new Set(['autoscale_utilization_percentage']);

// Built when a usage file is first read (every estimate imports this module): see src/lazy-deps.ts.
const schemas = lazy(() => {
  const { z } = zodLib();
  const value = z.number({ error: 'must be a number' }).finite().nonnegative({ error: 'must not be negative' });
  const file = z.strictObject({
    version: z.union([z.literal('0.1'), z.literal(0.1)], { error: 'version must be 0.1' }),
    resource_usage: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()).default({}),
  });
  return { value, file };
});

export interface UsageEntry {
  /** The address or glob as written. */
  pattern: string;
  line: number;
  values: Record<string, number>;
  /** Line of each key, for errors found while pricing (a key that contradicts the resource). */
  keyLines: Record<string, number>;
  isGlob: boolean;
  matches: (address: string) => boolean;
}

export interface UsageFile {
  file: string;
  entries: UsageEntry[];
}

export class UsageFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageFileError';
  }
}

const GLOB_CHARS = /[*?{}!]|\[(?!\d+\]|"[^"]*"\])/;

/** Parses and validates usage-file text; `file` names it in errors. */
export function parseUsageFile(text: string, file: string): UsageFile {
  const yaml = yamlLib();
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    throw new UsageFileError(`${file}:${err.linePos?.[0].line ?? 1}: ${err.message.split('\n')[0].replace(/:$/, '')}`);
  }
  const lineOf = (path: (string | number)[]): number => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const pair = path.length > 0 ? findKeyNode(doc.getIn(path.slice(0, -1), true), path[path.length - 1]) : undefined;
    const offset = pair ?? node?.range?.[0];
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };
  const content: unknown = doc.toJS();
  if (content === null || content === undefined) throw new UsageFileError(`${file}:1: empty usage file (expected version: 0.1 and resource_usage)`);
  const { value: valueSchema, file: fileSchema } = schemas();
  const parsed = fileSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    throw new UsageFileError(`${file}:${lineOf(path)}: ${path.join('.') || '(root)'}: ${issue.message}`);
  }
  const entries: UsageEntry[] = [];
  for (const [pattern, raw] of Object.entries(parsed.data.resource_usage)) {
    const line = lineOf(['resource_usage', pattern]);
    const values: Record<string, number> = {};
    const keyLines: Record<string, number> = {};
    for (const [key, value] of Object.entries(raw ?? {})) {
      keyLines[key] = lineOf(['resource_usage', pattern, key]);
      const where = `${file}:${keyLines[key]}: resource_usage["${pattern}"].${key}`;
      if (!ALL_KEYS.has(key)) throw new UsageFileError(`${where}: unknown usage key (known keys: ${[...ALL_KEYS].sort().join(', ')})`);
      const checked = valueSchema.safeParse(value);
      if (!checked.success) throw new UsageFileError(`${where}: ${checked.error.issues[0].message} (got ${JSON.stringify(value)})`);
      if (PERCENT_KEYS.has(key) && checked.data > 100) throw new UsageFileError(`${where}: must be at most 100 (got ${value})`);
      values[key] = checked.data;
    }
    const isGlob = GLOB_CHARS.test(pattern);
    const matcher = isGlob ? picomatch(pattern, { dot: true }) : undefined;
    entries.push({ pattern, line, values, keyLines, isGlob, matches: matcher ? (a) => matcher(a) : (a) => a === pattern });
  }
  return { file, entries };
}

/** Offset of a map key node, so errors point at the key's line. */
function findKeyNode(parent: unknown, key: string | number): number | undefined {
  const { isMap, isScalar } = yamlLib();
  if (!isMap(parent)) return undefined;
  for (const item of parent.items) {
    if (isScalar(item.key) && item.key.value === key) return item.key.range?.[0];
  }
  return undefined;
}

export function loadUsageFile(file: string): UsageFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageFileError(`${file}: cannot read the usage file`);
  }
  return parseUsageFile(text, file);
}

/** Usage keys of one resource, and where in the usage file each one was set. */
export interface ResourceUsage {
  values: Record<string, number>;
  /** `file:line: resource_usage["pattern"].key` for each key of `values`. */
  origins: Record<string, string>;
}

/** Usage of every resource of the idle pass, and of any resource no entry matches (frozen: shared by all of them). */
export const NO_USAGE: ResourceUsage = Object.freeze({ values: Object.freeze({}), origins: Object.freeze({}) }) as ResourceUsage;

/**
 * Usage for one resource: glob entries in file order, then the exact-address entry (which wins).
 * A key that does not apply to the resource's type is an error naming the entry.
 */
export function usageFor(usage: UsageFile | undefined, address: string, type: string, used?: Set<UsageEntry>): ResourceUsage {
  if (!usage || usage.entries.length === 0) return NO_USAGE;
  const matching = usage.entries.filter((e) => e.matches(address));
  if (matching.length === 0) return NO_USAGE;
  matching.sort((a, b) => Number(a.isGlob === false) - Number(b.isGlob === false));
  const result: ResourceUsage = { values: {}, origins: {} };
  for (const entry of matching) {
    used?.add(entry);
    const allowed = USAGE_KEYS[type] ?? {};
    for (const [key, value] of Object.entries(entry.values)) {
      if (!(key in allowed)) {
        const valid = Object.keys(allowed);
        throw new UsageFileError(
          `${usage.file}:${entry.keyLines[key] ?? entry.line}: resource_usage["${entry.pattern}"].${key} does not apply to ${address} (${type}` +
            `${valid.length ? `; valid keys: ${valid.join(', ')}` : '; this type takes no usage keys'})`,
        );
      }
      result.values[key] = value;
      result.origins[key] = `${usage.file}:${entry.keyLines[key] ?? entry.line}: resource_usage["${entry.pattern}"].${key}`;
    }
  }
  return result;
}

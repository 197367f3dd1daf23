/**
 * Azure Cosmos DB, as learn.microsoft.com/azure/cosmos-db/understand-your-bill bills it:
 *
 * - Serverless accounts bill request units consumed and storage: nothing at idle.
 * - Provisioned accounts bill RU/s per hour on the databases/containers/graphs that set throughput,
 *   reserved in every region of the account (T × N): manual at the standard rate; autoscale at the
 *   autoscale rate on the highest RU/s of each hour, at least 10% of max
 *   (learn.microsoft.com/azure/cosmos-db/autoscale-faq); accounts with multi-region writes at the
 *   multi-region-write rate, manual or autoscale alike. A zone-redundant region of a single-write
 *   account bills manual RU/s at the availability-zone rate (1.25×); "the premium pricing for
 *   availability zones is waived for accounts configured with multi-region writes and/or for
 *   collections configured with autoscale mode", and serverless RUs count 1.25×
 *   (learn.microsoft.com/azure/reliability/reliability-cosmos-db-nosql, "SLA improvements").
 * - A container (graph, collection) with no throughput of its own uses its database's shared
 *   throughput; when the database has none either, Cosmos DB gives the container the default
 *   400 RU/s manual throughput, which is billed.
 * - Storage is billed per GB in every region; continuous backup with 30-day retention per GB in
 *   every region (7-day is free); periodic backup keeps two copies free.
 * - Free tier: the first 1,000 RU/s and 25 GB of the account, after multiplying by regions
 *   (learn.microsoft.com/azure/cosmos-db/free-tier, understand-your-bill "Billing examples with free tier").
 */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, blocks, boolAttr, lookup, numberAttr, stringAttr } from '../values';
import { type PricerResult, type PricingContext, line, n } from '../pricing';
import type { CostLine } from '../types';

/** Availability-zone premium on single-write manual throughput and serverless RUs. */
const ZONE_REDUNDANT_FACTOR = 1.25;

const FREE_TIER_RU_S = 1000;
const FREE_TIER_GB = 25;
const AUTOSCALE_FLOOR_PERCENT = 10;
/** Throughput Cosmos DB gives a container created with none on a database without shared throughput. */
const DEFAULT_CONTAINER_RU_S = 400;
/** Periodic backup copies included at no charge. */
const FREE_PERIODIC_COPIES = 2;

interface Account {
  address?: string;
  serverless: boolean;
  /** One entry per geo_location (at least one). */
  zoneRedundant: boolean[];
  multiWrite: boolean;
  freeTier: boolean;
  backup: { type: 'Continuous' | 'Periodic'; tier?: string; copies?: number };
}

/** `forOther`: described for one of its databases/containers, whose unpriced reason then names the account. */
function describeAccount(account: NormalizedResource, forOther = false): Account {
  try {
    const capabilities = blocks(account, 'capabilities').map((_c, i) => stringAttr(account, `capabilities.${i}.name`));
    const locations = blocks(account, 'geo_location');
    const backupType = stringAttr(account, 'backup.0.type', 'Periodic');
    let backup: Account['backup'];
    if (backupType === 'Continuous') {
      // azurerm: the service default tier is Continuous30Days.
      backup = { type: 'Continuous', tier: stringAttr(account, 'backup.0.tier', 'Continuous30Days') };
    } else {
      const interval = numberAttr(account, 'backup.0.interval_in_minutes', 240);
      const retention = numberAttr(account, 'backup.0.retention_in_hours', 8);
      backup = { type: 'Periodic', copies: Math.ceil((retention * 60) / interval) };
    }
    return {
      address: account.address,
      serverless: capabilities.includes('EnableServerless'),
      zoneRedundant: locations.length === 0 ? [false] : locations.map((_l, i) => boolAttr(account, `geo_location.${i}.zone_redundant`, false)),
      multiWrite: boolAttr(account, 'multiple_write_locations_enabled', false),
      freeTier: boolAttr(account, 'free_tier_enabled', false),
      backup,
    };
  } catch (err) {
    if (err instanceof CannotPrice && forOther) {
      throw new CannotPrice(`${account.address}: ${err.message}`);
    }
    throw err;
  }
}

/** The first resource of `type` that `attribute` refers to, if any. */
function referenced(resource: NormalizedResource, attribute: string, type: string, ctx: PricingContext): NormalizedResource | undefined {
  for (const ref of resource.references) {
    if (ref.attribute !== attribute) continue;
    for (const target of ref.targets) {
      const found = ctx.byAddress.get(target.replace(/\.[^.]+$/, ''));
      if (found?.type === type) return found;
    }
  }
  return undefined;
}

/** Resources of one type by literal name, built once per input (a scan per container would be quadratic). */
const nameIndexes = new WeakMap<Map<string, NormalizedResource>, Map<string, NormalizedResource[]>>();
function byName(ctx: PricingContext, type: string, name: unknown): NormalizedResource[] {
  let index = nameIndexes.get(ctx.byAddress);
  if (!index) {
    index = new Map();
    for (const r of ctx.byAddress.values()) {
      if (!r.type.startsWith('azurerm_cosmosdb_') || typeof r.values.name !== 'string') continue;
      const key = `${r.type}\u0000${r.values.name}`;
      index.set(key, [...(index.get(key) ?? []), r]);
    }
    nameIndexes.set(ctx.byAddress, index);
  }
  return typeof name === 'string' ? index.get(`${type}\u0000${name}`) ?? [] : [];
}

/** The account a database/container belongs to, through the `account_name` reference or its literal name. */
function findAccount(resource: NormalizedResource, ctx: PricingContext): NormalizedResource | undefined {
  const viaRef = referenced(resource, 'account_name', 'azurerm_cosmosdb_account', ctx);
  if (viaRef) return viaRef;
  const name = lookup(resource, 'account_name');
  return name.state === 'known' ? byName(ctx, 'azurerm_cosmosdb_account', name.value)[0] : undefined;
}

const DATABASE_OF: Record<string, string> = {
  azurerm_cosmosdb_sql_container: 'azurerm_cosmosdb_sql_database',
  azurerm_cosmosdb_gremlin_graph: 'azurerm_cosmosdb_gremlin_database',
  azurerm_cosmosdb_mongo_collection: 'azurerm_cosmosdb_mongo_database',
};

/** The database a container belongs to (reference, else literal name on the same account). */
function findDatabase(resource: NormalizedResource, account: NormalizedResource | undefined, ctx: PricingContext): NormalizedResource | undefined {
  const type = DATABASE_OF[resource.type];
  const viaRef = referenced(resource, 'database_name', type, ctx);
  if (viaRef) return viaRef;
  const name = lookup(resource, 'database_name');
  if (name.state !== 'known') return undefined;
  return byName(ctx, type, name.value).find((db) => findAccount(db, ctx) === account);
}

function throughputOf(resource: NormalizedResource): { manual?: number; autoscaleMax?: number } {
  return {
    manual: lookup(resource, 'throughput').state === 'absent' ? undefined : numberAttr(resource, 'throughput'),
    autoscaleMax: lookup(resource, 'autoscale_settings.0.max_throughput').state === 'absent'
      ? undefined
      : numberAttr(resource, 'autoscale_settings.0.max_throughput'),
  };
}

/** Storage and backup lines from the `storage_gb` usage key (stored once, billed in every region). */
function storageLines(ctx: PricingContext, account: Account): CostLine[] {
  const storage = ctx.usage.storage_gb ?? 0;
  if (storage === 0) return [];
  const regions = account.zoneRedundant.length;
  const total = storage * regions;
  const free = account.freeTier && account.address ? ctx.grants.take(`cosmosdb.free_tier.gb:${account.address}`, total, FREE_TIER_GB) : 0;
  const lines = [
    line(ctx, 'cosmosdb.storage', `Storage (${n(storage)} GB × ${regions} region(s)${free > 0 ? `, less ${n(free)} GB free tier` : ''})`, total - free),
  ];
  if (account.backup.type === 'Continuous' && account.backup.tier === 'Continuous30Days') {
    lines.push(line(ctx, 'cosmosdb.backup.continuous30', `Continuous backup, 30 days (${n(storage)} GB × ${regions} region(s))`, total));
  } else if (account.backup.type === 'Periodic' && (account.backup.copies ?? 0) > FREE_PERIODIC_COPIES) {
    throw new CannotPrice(`periodic backup keeps ${account.backup.copies} copies; copies beyond ${FREE_PERIODIC_COPIES} are billed per GB and that rate is not in the price book`);
  }
  return lines;
}

function serverlessLines(resource: NormalizedResource, ctx: PricingContext, account: Account): CostLine[] {
  const ru = ctx.usage.monthly_request_units ?? 0;
  if (ru === 0) return [];
  if (!account.serverless) {
    throw ctx.usageError('monthly_request_units', `applies only to serverless accounts; ${resource.address} uses provisioned throughput`);
  }
  // A serverless account has one region; zone-redundant, its RUs count 1.25× (reliability doc above).
  if (account.zoneRedundant[0]) {
    return [line(ctx, 'cosmosdb.serverless.ru', `Serverless request units (${n(ru)} RU × ${ZONE_REDUNDANT_FACTOR} zone-redundant)`, (ru * ZONE_REDUNDANT_FACTOR) / 1e6)];
  }
  return [line(ctx, 'cosmosdb.serverless.ru', `Serverless request units (${n(ru)} RU)`, ru / 1e6)];
}

export function priceCosmosAccount(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const account = describeAccount(resource);
  if (ctx.usage.autoscale_utilization_percentage !== undefined) {
    throw ctx.usageError('autoscale_utilization_percentage', `applies to the database/container that sets autoscale, not to the account ${resource.address}`);
  }
  const lines = [...serverlessLines(resource, ctx, account), ...storageLines(ctx, account)];
  if (lines.length > 0) return { kind: 'priced', lines };
  const note = account.serverless
    ? 'serverless: billed per RU consumed and GB stored; zero at idle (usage keys monthly_request_units, storage_gb)'
    : 'provisioned throughput is billed on the databases/containers that set it; storage per GB (usage key storage_gb)';
  return { kind: 'priced', lines, note };
}

/** Lines for `ruPerRegion` RU/s reserved in every region of the account for the whole month. */
function throughputLines(ctx: PricingContext, account: Account, ruPerRegion: number, mode: 'manual' | 'autoscale', what: string, accountNote: string): CostLine[] {
  const regions = account.zoneRedundant.length;
  let free = account.freeTier && account.address
    ? ctx.grants.take(`cosmosdb.free_tier.ru:${account.address}`, ruPerRegion * regions, FREE_TIER_RU_S)
    : 0;
  const freeNote = (taken: number) => (taken > 0 ? `, less ${n(taken)} RU/s free tier` : '');
  const hours = ctx.hoursPerMonth;
  const group = (priceId: string, label: string, count: number): CostLine | undefined => {
    if (count === 0) return undefined;
    const taken = Math.min(free, ruPerRegion * count);
    free -= taken;
    const units = ((ruPerRegion * count - taken) / 100) * hours;
    return line(ctx, priceId, `Provisioned throughput (${what} × ${count} ${label}${freeNote(taken)} × ${hours} h${accountNote})`, units);
  };
  if (account.multiWrite) {
    // Multi-region writes: one rate for manual and autoscale, availability zones included.
    return [group('cosmosdb.provisioned.multiwrite', 'write region(s)', regions)].filter((l): l is CostLine => l !== undefined);
  }
  if (mode === 'autoscale') return [group('cosmosdb.provisioned.autoscale', 'region(s)', regions)].filter((l): l is CostLine => l !== undefined);
  const zonal = account.zoneRedundant.filter(Boolean).length;
  return [
    group('cosmosdb.provisioned.manual', 'region(s)', regions - zonal),
    group('cosmosdb.provisioned.manual.az', 'zone-redundant region(s)', zonal),
  ].filter((l): l is CostLine => l !== undefined);
}

export function priceCosmosThroughputHolder(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const accountResource = findAccount(resource, ctx);
  const account: Account = accountResource
    ? describeAccount(accountResource, true)
    : { serverless: false, zoneRedundant: [false], multiWrite: false, freeTier: false, backup: { type: 'Continuous', tier: 'Continuous7Days' } };
  const accountNote = accountResource ? '' : ', account not in the input: 1 region assumed';
  const { manual, autoscaleMax } = throughputOf(resource);
  const lines: CostLine[] = [];
  let note: string | undefined;
  if (manual !== undefined || autoscaleMax !== undefined) {
    if (account.serverless) throw new CannotPrice(`sets throughput on serverless account ${account.address} (Azure rejects this)`);
    if (autoscaleMax !== undefined) {
      const percent = Math.max(AUTOSCALE_FLOOR_PERCENT, ctx.usage.autoscale_utilization_percentage ?? 0);
      const billed = (autoscaleMax * percent) / 100;
      lines.push(...throughputLines(ctx, account, billed, 'autoscale', `autoscale, max ${n(autoscaleMax)} RU/s billed at ${n(percent)}% = ${n(billed)} RU/s`, accountNote));
    } else {
      lines.push(...throughputLines(ctx, account, manual as number, 'manual', `manual, ${n(manual as number)} RU/s`, accountNote));
    }
  } else {
    if (ctx.usage.autoscale_utilization_percentage !== undefined) {
      throw ctx.usageError('autoscale_utilization_percentage', `applies only to autoscale throughput; ${resource.address} sets none`);
    }
    if (account.serverless) {
      note = 'serverless: billed per RU consumed and GB stored; zero at idle';
    } else if (resource.type.endsWith('_database')) {
      note = 'no shared throughput set (its containers carry their own)';
    } else if (!accountResource) {
      throw new CannotPrice('sets no throughput and its account is not in the input: shared database throughput, serverless or the 400 RU/s default cannot be told apart');
    } else {
      const database = findDatabase(resource, accountResource, ctx);
      if (!database) throw new CannotPrice('sets no throughput and its database is not in the input: shared or default (400 RU/s) throughput cannot be told apart');
      const shared = throughputOf(database);
      if (shared.manual !== undefined || shared.autoscaleMax !== undefined) {
        note = `no dedicated throughput set (uses the shared throughput of ${database.address})`;
      } else {
        // Neither the container nor its database sets throughput: the service provisions its default.
        lines.push(...throughputLines(ctx, account, DEFAULT_CONTAINER_RU_S, 'manual',
          `manual, Cosmos DB default ${DEFAULT_CONTAINER_RU_S} RU/s: no throughput here nor on ${database.address}`, accountNote));
      }
    }
  }
  lines.push(...serverlessLines(resource, ctx, account), ...storageLines(ctx, account));
  if (lines.length > 0) return { kind: 'priced', lines };
  return { kind: 'priced', lines, note };
}

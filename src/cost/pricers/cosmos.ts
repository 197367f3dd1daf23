/**
 * Azure Cosmos DB. Serverless accounts bill request units consumed and storage (nothing at idle);
 * provisioned accounts bill RU/s per hour on the databases/containers/graphs that set throughput —
 * manual at the standard rate, autoscale at 1.5× on the hour's peak with a floor of 10% of max —
 * times the account's regions. Free-tier accounts get 1,000 RU/s and 25 GB off
 * (learn.microsoft.com/azure/cosmos-db/free-tier).
 */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, blocks, boolAttr, lookup, numberAttr } from '../values';
import { type PricerResult, type PricingContext, line, n } from '../pricing';
import type { CostLine } from '../types';
import { UsageFileError } from '../usage';

const FREE_TIER_RU_S = 1000;
const FREE_TIER_GB = 25;
const AUTOSCALE_FLOOR_PERCENT = 10;

interface Account {
  address?: string;
  serverless: boolean;
  regions: number;
  multiWrite: boolean;
  freeTier: boolean;
}

function describeAccount(account: NormalizedResource): Account {
  const capabilities = blocks(account, 'capabilities').map((c) => c.name);
  return {
    address: account.address,
    serverless: capabilities.includes('EnableServerless'),
    regions: Math.max(1, blocks(account, 'geo_location').length),
    multiWrite: boolAttr(account, 'multiple_write_locations_enabled', false),
    freeTier: boolAttr(account, 'free_tier_enabled', false),
  };
}

/** The account a database/container belongs to, through the `account_name` reference or its literal name. */
function findAccount(resource: NormalizedResource, ctx: PricingContext): NormalizedResource | undefined {
  for (const ref of resource.references) {
    if (ref.attribute !== 'account_name') continue;
    for (const target of ref.targets) {
      const address = target.replace(/\.[^.]+$/, '');
      const found = ctx.byAddress.get(address);
      if (found?.type === 'azurerm_cosmosdb_account') return found;
    }
  }
  const name = lookup(resource, 'account_name');
  return name.state === 'known' ? accountsByName(ctx.byAddress).get(name.value) : undefined;
}

/** Accounts by literal name, built once per input (a scan per container would be quadratic). */
const accountIndexes = new WeakMap<Map<string, NormalizedResource>, Map<unknown, NormalizedResource>>();
function accountsByName(byAddress: Map<string, NormalizedResource>): Map<unknown, NormalizedResource> {
  let index = accountIndexes.get(byAddress);
  if (!index) {
    index = new Map();
    for (const r of byAddress.values()) if (r.type === 'azurerm_cosmosdb_account') index.set(r.values.name, r);
    accountIndexes.set(byAddress, index);
  }
  return index;
}

function usageLines(resource: NormalizedResource, ctx: PricingContext, account: Account): CostLine[] {
  const lines: CostLine[] = [];
  const ru = ctx.usage.monthly_request_units ?? 0;
  if (ru > 0) {
    if (!account.serverless) {
      throw new UsageFileError(`usage key monthly_request_units applies only to serverless accounts; ${resource.address} uses provisioned throughput`);
    }
    lines.push(line(ctx, 'cosmosdb.serverless.ru', `Serverless request units (${n(ru)} RU)`, ru / 1e6));
  }
  const storage = ctx.usage.storage_gb ?? 0;
  if (storage > 0) {
    const free = account.freeTier && account.address ? ctx.grants.take(`cosmosdb.free_tier.gb:${account.address}`, storage, FREE_TIER_GB) : 0;
    lines.push(line(ctx, 'cosmosdb.storage', `Storage (${n(storage)} GB${free > 0 ? `, less ${n(free)} GB free tier` : ''})`, storage - free));
  }
  return lines;
}

export function priceCosmosAccount(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const account = describeAccount(resource);
  if (ctx.usage.autoscale_utilization_percentage !== undefined) {
    throw new UsageFileError(`usage key autoscale_utilization_percentage applies to the database/container that sets autoscale, not to the account ${resource.address}`);
  }
  const lines = usageLines(resource, ctx, account);
  if (lines.length > 0) return { kind: 'priced', lines };
  const note = account.serverless
    ? 'serverless: billed per RU consumed and GB stored; zero at idle (usage keys monthly_request_units, storage_gb)'
    : 'provisioned throughput is billed on the databases/containers that set it';
  return { kind: 'priced', lines, note };
}

export function priceCosmosThroughputHolder(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const accountResource = findAccount(resource, ctx);
  const account: Account = accountResource
    ? describeAccount(accountResource)
    : { serverless: false, regions: 1, multiWrite: false, freeTier: false };
  const manual = lookup(resource, 'throughput').state === 'absent' ? undefined : numberAttr(resource, 'throughput');
  const autoscaleMax = lookup(resource, 'autoscale_settings.0.max_throughput').state === 'absent'
    ? undefined
    : numberAttr(resource, 'autoscale_settings.0.max_throughput');
  const lines: CostLine[] = [];
  if (manual !== undefined || autoscaleMax !== undefined) {
    if (account.serverless) throw new CannotPrice(`sets throughput on serverless account ${account.address} (Azure rejects this)`);
    if (account.multiWrite) throw new CannotPrice(`account ${account.address} has multi-region writes (that rate is not in the price book)`);
    const accountNote = accountResource ? '' : ', account not found: 1 region assumed';
    let billed: number;
    let priceId: string;
    let what: string;
    if (autoscaleMax !== undefined) {
      const percent = Math.max(AUTOSCALE_FLOOR_PERCENT, ctx.usage.autoscale_utilization_percentage ?? 0);
      billed = (autoscaleMax * percent) / 100;
      priceId = 'cosmosdb.provisioned.autoscale';
      what = `autoscale, max ${n(autoscaleMax)} RU/s billed at ${n(percent)}% = ${n(billed)} RU/s`;
    } else {
      billed = manual as number;
      priceId = 'cosmosdb.provisioned.manual';
      what = `manual, ${n(billed)} RU/s`;
    }
    const free = account.freeTier && account.address ? ctx.grants.take(`cosmosdb.free_tier.ru:${account.address}`, billed, FREE_TIER_RU_S) : 0;
    const freeNote = free > 0 ? `, less ${n(free)} RU/s free tier` : '';
    const hundreds = (billed - free) / 100;
    lines.push(line(ctx, priceId, `Provisioned throughput (${what}${freeNote} × ${account.regions} region(s) × ${ctx.hoursPerMonth} h${accountNote})`, hundreds * account.regions * ctx.hoursPerMonth));
  } else if (ctx.usage.autoscale_utilization_percentage !== undefined) {
    throw new UsageFileError(`usage key autoscale_utilization_percentage applies only to autoscale throughput; ${resource.address} sets none`);
  }
  lines.push(...usageLines(resource, ctx, account));
  if (lines.length > 0) return { kind: 'priced', lines };
  const note = account.serverless
    ? 'serverless: billed per RU consumed and GB stored; zero at idle'
    : resource.type.endsWith('_database')
      ? 'no shared throughput set (its containers carry their own)'
      : 'no dedicated throughput set (uses its database\'s shared throughput)';
  return { kind: 'priced', lines, note };
}

/**
 * `estimate(input, usage?)`: the monthly cost of a normalised plan, per resource and in total. Pure
 * and synchronous. Runs the pricers twice — without usage (the idle baseline) and with it — so
 * that every estimate carries both figures. Data sources are not billable and are skipped.
 */
import type { NormalizedResource, PolicyInput } from '../input/types';
import { type PriceBook, defaultPriceBook } from './pricebook';
import { GrantPool, type PricingContext } from './pricing';
import { pricerFor } from './registry';
import { freeReasonOf } from './pricers/free';
import type { CostEstimate, ResourceCost, UnpricedResource } from './types';
import { NO_USAGE, type ResourceUsage, type UsageEntry, type UsageFile, UsageFileError, usageFor } from './usage';
import { CannotPrice } from './values';

export interface EstimateOptions {
  book?: PriceBook;
  /**
   * `false`: totals and unpriced resources only, `resources` left empty. The checker's `input.cost`
   * needs no more, and a line per resource was ~100k objects and notes on a 100k-resource plan.
   */
  perResource?: boolean;
}

/** Why a CDKTF/HCL resource whose count/for_each is unknown until apply is not priced. */
export const INSTANCES_UNKNOWN = 'instance count unknown until apply (count/for_each)';

interface Pass {
  resources: ResourceCost[];
  unpriced: UnpricedResource[];
  total: number;
}

function runPass(managed: NormalizedResource[], byAddress: Map<string, NormalizedResource>, book: PriceBook, usage: UsageFile | undefined, used: Set<UsageEntry>, perResource: boolean): Pass {
  const grants = new GrantPool(book);
  const contextFor = (resourceUsage: ResourceUsage): PricingContext => ({
    book,
    usage: resourceUsage.values,
    usageError: (key, problem) => new UsageFileError(`${resourceUsage.origins[key] ?? `${usage?.file ?? 'usage file'}: ${key}`}: ${problem}`),
    grants,
    byAddress,
    hoursPerMonth: book.hoursPerMonth,
    secondsPerMonth: book.hoursPerMonth * 3600,
    daysPerMonth: book.hoursPerMonth / 24,
  });
  // A resource without usage entries (all of them in the idle pass) gets the pass's one shared context.
  let noUsageContext: PricingContext | undefined;
  const resources: ResourceCost[] = [];
  const unpriced: UnpricedResource[] = [];
  let total = 0;
  // Indexed loops over the resources: a for-of makes an iterator result per resource until the loop is optimised.
  for (let i = 0; i < managed.length; i++) {
    const resource = managed[i];
    const { address, type } = resource;
    const free = freeReasonOf(resource);
    if (resource.instancesUnknown && free === undefined) {
      // One resource standing for a number of instances known only at apply: pricing it as one
      // would understate the estimate without saying so. (Any number of a free type is still free.)
      unpriced.push({ address, type, reason: INSTANCES_UNKNOWN });
      if (perResource) resources.push({ address, type, monthly: 0, priced: false, lines: [] });
      continue;
    }
    if (resource.azapi?.updates) {
      // Its changes are part of the resource it updates (src/input/azapi.ts), which is priced.
      if (perResource) resources.push({ address, type, monthly: 0, priced: true, lines: [], note: `free: changes ${resource.azapi.updates}, priced there` });
      continue;
    }
    const pricer = pricerFor(type) ?? (free !== undefined ? () => ({ kind: 'free' as const, reason: free }) : undefined);
    if (!pricer) {
      const arm = resource.azapi ? ` (${resource.azapi.type} of ${resource.azapi.armType})` : '';
      const reason = resource.azapi && type === resource.azapi.type
        ? `${type} of ${resource.azapi.armType}: the ARM type is not mapped to an azurerm type the estimator prices`
        : `resource type ${type}${arm} is not supported by the estimator`;
      unpriced.push({ address, type, reason });
      if (perResource) resources.push({ address, type, monthly: 0, priced: false, lines: [] });
      continue;
    }
    const resourceUsage = usageFor(usage, address, type, used);
    const ctx = resourceUsage === NO_USAGE ? (noUsageContext ??= contextFor(resourceUsage)) : contextFor(resourceUsage);
    try {
      const result = pricer(resource, ctx);
      if (result.kind === 'free') {
        if (perResource) resources.push({ address, type, monthly: 0, priced: true, lines: [], note: `free: ${result.reason}` });
      } else {
        const monthly = result.lines.reduce((sum, l) => sum + l.monthly, 0);
        total += monthly;
        if (perResource) {
          const cost: ResourceCost = { address, type, monthly, priced: true, lines: result.lines };
          if (result.note) cost.note = result.note;
          resources.push(cost);
        }
      }
    } catch (err) {
      if (!(err instanceof CannotPrice)) throw err;
      unpriced.push({ address, type, reason: err.message });
      if (perResource) resources.push({ address, type, monthly: 0, priced: false, lines: [] });
    }
  }
  return { resources, unpriced, total };
}

/** Literal `location` values (normalised like armRegionName) that differ from the book's region. */
function regionsOtherThan(resources: NormalizedResource[], region: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const location = r.values.location;
    if (typeof location !== 'string' || location.includes('${')) continue;
    const arm = location.toLowerCase().replace(/\s+/g, '');
    if (arm !== region && arm !== 'global') found.add(arm);
  }
  return [...found].sort();
}

export function estimate(input: PolicyInput, usage?: UsageFile, options: EstimateOptions = {}): CostEstimate {
  const book = options.book ?? defaultPriceBook();
  const managed = input.resources.filter((r) => r.mode === 'managed');
  const byAddress = new Map<string, NormalizedResource>();
  for (let i = 0; i < input.resources.length; i++) byAddress.set(input.resources[i].address, input.resources[i]);
  const used = new Set<UsageEntry>();
  const perResource = options.perResource !== false;
  const idle = runPass(managed, byAddress, book, undefined, used, perResource);
  const withUsage = usage && usage.entries.length > 0 ? runPass(managed, byAddress, book, usage, used, perResource) : idle;
  // Modules whose code is not installed: their resources are unknown, so never a silent zero.
  for (const m of input.modulesNotLoaded ?? []) {
    const reason = `module source ${m.source}${m.version !== undefined ? ` ${m.version}` : ''} is not installed (run terraform init): its resources are not priced`;
    withUsage.unpriced.push({ address: m.address, type: 'module', reason });
    if (perResource) withUsage.resources.push({ address: m.address, type: 'module', monthly: 0, priced: false, lines: [] });
  }
  const unused = (usage?.entries ?? []).filter((e) => !used.has(e));
  const warnings = unused.map((e) => `${usage?.file}:${e.line}: usage entry "${e.pattern}" matches no resource in ${input.stack ?? input.source}`);
  const otherRegions = regionsOtherThan(managed, book.region);
  if (otherRegions.length > 0) {
    warnings.push(`prices are for ${book.region} (price book ${book.effectiveDate}); resources are in ${otherRegions.join(', ')} — rates there may differ (apg prices update --region <r>)`);
  }
  return {
    currency: 'USD',
    source: input.stack ?? input.source,
    totalMonthly: withUsage.total,
    idleMonthly: idle.total,
    resources: withUsage.resources,
    unpriced: withUsage.unpriced,
    priceBook: { region: book.region, effectiveDate: book.effectiveDate, schemaVersion: book.schemaVersion },
    warnings,
    unusedUsageEntries: unused.map((e) => e.pattern),
  };
}

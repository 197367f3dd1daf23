/**
 * Log Analytics workspace (PerGB2018): Analytics-logs ingestion per GB — capped by
 * `daily_quota_gb`, less the 5 GB per billing account per month included (shared by the
 * workspaces of the estimate, in address order) — and retention beyond the free period, priced on
 * the steady-state volume held past it. The free period is 31 days, 90 when Microsoft Sentinel is
 * enabled on the workspace (learn.microsoft.com/azure/azure-monitor/best-practices-cost).
 */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, lookup, numberAttr, stringAttr } from '../values';
import { type PricerResult, type PricingContext, line, n } from '../pricing';

const FREE_RETENTION_DAYS = 31;
const FREE_RETENTION_DAYS_SENTINEL = 90;

/** Addresses of the workspaces Microsoft Sentinel is enabled on (onboarding resource or SecurityInsights solution). */
const sentinelIndexes = new WeakMap<Map<string, NormalizedResource>, Set<string>>();
function sentinelWorkspaces(byAddress: Map<string, NormalizedResource>): Set<string> {
  const cached = sentinelIndexes.get(byAddress);
  if (cached) return cached;
  const index = new Set<string>();
  byAddress.forEach((r) => {
    const onboarding = r.type === 'azurerm_sentinel_log_analytics_workspace_onboarding';
    const solution = r.type === 'azurerm_log_analytics_solution' && r.values.solution_name === 'SecurityInsights';
    if (!onboarding && !solution) return;
    const attribute = onboarding ? 'workspace_id' : 'workspace_resource_id';
    for (const ref of r.references) {
      if (ref.attribute !== attribute) continue;
      for (const target of ref.targets) index.add(target.replace(/\.[^.]+$/, ''));
    }
  });
  sentinelIndexes.set(byAddress, index);
  return index;
}

export function priceLogAnalyticsWorkspace(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const sku = stringAttr(resource, 'sku', 'PerGB2018');
  if (sku !== 'PerGB2018') throw new CannotPrice(`SKU "${sku}" is not in the price book (only PerGB2018)`);
  const retentionDays = numberAttr(resource, 'retention_in_days', 30);
  // Absent or -1: no cap (azurerm's default is -1).
  const dailyQuota = lookup(resource, 'daily_quota_gb').state === 'absent' ? -1 : numberAttr(resource, 'daily_quota_gb');
  const sentinel = sentinelWorkspaces(ctx.byAddress).has(resource.address);
  const freeDays = sentinel ? FREE_RETENTION_DAYS_SENTINEL : FREE_RETENTION_DAYS;
  const wanted = ctx.usage.monthly_ingestion_gb ?? 0;
  if (wanted === 0) {
    return { kind: 'priced', lines: [], note: 'billed per GB ingested; no ingestion assumed (usage key monthly_ingestion_gb)' };
  }
  const cap = dailyQuota >= 0 ? dailyQuota * ctx.daysPerMonth : Infinity;
  const ingested = Math.min(wanted, cap);
  const free = ctx.grants.take('loganalytics.ingestion_gb', ingested);
  const capped = ingested < wanted ? `, capped by daily_quota_gb ${dailyQuota} × ${n(ctx.daysPerMonth)} days = ${n(ingested)} GB` : '';
  const freeNote = free > 0 ? `, less ${n(free)} GB included per billing account` : '';
  const lines = [line(ctx, 'loganalytics.ingestion', `Data ingestion (${n(wanted)} GB${capped}${freeNote})`, ingested - free)];
  const paidDays = Math.max(0, retentionDays - freeDays);
  if (paidDays > 0) {
    // Steady state: each GB ingested is held paidDays past the free period, so the volume stored
    // past it averages ingested × paidDays / daysPerMonth GB over the month.
    const retained = (ingested * paidDays) / ctx.daysPerMonth;
    const why = sentinel ? `${freeDays} days (Microsoft Sentinel)` : `${freeDays} days`;
    lines.push(line(ctx, 'loganalytics.retention', `Retention beyond ${why} (${retentionDays} days: ${n(ingested)} GB × ${paidDays} / ${n(ctx.daysPerMonth)} days held)`, retained));
  }
  return { kind: 'priced', lines };
}

/** Microsoft Sentinel bills per GB analysed on top of Log Analytics; that rate is not in the book. */
export function priceSentinel(): PricerResult {
  throw new CannotPrice('Microsoft Sentinel bills its own per-GB charge on the workspace\'s data; not in the price book (the workspace\'s free retention becomes 90 days)');
}

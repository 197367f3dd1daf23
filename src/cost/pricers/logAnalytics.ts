/**
 * Log Analytics workspace (PerGB2018): ingestion per GB — capped by `daily_quota_gb` — and
 * retention beyond the free 31 days, priced on the steady-state volume held past the free period.
 */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, numberAttr, stringAttr } from '../values';
import { type PricerResult, type PricingContext, line, n } from '../pricing';

const FREE_RETENTION_DAYS = 31;

export function priceLogAnalyticsWorkspace(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const sku = stringAttr(resource, 'sku', 'PerGB2018');
  if (sku !== 'PerGB2018') throw new CannotPrice(`SKU "${sku}" is not in the price book (only PerGB2018)`);
  const retentionDays = numberAttr(resource, 'retention_in_days', 30);
  const dailyQuota = numberAttr(resource, 'daily_quota_gb', -1);
  const wanted = ctx.usage.monthly_ingestion_gb ?? 0;
  if (wanted === 0) {
    return { kind: 'priced', lines: [], note: 'billed per GB ingested; no ingestion assumed (usage key monthly_ingestion_gb)' };
  }
  const cap = dailyQuota > 0 ? dailyQuota * ctx.daysPerMonth : Infinity;
  const ingested = Math.min(wanted, cap);
  const capped = ingested < wanted ? `, capped by daily_quota_gb ${dailyQuota} × ${n(ctx.daysPerMonth)} days` : '';
  const lines = [line(ctx, 'loganalytics.ingestion', `Data ingestion (${n(wanted)} GB${capped})`, ingested)];
  const paidDays = Math.max(0, retentionDays - FREE_RETENTION_DAYS);
  if (paidDays > 0) {
    // Steady state: each month's data is held paidDays beyond the free period, i.e. the volume stored past it averages ingested × paidDays / daysPerMonth.
    const retained = (ingested * paidDays) / ctx.daysPerMonth;
    lines.push(line(ctx, 'loganalytics.retention', `Retention beyond ${FREE_RETENTION_DAYS} days (${retentionDays} days: ${n(ingested)} GB × ${paidDays} / ${n(ctx.daysPerMonth)} days held)`, retained));
  }
  return { kind: 'priced', lines };
}

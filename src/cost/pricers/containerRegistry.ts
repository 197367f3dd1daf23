/** Azure Container Registry: a daily registry-unit charge by SKU, per geo-replica on Premium, plus storage beyond the included amount and build seconds. */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, blocks, stringAttr } from '../values';
import { type PricerResult, type PricingContext, line, n } from '../pricing';

/** GB included in each SKU (learn.microsoft.com/azure/container-registry/container-registry-skus). */
const INCLUDED_GB: Record<string, number> = { basic: 10, standard: 100, premium: 500 };

export function priceContainerRegistry(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const sku = stringAttr(resource, 'sku');
  const key = sku.toLowerCase();
  if (!(key in INCLUDED_GB)) throw new CannotPrice(`unknown SKU "${sku}"`);
  const lines = [line(ctx, `containerregistry.${key}`, `Registry unit (${sku}, ${n(ctx.daysPerMonth)} days)`, ctx.daysPerMonth)];
  const replicas = blocks(resource, 'georeplications').length;
  if (replicas > 0) {
    lines.push(line(ctx, 'containerregistry.premium', `Geo-replication (${replicas} location(s) × ${n(ctx.daysPerMonth)} days)`, replicas * ctx.daysPerMonth));
  }
  const storage = ctx.usage.storage_gb ?? 0;
  if (storage > INCLUDED_GB[key]) {
    lines.push(line(ctx, 'containerregistry.storage', `Storage beyond ${INCLUDED_GB[key]} GB included (${n(storage)} GB stored)`, storage - INCLUDED_GB[key]));
  }
  const build = ctx.usage.monthly_build_vcpu_seconds ?? 0;
  if (build > 0) lines.push(line(ctx, 'containerregistry.build', 'Build (task) vCPU', build));
  return { kind: 'priced', lines };
}

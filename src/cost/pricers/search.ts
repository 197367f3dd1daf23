/** Azure AI Search: hourly per search unit (replicas × partitions) by SKU; the free SKU costs nothing. */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, numberAttr, stringAttr } from '../values';
import { type PricerResult, type PricingContext, hasPrice, line } from '../pricing';

export function priceSearchService(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const sku = stringAttr(resource, 'sku');
  if (sku === 'free') return { kind: 'free', reason: 'free SKU (one per subscription, shared capacity)' };
  const priceId = `search.${sku}`;
  if (!hasPrice(ctx, priceId)) throw new CannotPrice(`no price for SKU "${sku}" in the ${ctx.book.region} price book`);
  const replicas = numberAttr(resource, 'replica_count', 1);
  const partitions = numberAttr(resource, 'partition_count', 1);
  const units = replicas * partitions;
  return {
    kind: 'priced',
    lines: [line(ctx, priceId, `Search units (${sku}: ${replicas} replica(s) × ${partitions} partition(s) × ${ctx.hoursPerMonth} h)`, units * ctx.hoursPerMonth)],
  };
}

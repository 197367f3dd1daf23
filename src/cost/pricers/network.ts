/** Private networking: private endpoints bill per hour and per GB processed; private DNS zones per hosted zone and per query. */
import type { NormalizedResource } from '../../input/types';
import { type PricerResult, type PricingContext, line, n } from '../pricing';

export function pricePrivateEndpoint(_resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const lines = [line(ctx, 'network.private_endpoint', `Private endpoint (${ctx.hoursPerMonth} h)`, ctx.hoursPerMonth)];
  const gb = ctx.usage.monthly_data_processed_gb ?? 0;
  if (gb > 0) lines.push(line(ctx, 'network.private_endpoint.data', `Data processed, inbound + outbound (${n(gb)} GB)`, gb));
  return { kind: 'priced', lines };
}

export function pricePrivateDnsZone(_resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const lines = [line(ctx, 'dns.private_zone', 'Hosted private zone', 1)];
  const queries = ctx.usage.monthly_queries ?? 0;
  if (queries > 0) lines.push(line(ctx, 'dns.private_zone.queries', `DNS queries (${n(queries)})`, queries / 1e6));
  return { kind: 'priced', lines };
}

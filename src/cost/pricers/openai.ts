/**
 * Azure OpenAI deployments (azurerm_cognitive_deployment). Standard-family SKUs are pay per token:
 * no idle charge. Provisioned SKUs bill every deployed PTU per hour whether used or not
 * (`sku.capacity` is the PTU count).
 */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, numberAttr, stringAttr } from '../values';
import { type PricerResult, type PricingContext, hasPrice, line, n } from '../pricing';
import type { CostLine } from '../types';

const PROVISIONED: Record<string, string> = {
  ProvisionedManaged: 'regional',
  DataZoneProvisionedManaged: 'datazone',
  GlobalProvisionedManaged: 'global',
};
const PER_TOKEN: Record<string, string> = {
  Standard: 'regional',
  DataZoneStandard: 'datazone',
  GlobalStandard: 'global',
  DataZoneBatch: 'datazone-batch',
  GlobalBatch: 'global-batch',
};
const TOKEN_KINDS = [
  ['monthly_input_tokens', 'input', 'Input tokens'],
  ['monthly_cached_input_tokens', 'cached_input', 'Cached input tokens'],
  ['monthly_output_tokens', 'output', 'Output tokens'],
] as const;

export function priceCognitiveDeployment(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const sku = stringAttr(resource, 'sku.0.name');
  if (sku in PROVISIONED) {
    const ptu = numberAttr(resource, 'sku.0.capacity', 1);
    return {
      kind: 'priced',
      lines: [line(ctx, `openai.ptu.${PROVISIONED[sku]}`, `Provisioned throughput (${sku}: ${n(ptu)} PTU × ${ctx.hoursPerMonth} h)`, ptu * ctx.hoursPerMonth)],
    };
  }
  if (!(sku in PER_TOKEN)) throw new CannotPrice(`unknown deployment SKU "${sku}"`);
  const lines: CostLine[] = [];
  const model = stringAttr(resource, 'model.0.name');
  for (const [key, kind, label] of TOKEN_KINDS) {
    const tokens = ctx.usage[key] ?? 0;
    if (tokens === 0) continue;
    const priceId = `openai.${model}.${PER_TOKEN[sku]}.${kind}`;
    if (!hasPrice(ctx, priceId)) throw new CannotPrice(`no ${kind.replace('_', ' ')} token price for ${model} (${sku}) in the ${ctx.book.region} price book`);
    lines.push(line(ctx, priceId, `${label} (${model}, ${n(tokens)})`, tokens / 1e6));
  }
  if (lines.length === 0) {
    const capacity = numberAttr(resource, 'sku.0.capacity', 1);
    return { kind: 'priced', lines, note: `${sku}: pay per token, no idle charge (${n(capacity)}K TPM quota reserves no capacity)` };
  }
  return { kind: 'priced', lines };
}

export function priceCognitiveAccount(resource: NormalizedResource): PricerResult {
  const kind = stringAttr(resource, 'kind');
  if (kind !== 'OpenAI' && kind !== 'AIServices') throw new CannotPrice(`cognitive account kind "${kind}" is not in the price book`);
  return { kind: 'free', reason: `${kind} account: no base charge; its model deployments are billed` };
}

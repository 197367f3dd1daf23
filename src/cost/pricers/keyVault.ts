/** Key Vault: no charge for the vault; standard operations per 10,000. HSM-protected keys carry a monthly fee not in the book. */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, stringAttr } from '../values';
import { type PricerResult, type PricingContext, line, n } from '../pricing';

function operations(ctx: PricingContext, noun: string): PricerResult {
  const ops = ctx.usage.monthly_operations ?? 0;
  if (ops === 0) return { kind: 'priced', lines: [], note: `billed per operation; no ${noun} operations assumed (usage key monthly_operations)` };
  return { kind: 'priced', lines: [line(ctx, 'keyvault.operations', `Operations (${n(ops)})`, ops / 10_000)] };
}

export function priceKeyVault(_resource: NormalizedResource, ctx: PricingContext): PricerResult {
  return operations(ctx, 'secret/key');
}

export function priceKeyVaultKey(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const keyType = stringAttr(resource, 'key_type');
  if (keyType.endsWith('-HSM')) throw new CannotPrice(`HSM-protected key (${keyType}): monthly key fee not in the price book`);
  return operations(ctx, 'key');
}

/**
 * Key Vault: no charge for the vault. Operations per 10,000: secrets and RSA 2048-bit software keys
 * at the standard rate, RSA 3072/4096-bit and EC software keys at the advanced-key rate.
 * Automated rotation (`rotation_policy.automatic`) bills each scheduled rotation. HSM-protected
 * keys carry a monthly key fee that is not in the book.
 */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, lookup, numberAttr, stringAttr } from '../values';
import { type PricerResult, type PricingContext, line, n } from '../pricing';
import type { CostLine } from '../types';

function operations(ctx: PricingContext, priceId: string, noun: string): CostLine[] {
  const ops = ctx.usage.monthly_operations ?? 0;
  return ops === 0 ? [] : [line(ctx, priceId, `Operations (${noun}, ${n(ops)})`, ops / 10_000)];
}

export function priceKeyVault(_resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const lines = operations(ctx, 'keyvault.operations', 'secrets and standard keys');
  if (lines.length === 0) return { kind: 'priced', lines, note: 'billed per operation; no operations assumed (usage key monthly_operations)' };
  return { kind: 'priced', lines };
}

/** Days in an ISO 8601 duration such as P90D, P1Y, P3M, P2W (a month is daysPerMonth long). */
export function isoDurationDays(text: string, daysPerMonth: number): number | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(text);
  if (!match || text === 'P') return undefined;
  const [, y, m, w, d] = match.map((x) => (x === undefined ? 0 : Number(x)));
  const days = y * 365 + m * daysPerMonth + w * 7 + d;
  return days > 0 ? days : undefined;
}

function rotationLines(resource: NormalizedResource, ctx: PricingContext): CostLine[] {
  if (lookup(resource, 'rotation_policy.0.automatic').state === 'absent') return [];
  const afterCreation = lookup(resource, 'rotation_policy.0.automatic.0.time_after_creation').state === 'absent'
    ? undefined
    : stringAttr(resource, 'rotation_policy.0.automatic.0.time_after_creation');
  let interval: number | undefined;
  let how: string;
  if (afterCreation !== undefined) {
    interval = isoDurationDays(afterCreation, ctx.daysPerMonth);
    how = `every ${afterCreation}`;
  } else {
    const beforeExpiry = stringAttr(resource, 'rotation_policy.0.automatic.0.time_before_expiry');
    const expireAfter = stringAttr(resource, 'rotation_policy.0.expire_after');
    const expire = isoDurationDays(expireAfter, ctx.daysPerMonth);
    const before = isoDurationDays(beforeExpiry, ctx.daysPerMonth);
    interval = expire !== undefined && before !== undefined && expire > before ? expire - before : undefined;
    how = `${beforeExpiry} before expiry of ${expireAfter}`;
  }
  if (interval === undefined) throw new CannotPrice(`rotation_policy: cannot tell the rotation interval (${how})`);
  const perMonth = ctx.daysPerMonth / interval;
  return [line(ctx, 'keyvault.key_rotation', `Automated rotation (${how}: ${n(ctx.daysPerMonth)} / ${n(interval)} days)`, perMonth)];
}

export function priceKeyVaultKey(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const keyType = stringAttr(resource, 'key_type');
  if (keyType.endsWith('-HSM')) throw new CannotPrice(`HSM-protected key (${keyType}): monthly key fee not in the price book`);
  let advanced: boolean;
  if (keyType === 'EC') advanced = true;
  else if (keyType === 'RSA') advanced = numberAttr(resource, 'key_size') > 2048;
  else throw new CannotPrice(`key type "${keyType}" is not in the price book`);
  const lines = [
    ...operations(ctx, advanced ? 'keyvault.operations.advanced' : 'keyvault.operations', advanced ? `${keyType === 'EC' ? 'EC' : 'RSA 3072/4096'} key` : 'RSA 2048 key'),
    ...rotationLines(resource, ctx),
  ];
  if (lines.length === 0) return { kind: 'priced', lines, note: 'billed per operation; no key operations assumed (usage key monthly_operations)' };
  return { kind: 'priced', lines };
}

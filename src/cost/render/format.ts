/** Number formatting shared by the renderers. */
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const upTo4 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

export const usd = (value: number): string => `${value < 0 ? '-' : ''}$${cents.format(Math.abs(value))}`;

export const signedUsd = (value: number): string => (value > 0 ? `+${usd(value)}` : usd(value));

/** A side of a diff: `unpriced` where the resource could not be priced. */
export const usdOrUnpriced = (value: number | null): string => (value === null ? 'unpriced' : usd(value));

/** A diff delta: `unknown` where either side could not be priced. */
export const deltaText = (value: number | null): string => (value === null ? 'unknown' : signedUsd(value));

export const qty = (value: number): string => upTo4.format(value);

/** Unit prices keep their significant digits ($0.000003 must not print as $0.00). */
export const unitPrice = (value: number): string => {
  const text = String(Number(value.toPrecision(6)));
  const decimals = text.includes('.') ? text.split('.')[1].length : 0;
  return `$${decimals >= 2 || text.includes('e') ? text : value.toFixed(2)}`;
};

/** Cost by resource type, largest first: what drives the total (`azurerm_private_endpoint ×6 $43.80`). */
export function drivers(resources: { type: string; monthly: number }[], limit = Infinity): string {
  const byType = new Map<string, { count: number; monthly: number }>();
  for (const r of resources) {
    if (r.monthly <= 0) continue;
    const entry = byType.get(r.type) ?? { count: 0, monthly: 0 };
    entry.count += 1;
    entry.monthly += r.monthly;
    byType.set(r.type, entry);
  }
  const sorted = [...byType.entries()].sort((a, b) => b[1].monthly - a[1].monthly);
  return sorted.slice(0, limit).map(([type, e]) => `${type}${e.count > 1 ? ` ×${e.count}` : ''} ${usd(e.monthly)}`).join(', ') || 'none';
}

export const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round((value + Number.EPSILON) * f) / f;
};

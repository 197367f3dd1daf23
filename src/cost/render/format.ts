/**
 * Number formatting shared by the renderers and the pricers' line descriptions (src/cost/pricing.ts).
 * The Intl formatters are made on first use: the first Intl object of a process loads ICU's data
 * (~17 ms), and `apg check` prices every plan without printing money.
 */
let cents: Intl.NumberFormat | undefined;
let upTo4: Intl.NumberFormat | undefined;

export const usd = (value: number): string =>
  `${value < 0 ? '-' : ''}$${(cents ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(Math.abs(value))}`;

export const signedUsd = (value: number): string => (value > 0 ? `+${usd(value)}` : usd(value));

/** A side of a diff: `unpriced` where the resource could not be priced. */
export const usdOrUnpriced = (value: number | null): string => (value === null ? 'unpriced' : usd(value));

/** A diff delta: `unknown` where either side could not be priced. */
export const deltaText = (value: number | null): string => (value === null ? 'unknown' : signedUsd(value));

/** Intl's en-US format with at most 4 fraction digits, for what qty does not format itself. */
const intl = (value: number): string => (upTo4 ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 })).format(value);

/**
 * A quantity as Intl's en-US format with at most 4 fraction digits writes it; made without Intl for
 * a finite number below 1e21 other than -0 (anything else is Intl's): ECMA-402 rounds the number's
 * shortest decimal digits (those of toExponential(), as Number#toString), ties away from zero, then
 * drops trailing zeros and groups the integer part by three.
 */
export function qty(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21 || Object.is(value, -0)) return intl(value);
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '').split('').map(Number);
  // The digits stand for 0.d1d2… × 10^point; keep `point + 4` of them (4 fraction digits).
  let point = Number(exponent) + 1;
  const keep = point + 4;
  let kept = digits.slice(0, Math.max(keep, 0));
  if (keep >= 0 && (digits[keep] ?? 0) >= 5) {
    // Round up: carry through trailing nines; all nines (or nothing kept) gain a leading 1.
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) kept[i--] = 0;
    if (i >= 0) kept[i]++;
    else {
      kept = [1, ...kept];
      point++;
    }
  }
  return digitsText(value < 0, kept, point);
}

/** `digits` as 0.d1d2… × 10^point, with its sign, trailing fraction zeros dropped, grouped by three. */
function digitsText(negative: boolean, digits: number[], point: number): string {
  while (digits.length < point) digits.push(0);
  const whole = point > 0 ? digits.slice(0, point).join('') : '0';
  const fraction = (point < 0 ? '0'.repeat(-point) : '') + digits.slice(Math.max(point, 0)).join('');
  const trimmed = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+$)/g, ',')}${trimmed ? `.${trimmed}` : ''}`;
}

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

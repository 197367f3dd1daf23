/** Number formatting shared by the renderers. */
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const upTo4 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

export const usd = (value: number): string => `${value < 0 ? '-' : ''}$${cents.format(Math.abs(value))}`;

export const signedUsd = (value: number): string => (value > 0 ? `+${usd(value)}` : usd(value));

export const qty = (value: number): string => upTo4.format(value);

/** Unit prices keep their significant digits ($0.000003 must not print as $0.00). */
export const unitPrice = (value: number): string => `$${Number(value.toPrecision(6))}`;

export const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round((value + Number.EPSILON) * f) / f;
};

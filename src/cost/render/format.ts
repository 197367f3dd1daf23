/** Number formatting shared by the renderers. */
export const usd = (value: number): string =>
  `${value < 0 ? '-' : ''}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const signedUsd = (value: number): string => (value > 0 ? `+${usd(value)}` : usd(value));

export const qty = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 4 });

/** Unit prices keep their significant digits ($0.000003 must not print as $0.00). */
export const unitPrice = (value: number): string => `$${Number(value.toPrecision(6))}`;

export const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round((value + Number.EPSILON) * f) / f;
};

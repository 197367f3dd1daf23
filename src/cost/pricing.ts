/** What a pricer receives and returns, and helpers to build priced lines from the price book. */
import type { NormalizedResource } from '../input/types';
import type { PriceBook } from './pricebook';
import type { CostLine } from './types';
import { CannotPrice } from './values';
import type { UsageFileError } from './usage';

export type PricerResult =
  | { kind: 'priced'; lines: CostLine[]; note?: string }
  | { kind: 'free'; reason: string };

/** Monthly allowances shared across the resources of one estimate (consumed in address order). */
export class GrantPool {
  private readonly remaining = new Map<string, number>();
  constructor(private readonly book: PriceBook) {}

  /** Takes up to `wanted` from the grant `id`; returns how much was covered. */
  take(id: string, wanted: number, initial?: number): number {
    const left = this.remaining.get(id) ?? initial ?? this.book.grants[id]?.quantity ?? 0;
    const covered = Math.min(left, Math.max(0, wanted));
    this.remaining.set(id, left - covered);
    return covered;
  }
}

export interface PricingContext {
  book: PriceBook;
  /** Usage keys for this resource (empty for the idle baseline). */
  usage: Record<string, number>;
  /** A usage-file error about `key` of this resource, naming the file, line and entry that set it. */
  usageError: (key: string, problem: string) => UsageFileError;
  grants: GrantPool;
  /** Every resource of the input by address, for lookups such as a Cosmos container's account. */
  byAddress: Map<string, NormalizedResource>;
  hoursPerMonth: number;
  secondsPerMonth: number;
  daysPerMonth: number;
}

export type Pricer = (resource: NormalizedResource, ctx: PricingContext) => PricerResult;

/** A line's `source` per price book entry: the same price recurs on every resource of a plan, so one object is shared. */
const lineSources = new WeakMap<object, CostLine['source']>();

/** One priced line: quantity × the book's unit price for `priceId`. */
export function line(ctx: PricingContext, priceId: string, description: string, quantity: number): CostLine {
  const entry = ctx.book.prices[priceId];
  if (!entry) throw new CannotPrice(`no price "${priceId}" in the ${ctx.book.region} price book`);
  let source = lineSources.get(entry);
  if (!source) {
    const { url, retrieved, thirdParty } = entry.source;
    lineSources.set(entry, (source = { url, retrieved, thirdParty }));
  }
  return { description, quantity, unit: entry.unit, unitPrice: entry.unitPrice, monthly: quantity * entry.unitPrice, priceId, source };
}

export function hasPrice(ctx: PricingContext, priceId: string): boolean {
  return priceId in ctx.book.prices;
}

/** Intl's en-US format with at most 4 fraction digits, made on first use (the first Intl object of a process loads ICU's data, ~17 ms). */
let intlFormat: Intl.NumberFormat | undefined;
const intl = (value: number): string => (intlFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 })).format(value);

/**
 * What Intl's en-US format with at most 4 fraction digits gives, for a finite number below 1e21
 * other than -0 (anything else is Intl's): ECMA-402 rounds the number's shortest decimal digits
 * (those of toExponential(), as Number#toString), ties away from zero, then drops trailing zeros
 * and groups the integer part by three.
 */
function en4(value: number): string {
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
  return format(value < 0, kept, point);
}

/** `digits` as 0.d1d2… × 10^point, with its sign, trailing fraction zeros dropped, grouped by three. */
function format(negative: boolean, digits: number[], point: number): string {
  while (digits.length < point) digits.push(0);
  const whole = point > 0 ? digits.slice(0, point).join('') : '0';
  const fraction = (point < 0 ? '0'.repeat(-point) : '') + digits.slice(Math.max(point, 0)).join('');
  const trimmed = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+$)/g, ',')}${trimmed ? `.${trimmed}` : ''}`;
}

/** `1234567.5` → `1,234,567.5` for descriptions (the same few figures recur on every resource of a plan: formatted once each). */
const formatted = new Map<number, string>();
export const n = (value: number): string => {
  if (Object.is(value, -0)) return intl(value); // a map key cannot tell -0 ("-0") from 0
  let text = formatted.get(value);
  if (text === undefined) {
    text = en4(value);
    if (formatted.size < 10_000) formatted.set(value, text);
  }
  return text;
};

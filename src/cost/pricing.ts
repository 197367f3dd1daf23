/** What a pricer receives and returns, and helpers to build priced lines from the price book. */
import type { NormalizedResource } from '../input/types';
import type { PriceBook } from './pricebook';
import type { CostLine } from './types';
import { qty } from './render/format';
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

/** `1234567.5` → `1,234,567.5` for descriptions (the same few figures recur on every resource of a plan: formatted once each). */
const formatted = new Map<number, string>();
export const n = (value: number): string => {
  if (Object.is(value, -0)) return qty(value); // a map key cannot tell -0 ("-0") from 0
  let text = formatted.get(value);
  if (text === undefined) {
    text = qty(value);
    if (formatted.size < 10_000) formatted.set(value, text);
  }
  return text;
};

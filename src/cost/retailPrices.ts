/**
 * Rebuilding the price book from the Azure Retail Prices API
 * (learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices): one filtered
 * query per region, following `NextPageLink`, then each book price that names a `meter` takes the
 * matching item's `retailPrice`. Prices with no match keep their previous value and source, and
 * are reported — the book never silently loses a figure.
 */
import { z } from 'zod';
import type { PriceBook } from './pricebook';

export const RETAIL_PRICES_URL = 'https://prices.azure.com/api/retail/prices';

const itemSchema = z.looseObject({
  currencyCode: z.string(),
  retailPrice: z.number(),
  unitPrice: z.number(),
  armRegionName: z.string(),
  productName: z.string(),
  skuName: z.string(),
  meterName: z.string(),
  serviceName: z.string(),
  unitOfMeasure: z.string(),
  effectiveStartDate: z.string(),
  type: z.string(),
  isPrimaryMeterRegion: z.boolean().optional(),
  tierMinimumUnits: z.number().optional(),
});
export type RetailItem = z.infer<typeof itemSchema>;

const pageSchema = z.looseObject({
  Items: z.array(itemSchema),
  NextPageLink: z.string().nullable().optional(),
});

/** The query for one region: consumption prices of every service the book maps. */
export function retailQueryUrl(book: PriceBook, region: string): string {
  const services = [...new Set(Object.values(book.prices).flatMap((p) => (p.meter ? [p.meter.serviceName] : [])))].sort();
  const filter = `armRegionName eq '${region}' and priceType eq 'Consumption' and (${services.map((s) => `serviceName eq '${s}'`).join(' or ')})`;
  return `${RETAIL_PRICES_URL}?currencyCode='USD'&$filter=${encodeURIComponent(filter)}`;
}

export type FetchJson = (url: string) => Promise<unknown>;

const MAX_PAGES = 500;

/** Every item of the query, page after page. */
export async function fetchRetailItems(url: string, fetchJson: FetchJson): Promise<RetailItem[]> {
  const items: RetailItem[] = [];
  let next: string | null | undefined = url;
  for (let page = 0; next; page++) {
    if (page >= MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages from ${url}`);
    const parsed = pageSchema.safeParse(await fetchJson(next));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`unexpected Retail Prices API response (page ${page + 1}): ${issue.path.join('.')}: ${issue.message}`);
    }
    items.push(...parsed.data.Items);
    next = parsed.data.NextPageLink;
  }
  return items;
}

export interface UpdateReport {
  book: PriceBook;
  updated: string[];
  kept: { id: string; reason: string }[];
}

/** Picks the item for a meter: primary region first, then the lowest paid tier, then the latest effective date. */
function pick(candidates: RetailItem[]): RetailItem {
  return [...candidates].sort(
    (a, b) =>
      Number(b.isPrimaryMeterRegion ?? true) - Number(a.isPrimaryMeterRegion ?? true) ||
      Number(a.retailPrice === 0) - Number(b.retailPrice === 0) ||
      (a.tierMinimumUnits ?? 0) - (b.tierMinimumUnits ?? 0) ||
      b.effectiveStartDate.localeCompare(a.effectiveStartDate),
  )[0];
}

/** A new book for `region` dated `today`, with every mapped price refreshed from `items` where they match. */
export function applyRetailItems(template: PriceBook, items: RetailItem[], region: string, today: string, queryUrl: string): UpdateReport {
  const book: PriceBook = structuredClone(template);
  book.region = region;
  book.effectiveDate = today;
  const updated: string[] = [];
  const kept: UpdateReport['kept'] = [];
  for (const [id, price] of Object.entries(book.prices)) {
    const meter = price.meter;
    const keep = (reason: string) => {
      kept.push({ id, reason });
      if (template.region !== region) {
        price.source = { ...price.source, note: `not refreshed for ${region}: ${template.region} value. ${price.source.note ?? ''}`.trim() };
      }
    };
    if (!meter) {
      keep('no Retail Prices API meter mapped');
      continue;
    }
    const candidates = items.filter(
      (i) =>
        i.type === 'Consumption' &&
        i.currencyCode === 'USD' &&
        i.armRegionName === region &&
        i.serviceName === meter.serviceName &&
        i.meterName === meter.meterName &&
        (meter.productName === undefined || i.productName === meter.productName) &&
        (meter.skuName === undefined || i.skuName === meter.skuName),
    );
    if (candidates.length === 0) {
      keep(`no item for meter "${meter.meterName}" (${meter.serviceName})`);
      continue;
    }
    const item = pick(candidates);
    if (item.unitOfMeasure !== meter.unitOfMeasure) {
      keep(`unit changed: API says "${item.unitOfMeasure}", book expects "${meter.unitOfMeasure}"`);
      continue;
    }
    price.unitPrice = item.retailPrice / meter.divisor;
    price.source = {
      url: queryUrl,
      retrieved: today,
      thirdParty: false,
      note: `Retail Prices API: ${item.productName} / ${item.skuName} / ${item.meterName}, ${item.unitOfMeasure}, effective ${item.effectiveStartDate.slice(0, 10)}`,
    };
    updated.push(id);
  }
  return { book, updated, kept };
}

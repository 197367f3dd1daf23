/**
 * The price book: a versioned JSON file of unit prices, each with the URL and date it was taken
 * from, and (where the Azure Retail Prices API publishes it) the meter that `apg prices update`
 * refreshes it from. Loaded and validated with zod so a hand-edited book fails loudly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../paths';

export const PRICE_BOOK_SCHEMA_VERSION = 1;

const sourceSchema = z.strictObject({
  url: z.string().url(),
  retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'retrieval date must be YYYY-MM-DD'),
  /** True when the figure comes from a third party (not Microsoft) and awaits a refresh from the API. */
  thirdParty: z.boolean(),
  note: z.string().optional(),
});

/** How an Azure Retail Prices API item maps onto this price. */
const meterSchema = z.strictObject({
  serviceName: z.string(),
  meterName: z.string(),
  productName: z.string().optional(),
  skuName: z.string().optional(),
  unitOfMeasure: z.string(),
  /** The book's unit price = API unit price / divisor (e.g. 100 for "per 10K" → "per 100"). */
  divisor: z.number().positive().default(1),
});

const priceSchema = z.strictObject({
  unitPrice: z.number().nonnegative(),
  unit: z.string(),
  description: z.string(),
  source: sourceSchema,
  meter: meterSchema.optional(),
});

export const priceBookSchema = z.strictObject({
  schemaVersion: z.literal(PRICE_BOOK_SCHEMA_VERSION),
  region: z.string(),
  currency: z.literal('USD'),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  hoursPerMonth: z.number().positive(),
  /** Monthly free allowances, e.g. the Container Apps per-subscription grant. */
  grants: z.record(z.string(), z.strictObject({ quantity: z.number().nonnegative(), unit: z.string(), source: sourceSchema })),
  prices: z.record(z.string(), priceSchema),
});

export type PriceBook = z.infer<typeof priceBookSchema>;
export type PriceEntry = z.infer<typeof priceSchema>;
export type PriceSource = z.infer<typeof sourceSchema>;

export const DEFAULT_REGION = 'eastus';

export function defaultPriceBookPath(region = DEFAULT_REGION): string {
  return join(REPO_ROOT, 'src', 'cost', 'pricebook', `azure-${region}.json`);
}

/** Parses and validates a price book; errors name the file and the offending field. */
export function parsePriceBook(text: string, file: string): PriceBook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PriceBookError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  const parsed = priceBookSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PriceBookError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadPriceBook(file = defaultPriceBookPath()): PriceBook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PriceBookError(`${file}: cannot read the price book`);
  }
  return parsePriceBook(text, file);
}

let cachedDefault: PriceBook | undefined;
/** The book shipped in the repository, read once per process. */
export function defaultPriceBook(): PriceBook {
  cachedDefault ??= loadPriceBook();
  return cachedDefault;
}

export class PriceBookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PriceBookError';
  }
}

/**
 * The price book: a versioned JSON file of unit prices, each with the URL and date it was taken
 * from, and (where the Azure Retail Prices API publishes it) the meter that `apg prices update`
 * refreshes it from. Validated with zod so a hand-edited book fails loudly.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeWhole } from '../build-cache';
import { lazy, zodLib } from '../lazy-deps';
import { REPO_ROOT } from '../paths';

export const PRICE_BOOK_SCHEMA_VERSION = 1;

const schemas = lazy(() => {
  const { z } = zodLib();
  const source = z.strictObject({
    url: z.string().url(),
    retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'retrieval date must be YYYY-MM-DD'),
    /** True when the figure comes from a third party (not Microsoft) and awaits a refresh from the API. */
    thirdParty: z.boolean(),
    note: z.string().optional(),
  });
  /** How an Azure Retail Prices API item maps onto this price. */
  const meter = z.strictObject({
    serviceName: z.string(),
    meterName: z.string(),
    productName: z.string().optional(),
    skuName: z.string().optional(),
    unitOfMeasure: z.string(),
    /** The book's unit price = API unit price / divisor (e.g. 100 for "per 10K" → "per 100"). */
    divisor: z.number().positive().default(1),
  });
  const price = z.strictObject({
    unitPrice: z.number().nonnegative(),
    unit: z.string(),
    description: z.string(),
    source,
    meter: meter.optional(),
  });
  const book = z.strictObject({
    schemaVersion: z.literal(PRICE_BOOK_SCHEMA_VERSION),
    region: z.string(),
    currency: z.literal('USD'),
    effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    hoursPerMonth: z.number().positive(),
    /** Monthly free allowances, e.g. the Container Apps per-subscription grant. */
    grants: z.record(z.string(), z.strictObject({ quantity: z.number().nonnegative(), unit: z.string(), source })),
    prices: z.record(z.string(), price),
  });
  return { source, price, book };
});

type Schemas = ReturnType<typeof schemas>;
export type PriceBook = z.infer<Schemas['book']>;
export type PriceEntry = z.infer<Schemas['price']>;
export type PriceSource = z.infer<Schemas['source']>;

export const DEFAULT_REGION = 'eastus';

export function defaultPriceBookPath(region = DEFAULT_REGION): string {
  return join(REPO_ROOT, 'src', 'cost', 'pricebook', `azure-${region}.json`);
}

/**
 * Where a book's validated form is kept, by a hash of its text, of this module (whose schema made
 * it) and of zod's version: every estimate reads a book, and validating it meant loading zod,
 * ~75–115 ms of each `apg check` and `apg cost` process. A book whose text, schema or validator
 * changed is validated afresh; undefined (validate every time) when this module cannot be read.
 */
const VALIDATED_DIR = join(REPO_ROOT, 'build', 'pricebook');
const validatorText = lazy((): string | undefined => {
  try {
    const zodVersion = (JSON.parse(readFileSync(require.resolve('zod/package.json'), 'utf8')) as { version: string }).version;
    return `zod ${zodVersion}\0${readFileSync(__filename, 'utf8')}`;
  } catch {
    return undefined;
  }
});

function validatedPath(text: string): string | undefined {
  const validator = validatorText();
  if (validator === undefined) return undefined;
  return join(VALIDATED_DIR, `${createHash('sha256').update(validator).update('\0').update(text).digest('hex').slice(0, 32)}.json`);
}

/** A kept book, if it is there and has a book's outline (build/ is ours, but a truncated or hand-edited file must not price a plan). */
function readValidated(path: string): PriceBook | undefined {
  try {
    const book = JSON.parse(readFileSync(path, 'utf8')) as PriceBook;
    const isRecord = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
    const outline = isRecord(book) && book.schemaVersion === PRICE_BOOK_SCHEMA_VERSION && book.currency === 'USD' &&
      typeof book.region === 'string' && typeof book.hoursPerMonth === 'number' && isRecord(book.prices) && isRecord(book.grants);
    return outline ? book : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only installation validates each time. */
function keepValidated(path: string, book: PriceBook): void {
  try {
    mkdirSync(VALIDATED_DIR, { recursive: true });
    writeWhole(path, JSON.stringify(book));
  } catch {
    // Not kept: the next process validates the book again.
  }
}

/** Parses and validates a price book; errors name the file and the offending field. */
export function parsePriceBook(text: string, file: string): PriceBook {
  const kept = validatedPath(text);
  const known = kept && readValidated(kept);
  if (known) return known;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PriceBookError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schemas().book.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PriceBookError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (kept) keepValidated(kept, parsed.data);
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

/**
 * `apg prices update [--region r] [--out file]` — rebuilds the price book from the Azure Retail
 * Prices API. Needs the network; offline it fails with one clear line (exit 2).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { UserError } from '../errors';
import { DEFAULT_REGION, PriceBookError, defaultPriceBookPath, loadPriceBook } from '../../cost/pricebook';
import { type FetchJson, applyRetailItems, fetchRetailItems, retailQueryUrl } from '../../cost/retailPrices';

interface UpdateOptions {
  region: string;
  out?: string;
  from?: string;
}

/** JSON over HTTP; network failures become one clear UserError (exit 2). */
export const httpFetchJson = (fetchImpl: typeof fetch = fetch): FetchJson => async (url) => {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new UserError(`cannot reach prices.azure.com (offline?): ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
  if (!response.ok) throw new UserError(`Retail Prices API answered HTTP ${response.status} for ${url}`);
  return response.json();
};

export async function runPricesUpdate(options: UpdateOptions, fetcher: FetchJson = httpFetchJson(), today = new Date().toISOString().slice(0, 10)): Promise<string> {
  const region = options.region;
  if (!/^[a-z][a-z0-9]*$/.test(region)) throw new UserError(`--region: "${region}" is not an Azure region name such as eastus`);
  const templateFile = options.from ?? (existsSync(defaultPriceBookPath(region)) ? defaultPriceBookPath(region) : defaultPriceBookPath(DEFAULT_REGION));
  let template;
  try {
    template = loadPriceBook(templateFile);
  } catch (err) {
    if (err instanceof PriceBookError) throw new UserError(err.message);
    throw err;
  }
  const url = retailQueryUrl(template, region);
  let items;
  try {
    items = await fetchRetailItems(url, fetcher);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError((err as Error).message);
  }
  const report = applyRetailItems(template, items, region, today, url);
  const out = options.out ?? defaultPriceBookPath(region);
  writeFileSync(out, `${JSON.stringify(report.book, null, 2)}\n`);
  const lines = [`wrote ${out}: ${report.updated.length} price(s) refreshed from ${items.length} API item(s), ${report.kept.length} kept`];
  for (const k of report.kept) lines.push(`  kept ${k.id}: ${k.reason}`);
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  const prices = program.command('prices').description('manage the cost price book');
  prices
    .command('update')
    .description('rebuild the price book from the Azure Retail Prices API (needs network)')
    .option('--region <region>', 'Azure region (armRegionName)', DEFAULT_REGION)
    .option('--out <file>', 'where to write the book (default: src/cost/pricebook/azure-<region>.json)')
    .option('--from <file>', 'book whose meter mappings to use (default: the region\'s shipped book, else eastus)')
    .action(async (options: UpdateOptions) => {
      process.stdout.write(await runPricesUpdate(options));
    });
}

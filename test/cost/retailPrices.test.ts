import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPricesUpdate, httpFetchJson } from '../../src/cli/commands/prices';
import { UserError } from '../../src/cli/errors';
import { defaultPriceBook, parsePriceBook } from '../../src/cost/pricebook';
import { applyRetailItems, fetchRetailItems, retailQueryUrl } from '../../src/cost/retailPrices';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../fixtures/cost', name), 'utf8'));
const page1 = fixture('retail-prices-page1.json') as { NextPageLink: string };
const page2 = fixture('retail-prices-page2.json');

/** Serves the recorded pages: the query URL → page 1, its NextPageLink → page 2. */
function recordedApi(visited: string[] = []) {
  return async (url: string) => {
    visited.push(url);
    return url === page1.NextPageLink ? page2 : page1;
  };
}

describe('Azure Retail Prices API mapping (recorded response shape)', () => {
  test('the query filters region, consumption prices and the mapped services', () => {
    const url = decodeURIComponent(retailQueryUrl(defaultPriceBook(), 'swedencentral'));
    expect(url).toContain("armRegionName eq 'swedencentral' and priceType eq 'Consumption'");
    expect(url).toContain("serviceName eq 'Azure Container Apps'");
  });

  test('follows NextPageLink until it is null', async () => {
    const visited: string[] = [];
    const items = await fetchRetailItems('https://prices.azure.com/api/retail/prices?x', recordedApi(visited));
    expect(visited).toEqual(['https://prices.azure.com/api/retail/prices?x', page1.NextPageLink]);
    expect(items).toHaveLength(15);
  });

  test('a malformed page is an error naming the field', async () => {
    await expect(fetchRetailItems('u', async () => ({ Items: [{ retailPrice: 'x' }] }))).rejects.toThrow(/unexpected Retail Prices API response \(page 1\): Items\.0\./);
  });

  test('maps items onto book prices: consumption type, primary region, lowest paid tier, latest date, unit check', async () => {
    const items = await fetchRetailItems('u', recordedApi());
    const { book, updated, kept } = applyRetailItems(defaultPriceBook(), items, 'eastus', '2026-12-01', 'https://q');
    expect(book.region).toBe('eastus');
    expect(book.effectiveDate).toBe('2026-12-01');
    expect(book.prices['containerapps.vcpu.active'].unitPrice).toBe(0.000025);
    expect(book.prices['containerapps.vcpu.idle'].unitPrice).toBe(0.0000031); // not the DevTestConsumption item
    expect(book.prices['containerapps.memory.idle'].unitPrice).toBe(0.0000033); // the primary-region item
    expect(book.prices['containerapps.requests'].unitPrice).toBe(0.42); // the paid tier, not the free first tier
    expect(book.prices['containerregistry.basic'].unitPrice).toBe(0.1666); // the latest effective date
    expect(book.prices['loganalytics.ingestion'].unitPrice).toBe(2.76);
    expect(book.prices['loganalytics.ingestion'].source).toMatchObject({ url: 'https://q', retrieved: '2026-12-01', thirdParty: false });
    expect(updated).toEqual(expect.arrayContaining(['containerapps.vcpu.active', 'keyvault.operations']));
    // Standard registry came back per month: the book keeps its per-day price and says why.
    expect(book.prices['containerregistry.standard'].unitPrice).toBe(defaultPriceBook().prices['containerregistry.standard'].unitPrice);
    expect(kept).toContainEqual({ id: 'containerregistry.standard', reason: 'unit changed: API says "1/Month", book expects "1/Day"' });
    expect(kept).toContainEqual({ id: 'openai.ptu.global', reason: 'no Retail Prices API meter mapped' });
    expect(kept.find((k) => k.id === 'search.basic')?.reason).toMatch(/no item for meter/);
    // The result is a valid book.
    expect(() => parsePriceBook(JSON.stringify(book), 'new.json')).not.toThrow();
  });

  test('a book built for another region marks the figures it could not refresh', async () => {
    const { book } = applyRetailItems(defaultPriceBook(), [], 'swedencentral', '2026-12-01', 'https://q');
    expect(book.prices['search.basic'].source.note).toMatch(/^not refreshed for swedencentral: eastus value/);
  });

  test('prices update writes a valid book from the API', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apg-prices-')), 'book.json');
    const report = await runPricesUpdate({ region: 'eastus', out }, recordedApi(), '2026-12-01');
    expect(report).toMatch(/^wrote .*book\.json: 8 price\(s\) refreshed from 15 API item\(s\)/);
    expect(parsePriceBook(readFileSync(out, 'utf8'), out).prices['containerapps.vcpu.active'].unitPrice).toBe(0.000025);
  });

  test('offline: a clear one-line error with exit code 2', async () => {
    const offline = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    }) as unknown as typeof fetch;
    const attempt = runPricesUpdate({ region: 'eastus', out: join(tmpdir(), 'never-written.json') }, httpFetchJson(offline));
    await expect(attempt).rejects.toThrow(new UserError('cannot reach prices.azure.com (offline?): ENOTFOUND'));
    await expect(attempt).rejects.toMatchObject({ exitCode: 2 });
  });
});

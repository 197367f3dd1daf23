import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPriceBookPath, parsePriceBook } from '../../src/cost/pricebook';
import { REPO_ROOT } from '../../src/paths';

describe('shipped price book', () => {
  const file = defaultPriceBookPath();
  const book = parsePriceBook(readFileSync(file, 'utf8'), file);

  test('is versioned, dated and sourced price by price', () => {
    expect(book).toMatchObject({ schemaVersion: 1, region: 'eastus', currency: 'USD', hoursPerMonth: 730 });
    for (const [id, price] of Object.entries(book.prices)) {
      expect({ id, url: price.source.url }).toEqual({ id, url: expect.stringMatching(/^https:\/\//) });
      expect({ id, retrieved: price.source.retrieved }).toEqual({ id, retrieved: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    }
  });

  test('holds every price the pricers ask for', () => {
    const used = [
      'containerapps.vcpu.active', 'containerapps.vcpu.idle', 'containerapps.memory.active', 'containerapps.memory.idle', 'containerapps.requests',
      'containerregistry.basic', 'containerregistry.standard', 'containerregistry.premium', 'containerregistry.storage', 'containerregistry.build',
      'search.basic', 'search.standard', 'search.standard2', 'search.storage_optimized_l1',
      'cosmosdb.serverless.ru', 'cosmosdb.storage', 'cosmosdb.provisioned.manual', 'cosmosdb.provisioned.autoscale',
      'cosmosdb.provisioned.multiwrite', 'cosmosdb.provisioned.manual.az', 'cosmosdb.backup.continuous30', 'containerapps.plan_management',
      'loganalytics.ingestion', 'loganalytics.retention', 'keyvault.operations', 'keyvault.operations.advanced', 'keyvault.key_rotation',
      'openai.ptu.regional', 'openai.ptu.datazone', 'openai.ptu.global',
      'network.private_endpoint', 'network.private_endpoint.data', 'dns.private_zone', 'dns.private_zone.queries',
    ];
    expect(used.filter((id) => !(id in book.prices))).toEqual([]);
    expect(Object.keys(book.grants).sort()).toEqual(['containerapps.gib_seconds', 'containerapps.requests', 'containerapps.vcpu_seconds', 'loganalytics.ingestion_gb']);
  });

  test('a hand-edited book with a missing source fails loudly, naming the field', () => {
    const broken = JSON.parse(readFileSync(file, 'utf8'));
    delete broken.prices['search.basic'].source;
    expect(() => parsePriceBook(JSON.stringify(broken), 'broken.json')).toThrow(/^broken\.json: prices\.search\.basic\.source: /);
  });

  test('a validated book is kept by its text and read back as validated, defaults included', () => {
    // A text no earlier run has seen: a note with a random tag on one price's source.
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    const id = Object.keys(edited.prices).find((k) => edited.prices[k].meter)!;
    delete edited.prices[id].meter.divisor;
    const tag = `kept-${Date.now()}-${Math.random()}`;
    edited.prices[id].source.note = tag;
    const text = JSON.stringify(edited);
    const validated = parsePriceBook(text, 'edited.json');
    expect(validated.prices[id].meter?.divisor).toBe(1);
    // Other test workers may keep books at the same time: this one is the file holding the tag.
    const dir = join(REPO_ROOT, 'build', 'pricebook');
    const kept = readdirSync(dir).filter((f) => f.endsWith('.json') && readFileSync(join(dir, f), 'utf8').includes(tag));
    expect(kept).toHaveLength(1);
    const keptFile = join(dir, kept[0]);
    try {
      expect(JSON.parse(readFileSync(keptFile, 'utf8'))).toStrictEqual(validated);
      expect(parsePriceBook(text, 'edited.json')).toStrictEqual(validated);
      // A kept file without a book's outline (truncated, edited) is not trusted: the book is validated again.
      writeFileSync(keptFile, '{"schemaVersion": 1, "prices": {}}');
      expect(parsePriceBook(text, 'edited.json')).toStrictEqual(validated);
      expect(JSON.parse(readFileSync(keptFile, 'utf8'))).toStrictEqual(validated);
    } finally {
      rmSync(keptFile, { force: true });
    }
    // Changed again, the book is validated again: a broken field still fails.
    delete edited.prices[id].unit;
    expect(() => parsePriceBook(JSON.stringify(edited), 'edited.json')).toThrow(`edited.json: prices.${id}.unit: `);
  });
});

import { readFileSync } from 'node:fs';
import { defaultPriceBookPath, parsePriceBook } from '../../src/cost/pricebook';

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
});

import { estimate } from '../../src/cost/estimate';
import { parseUsageFile } from '../../src/cost/usage';
import { input, resource } from './helpers';
import { isoDurationDays } from '../../src/cost/pricers/keyVault';

// Month = 730 h = 30.4167 days (730 / 24).
const DAYS = 730 / 24;
const usage = (yaml: string) => parseUsageFile(`version: 0.1\nresource_usage:\n${yaml}`, 'usage.yml');

describe('Container Registry', () => {
  test('SKU daily unit × days per month', () => {
    const e = estimate(input(resource('azurerm_container_registry.acr', { sku: 'Basic' })));
    // 0.1667 × 30.4167 = $5.0705
    expect(e.resources[0].lines[0]).toMatchObject({ priceId: 'containerregistry.basic', unit: 'day' });
    expect(e.idleMonthly).toBeCloseTo(0.1667 * DAYS, 6);
    expect(estimate(input(resource('azurerm_container_registry.acr', { sku: 'Premium' }))).idleMonthly).toBeCloseTo(1.6667 * DAYS, 6);
  });

  test('Premium geo-replicas add a registry unit each; storage beyond the included GB is billed', () => {
    const acr = resource('azurerm_container_registry.acr', { sku: 'Premium', georeplications: [{ location: 'westeurope' }] });
    const e = estimate(input(acr), usage('  azurerm_container_registry.acr:\n    storage_gb: 600\n'));
    // 2 × 1.6667 × 30.4167 = $101.39 + (600 − 500) × 0.10 = $10
    expect(e.totalMonthly).toBeCloseTo(2 * 1.6667 * DAYS + 10, 6);
    expect(e.idleMonthly).toBeCloseTo(2 * 1.6667 * DAYS, 6);
  });

  test('unknown SKU is unpriced', () => {
    expect(estimate(input(resource('azurerm_container_registry.acr', { sku: 'Gold' }))).unpriced[0].reason).toBe('unknown SKU "Gold"');
  });
});

describe('AI Search', () => {
  test('SKU × replicas × partitions × 730 h', () => {
    const e = estimate(input(resource('azurerm_search_service.s', { sku: 'basic', replica_count: 2, partition_count: 1 })));
    // 2 × 1 × 730 = 1,460 SU-h × $0.101 = $147.46
    expect(e.resources[0].lines[0]).toMatchObject({ quantity: 1460, unitPrice: 0.101 });
    expect(e.idleMonthly).toBeCloseTo(147.46, 6);
    // S1 defaults: 1 × 1 × 730 × 0.336 = $245.28
    expect(estimate(input(resource('azurerm_search_service.s', { sku: 'standard' }))).idleMonthly).toBeCloseTo(245.28, 6);
    // S2, 3 replicas × 2 partitions: 6 × 730 × 1.344 = $5,886.72
    expect(estimate(input(resource('azurerm_search_service.s', { sku: 'standard2', replica_count: 3, partition_count: 2 }))).idleMonthly).toBeCloseTo(5886.72, 6);
  });

  test('free SKU is zero with a reason; a SKU missing from the book is unpriced', () => {
    const free = estimate(input(resource('azurerm_search_service.s', { sku: 'free' })));
    expect(free.resources[0].note).toMatch(/free SKU/);
    expect(estimate(input(resource('azurerm_search_service.s', { sku: 'storage_optimized_l2' }))).unpriced[0].reason).toMatch(/no price for SKU "storage_optimized_l2"/);
  });
});

describe('Cosmos DB', () => {
  const account = (values: Record<string, unknown>) => resource('azurerm_cosmosdb_account.db', { name: 'db', geo_location: [{ location: 'eastus' }], ...values });
  const graph = (values: Record<string, unknown>) =>
    resource('azurerm_cosmosdb_gremlin_graph.g', values, { references: [{ attribute: 'account_name', targets: ['azurerm_cosmosdb_account.db.name'] }] });

  test('serverless costs nothing idle; RU and storage from usage', () => {
    const inp = input(account({ capabilities: [{ name: 'EnableGremlin' }, { name: 'EnableServerless' }] }), graph({}));
    const idle = estimate(inp);
    expect(idle.idleMonthly).toBe(0);
    expect(idle.resources[1].note).toMatch(/serverless/);
    const e = estimate(inp, usage('  azurerm_cosmosdb_gremlin_graph.g:\n    monthly_request_units: 40000000\n    storage_gb: 10\n'));
    // 40M RU / 1M × $0.25 = $10; 10 GB × $0.25 = $2.50
    expect(e.totalMonthly).toBeCloseTo(12.5, 6);
  });

  test('a capability unknown until apply (serverless or not) makes the account and its containers unpriced', () => {
    const e = estimate(input(account({ capabilities: [{ name: '${var.capability}' }] }), graph({ throughput: 400 })));
    expect(e.unpriced.map((u) => u.reason)).toEqual(['capabilities.0.name is not known until apply', 'azurerm_cosmosdb_account.db: capabilities.0.name is not known until apply']);
  });

  test('manual throughput × regions × 730 h', () => {
    const inp = input(account({ geo_location: [{ location: 'eastus' }, { location: 'westus' }] }), graph({ throughput: 400 }));
    // 400 / 100 × 2 regions × 730 h = 5,840 × $0.008 = $46.72
    const e = estimate(inp);
    expect(e.resources[1].lines[0]).toMatchObject({ priceId: 'cosmosdb.provisioned.manual', quantity: 5840 });
    expect(e.idleMonthly).toBeCloseTo(46.72, 6);
  });

  test('autoscale bills 10% of max at idle, the usage percentage otherwise', () => {
    const inp = input(account({}), graph({ autoscale_settings: [{ max_throughput: 4000 }] }));
    // idle: 4000 × 10% = 400 RU/s → 4 × 730 = 2,920 × $0.012 = $35.04
    expect(estimate(inp).idleMonthly).toBeCloseTo(35.04, 6);
    // 50%: 2000 RU/s → 20 × 730 = 14,600 × $0.012 = $175.20
    expect(estimate(inp, usage('  azurerm_cosmosdb_gremlin_graph.g:\n    autoscale_utilization_percentage: 50\n')).totalMonthly).toBeCloseTo(175.2, 6);
  });

  test('free tier takes 1,000 RU/s off', () => {
    const inp = input(account({ free_tier_enabled: true }), graph({ throughput: 1400 }));
    // (1400 − 1000) / 100 × 730 = 2,920 × $0.008 = $23.36
    expect(estimate(inp).idleMonthly).toBeCloseTo(23.36, 6);
  });

  const database = (values: Record<string, unknown>) =>
    resource('azurerm_cosmosdb_gremlin_database.d', { name: 'd', ...values }, { references: [{ attribute: 'account_name', targets: ['azurerm_cosmosdb_account.db.name'] }] });
  const graphInDb = (values: Record<string, unknown>) =>
    resource('azurerm_cosmosdb_gremlin_graph.g', values, {
      references: [
        { attribute: 'account_name', targets: ['azurerm_cosmosdb_account.db.name'] },
        { attribute: 'database_name', targets: ['azurerm_cosmosdb_gremlin_database.d.name'] },
      ],
    });

  test('container without throughput on a database with shared throughput: zero, the note names the database', () => {
    const e = estimate(input(account({}), database({ throughput: 400 }), graphInDb({})));
    // database: 400 / 100 × 730 h × $0.008 = $23.36; the graph adds nothing
    expect(e.idleMonthly).toBeCloseTo(23.36, 6);
    expect(e.resources[2]).toMatchObject({ address: 'azurerm_cosmosdb_gremlin_graph.g', monthly: 0, priced: true });
    expect(e.resources[2].note).toBe('no dedicated throughput set (uses the shared throughput of azurerm_cosmosdb_gremlin_database.d)');
  });

  test('neither the container nor its database sets throughput: the 400 RU/s default is billed, not a silent zero', () => {
    const e = estimate(input(account({}), database({}), graphInDb({})));
    // 400 / 100 × 1 region × 730 h = 2,920 × $0.008 = $23.36
    expect(e.resources[2].lines[0]).toMatchObject({ priceId: 'cosmosdb.provisioned.manual', quantity: 2920 });
    expect(e.resources[2].lines[0].description).toMatch(/Cosmos DB default 400 RU\/s: no throughput here nor on azurerm_cosmosdb_gremlin_database.d/);
    expect(e.idleMonthly).toBeCloseTo(23.36, 6);
    // The database is found by its literal name too.
    const literal = resource('azurerm_cosmosdb_gremlin_graph.g', { account_name: 'db', database_name: 'd' });
    expect(estimate(input(account({}), database({}), literal)).idleMonthly).toBeCloseTo(23.36, 6);
  });

  test('no throughput and the database (or account) not in the input: unpriced with the reason', () => {
    const e = estimate(input(account({}), graph({})));
    expect(e.unpriced).toEqual([
      { address: 'azurerm_cosmosdb_gremlin_graph.g', type: 'azurerm_cosmosdb_gremlin_graph', reason: expect.stringMatching(/its database is not in the input/) },
    ]);
    expect(estimate(input(resource('azurerm_cosmosdb_sql_container.c', { account_name: 'elsewhere' }))).unpriced[0].reason).toMatch(/its account is not in the input/);
  });

  test('free tier: 1,000 RU/s and 25 GB off the account after multiplying by regions (Microsoft billing example)', () => {
    const three = [{ location: 'westus' }, { location: 'eastus' }, { location: 'northeurope' }];
    const inp = input(account({ free_tier_enabled: true, geo_location: three }), graph({ throughput: 1200 }));
    const e = estimate(inp, usage('  azurerm_cosmosdb_gremlin_graph.g:\n    storage_gb: 10\n'));
    // RU/s: 1,200 × 3 regions − 1,000 free = 2,600 RU/s → 26 × 730 h = 18,980 × $0.008 = $151.84
    // storage: 10 GB × 3 regions − 25 GB free = 5 GB × $0.25 = $1.25 (no backup block: periodic, two free copies)
    const [ru, storage, ...rest] = e.resources[1].lines;
    expect(ru).toMatchObject({ priceId: 'cosmosdb.provisioned.manual', quantity: 18980 });
    expect(storage).toMatchObject({ priceId: 'cosmosdb.storage', quantity: 5 });
    expect(rest).toEqual([]);
    expect(e.totalMonthly).toBeCloseTo(151.84 + 1.25, 6);
    expect(e.idleMonthly).toBeCloseTo(151.84, 6);
  });

  test('free tier with autoscale: the hour\'s peak less 1,000 RU/s at the autoscale rate (Microsoft billing example)', () => {
    const inp = input(account({ free_tier_enabled: true }), graph({ autoscale_settings: [{ max_throughput: 4000 }] }));
    // 40% of 4,000 = 1,600 RU/s − 1,000 free = 600 RU/s → 6 × 730 h = 4,380 × $0.012 = $52.56
    expect(estimate(inp, usage('  azurerm_cosmosdb_gremlin_graph.g:\n    autoscale_utilization_percentage: 40\n')).totalMonthly).toBeCloseTo(52.56, 6);
    // idle: 10% floor = 400 RU/s, all within the free 1,000
    expect(estimate(inp).idleMonthly).toBe(0);
  });

  test('the free tier is shared by the containers of the account, in address order', () => {
    const a = resource('azurerm_cosmosdb_sql_container.a', { throughput: 800 }, { references: [{ attribute: 'account_name', targets: ['azurerm_cosmosdb_account.db.name'] }] });
    const b = resource('azurerm_cosmosdb_sql_container.b', { throughput: 800 }, { references: [{ attribute: 'account_name', targets: ['azurerm_cosmosdb_account.db.name'] }] });
    const e = estimate(input(account({ free_tier_enabled: true }), a, b));
    // a: 800 − 800 free = 0; b: 800 − 200 free left = 600 RU/s → 6 × 730 × $0.008 = $35.04
    expect(e.resources.map((r) => r.monthly)).toEqual([0, 0, expect.closeTo(35.04, 6)]);
  });

  test('storage is billed in every region; 7-day continuous backup is free, 30-day is billed', () => {
    const two = [{ location: 'eastus' }, { location: 'westus' }];
    const u = usage('  azurerm_cosmosdb_gremlin_graph.g:\n    storage_gb: 100\n');
    const seven = estimate(input(account({ geo_location: two, backup: [{ type: 'Continuous', tier: 'Continuous7Days' }] }), graph({ throughput: 400 })), u);
    // RU/s 4 × 2 regions × 730 h × $0.008 = $46.72; storage 100 GB × 2 regions × $0.25 = $50
    expect(seven.totalMonthly).toBeCloseTo(46.72 + 50, 6);
    const thirty = estimate(input(account({ geo_location: two, backup: [{ type: 'Continuous', tier: 'Continuous30Days' }] }), graph({ throughput: 400 })), u);
    // + 200 GB × $0.20 = $40
    expect(thirty.totalMonthly).toBeCloseTo(46.72 + 50 + 40, 6);
    // Continuous without a tier: the service default, 30 days
    const untiered = estimate(input(account({ geo_location: two, backup: [{ type: 'Continuous' }] }), graph({ throughput: 400 })), u);
    expect(untiered.totalMonthly).toBeCloseTo(46.72 + 50 + 40, 6);
  });

  test('periodic backup: two copies are free; more copies with stored data are unpriced, not zero', () => {
    const u = usage('  azurerm_cosmosdb_gremlin_graph.g:\n    storage_gb: 100\n');
    const twoCopies = estimate(input(account({ backup: [{ type: 'Periodic', interval_in_minutes: 240, retention_in_hours: 8 }] }), graph({ throughput: 400 })), u);
    // 4 × 730 × $0.008 = $23.36 + 100 GB × $0.25 = $25
    expect(twoCopies.totalMonthly).toBeCloseTo(48.36, 6);
    // 8 h retention every 60 min = 8 copies
    const eight = estimate(input(account({ backup: [{ type: 'Periodic', interval_in_minutes: 60, retention_in_hours: 8 }] }), graph({ throughput: 400 })), u);
    expect(eight.unpriced[0].reason).toMatch(/periodic backup keeps 8 copies/);
    expect(eight.idleMonthly).toBeCloseTo(23.36, 6);
  });

  test('zone-redundant regions bill manual RU/s at 1.25×; autoscale is not marked up', () => {
    const regions = [{ location: 'westus' }, { location: 'centralus', zone_redundant: true }];
    const manual = estimate(input(account({ geo_location: regions }), graph({ throughput: 500 })));
    // westus 5 × 730 × $0.008 = $29.20; centralus (AZ) 5 × 730 × $0.010 = $36.50 (Infracost's golden: 6.25 units × $5.84)
    expect(manual.resources[1].lines.map((l) => [l.priceId, l.quantity])).toEqual([['cosmosdb.provisioned.manual', 3650], ['cosmosdb.provisioned.manual.az', 3650]]);
    expect(manual.idleMonthly).toBeCloseTo(65.7, 6);
    // a zone redundancy unknown until apply makes the RU/s unpriced, not priced at the lower rate
    const unknownZone = estimate(input(account({ geo_location: [{ location: 'westus', zone_redundant: '${var.zr}' }] }), graph({ throughput: 500 })));
    expect(unknownZone.unpriced.map((u) => [u.address, u.reason])).toEqual([
      ['azurerm_cosmosdb_account.db', 'geo_location.0.zone_redundant is not known until apply'],
      ['azurerm_cosmosdb_gremlin_graph.g', 'azurerm_cosmosdb_account.db: geo_location.0.zone_redundant is not known until apply'],
    ]);
    const autoscale = estimate(input(account({ geo_location: regions }), graph({ autoscale_settings: [{ max_throughput: 4000 }] })));
    // 400 RU/s × 2 regions × 730 h = 5,840 × $0.012 = $70.08
    expect(autoscale.idleMonthly).toBeCloseTo(70.08, 6);
  });

  test('a zone-redundant serverless account counts its RUs 1.25× (learn.microsoft.com/azure/reliability/reliability-cosmos-db-nosql)', () => {
    const serverless = (zoneRedundant: boolean) => input(
      account({ capabilities: [{ name: 'EnableServerless' }], geo_location: [{ location: 'eastus', zone_redundant: zoneRedundant }] }),
      graph({}),
    );
    const use = usage('  azurerm_cosmosdb_account.db:\n    monthly_request_units: 40000000\n');
    // 40M RU / 1M × $0.25 = $10; zone-redundant: 50M RU-equivalents = $12.50
    expect(estimate(serverless(false), use).totalMonthly).toBeCloseTo(10, 6);
    const zr = estimate(serverless(true), use);
    expect(zr.totalMonthly).toBeCloseTo(12.5, 6);
    expect(zr.resources[0].lines[0].description).toMatch(/× 1.25 zone-redundant/);
    expect(zr.idleMonthly).toBe(0);
  });

  test('throughput on a serverless account and unknown throughput are unpriced', () => {
    const e = estimate(input(account({ capabilities: [{ name: 'EnableServerless' }] }), graph({ throughput: 400 })));
    expect(e.unpriced[0].reason).toMatch(/serverless account/);
    const unknown = estimate(input(account({}), resource('azurerm_cosmosdb_sql_container.c', { throughput: null }, { unknown: ['throughput'] })));
    expect(unknown.unpriced[0]).toMatchObject({ address: 'azurerm_cosmosdb_sql_container.c', reason: 'throughput is not known until apply' });
  });

  test('usage that contradicts the resource is an error naming the file, line and entry, not ignored', () => {
    expect(() => estimate(input(account({})), usage('  azurerm_cosmosdb_account.db:\n    monthly_request_units: 5\n'))).toThrow(
      /^usage\.yml:4: resource_usage\["azurerm_cosmosdb_account\.db"\]\.monthly_request_units: applies only to serverless accounts; azurerm_cosmosdb_account\.db uses provisioned throughput$/,
    );
    expect(() => estimate(input(account({}), graph({ throughput: 400 })), usage('  azurerm_cosmosdb_*:\n    autoscale_utilization_percentage: 50\n'))).toThrow(
      /^usage\.yml:4: resource_usage\["azurerm_cosmosdb_\*"\]\.autoscale_utilization_percentage: applies to the database\/container that sets autoscale/,
    );
  });
});

describe('Log Analytics', () => {
  const law = (values: Record<string, unknown>) => resource('azurerm_log_analytics_workspace.law', { sku: 'PerGB2018', ...values });

  test('zero traffic means no ingestion (priced at zero with a note)', () => {
    const e = estimate(input(law({ retention_in_days: 90 })));
    expect(e.idleMonthly).toBe(0);
    expect(e.resources[0].note).toMatch(/monthly_ingestion_gb/);
  });

  test('ingestion per GB less the 5 GB included, and retention beyond 31 days', () => {
    const e = estimate(input(law({ retention_in_days: 90 })), usage('  azurerm_log_analytics_workspace.law:\n    monthly_ingestion_gb: 100\n'));
    // ingestion (100 − 5 included) × $2.30 = $218.50
    // retention: every GB ingested (100) is held 90 − 31 = 59 days past the free period: 100 × 59 / 30.4167 = 193.97 GB × $0.10 = $19.397
    expect(e.resources[0].lines[0]).toMatchObject({ priceId: 'loganalytics.ingestion', quantity: 95 });
    expect(e.resources[0].lines[0].monthly).toBeCloseTo(218.5, 6);
    expect(e.resources[0].lines[1].quantity).toBeCloseTo((100 * 59) / DAYS, 6);
    expect(e.totalMonthly).toBeCloseTo(218.5 + (100 * 59 * 0.1) / DAYS, 6);
  });

  test('daily_quota_gb caps ingestion', () => {
    const e = estimate(input(law({ daily_quota_gb: 1, retention_in_days: 30 })), usage('  azurerm_log_analytics_workspace.law:\n    monthly_ingestion_gb: 100\n'));
    // cap 1 GB/day × 30.4167 days = 30.4167 GB − 5 included = 25.4167 × $2.30 = $58.458; 30-day retention is within the free period
    expect(e.totalMonthly).toBeCloseTo((DAYS - 5) * 2.3, 6);
    expect(e.resources[0].lines).toHaveLength(1);
  });

  test('the 5 GB included is per billing account: shared by the workspaces in address order', () => {
    const a = resource('azurerm_log_analytics_workspace.a', { sku: 'PerGB2018' });
    const b = resource('azurerm_log_analytics_workspace.b', { sku: 'PerGB2018' });
    const e = estimate(input(a, b), usage('  azurerm_log_analytics_workspace.a:\n    monthly_ingestion_gb: 3\n  azurerm_log_analytics_workspace.b:\n    monthly_ingestion_gb: 10\n'));
    // a: 3 GB, all included → $0; b: 10 − 2 GB left = 8 × $2.30 = $18.40
    expect(e.resources.map((r) => r.monthly)).toEqual([0, expect.closeTo(18.4, 6)]);
  });

  test('with Microsoft Sentinel on the workspace the free retention is 90 days; Sentinel itself is unpriced', () => {
    const onboarding = resource('azurerm_sentinel_log_analytics_workspace_onboarding.s', {}, { references: [{ attribute: 'workspace_id', targets: ['azurerm_log_analytics_workspace.law.id'] }] });
    const u = usage('  azurerm_log_analytics_workspace.law:\n    monthly_ingestion_gb: 100\n');
    expect(estimate(input(law({ retention_in_days: 90 }), onboarding), u).resources[0].lines).toHaveLength(1);
    const e = estimate(input(law({ retention_in_days: 120 }), onboarding), u);
    // 120 − 90 = 30 days past the free period: 100 × 30 / 30.4167 = 98.63 GB × $0.10 = $9.863
    expect(e.resources[0].lines[1].quantity).toBeCloseTo((100 * 30) / DAYS, 6);
    expect(e.resources[0].lines[1].description).toMatch(/Retention beyond 90 days \(Microsoft Sentinel\)/);
    expect(e.unpriced[0]).toMatchObject({ address: 'azurerm_sentinel_log_analytics_workspace_onboarding.s', reason: expect.stringMatching(/Microsoft Sentinel/) });
    // the legacy SecurityInsights solution counts too
    const solution = resource('azurerm_log_analytics_solution.si', { solution_name: 'SecurityInsights' }, { references: [{ attribute: 'workspace_resource_id', targets: ['azurerm_log_analytics_workspace.law.id'] }] });
    expect(estimate(input(law({ retention_in_days: 90 }), solution), u).resources[0].lines).toHaveLength(1);
  });

  test('a SKU other than PerGB2018 is unpriced', () => {
    expect(estimate(input(law({ sku: 'CapacityReservation' }))).unpriced).toHaveLength(1);
  });
});

describe('Key Vault', () => {
  test('vault free at idle; operations per 10K', () => {
    const inp = input(resource('azurerm_key_vault.kv', { sku_name: 'standard' }));
    expect(estimate(inp).idleMonthly).toBe(0);
    // 2,000,000 / 10,000 = 200 × $0.03 = $6
    expect(estimate(inp, usage('  azurerm_key_vault.kv:\n    monthly_operations: 2000000\n')).totalMonthly).toBeCloseTo(6, 6);
  });

  test('key operations: RSA 2048 at the standard rate, RSA 3072/4096 and EC at the advanced-key rate', () => {
    const u = usage('  azurerm_key_vault_key.k:\n    monthly_operations: 1000000\n');
    const key = (values: Record<string, unknown>) => estimate(input(resource('azurerm_key_vault_key.k', values)), u);
    // 1,000,000 / 10,000 = 100 × $0.03 = $3; × $0.15 = $15
    expect(key({ key_type: 'RSA', key_size: 2048 }).totalMonthly).toBeCloseTo(3, 6);
    expect(key({ key_type: 'RSA', key_size: 3072 }).resources[0].lines[0]).toMatchObject({ priceId: 'keyvault.operations.advanced', quantity: 100 });
    expect(key({ key_type: 'RSA', key_size: 4096 }).totalMonthly).toBeCloseTo(15, 6);
    expect(key({ key_type: 'EC', curve: 'P-256' }).totalMonthly).toBeCloseTo(15, 6);
    expect(key({ key_type: 'RSA', key_size: '${var.size}' }).unpriced[0].reason).toBe('key_size is not known until apply');
  });

  test('automated key rotation bills each scheduled rotation', () => {
    const rotated = (policy: Record<string, unknown>) =>
      estimate(input(resource('azurerm_key_vault_key.k', { key_type: 'RSA', key_size: 2048, rotation_policy: [policy] })));
    // every 90 days: 30.4167 / 90 = 0.33796 rotations × $1
    expect(rotated({ automatic: [{ time_after_creation: 'P90D' }] }).idleMonthly).toBeCloseTo(DAYS / 90, 6);
    // 30 days before the expiry of a 1-year key: every 365 − 30 = 335 days
    expect(rotated({ expire_after: 'P1Y', automatic: [{ time_before_expiry: 'P30D' }] }).idleMonthly).toBeCloseTo(DAYS / 335, 6);
    // no automatic block: no rotation charge
    expect(rotated({ expire_after: 'P1Y' }).idleMonthly).toBe(0);
    expect(rotated({ automatic: [{ time_after_creation: 'PT1H' }] }).unpriced[0].reason).toMatch(/cannot tell the rotation interval/);
  });

  test('ISO 8601 durations in days', () => {
    expect(isoDurationDays('P90D', DAYS)).toBe(90);
    expect(isoDurationDays('P1Y2M', DAYS)).toBeCloseTo(365 + 2 * DAYS, 9);
    expect(isoDurationDays('P2W', DAYS)).toBe(14);
    expect(isoDurationDays('P', DAYS)).toBeUndefined();
    expect(isoDurationDays('90 days', DAYS)).toBeUndefined();
  });

  test('HSM keys are unpriced', () => {
    expect(estimate(input(resource('azurerm_key_vault_key.k', { key_type: 'RSA-HSM' }))).unpriced[0].reason).toMatch(/HSM/);
  });
});

describe('Azure OpenAI', () => {
  const deployment = (sku: string, capacity: number, model = 'gpt-4.1') =>
    resource('azurerm_cognitive_deployment.chat', { sku: [{ name: sku, capacity }], model: [{ format: 'OpenAI', name: model, version: '2025-04-14' }] });

  test('standard deployments have no idle charge, whatever the TPM quota', () => {
    const e = estimate(input(deployment('GlobalStandard', 300)));
    expect(e.idleMonthly).toBe(0);
    expect(e.resources[0].note).toMatch(/pay per token, no idle charge \(300K TPM/);
  });

  test('tokens priced per 1M from usage', () => {
    const u = usage('  azurerm_cognitive_deployment.chat:\n    monthly_input_tokens: 10000000\n    monthly_cached_input_tokens: 2000000\n    monthly_output_tokens: 1000000\n');
    // 10 × $2.00 + 2 × $0.50 + 1 × $8.00 = $29
    expect(estimate(input(deployment('GlobalStandard', 300)), u).totalMonthly).toBeCloseTo(29, 6);
    // regional Standard has no token price in the book: unpriced, not zero
    expect(estimate(input(deployment('Standard', 300)), u).unpriced[0].reason).toMatch(/no input token price for gpt-4.1 \(Standard\)/);
  });

  test('provisioned throughput bills PTU × hours at zero traffic', () => {
    // 50 PTU × 730 h × $2.00 = $73,000 (regional); global 15 PTU × 730 × $1.00 = $10,950
    expect(estimate(input(deployment('ProvisionedManaged', 50))).idleMonthly).toBeCloseTo(73000, 6);
    expect(estimate(input(deployment('GlobalProvisionedManaged', 15))).idleMonthly).toBeCloseTo(10950, 6);
  });

  test('account is free for OpenAI kind', () => {
    const e = estimate(input(resource('azurerm_cognitive_account.ai', { kind: 'OpenAI', sku_name: 'S0' })));
    expect(e.resources[0].note).toMatch(/^free: OpenAI account/);
  });
});

describe('free and unknown types', () => {
  test('free types are zero with a reason; unknown types are unpriced; data sources are skipped', () => {
    const e = estimate(
      input(
        resource('azurerm_user_assigned_identity.id', {}),
        resource('azurerm_role_assignment.ra', {}),
        resource('azurerm_consumption_budget_resource_group.b', { amount: 50 }),
        resource('azurerm_resource_group.rg', {}),
        resource('azurerm_management_lock.lock', {}),
        resource('azurerm_monitor_diagnostic_setting.d', {}),
        resource('azurerm_virtual_machine.vm', {}),
        resource('azurerm_client_config.current', {}, { mode: 'data' }),
      ),
    );
    expect(e.resources.filter((r) => r.priced && r.note?.startsWith('free:'))).toHaveLength(6);
    expect(e.unpriced).toEqual([{ address: 'azurerm_virtual_machine.vm', type: 'azurerm_virtual_machine', reason: 'resource type azurerm_virtual_machine is not supported by the estimator' }]);
    expect(e.resources.map((r) => r.address)).not.toContain('azurerm_client_config.current');
  });
});

describe('private networking', () => {
  test('private endpoint: hourly, plus data processed from usage', () => {
    const inp = input(resource('azurerm_private_endpoint.pe', { subnet_id: 'x' }));
    // 730 h × $0.01 = $7.30
    expect(estimate(inp).idleMonthly).toBeCloseTo(7.3, 6);
    // + 200 GB × $0.01 = $2
    expect(estimate(inp, usage('  azurerm_private_endpoint.pe:\n    monthly_data_processed_gb: 200\n')).totalMonthly).toBeCloseTo(9.3, 6);
  });

  test('private DNS zone: per zone, plus queries; links, VNets and subnets are free', () => {
    const inp = input(
      resource('azurerm_private_dns_zone.z', { name: 'privatelink.vaultcore.azure.net' }),
      resource('azurerm_private_dns_zone_virtual_network_link.l', {}),
      resource('azurerm_virtual_network.v', {}),
      resource('azurerm_subnet.s', {}),
    );
    // 1 zone × $0.50
    expect(estimate(inp).idleMonthly).toBeCloseTo(0.5, 6);
    expect(estimate(inp).unpriced).toEqual([]);
    // + 5M queries / 1M × $0.40 = $2
    expect(estimate(inp, usage('  azurerm_private_dns_zone.z:\n    monthly_queries: 5000000\n')).totalMonthly).toBeCloseTo(2.5, 6);
  });
});

describe('Cosmos DB multi-region', () => {
  test('multi-region writes bill every write region at the multi-write rate, manual and autoscale alike', () => {
    const account = resource('azurerm_cosmosdb_account.db', { name: 'db', multiple_write_locations_enabled: true, geo_location: [{ location: 'eastus' }, { location: 'westus', zone_redundant: true }] });
    const ref = { references: [{ attribute: 'account_name', targets: ['azurerm_cosmosdb_account.db.name'] }] };
    const manual = resource('azurerm_cosmosdb_sql_container.c', { throughput: 400 }, ref);
    // 400 / 100 × 2 regions × 730 h = 5,840 × $0.016 = $93.44 (no zone mark-up with multi-region writes)
    const e = estimate(input(account, manual));
    expect(e.resources[1].lines).toEqual([expect.objectContaining({ priceId: 'cosmosdb.provisioned.multiwrite', quantity: 5840 })]);
    expect(e.idleMonthly).toBeCloseTo(93.44, 6);
    // autoscale max 4,000 at its 10% floor = 400 RU/s: the same $93.44
    const autoscale = resource('azurerm_cosmosdb_sql_container.c', { autoscale_settings: [{ max_throughput: 4000 }] }, ref);
    expect(estimate(input(account, autoscale)).idleMonthly).toBeCloseTo(93.44, 6);
  });

  test('the account is found by literal name when there is no reference', () => {
    const account = resource('azurerm_cosmosdb_account.db', { name: 'cosmos-prod', geo_location: [{ location: 'eastus' }, { location: 'westus' }, { location: 'northeurope' }] });
    const container = resource('azurerm_cosmosdb_sql_container.c', { account_name: 'cosmos-prod', throughput: 400 });
    // 4 × 3 regions × 730 h = 8,760 × $0.008 = $70.08
    expect(estimate(input(account, container)).idleMonthly).toBeCloseTo(70.08, 6);
  });
});

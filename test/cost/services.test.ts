import { estimate } from '../../src/cost/estimate';
import { parseUsageFile } from '../../src/cost/usage';
import { input, resource } from './helpers';

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

  test('container without throughput uses shared database throughput (zero, with note)', () => {
    const e = estimate(input(account({}), graph({})));
    expect(e.resources[1]).toMatchObject({ monthly: 0, priced: true });
    expect(e.resources[1].note).toMatch(/shared throughput/);
  });

  test('throughput on a serverless account and unknown throughput are unpriced', () => {
    const e = estimate(input(account({ capabilities: [{ name: 'EnableServerless' }] }), graph({ throughput: 400 })));
    expect(e.unpriced[0].reason).toMatch(/serverless account/);
    const unknown = estimate(input(account({}), resource('azurerm_cosmosdb_sql_container.c', { throughput: null }, { unknown: ['throughput'] })));
    expect(unknown.unpriced[0]).toMatchObject({ address: 'azurerm_cosmosdb_sql_container.c', reason: 'throughput is not known until apply' });
  });

  test('RU usage on a provisioned account is an error, not ignored', () => {
    expect(() => estimate(input(account({})), usage('  azurerm_cosmosdb_account.db:\n    monthly_request_units: 5\n'))).toThrow(/applies only to serverless accounts/);
  });
});

describe('Log Analytics', () => {
  const law = (values: Record<string, unknown>) => resource('azurerm_log_analytics_workspace.law', { sku: 'PerGB2018', ...values });

  test('zero traffic means no ingestion (priced at zero with a note)', () => {
    const e = estimate(input(law({ retention_in_days: 90 })));
    expect(e.idleMonthly).toBe(0);
    expect(e.resources[0].note).toMatch(/monthly_ingestion_gb/);
  });

  test('ingestion per GB and retention beyond 31 days', () => {
    const e = estimate(input(law({ retention_in_days: 90 })), usage('  azurerm_log_analytics_workspace.law:\n    monthly_ingestion_gb: 100\n'));
    // ingestion 100 × $2.30 = $230
    // retention: 100 GB × (90 − 31) / 30.4167 days = 193.97 GB held × $0.10 = $19.397
    expect(e.resources[0].lines[0].monthly).toBeCloseTo(230, 6);
    expect(e.resources[0].lines[1].quantity).toBeCloseTo((100 * 59) / DAYS, 6);
    expect(e.totalMonthly).toBeCloseTo(230 + (100 * 59 * 0.1) / DAYS, 6);
  });

  test('daily_quota_gb caps ingestion', () => {
    const e = estimate(input(law({ daily_quota_gb: 1, retention_in_days: 30 })), usage('  azurerm_log_analytics_workspace.law:\n    monthly_ingestion_gb: 100\n'));
    // cap 1 GB/day × 30.4167 days = 30.4167 GB × $2.30 = $69.96; 30-day retention is within the free period
    expect(e.totalMonthly).toBeCloseTo(DAYS * 2.3, 6);
    expect(e.resources[0].lines).toHaveLength(1);
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
  test('multi-region writes are unpriced (rate not in the book), not priced as single-write', () => {
    const account = resource('azurerm_cosmosdb_account.db', { name: 'db', multiple_write_locations_enabled: true, geo_location: [{ location: 'eastus' }, { location: 'westus' }] });
    const container = resource('azurerm_cosmosdb_sql_container.c', { throughput: 400 }, { references: [{ attribute: 'account_name', targets: ['azurerm_cosmosdb_account.db.name'] }] });
    expect(estimate(input(account, container)).unpriced[0]).toMatchObject({ address: 'azurerm_cosmosdb_sql_container.c', reason: expect.stringMatching(/multi-region writes/) });
  });

  test('the account is found by literal name when there is no reference', () => {
    const account = resource('azurerm_cosmosdb_account.db', { name: 'cosmos-prod', geo_location: [{ location: 'eastus' }, { location: 'westus' }, { location: 'northeurope' }] });
    const container = resource('azurerm_cosmosdb_sql_container.c', { account_name: 'cosmos-prod', throughput: 400 });
    // 4 × 3 regions × 730 h = 8,760 × $0.008 = $70.08
    expect(estimate(input(account, container)).idleMonthly).toBeCloseTo(70.08, 6);
  });
});

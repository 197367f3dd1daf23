import { estimate } from '../../src/cost/estimate';
import { parseUsageFile } from '../../src/cost/usage';
import { app, input, resource } from './helpers';

// Price book (eastus): vCPU idle $0.000003/s, vCPU active $0.000024/s, memory $0.000003/GiB-s,
// requests $0.40/1M; free grant 180,000 vCPU-s, 360,000 GiB-s, 2M requests; 730 h = 2,628,000 s.

describe('Container Apps (Consumption)', () => {
  test('min_replicas = 0 costs nothing idle', () => {
    const e = estimate(input(app('azurerm_container_app.api', 0, 0.5, '1Gi')));
    expect(e.idleMonthly).toBe(0);
    expect(e.resources[0]).toMatchObject({ priced: true, monthly: 0, lines: [] });
    expect(e.resources[0].note).toMatch(/scales to zero/);
  });

  test('absent min_replicas uses the provider default 0', () => {
    expect(estimate(input(app('azurerm_container_app.api', undefined, 1, '2Gi'))).idleMonthly).toBe(0);
  });

  test('one idle replica: idle rate × replicas × resources × seconds, less the free grant', () => {
    const e = estimate(input(app('azurerm_container_app.api', 1, 0.5, '1Gi')));
    // vCPU: 1 × 0.5 × 2,628,000 = 1,314,000 vCPU-s − 180,000 grant = 1,134,000 × 0.000003 = $3.402
    // memory: 1 × 1 × 2,628,000 = 2,628,000 GiB-s − 360,000 grant = 2,268,000 × 0.000003 = $6.804
    const [vcpu, memory] = e.resources[0].lines;
    expect(vcpu).toMatchObject({ priceId: 'containerapps.vcpu.idle', quantity: 1_134_000, unit: 'vCPU-s' });
    expect(vcpu.monthly).toBeCloseTo(3.402, 6);
    expect(memory).toMatchObject({ priceId: 'containerapps.memory.idle', quantity: 2_268_000 });
    expect(memory.monthly).toBeCloseTo(6.804, 6);
    expect(e.idleMonthly).toBeCloseTo(10.206, 6);
  });

  test('the free grant is shared by all apps in address order', () => {
    const e = estimate(input(app('azurerm_container_app.a', 1, 0.5, '1Gi'), app('azurerm_container_app.b', 2, 0.25, '0.5Gi')));
    // a takes the whole grant (as above): $10.206.
    // b: vCPU 2 × 0.25 × 2,628,000 = 1,314,000 × 0.000003 = $3.942; memory 2 × 0.5 × 2,628,000 = 2,628,000 × 0.000003 = $7.884
    expect(e.resources[1].monthly).toBeCloseTo(3.942 + 7.884, 6);
    expect(e.idleMonthly).toBeCloseTo(10.206 + 11.826, 6);
  });

  test('several containers add up per replica', () => {
    const r = resource('azurerm_container_app.x', { template: [{ min_replicas: 1, container: [{ cpu: 1, memory: '2Gi' }, { cpu: 1, memory: '2Gi' }] }] });
    // vCPU 2 × 2,628,000 = 5,256,000 − 180,000 = 5,076,000 × 0.000003 = $15.228
    // memory 4 × 2,628,000 = 10,512,000 − 360,000 = 10,152,000 × 0.000003 = $30.456
    expect(estimate(input(r)).idleMonthly).toBeCloseTo(45.684, 6);
  });

  test('usage: active replica-seconds replace idle time, requests beyond the grant are billed', () => {
    const usage = parseUsageFile(
      'version: 0.1\nresource_usage:\n  azurerm_container_app.api:\n    monthly_active_replica_seconds: 1000000\n    monthly_requests: 5000000\n',
      'usage.yml',
    );
    const e = estimate(input(app('azurerm_container_app.api', 1, 1, '2Gi')), usage);
    // active vCPU 1,000,000 × 1 = 1,000,000 − 180,000 grant = 820,000 × 0.000024 = $19.68
    // idle vCPU (2,628,000 − 1,000,000) × 1 = 1,628,000 × 0.000003 = $4.884
    // active memory 1,000,000 × 2 = 2,000,000 − 360,000 = 1,640,000 × 0.000003 = $4.92
    // idle memory 1,628,000 × 2 = 3,256,000 × 0.000003 = $9.768
    // requests (5,000,000 − 2,000,000) / 1M = 3 × 0.40 = $1.20
    expect(e.totalMonthly).toBeCloseTo(19.68 + 4.884 + 4.92 + 9.768 + 1.2, 6);
    // idle baseline: vCPU 2,628,000 − 180,000 = 2,448,000 × 0.000003 = $7.344; memory 5,256,000 − 360,000 = 4,896,000 × 0.000003 = $14.688
    expect(e.idleMonthly).toBeCloseTo(7.344 + 14.688, 6);
  });

  test('more active replica-seconds than max_replicas can run is a usage error naming the entry', () => {
    const r = resource('azurerm_container_app.api', { template: [{ min_replicas: 0, max_replicas: 2, container: [{ cpu: 0.5, memory: '1Gi' }] }] });
    const usage = (seconds: number) => parseUsageFile(`version: 0.1\nresource_usage:\n  azurerm_container_app.api:\n    monthly_active_replica_seconds: ${seconds}\n`, 'usage.yml');
    // 2 replicas × 2,628,000 s = 5,256,000 replica-s at most
    expect(() => estimate(input(r), usage(5_256_001))).toThrow(/^usage\.yml:4: resource_usage\["azurerm_container_app\.api"\]\.monthly_active_replica_seconds: 5,256,001 is more than max_replicas 2/);
    // 5,256,000 × 0.5 vCPU = 2,628,000 − 180,000 = 2,448,000 × $0.000024 = $58.752; × 1 GiB = 5,256,000 − 360,000 = 4,896,000 × $0.000003 = $14.688
    expect(estimate(input(r), usage(5_256_000)).totalMonthly).toBeCloseTo(58.752 + 14.688, 6);
  });

  test('min_replicas unknown until apply is unpriced with the reason', () => {
    const r = resource('azurerm_container_app.api', { template: [{ min_replicas: '${var.min}', container: [{ cpu: 1, memory: '2Gi' }] }] });
    const e = estimate(input(r));
    expect(e.unpriced).toEqual([{ address: 'azurerm_container_app.api', type: 'azurerm_container_app', reason: 'template.0.min_replicas is not known until apply' }]);
    expect(e.resources[0].priced).toBe(false);
  });

  test('dedicated workload profile is unpriced, not zero', () => {
    const r = resource('azurerm_container_app.api', { workload_profile_name: 'D4', template: [{ min_replicas: 1, container: [{ cpu: 1, memory: '2Gi' }] }] });
    expect(estimate(input(r)).unpriced[0].reason).toMatch(/dedicated workload profile "D4"/);
  });

  test('consumption-only environment is free with a reason; dedicated profiles are unpriced', () => {
    const free = estimate(input(resource('azurerm_container_app_environment.env', { name: 'env' })));
    expect(free.resources[0]).toMatchObject({ priced: true, monthly: 0 });
    expect(free.resources[0].note).toMatch(/^free: Consumption-only/);
    const dedicated = estimate(input(resource('azurerm_container_app_environment.env', { workload_profile: [{ name: 'd', workload_profile_type: 'D4' }] })));
    expect(dedicated.unpriced).toHaveLength(1);
  });
});

describe('Container Apps environment', () => {
  test('a private endpoint on the environment bills the Dedicated Plan Management fee, even on Consumption', () => {
    const env = resource('azurerm_container_app_environment.env', { workload_profile: [{ name: 'Consumption', workload_profile_type: 'Consumption' }] });
    const pe = resource('azurerm_private_endpoint.pe', { subnet_id: 'x' }, {
      references: [{ attribute: 'private_service_connection.0.private_connection_resource_id', targets: ['azurerm_container_app_environment.env.id'] }],
    });
    const e = estimate(input(env, pe));
    // environment: 730 h × $0.10 = $73.00; the endpoint itself 730 h × $0.01 = $7.30
    expect(e.resources[0].lines).toEqual([expect.objectContaining({ priceId: 'containerapps.plan_management', quantity: 730, unitPrice: 0.1 })]);
    expect(e.resources[0].lines[0].description).toMatch(/private endpoint \(azurerm_private_endpoint\.pe\)/);
    expect(e.idleMonthly).toBeCloseTo(73 + 7.3, 6);
    // An endpoint to something else leaves the environment free.
    const other = resource('azurerm_private_endpoint.pe', { subnet_id: 'x' }, {
      references: [{ attribute: 'private_service_connection.0.private_connection_resource_id', targets: ['azurerm_key_vault.kv.id'] }],
    });
    expect(estimate(input(env, other)).resources[0].note).toMatch(/^free: Consumption-only/);
  });
});

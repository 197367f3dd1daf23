/**
 * Issue 12 cost leftovers: Container Apps jobs (azurerm_container_app_job and azapi
 * Microsoft.App/jobs) are priced as the Consumption plan bills them — vCPU and memory at the active
 * rates only while executions run, from the shared free grant, nothing idle — and a Key Vault secret
 * written through ARM (azapi Microsoft.KeyVault/vaults/secrets) is free like azurerm_key_vault_secret.
 */
import { join } from 'node:path';
import { estimate } from '../../src/cost/estimate';
import { FREE_TYPES } from '../../src/cost/pricers/free';
import { parseUsageFile, UsageFileError } from '../../src/cost/usage';
import { loadInputs } from '../../src/input/load';
import type { PolicyInput } from '../../src/input/types';
import { input, resource } from './helpers';

// Price book (eastus): vCPU active $0.000024/s, memory $0.000003/GiB-s; free grant 180,000 vCPU-s,
// 360,000 GiB-s per subscription and month.
const FIXTURE = join(__dirname, '..', 'fixtures', 'cost', 'azapi-jobs-secrets');

const job = (address: string, cpu: number, memory: string, extra: Record<string, unknown> = {}) =>
  resource(address, { ...extra, template: [{ container: [{ cpu, memory }] }] });

describe('Container Apps jobs', () => {
  test('idle: nothing billed, with the usage-based note', () => {
    const e = estimate(input(job('azurerm_container_app_job.nightly', 0.5, '1Gi')));
    expect(e.unpriced).toEqual([]);
    expect(e.idleMonthly).toBe(0);
    expect(e.resources[0]).toMatchObject({ priced: true, monthly: 0, lines: [] });
    expect(e.resources[0].note).toMatch(/only while executions run.*usage key monthly_active_replica_seconds/);
  });

  test('usage: replica-seconds at the active rates, less the free grant shared with apps', () => {
    const usage = parseUsageFile('version: 0.1\nresource_usage:\n  azurerm_container_app_job.nightly:\n    monthly_active_replica_seconds: 540000\n', 'usage.yml');
    const e = estimate(input(job('azurerm_container_app_job.nightly', 0.5, '1Gi')), usage);
    // vCPU: 540,000 × 0.5 = 270,000 vCPU-s − 180,000 grant = 90,000 × 0.000024 = $2.16
    // memory: 540,000 × 1 = 540,000 GiB-s − 360,000 grant = 180,000 × 0.000003 = $0.54
    const [vcpu, memory] = e.resources[0].lines;
    expect(vcpu).toMatchObject({ priceId: 'containerapps.vcpu.active', quantity: 90_000 });
    expect(vcpu.monthly).toBeCloseTo(2.16, 6);
    expect(memory).toMatchObject({ priceId: 'containerapps.memory.active', quantity: 180_000 });
    expect(memory.monthly).toBeCloseTo(0.54, 6);
    expect(e.totalMonthly).toBeCloseTo(2.7, 6);
    expect(e.idleMonthly).toBe(0);
  });

  test('an app earlier in address order uses the grant first', () => {
    const usage = parseUsageFile('version: 0.1\nresource_usage:\n  azurerm_container_app_job.nightly:\n    monthly_active_replica_seconds: 1000\n', 'usage.yml');
    // The app's idle replica (1 × 0.5 vCPU × 2,628,000 s) exhausts the vCPU grant before the job's turn.
    const app = resource('azurerm_container_app.a', { template: [{ min_replicas: 1, container: [{ cpu: 0.5, memory: '1Gi' }] }] });
    const e = estimate(input(app, job('azurerm_container_app_job.nightly', 1, '2Gi')), usage);
    const jobCost = e.resources.find((r) => r.address === 'azurerm_container_app_job.nightly')!;
    expect(jobCost.lines[0]).toMatchObject({ priceId: 'containerapps.vcpu.active', quantity: 1000 });
  });

  test('a dedicated workload profile is unpriced with the reason', () => {
    const e = estimate(input(job('azurerm_container_app_job.gpu', 4, '16Gi', { workload_profile_name: 'gpu' })));
    expect(e.unpriced).toEqual([expect.objectContaining({ address: 'azurerm_container_app_job.gpu', reason: expect.stringContaining('dedicated workload profile "gpu"') })]);
  });

  test('a usage key of apps only is still refused on a job', () => {
    const usage = parseUsageFile('version: 0.1\nresource_usage:\n  azurerm_container_app_job.nightly:\n    monthly_requests: 5\n', 'usage.yml');
    expect(() => estimate(input(job('azurerm_container_app_job.nightly', 0.5, '1Gi')), usage)).toThrow(UsageFileError);
  });
});

describe('azapi jobs and ARM-written secrets in HCL', () => {
  let config: PolicyInput;
  beforeAll(async () => {
    [config] = await loadInputs(FIXTURE);
  });

  test('only the ARM type the estimator does not know is unpriced', () => {
    const e = estimate(config);
    expect(e.unpriced.map((u) => u.address)).toEqual(['azapi_resource.redis']);
    expect(e.idleMonthly).toBe(0);
  });

  test('Microsoft.KeyVault/vaults/secrets is free for the reason azurerm_key_vault_secret is', () => {
    const secret = estimate(config).resources.find((r) => r.address === 'azapi_resource.gremlin_key')!;
    expect(secret).toMatchObject({ priced: true, monthly: 0, note: `free: ${FREE_TYPES.azurerm_key_vault_secret}` });
  });

  test('Microsoft.App/jobs is priced as a job with usage', () => {
    const usage = parseUsageFile('version: 0.1\nresource_usage:\n  azapi_resource.reindex:\n    monthly_active_replica_seconds: 200000\n', 'usage.yml');
    const e = estimate(config, usage);
    const reindex = e.resources.find((r) => r.address === 'azapi_resource.reindex')!;
    expect(reindex.type).toBe('azurerm_container_app_job');
    // vCPU: 200,000 × 1 = 200,000 − 180,000 grant = 20,000 × 0.000024 = $0.48; memory: 400,000 − 360,000 = 40,000 × 0.000003 = $0.12
    expect(reindex.lines.map((l) => [l.priceId, l.quantity])).toEqual([['containerapps.vcpu.active', 20_000], ['containerapps.memory.active', 40_000]]);
    expect(reindex.monthly).toBeCloseTo(0.6, 6);
    const nightly = e.resources.find((r) => r.address === 'azurerm_container_app_job.nightly')!;
    expect(nightly).toMatchObject({ priced: true, monthly: 0 });
  });
});

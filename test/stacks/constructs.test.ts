/** Constructs refuse insecure props even when used without the config schema (L2 guards). */
import { App, TerraformStack, Testing } from 'cdktf';
import { ServiceApp, imageName } from '../../stacks/constructs/container-app';
import { OpenAi } from '../../stacks/constructs/openai';
import { LogAnalytics } from '../../stacks/constructs/log-analytics';
import { Budget } from '../../stacks/constructs/budget';

const stack = () => new TerraformStack(Testing.app() as App, 'test');

const appProps = {
  name: 'demo-api',
  resourceGroupName: 'rg',
  environmentId: 'env-id',
  registryServer: 'acr.azurecr.io',
  image: { repository: 'demo/api', tag: '1.0.0' },
  identityId: 'uami-id',
  targetPort: 8000,
  cpu: 0.5,
  memory: '1Gi',
  maxReplicas: 2,
  concurrentRequests: 10,
  ingress: 'external' as const,
  livenessPath: '/health',
  readinessPath: '/ready',
  corsOrigins: ['https://app.example.com'],
  env: {},
};

test('ServiceApp refuses wildcard or empty CORS origins', () => {
  expect(() => new ServiceApp(stack(), 'a', { ...appProps, corsOrigins: ['*'] })).toThrow(/CORS origins must be explicit/);
  expect(() => new ServiceApp(stack(), 'a', { ...appProps, corsOrigins: [] })).toThrow(/CORS origins must be explicit/);
});

test('ServiceApp synthesizes scale-to-zero and no secrets block when it has none', () => {
  const s = stack();
  new ServiceApp(s, 'a', appProps);
  const json = JSON.parse(Testing.synth(s));
  const app = Object.values(json.resource.azurerm_container_app)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(app.template.min_replicas).toBe(0);
  expect(app.secret).toBeUndefined();
});

test('an internal app has ingress without a public endpoint', () => {
  const s = stack();
  new ServiceApp(s, 'a', { ...appProps, ingress: 'internal' });
  const app = Object.values(JSON.parse(Testing.synth(s)).resource.azurerm_container_app)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(app.ingress.external_enabled).toBe(false);
  expect(app.template.http_scale_rule).toHaveLength(1);
});

test('an app without ingress has no ingress block and runs in its cron window instead of on HTTP load', () => {
  const s = stack();
  const schedule = { timezone: 'Europe/Stockholm', start: '0 6 * * 1-5', end: '0 18 * * 1-5', replicas: 1 };
  new ServiceApp(s, 'a', { ...appProps, ingress: 'none', schedule });
  const app = Object.values(JSON.parse(Testing.synth(s)).resource.azurerm_container_app)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(app.ingress).toBeUndefined();
  expect(app.template.http_scale_rule).toBeUndefined();
  expect(app.template.min_replicas).toBe(0);
  expect(app.template.custom_scale_rule).toEqual([
    { name: 'schedule', custom_rule_type: 'cron', metadata: { timezone: 'Europe/Stockholm', start: '0 6 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: '1' } },
  ]);
  expect(() => new ServiceApp(stack(), 'b', { ...appProps, ingress: 'none' })).toThrow(/either ingress .* or a schedule/);
  expect(() => new ServiceApp(stack(), 'c', { ...appProps, schedule })).toThrow(/either ingress .* or a schedule/);
});

test('images are referenced by digest or tag, never bare', () => {
  expect(imageName('r.io', { repository: 'x', digest: 'sha256:ab' })).toBe('r.io/x@sha256:ab');
  expect(imageName('r.io', { repository: 'x', tag: '1.2.3' })).toBe('r.io/x:1.2.3');
  expect(() => imageName('r.io', { repository: 'x' })).toThrow(/digest or an immutable tag/);
});

test('OpenAi refuses a capacity above its cap', () => {
  const props = {
    name: 'oai',
    resourceGroupName: 'rg',
    location: 'swedencentral',
    model: { name: 'gpt-4.1', version: '2025-04-14' },
    deploymentSku: 'GlobalStandard',
    capacityThousandTpm: 300,
    capacityCapThousandTpm: 100,
    allowedIpRanges: [],
    allowedSubnetIds: [],
  };
  expect(() => new OpenAi(stack(), 'o', props)).toThrow(/300K TPM exceeds the cap of 100K TPM/);
});

test('LogAnalytics refuses unlimited ingestion', () => {
  expect(() => new LogAnalytics(stack(), 'l', { name: 'l', resourceGroupName: 'rg', location: 'x', retentionInDays: 30, dailyQuotaGb: -1 })).toThrow(
    /dailyQuotaGb must be positive/,
  );
});

test('Budget refuses to be created without owners', () => {
  expect(
    () => new Budget(stack(), 'b', { name: 'b', resourceGroupName: 'rg', resourceGroupId: 'id', shortName: 'b', amount: 10, startDate: '2026-12-01T00:00:00Z', contactEmails: [] }),
  ).toThrow(/at least one owner/);
});

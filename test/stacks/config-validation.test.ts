/**
 * Config validation: every problem is reported at once, each naming its file and field; no
 * security- or cost-relevant field has a silent default.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { UserError } from '../../src/cli/errors';
import { ConfigError, DEFAULT_CONFIG_DIR, loadEnvironments, parseEnvironmentYaml, validateEnvironment } from '../../stacks/config/load';
import { Json, rawConfig } from './helpers';

function problemsOf(raw: Json, file = 'prod.yaml'): string[] {
  return validateEnvironment(raw, file).problems;
}

function withChange(env: string, change: (c: Json) => void): string[] {
  const raw = rawConfig(env);
  change(raw);
  return problemsOf(raw, `${env}.yaml`);
}

test('the shipped configs are valid', () => {
  expect(loadEnvironments().map((c) => c.environment)).toEqual(['dev', 'prod']);
});

test.each([
  ['a wildcard CORS origin', (c: Json) => (c.containerApps.corsOrigins = ['*']), 'containerApps.corsOrigins[0]'],
  ['an origin with a path', (c: Json) => (c.containerApps.corsOrigins = ['https://a.example.com/app']), 'containerApps.corsOrigins[0]'],
  ['no CORS origins', (c: Json) => (c.containerApps.corsOrigins = []), 'containerApps.corsOrigins'],
  ['missing CORS origins', (c: Json) => delete c.containerApps.corsOrigins, 'containerApps.corsOrigins'],
  ['a mutable image tag', (c: Json) => (c.containerApps.apps.api.image = { repository: 'anet/api', tag: 'latest' }), 'containerApps.apps.api.image.tag'],
  ['an image without tag or digest', (c: Json) => (c.containerApps.apps.frontend.image = { repository: 'anet/frontend' }), 'containerApps.apps.frontend.image'],
  ['a malformed digest', (c: Json) => (c.containerApps.apps['graph-query-api'].image.digest = 'sha256:abc'), 'containerApps.apps.graph-query-api.image.digest'],
  ['no budget owner', (c: Json) => (c.budget.contactEmails = []), 'budget.contactEmails'],
  ['missing budget owners', (c: Json) => delete c.budget.contactEmails, 'budget.contactEmails'],
  ['a budget start not on day 1', (c: Json) => (c.budget.startDate = '2026-12-15T00:00:00Z'), 'budget.startDate'],
  ['a budget start before 2017-06', (c: Json) => (c.budget.startDate = '2017-05-01T00:00:00Z'), 'budget.startDate'],
  ['unlimited Log Analytics ingestion', (c: Json) => (c.logAnalytics.dailyQuotaGb = -1), 'logAnalytics.dailyQuotaGb'],
  ['retention below the provider minimum', (c: Json) => (c.logAnalytics.retentionInDays = 7), 'logAnalytics.retentionInDays'],
  ['OpenAI capacity above the production cap', (c: Json) => (c.openai.capacityThousandTpm = 300), 'openai.capacityThousandTpm'],
  ['no apps at all', (c: Json) => (c.containerApps.apps = {}), 'containerApps.apps'],
  ['an app name Azure refuses (upper case)', (c: Json) => (c.containerApps.apps.Web = c.containerApps.apps.frontend), 'containerApps.apps.Web'],
  ['an app name with --', (c: Json) => (c.containerApps.apps['web--ui'] = c.containerApps.apps.frontend), 'containerApps.apps.web--ui'],
  ['an app name that makes the Azure name longer than 32', (c: Json) => (c.containerApps.apps['a-very-long-service-name'] = c.containerApps.apps.frontend), 'containerApps.apps.a-very-long-service-name'],
  ['an unknown ingress', (c: Json) => (c.containerApps.apps.api.ingress = 'public'), 'containerApps.apps.api.ingress'],
  ['the old external flag', (c: Json) => (c.containerApps.apps.api.external = true), 'containerApps.apps.api'],
  ['an unknown uses entry', (c: Json) => (c.containerApps.apps.api.uses.storage = 'read'), 'containerApps.apps.api.uses'],
  ['an unknown access level', (c: Json) => (c.containerApps.apps.api.uses.search = 'admin'), 'containerApps.apps.api.uses.search'],
  ['a Gremlin access other than key', (c: Json) => (c.containerApps.apps.api.uses.cosmosGraph = 'read'), 'containerApps.apps.api.uses.cosmosGraph'],
  ['a literal secret value', (c: Json) => (c.containerApps.apps.api.secrets = { API_KEY: { value: 'hunter2' } }), 'containerApps.apps.api.secrets.API_KEY'],
  ['a secret name Key Vault refuses', (c: Json) => (c.containerApps.apps.api.secrets = { API_KEY: 'api_key' }), 'containerApps.apps.api.secrets.API_KEY'],
  ['the Gremlin key as a plain secret', (c: Json) => (c.containerApps.apps.frontend.secrets = { KEY: 'cosmos-gremlin-key' }), 'containerApps.apps.frontend.secrets.KEY'],
  ['an env name the stack sets', (c: Json) => (c.containerApps.apps.api.env = { AZURE_CLIENT_ID: 'x' }), 'containerApps.apps.api.env.AZURE_CLIENT_ID'],
  ['an invalid env name', (c: Json) => (c.containerApps.apps.api.env = { '1BAD': 'x' }), 'containerApps.apps.api.env.1BAD'],
  ['a caller that is not an app', (c: Json) => c.containerApps.apps.api.callers.push({ app: 'mobile', from: 'browser', urlEnv: 'X' }), 'containerApps.apps.api.callers[1].app'],
  ['an app calling itself', (c: Json) => c.containerApps.apps.api.callers.push({ app: 'api', from: 'server', urlEnv: 'X' }), 'containerApps.apps.api.callers[1].app'],
  ['a browser caller of an internal app', (c: Json) => (c.containerApps.apps['graph-query-api'].callers[0].from = 'browser'), 'containerApps.apps.graph-query-api.callers[0].from'],
  ['a browser caller whose own ingress is internal', (c: Json) => (c.containerApps.apps.frontend.ingress = 'internal'), 'containerApps.apps.api.callers[0].from'],
  ['a caller URL under a name the caller already sets', (c: Json) => (c.containerApps.apps.frontend.env = { API_BASE_URL: 'https://x.example.com' }), 'containerApps.apps.api.callers[0].urlEnv'],
  ['a caller of an app without ingress', (c: Json) => ((c.containerApps.apps.api.ingress = 'none'), (c.containerApps.apps.api.schedule = { timezone: 'UTC', start: '0 6 * * *', end: '0 7 * * *', replicas: 1 })), 'containerApps.apps.api.ingress'],
  ['no ingress without a schedule', (c: Json) => (c.containerApps.apps.frontend.ingress = 'none'), 'containerApps.apps.frontend.schedule'],
  ['a schedule on an app with ingress', (c: Json) => (c.containerApps.apps.frontend.schedule = { timezone: 'UTC', start: '0 6 * * *', end: '0 7 * * *', replicas: 1 }), 'containerApps.apps.frontend.schedule'],
  ['one secret read into two variables', (c: Json) => (c.containerApps.apps.api.secrets = { A_KEY: 'api-key', B_KEY: 'api-key' }), 'containerApps.apps.api.secrets.B_KEY'],
  ['a schedule above maxReplicas', (c: Json) => ((c.containerApps.apps.frontend.ingress = 'none'), (c.containerApps.apps.api.callers = []), (c.containerApps.apps.frontend.schedule = { timezone: 'UTC', start: '0 6 * * *', end: '0 7 * * *', replicas: 9 })), 'containerApps.apps.frontend.schedule.replicas'],
  ['a custom domain on an internal app', (c: Json) => (c.containerApps.apps['graph-query-api'].customDomain = 'graph.example.com'), 'containerApps.apps.graph-query-api.customDomain'],
  ['an unknown field (typo)', (c: Json) => (c.budgte = {}), '(root)'],
  ['replicas above the tier cap', (c: Json) => (c.containerApps.apps.api.maxReplicas = 50), 'containerApps.apps.api.maxReplicas'],
  ['a malformed address space', (c: Json) => (c.network.addressSpace = '10.41.0.1/16'), 'network.addressSpace'],
  ['a subnet outside the address space', (c: Json) => (c.network.appsSubnetPrefix = '10.99.0.0/23'), 'network.appsSubnetPrefix'],
  ['overlapping subnets', (c: Json) => (c.network.endpointsSubnetPrefix = '10.41.1.0/24'), 'network.endpointsSubnetPrefix'],
  ['an apps subnet smaller than /27', (c: Json) => (c.network.appsSubnetPrefix = '10.41.0.0/28'), 'network.appsSubnetPrefix'],
  ['a registry SKU that cannot be private', (c: Json) => (c.registry.sku = 'Basic'), 'registry.sku'],
  ['throughput on a serverless account', (c: Json) => ((c.cosmos.serverless = true), (c.cosmos.graph.maxThroughput = 4000)), 'cosmos.graph.maxThroughput'],
  ['a provisioned Cosmos account in development', (c: Json) => ((c.tier = 'development'), (c.environment = 'prod2')), 'cosmos.serverless'],
  ['a bad owner e-mail', (c: Json) => (c.owner = 'nobody'), 'owner'],
  ['memory that is not twice the CPU', (c: Json) => (c.containerApps.apps.api.memory = '4Gi'), 'containerApps.apps.api.memory'],
  ['more than one partition on the basic Search SKU', (c: Json) => (c.search.partitionCount = 3), 'search.partitionCount'],
  ['a provisioned Cosmos graph without a throughput ceiling', (c: Json) => delete c.cosmos.graph.maxThroughput, 'cosmos.graph.maxThroughput'],
  ['a provisioned Cosmos container without a throughput ceiling', (c: Json) => delete c.cosmos.telemetry.maxThroughput, 'cosmos.telemetry.maxThroughput'],
  ['Cosmos containers that differ only in case', (c: Json) => (c.cosmos.telemetry.containers = ['AlertStream', 'alertstream']), 'cosmos.telemetry.containers'],
  ['a Cosmos database name with a slash', (c: Json) => (c.cosmos.graph.database = 'network/graph'), 'cosmos.graph.database'],
  ['a graph name with a trailing space', (c: Json) => (c.cosmos.graph.graph = 'topology '), 'cosmos.graph.graph'],
  ['a cost center longer than a tag value may be', (c: Json) => (c.costCenter = 'x'.repeat(257)), 'costCenter'],
  [
    'an invalid state storage account',
    (c: Json) => (c.backend = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'Bad_Name', containerName: 'tfstate', key: 'prod.tfstate' }),
    'backend.storageAccountName',
  ],
])('rejects %s, naming the field', (_what, change, field) => {
  const problems = withChange('prod', change);
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.some((p) => p.startsWith(`prod.yaml: ${field}: `))).toBe(true);
});

test('app names and new app fields get one line each, naming file and field', () => {
  const problems = withChange('prod', (c) => {
    c.containerApps.apps.Web = c.containerApps.apps.frontend;
    c.containerApps.apps.api.uses.search = 'admin';
    c.containerApps.apps.api.secrets = { API_KEY: 'api_key' };
    c.containerApps.apps.frontend.env = { AZURE_CLIENT_ID: 'x' };
  });
  // zod lists field problems in document order (Web was added last); cross-field rules follow.
  expect(problems).toEqual([
    'prod.yaml: containerApps.apps.api.uses.search: Invalid option: expected one of "read"|"write"',
    'prod.yaml: containerApps.apps.api.secrets.API_KEY: must be a Key Vault secret name: 1-127 lower-case letters, digits and -, not starting or ending with -',
    'prod.yaml: containerApps.apps.Web: invalid name: must be lower-case letters, digits and -, start with a letter and end with a letter or digit',
    'prod.yaml: containerApps.apps.frontend.env.AZURE_CLIENT_ID: AZURE_CLIENT_ID is already set by the stack',
  ]);
});

test('any set of apps with any names is valid configuration', () => {
  const problems = withChange('dev', (c) => {
    const { api, frontend } = c.containerApps.apps;
    c.containerApps.apps = {
      web: { ...frontend },
      'orders-api': { ...api, uses: { cosmosTelemetry: 'write' }, secrets: { PAYMENT_KEY: 'payment-key' }, callers: [{ app: 'web', from: 'browser', urlEnv: 'ORDERS_URL' }] },
    };
  });
  expect(problems).toEqual([]);
});

test('lists every field-level problem in one go', () => {
  const problems = withChange('dev', (c) => {
    c.containerApps.corsOrigins = ['*'];
    c.containerApps.apps.api.image.tag = 'latest';
    delete c.budget.contactEmails;
    c.logAnalytics.dailyQuotaGb = -1;
  });
  expect(problems.map((p) => p.split(': ')[1]).sort()).toEqual(
    ['budget.contactEmails', 'containerApps.apps.api.image.tag', 'containerApps.corsOrigins[0]', 'logAnalytics.dailyQuotaGb'].sort(),
  );
});

test('cross-field rules are listed together with field errors, not after they are fixed', () => {
  const problems = withChange('prod', (c) => {
    c.containerApps.apps.api.image = { repository: 'anet/api', tag: 'latest' }; // field error
    delete c.budget.contactEmails; // missing field
    c.owner = 42; // wrong type
    c.containerApps.logLevel = 'DEBUG'; // production rule
    c.deletionProtection = false; // production rule
    c.search.partitionCount = 2; // SKU rule
    c.containerApps.apps.frontend.memory = '1Gi'; // CPU/memory rule (cpu 0.25)
  });
  expect(problems.map((p) => p.split(': ')[1]).sort()).toEqual(
    [
      'budget.contactEmails',
      'containerApps.apps.api.image.tag',
      'containerApps.apps.frontend.memory',
      'containerApps.logLevel',
      'deletionProtection',
      'owner',
      'search.partitionCount',
    ].sort(),
  );
});

test('a cross-field rule is skipped when a field it reads is itself invalid (no misleading second error)', () => {
  // tier is invalid, so "serverless outside production" cannot be judged and is not reported.
  expect(withChange('prod', (c) => (c.tier = 'staging'))).toEqual([expect.stringMatching(/^prod\.yaml: tier: /)]);
  // cpu is invalid, so the memory rule stays quiet.
  expect(withChange('prod', (c) => (c.containerApps.apps.api.cpu = 0.3))).toEqual([expect.stringMatching(/^prod\.yaml: containerApps\.apps\.api\.cpu: /)]);
});

test('production rejects DEBUG, localhost origins and missing deletion protection together', () => {
  const problems = withChange('prod', (c) => {
    c.containerApps.logLevel = 'DEBUG';
    c.containerApps.corsOrigins = ['https://anet.example.com', 'http://localhost:5173'];
    c.deletionProtection = false;
    c.keyVault.softDeleteRetentionDays = 7;
  });
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^prod\.yaml: containerApps\.logLevel: .*production/),
      expect.stringMatching(/^prod\.yaml: containerApps\.corsOrigins\[1\]: .*not localhost/),
      expect.stringMatching(/^prod\.yaml: deletionProtection: must be true in production/),
      expect.stringMatching(/^prod\.yaml: keyVault\.softDeleteRetentionDays: /),
    ]),
  );
  expect(problems).toHaveLength(4);
});

test('the same settings are allowed in development', () => {
  const problems = withChange('dev', (c) => {
    c.containerApps.logLevel = 'DEBUG';
    c.containerApps.corsOrigins = ['http://localhost:5173'];
    c.deletionProtection = false;
  });
  expect(problems).toEqual([]);
});

test('development has a lower OpenAI cap than production', () => {
  expect(withChange('dev', (c) => (c.openai.capacityThousandTpm = 50))).toEqual([
    'dev.yaml: openai.capacityThousandTpm: must be at most 20 (thousand TPM) for tier development',
  ]);
  expect(withChange('prod', (c) => (c.openai.capacityThousandTpm = 50))).toEqual([]);
});

test('the prod environment must be tier production', () => {
  expect(withChange('prod', (c) => (c.tier = 'development'))).toContain('prod.yaml: tier: the prod environment must have tier production');
});

test('the environment must match the file name', () => {
  expect(problemsOf(rawConfig('dev'), 'staging.yaml')).toEqual(['staging.yaml: environment: must equal the file name "staging" (got "dev")']);
});

test('a file-name mismatch is listed with the other problems of the file', () => {
  const raw = rawConfig('dev');
  raw.budget.contactEmails = [];
  expect(problemsOf(raw, 'staging.yaml')).toEqual([
    'staging.yaml: budget.contactEmails: must name at least one budget owner',
    'staging.yaml: environment: must equal the file name "staging" (got "dev")',
  ]);
});

test('YAML syntax errors name the line', () => {
  const { problems } = parseEnvironmentYaml('environment: dev\nbudget: [unclosed\n', 'dev.yaml');
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^dev\.yaml:\d+: YAML syntax: /);
});

test('a YAML syntax error is one problem at its line, not one per following line', () => {
  const text = 'environment: dev\ntier: development\ncorsOrigins:\n  - "*" ["https://a.example.com"]\napps:\n  api: { cpu: 0.5 }\n  web: { cpu: 0.25 }\n';
  const { problems } = parseEnvironmentYaml(text, 'dev.yaml');
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^dev\.yaml:4: YAML syntax: .* \(\d+ further syntax errors after it\)$/);
});

describe('loading a directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stacks-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reports problems of all files and missing required environments in one ConfigError', () => {
    const dev = rawConfig('dev');
    dev.containerApps.corsOrigins = ['*'];
    writeFileSync(join(dir, 'dev.yaml'), stringify(dev));
    const staging = rawConfig('dev');
    staging.environment = 'stage';
    delete staging.budget.contactEmails;
    writeFileSync(join(dir, 'stage.yaml'), stringify(staging));
    let error: unknown;
    try {
      loadEnvironments(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(UserError);
    const { problems, exitCode } = error as ConfigError;
    expect(exitCode).toBe(2);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/dev\.yaml: containerApps\.corsOrigins\[0\]: /);
    expect(problems[1]).toMatch(/stage\.yaml: budget\.contactEmails: required$/);
    expect(problems[2]).toMatch(/prod\.yaml: missing/);
  });

  test('an extra environment file adds a stack', () => {
    for (const env of ['dev', 'prod']) writeFileSync(join(dir, `${env}.yaml`), readFileSync(join(DEFAULT_CONFIG_DIR, `${env}.yaml`)));
    const staging = rawConfig('dev');
    staging.environment = 'stage';
    writeFileSync(join(dir, 'stage.yaml'), stringify(staging));
    expect(loadEnvironments(dir).map((c) => c.environment)).toEqual(['dev', 'prod', 'stage']);
  });

  test('the app entry prints one line per problem and exits 2 without a stack trace', () => {
    const prod = rawConfig('prod');
    prod.containerApps.apps.api.image.digest = 'sha256:latest';
    prod.containerApps.apps.api.uses.search = 'admin';
    prod.budget.contactEmails = [];
    writeFileSync(join(dir, 'prod.yaml'), stringify(prod));
    // Once a construct-ID collision (a stack trace from constructs); now a config problem.
    const dev = rawConfig('dev');
    dev.cosmos.telemetry.containers = ['AlertStream', 'alertstream'];
    writeFileSync(join(dir, 'dev.yaml'), stringify(dev));
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '..', '..', 'bin', 'main.ts')], {
      env: { ...process.env, STACKS_CONFIG_DIR: dir, CDKTF_OUTDIR: join(dir, 'out') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('error: invalid stack configuration (4 problems):');
    expect(lines.slice(1).map((l) => l.trim().split(': ')[1])).toEqual([
      'cosmos.telemetry.containers',
      'containerApps.apps.api.image.digest',
      'containerApps.apps.api.uses.search',
      'budget.contactEmails',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

/**
 * The typed configuration of one environment, validated with zod before any construct is built.
 * Fields that decide security or cost have no default: a missing CORS origin, image reference or
 * budget owner is an error naming the field, never a silent fallback (audit 000 §5, §6.1, §6.7).
 * Field-level rules are here; rules that depend on the tier (production) are in `tierRules`.
 */
import { z } from 'zod';
import { cidrContains, cidrOverlaps, parseCidr } from './cidr';
import {
  DAILY_QUOTA_GB_CAP,
  MAX_REPLICAS_CAP,
  OPENAI_CAPACITY_CAP_K,
  PROD_LOG_LEVELS,
  PROD_MIN_SOFT_DELETE_DAYS,
  TIERS,
} from './limits';

/** The container apps of the audited system, in a fixed order (their config keys). */
export const APP_NAMES = ['api', 'graph-query-api', 'frontend'] as const;
export type AppName = (typeof APP_NAMES)[number];

const shortName = (what: string) =>
  z.string().regex(/^[a-z][a-z0-9]{1,5}$/, `${what} must be 2-6 lower-case letters/digits starting with a letter`);

/** A private IPv4 network block such as 10.40.0.0/16 (no host bits set). */
const cidrBlock = z.string().refine((s) => parseCidr(s) !== undefined, 'must be an IPv4 CIDR block such as 10.40.0.0/16 (no host bits set)');

/** An Azure virtual network resource ID. */
const vnetId = z
  .string()
  .regex(
    /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.Network\/virtualNetworks\/[A-Za-z0-9][-\w.]{0,62}[\w]$/,
    'must be a virtual network resource ID such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>',
  );

/** An explicit browser origin: scheme, host and optional port; never `*`, never a path. */
const corsOrigin = z
  .string()
  .regex(/^https?:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/, 'must be an explicit origin such as https://app.example.com (no wildcard, no path)');

/** Semantic version (1.4.2, v2.0.0-rc.1) or a git commit sha: tags a release process never moves. */
const IMMUTABLE_TAG = /^(v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?|[0-9a-f]{7,40})$/;

const imageRef = z
  .strictObject({
    /** Repository inside the platform's registry, e.g. `anet/api`. */
    repository: z.string().regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'must be a lower-case repository path such as anet/api'),
    digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>').optional(),
    tag: z
      .string()
      .regex(IMMUTABLE_TAG, 'must be an immutable tag (semantic version such as 1.4.2 or a git sha); mutable tags such as latest are rejected')
      .optional(),
  })
  .refine((i) => (i.digest === undefined) !== (i.tag === undefined), 'set exactly one of digest or tag');

const httpPath = z.string().regex(/^\/[A-Za-z0-9._~/-]*$/, 'must be an absolute URL path such as /health');

const containerApp = z.strictObject({
  image: imageRef,
  targetPort: z.number().int().min(1).max(65535),
  /** vCPU per replica; Container Apps consumption allows 0.25-4 in 0.25 steps. */
  cpu: z.number().min(0.25).max(4).refine((n) => Number.isInteger(n * 4), 'must be a multiple of 0.25'),
  /** Memory per replica: exactly twice the CPU in Gi on the consumption profile (0.5Gi … 8Gi; checked in `tierRules`). */
  memory: z.string().regex(/^\d+(\.\d+)?Gi$/, 'must be a Gi quantity such as 1Gi'),
  maxReplicas: z.number().int().min(1).max(300),
  /** Concurrent requests per replica that trigger a scale-out (the HTTP scale rule). */
  concurrentRequests: z.number().int().min(1).max(1000),
  /** Whether ingress is reachable from the internet (false: only inside the environment). */
  external: z.boolean(),
  livenessPath: httpPath,
  readinessPath: httpPath,
});

const backend = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local'), path: z.string().min(1).optional() }),
  z.strictObject({
    type: z.literal('azurerm'),
    resourceGroupName: z.string().min(1),
    storageAccountName: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be 3-24 lower-case letters/digits'),
    containerName: z.string().min(3),
    key: z.string().min(1),
  }),
]);

/**
 * Budget start: RFC3339, day 1 of a month (the provider rejects any other day), on or after 2017-06-01.
 * It must be the current month (or a later one) when the budget is first created, since Azure refuses a
 * monthly budget starting in an earlier month; once created the stack ignores later changes to it
 * (constructs/budget.ts), so an existing budget never needs it bumped. The policy gate's
 * budget-start-current rule checks a plan that creates the budget against the clock.
 */
const budgetStart = z
  .string()
  .regex(/^\d{4}-\d{2}-01T00:00:00(Z|[+-]\d{2}:\d{2})$/, 'must be RFC3339 on day 1 of a month, e.g. 2026-12-01T00:00:00Z')
  .refine((s) => s.slice(0, 7) >= '2017-06', 'must be on or after 2017-06-01');

/**
 * A Cosmos DB database or graph name: 1-255 characters (azurerm's validate.CosmosEntityName), and
 * none of `/`, `\`, `#`, `?` nor a trailing space, which the Cosmos DB service refuses in resource IDs.
 */
const cosmosEntityName = z
  .string()
  .regex(/^[^/\\#?]{0,254}[^/\\#? ]$/, 'must be 1-255 characters without /, \\, #, ? or a trailing space');

const searchSku = z.enum(['free', 'basic', 'standard', 'standard2', 'standard3', 'storage_optimized_l1', 'storage_optimized_l2']);

export const environmentSchema = z
  .strictObject({
    /** Stack name; must equal the config file name (config/<environment>.yaml). */
    environment: shortName('environment'),
    tier: z.enum(TIERS),
    location: z.string().regex(/^[a-z]+[a-z0-9]*$/, 'must be an Azure region name such as swedencentral'),
    /** Optional: otherwise the provider reads ARM_SUBSCRIPTION_ID. */
    subscriptionId: z.uuid().optional(),
    namePrefix: shortName('namePrefix'),
    /** Makes globally unique names (registry, vault, Cosmos, Search, OpenAI) deterministic. */
    nameSuffix: z.string().regex(/^[a-z0-9]{2,6}$/, 'must be 2-6 lower-case letters/digits'),
    owner: z.email(),
    /** Tag value: at most 256 characters (Azure tag value limit). */
    costCenter: z.string().min(1).max(256),
    backend,
    /** The environment's VNet: data services are reachable only through private endpoints in it. */
    network: z.strictObject({
      addressSpace: cidrBlock,
      /** Container Apps subnet (delegated); /27 or larger. */
      appsSubnetPrefix: cidrBlock,
      /** Private endpoints subnet; /28 or larger. */
      endpointsSubnetPrefix: cidrBlock,
      /**
       * Optional: VNets (peered with this one by their owner) whose machines must reach the private
       * endpoints, such as the runner that pushes images; every privatelink zone is linked to them.
       */
      runnerVnetIds: z
        .array(vnetId)
        .max(10)
        // Each becomes a zone link named after the VNet (and a Terraform address): names must differ.
        .refine((ids) => new Set(ids.map((i) => String(i).split('/').pop()!.toLowerCase())).size === ids.length, 'must name VNets whose names are unique')
        .optional(),
    }),
    logAnalytics: z.strictObject({
      retentionInDays: z.number().int().min(30).max(730),
      /** GB/day; -1 (unlimited) is rejected. */
      dailyQuotaGb: z.number().positive(),
    }),
    registry: z.strictObject({
      sku: z.literal('Premium', { error: 'must be Premium: only Premium registries can turn public network access off (private endpoint)' }),
    }),
    keyVault: z.strictObject({
      skuName: z.enum(['standard', 'premium']),
      softDeleteRetentionDays: z.number().int().min(7).max(90),
    }),
    cosmos: z.strictObject({
      /** Serverless bills per request (no idle RU/s); must be chosen at creation. */
      serverless: z.boolean(),
      backupTier: z.enum(['Continuous7Days', 'Continuous30Days']),
      graph: z.strictObject({
        database: cosmosEntityName,
        graph: cosmosEntityName,
        partitionKeyPath: z.string().regex(/^\/\w+$/, 'must be a path such as /partitionKey'),
        /** Autoscale ceiling in RU/s; only for provisioned (non-serverless) accounts. */
        maxThroughput: z.number().int().min(1000).max(1000000).multipleOf(1000).optional(),
      }),
      telemetry: z.strictObject({
        database: cosmosEntityName,
        containers: z
          .array(z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,254}$/, 'must be a container name (letters, digits, -)'))
          .min(1)
          // Each container is a construct (and a Terraform address) named after its lower-cased name.
          .refine((names) => new Set(names.map((n) => String(n).toLowerCase())).size === names.length, 'must be unique (ignoring case)'),
        partitionKeyPath: z.string().regex(/^\/\w+$/, 'must be a path such as /partitionKey'),
        maxThroughput: z.number().int().min(1000).max(1000000).multipleOf(1000).optional(),
      }),
    }),
    search: z.strictObject({
      sku: searchSku,
      replicaCount: z.number().int().min(1).max(12),
      partitionCount: z.union([1, 2, 3, 4, 6, 12].map((n) => z.literal(n)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]),
    }),
    openai: z.strictObject({
      model: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
      deploymentSku: z.enum(['Standard', 'GlobalStandard', 'DataZoneStandard']),
      /** Thousands of tokens per minute (sku.capacity); capped per tier in limits.ts. */
      capacityThousandTpm: z.number().int().min(1),
    }),
    containerApps: z.strictObject({
      logLevel: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']),
      corsOrigins: z.array(corsOrigin).min(1, 'must list at least one origin'),
      apps: z.strictObject({ api: containerApp, 'graph-query-api': containerApp, frontend: containerApp }),
    }),
    budget: z.strictObject({
      /** Monthly amount in the billing currency. */
      amount: z.number().positive(),
      startDate: budgetStart,
      contactEmails: z.array(z.email()).min(1, 'must name at least one budget owner'),
    }),
    /** Management locks (CanNotDelete) on stateful resources; required in production. */
    deletionProtection: z.boolean(),
  })
  // Cross-field rules run even when other fields are invalid (`when`), so one run lists every
  // problem; each rule checks only fields that passed their own schema (see `tierRules`).
  .superRefine((c, ctx) => crossFieldRules(c, ctx), { when: () => true });

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type ContainerAppConfig = EnvironmentConfig['containerApps']['apps'][AppName];

type Path = (string | number)[];
type Issue = { path: Path; message: string };

/** True when `a` is `b`, inside `b` or contains `b` (an issue at one of them makes the other unreliable). */
function overlaps(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Runs `tierRules` on a possibly partly invalid document. zod keeps going after field errors, so
 * the value may hold wrong types where an issue is already recorded; `valid(...paths)` tells a rule
 * whether the fields it reads passed their own schema (unknown keys do not make a field invalid).
 */
function crossFieldRules(c: unknown, ctx: z.RefinementCtx): void {
  if (typeof c !== 'object' || c === null) return; // reported as "(root): expected object"
  const bad = ctx.issues.filter((i) => i.code !== 'unrecognized_keys').map((i) => i.path ?? []);
  const valid = (...paths: Path[]) => paths.every((p) => !bad.some((b) => overlaps(b, p)));
  let issues: Issue[] = [];
  try {
    issues = tierRules(c as EnvironmentConfig, valid);
  } catch {
    // A rule read a field that is invalid in a way `valid` did not foresee; that field is reported anyway.
  }
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}

/** Cross-field rules: caps per tier, production sanity, SKU and size combinations. */
function tierRules(cfg: EnvironmentConfig, valid: (...paths: Path[]) => boolean): Issue[] {
  const issues: Issue[] = [];
  const tierKnown = valid(['tier']);
  const prod = tierKnown && cfg.tier === 'production';

  if (tierKnown && valid(['openai', 'capacityThousandTpm'])) {
    const capK = OPENAI_CAPACITY_CAP_K[cfg.tier];
    if (cfg.openai.capacityThousandTpm > capK)
      issues.push({ path: ['openai', 'capacityThousandTpm'], message: `must be at most ${capK} (thousand TPM) for tier ${cfg.tier}` });
  }

  if (tierKnown && valid(['logAnalytics', 'dailyQuotaGb'])) {
    const quotaCap = DAILY_QUOTA_GB_CAP[cfg.tier];
    if (cfg.logAnalytics.dailyQuotaGb > quotaCap)
      issues.push({ path: ['logAnalytics', 'dailyQuotaGb'], message: `must be at most ${quotaCap} GB/day for tier ${cfg.tier}` });
  }

  for (const name of APP_NAMES) {
    const app: Path = ['containerApps', 'apps', name];
    if (tierKnown && valid([...app, 'maxReplicas'])) {
      const replicaCap = MAX_REPLICAS_CAP[cfg.tier];
      if (cfg.containerApps.apps[name].maxReplicas > replicaCap)
        issues.push({ path: [...app, 'maxReplicas'], message: `must be at most ${replicaCap} for tier ${cfg.tier}` });
    }
    if (valid([...app, 'cpu'], [...app, 'memory'])) {
      // Consumption profile: the only CPU/memory pairs Azure accepts are 0.25 vCPU/0.5Gi steps (memory = 2 × vCPU).
      const { cpu, memory } = cfg.containerApps.apps[name];
      if (parseFloat(memory) !== cpu * 2)
        issues.push({ path: [...app, 'memory'], message: `must be ${cpu * 2}Gi for cpu ${cpu} (Container Apps consumption: memory = 2 × vCPU)` });
    }
  }

  if (valid(['network'])) issues.push(...networkLayout(cfg.network));

  if (tierKnown && !prod && valid(['cosmos', 'serverless']) && !cfg.cosmos.serverless)
    issues.push({ path: ['cosmos', 'serverless'], message: 'must be true outside production (no idle RU/s charge)' });
  if (valid(['cosmos', 'serverless'])) {
    for (const part of ['graph', 'telemetry'] as const) {
      if (!valid(['cosmos', part, 'maxThroughput'])) continue;
      const set = cfg.cosmos[part].maxThroughput !== undefined;
      if (cfg.cosmos.serverless && set)
        issues.push({ path: ['cosmos', part, 'maxThroughput'], message: 'must not be set on a serverless account' });
      if (!cfg.cosmos.serverless && !set)
        issues.push({
          path: ['cosmos', part, 'maxThroughput'],
          message: 'required when cosmos.serverless is false (otherwise Cosmos DB silently provisions 400 RU/s manual throughput)',
        });
    }
  }

  if (valid(['search', 'sku'], ['search', 'replicaCount'], ['search', 'partitionCount'])) {
    const { sku, replicaCount, partitionCount } = cfg.search;
    if (sku === 'free' && (replicaCount !== 1 || partitionCount !== 1))
      issues.push({ path: ['search', 'sku'], message: 'free does not allow replicaCount/partitionCount other than 1' });
    if (sku === 'basic' && replicaCount > 3) issues.push({ path: ['search', 'replicaCount'], message: 'must be at most 3 on the basic SKU' });
    // azurerm rejects partition_count > 1 on basic ("values greater than 1 cannot be set for the basic SKU").
    if (sku === 'basic' && partitionCount !== 1) issues.push({ path: ['search', 'partitionCount'], message: 'must be 1 on the basic SKU' });
  }

  if (tierKnown && valid(['environment']) && cfg.environment === 'prod' && !prod)
    issues.push({ path: ['tier'], message: 'the prod environment must have tier production' });

  if (prod) {
    if (valid(['containerApps', 'logLevel']) && !(PROD_LOG_LEVELS as readonly string[]).includes(cfg.containerApps.logLevel))
      issues.push({ path: ['containerApps', 'logLevel'], message: `must be one of ${PROD_LOG_LEVELS.join(', ')} in production` });
    if (Array.isArray(cfg.containerApps?.corsOrigins)) {
      cfg.containerApps.corsOrigins.forEach((o, i) => {
        if (typeof o !== 'string' || !valid(['containerApps', 'corsOrigins', i])) return;
        if (!o.startsWith('https://') || /\/\/(localhost|127\.|0\.0\.0\.0)/.test(o))
          issues.push({ path: ['containerApps', 'corsOrigins', i], message: 'must be an https origin that is not localhost in production' });
      });
    }
    if (valid(['deletionProtection']) && !cfg.deletionProtection) issues.push({ path: ['deletionProtection'], message: 'must be true in production' });
    if (valid(['keyVault', 'softDeleteRetentionDays']) && cfg.keyVault.softDeleteRetentionDays < PROD_MIN_SOFT_DELETE_DAYS)
      issues.push({ path: ['keyVault', 'softDeleteRetentionDays'], message: `must be at least ${PROD_MIN_SOFT_DELETE_DAYS} in production` });
  }

  return issues;
}

/** Both subnets inside the address space, apart from each other, and big enough. */
function networkLayout(network: EnvironmentConfig['network']): Issue[] {
  const space = parseCidr(network.addressSpace);
  const apps = parseCidr(network.appsSubnetPrefix);
  const endpoints = parseCidr(network.endpointsSubnetPrefix);
  const issues: Issue[] = [];
  // Malformed blocks are already reported by their field schema (refinements do not abort).
  if (!space || !apps || !endpoints) return issues;
  for (const [key, subnet] of [['appsSubnetPrefix', apps], ['endpointsSubnetPrefix', endpoints]] as const)
    if (!cidrContains(space, subnet)) issues.push({ path: ['network', key], message: `must lie inside addressSpace ${network.addressSpace}` });
  if (cidrOverlaps(apps, endpoints)) issues.push({ path: ['network', 'endpointsSubnetPrefix'], message: 'must not overlap appsSubnetPrefix' });
  if (apps.prefix > 27) issues.push({ path: ['network', 'appsSubnetPrefix'], message: 'must be /27 or larger (Container Apps workload profiles)' });
  if (endpoints.prefix > 28) issues.push({ path: ['network', 'endpointsSubnetPrefix'], message: 'must be /28 or larger' });
  return issues;
}

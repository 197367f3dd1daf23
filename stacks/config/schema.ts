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
import { GREMLIN_KEY_SECRET, RESERVED_ENV } from './app-env';

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

/**
 * Container app names (the key in containerApps.apps): lower-case letters, digits and '-', starting
 * with a letter, ending with a letter or digit, no '--' (azurerm
 * internal/services/containerapps/validate/validate.go ContainerAppName; Azure's naming rules for
 * Microsoft.App/containerApps also cap the full name, `<namePrefix>-<environment>-<app>`, at 32
 * characters: checked in `appRules`).
 */
export const CONTAINER_APP_NAME_MAX = 32;
const appName = z
  .string()
  .regex(/^[a-z]([a-z0-9-]*[a-z0-9])?$/, 'must be lower-case letters, digits and -, start with a letter and end with a letter or digit')
  .refine((s) => !s.includes('--'), 'must not contain --');

/** An environment variable name as POSIX shells and Container Apps accept it. */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name (letters, digits, _; not starting with a digit)');

/**
 * A Key Vault secret name the app reads by reference (Key Vault allows 1-127 letters, digits and -;
 * Container Apps secret names must be lower case, so the vault name is used for both).
 */
const keyVaultSecretName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,125}[a-z0-9])?$/, 'must be a Key Vault secret name: 1-127 lower-case letters, digits and -, not starting or ending with -');

/**
 * What an app uses; each entry grants its identity one role on that one resource and sets the
 * endpoints it needs (stacks/apps/wiring.ts). Nothing declared, nothing granted.
 */
const appUses = z.strictObject({
  /** The Gremlin account key, read from Key Vault (the key gives read-write access: Gremlin has no data-plane roles here). */
  cosmosGraph: z.literal('key', { error: 'must be key (the Gremlin account key from Key Vault)' }).optional(),
  /** Cosmos DB NoSQL telemetry database: built-in Data Reader, or Data Contributor with write. */
  cosmosTelemetry: z.enum(['read', 'write']).optional(),
  /** AI Search: Search Index Data Reader, or Search Index Data Contributor with write. */
  search: z.enum(['read', 'write']).optional(),
  /** Azure OpenAI: Cognitive Services OpenAI User (inference only). */
  openai: z.literal('user', { error: 'must be user (Cognitive Services OpenAI User)' }).optional(),
});

/** Another app that may call this one; the caller receives this app's URL in `urlEnv`. */
const appCaller = z.strictObject({
  app: appName,
  /** browser: the caller's web page calls this app (CORS gets the caller's origin); server: the caller's code does. */
  from: z.enum(['browser', 'server']),
  urlEnv: envName,
});

/** KEDA cron window for an app without ingress (nothing else would ever start it from zero). */
const schedule = z.strictObject({
  /** IANA time zone, e.g. Europe/Stockholm. */
  timezone: z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'must be an IANA time zone such as Europe/Stockholm'),
  /** Cron expressions (5 fields) for the start and the end of the window. */
  start: z.string().regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field cron expression such as 0 6 * * 1-5'),
  end: z.string().regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field cron expression such as 0 18 * * 1-5'),
  replicas: z.number().int().min(1).max(300),
});

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
  /** external: reachable from the internet; internal: only from apps in the environment; none: no ingress (needs a schedule). */
  ingress: z.enum(['external', 'internal', 'none']),
  /** Custom domain the app is served on (bound outside this stack); its origin replaces the Container Apps FQDN. */
  customDomain: z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case host name such as app.example.com')
    .optional(),
  livenessPath: httpPath,
  readinessPath: httpPath,
  uses: appUses.optional(),
  /** Plain, non-secret settings (secrets go in `secrets`). */
  env: z.record(envName, z.string()).optional(),
  /** Environment variable → Key Vault secret name, read by reference with the app's own identity; never a value. */
  secrets: z.record(envName, keyVaultSecretName).optional(),
  /** Apps that may call this one. */
  callers: z.array(appCaller).optional(),
  /** Only with ingress none: the cron window in which the app runs. */
  schedule: schedule.optional(),
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
      apps: z.record(appName, containerApp).refine((apps) => Object.keys(apps).length > 0, 'must define at least one app'),
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
export type ContainerAppConfig = EnvironmentConfig['containerApps']['apps'][string];
export type AppUses = NonNullable<ContainerAppConfig['uses']>;

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

  issues.push(...appRules(cfg, valid, tierKnown));

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

/**
 * Per-app rules: caps and sizes, the full Azure name, and declarations that must agree with each
 * other (callers that exist and can reach the app, env names the stack or another entry already sets).
 */
function appRules(cfg: EnvironmentConfig, valid: (...paths: Path[]) => boolean, tierKnown: boolean): Issue[] {
  const issues: Issue[] = [];
  const apps = cfg.containerApps?.apps;
  if (typeof apps !== 'object' || apps === null) return issues;
  const names = Object.keys(apps);
  const at = (name: string, ...rest: (string | number)[]): Path => ['containerApps', 'apps', name, ...rest];
  const ok = (name: string, ...fields: string[]) => valid(at(name)) || fields.every((f) => valid(at(name, f)));

  for (const name of names) {
    const app = apps[name];
    if (typeof app !== 'object' || app === null) continue;
    if (tierKnown && ok(name, 'maxReplicas')) {
      const replicaCap = MAX_REPLICAS_CAP[cfg.tier];
      if (app.maxReplicas > replicaCap) issues.push({ path: at(name, 'maxReplicas'), message: `must be at most ${replicaCap} for tier ${cfg.tier}` });
    }
    if (ok(name, 'cpu', 'memory') && parseFloat(app.memory) !== app.cpu * 2)
      // Consumption profile: the only CPU/memory pairs Azure accepts are 0.25 vCPU/0.5Gi steps (memory = 2 × vCPU).
      issues.push({ path: at(name, 'memory'), message: `must be ${app.cpu * 2}Gi for cpu ${app.cpu} (Container Apps consumption: memory = 2 × vCPU)` });
    if (valid(['namePrefix'], ['environment']) && valid(at(name))) {
      const full = `${cfg.namePrefix}-${cfg.environment}-${name}`;
      if (full.length > CONTAINER_APP_NAME_MAX)
        issues.push({ path: at(name), message: `makes the container app name ${full} (${full.length} characters); Azure allows at most ${CONTAINER_APP_NAME_MAX}` });
    }
    if (!ok(name, 'ingress', 'schedule', 'customDomain')) continue;
    if (app.ingress === 'none' && !app.schedule)
      issues.push({ path: at(name, 'schedule'), message: 'required with ingress none (an app without ingress that scales to zero is never started otherwise)' });
    if (app.ingress !== 'none' && app.schedule)
      issues.push({ path: at(name, 'schedule'), message: 'only allowed with ingress none (apps with ingress scale on HTTP requests)' });
    if (app.schedule && ok(name, 'maxReplicas') && app.schedule.replicas > app.maxReplicas)
      issues.push({ path: at(name, 'schedule', 'replicas'), message: `must be at most maxReplicas (${app.maxReplicas})` });
    if (app.ingress !== 'external' && app.customDomain)
      issues.push({ path: at(name, 'customDomain'), message: 'only allowed with ingress external' });
  }

  // Environment variable names each app receives: the stack's, its own env and secrets, and the URLs of the apps it calls.
  const taken = new Map<string, Map<string, string>>(); // app → env name → what sets it
  const claim = (app: string, env: string, by: string, path: Path) => {
    const mine = taken.get(app) ?? new Map<string, string>();
    taken.set(app, mine);
    const before = mine.get(env) ?? (RESERVED_ENV.has(env) ? 'the stack' : undefined);
    if (before) issues.push({ path, message: `${env} is already set by ${before}` });
    else mine.set(env, by);
  };
  for (const name of names) {
    const app = apps[name];
    if (typeof app !== 'object' || app === null) continue;
    if (ok(name, 'env')) for (const env of Object.keys(app.env ?? {})) claim(name, env, `env`, at(name, 'env', env));
    const referenced = new Map<string, string>(); // secret → env name
    if (ok(name, 'secrets'))
      for (const [env, secret] of Object.entries(app.secrets ?? {})) {
        if (referenced.has(secret))
          issues.push({ path: at(name, 'secrets', env), message: `${secret} is already read into ${referenced.get(secret)}: reference each secret once` });
        else if (secret === GREMLIN_KEY_SECRET)
          issues.push({ path: at(name, 'secrets', env), message: `${secret} is the Gremlin key: declare uses.cosmosGraph: key instead` });
        else claim(name, env, 'secrets', at(name, 'secrets', env));
        referenced.set(secret, referenced.get(secret) ?? env);
      }
  }
  for (const name of names) {
    const app = apps[name];
    if (typeof app !== 'object' || app === null || !ok(name, 'callers', 'ingress') || !app.callers) continue;
    const seen = new Set<string>();
    app.callers.forEach((caller, i) => {
      const path = at(name, 'callers', i, 'app');
      const from = apps[caller.app];
      if (caller.app === name) return issues.push({ path, message: 'an app does not list itself as a caller' });
      if (typeof from !== 'object' || from === null) return issues.push({ path, message: `${caller.app} is not an app in containerApps.apps` });
      if (seen.has(caller.app)) return issues.push({ path, message: `${caller.app} is listed twice` });
      seen.add(caller.app);
      if (app.ingress === 'none') return issues.push({ path: at(name, 'ingress'), message: `is none, so ${caller.app} cannot call this app: use internal or external` });
      if (caller.from === 'browser') {
        // A browser reaches only external ingress, and the page it runs comes from the caller's external ingress.
        if (app.ingress !== 'external')
          issues.push({ path: at(name, 'callers', i, 'from'), message: `browser: a browser cannot reach ${app.ingress} ingress; make this app external or call it from ${caller.app}'s server` });
        if (valid(at(caller.app, 'ingress')) && from.ingress !== 'external')
          issues.push({ path: at(name, 'callers', i, 'from'), message: `browser: ${caller.app} has ${from.ingress} ingress, so no browser loads it` });
      }
      claim(caller.app, caller.urlEnv, `${name}'s callers`, at(name, 'callers', i, 'urlEnv'));
    });
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

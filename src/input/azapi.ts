/**
 * azapi resources, read as the azurerm resources rules and the cost estimator already know.
 *
 * `azapi_resource` (and `azapi_update_resource`) carry an ARM request body (`body`, merged with the
 * write-only `sensitive_body`) for an ARM type (`type = "Microsoft.App/containerApps@2024-03-01"`).
 * Every format (HCL, CDKTF JSON, plan JSON) is normalised first; `mapAzapi` then turns each azapi
 * resource of a known ARM type into the azurerm-shaped view of the equivalent azurerm type, in
 * this one place, so that every rule and pricer covers azapi without knowing about it:
 *   - `address`, `name`, `module` stay the azapi resource's (findings point at the real resource);
 *   - `type` becomes the azurerm type (`azurerm_container_app`), and `azapi` records the azapi
 *     type, the ARM type and its API version;
 *   - `values` hold the azurerm attributes the ARM properties stand for (ARM values converted:
 *     `publicNetworkAccess = "Disabled"` → `public_network_access_enabled = false`,
 *     `disableLocalAuth = true` → `local_auth_enabled = false`);
 *   - `references`, `unknown` and `sensitive` paths are moved to the azurerm attribute with the
 *     value (`body.properties.configuration.secrets.0.keyVaultUrl` → `secret.0.key_vault_secret_id`);
 *     a path under an ARM property the mapping does not read keeps its `body.…` / `sensitive_body.…`
 *     path (lib.secrets knows which ARM properties are credential inputs).
 * An azapi resource of another ARM type (or whose type is an expression) keeps type `azapi_resource`
 * with `azapi.armType`, so that the cost review lists it as unpriced by name.
 * The ARM property ↔ azurerm attribute table is in policies/README.md ("azapi resources").
 */
import type { NormalizedResource, PolicyInput, Reference } from './types';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isExpression = (v: unknown): v is string => typeof v === 'string' && v.includes('${');

export const AZAPI_TYPES = new Set(['azapi_resource', 'azapi_update_resource']);

/** azapi attributes of dynamic type: the ARM request body. */
const DYNAMIC_ATTRIBUTES = new Set(['body', 'sensitive_body']);

/** azapi attributes whose object value is a value (dynamic or a map), never a nested block: CDKTF must not wrap them. */
const VALUE_ATTRIBUTES = new Set([...DYNAMIC_ATTRIBUTES, 'sensitive_body_version', 'headers', 'query_parameters', 'replace_triggers_external_values']);

export function isAzapiDynamic(resourceType: string, name: string): boolean {
  return AZAPI_TYPES.has(resourceType) && VALUE_ATTRIBUTES.has(name);
}

/**
 * Configuration values of an azapi resource as azapi reads them: `body = jsonencode({...})` (the
 * azapi 1.x way, still accepted by 2.x, which decodes the string) is the object itself, so the
 * evaluator keeps its structure and the references of each property.
 */
export function azapiConfigValues(resourceType: string, values: Json): Json {
  if (!AZAPI_TYPES.has(resourceType)) return values;
  const out = { ...values };
  for (const key of DYNAMIC_ATTRIBUTES) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    const m = /^\$\{\s*jsonencode\(([^]*)\)\s*\}$/.exec(v);
    if (m && balanced(m[1])) out[key] = `\${${m[1]}}`;
  }
  return out;
}

/** True when brackets in `code` (outside strings) balance: `jsonencode(a)}-${f(b)` is not one call. */
function balanced(code: string): boolean {
  let depth = 0;
  let quote = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c) && --depth < 0) return false;
  }
  return depth === 0;
}

// ---------------------------------------------------------------- reading ARM values with their paths

/** Paths of the normalised resource that are unknown until apply (plans), or hold an expression in place of an object. */
interface Ctx {
  unknown: string[];
}

const within = (p: string, u: string): boolean => p === u || p.startsWith(`${u}.`);

/**
 * A position in the azapi resource: the values found there under each source (`body.…` and
 * `sensitive_body.…`, which azapi merges; a top-level attribute has one source). `opaque` marks a
 * position below an expression (CDKTF/HCL) whose value is known only at apply.
 */
interface ArmSource {
  path: string;
  value: unknown;
  opaque?: boolean;
}

class Arm {
  constructor(
    private readonly ctx: Ctx,
    readonly sources: ArmSource[],
  ) {}

  child(key: string): Arm {
    return new Arm(this.ctx, this.sources.map((s) => ({
      path: s.path ? `${s.path}.${key}` : key,
      value: isObject(s.value) ? s.value[key] : undefined,
      opaque: s.opaque || isExpression(s.value),
    })));
  }

  /** The merged value: the write-only `sensitive_body` wins over `body` for a scalar or list; objects merge. */
  get value(): unknown {
    const present = this.sources.filter((s) => s.value !== undefined && s.value !== null).map((s) => s.value);
    if (present.length > 1 && present.every(isObject)) return Object.assign({}, ...present);
    return present[present.length - 1];
  }

  get paths(): string[] {
    return this.sources.map((s) => s.path);
  }

  /** Known only at apply: unknown in a plan (here or above), or below an expression. */
  get unknown(): boolean {
    return this.sources.some((s) => s.opaque || this.ctx.unknown.some((u) => within(s.path, u)));
  }

  /** Not an object or list the mapping can look into before apply (unknown, or an expression). */
  get opaque(): boolean {
    return this.unknown || isExpression(this.value);
  }

  get absent(): boolean {
    return !this.unknown && (this.value === undefined || this.value === null);
  }

  /** Elements of a list (or entries of a map, for ARM maps such as budget notifications). */
  items(): Arm[] {
    // The elements come from the source that holds the list (sensitive_body's wins, as in value).
    const holder = this.sources.filter((s) => Array.isArray(s.value) || isObject(s.value)).pop();
    if (!holder) return [];
    const v = holder.value as Json | unknown[];
    const keys = Array.isArray(v) ? v.map((_x, i) => String(i)) : Object.keys(v);
    return keys.map((k) => new Arm(this.ctx, [{ path: `${holder.path}.${k}`, value: (v as Json)[k] }]));
  }
}

/** A value of the view taken from ARM paths (`unknown`: known only at apply). */
class Leaf {
  constructor(
    readonly from: string[],
    readonly value: unknown,
    readonly unknown = false,
  ) {}
}

/** Which ARM positions each block (object or list) of the view was built from. */
type Origins = WeakMap<object, string[]>;

type Convert = (v: unknown) => unknown;

/** Builds the view of one ARM type; `origins` records where each block came from. */
class Builder {
  readonly origins: Origins = new WeakMap();

  /** The value at `a` (converted), an unknown leaf, or nothing when absent. */
  leaf(a: Arm, convert?: Convert): Leaf | undefined {
    if (a.unknown) return new Leaf(a.paths, null, true);
    const v = a.value;
    if (v === undefined || v === null) return undefined;
    return new Leaf(a.paths, convert && !isExpression(v) ? convert(v) : v);
  }

  /** A nested block (one-element list, as plans show blocks) built from the object at `a`. */
  block(a: Arm, build: (a: Arm) => Json): unknown {
    if (a.opaque) return new Leaf(a.paths, null, true);
    if (a.absent || !isObject(a.value)) return undefined;
    const obj = prune(build(a));
    this.origins.set(obj, a.paths);
    return [obj];
  }

  /** A repeated block, one per element of the ARM list (or map) at `a`. */
  list(a: Arm, build: (a: Arm) => Json | undefined): unknown {
    if (a.opaque) return new Leaf(a.paths, null, true);
    if (a.absent) return undefined;
    const out: Json[] = [];
    for (const item of a.items()) {
      if (item.opaque) {
        // One element known only at apply: the list as a whole cannot be told.
        return new Leaf(a.paths, null, true);
      }
      const built = isObject(item.value) ? build(item) : undefined;
      if (!built) continue;
      const obj = prune(built);
      this.origins.set(obj, item.paths);
      out.push(obj);
    }
    this.origins.set(out, a.paths);
    return out;
  }

  /** A fixed value the ARM API implies (no source path). */
  constant(value: unknown): Leaf {
    return new Leaf([], value);
  }
}

function prune(obj: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

// ---------------------------------------------------------------- value conversions

/** `"Enabled"` / `"Disabled"` (any case; Search writes them lower-case) → true / false. */
const enabled: Convert = (v) => (typeof v === 'string' ? v.toLowerCase() === 'enabled' : v);
const not: Convert = (v) => (typeof v === 'boolean' ? !v : v);
/** ARM ip rules `[{value: "1.2.3.4"}]` / `[{ipAddressOrRange: "…"}]` → the list of strings azurerm takes. */
const ruleValues = (key: string): Convert => (v) => (Array.isArray(v) ? v.map((r) => (isObject(r) ? r[key] : r)) : v);
/** `/subscriptions/…/resourceGroups/<name>` → `<name>`. */
const resourceGroupName: Convert = (v) => (typeof v === 'string' ? (/\/resourceGroups\/([^/]+)/i.exec(v)?.[1] ?? v) : v);
/** ARM `identity.userAssignedIdentities` is a map keyed by identity id; azurerm lists the ids. */
const identityIds: Convert = (v) => (isObject(v) ? Object.keys(v) : v);

// ---------------------------------------------------------------- the mappings, per ARM type

interface Source {
  /** The azapi resource's own attributes (`name`, `location`, `parent_id`, `identity`, `tags`). */
  top: Arm;
  /** `body` merged with `sensitive_body`. */
  body: Arm;
  /** `properties` of the body. */
  p: Arm;
  /** References of `parent_id` (to tell a budget's scope). */
  parentTargets: string[];
  apiVersion?: string;
  azapiType: string;
}

interface Mapping {
  /** The azurerm type the ARM type reads as (a function where it depends on the scope). */
  azurerm: string | ((s: Source) => string);
  view: (b: Builder, s: Source) => Json;
}

/** Attributes every ARM resource has: name, location, tags, managed identity, resource group. */
function common(b: Builder, s: Source, parent = 'resource_group_name'): Json {
  const bodyIdentity = s.body.child('identity');
  const identity = s.top.child('identity').absent
    ? b.block(bodyIdentity, (i) => ({ type: b.leaf(i.child('type')), identity_ids: b.leaf(i.child('userAssignedIdentities'), identityIds) }))
    : b.leaf(s.top.child('identity'));
  return {
    name: b.leaf(s.top.child('name')) ?? b.leaf(s.body.child('name')),
    location: b.leaf(s.top.child('location')) ?? b.leaf(s.body.child('location')),
    tags: b.leaf(s.top.child('tags')) ?? b.leaf(s.body.child('tags')),
    identity,
    [parent]: b.leaf(s.top.child('parent_id'), parent === 'resource_group_name' ? resourceGroupName : undefined),
  };
}

function probes(b: Builder, c: Arm, kind: string): unknown {
  const list = c.child('probes');
  if (list.opaque) return new Leaf(list.paths, null, true);
  const items = list.items();
  const matching = items.filter((p) => typeof p.child('type').value === 'string' && String(p.child('type').value).toLowerCase() === kind);
  if (matching.length === 0) {
    // A probe whose type is decided at apply may be this kind.
    const undecided = items.some((p) => p.child('type').opaque);
    return undecided ? new Leaf(list.paths, null, true) : undefined;
  }
  return matching.map((p) => {
    const http = p.child('httpGet');
    const obj = prune({
      transport: http.absent ? b.constant('TCP') : b.leaf(http.child('scheme'), (v) => String(v).toUpperCase()) ?? b.constant('HTTP'),
      port: b.leaf(http.child('port')) ?? b.leaf(p.child('tcpSocket').child('port')),
      path: b.leaf(http.child('path')),
    });
    b.origins.set(obj, p.paths);
    return obj;
  });
}

function container(b: Builder, c: Arm, withProbes: boolean): Json {
  return {
    name: b.leaf(c.child('name')),
    image: b.leaf(c.child('image')),
    cpu: b.leaf(c.child('resources').child('cpu')),
    memory: b.leaf(c.child('resources').child('memory')),
    env: b.list(c.child('env'), (e) => ({ name: b.leaf(e.child('name')), value: b.leaf(e.child('value')), secret_name: b.leaf(e.child('secretRef')) })),
    ...(withProbes
      ? { liveness_probe: probes(b, c, 'liveness'), readiness_probe: probes(b, c, 'readiness'), startup_probe: probes(b, c, 'startup') }
      : {}),
  };
}

/** `configuration.secrets` and `configuration.registries`, shared by container apps and jobs. */
function appConfiguration(b: Builder, cfg: Arm): Json {
  return {
    secret: b.list(cfg.child('secrets'), (x) => ({
      name: b.leaf(x.child('name')),
      value: b.leaf(x.child('value')),
      key_vault_secret_id: b.leaf(x.child('keyVaultUrl')),
      identity: b.leaf(x.child('identity')),
    })),
    registry: b.list(cfg.child('registries'), (x) => ({
      server: b.leaf(x.child('server')),
      username: b.leaf(x.child('username')),
      password_secret_name: b.leaf(x.child('passwordSecretRef')),
      identity: b.leaf(x.child('identity')),
    })),
  };
}

function template(b: Builder, t: Arm, app: boolean): unknown {
  return b.block(t, (x) => ({
    ...(app ? { min_replicas: b.leaf(x.child('scale').child('minReplicas')), max_replicas: b.leaf(x.child('scale').child('maxReplicas')) } : {}),
    container: b.list(x.child('containers'), (c) => container(b, c, true)),
    init_container: b.list(x.child('initContainers'), (c) => container(b, c, false)),
  }));
}

function budgetScope(s: Source): 'subscription' | 'resource_group' | 'management_group' {
  const parent = s.top.child('parent_id').value;
  const text = [typeof parent === 'string' ? parent : '', ...s.parentTargets].join(' ');
  if (/managementGroups\/|azurerm_management_group\./i.test(text)) return 'management_group';
  if (/resourceGroups\/|azurerm_resource_group\./i.test(text)) return 'resource_group';
  return 'subscription';
}

/** Keyed by lower-case ARM type. Sources: learn.microsoft.com/azure/templates/<namespace>/<type>. */
const MAPPINGS: Record<string, Mapping> = {
  'microsoft.app/containerapps': {
    azurerm: 'azurerm_container_app',
    view: (b, s) => {
      const p = s.p;
      const cfg = p.child('configuration');
      const ingress = cfg.child('ingress');
      return {
        ...common(b, s),
        container_app_environment_id: b.leaf(p.child('environmentId')) ?? b.leaf(p.child('managedEnvironmentId')),
        workload_profile_name: b.leaf(p.child('workloadProfileName')),
        revision_mode: b.leaf(cfg.child('activeRevisionsMode')),
        ingress: b.block(ingress, (i) => ({
          external_enabled: b.leaf(i.child('external')),
          target_port: b.leaf(i.child('targetPort')),
          transport: b.leaf(i.child('transport')),
          allow_insecure_connections: b.leaf(i.child('allowInsecure')),
          cors: b.block(i.child('corsPolicy'), (c) => ({
            allowed_origins: b.leaf(c.child('allowedOrigins')),
            allowed_methods: b.leaf(c.child('allowedMethods')),
            allowed_headers: b.leaf(c.child('allowedHeaders')),
            exposed_headers: b.leaf(c.child('exposeHeaders')),
            allow_credentials_enabled: b.leaf(c.child('allowCredentials')),
            max_age_in_seconds: b.leaf(c.child('maxAge')),
          })),
        })),
        ...appConfiguration(b, cfg),
        template: template(b, p.child('template'), true),
      };
    },
  },
  'microsoft.app/jobs': {
    azurerm: 'azurerm_container_app_job',
    view: (b, s) => {
      const cfg = s.p.child('configuration');
      return {
        ...common(b, s),
        container_app_environment_id: b.leaf(s.p.child('environmentId')),
        workload_profile_name: b.leaf(s.p.child('workloadProfileName')),
        replica_timeout_in_seconds: b.leaf(cfg.child('replicaTimeout')),
        replica_retry_limit: b.leaf(cfg.child('replicaRetryLimit')),
        ...appConfiguration(b, cfg),
        template: template(b, s.p.child('template'), false),
      };
    },
  },
  'microsoft.app/managedenvironments': {
    azurerm: 'azurerm_container_app_environment',
    view: (b, s) => ({
      ...common(b, s),
      logs_destination: b.leaf(s.p.child('appLogsConfiguration').child('destination')),
      dapr_application_insights_connection_string: b.leaf(s.p.child('daprAIConnectionString')),
      infrastructure_subnet_id: b.leaf(s.p.child('vnetConfiguration').child('infrastructureSubnetId')),
      internal_load_balancer_enabled: b.leaf(s.p.child('vnetConfiguration').child('internal')),
      zone_redundancy_enabled: b.leaf(s.p.child('zoneRedundant')),
      workload_profile: b.list(s.p.child('workloadProfiles'), (w) => ({
        name: b.leaf(w.child('name')),
        workload_profile_type: b.leaf(w.child('workloadProfileType')),
        minimum_count: b.leaf(w.child('minimumCount')),
        maximum_count: b.leaf(w.child('maximumCount')),
      })),
    }),
  },
  'microsoft.cognitiveservices/accounts': {
    azurerm: 'azurerm_cognitive_account',
    view: (b, s) => ({
      ...common(b, s),
      kind: b.leaf(s.body.child('kind')),
      sku_name: b.leaf(s.body.child('sku').child('name')),
      custom_subdomain_name: b.leaf(s.p.child('customSubDomainName')),
      local_auth_enabled: b.leaf(s.p.child('disableLocalAuth'), not),
      public_network_access_enabled: b.leaf(s.p.child('publicNetworkAccess'), enabled),
      outbound_network_access_restricted: b.leaf(s.p.child('restrictOutboundNetworkAccess')),
      network_acls: b.block(s.p.child('networkAcls'), (n) => ({
        default_action: b.leaf(n.child('defaultAction')),
        ip_rules: b.leaf(n.child('ipRules'), ruleValues('value')),
      })),
    }),
  },
  'microsoft.cognitiveservices/accounts/deployments': {
    azurerm: 'azurerm_cognitive_deployment',
    view: (b, s) => ({
      ...common(b, s, 'cognitive_account_id'),
      sku: b.block(s.body.child('sku'), (k) => ({ name: b.leaf(k.child('name')), capacity: b.leaf(k.child('capacity')) })),
      model: b.block(s.p.child('model'), (m) => ({ format: b.leaf(m.child('format')), name: b.leaf(m.child('name')), version: b.leaf(m.child('version')) })),
      rai_policy_name: b.leaf(s.p.child('raiPolicyName')),
      version_upgrade_option: b.leaf(s.p.child('versionUpgradeOption')),
    }),
  },
  'microsoft.documentdb/databaseaccounts': {
    azurerm: 'azurerm_cosmosdb_account',
    view: (b, s) => {
      const backup = s.p.child('backupPolicy');
      return {
        ...common(b, s),
        kind: b.leaf(s.body.child('kind')),
        offer_type: b.leaf(s.p.child('databaseAccountOfferType')),
        backup: b.block(backup, (x) => ({
          type: b.leaf(x.child('type')),
          tier: b.leaf(x.child('continuousModeProperties').child('tier')),
          interval_in_minutes: b.leaf(x.child('periodicModeProperties').child('backupIntervalInMinutes')),
          retention_in_hours: b.leaf(x.child('periodicModeProperties').child('backupRetentionIntervalInHours')),
          storage_redundancy: b.leaf(x.child('periodicModeProperties').child('backupStorageRedundancy')),
        })),
        local_authentication_disabled: b.leaf(s.p.child('disableLocalAuth')),
        public_network_access_enabled: b.leaf(s.p.child('publicNetworkAccess'), enabled),
        ip_range_filter: b.leaf(s.p.child('ipRules'), ruleValues('ipAddressOrRange')),
        is_virtual_network_filter_enabled: b.leaf(s.p.child('isVirtualNetworkFilterEnabled')),
        minimal_tls_version: b.leaf(s.p.child('minimalTlsVersion')),
        capabilities: b.list(s.p.child('capabilities'), (c) => ({ name: b.leaf(c.child('name')) })),
        geo_location: b.list(s.p.child('locations'), (l) => ({
          location: b.leaf(l.child('locationName')),
          failover_priority: b.leaf(l.child('failoverPriority')),
          zone_redundant: b.leaf(l.child('isZoneRedundant')),
        })),
        multiple_write_locations_enabled: b.leaf(s.p.child('enableMultipleWriteLocations')),
        automatic_failover_enabled: b.leaf(s.p.child('enableAutomaticFailover')),
        free_tier_enabled: b.leaf(s.p.child('enableFreeTier')),
      };
    },
  },
  'microsoft.keyvault/vaults': {
    azurerm: 'azurerm_key_vault',
    view: (b, s) => ({
      ...common(b, s),
      tenant_id: b.leaf(s.p.child('tenantId')),
      sku_name: b.leaf(s.p.child('sku').child('name')),
      // Unset, a vault created with API version 2026-02-01 or later uses Azure RBAC; earlier ones
      // access policies (learn.microsoft.com/azure/key-vault/general/access-control-default).
      rbac_authorization_enabled: b.leaf(s.p.child('enableRbacAuthorization'))
        ?? (s.azapiType === 'azapi_resource' && (s.apiVersion ?? '') >= '2026-02-01' ? b.constant(true) : undefined),
      purge_protection_enabled: b.leaf(s.p.child('enablePurgeProtection')),
      soft_delete_retention_days: b.leaf(s.p.child('softDeleteRetentionInDays')),
      public_network_access_enabled: b.leaf(s.p.child('publicNetworkAccess'), enabled),
      network_acls: b.block(s.p.child('networkAcls'), (n) => ({
        default_action: b.leaf(n.child('defaultAction')),
        bypass: b.leaf(n.child('bypass')),
        ip_rules: b.leaf(n.child('ipRules'), ruleValues('value')),
        virtual_network_subnet_ids: b.leaf(n.child('virtualNetworkRules'), ruleValues('id')),
      })),
    }),
  },
  'microsoft.containerregistry/registries': {
    azurerm: 'azurerm_container_registry',
    view: (b, s) => ({
      ...common(b, s),
      sku: b.leaf(s.body.child('sku').child('name')),
      admin_enabled: b.leaf(s.p.child('adminUserEnabled')),
      anonymous_pull_enabled: b.leaf(s.p.child('anonymousPullEnabled')),
      public_network_access_enabled: b.leaf(s.p.child('publicNetworkAccess'), enabled),
      zone_redundancy_enabled: b.leaf(s.p.child('zoneRedundancy'), enabled),
      data_endpoint_enabled: b.leaf(s.p.child('dataEndpointEnabled')),
      network_rule_bypass_option: b.leaf(s.p.child('networkRuleBypassOptions')),
      network_rule_set: b.block(s.p.child('networkRuleSet'), (n) => ({
        default_action: b.leaf(n.child('defaultAction')),
        ip_rule: b.list(n.child('ipRules'), (r) => ({ action: b.leaf(r.child('action')), ip_range: b.leaf(r.child('value')) })),
      })),
    }),
  },
  'microsoft.search/searchservices': {
    azurerm: 'azurerm_search_service',
    view: (b, s) => ({
      ...common(b, s),
      sku: b.leaf(s.body.child('sku').child('name')),
      local_authentication_enabled: b.leaf(s.p.child('disableLocalAuth'), not),
      public_network_access_enabled: b.leaf(s.p.child('publicNetworkAccess'), enabled),
      allowed_ips: b.leaf(s.p.child('networkRuleSet').child('ipRules'), ruleValues('value')),
      replica_count: b.leaf(s.p.child('replicaCount')),
      partition_count: b.leaf(s.p.child('partitionCount')),
      hosting_mode: b.leaf(s.p.child('hostingMode')),
      semantic_search_sku: b.leaf(s.p.child('semanticSearch')),
    }),
  },
  'microsoft.operationalinsights/workspaces': {
    azurerm: 'azurerm_log_analytics_workspace',
    view: (b, s) => ({
      ...common(b, s),
      sku: b.leaf(s.p.child('sku').child('name')),
      retention_in_days: b.leaf(s.p.child('retentionInDays')),
      daily_quota_gb: b.leaf(s.p.child('workspaceCapping').child('dailyQuotaGb')),
      internet_ingestion_enabled: b.leaf(s.p.child('publicNetworkAccessForIngestion'), enabled),
      internet_query_enabled: b.leaf(s.p.child('publicNetworkAccessForQuery'), enabled),
      local_authentication_enabled: b.leaf(s.p.child('features').child('disableLocalAuth'), not),
    }),
  },
  'microsoft.consumption/budgets': {
    azurerm: (s) => `azurerm_consumption_budget_${budgetScope(s)}`,
    view: (b, s) => ({
      ...common(b, s, `${budgetScope(s) === 'resource_group' ? 'resource_group' : budgetScope(s)}_id`),
      location: undefined,
      amount: b.leaf(s.p.child('amount')),
      time_grain: b.leaf(s.p.child('timeGrain')),
      time_period: b.block(s.p.child('timePeriod'), (t) => ({ start_date: b.leaf(t.child('startDate')), end_date: b.leaf(t.child('endDate')) })),
      // ARM keys notifications by name; azurerm lists them as blocks.
      notification: b.list(s.p.child('notifications'), (n) => ({
        enabled: b.leaf(n.child('enabled')),
        operator: b.leaf(n.child('operator')),
        threshold: b.leaf(n.child('threshold')),
        threshold_type: b.leaf(n.child('thresholdType')),
        contact_emails: b.leaf(n.child('contactEmails')),
        contact_groups: b.leaf(n.child('contactGroups')),
        contact_roles: b.leaf(n.child('contactRoles')),
      })),
    }),
  },
};

/** ARM types the mapping covers (lower case), for documentation and tests. */
export const MAPPED_ARM_TYPES = Object.keys(MAPPINGS);

/** The azurerm types azapi resources can read as (a rule covering one of them covers azapi). */
export const AZURERM_VIEW_TYPES = Object.values(MAPPINGS).flatMap((m) =>
  typeof m.azurerm === 'string' ? [m.azurerm] : ['subscription', 'resource_group', 'management_group'].map((s) => `azurerm_consumption_budget_${s}`),
);

// ---------------------------------------------------------------- building the view

interface Edge {
  from: string;
  to: string;
  /** A leaf carries what lies below it (a list value's elements); a block maps its own position only. */
  leaf: boolean;
}

/** Writes the built tree as plain values; collects ARM → azurerm path edges and unknown paths. */
function emit(tree: unknown, origins: Origins, path: string[], edges: Edge[], unknown: string[]): unknown {
  const here = path.join('.');
  if (tree instanceof Leaf) {
    for (const from of tree.from) edges.push({ from, to: here, leaf: true });
    if (tree.unknown) unknown.push(here);
    return tree.value;
  }
  if (Array.isArray(tree) || isObject(tree)) {
    for (const from of origins.get(tree) ?? []) edges.push({ from, to: here, leaf: false });
  }
  if (Array.isArray(tree)) return tree.map((x, i) => emit(x, origins, [...path, String(i)], edges, unknown));
  if (isObject(tree)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(tree)) {
      if (v === undefined) continue;
      out[k] = emit(v, origins, [...path, k], edges, unknown);
    }
    return out;
  }
  return tree;
}

/** The ARM → view path edges of each view built here (the view objects are what inputs carry). */
const VIEW_EDGES = new WeakMap<NormalizedResource, Edge[]>();

/**
 * Where an attribute of an azapi resource's azurerm view is written in the azapi resource
 * (`ingress.0.allow_insecure_connections` → `body.properties.configuration.ingress.allowInsecure`,
 * and its `sensitive_body` twin), so that a finding can point at that line; [] when the view did
 * not take it from a written property (a constant, a default, a resource that is not a view).
 */
export function armPaths(view: NormalizedResource, path: string): string[] {
  const edges = VIEW_EDGES.get(view);
  if (!edges) return [];
  const exact = edges.filter((e) => e.to === path && e.from !== '').map((e) => e.from);
  if (exact.length) return [...new Set(exact)];
  // Below a value carried whole (an element of a list attribute).
  const carried = edges.filter((e) => e.leaf && e.from !== '' && path.startsWith(`${e.to}.`)).sort((a, b) => b.to.length - a.to.length);
  return carried.length ? [`${carried[0].from}${path.slice(carried[0].to.length)}`] : [];
}

/** Where a path of the azapi resource went in the view; [] when the mapping does not read it. */
function translate(path: string, edges: Edge[]): string[] {
  const exact = edges.filter((e) => e.from === path).map((e) => e.to);
  if (exact.length) return [...new Set(exact)];
  // Inside a value carried whole (an element of a list attribute).
  const carried = edges
    .filter((e) => e.leaf && path.startsWith(`${e.from}.`))
    .sort((a, b) => b.from.length - a.from.length);
  if (carried.length) return [`${carried[0].to}${path.slice(carried[0].from.length)}`];
  // Above what was read (a whole body or block given as one expression): everything read below it.
  const below = edges.filter((e) => e.from.startsWith(`${path}.`) && e.to !== '');
  return [...new Set(below.map((e) => e.to))];
}

/**
 * A plan's `configuration` records one reference list for a whole attribute that is not a block:
 * `body` as a whole, not each property. Its targets are handed to the body's leaves that can hold
 * them — the leaves unknown until apply, and the leaves `after_sensitive` marks — except that a
 * target named like a credential goes only to the sensitive leaves (Terraform marks a value taken
 * from a sensitive attribute sensitive wherever it lands). With no such leaf, the reference stays
 * on the attribute. CDKTF/HCL inputs record references per property and pass through unchanged.
 */
function distribute(r: NormalizedResource): Reference[] {
  const out: Reference[] = [];
  for (const ref of r.references) {
    if (!DYNAMIC_ATTRIBUTES.has(ref.attribute)) {
      out.push(ref);
      continue;
    }
    const below = (paths: string[]) => paths.filter((p) => p.startsWith(`${ref.attribute}.`));
    const sensitive = below(r.sensitive ?? []);
    const leaves = [...new Set([...below(r.unknown), ...sensitive])];
    const kept: string[] = [];
    const byLeaf = new Map<string, string[]>();
    for (const t of ref.targets) {
      const to = looksLikeCredential(t) ? sensitive : leaves;
      if (to.length === 0) kept.push(t);
      for (const leaf of to) byLeaf.set(leaf, [...(byLeaf.get(leaf) ?? []), t]);
    }
    if (kept.length) out.push({ attribute: ref.attribute, targets: kept });
    for (const [attribute, targets] of byLeaf) out.push({ attribute, targets });
  }
  return out;
}

/** The attribute of a reference target names a credential (account keys, passwords, connection strings, SAS, generated passwords). */
function looksLikeCredential(target: string): boolean {
  const steps = target.replace(/\[[^\]]*\]/g, '').split('.');
  const start = steps[0] === 'module' ? steps.lastIndexOf('module') + 2 : 0;
  const [type, , ...attribute] = steps.slice(steps[start] === 'data' ? start + 1 : start);
  if (type === 'random_password' && attribute[0] === 'result') return true;
  const name = attribute.join('.');
  return /key|password|secret|connection_string|sas|token|config_raw/.test(name) && !/(_id|_url|_ids)$/.test(name);
}

/** An ignore_changes path (no indexes) as the azurerm paths it covers, without indexes; unchanged when the mapping does not read it. */
function ignoredPaths(path: string, edges: Edge[]): string[] {
  const bare = (p: string) => p.split('.').filter((x) => !/^\d+$/.test(x)).join('.');
  const to = edges.filter((e) => bare(e.from) === path || bare(e.from).startsWith(`${path}.`)).map((e) => bare(e.to));
  // Ignoring an object ignores every attribute read from below it; keep the shortest paths.
  const unique = [...new Set(to)].filter((p) => p !== '');
  const kept = unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(`${q}.`)));
  return kept.length ? kept : [path];
}

/** `Microsoft.App/containerApps@2024-03-01` → type and version; undefined for an expression. */
export function parseArmType(v: unknown): { armType: string; apiVersion?: string } | undefined {
  if (typeof v !== 'string' || v.includes('${')) return undefined;
  const [armType, apiVersion] = v.split('@');
  return { armType, ...(apiVersion ? { apiVersion } : {}) };
}

/** A JSON string body (azapi 1.x plans, a heredoc) as the object it encodes. */
function decodeBody(v: unknown): unknown {
  if (typeof v !== 'string' || v.includes('${') || !/^\s*\{/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function mapOne(r: NormalizedResource): NormalizedResource {
  const parsed = parseArmType(r.values.type);
  if (!parsed) return r;
  const azapi = { type: r.type, armType: parsed.armType, ...(parsed.apiVersion ? { apiVersion: parsed.apiVersion } : {}) };
  const mapping = MAPPINGS[parsed.armType.toLowerCase()];
  if (!mapping || r.mode !== 'managed') return { ...r, references: distribute(r), azapi };
  const ctx: Ctx = { unknown: r.unknown };
  const rooted = (key: string) => ({ path: key, value: decodeBody(r.values[key]) });
  const body = new Arm(ctx, [rooted('body'), rooted('sensitive_body')].filter((s) => s.value !== undefined));
  const source: Source = {
    top: new Arm(ctx, [{ path: '', value: r.values }]),
    body,
    p: body.child('properties'),
    parentTargets: r.references.filter((ref) => ref.attribute === 'parent_id').flatMap((ref) => ref.targets),
    apiVersion: parsed.apiVersion,
    azapiType: r.type,
  };
  const builder = new Builder();
  const tree = prune(mapping.view(builder, source));
  const edges: Edge[] = [];
  const unknown: string[] = [];
  const values = emit(tree, builder.origins, [], edges, unknown) as Json;
  const moved = (p: string): string[] => {
    const to = translate(p, edges);
    return to.length ? to : [p];
  };
  const references: Reference[] = [];
  for (const ref of distribute(r)) {
    for (const attribute of moved(ref.attribute)) references.push({ attribute, targets: ref.targets });
  }
  const sensitive = [...new Set((r.sensitive ?? []).flatMap(moved))];
  const type = typeof mapping.azurerm === 'string' ? mapping.azurerm : mapping.azurerm(source);
  // `lifecycle { ignore_changes = [body.properties.timePeriod.startDate] }`, as rules read azurerm's
  // (dotted, without indexes: `time_period.start_date`).
  const ignored = r.lifecycle?.ignore_changes?.flatMap((p) => (p === 'all' ? [p] : ignoredPaths(p, edges)));
  const view: NormalizedResource = {
    ...r,
    type,
    ...(r.lifecycle ? { lifecycle: { ...r.lifecycle, ...(ignored ? { ignore_changes: [...new Set(ignored)] } : {}) } } : {}),
    values,
    unknown: [...new Set([...unknown, ...r.unknown.flatMap(moved)])],
    references,
    ...(sensitive.length ? { sensitive } : {}),
    azapi,
  };
  VIEW_EDGES.set(view, edges);
  return view;
}

/**
 * `azapi_update_resource` sets properties of a resource created elsewhere (`resource_id`). When
 * that resource is in the same input, its view takes the update's values on top of its own (and
 * the update's references), as ARM ends up with them; the update itself keeps type
 * `azapi_update_resource` (nothing of its own to check or price).
 */
function applyUpdates(mapped: Map<NormalizedResource, NormalizedResource>): void {
  const byAddress = new Map([...mapped.values()].map((r) => [r.address, r]));
  for (const [original, view] of mapped) {
    if (original.type !== 'azapi_update_resource' || view.type === 'azapi_update_resource') continue;
    const target = original.references
      .filter((ref) => ref.attribute === 'resource_id')
      .flatMap((ref) => ref.targets)
      .map((t) => byAddress.get(t.replace(/\.id$/, '')))
      .find((t): t is NormalizedResource => !!t && t.type === view.type);
    const untouched = { ...view, type: 'azapi_update_resource', values: original.values, references: original.references, unknown: original.unknown };
    if (!target) {
      mapped.set(original, untouched);
      continue;
    }
    const { name: _name, location: _location, resource_group_name: _rg, ...changes } = view.values;
    // What the update sets: its leaf paths, and the paths it leaves to apply (unknown, references).
    const attributes = new Set(Object.keys(changes));
    const own = (path: string) => attributes.has(path.split('.')[0]);
    const set = [...leafPaths(changes, []), ...view.unknown.filter(own), ...view.references.map((ref) => ref.attribute).filter(own)];
    const touches = (path: string) => set.some((k) => within(path, k));
    const merged: NormalizedResource = {
      ...target,
      values: deepMerge(target.values, changes),
      references: [...target.references.filter((ref) => !touches(ref.attribute)), ...view.references.filter((ref) => touches(ref.attribute))],
      unknown: [...new Set([...target.unknown.filter((u) => !touches(u)), ...view.unknown.filter(touches)])],
    };
    const sensitive = [...(target.sensitive ?? []).filter((p) => !touches(p)), ...(view.sensitive ?? []).filter(touches)];
    if (sensitive.length) merged.sensitive = sensitive;
    else delete merged.sensitive;
    // What the update changed is written in the update's block, not the target's: those findings point at the target's block.
    VIEW_EDGES.set(merged, (VIEW_EDGES.get(target) ?? []).filter((e) => !touches(e.to)));
    const key = [...mapped.entries()].find(([, v]) => v === target)![0];
    mapped.set(key, merged);
    byAddress.set(merged.address, merged);
    mapped.set(original, { ...untouched, azapi: { ...untouched.azapi!, updates: target.address } });
  }
}

function leafPaths(v: unknown, path: string[]): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, [...path, String(i)]));
  if (isObject(v)) return Object.entries(v).flatMap(([k, x]) => leafPaths(x, [...path, k]));
  return [path.join('.')];
}

/** Objects merge key by key; a list or scalar of the update replaces (ARM PATCH-like semantics of azapi_update_resource). */
function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const cur = out[k];
    if (Array.isArray(cur) && Array.isArray(v) && cur.length === 1 && v.length === 1 && isObject(cur[0]) && isObject(v[0])) {
      out[k] = [deepMerge(cur[0], v[0])];
    } else out[k] = v;
  }
  return out;
}

/** Maps every azapi resource of a known ARM type to its azurerm view (see the file comment); others are returned as they are. */
export function mapAzapi(resources: NormalizedResource[]): NormalizedResource[] {
  if (!resources.some((r) => AZAPI_TYPES.has(r.type))) return resources;
  const mapped = new Map<NormalizedResource, NormalizedResource>();
  for (const r of resources) mapped.set(r, AZAPI_TYPES.has(r.type) ? mapOne(r) : r);
  applyUpdates(mapped);
  return resources.map((r) => mapped.get(r)!);
}

/**
 * What the checker could not look at, for the report's notes: azapi resources of ARM types no rule
 * reads (counted by type), azapi resources whose `type` is known only at apply, and
 * `azapi_update_resource`s whose changes could not be applied because the resource they update is
 * not in the input.
 */
export function azapiNotes(input: PolicyInput): string[] {
  const unread = new Map<string, number>();
  const notes: string[] = [];
  for (const r of input.resources) {
    if (r.mode !== 'managed' || !AZAPI_TYPES.has(r.type)) continue;
    if (!r.azapi) {
      notes.push(`${input.source}: ${r.address}: its ARM type is known only at apply; not checked`);
    } else if (r.type === 'azapi_update_resource' && !r.azapi.updates && MAPPINGS[r.azapi.armType.toLowerCase()]) {
      notes.push(`${input.source}: ${r.address} changes a ${r.azapi.armType} that is not in this input; its changes were not checked`);
    } else if (r.type === 'azapi_resource') {
      unread.set(r.azapi.armType, (unread.get(r.azapi.armType) ?? 0) + 1);
    }
  }
  if (unread.size) {
    const list = [...unread].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${t} (${n})`).join(', ');
    notes.push(`${input.source}: azapi_resource of ARM types no rule reads, not checked: ${list}`);
  }
  return notes;
}

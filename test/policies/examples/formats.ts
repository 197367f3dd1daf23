/**
 * Renders one infrastructure description in the three input formats the checker reads, so that
 * every policy example (and the golden fixture) exists in each format with the same meaning:
 *   - CDKTF-synthesized `cdk.tf.json` (Terraform JSON syntax, single blocks as objects),
 *   - a `terraform show -json` plan (planned_values, resource_changes, configuration),
 *   - an HCL `main.tf`.
 * Values are written in the CDKTF shape: a max-one nested block is an object, a repeatable block an
 * array of objects, expressions are `"${...}"` strings. Only `tags` is a map attribute.
 */

export type Values = Record<string, unknown>;

export interface ResourceSpec {
  type: string;
  name: string;
  values: Values;
  /** Explicit `depends_on` (resource addresses); in a plan, the configuration's `depends_on`. */
  dependsOn?: string[];
  /** `lifecycle` (CDKTF and HCL only: `terraform show -json` does not record it); ignore_changes as HCL paths. */
  lifecycle?: { prevent_destroy?: boolean; ignore_changes?: string[] };
  /** The plan's action for the resource (default `create`); `replace` is `["delete", "create"]`. */
  action?: 'create' | 'update' | 'no-op' | 'replace';
  /** azapi: write `body` as `jsonencode({...})` in HCL (the azapi 1.x way, still common). */
  jsonencodeBody?: boolean;
}

export interface OutputSpec {
  name: string;
  /** Terraform JSON value: usually an expression `"${...}"`. */
  value: unknown;
  sensitive?: boolean;
}

export interface InfraDoc {
  /** Environment: the CDKTF stack name and the `environment` tag added to taggable resources. */
  env: string;
  resources: ResourceSpec[];
  outputs?: OutputSpec[];
}

/** Attributes whose object value is a map, not a nested block. */
const MAP_ATTRIBUTES = new Set(['tags']);

/**
 * azapi's dynamic attributes: an object value (an ARM request body), never a block. A plan shows
 * `body` as an object with its unknown leaves in after_unknown and the leaves that hold a credential
 * in after_sensitive, and records one reference list for the whole attribute in `configuration`;
 * `sensitive_body` is write-only, so a plan shows no value for it.
 */
const DYNAMIC_ATTRIBUTES = new Set(['body', 'sensitive_body']);
const WRITE_ONLY = new Set(['sensitive_body']);

/** Types that take `tags`; the environment tag is added to them so every format names the environment. */
const TAGGABLE = new Set([
  'azurerm_resource_group', 'azurerm_container_app', 'azurerm_container_app_environment',
  'azurerm_container_registry', 'azurerm_cosmosdb_account', 'azurerm_key_vault',
  'azurerm_search_service', 'azurerm_cognitive_account', 'azurerm_log_analytics_workspace',
  'azurerm_user_assigned_identity', 'azapi_resource',
]);

const PROVIDER = 'registry.terraform.io/hashicorp/azurerm';
const AZAPI_PROVIDER = 'registry.terraform.io/azure/azapi';
const AZAPI_VERSION = '2.7.0';
const providerOf = (type: string): string => (type.startsWith('azapi_') ? AZAPI_PROVIDER : PROVIDER);
const usesAzapi = (doc: InfraDoc): boolean => doc.resources.some((r) => r.type.startsWith('azapi_'));

function isObject(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isExpression(v: unknown): v is string {
  return typeof v === 'string' && v.includes('${');
}

function withTags(doc: InfraDoc, r: ResourceSpec): Values {
  if (!TAGGABLE.has(r.type)) return r.values;
  const tags = isObject(r.values.tags) ? r.values.tags : {};
  return { ...r.values, tags: { environment: doc.env, ...tags } };
}

// ---------------------------------------------------------------- CDKTF JSON

export function toCdktfJson(doc: InfraDoc): Values {
  const resource: Record<string, Record<string, Values>> = {};
  for (const r of doc.resources) {
    resource[r.type] ??= {};
    resource[r.type][r.name] = {
      ...withTags(doc, r),
      ...(r.dependsOn ? { depends_on: r.dependsOn } : {}),
      ...(r.lifecycle ? { lifecycle: r.lifecycle } : {}),
      '//': { metadata: { path: `${doc.env}/${r.name}`, uniqueId: r.name } },
    };
  }
  const out: Values = {
    '//': {
      metadata: { backend: 'local', stackName: doc.env, version: '0.21.0' },
      outputs: {},
    },
    provider: { azurerm: [{ features: [{}] }] },
    resource,
    terraform: {
      backend: { local: { path: `terraform.${doc.env}.tfstate` } },
      required_providers: {
        azurerm: { source: 'hashicorp/azurerm', version: '4.55.0' },
        ...(usesAzapi(doc) ? { azapi: { source: 'Azure/azapi', version: AZAPI_VERSION } } : {}),
      },
    },
  };
  if (doc.outputs?.length) {
    out.output = Object.fromEntries(
      doc.outputs.map((o) => [o.name, { value: o.value, ...(o.sensitive ? { sensitive: true } : {}) }]),
    );
  }
  return out;
}

// ---------------------------------------------------------------- plan JSON

/** References Terraform lists for an expression: each `type.name.attr` with its `type.name`. */
export function expressionReferences(expr: string): string[] {
  const refs: string[] = [];
  const body = [...expr.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]).join(' ');
  const re = /\b(?:(?:module\.[A-Za-z0-9_-]+\.)?(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?(?:\.[A-Za-z0-9_]+(?:\[[^\]]*\])?)*|(?:var|local)\.[A-Za-z0-9_]+)/g;
  for (const m of body.matchAll(re)) {
    const full = m[0];
    if (!refs.includes(full)) refs.push(full);
    const parts = full.split('.');
    const start = parts[0] === 'data' ? 1 : 0;
    if (parts[0] !== 'var' && parts[0] !== 'local' && parts.length > start + 2) {
      const base = parts.slice(0, start + 2).join('.').replace(/\[[^\]]*\]$/, '');
      if (!refs.includes(base)) refs.push(base);
    }
  }
  return refs;
}

interface PlanValues {
  values: Values;
  unknown: Values;
  sensitive: Values;
}

/** An expression that reads a credential attribute: Terraform marks its value sensitive. */
const CREDENTIAL = /\.(?:[a-z_]*(?:key|password|connection_string)[a-z_]*|result)\b/;

/** A dynamic (azapi) value in a plan: literals as they are, expression leaves unknown (null in arrays, absent in objects). */
function dynamicPlan(v: unknown): { value: unknown; unknown: unknown; sensitive: unknown } {
  if (isExpression(v)) return { value: null, unknown: true, sensitive: CREDENTIAL.test(v) };
  if (Array.isArray(v)) {
    const items = v.map(dynamicPlan);
    return { value: items.map((i) => i.value), unknown: items.map((i) => i.unknown), sensitive: items.map((i) => i.sensitive) };
  }
  if (isObject(v)) {
    const value: Values = {};
    const unknown: Values = {};
    const sensitive: Values = {};
    for (const [k, x] of Object.entries(v)) {
      const inner = dynamicPlan(x);
      if (inner.unknown !== true) value[k] = inner.value;
      if (inner.unknown !== false) unknown[k] = inner.unknown;
      if (inner.sensitive !== false) sensitive[k] = inner.sensitive;
    }
    return { value, unknown, sensitive };
  }
  return { value: v, unknown: false, sensitive: false };
}

/** Literal planned values (blocks as arrays) and the after_unknown / after_sensitive trees for expression values. */
function planValues(values: Values): PlanValues {
  const out: Values = {};
  const unknown: Values = {};
  const sensitive: Values = {};
  for (const [key, v] of Object.entries(values)) {
    if (key === '//' || v === undefined || WRITE_ONLY.has(key)) continue;
    if (DYNAMIC_ATTRIBUTES.has(key)) {
      const d = dynamicPlan(v);
      if (d.unknown !== true) out[key] = d.value;
      if (d.unknown !== false) unknown[key] = d.unknown;
      if (d.sensitive !== false) sensitive[key] = d.sensitive;
    } else if (isExpression(v)) {
      unknown[key] = true;
    } else if (isObject(v) && !MAP_ATTRIBUTES.has(key)) {
      const inner = planValues(v);
      out[key] = [inner.values];
      unknown[key] = [inner.unknown];
    } else if (Array.isArray(v) && v.some(isObject)) {
      const inner = v.map((b) => planValues(b as Values));
      out[key] = inner.map((i) => i.values);
      unknown[key] = inner.map((i) => i.unknown);
    } else if (Array.isArray(v) && v.some(isExpression)) {
      unknown[key] = true;
    } else {
      out[key] = v;
    }
  }
  return { values: out, unknown, sensitive };
}

/** Configuration expressions: constant_value for literals, references for expressions. */
function planExpressions(values: Values): Values {
  const out: Values = {};
  for (const [key, v] of Object.entries(values)) {
    if (key === '//' || v === undefined) continue;
    if (DYNAMIC_ATTRIBUTES.has(key)) {
      // One reference list for the whole attribute, as Terraform records it.
      const refs = [...new Set(JSON.stringify(v).match(/\$\{[^}]*\}/g)?.flatMap(expressionReferences) ?? [])];
      out[key] = refs.length ? { references: refs } : { constant_value: v };
    } else if (isExpression(v)) out[key] = { references: expressionReferences(v) };
    else if (isObject(v) && !MAP_ATTRIBUTES.has(key)) out[key] = [planExpressions(v)];
    else if (Array.isArray(v) && v.some(isObject)) out[key] = v.map((b) => planExpressions(b as Values));
    else if (Array.isArray(v) && v.some(isExpression)) {
      out[key] = { references: v.flatMap((e) => (isExpression(e) ? expressionReferences(e) : [])) };
    } else out[key] = { constant_value: v };
  }
  return out;
}

export function toPlanJson(doc: InfraDoc): Values {
  const planned = doc.resources.map((r) => {
    const { values, unknown, sensitive } = planValues(withTags(doc, r));
    return { r, values, unknown, sensitive };
  });
  const outputs = doc.outputs ?? [];
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      outputs: Object.fromEntries(
        outputs.map((o) => [o.name, isExpression(o.value) ? { sensitive: !!o.sensitive } : { sensitive: !!o.sensitive, value: o.value }]),
      ),
      root_module: {
        resources: planned.map(({ r, values, sensitive }) => ({
          address: `${r.type}.${r.name}`,
          mode: 'managed',
          type: r.type,
          name: r.name,
          provider_name: providerOf(r.type),
          schema_version: 0,
          values,
          sensitive_values: sensitive,
        })),
      },
    },
    resource_changes: planned.map(({ r, values, unknown, sensitive }) => ({
      address: `${r.type}.${r.name}`,
      mode: 'managed',
      type: r.type,
      name: r.name,
      provider_name: providerOf(r.type),
      change: {
        actions: r.action === 'replace' ? ['delete', 'create'] : [r.action ?? 'create'],
        // An update or replacement changes a resource that exists; the example keeps its values.
        before: (r.action ?? 'create') === 'create' ? null : values,
        after: values,
        after_unknown: unknown,
        before_sensitive: false,
        after_sensitive: sensitive,
      },
    })),
    output_changes: Object.fromEntries(
      outputs.map((o) => [o.name, {
        actions: ['create'],
        before: null,
        after: isExpression(o.value) ? null : o.value,
        after_unknown: isExpression(o.value),
        before_sensitive: false,
        after_sensitive: !!o.sensitive,
      }]),
    ),
    configuration: {
      provider_config: { azurerm: { name: 'azurerm', full_name: PROVIDER, expressions: { features: [{}] } } },
      root_module: {
        outputs: Object.fromEntries(
          outputs.map((o) => [o.name, {
            ...(o.sensitive ? { sensitive: true } : {}),
            expression: isExpression(o.value) ? { references: expressionReferences(o.value) } : { constant_value: o.value },
          }]),
        ),
        resources: doc.resources.map((r) => ({
          address: `${r.type}.${r.name}`,
          mode: 'managed',
          type: r.type,
          name: r.name,
          provider_config_key: r.type.startsWith('azapi_') ? 'azapi' : 'azurerm',
          expressions: planExpressions(withTags(doc, r)),
          schema_version: 0,
          ...(r.dependsOn ? { depends_on: r.dependsOn } : {}),
        })),
      },
    },
  };
}

// ---------------------------------------------------------------- HCL

function hclValue(v: unknown, indent: string): string {
  if (isExpression(v)) {
    const whole = /^\$\{([^]*)\}$/.exec(v);
    if (whole && !whole[1].includes('${')) return whole[1];
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map((e) => hclValue(e, indent)).join(', ')}]`;
  if (isObject(v)) {
    const inner = Object.entries(v).map(([k, e]) => `${indent}  ${JSON.stringify(k)} = ${hclValue(e, indent + '  ')}`);
    return `{\n${inner.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

function hclBody(values: Values, indent: string, jsonencode = false): string[] {
  const lines: string[] = [];
  const blocks: string[] = [];
  for (const [key, v] of Object.entries(values)) {
    if (key === '//' || v === undefined) continue;
    if (DYNAMIC_ATTRIBUTES.has(key) && jsonencode) {
      lines.push(`${indent}${key} = jsonencode(${hclValue(v, indent)})`);
    } else if (isObject(v) && !MAP_ATTRIBUTES.has(key) && !DYNAMIC_ATTRIBUTES.has(key)) {
      blocks.push('', `${indent}${key} {`, ...hclBody(v, indent + '  '), `${indent}}`);
    } else if (Array.isArray(v) && v.length > 0 && v.every(isObject)) {
      for (const b of v) blocks.push('', `${indent}${key} {`, ...hclBody(b as Values, indent + '  '), `${indent}}`);
    } else {
      lines.push(`${indent}${key} = ${hclValue(v, indent)}`);
    }
  }
  return [...lines, ...blocks];
}

export function toHcl(doc: InfraDoc): string {
  const parts: string[] = [
    'terraform {',
    '  required_providers {',
    '    azurerm = {',
    '      source  = "hashicorp/azurerm"',
    '      version = "4.55.0"',
    '    }',
    ...(usesAzapi(doc) ? ['    azapi = {', '      source  = "Azure/azapi"', `      version = "${AZAPI_VERSION}"`, '    }'] : []),
    '  }',
    '}',
    '',
    'provider "azurerm" {',
    '  features {}',
    '}',
  ];
  for (const r of doc.resources) {
    const meta: string[] = [];
    if (r.dependsOn) meta.push('', `  depends_on = [${r.dependsOn.join(', ')}]`);
    if (r.lifecycle) {
      meta.push('', '  lifecycle {');
      if (r.lifecycle.prevent_destroy !== undefined) meta.push(`    prevent_destroy = ${r.lifecycle.prevent_destroy}`);
      if (r.lifecycle.ignore_changes) meta.push(`    ignore_changes = [${r.lifecycle.ignore_changes.join(', ')}]`);
      meta.push('  }');
    }
    parts.push('', `resource "${r.type}" "${r.name}" {`, ...hclBody(withTags(doc, r), '  ', r.jsonencodeBody), ...meta, '}');
  }
  for (const o of doc.outputs ?? []) {
    parts.push('', `output "${o.name}" {`, `  value = ${hclValue(o.value, '  ')}`);
    if (o.sensitive) parts.push('  sensitive = true');
    parts.push('}');
  }
  return parts.join('\n') + '\n';
}

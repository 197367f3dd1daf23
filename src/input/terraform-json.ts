/**
 * Reads a Terraform configuration in JSON syntax into a ConfigModule. Two producers write it:
 * CDKTF (`cdk.tf.json`: single blocks as objects, `"//"` metadata) and @cdktf/hcl2json for HCL
 * files (every block as an array of objects). The differences are handled here so the
 * normaliser sees one shape.
 */
import { UserError } from '../cli/errors';
import { azapiConfigValues } from './azapi';
import { wrapBlocks } from './blocks';
import { META_ARGUMENTS, type ConfigModule, type ConfigResource, type ModuleCall } from './config';

export type Syntax = 'cdktf' | 'hcl';

/** Top-level keys of a Terraform configuration document. */
export const CONFIG_KEYS = ['resource', 'data', 'output', 'module', 'locals', 'variable', 'terraform', 'provider'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A block body: an object in JSON syntax, a one-element array (or several, merged) from hcl2json. */
function body(v: unknown): Record<string, unknown> {
  if (Array.isArray(v)) return Object.assign({}, ...v.filter(isObject));
  return isObject(v) ? v : {};
}

function stripMeta(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (!META_ARGUMENTS.has(k)) out[k] = v;
  return out;
}

/** The loaded module a module call (by name) calls, or undefined (not on disk). */
export type ModuleLoader = (name: string) => ConfigModule | undefined;

/** Blocks of a configuration must be objects (or arrays of objects): anything else is not Terraform. */
function checkShape(doc: Record<string, unknown>, source: string): void {
  const bad = (where: string): never => {
    throw new UserError(`${source}: not a Terraform configuration: ${where} is not a block (an object)`);
  };
  const isBody = (v: unknown): boolean => isObject(v) || (Array.isArray(v) && v.every(isObject));
  for (const mode of ['resource', 'data']) {
    if (!(mode in doc)) continue;
    if (!isBody(doc[mode])) bad(mode);
    for (const [type, byName] of Object.entries(body(doc[mode]))) {
      if (!isBody(byName)) bad(`${mode}.${type}`);
      for (const [name, raw] of Object.entries(body(byName))) if (!isBody(raw)) bad(`${mode}.${type}.${name}`);
    }
  }
  for (const section of ['output', 'module', 'variable', 'locals']) {
    if (!(section in doc)) continue;
    if (!isBody(doc[section])) bad(section);
    if (section === 'locals') continue;
    for (const [name, raw] of Object.entries(body(doc[section]))) if (!isBody(raw)) bad(`${section}.${name}`);
  }
}

export function readTerraformJson(doc: Record<string, unknown>, syntax: Syntax, source: string, loadModule?: ModuleLoader): ConfigModule {
  checkShape(doc, source);
  const resources: ConfigResource[] = [];
  for (const mode of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(body(doc[mode]))) {
      for (const [name, raw] of Object.entries(body(byName))) {
        const b = body(raw);
        const values = stripMeta(b);
        resources.push({
          mode: mode === 'resource' ? 'managed' : 'data',
          type,
          name,
          values: azapiConfigValues(type, syntax === 'cdktf' ? wrapBlocks(type, values) : values),
          ...('count' in b ? { count: b.count } : {}),
          ...('for_each' in b ? { forEach: b.for_each } : {}),
          ...('depends_on' in b ? { dependsOn: b.depends_on } : {}),
          ...('lifecycle' in b ? { lifecycle: b.lifecycle } : {}),
        });
      }
    }
  }
  const outputs: ConfigModule['outputs'] = {};
  for (const [name, raw] of Object.entries(body(doc.output))) {
    const o = body(raw);
    outputs[name] = { value: o.value, sensitive: o.sensitive === true };
  }
  // hcl2json gives one `locals` object per block: an array of objects.
  const locals = Array.isArray(doc.locals) ? body(doc.locals) : isObject(doc.locals) ? doc.locals : {};
  const variables: ConfigModule['variables'] = {};
  for (const [name, raw] of Object.entries(body(doc.variable))) {
    const v = body(raw);
    variables[name] = {
      ...('default' in v ? { default: v.default } : {}),
      ...(v.sensitive === true ? { sensitive: true } : {}),
      ...(typeof v.type === 'string' ? { type: v.type } : {}),
      ...(v.nullable === false || v.nullable === 'false' ? { nullable: false as const } : {}),
    };
  }
  const moduleCalls: Record<string, ModuleCall> = {};
  for (const [name, raw] of Object.entries(body(doc.module))) {
    const { source: src, version, ...rest } = body(raw);
    const args = stripMeta(rest);
    const b = body(raw);
    const call: ModuleCall = {
      source: String(src ?? ''),
      ...(typeof version === 'string' ? { version } : {}),
      args,
      ...('count' in b ? { count: b.count } : {}),
      ...('for_each' in b ? { forEach: b.for_each } : {}),
    };
    const loaded = loadModule?.(name);
    if (loaded) call.module = loaded;
    moduleCalls[name] = call;
  }
  return { source, resources, outputs, locals, variables, moduleCalls };
}

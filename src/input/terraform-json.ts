/**
 * Reads a Terraform configuration in JSON syntax into a ConfigModule. Two producers write it:
 * CDKTF (`cdk.tf.json`: single blocks as objects, `"//"` metadata) and @cdktf/hcl2json for HCL
 * files (every block as an array of objects). The differences are handled here so the
 * normaliser sees one shape.
 */
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

/** Resolves a module call's `source` to a loaded module, or undefined (registry, git, not found). */
export type ModuleLoader = (source: string) => ConfigModule | undefined;

export function readTerraformJson(doc: Record<string, unknown>, syntax: Syntax, source: string, loadModule?: ModuleLoader): ConfigModule {
  const resources: ConfigResource[] = [];
  for (const mode of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(body(doc[mode]))) {
      for (const [name, raw] of Object.entries(body(byName))) {
        const values = stripMeta(body(raw));
        resources.push({
          mode: mode === 'resource' ? 'managed' : 'data',
          type,
          name,
          values: syntax === 'cdktf' ? wrapBlocks(type, values) : values,
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
    variables[name] = 'default' in v ? { default: v.default } : {};
  }
  const moduleCalls: Record<string, ModuleCall> = {};
  for (const [name, raw] of Object.entries(body(doc.module))) {
    const { source: src, version: _version, ...rest } = body(raw);
    const args = stripMeta(rest);
    const call: ModuleCall = { source: String(src ?? ''), args };
    const loaded = loadModule && typeof src === 'string' ? loadModule(src) : undefined;
    if (loaded) call.module = loaded;
    moduleCalls[name] = call;
  }
  return { source, resources, outputs, locals, variables, moduleCalls };
}

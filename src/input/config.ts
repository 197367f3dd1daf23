/**
 * Normalises a Terraform configuration (CDKTF-synthesized JSON or HCL, both brought to the same
 * module tree first) into a PolicyInput: addresses with module prefixes, values with blocks as
 * arrays, and each attribute's references followed through locals, module outputs and module
 * variables to the resource attribute they stand for.
 */
import type { InputFormat, NormalizedOutput, NormalizedResource, PolicyInput, Reference } from './types';
import { referencesIn } from './references';

/** One module of a configuration, whatever syntax it was written in. */
export interface ConfigModule {
  /** File or directory, for messages. */
  source: string;
  resources: ConfigResource[];
  outputs: Record<string, { value: unknown; sensitive: boolean }>;
  locals: Record<string, unknown>;
  variables: Record<string, { default?: unknown }>;
  moduleCalls: Record<string, ModuleCall>;
}

export interface ConfigResource {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Attribute values with meta-arguments removed and nested blocks already as arrays. */
  values: Record<string, unknown>;
}

export interface ModuleCall {
  source: string;
  /** Arguments passed to the module (its variables). */
  args: Record<string, unknown>;
  /** The called module when its source could be loaded (local paths); otherwise references stop at `module.<name>.<output>`. */
  module?: ConfigModule;
}

/** Terraform meta-arguments: not attribute values of the resource. */
export const META_ARGUMENTS = new Set([
  '//', 'count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection',
]);

/** A position in the module tree: the module names from the root and the module at that path. */
interface Scope {
  path: string[];
  module: ConfigModule;
  parent?: { scope: Scope; call: ModuleCall };
}

const prefixOf = (path: string[]): string => path.map((m) => `module.${m}.`).join('');

/** Every reference an expression (any JSON value holding `${...}` strings) makes. */
function expressionReferences(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') found.push(...referencesIn(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...new Set(found)];
}

/** Follows one reference made in `scope` to what it stands for, as root-relative addresses. */
function resolve(target: string, scope: Scope, seen: Set<string>): string[] {
  const key = `${prefixOf(scope.path)}${target}`;
  if (seen.has(key)) return [key];
  seen.add(key);
  const [root, name] = target.split(/[.[]/, 2);
  const follow = (value: unknown, inScope: Scope): string[] =>
    expressionReferences(value).flatMap((t) => resolve(t, inScope, seen));
  if (root === 'local' && name in scope.module.locals) {
    const refs = follow(scope.module.locals[name], scope);
    return refs.length ? refs : [key];
  }
  if (root === 'var' && scope.parent) {
    const { call, scope: parentScope } = scope.parent;
    if (name in call.args) {
      const refs = follow(call.args[name], parentScope);
      return refs.length ? refs : [key];
    }
    return [key];
  }
  if (root === 'module') {
    const call = scope.module.moduleCalls[name];
    const output = target.split('.')[2]?.replace(/\[.*$/, '');
    if (call?.module && output && call.module.outputs[output]) {
      const child: Scope = { path: [...scope.path, name], module: call.module, parent: { scope, call } };
      const refs = follow(call.module.outputs[output].value, child);
      return refs.length ? refs : [key];
    }
  }
  return [key];
}

/** `{attribute, targets}` for each string attribute (at any depth) that holds references. */
function attributeReferences(values: Record<string, unknown>, scope: Scope): Reference[] {
  const out: Reference[] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (typeof v === 'string') {
      const refs = referencesIn(v);
      if (refs.length) {
        const targets = [...new Set(refs.flatMap((t) => resolve(t, scope, new Set())))];
        out.push({ attribute: path.join('.'), targets });
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
    }
  };
  walk(values, []);
  return out;
}

function collectResources(scope: Scope, out: NormalizedResource[]): void {
  const prefix = prefixOf(scope.path);
  for (const r of scope.module.resources) {
    const local = r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
    out.push({
      address: `${prefix}${local}`,
      mode: r.mode,
      type: r.type,
      name: r.name,
      module: prefix.replace(/\.$/, ''),
      values: r.values,
      unknown: [],
      references: attributeReferences(r.values, scope),
    });
  }
  for (const [name, call] of Object.entries(scope.module.moduleCalls)) {
    if (call.module) collectResources({ path: [...scope.path, name], module: call.module, parent: { scope, call } }, out);
  }
}

export function normalizeConfig(root: ConfigModule, format: InputFormat, source: string, stack?: string): PolicyInput {
  const scope: Scope = { path: [], module: root };
  const resources: NormalizedResource[] = [];
  collectResources(scope, resources);
  resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const outputs: NormalizedOutput[] = Object.entries(root.outputs)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, o]) => ({
      address: `output.${name}`,
      name,
      sensitive: o.sensitive,
      references: [...new Set(expressionReferences(o.value).flatMap((t) => resolve(t, scope, new Set())))],
      value: o.value,
    }));
  return { format, source, ...(stack !== undefined ? { stack } : {}), resources, outputs };
}

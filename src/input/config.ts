/**
 * Normalises a Terraform configuration (CDKTF-synthesized JSON or HCL, both brought to the same
 * module tree first) into a PolicyInput: addresses with module prefixes, values with blocks as
 * arrays, `dynamic` blocks expanded, and each attribute evaluated as far as the configuration
 * alone allows.
 *
 * Evaluation is partial, the way `terraform plan` would see the literal parts: a variable takes its
 * tfvars value or its default (inside a module: the argument of the module call), a local and a
 * module output take their value, `each.value` / a dynamic block's iterator take the `for_each`
 * element, and a template of such values is joined. Anything else (a resource attribute, a
 * function call, an operator) is unknown until apply: it keeps its expression text in `values`, and
 * what it refers to — followed through locals, variables and module outputs to the resource
 * attribute it stands for — goes to `references`.
 *
 * `count` / `for_each` on resources, data sources and module calls are expanded as a plan expands
 * them: one resource per instance at `type.name[0]` / `type.name["k"]` (module instances
 * `module.m[0].` / `module.m["k"].`), with `count.index`, `each.key` and `each.value` that
 * instance's. When the count or collection is not known before apply, the resource stays one
 * resource at its configuration address, marked `instancesUnknown`.
 */
import { UserError } from '../cli/errors';
import { mapAzapi } from './azapi';
import type { InputFormat, ModuleNotLoaded, SourceLocation, NormalizedOutput, NormalizedResource, PolicyInput, Reference } from './types';
import {
  EvalError, Unknown, applyTypeDefaults, evaluateNode, index, isObject, isSensitive, parseExpression, refsOf, reveal, sensitiveValue, unknownAt,
  unknownLeaves, unknownOf, withSensitivity, type Node, type Value,
} from './expressions';
import { joinTraversal, templatePieces, traversalsIn } from './references';

/** One module of a configuration, whatever syntax it was written in. */
export interface ConfigModule {
  /** File or directory, for messages. */
  source: string;
  resources: ConfigResource[];
  outputs: Record<string, { value: unknown; sensitive: boolean; location?: SourceLocation }>;
  locals: Record<string, unknown>;
  /**
   * Declared variables: default value, `sensitive`, the type constraint's text (for optional()
   * defaults), and `nullable = false` (a null argument then takes the default).
   */
  variables: Record<string, { default?: unknown; sensitive?: boolean; type?: string; nullable?: false }>;
  moduleCalls: Record<string, ModuleCall>;
  /** Root module only: values from terraform.tfvars / *.auto.tfvars, which win over defaults. */
  tfvars?: Record<string, unknown>;
}

export interface ConfigResource {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Attribute values with meta-arguments removed and nested blocks already as arrays. */
  values: Record<string, unknown>;
  /** The `count` expression, if any (one instance per number below it). */
  count?: unknown;
  /** The `for_each` expression, if any (one instance per element; `each.value` stands for it). */
  forEach?: unknown;
  /** The `depends_on` list as written (`"azurerm_x.y"` in JSON syntax, `"${azurerm_x.y}"` from hcl2json). */
  dependsOn?: unknown;
  /** The `lifecycle` block as written (an object, or hcl2json's one-element array). */
  lifecycle?: unknown;
  /** Where the block is written (HCL and CDKTF JSON files), for findings and errors. */
  location?: SourceLocation;
}

export interface ModuleCall {
  source: string;
  /** The `version` constraint of a registry source, as written. */
  version?: string;
  /** Where the module block is written. */
  location?: SourceLocation;
  /** Arguments passed to the module (its variables). */
  args: Record<string, unknown>;
  /** The `count` expression of the call, if any. */
  count?: unknown;
  /** The `for_each` expression of the call, if any. */
  forEach?: unknown;
  /** The called module when its source could be loaded (local paths); otherwise references stop at `module.<name>.<output>`. */
  module?: ConfigModule;
}

/** Terraform meta-arguments: not attribute values of the resource. */
export const META_ARGUMENTS = new Set([
  '//', 'count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection',
]);

/** What `each` or a dynamic block iterator stands for. */
interface Iteration {
  key: Value;
  value: Value;
}

interface Context {
  each?: Iteration;
  /** `count.index` of the instance being evaluated. */
  count?: number;
  iterators?: ReadonlyMap<string, Iteration>;
}

/** A position in the module tree: the module instances from the root and the module at that path. */
interface Scope {
  /** Module call names with their instance keys: `['app["a"]', 'inner']` is `module.app["a"].module.inner`. */
  path: string[];
  module: ConfigModule;
  parent?: { scope: Scope; call: ModuleCall };
  locals: Map<string, Value>;
  outputs: Map<string, Value>;
  /** The instances of each module call, by call name (built on first use). */
  children: Map<string, ModuleInstances>;
  /** Module calls whose count/for_each is being evaluated (a self-reference is an unknown). */
  expanding: Set<string>;
  /** `each` / `count.index` of the module call instance that made this scope. */
  each?: Iteration;
  count?: number;
  /** This scope's module call, or one above it, has a count/for_each not known until apply. */
  instancesUnknown: boolean;
  /** Locals being evaluated (a cycle is invalid Terraform: it evaluates to unknown). */
  active: Set<string>;
}

/** The instances of one module call: one per known count/for_each element, else one scope without key. */
interface ModuleInstances {
  /** `single`: no count/for_each; `known`: instances with keys; `unknown`: count/for_each unknown until apply. */
  kind: Instances['kind'];
  list: { key?: number | string; scope: Scope }[];
}

const prefixOf = (path: string[]): string => path.map((m) => `module.${m}.`).join('');

function newScope(path: string[], module: ConfigModule, parent?: Scope['parent'], instance: Partial<Pick<Scope, 'each' | 'count' | 'instancesUnknown'>> = {}): Scope {
  return {
    path, module, parent, locals: new Map(), outputs: new Map(), children: new Map(), expanding: new Set(), active: new Set(),
    ...instance, instancesUnknown: instance.instancesUnknown ?? false,
  };
}

/** An instance of a resource or module call: its address key and what `count.index` / `each` are in it. */
interface Instance {
  key: number | string;
  /** `[0]` / `["k"]`, as plans write instance keys. */
  suffix: string;
  count?: number;
  each?: Iteration;
}

type Instances =
  | { kind: 'single' }
  | { kind: 'known'; list: Instance[] }
  /** Not known until apply: one resource/scope at the configuration address; `each` refers to the collection. */
  | { kind: 'unknown'; each?: Iteration };

/** What `each` stands for when the for_each collection is not known: an unknown referring to everything it refers to. */
function unknownIteration(collection: Value): Iteration {
  return { key: new Unknown(undefined, []), value: new Unknown(undefined, refsOf(collection), isSensitive(collection)) };
}

function describe(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isObject(v)) return 'an object';
  return `${typeof v === 'string' ? 'a string' : `a ${typeof v}`} (${JSON.stringify(v)})`;
}

/**
 * The instances `count` / `for_each` give, as Terraform expands them: count → 0..n-1; for_each
 * over a map → its keys in lexical order, over a set of strings → its elements in lexical order
 * (`each.key` = `each.value`). A value Terraform rejects is an input error naming `what`.
 */
function instancesOf(meta: { count?: unknown; forEach?: unknown; location?: SourceLocation }, scope: Scope, what: string): Instances {
  const fail = (problem: string): never => {
    const where = meta.location ? `${meta.location.file}:${meta.location.line}` : scope.module.source;
    throw new UserError(`${where}: ${what}: ${problem}`);
  };
  const hasCount = meta.count !== undefined;
  const hasForEach = meta.forEach !== undefined;
  if (!hasCount && !hasForEach) return { kind: 'single' };
  if (hasCount && hasForEach) fail('count and for_each cannot both be set');
  if (hasCount) {
    const v = evaluate(meta.count, scope, {});
    if (v instanceof Unknown || unknownLeaves(v).length) return { kind: 'unknown' };
    const n = typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail(`count must be a whole number, 0 or more (it is ${describe(v)})`);
    return { kind: 'known', list: Array.from({ length: n as number }, (_, i) => ({ key: i, suffix: `[${i}]`, count: i })) };
  }
  const v = evaluate(meta.forEach, scope, {});
  if (v instanceof Unknown) return { kind: 'unknown', each: unknownIteration(v) };
  const keyed = (key: string, value: Value): Instance => ({ key, suffix: `[${JSON.stringify(key)}]`, each: { key, value } });
  if (isObject(v)) return { kind: 'known', list: Object.keys(v).sort().map((k) => keyed(k, v[k])) };
  if (!Array.isArray(v)) return fail(`for_each must be a map or a set of strings (it is ${describe(v)})`);
  // A set with an element unknown until apply: Terraform cannot tell the instances either.
  if (v.some((x) => x instanceof Unknown || unknownLeaves(x).length)) return { kind: 'unknown', each: unknownIteration(v) };
  const strings = v.map((x) => {
    // A set(string) variable converts numbers and bools to strings.
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return String(x);
    return fail(`for_each must be a map or a set of strings (it holds ${describe(x)})`);
  });
  return { kind: 'known', list: [...new Set(strings)].sort().map((k) => keyed(k, k)) };
}

/** The instances of module call `name` of `scope` (undefined when the called module is not loaded). */
function moduleInstances(scope: Scope, name: string): ModuleInstances | undefined {
  const call = scope.module.moduleCalls[name];
  const module = call?.module;
  if (!module || scope.expanding.has(name)) return undefined;
  let found = scope.children.get(name);
  if (!found) {
    scope.expanding.add(name);
    let instances: Instances;
    try {
      instances = instancesOf(call, scope, `${prefixOf(scope.path)}module.${name}`);
    } finally {
      scope.expanding.delete(name);
    }
    const parent = { scope, call };
    const inherited = scope.instancesUnknown;
    found = instances.kind === 'known'
      ? {
          kind: 'known',
          list: instances.list.map((i) => ({
            key: i.key,
            scope: newScope([...scope.path, `${name}${i.suffix}`], module, parent, { each: i.each, count: i.count, instancesUnknown: inherited }),
          })),
        }
      : {
          kind: instances.kind,
          list: [{
            scope: newScope([...scope.path, name], module, parent, {
              ...(instances.kind === 'unknown' ? { each: instances.each, instancesUnknown: true } : { instancesUnknown: inherited }),
            }),
          }],
        };
    scope.children.set(name, found);
  }
  return found;
}

/** A module instance as an object of its outputs (`module.m["a"]` used as a value). */
function moduleObject(child: Scope): Record<string, Value> {
  return Object.fromEntries(Object.keys(child.module.outputs).map((name) => [name, outputValue(child, name)]));
}

/**
 * `module.<name>...`: an output of the module (of the instance its key names, for a module with
 * count/for_each), or the module's instances as a list (count) or map (for_each) of output objects.
 */
function moduleTraversal(parts: string[], scope: Scope, key: string): Value {
  const found = moduleInstances(scope, parts[1]);
  if (!found) return unknownAt(key);
  let i = 2;
  let child: Scope;
  if (found.kind !== 'known') {
    // No instances to choose from: the one scope (instance keys in the reference are not checked).
    while (parts[i]?.startsWith('[')) i++;
    child = found.list[0].scope;
  } else if (parts[i]?.startsWith('[') && parts[i] !== '[*]') {
    const step = parts[i].slice(1, -1);
    const wanted: number | string = step.startsWith('"') ? (JSON.parse(step) as string) : Number(step);
    const match = found.list.find((inst) => inst.key === wanted);
    if (!match) throw new EvalError(`no instance ${parts[i]} of module.${parts[1]}`); // try(module.m[0].x, ...) with count = 0
    child = match.scope;
    i++;
  } else {
    const objects = found.list.map((inst) => [inst.key, moduleObject(inst.scope)] as const);
    const whole = typeof objects[0]?.[0] === 'string' ? Object.fromEntries(objects) : objects.map(([, o]) => o);
    return index(whole, parts.slice(2));
  }
  const output = parts[i];
  if (output === undefined) return found.kind === 'known' ? moduleObject(child) : unknownAt(key);
  if (output in child.module.outputs) return index(outputValue(child, output), parts.slice(i + 1));
  return unknownAt(key);
}

function variableValue(name: string, scope: Scope, key: string): Value {
  const declared = scope.module.variables[name];
  let v: Value;
  if (scope.parent && name in scope.parent.call.args) {
    v = evaluate(scope.parent.call.args[name], scope.parent.scope, { each: scope.each, count: scope.count });
  } else if (!scope.parent && scope.module.tfvars && name in scope.module.tfvars) {
    v = scope.module.tfvars[name];
  } else if (declared && 'default' in declared) {
    v = declared.default;
  } else {
    return new Unknown(undefined, [key], declared?.sensitive === true);
  }
  // `nullable = false`: Terraform gives a null argument (an optional() attribute left out, say) the default.
  if (v === null && declared?.nullable === false && 'default' in declared) v = declared.default;
  if (declared?.type) v = applyTypeDefaults(declared.type, v);
  if (!declared?.sensitive) return v;
  // Known values pass through marked sensitive (nonsensitive() and dynamic blocks give them back).
  return unknownLeaves(v).length ? withSensitivity(v, true) : sensitiveValue(v, [key]);
}

function localValue(name: string, scope: Scope, key: string): Value {
  if (scope.locals.has(name)) return scope.locals.get(name);
  if (scope.active.has(name)) return new Unknown(undefined, [key]);
  scope.active.add(name);
  const v = evaluate(scope.module.locals[name], scope, {});
  scope.active.delete(name);
  scope.locals.set(name, v);
  return v;
}

function outputValue(child: Scope, name: string): Value {
  if (child.outputs.has(name)) return child.outputs.get(name);
  const output = child.module.outputs[name];
  child.outputs.set(name, new Unknown(undefined, [`${prefixOf(child.path)}output.${name}`]));
  let v = evaluate(output.value, child, {});
  if (output.sensitive) v = sensitiveValue(v);
  child.outputs.set(name, v);
  return v;
}

const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };

/** The value of one traversal (`var.x`, `local.y[0]`, `module.m.out`, `each.value.k`, `azurerm_x.y.id`). */
function traversal(parts: string[], scope: Scope, ctx: Context): Value {
  const [root, second] = parts;
  const key = `${prefixOf(scope.path)}${joinTraversal(parts)}`;
  if (parts.length === 1 && root in LITERALS) return LITERALS[root];
  const named = second !== undefined && !second.startsWith('[');
  const iteration = ctx.iterators?.get(root) ?? (root === 'each' ? ctx.each : undefined);
  if (iteration) {
    if (second === 'key') return index(iteration.key, parts.slice(2));
    if (second === 'value') return index(iteration.value, parts.slice(2));
    return new Unknown(undefined, []);
  }
  if (root === 'count' && second === 'index' && ctx.count !== undefined && !ctx.iterators?.has(root)) return ctx.count;
  if (root === 'var' && named) return index(variableValue(second, scope, `${prefixOf(scope.path)}var.${second}`), parts.slice(2));
  if (root === 'local' && named) {
    if (!(second in scope.module.locals)) return new Unknown(undefined, [key]);
    return index(localValue(second, scope, `${prefixOf(scope.path)}local.${second}`), parts.slice(2));
  }
  if (root === 'module' && named) return moduleTraversal(parts, scope, key);
  if (['each', 'count', 'self', 'path', 'terraform'].includes(root) || ctx.iterators?.has(root)) return new Unknown(undefined, []);
  if (root === 'data' && parts.length >= 3) return unknownAt(key);
  // A resource: `type.name...`; every provider's resource types carry a `<provider>_` prefix.
  if (root.includes('_') && named) return unknownAt(key);
  return new Unknown(undefined, []);
}

/** Evaluates an expression string (a literal, a template, or any other expression). */
function evaluateString(text: string, scope: Scope, ctx: Context): Value {
  if (!/[$%]\{/.test(text)) return text;
  const env = { resolve: (parts: string[]) => traversal(parts, scope, ctx), vars: new Map<string, Value>() };
  const pieces = templatePieces(text);
  const nodes = pieces?.map((p) => ('code' in p ? parseExpression(p.code) : p.text));
  if (pieces && nodes && nodes.every((n) => n !== undefined)) {
    try {
      return evaluateTemplate(text, pieces, nodes as (string | Node)[], env, prefixOf(scope.path));
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
    }
  }
  // Not evaluable (a directive, an error, syntax the evaluator does not know): unknown, referring
  // to whatever its traversals refer to.
  const values = traversalsIn(text).map((t) => {
    try {
      return traversal(t, scope, ctx);
    } catch (err) {
      if (err instanceof EvalError) return new Unknown(undefined, []);
      throw err;
    }
  });
  return unknownOf(values, text);
}

/**
 * The code of a reference whose index was computed (`azurerm_x.y[count.index].id` in instance 0 →
 * `azurerm_x.y[0].id`), when `v` is the value at one address of this module (`prefix`).
 */
function instanceCode(node: Node, v: Value, prefix: string): string | undefined {
  if (node.k !== 'index' && node.k !== 'attr') return undefined;
  if (!(v instanceof Unknown) || v.path === undefined || !v.path.startsWith(prefix)) return undefined;
  const local = v.path.slice(prefix.length);
  return local.startsWith('module.') ? undefined : local;
}

/**
 * `"${expr}"` is the value of expr; a template joins known scalars, and keeps `${...}` for unknown
 * parts (the text of a variable or local that stands for an unknown, where it is one traversal; a
 * reference with a computed index, as the instance sees it).
 */
function evaluateTemplate(
  text: string,
  pieces: ({ text: string } | { code: string })[],
  nodes: (string | Node)[],
  env: Parameters<typeof evaluateNode>[1],
  prefix: string,
): Value {
  if (nodes.length === 1 && typeof nodes[0] !== 'string') {
    const node = nodes[0];
    const v = evaluateNode(node, env);
    if (!(v instanceof Unknown)) return v;
    if (node.k === 'trav' && v.text !== undefined) return v;
    const code = instanceCode(node, v, prefix);
    return new Unknown(code !== undefined ? `\${${code}}` : text, v.refs, v.sensitive, v.path, v.known);
  }
  let out = '';
  const unknown: Value[] = [];
  nodes.forEach((node, i) => {
    if (typeof node === 'string') {
      out += node;
      return;
    }
    const v = evaluateNode(node, env);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      out += String(v);
    } else if (v === null) {
      out += '';
    } else {
      const code = instanceCode(node, v, prefix) ?? (pieces[i] as { code: string }).code;
      out += v instanceof Unknown && node.k === 'trav' && v.text !== undefined && !v.text.includes('%{') ? v.text : `\${${code}}`;
      unknown.push(v);
    }
  });
  return unknown.length ? unknownOf(unknown, out) : out;
}

/** Evaluates a configuration value (a JSON tree of literals and expression strings); expands `dynamic` blocks. */
function evaluate(v: unknown, scope: Scope, ctx: Context): Value {
  if (typeof v === 'string') return evaluateString(v, scope, ctx);
  if (Array.isArray(v)) return v.map((x) => evaluate(x, scope, ctx));
  if (!isObject(v)) return v;
  const out: Record<string, Value> = {};
  const dynamicBlocks: [string, Value[]][] = [];
  for (const [k, x] of Object.entries(v)) {
    if (k === 'dynamic' && isDynamic(x)) dynamicBlocks.push(...expandDynamic(x, scope, ctx));
    else out[k] = evaluate(x, scope, ctx);
  }
  for (const [type, blocks] of dynamicBlocks) {
    const existing = out[type];
    out[type] = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), ...blocks];
  }
  return out;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** `dynamic` as hcl2json writes it (`{env: [{for_each, content: [...]}]}`) or wrapped from JSON syntax. */
function isDynamic(v: unknown): boolean {
  const specs = asList(v).flatMap((d) => (isObject(d) ? Object.values(d).flatMap(asList) : []));
  return specs.length > 0 && specs.every((s) => isObject(s) && 'content' in s);
}

/** One block per element of each dynamic block's `for_each`; one block with an unknown iterator when the collection is unknown. */
function expandDynamic(v: unknown, scope: Scope, ctx: Context): [string, Value[]][] {
  const out: [string, Value[]][] = [];
  for (const byType of asList(v)) {
    for (const [type, specs] of Object.entries(byType as Record<string, unknown>)) {
      for (const spec of asList(specs) as Record<string, unknown>[]) {
        const iterator = typeof spec.iterator === 'string' ? spec.iterator.replace(/^\$\{\s*|\s*\}$/g, '') : type;
        const content = Object.assign({}, ...asList(spec.content).filter(isObject));
        let collection = evaluate(spec.for_each, scope, ctx);
        let mark = (v: Value): Value => v;
        if (collection instanceof Unknown && collection.known !== undefined) {
          // A sensitive collection that is known: one block per element, each part sensitive.
          const refs = collection.refs;
          collection = reveal(collection).value;
          mark = (v) => sensitiveValue(v, refs);
        }
        const known = collection;
        const iterations: Iteration[] = Array.isArray(known)
          ? known.map((value, i) => ({ key: mark(i), value: mark(value) }))
          : isObject(known)
            ? Object.keys(known).sort().map((key) => ({ key: mark(key), value: mark(known[key]) }))
            : [unknownIteration(known)];
        const blocks = iterations.map((it) =>
          evaluate(content, scope, { ...ctx, iterators: new Map([...(ctx.iterators ?? []), [iterator, it]]) }),
        );
        out.push([type, blocks]);
      }
    }
  }
  return out;
}

/** Unknown leaves back to their expression text. */
function toValues(v: Value): unknown {
  if (v instanceof Unknown) return v.known !== undefined ? toValues(v.known) : (v.text ?? '${unknown}');
  if (Array.isArray(v)) return v.map(toValues);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toValues(x)]));
  return v;
}

/** References and sensitive paths of an evaluated resource body, by the dotted path of each unknown leaf. */
function leafFacts(v: Value): { references: Reference[]; sensitive: string[] } {
  const references: Reference[] = [];
  const sensitive: string[] = [];
  const walk = (x: Value, path: string[]): void => {
    if (x instanceof Unknown) {
      if (x.refs.length) references.push({ attribute: path.join('.'), targets: [...x.refs] });
      if (x.sensitive) sensitive.push(path.join('.'));
    } else if (Array.isArray(x)) {
      x.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (isObject(x)) {
      for (const [k, item] of Object.entries(x)) walk(item, [...path, k]);
    }
  };
  walk(v, []);
  return { references, sensitive };
}

/** `"${x}"` (hcl2json) or `"x"` (JSON syntax) → `x`. */
const bareTraversal = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.replace(/^\$\{\s*([^]*?)\s*\}$/, '$1') : undefined;

/** The addresses an explicit `depends_on` names, resolved like references (module prefix, module outputs). */
function dependsOnTargets(dependsOn: unknown, scope: Scope, ctx: Context): string[] {
  const items = Array.isArray(dependsOn) ? dependsOn : [];
  const targets = items.flatMap((item) => {
    const t = bareTraversal(item);
    return t ? refsOf(evaluate(`\${${t}}`, scope, ctx)) : [];
  });
  return [...new Set(targets)];
}

/**
 * `lifecycle { prevent_destroy, ignore_changes }` in the normalised form (types.ts): attribute
 * paths without indexes or keys, so that `time_period[0].start_date` and `time_period` can be
 * compared with a rule's dotted path.
 */
function lifecycleOf(raw: unknown): NormalizedResource['lifecycle'] {
  const block = (Array.isArray(raw) ? Object.assign({}, ...raw.filter(isObject)) : isObject(raw) ? raw : {}) as Record<string, unknown>;
  const out: NonNullable<NormalizedResource['lifecycle']> = {};
  if (block.prevent_destroy === true) out.prevent_destroy = true;
  const ignore = block.ignore_changes;
  const paths = (Array.isArray(ignore) ? ignore : ignore === undefined ? [] : [ignore])
    .map(bareTraversal)
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/\[[^\]]*\]/g, ''));
  if (paths.length) out.ignore_changes = [...new Set(paths)];
  return Object.keys(out).length ? out : undefined;
}

function collectResources(scope: Scope, out: NormalizedResource[], notLoaded: ModuleNotLoaded[]): void {
  const prefix = prefixOf(scope.path);
  for (const r of scope.module.resources) {
    const local = r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
    const instances = instancesOf(r, scope, `${prefix}${local}`);
    const list: { suffix: string; ctx: Context }[] = instances.kind === 'known'
      ? instances.list.map((i) => ({ suffix: i.suffix, ctx: { each: i.each, count: i.count } }))
      : [{ suffix: '', ctx: instances.kind === 'unknown' && instances.each ? { each: instances.each } : {} }];
    const instancesUnknown = instances.kind === 'unknown' || scope.instancesUnknown;
    const lifecycle = lifecycleOf(r.lifecycle);
    for (const { suffix, ctx } of list) {
      const evaluated = evaluate(r.values, scope, ctx);
      const { references, sensitive } = leafFacts(evaluated);
      const dependsOn = dependsOnTargets(r.dependsOn, scope, ctx);
      if (dependsOn.length) references.push({ attribute: 'depends_on', targets: dependsOn });
      out.push({
        address: `${prefix}${local}${suffix}`,
        mode: r.mode,
        type: r.type,
        name: r.name,
        module: prefix.replace(/\.$/, ''),
        values: toValues(evaluated) as Record<string, unknown>,
        unknown: [],
        references,
        ...(sensitive.length ? { sensitive } : {}),
        ...(instancesUnknown ? { instancesUnknown: true as const } : {}),
        ...(lifecycle ? { lifecycle } : {}),
        ...(r.location ? { location: r.location } : {}),
      });
    }
  }
  for (const [name, call] of Object.entries(scope.module.moduleCalls)) {
    if (!call.module && call.source !== '') {
      notLoaded.push({
        address: `${prefix}module.${name}`,
        source: call.source,
        ...(call.version !== undefined ? { version: call.version } : {}),
        ...(call.location ? { location: { file: call.location.file, line: call.location.line } } : {}),
      });
    }
    for (const { scope: child } of moduleInstances(scope, name)?.list ?? []) collectResources(child, out, notLoaded);
  }
}

export function normalizeConfig(root: ConfigModule, format: InputFormat, source: string, stack?: string): PolicyInput {
  const scope = newScope([], root);
  const resources: NormalizedResource[] = [];
  const notLoaded: ModuleNotLoaded[] = [];
  collectResources(scope, resources, notLoaded);
  resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const outputs: NormalizedOutput[] = Object.entries(root.outputs)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, o]) => {
      const v = evaluate(o.value, scope, {});
      return {
        address: `output.${name}`, name, sensitive: o.sensitive, references: refsOf(v), value: toValues(v),
        ...(o.location ? { location: o.location } : {}),
      };
    });
  return {
    format, source, ...(stack !== undefined ? { stack } : {}), resources: mapAzapi(resources), outputs,
    ...(notLoaded.length ? { modulesNotLoaded: notLoaded } : {}),
  };
}

/** `module.acr (Azure/avm-res-containerregistry-registry/azurerm 0.5.1)`: the call and what it calls. */
export const moduleCallText = (m: ModuleNotLoaded): string => `${m.address} (${m.source}${m.version !== undefined ? ` ${m.version}` : ''})`;

/**
 * What every report says about a module call whose code is not on disk (a local source is only
 * left unread by the synchronous loader of the synth gate, which does not parse HCL).
 */
export const notLoadedMessage = (m: ModuleNotLoaded): string =>
  /^\.\.?\//.test(m.source)
    ? `${moduleCallText(m)} is a local HCL module the synth-time gate does not read: run apg check on the output; its resources were not checked`
    : `${moduleCallText(m)} is not installed: run terraform init; its resources were not checked`;

/**
 * Normalises `terraform show -json` output (a plan, or a state with `values`) into a PolicyInput.
 * Values come from `resource_changes[].change.after` (falling back to `planned_values`), unknown
 * attributes from `after_unknown` (set to null in values and listed in `unknown`), references from
 * `configuration` (`expressions.*.references`), followed through module calls. The configuration
 * JSON has no locals, so a reference through a local stops at `local.<name>`.
 */
import { UserError } from '../cli/errors';
import { mapAzapi } from './azapi';
import type { NormalizedOutput, NormalizedResource, PolicyInput, Reference } from './types';
import { addressSteps, dropPrefixes, isContextReference } from './references';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Json => (isObject(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function isPlanDocument(doc: Json): boolean {
  return 'planned_values' in doc || 'resource_changes' in doc || ('format_version' in doc && ('values' in doc || 'configuration' in doc));
}

/**
 * A module instance of `configuration`: `module` is its configuration, `prefix` the instance's
 * address prefix with its keys (`module.app["a"].`), so that a reference made inside a module
 * instance points at the resources of that same instance.
 */
interface ConfigNode {
  prefix: string;
  module: Json;
  parent?: { node: ConfigNode; call: Json };
}

/** `module.a[0].module.b` → `['a[0]', 'b']`: each module step with its instance key, if any. */
function moduleSteps(moduleAddress: string): string[] {
  if (moduleAddress === '') return [];
  return addressSteps(moduleAddress).filter((_, i) => i % 2 === 1);
}

/** Child module instance `step` (`name` or `name["key"]`) of `node`. */
function childNode(node: ConfigNode, step: string): ConfigNode | undefined {
  const name = step.replace(/\[.*$/, '');
  const call = obj(obj(node.module.module_calls)[name]);
  if (!isObject(call.module)) return undefined;
  return { prefix: `${node.prefix}module.${step}.`, module: call.module, parent: { node, call } };
}

function nodeAt(root: ConfigNode, moduleAddress: string): ConfigNode | undefined {
  let node: ConfigNode | undefined = root;
  for (const step of moduleSteps(moduleAddress)) node = node && childNode(node, step);
  return node;
}

/**
 * Follows a reference made in `node` through module variables and outputs, appending what it
 * stands for to `out`. `each` holds the references of the `for_each` expression that `each.value`
 * stands for where the reference was made (a resource's or a module call's), itself made in
 * `node`. `seen` (cycle guard) is created on the first step through a variable or output: most
 * targets name a resource of the same module and need neither it nor a parse of the address.
 */
function resolve(target: string, node: ConfigNode, out: string[], seen?: Set<string>, each?: string[]): void {
  if (target === 'each.value' || target.startsWith('each.value.') || target.startsWith('each.value[')) {
    seen ??= new Set();
    for (const t of each ?? []) resolve(t, node, out, seen);
    return;
  }
  if (isContextReference(target)) return;
  const key = `${node.prefix}${target}`;
  // Only `var.…` and `module.…` lead elsewhere; anything else is the target itself.
  if (!target.startsWith('var.') && !target.startsWith('module.')) {
    out.push(key);
    return;
  }
  seen ??= new Set();
  if (seen.has(key)) {
    out.push(key);
    return;
  }
  seen.add(key);
  // `module.m["a.b"].out`: the key's dot is not a step.
  const parts = addressSteps(target);
  const name = parts[1]?.replace(/\[.*$/, '');
  const before = out.length;
  if (parts[0] === 'var' && node.parent && name) {
    const expr = obj(node.parent.call.expressions)[name];
    if (expr) follow(expr, node.parent.node, out, seen, forEachRefs(node.parent.call));
  } else if (parts[0] === 'module' && name && parts[2]) {
    const child = childNode(node, parts[1]);
    const output = obj(obj(child?.module.outputs)[parts[2].replace(/\[.*$/, '')]);
    if (child && output.expression) follow(output.expression, child, out, seen);
  }
  if (out.length === before) out.push(key);
}

/** The references of expression `expr` (a variable's value, an output's), resolved in `node`. */
function follow(expr: unknown, node: ConfigNode, out: string[], seen: Set<string>, each?: string[]): void {
  for (const t of dropPrefixes(arr(obj(expr).references).map(String))) resolve(t, node, out, seen, each);
}

/**
 * Where resolveAll collects targets before dropPrefixes copies them out: a new array per call
 * would be grown by its first push to room for 17 (resolveAll runs per expression of every resource).
 */
const resolved: string[] = [];

/** `targets` resolved in `node` (each with its own cycle guard), minus those another one refines. */
function resolveAll(targets: string[], node: ConfigNode, each?: string[]): string[] {
  resolved.length = 0;
  for (const t of targets) resolve(t, node, resolved, undefined, each);
  const out = dropPrefixes(resolved);
  resolved.length = 0;
  return out;
}

/** References of the `for_each` expression of a resource or module call (what `each.value` stands for). */
function forEachRefs(config: Json): string[] | undefined {
  const expr = obj(config.for_each_expression);
  return 'references' in expr ? dropPrefixes(arr(expr.references).map(String)) : undefined;
}

/** An expression of a resource's configuration: the dotted attribute that holds it and what it references. */
interface ConfigExpression {
  attribute: string;
  refs: string[];
}

/** The expressions of a resource's `expressions` (nested blocks are arrays of expression maps). */
function configExpressions(expressions: Json): ConfigExpression[] {
  const out: ConfigExpression[] = [];
  const isExpression = (v: Json): boolean => {
    for (const k in v) if (Object.hasOwn(v, k) && k !== 'references' && k !== 'constant_value') return false;
    return true;
  };
  // `path` is the dotted attribute path so far (`depth` steps; a key may be empty).
  const walk = (v: unknown, path: string, depth: number): void => {
    const step = (k: string): string => (depth === 0 ? k : `${path}.${k}`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], step(String(i)), depth + 1);
    } else if (isObject(v) && depth > 0 && isExpression(v)) {
      out.push({ attribute: path, refs: dropPrefixes(arr(v.references).map(String)) });
    } else if (isObject(v)) {
      // A single nested block / nested attribute object: its own expressions, no index.
      for (const k in v) if (Object.hasOwn(v, k)) walk(v[k], step(k), depth + 1);
    }
  };
  walk(expressions, '', 0);
  return out;
}

/** References of a resource's expressions, made in module instance `node`. */
function expressionReferences(expressions: ConfigExpression[], node: ConfigNode, each?: string[]): Reference[] {
  const out: Reference[] = [];
  for (const { attribute, refs } of expressions) {
    // Once more after resolution: a key-less target that a keyed one of the same attribute
    // refines goes (Terraform lists `azurerm_x.y` beside `azurerm_x.y[0].id`, and a module
    // variable may bring one where another brings the other), so that the keyed form decides
    // which instance is meant; a key-less one alone names every instance.
    const targets = resolveAll(refs, node, each);
    if (targets.length) out.push({ attribute, targets });
  }
  return out;
}

/**
 * The path of the mark being read in markedPaths / withUnknown, key by key: a dotted path is
 * joined only where a mark is (most of a plan's `after_unknown` / `after_sensitive` is empty
 * objects standing for blocks), and its list is shared (always popped back to empty).
 */
const keys: string[] = [];
const dotted = (k: string): string => (keys.length ? `${keys.join('.')}.${k}` : k);

/** Appends to `out` the dotted paths marked `true` in a sensitivity map (`after_sensitive`, `sensitive_values`). */
function markedPaths(marks: unknown, out: string[]): void {
  if (Array.isArray(marks)) {
    for (let i = 0; i < marks.length; i++) markedPath(String(i), marks[i], out);
  } else if (isObject(marks)) {
    for (const k in marks) if (Object.hasOwn(marks, k)) markedPath(k, marks[k], out);
  }
}

function markedPath(k: string, mark: unknown, out: string[]): void {
  if (mark === true) {
    out.push(dotted(k));
  } else if (typeof mark === 'object' && mark !== null) {
    keys.push(k);
    markedPaths(mark, out);
    keys.pop();
  }
}

/**
 * `target` with every path marked true in `after_unknown` set to null, and those dotted paths
 * appended to `paths`. The plan's own objects are not changed: a container on the way to a mark
 * is copied (once), the rest is shared, so a plan is not held twice in memory. When the caller
 * has given the document away (`inPlace`, the loader's own parse), the marks are set on it
 * directly: nearly every resource of a plan has a mark (`id`), and those copies were one more
 * object per resource that lives as long as the check (at 100k resources, ~100k objects for the
 * garbage collector to move).
 */
function withUnknown(marks: unknown, target: Json | unknown[], paths: string[]): Json | unknown[] {
  let out: Record<string, unknown> | undefined;
  if (Array.isArray(marks)) {
    for (let i = 0; i < marks.length; i++) out = applyMark(String(i), marks[i], target, out, paths);
  } else if (isObject(marks)) {
    for (const k in marks) if (Object.hasOwn(marks, k)) out = applyMark(k, marks[k], target, out, paths);
  }
  return (out as Json | unknown[] | undefined) ?? target;
}

/** One mark of `after_unknown` on key `k` of `target`; returns the copy of `target` once one is needed. */
function applyMark(k: string, mark: unknown, target: Json | unknown[], out: Record<string, unknown> | undefined, paths: string[]): Record<string, unknown> | undefined {
  if (mark === true) {
    paths.push(dotted(k));
    out ??= copyOf(target);
    out[k] = null;
  } else if (typeof mark === 'object' && mark !== null) {
    const current = (out ?? (target as Record<string, unknown>))[k];
    const next = typeof current === 'object' && current !== null ? (current as Json) : Array.isArray(mark) ? [] : {};
    keys.push(k);
    const walked = withUnknown(mark, next, paths);
    keys.pop();
    if (walked !== current) {
      out ??= copyOf(target);
      out[k] = walked;
    }
  }
  return out;
}

/** Set by normalizePlan for the length of one call: whether `doc` may be changed (see withUnknown). */
let inPlace = false;
const copyOf = (target: Json | unknown[]): Record<string, unknown> =>
  (inPlace ? target : Array.isArray(target) ? [...target] : { ...target }) as Record<string, unknown>;

/**
 * The resource instances of a plan before they are normalised, by index: `base`, what the instance
 * has before its last change (its planned_values record, or what an earlier change of the same
 * instance left; absent when a change alone names it), the module address that goes with it, and
 * the instance's last resource change, if any. Arrays rather than a record object per instance:
 * at 100k resources those records were 100k objects that lived through the whole normalisation
 * only to be copied into the resources, and the garbage collector moved each of them.
 */
interface Instances {
  /** Address → index, for the instances still present (a delete or forget change drops one). */
  at: Map<string, number>;
  base: (Json | undefined)[];
  modules: string[];
  changes: (Json | undefined)[];
}

/** The index of a new instance at `address`. */
function addInstance(all: Instances, address: string, base: Json | undefined, module: string): number {
  const k = all.base.length;
  all.at.set(address, k);
  all.base.push(base);
  all.modules.push(module);
  all.changes.push(undefined);
  return k;
}

function plannedResources(moduleJson: Json, all: Instances): void {
  const moduleAddress = typeof moduleJson.address === 'string' ? moduleJson.address : '';
  // Indexed loops over resources here and in instances(): a for-of makes an iterator result per
  // item until the loop is optimised, which a single run over a plan mostly is not.
  const items = arr(moduleJson.resources);
  for (let i = 0; i < items.length; i++) {
    // An address listed twice leaves its earlier index unused: the later record counts, as a map
    // keyed by address would keep it.
    const r = obj(items[i]);
    addInstance(all, String(r.address), r, moduleAddress);
  }
  const children = arr(moduleJson.child_modules);
  for (let i = 0; i < children.length; i++) plannedResources(obj(children[i]), all);
}

/** What an instance's change leaves of values, sensitivity marks and module, given what it had before. */
function changedValues(rc: Json, base: Json | undefined, module: string): { values: Json; sensitive: unknown; module: string } {
  const change = obj(rc.change);
  return {
    values: isObject(change.after) ? change.after : base ? obj(base.values) : {},
    sensitive: 'after_sensitive' in change ? change.after_sensitive : base?.sensitive_values,
    module: typeof rc.module_address === 'string' ? rc.module_address : base ? module : '',
  };
}

/**
 * The instances after apply: planned_values completed by resource_changes in their order. A change
 * sets the mode, type, name, actions and after_unknown (those of the last change count), and the values,
 * sensitivity marks and module where it has them; a delete or forget removes the instance (a later
 * change of the address starts afresh); a deposed object is skipped.
 */
function instances(doc: Json): Instances {
  const all: Instances = { at: new Map(), base: [], modules: [], changes: [] };
  plannedResources(obj(obj(doc.planned_values ?? doc.values).root_module), all);
  const changes = arr(doc.resource_changes);
  for (let i = 0; i < changes.length; i++) {
    const rc = obj(changes[i]);
    // A deposed object (left by an interrupted create_before_destroy) is only ever destroyed.
    if ('deposed' in rc) continue;
    const actions = arr(obj(rc.change).actions);
    const address = String(rc.address);
    // Destroyed, or forgotten (a `removed` block): not part of the infrastructure after apply.
    if (actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget')) {
      all.at.delete(address);
      continue;
    }
    let k = all.at.get(address);
    if (k === undefined) k = addInstance(all, address, undefined, '');
    const earlier = all.changes[k];
    if (earlier) {
      // A second change of one instance: what the first left becomes the base the second completes.
      const was = changedValues(earlier, all.base[k], all.modules[k]);
      all.base[k] = { values: was.values, sensitive_values: was.sensitive };
      all.modules[k] = was.module;
    }
    all.changes[k] = rc;
  }
  return all;
}

/** `actions` as strings: the plan's own array when it holds nothing else (as it always does). */
function actionList(actions: unknown[]): string[] {
  for (let i = 0; i < actions.length; i++) if (typeof actions[i] !== 'string') return actions.map(String);
  return actions as string[];
}

/** The parts of a terraform show -json document the loader reads must have their documented types. */
function checkShape(doc: Json, source: string): void {
  const bad = (what: string, expected: string): never => {
    throw new UserError(`${source}: not a terraform show -json document: ${what} is not ${expected}`);
  };
  for (const key of ['planned_values', 'values', 'configuration', 'prior_state']) {
    if (key in doc && doc[key] !== null && !isObject(doc[key])) bad(key, 'an object');
  }
  if ('resource_changes' in doc && !Array.isArray(doc.resource_changes)) bad('resource_changes', 'an array');
  arr(doc.resource_changes).forEach((rc, i) => {
    if (!isObject(rc) || typeof rc.address !== 'string' || typeof rc.type !== 'string') bad(`resource_changes[${i}]`, 'a resource change with address and type');
  });
  const walk = (m: unknown, where: string): void => {
    if (m === undefined || m === null) return;
    if (!isObject(m)) bad(where, 'a module object');
    const mod = m as Json;
    if ('resources' in mod && !Array.isArray(mod.resources)) bad(`${where}.resources`, 'an array');
    arr(mod.resources).forEach((r, i) => {
      if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string') bad(`${where}.resources[${i}]`, 'a resource with address and type');
    });
    if ('child_modules' in mod && !Array.isArray(mod.child_modules)) bad(`${where}.child_modules`, 'an array');
    arr(mod.child_modules).forEach((c, i) => walk(c, `${where}.child_modules[${i}]`));
  };
  walk(obj(doc.planned_values ?? doc.values).root_module, `${'planned_values' in doc ? 'planned_values' : 'values'}.root_module`);
}

/**
 * `options.inPlace`: the caller gives `doc` away (nothing reads it afterwards), so unknown values
 * are set to null on its own objects instead of on copies.
 */
export function normalizePlan(doc: Json, source: string, options: { inPlace?: boolean } = {}): PolicyInput {
  inPlace = options.inPlace === true;
  try {
    return normalizeDocument(doc, source);
  } finally {
    inPlace = false;
  }
}

function normalizeDocument(doc: Json, source: string): PolicyInput {
  checkShape(doc, source);
  const all = instances(doc);

  const root: ConfigNode = { prefix: '', module: obj(obj(doc.configuration).root_module) };
  // Looked up once per module instance and per module configuration, not once per resource.
  const nodes = new Map<string, ConfigNode | undefined>();
  // A module's resource configurations by `type` (`data.type`) and name: looked up per resource
  // without building its local address string.
  const configs = new Map<Json, Map<string, Map<string, Json>>>();
  const configOf = (module: Json, mode: 'managed' | 'data', type: string, name: string): Json | undefined => {
    let byType = configs.get(module);
    if (!byType) {
      byType = new Map();
      for (const c of arr(module.resources).map(obj)) {
        const dot = typeof c.address === 'string' ? c.address.lastIndexOf('.') : -1;
        if (dot < 0) continue;
        const address = c.address as string;
        const type = address.slice(0, dot);
        const name = address.slice(dot + 1);
        const byName = byType.get(type) ?? new Map<string, Json>();
        byType.set(type, byName);
        if (!byName.has(name)) byName.set(name, c);
      }
      configs.set(module, byType);
    }
    return byType.get(mode === 'data' ? `data.${type}` : type)?.get(name);
  };
  // A module's configuration is shared by all its instances: its expressions (and what
  // `each.value` stands for) are read once.
  const expressionsByConfig = new Map<Json, { expressions: ConfigExpression[]; each?: string[] }>();
  const resources: NormalizedResource[] = [];
  // Paths of one resource are collected here and copied out at their size (see `resolved`).
  const unknownPaths: string[] = [];
  const sensitivePaths: string[] = [];
  all.at.forEach((k, address) => {
    const base = all.base[k];
    const rc = all.changes[k];
    let mode: 'managed' | 'data';
    let type: string;
    let name: string;
    let module: string;
    let planned: Json;
    let sensitiveMarks: unknown;
    let actions: string[] | undefined;
    let afterUnknown: unknown;
    if (rc) {
      const change = obj(rc.change);
      mode = rc.mode === 'data' ? 'data' : 'managed';
      type = String(rc.type);
      name = String(rc.name);
      ({ values: planned, sensitive: sensitiveMarks, module } = changedValues(rc, base, all.modules[k]));
      actions = actionList(arr(change.actions));
      afterUnknown = change.after_unknown;
    } else {
      // Only in planned_values (a data source read during planning, or a state's resource).
      const r = base!;
      mode = r.mode === 'data' ? 'data' : 'managed';
      type = String(r.type);
      name = String(r.name);
      module = all.modules[k];
      planned = obj(r.values);
      sensitiveMarks = r.sensitive_values;
    }
    unknownPaths.length = 0;
    const values = withUnknown(afterUnknown, planned, unknownPaths) as Json;
    let node = nodes.get(module);
    if (node === undefined && !nodes.has(module)) nodes.set(module, (node = nodeAt(root, module)));
    const config = node && configOf(node.module, mode, type, name);
    sensitivePaths.length = 0;
    markedPaths(sensitiveMarks, sensitivePaths);
    let read = config && expressionsByConfig.get(config);
    if (config && !read) expressionsByConfig.set(config, (read = { expressions: configExpressions(obj(config.expressions)), each: forEachRefs(config) }));
    const references = node && read ? expressionReferences(read.expressions, node, read.each) : [];
    // An explicit depends_on, resolved as a reference made in this module instance.
    const dependsOn = config && node && Array.isArray(config.depends_on) ? resolveAll(config.depends_on.map(String), node) : [];
    if (dependsOn.length) references.push({ attribute: 'depends_on', targets: dependsOn });
    const unknown = unknownPaths.slice();
    let resource: NormalizedResource;
    if (sensitivePaths.length) {
      resource = { address, mode, type, name, module, values, unknown, references, sensitive: sensitivePaths.slice() };
      if (actions) resource.actions = actions;
    } else if (actions) {
      // Most plan resources: one literal (a key added afterwards costs a shape change and a property store each).
      resource = { address, mode, type, name, module, values, unknown, references, actions };
    } else {
      resource = { address, mode, type, name, module, values, unknown, references };
    }
    resources.push(resource);
  });
  resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));

  const plannedOutputs = obj(obj(doc.planned_values ?? doc.values).outputs);
  const configOutputs = obj(root.module.outputs);
  const names = [...new Set([...Object.keys(plannedOutputs), ...Object.keys(configOutputs)])].sort();
  const outputs: NormalizedOutput[] = names.map((name) => {
    const p = obj(plannedOutputs[name]);
    const c = obj(configOutputs[name]);
    const refs = dropPrefixes(arr(obj(c.expression).references).map(String));
    return {
      address: `output.${name}`,
      name,
      sensitive: p.sensitive === true || c.sensitive === true,
      references: resolveAll(refs, root),
      ...('value' in p ? { value: p.value } : {}),
    };
  });
  return { format: 'plan', source, resources: mapAzapi(resources), outputs };
}

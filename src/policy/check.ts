/**
 * The checker's programmatic API:
 *
 *   checkInputs(inputs, options?): Promise<CheckReport>
 *   checkInputsSync(inputs, options?): CheckReport        (synth gate)
 *
 * Builds (or takes from the cache) the policy pack, sets `input.cost` from the cost estimator,
 * evaluates every input through the compiled WASM with the parameters as bundle data, maps the
 * results to findings with each rule's METADATA, and applies the waivers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../cli/errors';
import { estimate } from '../cost/estimate';
import { costSummary } from '../cost/summary';
import { armPaths, azapiNotes } from '../input/azapi';
import { notLoadedMessage } from '../input/config';
import { attributeLine } from '../input/locations';
import type { NormalizedResource, PolicyInput, SourceLocation } from '../input/types';
import { loadPolicyAsync, loadPolicySyncCompat, type LoadedPolicyLike } from './engine';
import type { RuleInfo } from './metadata';
import { buildPack, DEFAULT_POLICIES_DIR, ENTRYPOINT, REPO_ROOT, ruleEntrypoint, type PolicyPack } from './pack';
import { loadParams, mergeParams, validateParams } from './params';
import { readProjectConfig } from './project-config';
import { displayPath } from './report/location';
import type { CheckReport, Finding, ModuleNotChecked } from './types';
import { applyWaivers, readWaivers, type Waiver } from './waivers';

export interface CheckOptions {
  /** The built-in rule sources; default the repository's `policies/`. */
  policiesDir?: string;
  /** Team packs added beside the built-in pack (`--policies`), after those of apg.yaml. */
  extraPolicies?: string[];
  /** `false` drops the built-in rules (`--no-builtin-policies`); default: apg.yaml, else true. */
  builtinPolicies?: boolean;
  /** Project configuration file (apg.yaml); `false` to ignore it (tests). */
  projectConfig?: string | false;
  /** Compiled pack cache; default `build/policies/`, `false` to always compile. */
  cacheDir?: string | false;
  /** A prebuilt pack (tests and benches reuse one); policiesDir/cacheDir are then ignored. */
  pack?: PolicyPack;
  /** `--params` file (JSON or YAML) merged over `policies/params.json`. */
  paramsFile?: string;
  /** Parameters merged over the defaults and the file (tests). */
  params?: Record<string, unknown>;
  /** `--waivers` file; default `waivers.yaml` at the repo root when present; `false` for none. */
  waiversFile?: string | false;
  /** Waivers given directly (tests); used instead of any file. */
  waivers?: Waiver[];
  /** Clock for waiver expiry (tests). */
  now?: Date;
  /** Put the cost estimate on `input.cost` before evaluation (default true). */
  cost?: boolean;
}

export const DEFAULT_WAIVERS_FILE = join(REPO_ROOT, 'waivers.yaml');

interface Prepared {
  pack: PolicyPack;
  data: { params: Record<string, unknown> };
  waivers: Waiver[];
}

function prepare(options: CheckOptions): Prepared {
  const policiesDir = options.policiesDir ?? DEFAULT_POLICIES_DIR;
  const project = options.projectConfig === false ? { packs: [], builtin: true } : readProjectConfig(options.projectConfig);
  const extraDirs = [...new Set([...project.packs, ...(options.extraPolicies ?? []).map((d) => resolve(d))])];
  const builtinRules = options.builtinPolicies ?? project.builtin;
  const pack = options.pack ?? buildPack({ policiesDir, extraDirs, builtinRules, cacheDir: options.cacheDir });
  let params = loadParams([policiesDir, ...extraDirs], options.paramsFile);
  if (options.params) params = mergeParams(params, options.params);
  validateParams(params);
  const waiversFile = options.waiversFile ?? (existsSync(DEFAULT_WAIVERS_FILE) ? DEFAULT_WAIVERS_FILE : false);
  const waivers = options.waivers ?? (waiversFile ? readWaivers(waiversFile) : []);
  return { pack, data: { params }, waivers };
}

/** The input with `cost` set, or a note saying why the estimate is missing. */
function withCost(input: PolicyInput, notes: string[]): PolicyInput {
  if (input.cost) return input;
  try {
    // Totals only: input.cost carries no line per resource.
    return { ...input, cost: costSummary(estimate(input, undefined, { perResource: false }), input) };
  } catch (err) {
    if (err instanceof UserError) throw err;
    notes.push(`${input.source}: no cost estimate (${(err as Error).message}); budget-covers-estimate not evaluated`);
    return input;
  }
}

type RawFindings = Record<string, unknown>;

/**
 * The findings document `{<rule id>: <deny set>}`: each rule's entrypoint evaluated in turn on one
 * parse of the input (PolicyLike.evaluateEach), or the pack's aggregate entrypoint when the module
 * cannot. Both give the same document; the first needs far less memory on a large plan. `input`
 * may also be the input's JSON text, UTF-8 encoded (the eval bench times the pack on given bytes).
 */
export function evaluateFindings(policy: LoadedPolicyLike, input: PolicyInput | Uint8Array, rules: RuleInfo[]): { result?: unknown }[] | undefined {
  const each = rules.map(ruleEntrypoint);
  const own = new Set([ENTRYPOINT, ...each]);
  const shared = (policy.entrypointNames?.() ?? []).filter((e) => !own.has(e)).sort();
  const sets = policy.evaluateEach?.(input, shared, each) as ({ result?: unknown }[] | undefined)[] | undefined;
  if (!sets) return policy.evaluate(input, ENTRYPOINT) as { result?: unknown }[] | undefined;
  const findings: Record<string, unknown> = {};
  for (let i = 0; i < rules.length; i++) {
    // As the aggregate's object literal: one rule with no deny document leaves no findings document.
    if (!sets[i]?.length) return [];
    findings[rules[i].id] = sets[i]![0].result;
  }
  return [{ result: findings }];
}

function rawFindings(policy: LoadedPolicyLike, input: PolicyInput, rules: RuleInfo[]): RawFindings {
  let resultSet: { result?: unknown }[] | undefined;
  try {
    resultSet = evaluateFindings(policy, input, rules);
  } catch (err) {
    // The SDK throws strings for evaluation errors (e.g. the module's memory limit on a huge plan).
    const message = err instanceof Error ? err.message : String(err);
    throw new UserError(`${input.source}: policy evaluation failed (${input.resources.length} resources): ${message}`);
  }
  const result = resultSet?.[0]?.result;
  if (typeof result !== 'object' || result === null) {
    throw new Error(`policy pack returned no findings document for ${input.source}`);
  }
  return result as RawFindings;
}

/** Lines of a file, read once per check (finding an attribute inside a block). */
function fileLines(cache: Map<string, string[] | null>, file: string): string[] | null {
  if (!cache.has(file)) {
    try {
      cache.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      cache.set(file, null);
    }
  }
  return cache.get(file)!;
}

/**
 * Where a finding points: the location of its resource or output (an instance address shares its
 * block's), refined to the line of `attribute` when the rule names one and it is written there.
 * An azapi resource read as an azurerm view has the attribute where its ARM property is written in
 * `body` (src/input/azapi.ts armPaths); when nothing is written there, the block's line.
 */
function locator(input: PolicyInput): (address: string, attribute: unknown) => { file?: string; line?: number } {
  const byAddress = new Map<string, { loc: SourceLocation; resource?: NormalizedResource }>();
  for (const r of input.resources ?? []) if (r.location) byAddress.set(r.address, { loc: r.location, resource: r });
  for (const o of input.outputs ?? []) if (o.location) byAddress.set(o.address, { loc: o.location });
  if (!byAddress.size) return () => ({});
  const cache = new Map<string, string[] | null>();
  return (address, attribute) => {
    const at = byAddress.get(address);
    if (!at) return {};
    const { loc, resource } = at;
    let line = loc.line;
    if (typeof attribute === 'string' && attribute !== '' && loc.end !== undefined) {
      const lines = fileLines(cache, loc.file);
      const view = resource?.azapi && resource.type !== resource.azapi.type;
      // A view's attribute is found through its ARM property; a path the view left in azapi's own
      // names (`body.…`, an ARM property no rule reads) is written as it is.
      const paths = view && !/^(sensitive_)?body\./.test(attribute) ? armPaths(resource, attribute) : [attribute];
      const block = { ...loc, end: loc.end };
      line = (lines && paths.map((p) => attributeLine(lines, block, p)).find((l) => l !== undefined)) || line;
    }
    return { file: loc.file, line };
  };
}

function toFindings(raw: RawFindings, rules: Map<string, RuleInfo>, input: PolicyInput): Finding[] {
  const out: Finding[] = [];
  // Rules name azurerm attributes; on an azapi resource read as one (src/input/azapi.ts) say so.
  const azapiNote = new Map<string, string>();
  for (const r of input.resources) {
    if (r.azapi && r.type !== r.azapi.type) {
      azapiNote.set(r.address, ` (${r.azapi.type} of ${r.azapi.armType}, read as ${r.type}: the ARM property for each attribute is in policies/README.md, "azapi resources")`);
    }
  }
  const locate = locator(input);
  const { source, stack } = input;
  for (const [id, list] of Object.entries(raw)) {
    const rule = rules.get(id);
    const title = rule?.title ?? id;
    const severity = rule?.severity ?? 'deny';
    for (const item of Array.isArray(list) ? list : []) {
      const f = (item ?? {}) as { address?: unknown; msg?: unknown; severity?: unknown; check?: unknown; attribute?: unknown };
      // A finding may carry its own severity (one rule, two thresholds); else the rule's METADATA.
      if (f.severity !== undefined && f.severity !== 'warn' && f.severity !== 'deny') {
        throw new UserError(`rule ${id} returned severity ${JSON.stringify(f.severity)}: expected "warn" or "deny"`);
      }
      // A check id must be declared in the rule's METADATA: waivers and dashboards rely on it being stable.
      if (f.check !== undefined && (typeof f.check !== 'string' || !rule?.checks.some((c) => c.id === f.check))) {
        throw new UserError(`rule ${id} (${rule?.file ?? 'unknown file'}) returned check ${JSON.stringify(f.check)}, which its METADATA custom.checks does not declare`);
      }
      const address = typeof f.address === 'string' && f.address !== '' ? f.address : '*';
      const message = typeof f.msg === 'string' ? f.msg : JSON.stringify(item);
      // (A lookup hashes the address: none when no resource is azapi, as in most plans.)
      const note = azapiNote.size ? azapiNote.get(address) : undefined;
      // Members assigned in report order (rule, check?, severity, …, stack?, file?, line?) rather than
      // spread from temporary objects: 100k findings made ~5 objects each.
      const finding = { rule: id } as Finding;
      if (typeof f.check === 'string') finding.check = `${id}/${f.check}`;
      finding.severity = (f.severity as 'warn' | 'deny' | undefined) ?? severity;
      finding.title = title;
      finding.address = address;
      finding.message = note === undefined ? message : message + note;
      finding.waived = false;
      finding.source = source;
      if (stack !== undefined) finding.stack = stack;
      const at = locate(address, f.attribute);
      if ('file' in at) {
        finding.file = at.file;
        finding.line = at.line;
      }
      out.push(finding);
    }
  }
  return out;
}

function modulesNotChecked(input: PolicyInput): ModuleNotChecked[] {
  return (input.modulesNotLoaded ?? []).map((m) => ({
    input: input.source,
    ...(input.stack !== undefined ? { stack: input.stack } : {}),
    address: m.address,
    moduleSource: m.source,
    ...(m.version !== undefined ? { version: m.version } : {}),
    ...(m.location ? { file: m.location.file, line: m.location.line } : {}),
    message: notLoadedMessage(m),
  }));
}

const SEVERITY_ORDER = { deny: 0, warn: 1 } as const;

/**
 * localeCompare, with identical strings (a finding's source and rule are shared strings) equal at once.
 * Comparing directly is cheaper than ranking the distinct values first: V8 compares one-byte strings
 * without ICU, and ranking meant hashing every finding's strings into sets and maps (100k findings:
 * ~30 ms sorted this way, ~170 ms with ranks).
 */
const byLocale = (a: string, b: string): number => (a === b ? 0 : a.localeCompare(b));

/** Findings in report order: source, severity, rule, address, check, message (each by localeCompare). */
function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    byLocale(a.source, b.source) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    byLocale(a.rule, b.rule) ||
    byLocale(a.address, b.address) ||
    byLocale(a.check ?? '', b.check ?? '') ||
    byLocale(a.message, b.message),
  );
}

function evaluateAll(policy: LoadedPolicyLike, prepared: Prepared, inputs: PolicyInput[], options: CheckOptions): CheckReport {
  const { pack, data, waivers } = prepared;
  policy.setData(data);
  const rules = new Map(pack.rules.map((r) => [r.id, r]));
  const notes: string[] = [];
  const found: Finding[] = [];
  const unchecked = inputs.flatMap(modulesNotChecked);
  for (const m of unchecked) notes.push(`${m.file ? `${displayPath(m.file)}:${m.line}` : displayPath(m.input)}: ${m.message}`);
  for (const input of inputs) {
    const evaluated = options.cost === false ? input : withCost(input, notes);
    // No spread: a plan of 100k resources can have more findings (or azapi notes) than a call's argument limit.
    for (const n of azapiNotes(input)) notes.push(n);
    for (const f of toFindings(rawFindings(policy, evaluated, pack.rules), rules, evaluated)) found.push(f);
  }
  const known = new Set([...rules.keys(), ...pack.rules.flatMap((r) => r.checks.map((c) => `${r.id}/${c.id}`))]);
  const { findings, invalid } = applyWaivers(found, waivers, known, options.now ?? new Date());
  for (const f of invalid) findings.push(f);
  const all = sortFindings(findings);
  // One pass for the counts, not one per count.
  let deny = 0;
  let warn = 0;
  let waived = 0;
  for (const f of all) {
    if (f.waived) waived++;
    else if (f.severity === 'deny') deny++;
    else if (f.severity === 'warn') warn++;
  }
  return {
    findings: all,
    summary: {
      inputs: inputs.length,
      resources: inputs.reduce((n, i) => n + i.resources.length, 0),
      rules: pack.rules.length,
      deny,
      warn,
      waived,
      passed: deny === 0,
    },
    inputs: inputs.map((i) => ({
      source: i.source,
      format: i.format,
      ...(i.stack !== undefined ? { stack: i.stack } : {}),
      resources: i.resources.length,
    })),
    rules: pack.rules,
    notes,
    modulesNotChecked: unchecked,
  };
}

export async function checkInputs(inputs: PolicyInput[], options: CheckOptions = {}): Promise<CheckReport> {
  const prepared = prepare(options);
  return evaluateAll(await loadPolicyAsync(prepared.pack.wasm), prepared, inputs, options);
}

export function checkInputsSync(inputs: PolicyInput[], options: CheckOptions = {}): CheckReport {
  const prepared = prepare(options);
  return evaluateAll(loadPolicySyncCompat(prepared.pack.wasm), prepared, inputs, options);
}

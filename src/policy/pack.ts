/**
 * Builds the policy pack: every `policies/**\/*.rego` (minus `examples/` and `testdata/` folders and
 * `*_test.rego` unit tests), plus every team pack given beside it (`--policies <dir>`, repeatable, or
 * `policies.packs` in apg.yaml), one generated aggregator module (package `apg`, `findings := {"<rule id>": data.<package>.deny}`)
 * and the WASM compiled from them with the single entrypoint `apg/findings`. The WASM is cached in
 * `build/policies/<hash>/` where the hash covers the rule sources and the compiler's own sources,
 * so an edit to either recompiles and nothing else does.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeWhole } from '../build-cache';
import { UserError } from '../cli/errors';
import { REPO_ROOT } from '../paths';
import type { SourceFile } from '../compiler';
import type { RuleGroup } from '../compiler/check';
import { readRuleInfo, type RuleInfo } from './metadata';

export { REPO_ROOT };
export const DEFAULT_POLICIES_DIR = join(REPO_ROOT, 'policies');
export const DEFAULT_CACHE_DIR = join(REPO_ROOT, 'build', 'policies');
export const ENTRYPOINT = 'apg/findings';
/** Each rule's own entrypoint (its deny set), evaluated one at a time by the checker (src/policy/engine.ts). */
export const ruleEntrypoint = (rule: RuleInfo): string => `${rule.package.replace(/\./g, '/')}/deny`;
const COMPILER_DIR = join(REPO_ROOT, 'src', 'compiler');

export interface PolicyPack {
  wasm: Uint8Array;
  rules: RuleInfo[];
  /** Content hash of the sources (cache key). */
  hash: string;
  /** True when the WASM came from the cache. */
  cached: boolean;
}

export interface PackOptions {
  /** The built-in pack (default `policies/`). Its `lib/` is always compiled in, so team rules can import `data.lib.tf`. */
  policiesDir?: string;
  /** Team packs compiled beside the built-in one. */
  extraDirs?: string[];
  /** `false` drops the built-in pack's rules (`--no-builtin-policies`); its `lib/` stays. */
  builtinRules?: boolean;
  /** Where compiled packs are kept; `false` disables the cache. */
  cacheDir?: string | false;
}

function walk(dir: string, out: string[], keep: (path: string, isDir: boolean) => boolean): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const isDir = statSync(full).isDirectory();
    if (!keep(full, isDir)) continue;
    if (isDir) walk(full, out, keep);
    else out.push(full);
  }
}

/** A path as errors show it: relative to the repository when inside it, else as given. */
function displayPath(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel === '' ? path : rel.startsWith('..') ? path : rel;
}

/** `*_test.rego` files hold unit tests (`apg test`); they are never part of a pack. */
export const isTestFile = (path: string): boolean => path.endsWith('_test.rego');

/** The rule and helper files of the pack, in a stable order. */
export function discoverSources(policiesDir: string): SourceFile[] {
  if (!existsSync(policiesDir) || !statSync(policiesDir).isDirectory()) throw new UserError(`${policiesDir}: no such policies directory`);
  const files: string[] = [];
  walk(policiesDir, files, (path, isDir) =>
    isDir ? !['examples', 'testdata'].includes(path.split(/[\\/]/).pop()!) : path.endsWith('.rego') && !isTestFile(path));
  return files.map((path) => ({ path: displayPath(path), text: readFileSync(path, 'utf8') }));
}

const isLibFile = (path: string): boolean => /(^|[\\/])lib[\\/]/.test(path);

/**
 * Rule files are those outside `lib/`; each carries METADATA with an id unique across every pack,
 * and a package of its own (two files in one package would merge their deny sets silently).
 */
export function ruleInfos(sources: SourceFile[]): RuleInfo[] {
  const rules = sources.filter((s) => !isLibFile(s.path)).map((s) => readRuleInfo(s.path, s.text));
  const ids = new Map<string, RuleInfo>();
  const packages = new Map<string, RuleInfo>();
  for (const r of rules) {
    const other = ids.get(r.id);
    if (other) throw new UserError(`${r.file}:${r.line}: rule id "${r.id}" is also used by ${other.file}:${other.line}`);
    ids.set(r.id, r);
    const samePackage = packages.get(r.package);
    if (samePackage) throw new UserError(`${r.file}: package ${r.package} is also the package of ${samePackage.file}: give each rule a package of its own`);
    packages.set(r.package, r);
  }
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every source of the packs in use: the built-in pack (or only its lib/), then each team pack. */
export function packSources(options: PackOptions = {}): SourceFile[] {
  const builtin = discoverSources(options.policiesDir ?? DEFAULT_POLICIES_DIR);
  const sources = options.builtinRules === false ? builtin.filter((s) => isLibFile(s.path)) : builtin;
  for (const dir of options.extraDirs ?? []) sources.push(...discoverSources(resolve(dir)));
  return sources;
}

export function aggregatorSource(rules: RuleInfo[]): string {
  const entries = rules.map((r) => `\t${JSON.stringify(r.id)}: data.${r.package}.deny,`);
  return ['# Generated by src/policy/pack.ts: every rule\'s deny set by rule id.', 'package apg', '', 'import rego.v1', '', 'findings := {', ...entries, '}', ''].join('\n');
}

/** What entrypoints a pack is compiled with (part of the cache key: a pack cached under another scheme lacks some). */
const ENTRYPOINT_SCHEME = 'entrypoints: aggregator, each rule, lib values two or more rules reach\0';

/**
 * The lib values the checker evaluates first and keeps while it evaluates the rules one by one
 * (src/policy/engine.ts evaluateEach), as `lib/tf/type_indexes`-style entrypoints: each rule of no
 * arguments in a helper package (lib/) that two or more rules reach, directly or through lib
 * functions, without passing through another kept value. A value one rule needs is computed inside
 * that rule, and only on plans where the rule asks for it (lib.identities.by_view, which only
 * no_secret_access_on_public_app reads on its own, cost ~110 ms of a 100k-resource check that has
 * no identity references); one reached only through a kept value is computed with it, if at all
 * (lib.tf's type_order is read only on plans of more than 16 resource types). Keeping or not never
 * changes a result, only how often a value is computed.
 */
function sharedEntrypoints(sources: SourceFile[], rules: RuleInfo[]): string[] {
  const { parseModule } = require('../compiler/parser') as typeof import('../compiler/parser');
  const { checkModules, dependencies } = require('../compiler/check') as typeof import('../compiler/check');
  const modules = sources.map((s) => parseModule(s.text, s.path));
  const libPackages = new Set(modules.filter((m, i) => isLibFile(sources[i].path)).map((m) => m.package.join('.')));
  const { tree } = checkModules(modules);
  const isValue = (g: RuleGroup): boolean => g.kind !== 'function' && libPackages.has(g.path.slice(0, -1).join('.'));
  const roots = rules.map((r) => tree.find([...r.package.split('.'), 'deny'])?.group).filter((g): g is RuleGroup => g !== undefined);
  /** How many rules reach each lib value, the walk stopping at the values in `stop`. */
  const reachCounts = (stop: Set<RuleGroup>): Map<RuleGroup, number> => {
    const counts = new Map<RuleGroup, number>();
    for (const root of roots) {
      const seen = new Set<RuleGroup>();
      const visit = (g: RuleGroup): void => {
        if (seen.has(g)) return;
        seen.add(g);
        if (isValue(g)) counts.set(g, (counts.get(g) ?? 0) + 1);
        if (g === root || !stop.has(g)) for (const d of dependencies(tree, g)) visit(d);
      };
      visit(root);
    }
    return counts;
  };
  const shared = (counts: Map<RuleGroup, number>): Set<RuleGroup> => new Set([...counts].filter(([, n]) => n >= 2).map(([g]) => g));
  // Every value two rules reach at all; then, the walk stopping at those, the ones still reached by two.
  const kept = shared(reachCounts(shared(reachCounts(new Set()))));
  return [...kept].map((g) => g.path.join('/')).sort();
}

/** Hash of the compiler's own sources, so that a compiler change invalidates cached packs. */
function compilerFingerprint(): string {
  const files: string[] = [];
  if (existsSync(COMPILER_DIR)) walk(COMPILER_DIR, files, (p, isDir) => isDir || p.endsWith('.ts'));
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(f));
  return hash.digest('hex');
}

export function buildPack(options: PackOptions = {}): PolicyPack {
  const sources = packSources(options);
  // The rule infos and the aggregator follow from the sources, so the sources alone are the key.
  const hash = createHash('sha256');
  hash.update(compilerFingerprint());
  hash.update(ENTRYPOINT_SCHEME);
  for (const s of sources) hash.update(s.path).update('\0').update(s.text).update('\0');
  const key = hash.digest('hex').slice(0, 16);

  const cacheDir = options.cacheDir === false ? undefined : options.cacheDir ?? DEFAULT_CACHE_DIR;
  const cached = cacheDir && join(cacheDir, key, 'policy.wasm');
  const cachedRules = cacheDir && join(cacheDir, key, 'rules.json');
  // The rules' METADATA is kept beside the WASM: reading it again meant parsing every rule's YAML
  // (and loading the YAML and schema libraries) on every check.
  if (cached && cachedRules && existsSync(cached) && existsSync(cachedRules)) {
    return { wasm: new Uint8Array(readFileSync(cached)), rules: JSON.parse(readFileSync(cachedRules, 'utf8')) as RuleInfo[], hash: key, cached: true };
  }

  const rules = ruleInfos(sources);
  if (rules.length === 0) {
    const dirs = [...(options.builtinRules === false ? [] : [options.policiesDir ?? DEFAULT_POLICIES_DIR]), ...(options.extraDirs ?? [])];
    throw new UserError(`${dirs.join(', ') || 'no policy folder given'}: no rules found`);
  }
  const aggregator: SourceFile = { path: '<generated>/apg.rego', text: aggregatorSource(rules) };
  // Loaded on first use: everything else in the checker works without loading the compiler.
  const { compile } = require('../compiler') as typeof import('../compiler');
  // Evaluated only through the project's loader, which serves the OPA-exact builtins.
  // The aggregator, each rule's deny set, and the lib values two or more rules read: the checker
  // evaluates those first and keeps their values while it evaluates the rules one by one,
  // rewinding the module's heap after each (src/policy/engine.ts evaluateEach).
  const entrypoints = [ENTRYPOINT, ...rules.map(ruleEntrypoint), ...sharedEntrypoints(sources, rules)];
  const compiled = compile({ sources: [...sources, aggregator], entrypoints, opaExactBuiltins: true });
  if (cacheDir && cached && cachedRules) {
    mkdirSync(join(cacheDir, key), { recursive: true });
    writeWhole(cached, compiled.wasm);
    // After the WASM: a directory with rules.json always has its policy.wasm.
    writeWhole(cachedRules, JSON.stringify(rules));
  }
  return { wasm: compiled.wasm, rules, hash: key, cached: false };
}

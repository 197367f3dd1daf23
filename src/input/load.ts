/**
 * `loadInputs(path)`: the one entry point that turns what the user points at into PolicyInputs.
 * Detected from the path:
 *   - a `cdktf.out` folder (its `stacks/<name>/cdk.tf.json`, one input per stack), a stack folder
 *     holding `cdk.tf.json`, or a Terraform JSON configuration file → format `cdktf`;
 *   - a `terraform show -json` file (plan or state) → format `plan`;
 *   - a folder of `*.tf` files (or one `.tf` file) → format `hcl`, with the local modules it calls.
 * Anything else is a UserError naming the file (and line, where the parser gives one).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../cli/errors';
import { moduleCallText, normalizeConfig } from './config';
import { hclFiles, loadHclModule, loadLocalModules, locateBlocks, parseJsonFile, readText } from './hcl';
import { cdktfLocations } from './locations';
import { isPlanDocument, normalizePlan } from './plan';
import { CONFIG_KEYS, readTerraformJson } from './terraform-json';
import type { PolicyInput } from './types';

type Json = Record<string, unknown>;

/** What a path holds, before any parsing of HCL (which is async). */
type Target =
  | { kind: 'json'; file: string; stack?: string }
  | { kind: 'hcl'; path: string };

function stat(path: string): import("node:fs").Stats {
  try {
    return statSync(path);
  } catch {
    throw new UserError(`${path}: no such file or directory`);
  }
}

/** Stack folders of a `cdktf.out` directory, by name. */
function stackDirs(outDir: string): string[] {
  const stacks = join(outDir, 'stacks');
  if (!existsSync(stacks) || !statSync(stacks).isDirectory()) return [];
  return readdirSync(stacks)
    .sort()
    .filter((name) => existsSync(join(stacks, name, 'cdk.tf.json')));
}

function targets(path: string): Target[] {
  const s = stat(path);
  if (s.isFile()) {
    if (path.endsWith('.tf')) return [{ kind: 'hcl', path }];
    return [{ kind: 'json', file: path }];
  }
  if (existsSync(join(path, 'cdk.tf.json'))) return [{ kind: 'json', file: join(path, 'cdk.tf.json') }];
  const stacks = stackDirs(path);
  if (stacks.length) return stacks.map((name) => ({ kind: 'json', file: join(path, 'stacks', name, 'cdk.tf.json'), stack: name }));
  if (hclFiles(path).length) return [{ kind: 'hcl', path }];
  throw new UserError(`${path}: no cdk.tf.json, cdktf.out/stacks/<name>/cdk.tf.json, *.tf or *.tf.json files found`);
}

function readJson(file: string): Json {
  const text = readText(file);
  if (/\.ya?ml$/i.test(file)) {
    throw new UserError(`${file}: YAML is not an input format (expected a Terraform JSON configuration, a terraform show -json plan, or a folder of .tf files)`);
  }
  if (!/^\s*[[{]/.test(text) && !file.endsWith('.json')) {
    throw new UserError(`${file}: not JSON or HCL (expected a .tf file or folder, a Terraform JSON configuration or a terraform show -json plan)`);
  }
  const doc = parseJsonFile(file, text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new UserError(`${file}: expected a JSON object (a Terraform configuration or a terraform show -json plan), found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : `a ${typeof doc}`}`);
  }
  return doc as Json;
}

const isConfigDocument = (doc: Json): boolean => CONFIG_KEYS.some((k) => k in doc);

/** The stack a CDKTF document belongs to: its `//` metadata, else the `stacks/<name>/` folder it sits in. */
function stackName(doc: Json, file: string, given?: string): string | undefined {
  if (given) return given;
  const meta = (doc['//'] as { metadata?: { stackName?: unknown } } | undefined)?.metadata;
  if (typeof meta?.stackName === 'string') return meta.stackName;
  const dir = dirname(file);
  return basename(dirname(dir)) === 'stacks' ? basename(dir) : undefined;
}

function classify(doc: Json, file: string): 'plan' | 'config' {
  if (isPlanDocument(doc)) return 'plan';
  if (isConfigDocument(doc)) return 'config';
  if ('lineage' in doc && 'serial' in doc) {
    throw new UserError(`${file}: a raw Terraform state file: convert it with terraform show -json > state.json and check state.json`);
  }
  if ('format_version' in doc) {
    throw new UserError(
      `${file}: terraform show -json output with no planned_values, resource_changes or values (an empty state?): nothing to check`,
    );
  }
  throw new UserError(
    `${file}: JSON is neither a Terraform configuration (resource/data/output/module/...) nor a terraform show -json plan (planned_values/resource_changes)`,
  );
}

/** Loads every input at `path` (see the file comment for what is recognised). */
export async function loadInputs(path: string): Promise<PolicyInput[]> {
  const inputs: PolicyInput[] = [];
  for (const t of targets(path)) {
    if (t.kind === 'hcl') {
      inputs.push(normalizeConfig(await loadHclModule(t.path), 'hcl', t.path));
      continue;
    }
    const doc = readJson(t.file);
    if (classify(doc, t.file) === 'plan') {
      inputs.push(normalizePlan(doc, t.file, { inPlace: true }));
    } else {
      const locate = cdktfLocations(doc, t.file);
      const children = await loadLocalModules(doc, dirname(t.file), t.file, [], undefined, [], locate);
      const module = readTerraformJson(doc, 'cdktf', t.file, (name) => children.get(name));
      locateBlocks(module, locate);
      inputs.push(normalizeConfig(module, 'cdktf', t.file, stackName(doc, t.file, t.stack)));
    }
  }
  return inputs;
}

/**
 * `--require-modules`: a module call whose code is not on disk is an input error (exit 2) instead
 * of a note, for pipelines that must check every resource.
 */
export function requireModules(inputs: PolicyInput[]): void {
  const missing = inputs.flatMap((i) => (i.modulesNotLoaded ?? []).map((m) => ({ input: i, m })));
  if (!missing.length) return;
  const [{ input, m }] = missing;
  const where = m.location ? `${m.location.file}:${m.location.line}` : input.source;
  const more = missing.length > 1 ? ` (and ${missing.length - 1} more module call${missing.length > 2 ? 's' : ''})` : '';
  throw new UserError(`${where}: ${moduleCallText(m)} is not installed${more}: run terraform init (--require-modules)`);
}

/**
 * Synchronous variant for the synth gate (which runs inside the CDKTF app, right after
 * `app.synth()`): CDKTF JSON and plans only; module calls to local HCL modules are not followed.
 */
export function loadInputsSync(path: string): PolicyInput[] {
  return targets(path).map((t) => {
    if (t.kind === 'hcl') throw new UserError(`${t.path}: HCL inputs need the asynchronous loadInputs`);
    const doc = readJson(t.file);
    if (classify(doc, t.file) === 'plan') return normalizePlan(doc, t.file, { inPlace: true });
    const module = readTerraformJson(doc, 'cdktf', t.file);
    locateBlocks(module, cdktfLocations(doc, t.file));
    return normalizeConfig(module, 'cdktf', t.file, stackName(doc, t.file, t.stack));
  });
}

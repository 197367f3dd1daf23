/**
 * Reads an HCL module directory (every `*.tf` file) with @cdktf/hcl2json, and the local modules it
 * calls (`source = "./modules/x"`), recursively. Syntax errors become a UserError naming file and line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../cli/errors';
import { wrapBlocks } from './blocks';
import { META_ARGUMENTS, type ConfigModule } from './config';
import { blockKey, blockLocations, type BlockLocation } from './locations';
import type { SourceLocation } from './types';
import { CONFIG_KEYS, readTerraformJson } from './terraform-json';

/**
 * @cdktf/hcl2json starts a Go WebAssembly runtime as soon as it is loaded (a gunzipped module
 * and its heap): loaded on the first HCL file, so that checking a plan or CDKTF JSON never pays it.
 */
let hcl2json: typeof import('@cdktf/hcl2json') | undefined;
const parse = (file: string, text: string): Promise<Record<string, unknown>> =>
  (hcl2json ??= require('@cdktf/hcl2json') as typeof import('@cdktf/hcl2json')).parse(file, text);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges hcl2json documents of the files of one module: objects key by key, arrays concatenated. */
function merge(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (Array.isArray(cur) && Array.isArray(v)) into[k] = [...cur, ...v];
    else if (isObject(cur) && isObject(v)) merge(cur, v);
    else into[k] = v;
  }
}

/** `parse config: [main.tf:11,24-29: Summary; detail.]` → `main.tf:11: Summary; detail.` */
function hclError(file: string, err: unknown): UserError {
  const text = err instanceof Error ? err.message : String(err);
  const m = /\[([^\]]*?):(\d+),(\d+)(?:-[\d,]+)?: ([^\]]*)\]/.exec(text);
  return new UserError(m ? `${m[1]}:${m[2]}: HCL syntax error: ${m[4]}` : `${file}: HCL syntax error: ${text}`);
}

const isOverride = (f: string): boolean => /(^|_)override\.tf(\.json)?$/.test(basename(f));

/**
 * The configuration files of a module directory, as Terraform reads them: `*.tf` and `*.tf.json`
 * in name order, override files (`override.tf`, `*_override.tf`, and their `.tf.json`) last.
 */
export function hclFiles(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((f) => (f.endsWith('.tf') || f.endsWith('.tf.json')) && statSync(join(dir, f)).isFile())
    .sort();
  return [...files.filter((f) => !isOverride(f)), ...files.filter(isOverride)].map((f) => join(dir, f));
}

/** Reads a text file that may carry a byte-order mark (UTF-8, or UTF-16 as Windows PowerShell writes `>` redirections). */
export function readText(file: string): string {
  // A Buffer decoded once: on Node 20 this is ~2× faster than readFileSync(file, 'utf8') on a large plan.
  return readTextBytes(file, readFileSync(file));
}

function readTextBytes(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new UserError(`${file}: a binary Terraform plan file: convert it with terraform show -json ${basename(file)} > plan.json and check plan.json`);
  }
  const text = bytes.toString('utf8');
  if (bytes.includes(0) || text.includes('\uFFFD')) throw new UserError(`${file}: a binary file, not text (expected a .tf file, a Terraform JSON configuration or a terraform show -json plan)`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export async function parseHclFile(file: string, text = readText(file)): Promise<Record<string, unknown>> {
  if (file.endsWith('.json')) return jsonSyntaxDocument(parseJsonFile(file, text), file);
  try {
    return await parse(file, text);
  } catch (err) {
    throw hclError(file, err);
  }
}

/**
 * A `.tf.json` file (Terraform's JSON syntax: blocks as objects or arrays of objects) in the shape
 * @cdktf/hcl2json gives HCL, so that both merge into one module document.
 */
function jsonSyntaxDocument(doc: unknown, file: string): Record<string, unknown> {
  if (!isObject(doc) || !CONFIG_KEYS.some((k) => k in doc)) {
    throw new UserError(`${file}: not a Terraform JSON configuration (expected resource/data/variable/output/module/locals/... keys)`);
  }
  const out: Record<string, unknown> = { ...doc };
  for (const mode of ['resource', 'data']) {
    if (!isObject(doc[mode])) continue;
    out[mode] = Object.fromEntries(
      Object.entries(doc[mode] as Record<string, unknown>).map(([type, byName]) => [
        type,
        isObject(byName)
          ? Object.fromEntries(
              Object.entries(byName).map(([name, raw]) => {
                const b: Record<string, unknown> = Array.isArray(raw) ? Object.assign({}, ...raw.filter(isObject)) : isObject(raw) ? raw : {};
                const meta = Object.fromEntries(Object.entries(b).filter(([k]) => META_ARGUMENTS.has(k)));
                const attrs = Object.fromEntries(Object.entries(b).filter(([k]) => !META_ARGUMENTS.has(k)));
                return [name, [{ ...meta, ...wrapBlocks(type, attrs) }]];
              }),
            )
          : byName,
      ]),
    );
  }
  if (isObject(doc.locals)) out.locals = [doc.locals];
  return out;
}

/** JSON.parse with a UserError naming the file and line. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw jsonError(file, text, err);
  }
}

/** `Unexpected token ... at position 123` → line number of that position (found by a scan when the message has none). */
function jsonError(file: string, text: string, err: unknown): UserError {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\(line \d+ column \d+\)/, '');
  const pos = /position (\d+)/.exec(message);
  const at = pos ? Number(pos[1]) : jsonErrorOffset(text);
  const line = at !== undefined ? text.slice(0, at).split('\n').length : undefined;
  const short = message
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return new UserError(`${line ? `${file}:${line}` : file}: not valid JSON (${short})`);
}

/** Offset of the first JSON syntax error in `text` (a small recursive-descent scan), or undefined. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') {
      string();
    } else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : undefined;
  }
}

/**
 * Variable values Terraform reads by itself from a root module directory: `terraform.tfvars`,
 * `terraform.tfvars.json`, then `*.auto.tfvars(.json)` in name order, later files winning.
 */
async function loadTfvars(dir: string): Promise<Record<string, unknown> | undefined> {
  const names = readdirSync(dir);
  const auto = names.filter((f) => /\.auto\.tfvars(\.json)?$/.test(f)).sort();
  const files = ['terraform.tfvars', 'terraform.tfvars.json', ...auto].filter((f) => names.includes(f) && statSync(join(dir, f)).isFile());
  if (!files.length) return undefined;
  const values: Record<string, unknown> = {};
  for (const f of files) {
    const file = join(dir, f);
    const text = readText(file);
    let doc: unknown;
    if (f.endsWith('.json')) doc = parseJsonFile(file, text);
    else {
      try {
        doc = await parse(file, text);
      } catch (err) {
        throw hclError(file, err);
      }
    }
    if (!isObject(doc)) throw new UserError(`${file}: expected variable assignments`);
    Object.assign(values, doc);
  }
  return values;
}

const isLocalSource = (source: string): boolean => source.startsWith('./') || source.startsWith('../');

/**
 * Where `terraform init` installed each module call: `.terraform/modules/modules.json` of the root
 * module, by call key (`app`, `app.inner`). Registry and git modules are followed from there.
 */
interface Installed {
  dirs: Map<string, string>;
}

function installedModules(root: string): Installed | undefined {
  const file = join(root, '.terraform', 'modules', 'modules.json');
  if (!existsSync(file)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readText(file));
  } catch {
    return undefined; // a manifest Terraform itself would rewrite: modules are then not followed
  }
  const dirs = new Map<string, string>();
  const modules = isObject(doc) && Array.isArray(doc.Modules) ? doc.Modules : [];
  for (const m of modules) {
    if (isObject(m) && typeof m.Key === 'string' && m.Key !== '' && typeof m.Dir === 'string') dirs.set(m.Key, resolve(root, m.Dir));
  }
  return { dirs };
}

/**
 * Loads the module in `dir` (or the single file `file`) and the modules it calls: local paths, and
 * registry/git sources that `terraform init` installed under the root's `.terraform/modules`.
 */
export async function loadHclModule(dirOrFile: string, chain: string[] = [], installed?: Installed, key: string[] = []): Promise<ConfigModule> {
  const isFile = statSync(dirOrFile).isFile();
  const dir = isFile ? resolve(dirOrFile, '..') : dirOrFile;
  const isRoot = chain.length === 0;
  const doc: Record<string, unknown> = {};
  const locations = new Map<string, BlockLocation>();
  for (const file of isFile ? [dirOrFile] : hclFiles(dirOrFile)) {
    const text = readText(file);
    merge(doc, await parseHclFile(file, text));
    for (const [k, loc] of blockLocations(file, text)) if (!locations.has(k)) locations.set(k, loc);
  }
  const inst = isRoot ? installedModules(dir) : installed;
  const children = await loadLocalModules(doc, dir, dirOrFile, chain, inst, key, (k) => locations.get(k));
  const module = readTerraformJson(doc, 'hcl', dirOrFile, (name) => children.get(name));
  locateBlocks(module, (k) => locations.get(k));
  if (!isFile && isRoot) {
    const tfvars = await loadTfvars(dirOrFile);
    if (tfvars) module.tfvars = tfvars;
  }
  return module;
}

/** Puts the file and line of each block on the module's resources, outputs and module calls. */
export function locateBlocks(module: ConfigModule, locate: (key: string) => SourceLocation | undefined): void {
  for (const r of module.resources) {
    const loc = locate(blockKey(r.mode === 'data' ? 'data' : 'resource', r.type, r.name));
    if (loc) r.location = loc;
  }
  for (const [name, o] of Object.entries(module.outputs)) {
    const loc = locate(blockKey('output', name));
    if (loc) o.location = loc;
  }
  for (const [name, call] of Object.entries(module.moduleCalls)) {
    const loc = locate(blockKey('module', name));
    if (loc) call.location = loc;
  }
}

/**
 * Loads the HCL modules that the `module` calls of a configuration document (HCL or CDKTF JSON)
 * make, by call name: local paths (`./modules/x`), and other sources where `terraform init`
 * installed them. Sources that are not on disk are not fetched: references stop at their outputs.
 */
export async function loadLocalModules(
  doc: Record<string, unknown>,
  dir: string,
  file: string,
  chain: string[] = [],
  installed?: Installed,
  key: string[] = [],
  locate: (key: string) => SourceLocation | undefined = () => undefined,
): Promise<Map<string, ConfigModule>> {
  const children = new Map<string, ConfigModule>();
  const byDir = new Map<string, ConfigModule>();
  for (const [name, raw] of Object.entries(isObject(doc.module) ? doc.module : {})) {
    const call = Array.isArray(raw) ? raw[0] : raw;
    const source = isObject(call) && typeof call.source === 'string' ? call.source : '';
    const callKey = [...key, name];
    const local = isLocalSource(source);
    const childDir = local ? resolve(dir, source) : installed?.dirs.get(callKey.join('.'));
    if (!childDir || !existsSync(childDir) || !statSync(childDir).isDirectory()) {
      // terraform init fails on a local path that is not a folder; other sources that are not
      // installed are reported by the normaliser (their resources are not checked).
      if (local) {
        const loc = locate(blockKey('module', name));
        throw new UserError(`${loc ? `${loc.file}:${loc.line}` : file}: module "${name}": source "${source}" is not a folder (${childDir})`);
      }
      continue;
    }
    const ancestors = [...chain, resolve(dir)];
    if (ancestors.includes(childDir)) throw new UserError(`${file}: module source "${source}" leads back to a calling module`);
    let child = byDir.get(childDir);
    if (!child) {
      child = await loadHclModule(childDir, ancestors, installed, callKey);
      byDir.set(childDir, child);
    }
    children.set(name, child);
  }
  return children;
}

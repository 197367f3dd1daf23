/**
 * Reads an HCL module directory (every `*.tf` file) with @cdktf/hcl2json, and the local modules it
 * calls (`source = "./modules/x"`), recursively. Syntax errors become a UserError naming file and line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { UserError } from '../cli/errors';
import type { ConfigModule } from './config';
import { readTerraformJson } from './terraform-json';

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

export function hclFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tf') && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

export async function parseHclFile(file: string): Promise<Record<string, unknown>> {
  try {
    return await parse(file, readFileSync(file, 'utf8'));
  } catch (err) {
    throw hclError(file, err);
  }
}

const isLocalSource = (source: string): boolean => source.startsWith('./') || source.startsWith('../');

/** Loads the module in `dir` (or the single file `file`) and the local modules it calls. */
export async function loadHclModule(dirOrFile: string, chain: string[] = []): Promise<ConfigModule> {
  const isFile = statSync(dirOrFile).isFile();
  const dir = isFile ? resolve(dirOrFile, '..') : dirOrFile;
  const doc: Record<string, unknown> = {};
  for (const file of isFile ? [dirOrFile] : hclFiles(dirOrFile)) merge(doc, await parseHclFile(file));
  const children = await loadLocalModules(doc, dir, dirOrFile, chain);
  return readTerraformJson(doc, 'hcl', dirOrFile, (source) => children.get(source));
}

/**
 * Loads the HCL modules that the `module` calls of a configuration document (HCL or CDKTF JSON)
 * take from local paths, by their `source` as written. Registry and git sources are not fetched.
 */
export async function loadLocalModules(doc: Record<string, unknown>, dir: string, file: string, chain: string[] = []): Promise<Map<string, ConfigModule>> {
  const children = new Map<string, ConfigModule>();
  for (const raw of Object.values(isObject(doc.module) ? doc.module : {})) {
    const call = Array.isArray(raw) ? raw[0] : raw;
    const source = isObject(call) && typeof call.source === 'string' ? call.source : '';
    const childDir = resolve(dir, source);
    if (!isLocalSource(source) || children.has(source) || !existsSync(childDir)) continue;
    const ancestors = [...chain, resolve(dir)];
    if (ancestors.includes(childDir)) throw new UserError(`${file}: module source "${source}" leads back to a calling module`);
    children.set(source, await loadHclModule(childDir, ancestors));
  }
  return children;
}

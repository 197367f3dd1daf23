/**
 * Collects what `build` compiles from the paths it is given, as `opa build` does: `.rego` files
 * (directories searched recursively, in sorted order so output is reproducible) and data files named
 * `data.json` / `data.yaml` / `data.yml`, merged into the data document at their directory's path
 * relative to the argument they were found under.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep, basename, dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../cli/errors';
import type { SourceFile } from './index';

export interface CollectedInputs {
  sources: SourceFile[];
  data: Record<string, unknown>;
}

const DATA_FILES = new Set(['data.json', 'data.yaml', 'data.yml']);
const SKIP_DIRS = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(full, out);
    } else {
      out.push(full);
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeAt(root: Record<string, unknown>, path: string[], value: unknown, file: string): void {
  let node = root;
  for (const key of path) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  if (!isPlainObject(value)) throw new UserError(`${file}: a data file must hold an object`);
  for (const [k, v] of Object.entries(value)) {
    if (k in node) throw new UserError(`${file}: data key "${[...path, k].join('.')}" is defined twice`);
    node[k] = v;
  }
}

export function collectInputs(paths: string[]): CollectedInputs {
  const sources: SourceFile[] = [];
  const data: Record<string, unknown> = {};
  for (const arg of paths) {
    let stat;
    try {
      stat = statSync(arg);
    } catch {
      throw new UserError(`${arg}: no such file or directory`);
    }
    const files: string[] = [];
    if (stat.isDirectory()) walk(arg, files);
    else files.push(arg);
    for (const file of files) {
      const base = basename(file);
      if (file.endsWith('.rego')) {
        sources.push({ path: file, text: readFileSync(file, 'utf8') });
      } else if (DATA_FILES.has(base)) {
        const text = readFileSync(file, 'utf8');
        let value: unknown;
        try {
          value = base.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
        } catch (err) {
          throw new UserError(`${file}: invalid ${base.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
        }
        const rel = stat.isDirectory() ? relative(arg, dirname(file)) : '';
        mergeAt(data, rel === '' ? [] : rel.split(sep), value, file);
      }
    }
  }
  if (sources.length === 0) throw new UserError(`no .rego files found in ${paths.join(', ')}`);
  return { sources, data };
}

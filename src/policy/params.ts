/**
 * Rule parameters (caps, allowed SKUs, thresholds, per-environment values): the defaults shipped in
 * `policies/params.json`, deep-merged with the file the user passes with `--params` (JSON or YAML;
 * objects merge key by key, any other value replaces). The result is the bundle data
 * `{ "params": ... }` that rules read as `data.params`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../cli/errors';
import { yamlLib } from '../lazy-deps';

type Params = Record<string, unknown>;

const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergeParams(base: Params, override: Params): Params {
  const out: Params = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = isObject(out[k]) && isObject(v) ? mergeParams(out[k] as Params, v) : v;
  return out;
}

/** Reads a JSON or YAML object; errors name the file (and line for YAML/JSON where known). */
export function readParamsFile(file: string): Params {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: no such file`);
  }
  let value: unknown;
  try {
    value = file.endsWith('.json') ? JSON.parse(text) : yamlLib().parse(text);
  } catch (err) {
    throw new UserError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!isObject(value)) throw new UserError(`${file}: parameters must be an object (key: value)`);
  return value;
}

/**
 * Defaults from `<policiesDir>/params.json` (if any), then each team pack's own `params.json` in
 * the order given, then the override file: later values win, objects merge key by key.
 */
export function loadParams(policiesDir: string | string[], overrideFile?: string): Params {
  let params: Params = {};
  for (const dir of Array.isArray(policiesDir) ? policiesDir : [policiesDir]) {
    const defaultsFile = join(dir, 'params.json');
    if (existsSync(defaultsFile)) params = mergeParams(params, readParamsFile(defaultsFile));
  }
  return overrideFile ? mergeParams(params, readParamsFile(overrideFile)) : params;
}

/**
 * `check_date` sets the date rules compare with (lib.params.today; default: today in UTC from the
 * checker's clock): a real calendar date written YYYY-MM-DD, else a UserError.
 */
export function validateParams(params: Params): Params {
  const d = params.check_date;
  if (d === undefined) return params;
  const t = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`) : undefined;
  const ok = t !== undefined && !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d as string);
  if (!ok) throw new UserError(`parameter check_date must be a date written YYYY-MM-DD (it is ${JSON.stringify(d)})`);
  return params;
}

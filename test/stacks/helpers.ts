/** Shared fixtures for the stack tests: one synth of every environment per test file, parsed. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { synthesizeAll } from '../../bin/main';
import { DEFAULT_CONFIG_DIR } from '../../stacks/config/load';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Synthesized {
  /** Raw cdk.tf.json text per environment. */
  text: Record<string, string>;
  json: Record<string, Json>;
}

/** Synthesizes all environments of the shipped config into a temp dir and reads them back. */
export function synthAll(options: Parameters<typeof synthesizeAll>[1] = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'stacks-test-'));
  try {
    const names = synthesizeAll(outdir, options);
    const text: Record<string, string> = {};
    const json: Record<string, Json> = {};
    for (const env of names) {
      text[env] = readFileSync(join(outdir, 'stacks', env, 'cdk.tf.json'), 'utf8');
      json[env] = JSON.parse(text[env]);
    }
    return { text, json };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The raw (unvalidated) YAML document of a shipped environment, as a fresh object to mutate. */
export function rawConfig(env: string): Json {
  return parse(readFileSync(join(DEFAULT_CONFIG_DIR, `${env}.yaml`), 'utf8'));
}

/** All resources of one type, by name. */
export function resources(stack: Json, type: string): Record<string, Json> {
  return stack.resource?.[type] ?? {};
}

/** The single resource of a type (fails loudly when there are several or none). */
export function only(stack: Json, type: string): Json {
  const all = Object.values(resources(stack, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/**
 * Runs inputs through the checker's API (src/policy/check.ts: the pack compiled to WASM by the
 * project's compiler, params as bundle data, the cost estimate on `input.cost`), compiling the
 * pack once per test file. Shared by the policy tests.
 */
import { join, resolve } from 'node:path';
import { loadInputs } from '../../src/input/load';
import type { PolicyInput } from '../../src/input/types';
import { checkInputs, checkInputsSync } from '../../src/policy/check';
import { buildPack, type PolicyPack } from '../../src/policy/pack';
import type { RuleInfo } from '../../src/policy/metadata';
import type { Finding } from '../../src/policy/types';

export const POLICIES_DIR = resolve(__dirname, '../../policies');

/**
 * The tests' clock (parameter check_date): rules that compare dates (budget-start-current,
 * openai-model-current) give the same result on any day the tests run. Fixtures are written for it.
 */
export const CHECK_DATE = '2026-12-05';

export interface Pack {
  /** Evaluates one normalised input as given (no cost estimate added). */
  evaluate(input: PolicyInput): Finding[];
  /** Loads every input at `path` (file or HCL directory) and checks it, cost estimate included. */
  check(path: string): Promise<Finding[]>;
  /** Checks many paths in one evaluation session; findings by path. */
  checkAll(paths: string[]): Promise<Map<string, Finding[]>>;
  /** Rule ids of the pack. */
  rules: string[];
  /** Each rule's METADATA (resource types, severity…). */
  infos: RuleInfo[];
}

export function loadPack(): Pack {
  // The pack cache (build/policies) is keyed by the rule and compiler sources, so a cached WASM is
  // always the compilation of the rules as they are on disk.
  const pack: PolicyPack = buildPack({ policiesDir: POLICIES_DIR });
  // No waivers: the tests see every finding the rules produce.
  const options = { pack, policiesDir: POLICIES_DIR, waiversFile: false, params: { check_date: CHECK_DATE } } as const;
  return {
    evaluate: (input) => checkInputsSync([input], { ...options, cost: false }).findings,
    check: async (path) => (await checkInputs(await loadInputs(path), options)).findings,
    checkAll: async (paths) => {
      const inputs: PolicyInput[] = [];
      const sourceOf = new Map<string, string>();
      for (const path of paths) {
        for (const input of await loadInputs(path)) {
          inputs.push(input);
          sourceOf.set(input.source, path);
        }
      }
      const byPath = new Map<string, Finding[]>(paths.map((p) => [p, []]));
      for (const f of (await checkInputs(inputs, options)).findings) byPath.get(sourceOf.get(f.source)!)!.push(f);
      return byPath;
    },
    rules: pack.rules.map((r) => r.id),
    infos: pack.rules,
  };
}

/** `rule address` pairs, each once, sorted: the form expected.json files compare in. */
export function pairs(findings: { rule: string; address: string }[]): string[] {
  return [...new Set(findings.map((f) => `${f.rule} ${f.address}`))].sort();
}

/** The three inputs of one example side: CDKTF JSON, plan JSON, HCL directory. */
export function formatPaths(dir: string, side: 'good' | 'bad'): string[] {
  return [join(dir, `${side}.tf.json`), join(dir, `${side}.plan.json`), join(dir, side)];
}

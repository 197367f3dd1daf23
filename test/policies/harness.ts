/**
 * Evaluates inputs against the policy pack the way the checker does: every rule compiled by the
 * project's compiler into one WASM module (src/policy/pack.ts), bundle data {params}, and the cost
 * summary on `input.cost` (src/cost). Shared by the policy tests.
 */
import { join, resolve } from 'node:path';
import { estimate } from '../../src/cost/estimate';
import { costSummary } from '../../src/cost/summary';
import { loadInputs } from '../../src/input/load';
import type { PolicyInput } from '../../src/input/types';
import { loadPolicyAsync, type LoadedPolicyLike } from '../../src/policy/engine';
import { buildPack, ENTRYPOINT } from '../../src/policy/pack';
import { loadParams } from '../../src/policy/params';

export const POLICIES_DIR = resolve(__dirname, '../../policies');

export interface PackFinding {
  rule: string;
  severity: 'deny' | 'warn';
  address: string;
  msg: string;
}

export interface Pack {
  evaluate(input: PolicyInput): PackFinding[];
  /** Loads every input at `path` (file or HCL directory), adds its cost summary, evaluates. */
  check(path: string): Promise<PackFinding[]>;
  rules: string[];
}

export async function loadPack(): Promise<Pack> {
  // The pack cache (build/policies) is keyed by the rule and compiler sources, so a cached WASM is
  // always the compilation of the rules as they are on disk.
  const pack = buildPack({ policiesDir: POLICIES_DIR });
  const severity = new Map(pack.rules.map((r) => [r.id, r.severity]));
  const policy: LoadedPolicyLike = await loadPolicyAsync(pack.wasm);
  policy.setData({ params: loadParams(POLICIES_DIR) });
  const evaluate = (input: PolicyInput): PackFinding[] => {
    const result = policy.evaluate(input, ENTRYPOINT) as { result: Record<string, { address: string; msg: string }[]> }[];
    const findings: PackFinding[] = [];
    for (const [rule, set] of Object.entries(result[0].result)) {
      for (const f of set) findings.push({ rule, severity: severity.get(rule)!, address: f.address, msg: f.msg });
    }
    return findings;
  };
  const check = async (path: string): Promise<PackFinding[]> => {
    const inputs = await loadInputs(path);
    return inputs.flatMap((input) => evaluate({ ...input, cost: costSummary(estimate(input), input) }));
  };
  return { evaluate, check, rules: [...severity.keys()] };
}

/** `rule address` pairs, each once, sorted: the form expected.json files compare in. */
export function pairs(findings: { rule: string; address: string }[]): string[] {
  return [...new Set(findings.map((f) => `${f.rule} ${f.address}`))].sort();
}

/** The three inputs of one example side: CDKTF JSON, plan JSON, HCL directory. */
export function formatPaths(dir: string, side: 'good' | 'bad'): string[] {
  return [join(dir, `${side}.tf.json`), join(dir, `${side}.plan.json`), join(dir, side)];
}

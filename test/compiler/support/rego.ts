/** Test helpers: Rego source → parse → plan → evaluate with the IR interpreter. */
import { parseModule } from '../../../src/compiler/parser';
import { planPolicy } from '../../../src/compiler/planner';
import type { Policy } from '../../../src/compiler/ir';
import { IRInterpreter } from './ir-interpreter';

export function planSources(sources: string[], entrypoints: string[]): Policy {
  return planPolicy(sources.map((s, i) => parseModule(s, `m${i}.rego`)), entrypoints);
}

/** The results of one entrypoint: `[]` when undefined, else `[{result: value}]` as JSON-like JS. */
export function evalRego(sources: string | string[], entrypoint: string, opts: { input?: unknown; data?: unknown } = {}): unknown[] {
  const policy = planSources(Array.isArray(sources) ? sources : [sources], [entrypoint]);
  return new IRInterpreter(policy).evaluate(entrypoint.replace(/^data\./, '').replace(/\./g, '/'), opts.input, opts.data ?? {});
}

/** The value of an entrypoint, or `undefined` when the document is undefined. */
export function valueOf(sources: string | string[], entrypoint: string, opts: { input?: unknown; data?: unknown } = {}): unknown {
  const results = evalRego(sources, entrypoint, opts) as { result: unknown }[];
  return results.length === 0 ? undefined : results[0].result;
}

/** The CompileError message (`file:row:col: detail`) planning a policy throws. */
export function compileError(sources: string | string[], entrypoint = 'p'): string {
  try {
    planSources(Array.isArray(sources) ? sources : [sources], [entrypoint]);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a compile error');
}

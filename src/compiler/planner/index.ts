/**
 * The planner: checked Rego modules → planner IR (src/compiler/ir.ts). Each rule group becomes a
 * memoised Func, each function a Func of its arguments, each package document read as a whole a
 * Func merging its rules with base data; each entrypoint a Plan adding `{"result": <value>}`.
 */
import { CompileError, type Module } from '../ast';
import type { Policy } from '../ir';
import { checkModules, type CheckOptions } from '../check';
import { PolicyPlanner } from './policy-planner';

/** `data.a.b` / `a.b` / `a/b` → ['a', 'b']. */
export function entrypointPath(entrypoint: string): string[] {
  const trimmed = entrypoint.trim().replace(/^data(\.|\/|$)/, '');
  if (trimmed === '') return [];
  const path = trimmed.includes('/') ? trimmed.split('/') : trimmed.split('.');
  if (path.some((p) => p === '')) throw new CompileError({ file: '<entrypoint>', row: 1, col: 1 }, `invalid entrypoint "${entrypoint}"`);
  return path;
}

export function planPolicy(modules: Module[], entrypoints: string[], options: CheckOptions = {}): Policy {
  const checked = checkModules(modules, options);
  const planner = new PolicyPlanner(checked.tree);
  for (const entry of entrypoints) planner.planEntrypoint(entrypointPath(entry));
  return planner.finish();
}

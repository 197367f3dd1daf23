/** Warnings across the estimates of several stacks priced with one usage file. */
import type { CostEstimate } from './types';

/**
 * With several stacks, a usage entry meant for one stack is not a mistake: keep its warning only
 * when the entry matches no resource in any of them.
 */
export function dropUsageWarningsMatchedElsewhere(estimates: CostEstimate[]): CostEstimate[] {
  if (estimates.length < 2) return estimates;
  const unusedEverywhere = new Set(estimates[0].unusedUsageEntries.filter((p) => estimates.every((e) => e.unusedUsageEntries.includes(p))));
  return estimates.map((e) => ({
    ...e,
    warnings: e.warnings.filter((w) => {
      const pattern = /usage entry "(.*)" matches no resource in /.exec(w)?.[1];
      return pattern === undefined || unusedEverywhere.has(pattern);
    }),
  }));
}

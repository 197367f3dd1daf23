/** JSON output: the CostEstimate/CostDiff shapes with money rounded to cents and quantities to 4 decimals. */
import type { CostDiff } from '../diff';
import type { CostEstimate } from '../types';
import { round } from './format';

export function estimateToJson(estimate: CostEstimate): unknown {
  return {
    currency: estimate.currency,
    source: estimate.source,
    totalMonthly: round(estimate.totalMonthly, 2),
    idleMonthly: round(estimate.idleMonthly, 2),
    resources: estimate.resources.map((r) => {
      // An unpriced resource has no monthly figure (null), never a zero that could be summed.
      const out: Record<string, unknown> = { address: r.address, type: r.type, monthly: r.priced ? round(r.monthly, 2) : null, priced: r.priced };
      if (r.note) out.note = r.note;
      out.lines = r.lines.map((l) => ({
        description: l.description,
        quantity: round(l.quantity, 4),
        unit: l.unit,
        unitPrice: l.unitPrice,
        monthly: round(l.monthly, 2),
        priceId: l.priceId,
        source: l.source,
      }));
      return out;
    }),
    unpriced: estimate.unpriced,
    priceBook: estimate.priceBook,
    warnings: estimate.warnings,
  };
}

/** One estimate → one object (the documented shape); several stacks → an array of them. */
export function renderEstimatesJson(estimates: CostEstimate[]): string {
  const out = estimates.length === 1 ? estimateToJson(estimates[0]) : estimates.map(estimateToJson);
  return `${JSON.stringify(out, null, 2)}\n`;
}

const nullableRound = (value: number | null): number | null => (value === null ? null : round(value, 2));

export function renderDiffJson(diff: CostDiff): string {
  const money = (side: CostDiff['base']) => ({ ...side, totalMonthly: round(side.totalMonthly, 2), idleMonthly: round(side.idleMonthly, 2) });
  const out = {
    ...diff,
    base: money(diff.base),
    head: money(diff.head),
    totalDelta: round(diff.totalDelta, 2),
    idleDelta: round(diff.idleDelta, 2),
    resources: diff.resources.map((r) => ({ ...r, baseMonthly: nullableRound(r.baseMonthly), headMonthly: nullableRound(r.headMonthly), delta: nullableRound(r.delta) })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

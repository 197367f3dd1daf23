/**
 * One row per stack: idle baseline, estimate with usage, the budget it is held against and how much
 * of that budget the idle baseline takes — the cost part of the main job's summary (`npm start`).
 */
import Table from 'cli-table3';
import type { PolicyInput } from '../../input/types';
import { costSummary } from '../summary';
import type { CostEstimate } from '../types';
import { drivers, usd } from './format';

/** The largest monthly budget of the input (what the idle baseline must fit in), if any. */
function budgetOf(estimate: CostEstimate, input: PolicyInput): number | undefined {
  const amounts = costSummary(estimate, input).budgets.map((b) => b.monthlyAmount);
  return amounts.length > 0 ? amounts.reduce((a, b) => Math.max(a, b)) : undefined;
}

/** `withUsage`: add the estimate with the usage file beside the idle baseline. */
export function renderCostOverview(rows: { input: PolicyInput; estimate: CostEstimate }[], withUsage = false): string {
  const table = new Table({
    head: ['Stack', 'Idle / month', ...(withUsage ? ['With usage'] : []), 'Budget / month', 'Idle share', 'Unpriced', 'Top cost drivers'],
    style: { head: [], border: [] },
  });
  for (const { input, estimate } of rows) {
    const budget = budgetOf(estimate, input);
    table.push([
      input.stack ?? estimate.source,
      usd(estimate.idleMonthly),
      ...(withUsage ? [usd(estimate.totalMonthly)] : []),
      budget === undefined ? 'none' : usd(budget),
      budget === undefined || budget <= 0 ? '—' : `${Math.round((100 * estimate.idleMonthly) / budget)}%`,
      String(estimate.unpriced.length),
      drivers(estimate.resources, 3),
    ]);
  }
  const notes = rows.flatMap(({ estimate }) => [
    ...estimate.unpriced.map((u) => `${estimate.source}: ${u.address} not priced: ${u.reason}`),
    ...estimate.warnings.map((w) => `${estimate.source}: ${w}`),
  ]);
  return `${[table.toString(), ...[...new Set(notes)].map((n) => `note: ${n}`)].join('\n')}\n`;
}

/**
 * `costSummary(estimate, input)`: the CostSummary the checker puts on `input.cost` before policy
 * evaluation, for the `budget-covers-estimate` rule — idle baseline, total, and every budget's
 * amount converted to a monthly figure from its `time_grain`.
 */
import type { CostSummary, NormalizedResource, PolicyInput } from '../input/types';
import type { CostEstimate } from './types';
import { lookup } from './values';

const BUDGET_TYPES = new Set([
  'azurerm_consumption_budget_subscription',
  'azurerm_consumption_budget_resource_group',
  'azurerm_consumption_budget_management_group',
]);

/** Months per period of each azurerm `time_grain` (default Monthly). */
const MONTHS_PER_GRAIN: Record<string, number> = {
  Monthly: 1,
  BillingMonth: 1,
  Quarterly: 3,
  BillingQuarter: 3,
  Annually: 12,
  BillingAnnual: 12,
};

/** The monthly-equivalent amount of a budget, or undefined when its amount or grain is not a known literal. */
export function budgetMonthlyAmount(budget: NormalizedResource): number | undefined {
  const amount = lookup(budget, 'amount');
  const grain = lookup(budget, 'time_grain');
  if (amount.state !== 'known') return undefined;
  const value = typeof amount.value === 'string' ? Number(amount.value) : amount.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const grainName = grain.state === 'known' ? String(grain.value) : grain.state === 'absent' ? 'Monthly' : undefined;
  const months = grainName === undefined ? undefined : MONTHS_PER_GRAIN[grainName];
  return months === undefined ? undefined : value / months;
}

export function costSummary(estimate: CostEstimate, input: PolicyInput): CostSummary {
  const budgets: CostSummary['budgets'] = [];
  for (const resource of input.resources) {
    if (resource.mode !== 'managed' || !BUDGET_TYPES.has(resource.type)) continue;
    const monthlyAmount = budgetMonthlyAmount(resource);
    // A budget whose amount is an expression cannot be compared; the rule sees it absent.
    if (monthlyAmount !== undefined) budgets.push({ address: resource.address, monthlyAmount });
  }
  return { currency: 'USD', idleMonthly: estimate.idleMonthly, totalMonthly: estimate.totalMonthly, budgets, unpriced: estimate.unpriced.length };
}

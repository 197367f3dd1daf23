import { estimate } from '../../src/cost/estimate';
import { costSummary } from '../../src/cost/summary';
import { app, input, resource } from './helpers';

describe('costSummary', () => {
  test('budgets converted to monthly from time_grain; idle and total from the estimate', () => {
    const inp = input(
      app('azurerm_container_app.api', 1, 0.5, '1Gi'),
      resource('azurerm_consumption_budget_resource_group.monthly', { amount: 50 }),
      resource('azurerm_consumption_budget_subscription.quarterly', { amount: 300, time_grain: 'Quarterly' }),
      resource('azurerm_consumption_budget_subscription.yearly', { amount: 1200, time_grain: 'BillingAnnual' }),
      resource('azurerm_consumption_budget_subscription.expr', { amount: '${var.budget}' }),
    );
    const summary = costSummary(estimate(inp), inp);
    // idle: $10.206 (see containerApps.test.ts)
    expect(summary.idleMonthly).toBeCloseTo(10.206, 6);
    expect(summary.totalMonthly).toBe(summary.idleMonthly);
    expect(summary.budgets).toEqual([
      { address: 'azurerm_consumption_budget_resource_group.monthly', monthlyAmount: 50 },
      { address: 'azurerm_consumption_budget_subscription.quarterly', monthlyAmount: 100 },
      { address: 'azurerm_consumption_budget_subscription.yearly', monthlyAmount: 100 },
    ]);
  });
});

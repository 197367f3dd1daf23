import { estimate } from '../../src/cost/estimate';
import { costSummary } from '../../src/cost/summary';
import { parseUsageFile } from '../../src/cost/usage';
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

describe('estimate without per-resource lines (what the checker puts on input.cost)', () => {
  test('gives the same totals and unpriced resources as the full estimate, with no resource lines', () => {
    const inp = {
      ...input(
        app('azurerm_container_app.api', 1, 0.5, '1Gi'),
        app('azurerm_container_app.idle', 0, 0.25, '0.5Gi'),
        resource('azurerm_log_analytics_workspace.logs', { sku: 'PerGB2018', retention_in_days: 30 }),
        resource('azurerm_role_assignment.free', {}),
        resource('azurerm_unknown_thing.x', {}),
      ),
      modulesNotLoaded: [{ address: 'module.net', source: 'git::https://example.com/net.git' }],
    };
    const usage = parseUsageFile('version: 0.1\nresource_usage:\n  azurerm_container_app.*:\n    monthly_requests: 3000000\n', 'usage.yml');
    for (const u of [undefined, usage]) {
      const full = estimate(inp, u);
      const totals = estimate(inp, u, { perResource: false });
      expect(full.resources.length).toBeGreaterThan(0);
      expect(totals.resources).toEqual([]);
      expect(totals.totalMonthly).toBe(full.totalMonthly);
      expect(totals.idleMonthly).toBe(full.idleMonthly);
      expect(totals.unpriced).toEqual(full.unpriced);
      expect(totals.unpriced.map((x) => x.address)).toEqual(['azurerm_unknown_thing.x', 'module.net']);
      expect(costSummary(totals, inp)).toEqual(costSummary(full, inp));
    }
    // The usage pass prices traffic: the two passes differ, so both were compared.
    expect(estimate(inp, usage).totalMonthly).toBeGreaterThan(estimate(inp).totalMonthly);
  });
});

import { diffEstimates } from '../../src/cost/diff';
import { estimate } from '../../src/cost/estimate';
import { renderDiffMarkdown } from '../../src/cost/render/markdown';
import { renderDiffJson } from '../../src/cost/render/json';
import { app, input, resource } from './helpers';

const stack = (name: string, ...resources: Parameters<typeof input>) => estimate({ ...input(...resources), stack: name });

describe('diffEstimates', () => {
  test('single inputs compare by address; unchanged resources are left out', () => {
    const base = stack('x', resource('azurerm_search_service.s', { sku: 'basic' }), resource('azurerm_role_assignment.r', {}));
    const head = stack('x', resource('azurerm_search_service.s', { sku: 'basic', replica_count: 3 }), resource('azurerm_role_assignment.r', {}));
    const diff = diffEstimates([base], [head]);
    // 730 × $0.101 = $73.73 → 3 × 730 × $0.101 = $221.19: +$147.46
    expect(diff.resources).toEqual([
      { address: 'azurerm_search_service.s', type: 'azurerm_search_service', change: 'changed', baseMonthly: expect.closeTo(73.73, 6), headMonthly: expect.closeTo(221.19, 6), delta: expect.closeTo(147.46, 6) },
    ]);
    expect(diff.totalDelta).toBeCloseTo(147.46, 6);
    expect(diff.idleDelta).toBeCloseTo(147.46, 6);
  });

  test('several stacks are keyed by stack so equal addresses stay apart', () => {
    const base = [stack('dev', app('azurerm_container_app.api', 0, 0.5, '1Gi')), stack('prod', app('azurerm_container_app.api', 1, 0.5, '1Gi'))];
    const head = [stack('dev', app('azurerm_container_app.api', 0, 0.5, '1Gi')), stack('prod', app('azurerm_container_app.api', 0, 0.5, '1Gi'))];
    const diff = diffEstimates(base, head);
    // prod api: $10.206 (1 idle replica, after the free grant) → $0
    expect(diff.resources.map((r) => [r.address, r.change])).toEqual([['prod:azurerm_container_app.api', 'changed']]);
    expect(diff.totalDelta).toBeCloseTo(-10.206, 6);
    expect(renderDiffMarkdown(diff).split('\n')[0]).toBe('**Monthly cost will decrease by $10.21/month** ($10.21 → $0.00); idle baseline $10.21 → $0.00 (-$10.21).');
  });

  test('no change says so', () => {
    const e = stack('x', resource('azurerm_search_service.s', { sku: 'basic' }));
    const md = renderDiffMarkdown(diffEstimates([e], [e]));
    expect(md).toContain('**Monthly cost will not change** ($73.73 → $73.73)');
    expect(md).toContain('No resource cost changes.');
  });

  test('an unpriced side makes the delta unknown (null), never a $0 change', () => {
    const base = stack('x', resource('azurerm_search_service.s', { sku: 'basic' }), resource('azurerm_linux_virtual_machine.old', {}));
    const head = stack(
      'x',
      resource('azurerm_search_service.s', { sku: 'basic', replica_count: '${var.replicas}' }),
      resource('azurerm_linux_virtual_machine.old', {}),
      resource('azurerm_linux_virtual_machine.new', {}),
    );
    const diff = diffEstimates([base], [head]);
    // old VM: unpriced on both sides, unchanged: left out (it is listed under unpriced)
    expect(diff.resources).toEqual([
      { address: 'azurerm_linux_virtual_machine.new', type: 'azurerm_linux_virtual_machine', change: 'added', baseMonthly: 0, headMonthly: null, delta: null },
      // base: 730 × $0.101 = $73.73; head: replica_count unknown until apply
      { address: 'azurerm_search_service.s', type: 'azurerm_search_service', change: 'changed', baseMonthly: expect.closeTo(73.73, 6), headMonthly: null, delta: null },
    ]);
    // the totals hold priced resources only: $73.73 → $0
    expect(diff.totalDelta).toBeCloseTo(-73.73, 6);
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('| `azurerm_linux_virtual_machine.new` | added | $0.00 | unpriced | unknown |');
    expect(md).toContain('| `azurerm_search_service.s` | changed | $73.73 | unpriced | unknown |');
    expect(md).toContain('**3 resource(s) not priced** (not included in the totals):');
    expect(md).toContain('- `azurerm_search_service.s`: replica_count is not known until apply');
    const json = JSON.parse(renderDiffJson(diff));
    expect(json.resources[1]).toEqual({ address: 'azurerm_search_service.s', type: 'azurerm_search_service', change: 'changed', baseMonthly: 73.73, headMonthly: null, delta: null });
  });
});

import { estimate } from '../../src/cost/estimate';
import { n } from '../../src/cost/pricing';
import { diffEstimates } from '../../src/cost/diff';
import { drivers, round, unitPrice } from '../../src/cost/render/format';
import { diffJsonChunks, estimatesJsonChunks, estimateToJson, renderDiffJson, renderEstimatesJson } from '../../src/cost/render/json';
import { renderEstimateMarkdown } from '../../src/cost/render/markdown';
import Table from 'cli-table3';
import { renderEstimateTable, renderTable } from '../../src/cost/render/table';
import { input, resource } from './helpers';

describe('renderers', () => {
  test('unit prices keep their significant digits and at least cents', () => {
    expect(unitPrice(0.000003)).toBe('$0.000003');
    expect(unitPrice(0.5)).toBe('$0.50');
    expect(unitPrice(0.1667)).toBe('$0.1667');
    expect(unitPrice(2)).toBe('$2.00');
  });

  test('drivers group cost by type, largest first', () => {
    const e = estimate(input(
      resource('azurerm_private_endpoint.a', {}),
      resource('azurerm_private_endpoint.b', {}),
      resource('azurerm_search_service.s', { sku: 'basic' }),
      resource('azurerm_role_assignment.r', {}),
    ));
    // endpoints 2 × 730 × $0.01 = $14.60; search 730 × $0.101 = $73.73
    expect(drivers(e.resources)).toBe('azurerm_search_service $73.73, azurerm_private_endpoint ×2 $14.60');
  });

  test('table and markdown show totals, idle baseline, drivers and unpriced resources', () => {
    const e = estimate(input(resource('azurerm_search_service.s', { sku: 'basic' }), resource('azurerm_linux_virtual_machine.vm', {})));
    const table = renderEstimateTable(e);
    expect(table).toContain('Total monthly: $73.73    Idle baseline (zero traffic): $73.73');
    expect(table).toContain('azurerm_linux_virtual_machine.vm: resource type azurerm_linux_virtual_machine is not supported by the estimator');
    const md = renderEstimateMarkdown(e);
    expect(md).toContain('| `azurerm_search_service.s` | Search units (basic: 1 replica(s) × 1 partition(s) × 730 h) | 730 | SU-hour | $0.101 | $73.73 |');
    expect(md).toContain('| `azurerm_linux_virtual_machine.vm` | unpriced | | | | |');
  });
});

describe('the cost table', () => {
  // The layout cli-table3 drew before renderTable replaced it (its work grows with the square of the
  // rows): with the same options, both must print the same, wide and combining characters included.
  const cliTable3 = (header: string[], aligns: ('left' | 'right')[], rows: string[][]): string => {
    const t = new Table({ head: header, style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' }, colAligns: aligns });
    for (const r of rows) t.push(r);
    return t.toString();
  };

  test.each([
    ['ASCII', [['azurerm_search_service.s', '', '', '', '$73.73'], ['  Search units (basic: 1 replica(s) × 1 partition(s) × 730 h)', '730', 'SU-hour', '$0.101', '$73.73']]],
    ['wide, combining and emoji cells', [['azurerm_x.検索', '—', 'é', 'e\u0301', '😀'], ['', '12,345', 'GB', '$0.000003', 'unpriced']]],
    ['no rows', []],
  ])('prints what cli-table3 printed: %s', (_name, rows) => {
    const header = ['Resource / line', 'Quantity', 'Unit', 'Unit price', 'Monthly'];
    const aligns: ('left' | 'right')[] = ['left', 'right', 'left', 'right', 'right'];
    expect(renderTable(header, aligns, rows as string[][])).toBe(cliTable3(header, aligns, rows as string[][]));
  });
});

describe('the cost JSON written in chunks', () => {
  // The whole document as JSON.stringify(…, null, 2) wrote it before the output was chunked.
  const whole = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;
  const searchServices = (n: number) => Array.from({ length: n }, (_, i) => resource(`azurerm_search_service.s${i}`, { sku: 'basic', replica_count: 1 + (i % 3) }));

  test.each([0, 1, 99, 100, 101, 250])('%i resources: the chunks join to the whole document, none holds all of it', (n) => {
    const e = estimate(input(...searchServices(n), resource('azurerm_linux_virtual_machine.vm', {})));
    const chunks = [...estimatesJsonChunks([e])];
    expect(chunks.join('')).toBe(whole(estimateToJson(e)));
    expect(renderEstimatesJson([e])).toBe(chunks.join(''));
    if (n > 200) expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(chunks.join('').length / 2);
  });

  test('several stacks are an array of estimates', () => {
    const a = estimate({ ...input(...searchServices(2)), stack: 'a' });
    const b = estimate({ ...input(...searchServices(3)), stack: 'b' });
    expect([...estimatesJsonChunks([a, b])].join('')).toBe(whole([estimateToJson(a), estimateToJson(b)]));
  });

  test('a diff: the chunks join to the whole document, rounded as before', () => {
    const base = estimate(input(...searchServices(250)));
    const head = estimate(input(...searchServices(400).map((r, i) => (i % 2 ? r : { ...r, values: { ...r.values, replica_count: 3 } }))));
    const diff = diffEstimates([base], [head]);
    const money = (side: typeof diff.base) => ({ ...side, totalMonthly: round(side.totalMonthly, 2), idleMonthly: round(side.idleMonthly, 2) });
    const cents = (v: number | null) => (v === null ? null : round(v, 2));
    const expected = whole({
      ...diff, base: money(diff.base), head: money(diff.head), totalDelta: round(diff.totalDelta, 2), idleDelta: round(diff.idleDelta, 2),
      resources: diff.resources.map((r) => ({ ...r, baseMonthly: cents(r.baseMonthly), headMonthly: cents(r.headMonthly), delta: cents(r.delta) })),
    });
    expect(diff.resources.length).toBeGreaterThan(200);
    const chunks = [...diffJsonChunks(diff)];
    expect(chunks.join('')).toBe(expected);
    expect(renderDiffJson(diff)).toBe(expected);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(expected.length / 2);
  });
});

describe('numbers in line descriptions', () => {
  // n() formats without Intl where it can (the first Intl object of a process loads ICU's data);
  // Intl's en-US format with at most 4 fraction digits is the reference.
  const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

  test('edge cases: ties, carries into a new digit, tiny negatives, huge and non-finite values', () => {
    const edges = [0, -0, 1, -1, 0.5, 0.00005, 0.00015, 0.00025, -0.00005, -0.00001, 0.00004999, 1.23455, 999.99995, 999999.99995,
      9.99995, 99999.99999, 1e20, 9.99999999e20, 1e21, 1e22, NaN, Infinity, -Infinity, 0.1 + 0.2, 1000, 1234567.5, -1234567.891234,
      5e-324, Number.MAX_SAFE_INTEGER, 730, 2.628e6, 0.000024, 1 / 3, 2 / 3];
    for (const v of edges) expect([v, n(v)]).toEqual([v, intl.format(v)]);
    expect(n(0.00015)).toBe('0.0002');
    expect(n(999999.99995)).toBe('1,000,000');
  });

  test('20,000 seeded values across magnitudes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const mismatches: [number, string, string][] = [];
    for (let i = 0; i < 20_000; i++) {
      const raw = (random() - 0.3) * 10 ** (Math.floor(random() * 30) - 8);
      for (const v of [raw, Math.round(raw * 1e4) / 1e4, Math.round(raw * 1e5 + 0.5) / 1e5]) {
        if (n(v) !== intl.format(v)) mismatches.push([v, n(v), intl.format(v)]);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

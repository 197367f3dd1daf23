/** Terminal table output, one table per stack, then unpriced resources and warnings. */
import stringWidth from 'string-width';
import type { CostDiff } from '../diff';
import type { CostEstimate } from '../types';
import { deltaText, drivers, qty, signedUsd, unitPrice, usd, usdOrUnpriced } from './format';

type Align = 'left' | 'right';

/** Columns a cell takes on a terminal: its length when it is ASCII (nearly every cell), else string-width's count. */
const width = (text: string): number => (/^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text));

/**
 * `rows` under `header` in a box, one space either side of each cell, columns as wide as their
 * widest cell, no line between rows (one resource's lines read as a block). This is the layout
 * cli-table3 drew here before; cli-table3 fills in missing cells by scanning every row above each
 * one, and took 35 s for the ~20,000 lines of a 10k-resource plan (a 100k one did not finish), and
 * the `table` package measures every cell with string-width, ~35 s for a 100k-resource plan.
 */
export function renderTable(header: string[], aligns: Align[], rows: string[][]): string {
  const columns = header.length;
  // Each cell's width, measured once: the widest of each column first, then each cell's padding.
  const cellWidths = new Int32Array((rows.length + 1) * columns);
  const widths = new Array<number>(columns).fill(0);
  for (let i = 0; i <= rows.length; i++) {
    const row = i === 0 ? header : rows[i - 1];
    for (let c = 0; c < columns; c++) {
      const w = width(row[c]);
      cellWidths[i * columns + c] = w;
      if (w > widths[c]) widths[c] = w;
    }
  }
  const rule = (left: string, join: string, right: string): string => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(join)}${right}`;
  const lines = [rule('┌', '┬', '┐')];
  for (let i = 0; i <= rows.length; i++) {
    const row = i === 0 ? header : rows[i - 1];
    let line = '│';
    for (let c = 0; c < columns; c++) {
      const pad = ' '.repeat(widths[c] - cellWidths[i * columns + c]);
      line += aligns[c] === 'right' ? ` ${pad}${row[c]} │` : ` ${row[c]}${pad} │`;
    }
    lines.push(line);
  }
  lines.push(rule('└', '┴', '┘'));
  return lines.join('\n');
}

export function renderEstimateTable(estimate: CostEstimate): string {
  const rows: string[][] = [];
  for (const r of estimate.resources) {
    const status = !r.priced ? 'unpriced' : r.note ? r.note : '';
    rows.push([r.address, '', '', '', r.priced ? usd(r.monthly) : 'unpriced']);
    for (const l of r.lines) rows.push([`  ${l.description}`, qty(l.quantity), l.unit, unitPrice(l.unitPrice), usd(l.monthly)]);
    if (status && r.lines.length === 0 && r.priced) rows.push([`  (${status})`, '', '', '', '']);
  }
  const table = renderTable(['Resource / line', 'Quantity', 'Unit', 'Unit price', 'Monthly'], ['left', 'right', 'left', 'right', 'right'], rows);
  const out = [`Stack: ${estimate.source} (prices: ${estimate.priceBook.region}, ${estimate.priceBook.effectiveDate})`, table];
  out.push(`Total monthly: ${usd(estimate.totalMonthly)}    Idle baseline (zero traffic): ${usd(estimate.idleMonthly)}`);
  out.push(`Cost drivers: ${drivers(estimate.resources)}`);
  // One line per unpriced resource: no spread, a large plan can have more than a call's argument limit.
  for (const l of unpricedAndWarnings(estimate)) out.push(l);
  return `${out.join('\n')}\n`;
}

export function unpricedAndWarnings(estimate: CostEstimate): string[] {
  const out: string[] = [];
  if (estimate.unpriced.length > 0) {
    out.push(`${estimate.unpriced.length} resource(s) not priced (not included in the totals):`);
    for (const u of estimate.unpriced) out.push(`  ${u.address}: ${u.reason}`);
  }
  for (const w of estimate.warnings) out.push(`warning: ${w}`);
  return out;
}

export function renderDiffTable(diff: CostDiff): string {
  const rows = diff.resources.map((r) => [r.address, r.change, usdOrUnpriced(r.baseMonthly), usdOrUnpriced(r.headMonthly), deltaText(r.delta)]);
  const out = [
    `Monthly: ${usd(diff.base.totalMonthly)} → ${usd(diff.head.totalMonthly)} (${signedUsd(diff.totalDelta)}); idle baseline ${usd(diff.base.idleMonthly)} → ${usd(diff.head.idleMonthly)} (${signedUsd(diff.idleDelta)})`,
    rows.length > 0 ? renderTable(['Resource', 'Change', 'Base', 'Head', 'Delta'], ['left', 'left', 'right', 'right', 'right'], rows) : 'No resource cost changes.',
  ];
  if (diff.unpriced.length > 0) {
    out.push(`${diff.unpriced.length} resource(s) in head not priced (not included in the totals):`);
    for (const u of diff.unpriced) out.push(`  ${u.address}: ${u.reason}`);
  }
  return `${out.join('\n')}\n`;
}

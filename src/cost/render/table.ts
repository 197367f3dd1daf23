/** Terminal table output (cli-table3), one table per stack, then unpriced resources and warnings. */
import Table from 'cli-table3';
import type { CostDiff } from '../diff';
import type { CostEstimate } from '../types';
import { deltaText, drivers, qty, signedUsd, unitPrice, usd, usdOrUnpriced } from './format';

const plain = { head: [], border: [] };
/** No separator between rows: one resource's lines read as a block. */
const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export function renderEstimateTable(estimate: CostEstimate): string {
  const table = new Table({
    head: ['Resource / line', 'Quantity', 'Unit', 'Unit price', 'Monthly'],
    style: plain,
    chars: compact,
    colAligns: ['left', 'right', 'left', 'right', 'right'],
  });
  for (const r of estimate.resources) {
    const status = !r.priced ? 'unpriced' : r.note ? r.note : '';
    table.push([r.address, '', '', '', r.priced ? usd(r.monthly) : 'unpriced']);
    for (const l of r.lines) table.push([`  ${l.description}`, qty(l.quantity), l.unit, unitPrice(l.unitPrice), usd(l.monthly)]);
    if (status && r.lines.length === 0 && r.priced) table.push([`  (${status})`, '', '', '', '']);
  }
  const out = [`Stack: ${estimate.source} (prices: ${estimate.priceBook.region}, ${estimate.priceBook.effectiveDate})`, table.toString()];
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
  const table = new Table({ head: ['Resource', 'Change', 'Base', 'Head', 'Delta'], style: plain, chars: compact, colAligns: ['left', 'left', 'right', 'right', 'right'] });
  for (const r of diff.resources) table.push([r.address, r.change, usdOrUnpriced(r.baseMonthly), usdOrUnpriced(r.headMonthly), deltaText(r.delta)]);
  const out = [
    `Monthly: ${usd(diff.base.totalMonthly)} → ${usd(diff.head.totalMonthly)} (${signedUsd(diff.totalDelta)}); idle baseline ${usd(diff.base.idleMonthly)} → ${usd(diff.head.idleMonthly)} (${signedUsd(diff.idleDelta)})`,
    diff.resources.length > 0 ? table.toString() : 'No resource cost changes.',
  ];
  if (diff.unpriced.length > 0) {
    out.push(`${diff.unpriced.length} resource(s) in head not priced (not included in the totals):`);
    for (const u of diff.unpriced) out.push(`  ${u.address}: ${u.reason}`);
  }
  return `${out.join('\n')}\n`;
}

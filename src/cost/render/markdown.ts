/** Markdown output, ready for a pull-request comment. */
import type { CostDiff } from '../diff';
import type { CostEstimate } from '../types';
import { deltaText, drivers, qty, signedUsd, unitPrice, usd, usdOrUnpriced } from './format';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderEstimateMarkdown(estimate: CostEstimate): string {
  const out = [
    `### Cost estimate: ${cell(estimate.source)}`,
    '',
    `**${usd(estimate.totalMonthly)}/month**, idle baseline (zero traffic) **${usd(estimate.idleMonthly)}/month** — prices ${estimate.priceBook.region}, ${estimate.priceBook.effectiveDate}.`,
    '',
    `Cost drivers: ${cell(drivers(estimate.resources))}`,
    '',
    '| Resource | Line | Quantity | Unit | Unit price | Monthly |',
    '|---|---|---:|---|---:|---:|',
  ];
  for (const r of estimate.resources) {
    if (!r.priced) {
      out.push(`| \`${cell(r.address)}\` | unpriced | | | | |`);
      continue;
    }
    if (r.lines.length === 0) out.push(`| \`${cell(r.address)}\` | ${cell(r.note ?? '')} | | | | ${usd(0)} |`);
    for (const l of r.lines) {
      out.push(`| \`${cell(r.address)}\` | ${cell(l.description)} | ${qty(l.quantity)} | ${cell(l.unit)} | ${unitPrice(l.unitPrice)} | ${usd(l.monthly)} |`);
    }
  }
  if (estimate.unpriced.length > 0) {
    out.push('', '**Not priced** (not included in the totals):', '');
    for (const u of estimate.unpriced) out.push(`- \`${cell(u.address)}\`: ${cell(u.reason)}`);
  }
  for (const w of estimate.warnings) out.push('', `> warning: ${cell(w)}`);
  return `${out.join('\n')}\n`;
}

export function renderDiffMarkdown(diff: CostDiff): string {
  const direction = diff.totalDelta > 0 ? 'increase' : diff.totalDelta < 0 ? 'decrease' : 'not change';
  const amount = diff.totalDelta === 0 ? '' : ` by ${usd(Math.abs(diff.totalDelta))}/month`;
  const unknown = diff.unpriced.length > 0 ? `, not counting ${diff.unpriced.length} unpriced resource(s)` : '';
  const out = [
    `**Monthly cost will ${direction}${amount}** (${usd(diff.base.totalMonthly)} → ${usd(diff.head.totalMonthly)}${unknown}); idle baseline ${usd(diff.base.idleMonthly)} → ${usd(diff.head.idleMonthly)} (${signedUsd(diff.idleDelta)}).`,
    '',
  ];
  if (diff.resources.length === 0) {
    out.push('No resource cost changes.');
  } else {
    out.push('| Resource | Change | Base | Head | Delta |', '|---|---|---:|---:|---:|');
    for (const r of diff.resources) out.push(`| \`${cell(r.address)}\` | ${r.change} | ${usdOrUnpriced(r.baseMonthly)} | ${usdOrUnpriced(r.headMonthly)} | ${deltaText(r.delta)} |`);
  }
  if (diff.unpriced.length > 0) {
    out.push('', `**${diff.unpriced.length} resource(s) not priced** (not included in the totals):`, '');
    for (const u of diff.unpriced) out.push(`- \`${cell(u.address)}\`: ${cell(u.reason)}`);
  }
  return `${out.join('\n')}\n`;
}

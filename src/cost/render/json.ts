/** JSON output: the CostEstimate/CostDiff shapes with money rounded to cents and quantities to 4 decimals. */
import type { CostDiff } from '../diff';
import type { CostEstimate } from '../types';
import { round } from './format';
import { objectChunks, type Member } from '../../policy/report/chunks';

/** One priced resource as the JSON output writes it. */
function resourceToJson(r: CostEstimate['resources'][number]): unknown {
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
}

/** The members of an estimate's JSON object, in order; `resources` is mapped item by item as it is written. */
function estimateMembers(estimate: CostEstimate): Member[] {
  return [
    ['currency', estimate.currency],
    ['source', estimate.source],
    ['totalMonthly', round(estimate.totalMonthly, 2)],
    ['idleMonthly', round(estimate.idleMonthly, 2)],
    ['resources', estimate.resources, resourceToJson],
    ['unpriced', estimate.unpriced],
    ['priceBook', estimate.priceBook],
    ['warnings', estimate.warnings],
  ] as Member[];
}

export function estimateToJson(estimate: CostEstimate): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value, map] of estimateMembers(estimate)) out[key] = map ? (value as never[]).map(map) : value;
  return out;
}

/**
 * The JSON output as chunks that concatenate to renderEstimatesJson: one estimate is written a batch
 * of resources at a time (policy/report/chunks), so that a 100k-resource plan's 40 MB estimate is
 * never one string; several stacks (an array of small estimates) are written whole.
 */
export function estimatesJsonChunks(estimates: CostEstimate[]): Iterable<string> {
  if (estimates.length === 1) return objectChunks(estimateMembers(estimates[0]));
  return [`${JSON.stringify(estimates.map(estimateToJson), null, 2)}\n`];
}

/** One estimate → one object (the documented shape); several stacks → an array of them. */
export function renderEstimatesJson(estimates: CostEstimate[]): string {
  return [...estimatesJsonChunks(estimates)].join('');
}

const nullableRound = (value: number | null): number | null => (value === null ? null : round(value, 2));

/** The diff's JSON output as chunks, its `resources` a batch at a time (as estimatesJsonChunks). */
export function diffJsonChunks(diff: CostDiff): Iterable<string> {
  const money = (side: CostDiff['base']) => ({ ...side, totalMonthly: round(side.totalMonthly, 2), idleMonthly: round(side.idleMonthly, 2) });
  const resource = (r: CostDiff['resources'][number]) => ({ ...r, baseMonthly: nullableRound(r.baseMonthly), headMonthly: nullableRound(r.headMonthly), delta: nullableRound(r.delta) });
  // The diff's own members in its order, the rounded ones in place.
  const out: Record<string, unknown> = { ...diff, base: money(diff.base), head: money(diff.head), totalDelta: round(diff.totalDelta, 2), idleDelta: round(diff.idleDelta, 2) };
  return objectChunks(Object.entries(out).map(([key, value]): Member => (key === 'resources' ? [key, value, resource as (item: never) => unknown] : [key, value])));
}

export function renderDiffJson(diff: CostDiff): string {
  return [...diffJsonChunks(diff)].join('');
}

/** `diffEstimates(base, head)`: per-resource and total monthly deltas between two estimates. */
import type { CostEstimate } from './types';

export interface ResourceDelta {
  address: string;
  type: string;
  change: 'added' | 'removed' | 'changed';
  /** Monthly cost on each side: 0 where the resource is absent, null where it could not be priced. */
  baseMonthly: number | null;
  headMonthly: number | null;
  /** null when either side could not be priced: the change is unknown, not zero. */
  delta: number | null;
}

export interface CostDiff {
  currency: 'USD';
  base: { source: string; totalMonthly: number; idleMonthly: number };
  head: { source: string; totalMonthly: number; idleMonthly: number };
  totalDelta: number;
  idleDelta: number;
  /** Added, removed and changed resources (unchanged ones are left out), in address order. */
  resources: ResourceDelta[];
  /** Resources of head that could not be priced (left out of the totals; their delta is unknown). */
  unpriced: CostEstimate['unpriced'];
}

/** Changes below this (in USD per month) are rounding noise, not changes. */
const EPSILON = 1e-9;

/**
 * Compares estimates resource by resource. When either side holds several stacks, resources are
 * keyed by stack (`dev:azurerm_...`) so that the same address in two stacks stays apart.
 */
export function diffEstimates(base: CostEstimate[], head: CostEstimate[]): CostDiff {
  const prefix = base.length > 1 || head.length > 1;
  const keyed = (estimates: CostEstimate[]) => {
    const map = new Map<string, { type: string; monthly: number | null }>();
    for (const e of estimates) {
      for (const r of e.resources) map.set(prefix ? `${e.source}:${r.address}` : r.address, { type: r.type, monthly: r.priced ? r.monthly : null });
    }
    return map;
  };
  const before = keyed(base);
  const after = keyed(head);
  const resources: ResourceDelta[] = [];
  for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(address);
    const a = after.get(address);
    const baseMonthly = b ? b.monthly : 0;
    const headMonthly = a ? a.monthly : 0;
    const change = !b ? 'added' : !a ? 'removed' : 'changed';
    const delta = baseMonthly === null || headMonthly === null ? null : headMonthly - baseMonthly;
    // Unchanged: same cost on both sides, or unpriced on both (listed under unpriced instead).
    if (change === 'changed' && (delta === null ? baseMonthly === null && headMonthly === null : Math.abs(delta) < EPSILON)) continue;
    resources.push({ address, type: (a ?? b)!.type, change, baseMonthly, headMonthly, delta });
  }
  const sum = (estimates: CostEstimate[], key: 'totalMonthly' | 'idleMonthly') => estimates.reduce((s, e) => s + e[key], 0);
  const side = (estimates: CostEstimate[]) => ({
    source: estimates.map((e) => e.source).join(', '),
    totalMonthly: sum(estimates, 'totalMonthly'),
    idleMonthly: sum(estimates, 'idleMonthly'),
  });
  const baseSide = side(base);
  const headSide = side(head);
  return {
    currency: 'USD',
    base: baseSide,
    head: headSide,
    totalDelta: headSide.totalMonthly - baseSide.totalMonthly,
    idleDelta: headSide.idleMonthly - baseSide.idleMonthly,
    resources,
    unpriced: head.flatMap((e) => e.unpriced.map((u) => (prefix ? { ...u, address: `${e.source}:${u.address}` } : u))),
  };
}

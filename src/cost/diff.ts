/** `diffEstimates(base, head)`: per-resource and total monthly deltas between two estimates. */
import type { CostEstimate } from './types';

export interface ResourceDelta {
  address: string;
  type: string;
  change: 'added' | 'removed' | 'changed';
  baseMonthly: number;
  headMonthly: number;
  delta: number;
}

export interface CostDiff {
  currency: 'USD';
  base: { source: string; totalMonthly: number; idleMonthly: number };
  head: { source: string; totalMonthly: number; idleMonthly: number };
  totalDelta: number;
  idleDelta: number;
  /** Added, removed and changed resources (unchanged ones are left out), in address order. */
  resources: ResourceDelta[];
  /** Resources of head that could not be priced (their delta is unknown). */
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
    const map = new Map<string, { type: string; monthly: number }>();
    for (const e of estimates) {
      for (const r of e.resources) map.set(prefix ? `${e.source}:${r.address}` : r.address, { type: r.type, monthly: r.monthly });
    }
    return map;
  };
  const before = keyed(base);
  const after = keyed(head);
  const resources: ResourceDelta[] = [];
  for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(address);
    const a = after.get(address);
    const baseMonthly = b?.monthly ?? 0;
    const headMonthly = a?.monthly ?? 0;
    const change = !b ? 'added' : !a ? 'removed' : 'changed';
    if (change === 'changed' && Math.abs(headMonthly - baseMonthly) < EPSILON) continue;
    resources.push({ address, type: (a ?? b)!.type, change, baseMonthly, headMonthly, delta: headMonthly - baseMonthly });
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

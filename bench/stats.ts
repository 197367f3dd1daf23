/** Shared helpers for benches: time a function several times and format the project's bench line. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and returns the median wall time in ms. */
export async function timeMs(fn: () => unknown, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** `<name>: <median> <unit>` or, with a floor, `... (floor <f> <unit>, ratio <r>x)`. */
export function benchLine(name: string, value: number, unit: string, floor?: number): string {
  const base = `${name}: ${fmt(value)} ${unit}`;
  return floor === undefined ? base : `${base} (floor ${fmt(floor)} ${unit}, ratio ${(value / floor).toFixed(2)}x)`;
}

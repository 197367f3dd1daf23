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

/**
 * Times `subject` and its `floor` in alternation, run after run, and returns both medians (ms).
 * This 2-core VM's speed drifts by up to 2× over seconds; timed one after the other, a slow spell
 * can fall on either side alone and make the ratio. Alternating makes both see the same spells.
 */
export async function timeAgainst(subject: () => unknown, floor: () => unknown, runs = 5, warmup = 1): Promise<{ ms: number; floor: number }> {
  for (let i = 0; i < warmup; i++) {
    await subject();
    await floor();
  }
  const times: number[] = [];
  const floors: number[] = [];
  const once = async (fn: () => unknown, into: number[]): Promise<void> => {
    const start = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  for (let i = 0; i < runs; i++) {
    await once(subject, times);
    await once(floor, floors);
  }
  return { ms: median(times), floor: median(floors) };
}

/** A workload for bench/side.ts: export `name` of `module` (relative to bench/), called with `args`, returns the function to time. */
export interface Side {
  module: string;
  name: string;
  args?: unknown[];
}

/** The times (ms) of `runs` runs of a side, after `warmup` unmeasured ones, in a process of its own. */
function sideTimes(side: Side, runs: number, warmup: number): number[] {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const { join } = require('node:path') as typeof import('node:path');
  const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'side.ts'), JSON.stringify({ ...side, runs, warmup })], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    // A side that hangs fails its line instead of the whole bench.
    timeout: 10 * 60 * 1000,
  });
  return JSON.parse(out) as number[];
}

/**
 * Times `subject` and its `floor` each in processes of their own, `processes` of each in
 * alternation (for this VM's drift, as timeAgainst), and returns the medians of all their runs:
 * each side's cost in a steady state that includes collecting its own garbage, and only its own.
 * Timed in one process, each side also collects what the other left: the median parse of the 10k
 * plan went from 66 to 137 ms depending on which subject ran before it (113–150 ms on its own).
 */
export function isolatedAgainst(subject: Side, floor: Side, processes = 4, runs = 5, warmup = 2): { ms: number; floor: number } {
  const times: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < processes; i++) {
    times.push(...sideTimes(subject, runs, warmup));
    floors.push(...sideTimes(floor, runs, warmup));
  }
  return { ms: median(times), floor: median(floors) };
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** `<name>: <median> <unit>` or, with a floor, `... (floor <f> <unit>, ratio <r>x)`. */
export function benchLine(name: string, value: number, unit: string, floor?: number): string {
  const base = `${name}: ${fmt(value)} ${unit}`;
  return floor === undefined ? base : `${base} (floor ${fmt(floor)} ${unit}, ratio ${(value / floor).toFixed(2)}x)`;
}

/** What one child process cost: wall time and peak resident set size. */
export interface ChildCost {
  ms: number;
  /** Peak RSS in MB (`process.resourceUsage().maxRSS` of the child, read as it exits). */
  peakMb: number;
}

/**
 * Runs `node <args>` in a child (cwd `cwd`, stdout discarded) and returns its wall time and peak
 * RSS: bench/peak-rss.js, preloaded with --require, writes the child's own maxRSS to a file when it
 * exits. `ok` lists the exit codes that count as success (apg check exits 1 on deny findings).
 */
export function runChild(args: string[], cwd: string, ok: number[] = [0]): ChildCost {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const { mkdtempSync, readFileSync, rmSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'apg-rss-'));
  const file = join(dir, 'rss');
  try {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', join(__dirname, 'peak-rss.js'), ...args], {
      cwd,
      env: { ...process.env, APG_BENCH_RSS_FILE: file },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status === null || !ok.includes(r.status)) {
      throw new Error(`node ${args.join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr ?? '').trim().split('\n')[0]}`);
    }
    return { ms, peakMb: Number(readFileSync(file, 'utf8')) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const medians = (all: ChildCost[]): ChildCost => ({ ms: median(all.map((c) => c.ms)), peakMb: median(all.map((c) => c.peakMb)) });

/** Median wall time and median peak RSS of a child and of its floor child, run in alternation (see timeAgainst). */
export function childAgainst(args: string[], floorArgs: string[], cwd: string, runs: number, ok?: number[]): { child: ChildCost; floor: ChildCost } {
  const child: ChildCost[] = [];
  const floor: ChildCost[] = [];
  for (let i = 0; i < runs; i++) {
    child.push(runChild(args, cwd, ok));
    floor.push(runChild(floorArgs, cwd));
  }
  return { child: medians(child), floor: medians(floor) };
}

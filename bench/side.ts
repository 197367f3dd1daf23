/**
 * One side of an isolated ratio (bench/stats.ts isolatedAgainst), run in a process of its own:
 * `node -r tsx/cjs bench/side.ts '<json>'` where the JSON is `{ module, name, args, runs, warmup }`.
 * Requires `module` (a path relative to bench/), calls its export `name`(...args) for the workload
 * function, runs it `warmup` times unmeasured and `runs` times measured, and prints the times (ms)
 * as a JSON array.
 */
import { join } from 'node:path';

interface Spec {
  module: string;
  name: string;
  args?: unknown[];
  runs: number;
  warmup: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as Spec;
  const mod = require(join(__dirname, spec.module)) as Record<string, (...args: unknown[]) => unknown>;
  if (typeof mod[spec.name] !== 'function') throw new Error(`${spec.module} exports no workload ${spec.name}`);
  const work = (await mod[spec.name](...(spec.args ?? []))) as () => unknown;
  for (let i = 0; i < spec.warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < spec.runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  process.stdout.write(`${JSON.stringify(times)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench side: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

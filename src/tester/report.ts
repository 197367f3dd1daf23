/**
 * `apg test` output in `opa test`'s two formats (OPA's tester.PrettyReporter and JSONReporter):
 *
 *   pretty: the failing, erroring and skipped tests (every test with -v), grouped under their file,
 *           `data.pkg.test_x: FAIL (1.2ms)`, an error's message indented below its test, a rule of
 *           80 dashes, then `PASS: n/m`, `FAIL: k/m`, `SKIPPED: s/m`, `ERROR: e/m` (non-zero ones).
 *           With -v and failures, a FAILURES section comes first, then SUMMARY (opa test prints an
 *           evaluation trace under each failure there; the compiled module keeps none). What a
 *           shown test printed with print() follows its line, indented, between blank lines.
 *   json:   the results as an indented JSON array: location, package, name, fail / skip / error
 *           when set, duration in nanoseconds.
 */
import type { TestResult } from './runner';

const RULE = '-'.repeat(80);

const outcome = (r: TestResult): string => (r.skip ? 'SKIPPED' : r.error ? 'ERROR' : r.fail ? 'FAIL' : 'PASS');
const passed = (r: TestResult): boolean => outcome(r) === 'PASS';

/** Go's time.Duration.String for the durations a test takes: 850ns, 1.417µs, 277.306µs, 1.2145ms, 2.5s. */
export function formatDuration(ns: number): string {
  const fixed = (v: number): string => v.toFixed(9).replace(/\.?0+$/, '');
  if (ns < 1e3) return `${Math.round(ns)}ns`;
  if (ns < 1e6) return `${fixed(Math.round(ns) / 1e3)}µs`;
  if (ns < 1e9) return `${fixed(Math.round(ns) / 1e6)}ms`;
  return `${fixed(Math.round(ns) / 1e9)}s`;
}

function line(r: TestResult): string {
  const name = `${r.package}.${r.name}: ${outcome(r)}`;
  return r.skip ? name : `${name} (${formatDuration(r.duration)})`;
}

export function prettyReport(results: TestResult[], verbose: boolean): string {
  const out: string[] = [];
  const failures = results.filter((r) => outcome(r) === 'FAIL');
  if (verbose && failures.length > 0) {
    out.push('FAILURES', RULE);
    for (const f of failures) out.push(line(f), '');
    out.push('SUMMARY', RULE);
  }
  let lastFile: string | undefined;
  let dirty = false;
  for (const r of results) {
    if (verbose || !passed(r)) {
      if (r.location.file !== lastFile) {
        if (lastFile !== undefined) out.push('');
        out.push(`${r.location.file}:`);
        lastFile = r.location.file;
      }
      out.push(line(r));
      dirty = true;
      // print() output, indented between blank lines, as opa test shows it.
      if (r.output) out.push('', ...r.output.trimEnd().split('\n').map((l) => `  ${l}`), '');
    }
    if (r.error) out.push(`  ${r.error.code}: ${r.error.message}`);
  }
  if (dirty) out.push(RULE);
  const total = results.length;
  const count = (o: string): number => results.filter((r) => outcome(r) === o).length;
  for (const [label, o] of [['PASS', 'PASS'], ['FAIL', 'FAIL'], ['SKIPPED', 'SKIPPED'], ['ERROR', 'ERROR']]) {
    const n = count(o);
    if (n > 0) out.push(`${label}: ${n}/${total}`);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

export function jsonReport(results: TestResult[]): string {
  // Field order as OPA writes a result: location, package, name, then what is set, then duration.
  const rows = results.map((r) => ({
    location: r.location,
    package: r.package,
    name: r.name,
    ...(r.fail ? { fail: true } : {}),
    ...(r.skip ? { skip: true } : {}),
    ...(r.error ? { error: r.error } : {}),
    // Go writes the []byte output as base64.
    ...(r.output ? { output: Buffer.from(r.output, 'utf8').toString('base64') } : {}),
    duration: r.duration,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/**
 * `apg conformance <dir> [--filter s] [--verbose]`: OPA's YAML conformance cases through the
 * project's compiler and the official SDK. Prints one line per category and ends with
 * `N passed, M failed, K skipped`; exits 1 when any case failed.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { runConformance } from '../../compiler/conformance';
import { UserError } from '../errors';

export function register(program: Command): void {
  program
    .command('conformance')
    .description("run OPA's YAML conformance cases through the built-in compiler and the SDK")
    .argument('<dir>', 'folder (or file) of conformance YAML cases')
    .option('--filter <text>', 'only cases whose note or category contains this')
    .option('-v, --verbose', 'print every failed and skipped case with its reason')
    .action(async (dir: string, flags: { filter?: string; verbose?: boolean }) => {
      if (!existsSync(dir)) throw new UserError(`${dir}: no such file or directory`);
      const report = await runConformance(dir, flags.filter ?? '');
      for (const [category, row] of [...report.byCategory].sort(([a], [b]) => a.localeCompare(b))) {
        const supported = row.pass + row.fail;
        const rate = supported === 0 ? '—' : `${((100 * row.pass) / supported).toFixed(0)}%`;
        process.stdout.write(`${category}: ${row.pass} passed, ${row.fail} failed, ${row.skip} skipped (${rate} of supported)\n`);
        if (flags.verbose) {
          for (const o of report.outcomes.filter((x) => x.case.category === category && x.status !== 'pass')) {
            process.stdout.write(`  ${o.status.toUpperCase()} ${o.case.note}: ${o.reason ?? ''}\n`);
          }
        }
      }
      const t = report.totals;
      process.stdout.write(`${t.pass} passed, ${t.fail} failed, ${t.skip} skipped\n`);
      if (t.fail > 0) process.exitCode = 1;
    });
}

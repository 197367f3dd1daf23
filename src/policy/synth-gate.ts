/**
 * Synth-time policy gate, called by the CDKTF app (bin/main.ts) right after `app.synth()`, so that
 * `cdktf synth` and `npm run synth` fail on deny findings with the same messages as `apg check`.
 * Synchronous: it runs inside the app process, which cdktf judges by its exit status.
 * `APG_SKIP_GATE=1` skips it (for a deliberate synth of a known-failing change, e.g. to diff or
 * to inspect the JSON); `apg check` and CI still apply the policies.
 */
import { UserError } from '../cli/errors';
import { loadInputsSync } from '../input/load';
import { checkInputsSync, type CheckOptions } from './check';
import { renderText } from './report/text';
import type { CheckReport } from './types';

export interface GateOptions extends CheckOptions {
  /** Where the app synthesized to; default CDKTF_OUTDIR or `cdktf.out`. */
  outdir?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the report goes (default stderr, which cdktf shows). */
  write?: (text: string) => void;
}

/**
 * Checks every synthesized stack. Returns the report (undefined when skipped); throws a UserError
 * with exit code 1 when there are unwaived deny findings.
 */
export function policyGate(options: GateOptions = {}): CheckReport | undefined {
  const env = options.env ?? process.env;
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  if (env.APG_SKIP_GATE === '1') {
    write('policy gate: skipped (APG_SKIP_GATE=1)\n');
    return undefined;
  }
  const outdir = options.outdir ?? (env.CDKTF_OUTDIR || 'cdktf.out');
  const report = checkInputsSync(loadInputsSync(outdir), { ...options, paramsFile: options.paramsFile ?? (env.APG_PARAMS || undefined) });
  if (report.findings.length || report.notes.length) write(renderText(report));
  if (!report.summary.passed) {
    throw new UserError(
      `policy gate: ${report.summary.deny} deny finding${report.summary.deny === 1 ? '' : 's'} in ${outdir} (listed above): ` +
        'fix them, or waive them in waivers.yaml with a reason and an expiry',
      1,
    );
  }
  return report;
}

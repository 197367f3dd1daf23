/**
 * `apg check [path]`: evaluates the policy pack against synthesized stacks, plans or HCL.
 * Without a path the stacks are synthesized first (bin/main.ts `synthesizeAll`) and `cdktf.out`
 * is checked. Exit 0 = no unwaived deny findings, 1 = deny findings, 2 = usage or input error.
 */
import { Command, Option } from 'commander';
import { loadInputs, requireModules } from '../../input/load';
import { checkInputs } from '../../policy/check';
import { FORMATS, reportChunks, type ReportFormat } from '../../policy/report';
import { UserError } from '../errors';
import { writeChunksToFile, writeChunksToStdout } from '../write';

interface CheckFlags {
  format: ReportFormat;
  params?: string;
  waivers?: string;
  policies?: string[];
  builtinPolicies?: boolean;
  output?: string;
  cost: boolean;
  requireModules?: boolean;
}

/** Synthesizes every stack in-process (no policy gate: this command is the check) and returns the output folder. */
function synthesize(): string {
  const { synthesizeAll } = require('../../../bin/main') as typeof import('../../../bin/main');
  const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';
  const names = synthesizeAll(outdir);
  process.stderr.write(`synthesized stacks: ${names.join(', ')}\n`);
  return outdir;
}

export async function runCheck(path: string | undefined, flags: CheckFlags): Promise<number> {
  const target = path ?? synthesize();
  const inputs = await loadInputs(target);
  if (inputs.length === 0) throw new UserError(`${target}: nothing to check`);
  if (flags.requireModules) requireModules(inputs);
  const report = await checkInputs(inputs, {
    extraPolicies: flags.policies,
    ...(flags.builtinPolicies === false ? { builtinPolicies: false } : {}),
    paramsFile: flags.params,
    waiversFile: flags.waivers,
    cost: flags.cost,
  });
  // Written as it is rendered: the JSON report of a 100k-resource plan is ~60 MB.
  const chunks = reportChunks(report, flags.format);
  if (flags.output) {
    writeChunksToFile(flags.output, chunks);
    process.stderr.write(`check: ${report.summary.deny} deny, ${report.summary.warn} warn, ${report.summary.waived} waived; report written to ${flags.output}\n`);
  } else {
    await writeChunksToStdout(chunks);
  }
  return report.summary.passed ? 0 : 1;
}

/** Commander's way to make an option repeatable. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function register(program: Command): void {
  program
    .command('check')
    .description('check synthesized stacks (cdktf.out or a stack folder), a terraform show -json plan or an HCL folder against the policy pack')
    .argument('[path]', 'cdktf.out, cdktf.out/stacks/<name>, cdk.tf.json, plan JSON or HCL folder (default: synthesize the stacks, then check cdktf.out)')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('--params <file>', 'rule parameters (JSON or YAML) merged over policies/params.json')
    .option('--waivers <file>', 'waivers YAML (default: waivers.yaml at the repository root, if present)')
    .option('--policies <dir>', 'a team rule pack added beside the built-in one (repeatable; also policies.packs in apg.yaml)', collect, [])
    .option('--no-builtin-policies', 'drop the built-in rules (their lib/ stays importable)')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--no-cost', 'do not compute the cost estimate (input.cost) before evaluation')
    .option('--require-modules', 'a module call whose code is not installed (no terraform init) is an input error (exit 2) instead of a note')
    .action(async (path: string | undefined, flags: CheckFlags) => {
      process.exitCode = await runCheck(path, flags);
    });
}

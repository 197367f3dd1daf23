/**
 * `apg platform` (`npm start`): the main job on one configuration — synthesize every environment,
 * check every stack against the policy pack, and summarize what each stack costs at idle against
 * its budget. Exit 0 = every stack passes, 1 = deny findings, 2 = bad configuration or input.
 */
import { Command } from 'commander';
import { loadInputs } from '../../input/load';
import { checkInputs } from '../../policy/check';
import { renderReport } from '../../policy/report';
import { estimate } from '../../cost/estimate';
import { costSummary } from '../../cost/summary';
import { loadUsageFile, UsageFileError } from '../../cost/usage';
import { dropUsageWarningsMatchedElsewhere } from '../../cost/warnings';
import { renderCostOverview } from '../../cost/render/overview';
import { UserError } from '../errors';
import { collect } from './check';

interface PlatformFlags {
  configDir?: string;
  outdir: string;
  usage?: string;
  params?: string;
  waivers?: string;
  policies?: string[];
  builtinPolicies?: boolean;
}

export async function runPlatform(flags: PlatformFlags, write: (text: string) => void): Promise<number> {
  // Read the usage file first: a typo there should fail before a two-second synth, not after.
  let usage;
  try {
    usage = flags.usage ? loadUsageFile(flags.usage) : undefined;
  } catch (err) {
    if (err instanceof UsageFileError) throw new UserError(err.message);
    throw err;
  }
  const { synthesizeAll } = require('../../../bin/main') as typeof import('../../../bin/main');
  const names = synthesizeAll(flags.outdir, { configDir: flags.configDir });
  write(`== synth: ${names.length} stack(s) (${names.join(', ')}) in ${flags.outdir}/stacks/\n`);

  const inputs = await loadInputs(flags.outdir);
  // One estimate per stack serves both the summary and the budget rule (input.cost), which the
  // checker would otherwise compute again.
  const estimates = dropUsageWarningsMatchedElsewhere(inputs.map((input) => estimate(input, usage)));
  const costed = inputs.map((input, i) => ({ ...input, cost: costSummary(estimates[i], input) }));
  const report = await checkInputs(costed, {
    paramsFile: flags.params,
    waiversFile: flags.waivers,
    extraPolicies: flags.policies,
    ...(flags.builtinPolicies === false ? { builtinPolicies: false } : {}),
  });
  write(`\n== policy check\n${renderReport(report, 'text')}`);

  const title = usage ? `with usage from ${flags.usage}` : 'idle baseline, zero traffic';
  write(`\n== cost summary (${title}; details: npm run cost -- ${flags.outdir})\n`);
  write(renderCostOverview(inputs.map((input, i) => ({ input, estimate: estimates[i] })), usage !== undefined));
  return report.summary.passed ? 0 : 1;
}

export function register(program: Command): void {
  program
    .command('platform')
    .description('the main job: synthesize every environment, check the stacks, summarize their cost against the budgets')
    .option('--config-dir <dir>', 'directory of <environment>.yaml files (default: config/, or STACKS_CONFIG_DIR)')
    .option('--outdir <dir>', 'synth output directory', process.env.CDKTF_OUTDIR || 'cdktf.out')
    .option('--usage <file>', 'usage file for the cost summary (default: none, the idle baseline)')
    .option('--params <file>', 'rule parameters (JSON or YAML) merged over policies/params.json')
    .option('--waivers <file>', 'waivers YAML (default: waivers.yaml at the repository root, if present)')
    .option('--policies <dir>', 'a team rule pack added beside the built-in one (repeatable; also policies.packs in apg.yaml)', collect, [])
    .option('--no-builtin-policies', 'drop the built-in rules (their lib/ stays importable)')
    .action(async (flags: PlatformFlags) => {
      const configDir = flags.configDir ?? (process.env.STACKS_CONFIG_DIR || undefined);
      process.exitCode = await runPlatform({ ...flags, configDir }, (text) => process.stdout.write(text));
    });
}

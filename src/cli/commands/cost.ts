/**
 * `apg cost [path]` — monthly estimate of a synthesized stack (default `cdktf.out`), a plan JSON or
 * HCL, per resource and in total, with the idle baseline; `apg cost diff <base> <head>` — the delta.
 * Exit 2 on bad input, a bad usage file or a bad price book.
 */
import { Command, Option } from 'commander';
import { UserError } from '../errors';
import { loadInputs, requireModules } from '../../input/load';
import { estimate } from '../../cost/estimate';
import { diffEstimates } from '../../cost/diff';
import { type PriceBook, PriceBookError, defaultPriceBook, defaultPriceBookPath, loadPriceBook } from '../../cost/pricebook';
import { type UsageFile, UsageFileError, loadUsageFile } from '../../cost/usage';
import type { CostEstimate } from '../../cost/types';
import { estimatesJsonChunks, diffJsonChunks } from '../../cost/render/json';
import { dropUsageWarningsMatchedElsewhere } from '../../cost/warnings';
import { renderEstimateTable, renderDiffTable } from '../../cost/render/table';
import { renderEstimateMarkdown, renderDiffMarkdown } from '../../cost/render/markdown';
import { existsSync } from 'node:fs';
import { writeChunksToStdout } from '../write';

type Format = 'table' | 'json' | 'markdown';

interface CostOptions {
  usage?: string;
  format: Format;
  pricebook?: string;
  region?: string;
  requireModules?: boolean;
}

const formatOption = () => new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table');

function withCostOptions(command: Command): Command {
  return command
    .option('--usage <file>', 'usage file (YAML, version 0.1); without one: zero traffic, the idle baseline')
    .addOption(formatOption())
    .option('--pricebook <file>', 'price book JSON (default: the shipped src/cost/pricebook/azure-<region>.json)')
    .option('--region <region>', 'use the shipped price book of this region')
    .option('--require-modules', 'a module call whose code is not installed (no terraform init) is an input error (exit 2) instead of an unpriced line');
}

/** Turns the cost module's own errors into one-line user errors (exit 2). */
function asUserError(err: unknown): never {
  if (err instanceof UsageFileError || err instanceof PriceBookError) throw new UserError(err.message);
  throw err;
}

function priceBookFor(options: CostOptions): PriceBook {
  if (options.pricebook) return loadPriceBook(options.pricebook);
  if (options.region) {
    const file = defaultPriceBookPath(options.region);
    if (!existsSync(file)) throw new UserError(`no shipped price book for region ${options.region} (run: apg prices update --region ${options.region})`);
    return loadPriceBook(file);
  }
  return defaultPriceBook();
}

async function estimateAll(path: string, usage: UsageFile | undefined, book: PriceBook, strict = false): Promise<CostEstimate[]> {
  const inputs = await loadInputs(path);
  if (inputs.length === 0) throw new UserError(`${path}: no stack, plan or HCL found`);
  if (strict) requireModules(inputs);
  return dropUsageWarningsMatchedElsewhere(inputs.map((input) => estimate(input, usage, { book })));
}

/**
 * `apg cost <path>`'s output as chunks to write in turn (the JSON of a large plan is written a
 * batch of resources at a time, never held whole).
 */
export async function costChunks(path: string, options: CostOptions): Promise<Iterable<string>> {
  try {
    const book = priceBookFor(options);
    const usage = options.usage ? loadUsageFile(options.usage) : undefined;
    const estimates = await estimateAll(path, usage, book, options.requireModules);
    if (options.format === 'json') return estimatesJsonChunks(estimates);
    const render = options.format === 'markdown' ? renderEstimateMarkdown : renderEstimateTable;
    return [estimates.map(render).join('\n')];
  } catch (err) {
    return asUserError(err);
  }
}

/** `apg cost diff <base> <head>`'s output as chunks (as costChunks). */
export async function costDiffChunks(basePath: string, headPath: string, options: CostOptions): Promise<Iterable<string>> {
  try {
    const book = priceBookFor(options);
    const usage = options.usage ? loadUsageFile(options.usage) : undefined;
    const [base, head] = [await estimateAll(basePath, usage, book, options.requireModules), await estimateAll(headPath, usage, book, options.requireModules)];
    const diff = diffEstimates(base, head);
    if (options.format === 'json') return diffJsonChunks(diff);
    return [options.format === 'markdown' ? renderDiffMarkdown(diff) : renderDiffTable(diff)];
  } catch (err) {
    return asUserError(err);
  }
}

export function register(program: Command): void {
  const cost = withCostOptions(
    program
      .command('cost')
      .description('monthly cost estimate of a synthesized stack, plan JSON or HCL directory (idle baseline without --usage)')
      .argument('[path]', 'cdktf.out folder, stack folder, cdk.tf.json, plan JSON or HCL directory', 'cdktf.out'),
  ).action(async (path: string, options: CostOptions) => {
    await writeChunksToStdout(await costChunks(path, options));
  });
  withCostOptions(
    cost
      .command('diff')
      .description('per-resource and total monthly delta between two inputs (markdown: ready for a PR comment)')
      .argument('<base>', 'input before the change')
      .argument('<head>', 'input after the change'),
  ).action(async (base: string, head: string, _options: CostOptions, command: Command) => {
    // `cost` declares the same options, so commander may hand them to the parent: read both.
    await writeChunksToStdout(await costDiffChunks(base, head, command.optsWithGlobals<CostOptions>()));
  });
}

/**
 * Entry of the `apg` CLI. Each subcommand lives in src/cli/commands/<name>.ts and exports
 * `register(program)`. Exit codes: 0 success, 1 the check found deny findings (or a budget/gate
 * failed), 2 usage or input error. Errors the user can act on are printed as one clear line; only a
 * bug in this tool prints a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { REPO_ROOT } from '../paths';
import { CompileError } from '../compiler/ast';
import { UserError } from './errors';

interface CommandModule {
  register(program: Command): void;
}

/**
 * Each subcommand's module, loaded on demand: a call loads only the command it runs (the policy
 * checker does not load the compiler or the price book's fetcher), and `--version` loads none, so
 * the CLI starts in about the time Node itself takes. Help and unknown commands load them all.
 */
const COMMANDS: Record<string, () => CommandModule> = {
  platform: () => require('./commands/platform'),
  build: () => require('./commands/build'),
  check: () => require('./commands/check'),
  test: () => require('./commands/test'),
  rules: () => require('./commands/rules'),
  cost: () => require('./commands/cost'),
  prices: () => require('./commands/prices'),
  conformance: () => require('./commands/conformance'),
};

function commandsFor(argv: string[]): CommandModule[] {
  const first = argv.find((a) => !a.startsWith('-'));
  if (first !== undefined && first in COMMANDS) return [COMMANDS[first]()];
  if (first === undefined && argv.some((a) => a === '-V' || a === '--version')) return [];
  return Object.values(COMMANDS).map((load) => load());
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('apg')
    .description('Azure platform guard: Rego→WASM policy builds, plan checks and cost review')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError();
  for (const command of commandsFor(argv)) command.register(program);
  // Commands report their status in process.exitCode; start from none, so that a code left by an
  // earlier call in the same process (tests, the API) is not taken for this one's.
  const outer = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      process.stderr.write(`apg: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof CompileError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    process.exitCode = outer;
  }
}

/**
 * Exits once everything written to stdout and stderr has left the process: on a pipe, writes the
 * other end has not taken yet are queued, and process.exit drops them (a report piped to another
 * program was cut at the pipe's 64 KB). An empty write's callback runs after the writes before it.
 */
function exitWhenWritten(code: number): void {
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

if (require.main === module || process.argv[1]?.endsWith('apg.js')) {
  main(process.argv.slice(2)).then(
    (code) => exitWhenWritten(code),
    (err) => {
      process.stderr.write(`apg: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      exitWhenWritten(3);
    },
  );
}

/**
 * Entry of the `apg` CLI. Each subcommand lives in src/cli/commands/<name>.ts and exports
 * `register(program)`. Exit codes: 0 success, 1 the check found deny findings (or a budget/gate
 * failed), 2 usage or input error. Errors the user can act on are printed as one clear line; only a
 * bug in this tool prints a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { CompileError } from '../compiler/ast';
import { UserError } from './errors';
import * as build from './commands/build';
import * as check from './commands/check';
import * as cost from './commands/cost';
import * as prices from './commands/prices';
import * as conformance from './commands/conformance';
import * as platform from './commands/platform';
import * as rules from './commands/rules';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('apg')
    .description('Azure platform guard: Rego→WASM policy builds, plan checks and cost review')
    .exitOverride()
    .showHelpAfterError();
  for (const command of [platform, build, check, rules, cost, prices, conformance]) command.register(program);
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

if (require.main === module || process.argv[1]?.endsWith('apg.js')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`apg: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(3);
    },
  );
}

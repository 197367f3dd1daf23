/**
 * `apg test [paths...] [-v] [--run <regex>] [--format pretty|json] [-z] [--fail-on-empty]`, shaped
 * like `opa test`: runs the `test_` rules of the `.rego` files under the paths (default `.`) through
 * the project's compiler and the SDK (src/tester). With an `opa` binary on PATH (or named by APG_OPA)
 * it runs `opa test` instead, unless `--builtin` is given, as `apg build` does.
 *
 * Exit codes follow this project's CLI, not opa test's: 0 every test passed, 1 a test failed, erred
 * or was skipped (opa test: 2), 2 a compile or usage error (opa test: 1). A delegated run's codes are
 * mapped the same way.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { Command, Option } from 'commander';
import { findOpaBinary } from '../../compiler/opa-binary';
import { jsonReport, prettyReport } from '../../tester/report';
import { runTests } from '../../tester/runner';
import { DEFAULT_POLICIES_DIR } from '../../policy/pack';
import { UserError } from '../errors';

const BUILTIN_LIB = join(DEFAULT_POLICIES_DIR, 'lib');

interface TestFlags {
  verbose?: boolean;
  run?: string;
  format: 'pretty' | 'json';
  exitZeroOnSkipped?: boolean;
  failOnEmpty?: boolean;
  builtin?: boolean;
  builtinLib: boolean;
}

/** Whether `path` is `inner` or a folder above it. */
function holds(path: string, inner: string): boolean {
  try {
    const rel = relative(realpathSync(path), realpathSync(inner));
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  } catch {
    return false;
  }
}

function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (err) {
    throw new UserError(`--run: invalid regular expression: ${(err as Error).message}`);
  }
}

/** `opa test` with the same flags; data files are read as a bundle reads them when every path is a folder. */
function delegate(opa: string, paths: string[], flags: TestFlags): void {
  const folders = paths.every((p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  });
  const args = [
    'test',
    ...(folders ? ['--bundle'] : []),
    ...(flags.verbose ? ['-v'] : []),
    ...(flags.run !== undefined ? ['--run', flags.run] : []),
    '--format', flags.format,
    ...(flags.exitZeroOnSkipped ? ['-z'] : []),
    ...(flags.failOnEmpty ? ['--fail-on-empty'] : []),
    ...paths,
  ];
  const run = spawnSync(opa, args, { stdio: 'inherit' });
  if (run.error) throw new UserError(`could not run ${opa}: ${run.error.message}`);
  // opa test: 2 a test failed, 1 an error; this CLI: 1 a test failed, 2 an error.
  process.exitCode = run.status === 0 ? 0 : run.status === 2 ? 1 : 2;
}

export function register(program: Command): void {
  program
    .command('test')
    .description("run the Rego unit tests (rules named test_*) under the paths, as opa test does")
    .argument('[paths...]', '.rego files or folders (searched recursively); data.json/data.yaml files in folders become data', ['.'])
    .option('-v, --verbose', 'print every test, not only the failing ones')
    .option('-r, --run <regex>', 'run only the tests whose full name (data.pkg.test_x) matches the regular expression')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('-z, --exit-zero-on-skipped', 'skipped (todo_test_) tests do not make the exit code non-zero')
    .option('--fail-on-empty', 'exit 1 when no test ran')
    .option('--builtin', 'use the built-in compiler even when an opa binary is available')
    .option('--no-builtin-lib', "do not compile the built-in policies/lib helpers (data.lib.tf, ...) beside the tested files")
    .action(async (paths: string[], flags: TestFlags) => {
      const run = flags.run !== undefined ? compileRegex(flags.run) : undefined;
      const opa = flags.builtin ? undefined : findOpaBinary();
      // apg check always compiles the built-in lib/ beside team rules; their tests need it too.
      const support = flags.builtinLib ? [BUILTIN_LIB] : [];
      // opa test reads every path it is given (lib's own tests run there too): add lib only when no
      // path already holds it, since opa refuses a file loaded twice.
      if (opa) return delegate(opa, [...paths, ...support.filter((lib) => !paths.some((p) => holds(p, lib)))], flags);

      const { results } = await runTests(paths, { run, support });
      process.stdout.write(flags.format === 'json' ? jsonReport(results) : prettyReport(results, flags.verbose === true));
      if (results.length === 0) {
        process.stderr.write(`apg test: no tests found in ${paths.join(', ')}${run ? ` matching --run ${flags.run}` : ''}\n`);
        if (flags.failOnEmpty) process.exitCode = 1;
        return;
      }
      const bad = results.some((r) => r.fail || r.error || (r.skip && !flags.exitZeroOnSkipped));
      process.exitCode = bad ? 1 : 0;
    });
}

/**
 * `apg build -t wasm -e <entrypoint> [-e ...] -o <bundle.tar.gz> <file-or-dir>...`, shaped like
 * `opa build`. With an `opa` binary on PATH (or named by APG_OPA) it delegates to `opa build` unless
 * `--builtin` is given; otherwise the project's own compiler writes the bundle. Its module calls
 * builtins by OPA's names, so the plain @open-policy-agent/opa-wasm SDK runs it as it runs an
 * `opa build` module; `--opa-exact-builtins` opts into the project's OPA-exact variants instead.
 */
import { spawnSync } from 'node:child_process';
import { Command, Option } from 'commander';
import { compile } from '../../compiler';
import { SDK_BUILTINS } from '../../compiler/builtins';
import { writeBundle } from '../../compiler/bundle';
import { findOpaBinary } from '../../compiler/opa-binary';
import { collectInputs } from '../../compiler/sources';
import { UserError } from '../errors';

interface BuildFlags {
  target: string;
  entrypoint: string[];
  output: string;
  builtin?: boolean;
  strictBuiltinErrors?: boolean;
  opaExactBuiltins?: boolean;
}

export function register(program: Command): void {
  program
    .command('build')
    .description('compile Rego to an OPA WebAssembly bundle (policy.wasm, data.json, .manifest)')
    .addOption(new Option('-t, --target <target>', 'output type').choices(['wasm']).default('wasm'))
    .option('-e, --entrypoint <path>', 'entrypoint, e.g. terraform/deny or data.terraform.deny (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('-o, --output <file>', 'bundle file to write', 'bundle.tar.gz')
    .option('--builtin', 'use the built-in compiler even when an opa binary is available')
    .option('--strict-builtin-errors', 'builtin errors (type errors, division by zero, bad patterns) abort the evaluation instead of being undefined; built-in compiler only')
    .option('--opa-exact-builtins', "call the project's OPA-exact yaml.* and regex.split (apg.* host builtins) instead of the SDK's own; the bundle then needs the project's loader (src/opa/load.ts); built-in compiler only")
    .argument('<paths...>', 'Rego files or directories (data.json/data.yaml files in directories become data)')
    .action((paths: string[], flags: BuildFlags) => {
      // `opa build -t wasm` has neither option: either one always uses the built-in compiler.
      const opa = flags.builtin || flags.strictBuiltinErrors || flags.opaExactBuiltins ? undefined : findOpaBinary();
      if (opa) {
        const args = ['build', '-t', 'wasm', ...flags.entrypoint.flatMap((e) => ['-e', e]), '-o', flags.output, ...paths];
        const run = spawnSync(opa, args, { stdio: 'inherit' });
        if (run.error) throw new UserError(`could not run ${opa}: ${run.error.message}`);
        process.exitCode = run.status ?? 2;
        return;
      }
      const { sources, data } = collectInputs(paths);
      const compiled = compile({
        sources,
        entrypoints: flags.entrypoint,
        strictBuiltinErrors: flags.strictBuiltinErrors === true,
        opaExactBuiltins: flags.opaExactBuiltins === true,
      });
      writeBundle(flags.output, { wasm: compiled.wasm, entrypoints: compiled.entrypoints, data });
      process.stderr.write(`wrote ${flags.output} (${compiled.wasm.byteLength} bytes of wasm, entrypoints: ${compiled.entrypoints.join(', ')})\n`);
      const loaderOnly = compiled.hostBuiltins.filter((name) => !SDK_BUILTINS.has(name));
      if (loaderOnly.length > 0) {
        process.stderr.write(
          `note: the module calls ${loaderOnly.join(', ')} on its host; the plain @open-policy-agent/opa-wasm SDK lacks ${loaderOnly.length === 1 ? 'it' : 'them'}: load it with loadPolicyWasm (src/opa/load.ts)\n`,
        );
      }
    });
}

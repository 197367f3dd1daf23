/**
 * Rego unit tests the way `opa test` runs them (openpolicyagent.org/docs/policy-testing): every rule
 * whose name starts with `test_`, in any package of the `.rego` files found under the paths, is a
 * test; it passes when its value is `true`, fails when it is undefined or anything else, and is an
 * error when its evaluation fails. Rules named `todo_test_...` are reported as skipped. Tests run in
 * file order, then in the order of the rules in the file.
 *
 * All modules (rules and tests) are compiled once by the project's compiler, with one entrypoint per
 * test, and evaluated through the SDK with the project's loader; `with input as`, `with data.x as`
 * and replacing functions or builtins with `with` are the compiler's own. Data files are read as
 * `apg build` reads them (data.json / data.yaml at their folder's path, src/compiler/sources.ts).
 */
import { realpathSync } from 'node:fs';
import { CompileError, type Location, type Module, type Rule } from '../compiler/ast';
import { compileModules } from '../compiler';
import { checkModules } from '../compiler/check';
import { parseModule } from '../compiler/parser';
import { collectInputs } from '../compiler/sources';
import { loadPolicyWasm, type LoadedPolicy } from '../opa/load';
import { printBuiltin, rewritePrints } from './print';

export const TEST_PREFIX = 'test_';
export const SKIP_PREFIX = 'todo_test_';

export interface TestResult {
  location: Location;
  /** `data.authz_test` */
  package: string;
  /** The rule's name within the package (`test_post_allowed`, `a.test_b`, `test_x#01`). */
  name: string;
  fail?: boolean;
  skip?: boolean;
  error?: { code: string; message: string };
  /** What the test printed with print(), one line per call. */
  output?: string;
  /** Nanoseconds, as opa test's JSON report. */
  duration: number;
}

export interface RunOptions {
  /** Only tests whose full name (`data.pkg.test_x`) matches. */
  run?: RegExp;
  /**
   * Folders or files compiled beside the tested modules without running their own tests (the
   * built-in `policies/lib`, which `apg check` always compiles in, so a team rule's `data.lib.tf`
   * resolves in its tests too). A file already under `paths` is read once, as a tested file.
   */
  support?: string[];
}

export interface TestRun {
  results: TestResult[];
  /** Number of `.rego` files read. */
  files: number;
}

/** A test found in a module: where its document lives and why it cannot run, if it cannot. */
interface FoundTest {
  module: Module;
  rule: Rule;
  /** Rule name within the package, as opa test prints it. */
  name: string;
  /** Path of the test's document below `data`. */
  path: string[];
  skip: boolean;
  unsupported?: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `data.a.b` / `data.a["b-c"]`, as OPA prints a ref. */
export function refString(path: string[]): string {
  return ['data', ...path].map((p, i) => (i === 0 ? p : IDENT.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

/** The leading string elements of a rule's ref (the part that names a document). */
function groundNames(rule: Rule): string[] {
  const names: string[] = [];
  for (const t of rule.ref) {
    if (t.type !== 'string') break;
    names.push(t.value);
  }
  return names;
}

function testIndex(names: string[]): number {
  return names.findIndex((n) => n.startsWith(TEST_PREFIX) || n.startsWith(SKIP_PREFIX));
}

/**
 * OPA runs two rules of the same test name as two tests, the second one named `test_x#01`, the third
 * `test_x#02` (tester.rewriteDuplicateTestNames); the compiler would otherwise merge them into one
 * document. Renames the rule in place.
 */
function renameDuplicates(modules: Module[]): void {
  const seen = new Map<string, number>();
  for (const mod of modules) {
    for (const rule of mod.rules) {
      const names = groundNames(rule);
      const i = testIndex(names);
      if (i < 0 || !names[i].startsWith(TEST_PREFIX) || rule.kind === 'function') continue;
      const key = [...mod.package, ...names.slice(0, i + 1)].join('\0');
      const count = seen.get(key) ?? 0;
      seen.set(key, count + 1);
      if (count > 0) {
        const term = rule.ref[i];
        if (term.type === 'string') term.value = `${names[i]}#${String(count).padStart(2, '0')}`;
      }
    }
  }
}

function findTests(modules: Module[]): FoundTest[] {
  const found: FoundTest[] = [];
  const seen = new Set<string>();
  for (const mod of modules) {
    for (const rule of mod.rules) {
      // A function named test_ is a helper, not a test: its document has no value without arguments.
      if (rule.kind === 'function') continue;
      const names = groundNames(rule);
      const i = testIndex(names);
      if (i < 0) continue;
      const own = names.slice(0, i + 1);
      const path = [...mod.package, ...own];
      const key = path.join('\0');
      if (seen.has(key)) continue; // a todo_test_ defined twice, or `default test_x := false` beside test_x
      seen.add(key);
      const test: FoundTest = { module: mod, rule, name: own.join('.'), path, skip: names[i].startsWith(SKIP_PREFIX) };
      if (rule.ref.length > own.length && rule.ref.slice(own.length).some((t) => t.type !== 'string')) {
        test.unsupported =
          'unsupported: parameterized test (a variable in the rule head); apg test cannot tell a failing case from a missing one, run opa test';
      }
      found.push(test);
    }
  }
  return found;
}

/** Splits `eval_conflict_error: ...` into OPA's error code and message. */
function evalError(err: unknown): { code: string; message: string } {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : String((err as { message?: unknown })?.message ?? err);
  const m = /^(?:[^\s:]+:\d+(?::\d+)?: )?([a-z_]+_error): ([\s\S]*)$/.exec(text);
  return m ? { code: m[1], message: m[2] } : { code: 'eval_internal_error', message: text };
}

const entrypointOf = (t: FoundTest): string => t.path.join('/');

const isUnsupported = (err: unknown): boolean => err instanceof CompileError && err.detail.startsWith('unsupported:');

/** Compiles the Rego under `paths` and runs its tests. Compile errors are thrown (CompileError). */
export async function runTests(paths: string[], options: RunOptions = {}): Promise<TestRun> {
  const { sources, data } = collectInputs(paths);
  const tested = new Set(sources.map((s) => realpathSync(s.path)));
  const support = (options.support ?? []).flatMap((p) => collectInputs([p]).sources).filter((s) => !tested.has(realpathSync(s.path)));
  // Each compile gets freshly parsed modules: the checker rewrites the modules it is given.
  const parse = (): Module[] => {
    const modules = [...sources, ...support].map((s) => parseModule(s.text, s.path));
    renameDuplicates(modules);
    rewritePrints(modules);
    return modules;
  };
  const tests = findTests(parse().slice(0, sources.length)).filter((t) => !options.run || options.run.test(refString(t.path)));
  let runnable = tests.filter((t) => !t.skip && !t.unsupported);

  let wasm: Uint8Array | undefined;
  const compileTests = (subset: FoundTest[]): Uint8Array =>
    // Served by the project's loader: OPA-exact yaml.* and regex.split.
    compileModules(parse(), { entrypoints: subset.map(entrypointOf), opaExactBuiltins: true }).wasm;
  if (runnable.length > 0) {
    try {
      wasm = compileTests(runnable);
    } catch (err) {
      if (!isUnsupported(err)) throw err;
      // A test reaches something the compiler cannot provide (http.send without `with`, ...): opa
      // test would run it. Find which tests do, report them as errors, and run the others.
      for (const t of runnable) {
        try {
          compileTests([t]);
        } catch (one) {
          if (!isUnsupported(one)) throw one;
          t.unsupported = (one as Error).message;
        }
      }
      runnable = runnable.filter((t) => !t.unsupported);
      if (runnable.length > 0) wasm = compileTests(runnable);
    }
  } else {
    // No test to run: still check every module, so that a broken one is reported as opa test does.
    checkModules(parse());
  }

  let policy: LoadedPolicy | undefined;
  const printed: string[] = [];
  const load = async (): Promise<LoadedPolicy> => {
    const p = await loadPolicyWasm(wasm!, { builtins: { 'internal.print': printBuiltin(printed) } });
    p.setData(data);
    return p;
  };

  const results: TestResult[] = [];
  for (const t of tests) {
    const result: TestResult = { location: t.rule.loc, package: refString(t.module.package), name: t.name, duration: 0 };
    if (t.skip) {
      result.skip = true;
      results.push(result);
      continue;
    }
    if (t.unsupported) {
      result.error = { code: 'rego_unsupported_error', message: t.unsupported };
      results.push(result);
      continue;
    }
    policy ??= await load();
    printed.length = 0;
    const start = process.hrtime.bigint();
    try {
      const rs = policy.evaluate(undefined, entrypointOf(t)) as { result?: unknown }[];
      result.duration = Number(process.hrtime.bigint() - start);
      if (!(rs.length > 0 && rs[0].result === true)) result.fail = true;
    } catch (err) {
      result.duration = Number(process.hrtime.bigint() - start);
      result.error = evalError(err);
      // An aborted evaluation may leave the instance's state behind: the next test gets a fresh one.
      policy = undefined;
    }
    if (printed.length > 0) result.output = `${printed.join('\n')}\n`;
    results.push(result);
  }
  return { results, files: sources.length };
}

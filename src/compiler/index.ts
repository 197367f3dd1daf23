/**
 * Programmatic API of the Rego → WebAssembly compiler, glue over its stages:
 *   parser (src/compiler/parser) → check + planner (src/compiler/check, src/compiler/planner)
 *   → IR (src/compiler/ir.ts) → WASM (src/compiler/wasm).
 */
import { CompileError, type Annotations, type Module } from './ast';
import { parseModule } from './parser';
import { planPolicy } from './planner';
import { emitModule } from './wasm';

export interface SourceFile {
  /** Path used in error messages. */
  path: string;
  text: string;
}

export interface CompileOptions {
  sources: SourceFile[];
  /**
   * Entrypoints as OPA writes them: `terraform/deny` or `data.terraform.deny`. Rules annotated with
   * `entrypoint: true` in METADATA are added, as `opa build` does.
   */
  entrypoints: string[];
  /**
   * OPA's strict builtin errors: a builtin called with arguments it cannot take (a type error, a
   * division by zero, a bad regular expression, ...) aborts the evaluation with `eval_type_error` /
   * `eval_builtin_error: <builtin>: <message>`, which the SDK throws. By default such a call is
   * undefined, as in OPA.
   */
  strictBuiltinErrors?: boolean;
  /** Iteration steps one evaluation may take before it aborts (see EmitOptions; default 1e9). */
  maxEvalSteps?: number;
  /**
   * Packages (dotted, without `data.`) holding queries rather than documents: entrypoints may name
   * their rules, but they are not part of `data`, as a query OPA evaluates is not (so a query may
   * read `data` as a whole).
   */
  queryPackages?: string[];
  /**
   * Call the project's OPA-exact host builtins (`apg.yaml.*`, `apg.regex.split`; HOST_NAMES in
   * ./builtins.ts), which only the project's loader (src/opa/load.ts) provides. By default the module
   * names OPA's builtins, which the plain @open-policy-agent/opa-wasm SDK implements itself, so that
   * an `apg build` bundle runs wherever an `opa build` one does.
   */
  opaExactBuiltins?: boolean;
}

export interface CompiledPolicy {
  /** The policy module following OPA's WASM ABI. */
  wasm: Uint8Array;
  /** Entrypoint names in id order (`terraform/deny`). */
  entrypoints: string[];
  /** Parsed modules, with METADATA annotations. */
  modules: Module[];
  /** Builtins the module calls on its host (names in its builtins() map), sorted. */
  hostBuiltins: string[];
}

/** `data.a.b` / `a.b` / `a/b` → `a/b`. */
export function normalizeEntrypoint(entrypoint: string): string {
  const trimmed = entrypoint.trim().replace(/^data\./, '').replace(/^data\//, '');
  const path = trimmed.includes('/') ? trimmed.split('/') : trimmed.split('.');
  if (trimmed === '' || path.some((p) => p === '')) {
    throw new CompileError({ file: '<entrypoint>', row: 1, col: 1 }, `invalid entrypoint "${entrypoint}"`);
  }
  return path.join('/');
}

/** Entrypoints declared with `entrypoint: true` in rule or package METADATA. */
function annotatedEntrypoints(modules: Module[]): string[] {
  const found: string[] = [];
  const isEntry = (a?: Annotations): boolean => a?.entrypoint === true;
  for (const mod of modules) {
    if (mod.annotations.some((a) => a.scope === 'package' && isEntry(a))) found.push(mod.package.join('/'));
    for (const rule of mod.rules) {
      if (!isEntry(rule.annotations)) continue;
      const names = rule.ref.map((t) => (t.type === 'string' ? t.value : t.type === 'var' ? t.name : null));
      // Only the ground prefix of a ref head names a document.
      const ground = names.slice(0, names.indexOf(null) === -1 ? names.length : names.indexOf(null));
      found.push([...mod.package, ...(ground as string[])].join('/'));
    }
  }
  return found;
}

export function compile(options: CompileOptions): CompiledPolicy {
  return compileModules(options.sources.map((s) => parseModule(s.text, s.path)), options);
}

/** `compile` for modules already parsed (the test runner renames duplicate tests first). */
export function compileModules(modules: Module[], options: Omit<CompileOptions, 'sources'>): CompiledPolicy {
  const entrypoints = [...new Set([...options.entrypoints.map(normalizeEntrypoint), ...annotatedEntrypoints(modules)])];
  if (entrypoints.length === 0) {
    throw new CompileError({ file: '<entrypoint>', row: 1, col: 1 }, 'at least one entrypoint is required (-e or an `entrypoint: true` annotation)');
  }
  const policy = planPolicy(modules, entrypoints, { queryPackages: options.queryPackages });
  const { wasm, hostBuiltins } = emitModule(policy, {
    strictBuiltinErrors: options.strictBuiltinErrors,
    maxEvalSteps: options.maxEvalSteps,
    opaExactBuiltins: options.opaExactBuiltins,
  });
  return { wasm, entrypoints: policy.plans.map((p) => p.name), modules, hostBuiltins };
}

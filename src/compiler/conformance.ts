/**
 * Runs OPA's YAML conformance cases (fields `note`, `query`, `modules`, `data`, `input`/`input_term`,
 * `want_result`, `want_error`/`want_error_code`, `sort_bindings`, `strict_error`) through the whole
 * pipeline: compile with this project's compiler → load the module in the official SDK → evaluate.
 *
 * A query is compiled as an array comprehension over its body, so results keep OPA's order and
 * multiplicity: `results := [{"x": x, ...} | <query>]`, evaluated at entrypoint
 * `__conformance__/results`. A case is *skipped* when it needs something the compiler declares
 * unsupported (an `unsupported:` error, or a builtin the project does not implement); it *fails* on
 * any other difference from OPA's answer. `strict_error: true` compiles with strict builtin errors
 * (as OPA's runner evaluates such cases), so that builtin errors abort instead of being undefined.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Body, Expr, Term } from './ast';
import { compile } from './index';
import { parseQuery } from './parser';
import { loadPolicyWasm } from '../opa/load';

export interface ConformanceCase {
  note: string;
  query: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Record<string, unknown>[];
  want_error?: string;
  want_error_code?: string;
  sort_bindings?: boolean;
  strict_error?: boolean;
  /** Where the case came from: file path and category (first folder below the root). */
  file: string;
  category: string;
}

export type CaseStatus = 'pass' | 'fail' | 'skip';
export interface CaseOutcome {
  case: ConformanceCase;
  status: CaseStatus;
  reason?: string;
}

export function loadCases(root: string): ConformanceCase[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) files.push(full);
    }
  };
  if (statSync(root).isDirectory()) walk(root);
  else files.push(root);
  const cases: ConformanceCase[] = [];
  for (const file of files) {
    const rel = relative(root, file);
    const category = rel.includes(sep) ? rel.split(sep)[0] : rel.replace(/\.ya?ml$/, '').replace(/^test-/, '');
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${file}: invalid YAML: ${doc.errors[0].message}`);
      const value = doc.toJS({ maxAliasCount: -1 }) as { cases?: Omit<ConformanceCase, 'file' | 'category'>[] } | null;
      for (const c of value?.cases ?? []) cases.push({ ...c, file, category });
    }
  }
  return cases;
}

/** Variables a query binds at its top level (OPA reports these as the bindings of each result). */
export function queryVars(body: Body): string[] {
  const seen = new Set<string>();
  const term = (t: Term | undefined): void => {
    if (!t) return;
    switch (t.type) {
      case 'var':
        if (!t.name.startsWith('$') && t.name !== 'data' && t.name !== 'input') seen.add(t.name);
        return;
      case 'ref':
        term(t.head);
        t.path.forEach(term);
        return;
      case 'array':
      case 'set':
        t.items.forEach(term);
        return;
      case 'object':
        t.items.forEach(([k, v]) => (term(k), term(v)));
        return;
      case 'call':
        t.args.forEach(term);
        return;
      default:
        // Scalars bind nothing; comprehension variables are local to the comprehension.
        return;
    }
  };
  const expr = (e: Expr): void => {
    switch (e.type) {
      case 'term':
        term(e.term);
        break;
      case 'unify':
      case 'assign':
        term(e.left);
        term(e.right);
        break;
      case 'some':
        e.vars.forEach(term);
        break;
      case 'somein':
        term(e.key);
        term(e.value);
        term(e.collection);
        break;
      case 'every':
        term(e.domain);
        break;
    }
  };
  body.forEach(expr);
  return [...seen];
}

/**
 * The query as a rule of package `__conformance__`. An input given as a Rego term that is not JSON
 * (`{"foo": {{1}}}`: sets) is passed with `with input as <term>`, as the SDK only takes JSON.
 */
export function wrapperModule(query: string, vars: string[], inputTerm?: string): string {
  const bindings = `{${vars.map((v) => `${JSON.stringify(v)}: ${v}`).join(', ')}}`;
  if (inputTerm !== undefined) {
    return `package __conformance__\n\nresults := __r if {\n__r := [${bindings} |\n${query}\n] with input as ${inputTerm}\n}\n`;
  }
  return `package __conformance__\n\nresults := [${bindings} |\n${query}\n]\n`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareStrings(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Go's string order: by UTF-8 bytes (JavaScript's `<` orders UTF-16 code units). */
function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const typeRank = (v: unknown): number =>
  v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : typeof v === 'string' ? 3 : Array.isArray(v) ? 4 : 5;

/**
 * OPA's order of JSON values (ast.Compare): null < booleans < numbers < strings < arrays < objects;
 * arrays element-wise then by length; objects by their sorted keys and values pairwise, then size.
 */
export function compareJson(a: unknown, b: unknown): number {
  const ra = typeRank(a), rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0: return 0;
    case 1: return Number(a) - Number(b);
    case 2: return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3: return compareStrings(a as string, b as string);
    case 4: {
      const x = a as unknown[], y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareJson(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    default: {
      const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
      const kx = Object.keys(x).sort(compareStrings), ky = Object.keys(y).sort(compareStrings);
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        const c = compareStrings(kx[i], ky[i]) || compareJson(x[kx[i]], y[ky[i]]);
        if (c !== 0) return c;
      }
      return kx.length - ky.length;
    }
  }
}

/**
 * `sort_bindings: true`: the results are sorted, and so is every array bound in a result (sets
 * reach the host as arrays, in no particular order).
 */
export function sortBindings(results: unknown[]): unknown[] {
  const sorted = results.map((r) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return r;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r as Record<string, unknown>)) out[k] = Array.isArray(v) ? [...v].sort(compareJson) : v;
    return out;
  });
  return sorted.sort(compareJson);
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

/** Why a failure to build counts as "declared unsupported" rather than a failure. */
function unsupportedReason(message: string): string | undefined {
  if (/unsupported:/.test(message)) return message;
  const undefinedFn = /undefined function ([\w.]+)/.exec(message);
  if (undefinedFn) return `unsupported builtin ${undefinedFn[1]}`;
  return undefined;
}

function matchError(c: ConformanceCase, message: string): CaseOutcome {
  const wantCode = c.want_error_code ?? /\b([a-z_]+_error)\b/.exec(c.want_error ?? '')?.[1];
  if (wantCode && !message.includes(wantCode)) {
    return { case: c, status: 'fail', reason: `want error ${wantCode}, got: ${message}` };
  }
  return { case: c, status: 'pass' };
}

export async function runCase(c: ConformanceCase): Promise<CaseOutcome> {
  const wantsError = c.want_error !== undefined || c.want_error_code !== undefined;
  let input: unknown = c.input;
  let regoInput: string | undefined;
  if (c.input_term !== undefined) {
    try {
      input = JSON.parse(c.input_term);
    } catch {
      regoInput = c.input_term;
      input = undefined;
    }
  }
  let compiled;
  try {
    const query = parseQuery(c.query, 'query.rego');
    const sources = (c.modules ?? []).map((text, i) => ({ path: `test-${i}.rego`, text }));
    sources.push({ path: '__conformance__.rego', text: wrapperModule(c.query, queryVars(query), regoInput) });
    compiled = compile({ sources, entrypoints: ['__conformance__/results'], strictBuiltinErrors: c.strict_error === true, queryPackages: ['__conformance__'], opaExactBuiltins: true });
  } catch (err) {
    const message = errorText(err);
    if (wantsError) {
      const outcome = matchError(c, message);
      if (outcome.status === 'pass') return outcome;
    }
    const skip = unsupportedReason(message);
    if (skip) return { case: c, status: 'skip', reason: skip };
    if (wantsError) return matchError(c, message);
    return { case: c, status: 'fail', reason: `compile error: ${message}` };
  }
  let got: unknown;
  try {
    const policy = await loadPolicyWasm(compiled.wasm);
    if (c.data !== undefined) policy.setData(c.data as object);
    const resultSet = policy.evaluate(input) as { result: unknown }[];
    got = resultSet.length === 0 ? [] : resultSet[0].result;
  } catch (err) {
    const message = errorText(err);
    if (wantsError) {
      const outcome = matchError(c, message);
      if (outcome.status === 'pass') return outcome;
    }
    if (/unsupported:|not supported/.test(message)) return { case: c, status: 'skip', reason: message };
    if (wantsError) return matchError(c, message);
    return { case: c, status: 'fail', reason: `evaluation error: ${message}` };
  }
  if (wantsError) return { case: c, status: 'fail', reason: `want an error, got ${JSON.stringify(got)}` };
  const want = c.want_result ?? [];
  const gotList = Array.isArray(got) ? (got as unknown[]) : [got];
  if (sameResultSet(want, gotList, c.sort_bindings === true)) return { case: c, status: 'pass' };
  return { case: c, status: 'fail', reason: `want ${JSON.stringify(want)}, got ${JSON.stringify(got)}` };
}

/**
 * Compares a query's results as OPA's own conformance runner does (topdown's assertResultSet): as
 * sets of bindings, since a query's results have no order in Rego; with `sort_bindings`, every
 * array bound in a result is sorted first (sets reach the host as arrays, in no particular order).
 */
export function sameResultSet(want: unknown[], got: unknown[], sortBound: boolean): boolean {
  const norm = (xs: unknown[]): string[] => [...new Set((sortBound ? sortBindings(xs) : xs).map(canonical))].sort();
  const [w, g] = [norm(want), norm(got)];
  return w.length === g.length && w.every((x, i) => x === g[i]);
}

export interface ConformanceReport {
  outcomes: CaseOutcome[];
  byCategory: Map<string, Record<CaseStatus, number>>;
  totals: Record<CaseStatus, number>;
}

export async function runConformance(root: string, filter = ''): Promise<ConformanceReport> {
  const cases = loadCases(root).filter((c) => c.note.includes(filter) || c.category.includes(filter));
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) outcomes.push(await runCase(c));
  const byCategory = new Map<string, Record<CaseStatus, number>>();
  const totals: Record<CaseStatus, number> = { pass: 0, fail: 0, skip: 0 };
  for (const o of outcomes) {
    const row = byCategory.get(o.case.category) ?? { pass: 0, fail: 0, skip: 0 };
    row[o.status]++;
    totals[o.status]++;
    byCategory.set(o.case.category, row);
  }
  return { outcomes, byCategory, totals };
}

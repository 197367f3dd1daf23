/**
 * Reads config/<environment>.yaml files, validates each against the schema and reports every
 * problem of every file in one error (one line per problem: file, field path, message).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { UserError } from '../../src/cli/errors';
import { REPO_ROOT } from '../../src/paths';
import { environmentSchema, EnvironmentConfig } from './schema';

/** Where the shipped configuration lives (relative to the repository root). */
export const DEFAULT_CONFIG_DIR = join(REPO_ROOT, 'config');

/** Environments that must always exist (the policy pack and the CI expect these stacks). */
export const REQUIRED_ENVIRONMENTS = ['dev', 'prod'] as const;

export class ConfigError extends UserError {
  constructor(public readonly problems: string[]) {
    super(`invalid stack configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

function fieldPath(path: PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** A map key that fails its schema (an app name, an env name) says why, not zod's generic "Invalid key in record". */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') return `invalid name: ${issue.issues.map((i) => i.message).join('; ')}`;
  return issue.message;
}

/** Validates one parsed document; returns the config or the list of problems (`<file>: <field>: <message>`). */
export function validateEnvironment(raw: unknown, file: string): { config?: EnvironmentConfig; problems: string[] } {
  // A missing field reads "required" rather than zod's "expected string, received undefined".
  const result = environmentSchema.safeParse(raw, {
    error: (issue) => (issue.input === undefined && issue.code !== 'custom' ? 'required' : undefined),
  });
  const problems = result.success ? [] : result.error.issues.map((i: z.core.$ZodIssue) => `${file}: ${fieldPath(i.path)}: ${issueMessage(i)}`);
  // The file name is the stack name; checked on the raw value too, so it is listed with any other problem.
  const expected = basename(file).replace(/\.ya?ml$/, '');
  const environment = (raw as { environment?: unknown } | null)?.environment;
  const environmentValid = !result.success ? !result.error.issues.some((i) => i.path[0] === 'environment') : true;
  if (typeof environment === 'string' && environmentValid && environment !== expected)
    problems.push(`${file}: environment: must equal the file name "${expected}" (got "${environment}")`);
  if (problems.length > 0 || !result.success) return { problems };
  return { config: result.data, problems: [] };
}

/**
 * Parses YAML text; a syntax error becomes one problem with its line number. Only the first is
 * reported: the parser's later errors are mostly that one seen again from each following line.
 */
export function parseEnvironmentYaml(text: string, file: string): { config?: EnvironmentConfig; problems: string[] } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const [first] = doc.errors;
    const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} further syntax errors after it)` : '';
    return {
      problems: [`${file}:${first.linePos ? first.linePos[0].line : '?'}: YAML syntax: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}${more}`],
    };
  }
  return validateEnvironment(doc.toJS(), file);
}

/** Loads every `*.yaml` in `dir` (sorted by name); throws ConfigError listing all problems at once. */
export function loadEnvironments(dir: string = DEFAULT_CONFIG_DIR): EnvironmentConfig[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    throw new ConfigError([`${dir}: cannot read the configuration directory`]);
  }
  const configs: EnvironmentConfig[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const rel = relative(process.cwd(), path);
    const shown = rel && !rel.startsWith('..') ? rel : path;
    const r = parseEnvironmentYaml(readFileSync(path, 'utf8'), shown);
    problems.push(...r.problems);
    if (r.config) configs.push(r.config);
  }
  const names = files.map((f) => f.replace(/\.ya?ml$/, ''));
  for (const env of REQUIRED_ENVIRONMENTS)
    if (!names.includes(env)) problems.push(`${join(dir, `${env}.yaml`)}: missing (environments ${REQUIRED_ENVIRONMENTS.join(' and ')} are required)`);
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}

/**
 * Reads what the checker needs from a rule file before compiling it: the package path and the
 * package-scoped METADATA block (title, description, custom.id / severity / audit) that the
 * contract puts before the `package` line. The compiler parses the same block; reading it here
 * lets the aggregator be generated, and a cached pack be used, without compiling.
 */
import { UserError } from '../cli/errors';
import { lazy, yamlLib, zodLib } from '../lazy-deps';

export type Severity = 'deny' | 'warn';

export interface RuleInfo {
  /** Stable kebab-case id from `custom.id`. */
  id: string;
  severity: Severity;
  title: string;
  description: string;
  /** Audit findings the rule answers (`custom.audit`). */
  audit: string[];
  resourceTypes: string[];
  /**
   * The conditions a rule tests separately (`custom.checks`: id → what it requires), each with a
   * stable id that findings carry as `<rule>/<check>` and a waiver may name alone.
   */
  checks: { id: string; description: string }[];
  /** Package path without `data.`: `rules.registry.no_admin_users`. */
  package: string;
  /** Source file. */
  file: string;
  /** 1-based line of `id:` in the METADATA block (for errors that point at the rule). */
  line: number;
}

// Built when a rule file is first read (a cached pack reads none): see src/lazy-deps.ts.
const metadataSchema = lazy(() => {
  const { z } = zodLib();
  return z.object({
    title: z.string().min(1),
    description: z.string().default(''),
    custom: z.object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
      severity: z.enum(['deny', 'warn']),
      audit: z.array(z.string()).default([]),
      resource_types: z.array(z.string()).default([]),
      checks: z.record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'check ids must be kebab-case'), z.string().min(1)).default({}),
    }),
  });
});

export function readRuleInfo(file: string, text: string): RuleInfo {
  const lines = text.split('\n');
  const pkgLine = lines.findIndex((l) => /^\s*package\s/.test(l));
  if (pkgLine < 0) throw new UserError(`${file}: no package declaration`);
  const pkg = lines[pkgLine].trim().replace(/^package\s+/, '').replace(/\s*#.*$/, '');
  const start = lines.slice(0, pkgLine).findIndex((l) => /^#\s*METADATA\s*$/.test(l.trim()));
  if (start < 0) throw new UserError(`${file}:${pkgLine + 1}: no METADATA block before the package line`);
  const yamlLines: string[] = [];
  for (let i = start + 1; i < pkgLine && lines[i].trim().startsWith('#'); i++) {
    yamlLines.push(lines[i].trim().replace(/^# ?/, ''));
  }
  let raw: unknown;
  try {
    raw = yamlLib().parse(yamlLines.join('\n'));
  } catch (err) {
    throw new UserError(`${file}:${start + 1}: METADATA is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = metadataSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}:${start + 1}: METADATA ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const m = parsed.data;
  const idOffset = yamlLines.findIndex((l) => /^\s*id\s*:/.test(l));
  return {
    id: m.custom.id,
    severity: m.custom.severity,
    title: m.title,
    description: m.description.trim(),
    audit: m.custom.audit,
    resourceTypes: m.custom.resource_types,
    checks: Object.entries(m.custom.checks).map(([id, description]) => ({ id, description: description.trim() })),
    package: pkg,
    file,
    line: start + 2 + Math.max(idOffset, 0),
  };
}

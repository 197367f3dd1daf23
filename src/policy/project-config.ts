/**
 * Project configuration: `apg.yaml` at the repository root (or the file named by `APG_CONFIG`),
 * read by `apg check`, `npm start` (`apg platform`) and the synth-time gate, so that a team's rule
 * packs apply everywhere the built-in pack does without repeating flags:
 *
 *   policies:
 *     packs: [team-policies]     # folders, relative to this file, compiled beside the built-in pack
 *     builtin: true              # false drops the built-in rules (their lib/ stays importable)
 *
 * Flags add to it: `--policies <dir>` adds a pack, `--no-builtin-policies` drops the built-in rules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../cli/errors';
import { lazy, yamlLib, zodLib } from '../lazy-deps';
import { REPO_ROOT } from './pack';

export const DEFAULT_PROJECT_CONFIG = join(REPO_ROOT, 'apg.yaml');

// Built when an apg.yaml is first read: see src/lazy-deps.ts.
const schema = lazy(() => {
  const { z } = zodLib();
  return z.object({
    policies: z.object({
      packs: z.array(z.string().min(1)).default([]),
      builtin: z.boolean().default(true),
    }).strict().default({ packs: [], builtin: true }),
  }).strict();
});

export interface ProjectConfig {
  /** Absolute folders of team packs. */
  packs: string[];
  builtin: boolean;
  /** The file read, if any. */
  file?: string;
}

/** The project configuration; none (built-in pack only) when the file does not exist. */
export function readProjectConfig(file = process.env.APG_CONFIG || DEFAULT_PROJECT_CONFIG): ProjectConfig {
  if (!existsSync(file)) {
    if (process.env.APG_CONFIG && file === process.env.APG_CONFIG) throw new UserError(`${file}: no such project configuration (APG_CONFIG)`);
    return { packs: [], builtin: true };
  }
  let doc: unknown;
  try {
    doc = yamlLib().parse(readFileSync(file, 'utf8')) ?? {};
  } catch (err) {
    throw new UserError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = schema().safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const base = dirname(file);
  return { packs: parsed.data.policies.packs.map((p) => resolve(base, p)), builtin: parsed.data.policies.builtin, file };
}

/**
 * Waivers: a YAML file (`--waivers <file>`, default `waivers.yaml` at the repo root when present)
 * listing accepted findings:
 *
 *   waivers:
 *     - rule: no-admin-users            # rule id, or one check of a rule: key-vault-hardening/purge-protection
 *       address: "module.legacy.*"      # resource/output address, picomatch glob (or exact)
 *       stack: dev                      # optional: only in this stack (glob)
 *       reason: "Legacy registry, removed in PLAT-123"
 *       expires: 2026-12-31             # last day the waiver applies (UTC)
 *
 * A finding matched by a valid waiver is reported as waived and does not fail the check. An
 * expired waiver, one without a reason, or one naming an unknown rule or check is itself a deny finding
 * of the pseudo-rule `waiver-invalid`, and waives nothing.
 */
import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import type { z } from 'zod';
import { UserError } from '../cli/errors';
import { lazy, yamlLib, zodLib } from '../lazy-deps';
import type { Finding } from './types';

export const WAIVER_INVALID = 'waiver-invalid';

// Built when a waivers file is first read (most checks have none): see src/lazy-deps.ts.
const schemas = lazy(() => {
  const { z } = zodLib();
  const date = z.union([
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
    // YAML 1.1 readers turn unquoted dates into Date objects.
    z.date().transform((d) => d.toISOString().slice(0, 10)),
  ]).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar date');
  const waiver = z.object({
    rule: z.string().min(1, 'rule id is required'),
    address: z.string().min(1, 'address (glob) is required'),
    stack: z.string().min(1).optional(),
    reason: z.string().optional(),
    expires: date,
  }).strict();
  const file = z.union([z.array(z.unknown()), z.object({ waivers: z.array(z.unknown()) }).strict()]);
  return { waiver, file };
});

export type Waiver = z.infer<ReturnType<typeof schemas>['waiver']> & { index: number; file: string };

export function parseWaivers(text: string, file: string): Waiver[] {
  let doc: unknown;
  try {
    doc = yamlLib().parse(text);
  } catch (err) {
    throw new UserError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  const { waiver: waiverSchema, file: fileSchema } = schemas();
  const top = fileSchema.safeParse(doc);
  if (!top.success) throw new UserError(`${file}: expected a list of waivers, or "waivers:" holding one`);
  const entries = Array.isArray(top.data) ? top.data : top.data.waivers;
  return entries.map((entry, i) => {
    const parsed = waiverSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const rule = typeof (entry as { rule?: unknown })?.rule === 'string' ? ` (rule ${(entry as { rule: string }).rule})` : '';
      const field = issue.path.length ? `${issue.path.join('.')}: ` : '';
      throw new UserError(`${file}: waiver ${i + 1}${rule}: ${field}${issue.message}`);
    }
    return { ...parsed.data, index: i + 1, file };
  });
}

export function readWaivers(file: string): Waiver[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: no such waivers file`);
  }
  return parseWaivers(text, file);
}

/** Today's date (UTC) as YYYY-MM-DD. */
export const today = (now: Date): string => now.toISOString().slice(0, 10);

/** Why a waiver cannot be used, or undefined when it is valid. `knownRules` holds rule ids and `<rule>/<check>` ids. */
export function waiverProblem(w: Waiver, knownRules: Set<string>, now: Date): string | undefined {
  if (!w.reason || w.reason.trim() === '') return 'has no reason: say why the finding is accepted';
  if (w.expires < today(now)) return `expired on ${w.expires}: fix the finding or renew the waiver with a new date`;
  if (!knownRules.has(w.rule)) {
    return w.rule.includes('/')
      ? `names check "${w.rule}", which is not a check of a rule in the policy pack (apg rules lists them): fix the id or remove the entry`
      : `names rule "${w.rule}", which is not in the policy pack: fix the id or remove the entry`;
  }
  return undefined;
}

const matcher = (glob: string): ((s: string) => boolean) => {
  // Addresses hold `[0]` / `["k"]`, which a glob reads as character classes: an exact match counts too.
  const isMatch = picomatch(glob, { dot: true });
  return (s) => s === glob || isMatch(s);
};

export interface WaiverResult {
  findings: Finding[];
  /** `waiver-invalid` findings, one per unusable waiver. */
  invalid: Finding[];
}

interface ValidWaiver {
  w: Waiver;
  /** Position in the file: the first waiver that matches a finding is the one reported. */
  order: number;
  address: (s: string) => boolean;
  stack?: (s: string) => boolean;
}

const covers = (v: ValidWaiver, f: Finding): boolean => v.address(f.address) && (!v.stack || v.stack(f.stack ?? ''));

/** Marks findings covered by a valid waiver and reports the unusable waivers. */
export function applyWaivers(findings: Finding[], waivers: Waiver[], knownRules: Set<string>, now: Date): WaiverResult {
  const invalid: Finding[] = [];
  // Valid waivers by the rule or `<rule>/<check>` id they name: a finding only tries those naming its own.
  const byId = new Map<string, ValidWaiver[]>();
  for (const [order, w] of waivers.entries()) {
    const problem = waiverProblem(w, knownRules, now);
    if (problem) {
      invalid.push({
        rule: WAIVER_INVALID,
        severity: 'deny',
        title: 'Waivers must have a reason, a future expiry and a known rule',
        address: w.address,
        message: `${w.file}: waiver ${w.index} (rule ${w.rule}, address ${w.address}) ${problem}`,
        waived: false,
        source: w.file,
      });
    } else {
      const v: ValidWaiver = { w, order, address: matcher(w.address), ...(w.stack ? { stack: matcher(w.stack) } : {}) };
      const list = byId.get(w.rule);
      if (list) list.push(v);
      else byId.set(w.rule, [v]);
    }
  }
  if (byId.size === 0) return { findings: findings.slice(), invalid };
  const out: Finding[] = new Array(findings.length);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    // A waiver names the whole rule, or one of its checks (then other checks stay reported); the
    // first in the file that covers the finding wins.
    let hit: ValidWaiver | undefined;
    for (const v of byId.get(f.rule) ?? []) {
      if (covers(v, f)) {
        hit = v;
        break;
      }
    }
    if (f.check !== undefined) {
      for (const v of byId.get(f.check) ?? []) {
        if (hit && v.order > hit.order) break;
        if (covers(v, f)) {
          hit = v;
          break;
        }
      }
    }
    out[i] = hit ? { ...f, waived: true, waiverReason: `${hit.w.reason} (until ${hit.w.expires})` } : f;
  }
  return { findings: out, invalid };
}

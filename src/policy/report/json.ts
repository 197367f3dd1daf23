/**
 * `--format json`: `{ "findings": [ { "rule", "check"? (`<rule>/<check>`), "severity", "title", "address", "message", "waived",
 * "waiverReason"?, "source", "stack"? } ], "summary": { "inputs", "resources", "rules", "deny",
 * "warn", "waived", "passed" }, "inputs": [...], "notes": [...] }`.
 */
import type { CheckReport } from '../types';
import { displayPath } from './location';

export function renderJson(report: CheckReport): string {
  const doc = {
    findings: report.findings.map((f) => ({ ...f, source: displayPath(f.source) })),
    summary: report.summary,
    inputs: report.inputs.map((i) => ({ ...i, source: displayPath(i.source) })),
    notes: report.notes,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

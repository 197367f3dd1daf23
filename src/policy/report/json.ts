/**
 * `--format json`: `{ "findings": [ { "rule", "check"? (`<rule>/<check>`), "severity", "title", "address", "message", "waived",
 * "waiverReason"?, "source", "stack"? } ], "summary": { "inputs", "resources", "rules", "deny",
 * "warn", "waived", "passed" }, "inputs": [...], "notes": [...], "modulesNotChecked": [...] }`; a finding
 * on CDKTF/HCL input also has "file" and "line" (where the resource is written).
 */
import type { CheckReport } from '../types';
import { displayPath } from './location';

export function renderJson(report: CheckReport): string {
  const doc = {
    findings: report.findings.map((f) => ({ ...f, source: displayPath(f.source), ...(f.file ? { file: displayPath(f.file) } : {}) })),
    summary: report.summary,
    inputs: report.inputs.map((i) => ({ ...i, source: displayPath(i.source) })),
    notes: report.notes,
    modulesNotChecked: report.modulesNotChecked.map((m) => ({ ...m, input: displayPath(m.input), ...(m.file ? { file: displayPath(m.file) } : {}) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

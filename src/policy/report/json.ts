/**
 * `--format json`: `{ "findings": [ { "rule", "check"? (`<rule>/<check>`), "severity", "title", "address", "message", "waived",
 * "waiverReason"?, "source", "stack"? } ], "summary": { "inputs", "resources", "rules", "deny",
 * "warn", "waived", "passed" }, "inputs": [...], "notes": [...], "modulesNotChecked": [...] }`; a finding
 * on CDKTF/HCL input also has "file" and "line" (where the resource is written).
 *
 * The text is `JSON.stringify(doc, null, 2)` plus a newline, produced as chunks (jsonChunks, through
 * ./chunks) so that a report of 100k findings (60 MB of text) is written as it is made, never
 * held whole as one string.
 */
import type { CheckReport, Finding, ModuleNotChecked } from '../types';
import { displayPath } from './location';
import { objectChunks, type Member } from './chunks';

/** Paths as reports show them, looked up once per distinct path of this report. */
function displayPaths(): (file: string) => string {
  const shown = new Map<string, string>();
  return (file) => {
    let s = shown.get(file);
    if (s === undefined) shown.set(file, (s = displayPath(file)));
    return s;
  };
}

/** The JSON report as chunks that concatenate to `renderJson(report)`. */
export function jsonChunks(report: CheckReport): Iterable<string> {
  const shown = displayPaths();
  // A finding whose paths show as they are (a plan named outside the working directory) is written as it is.
  const finding = (f: Finding): Finding => {
    const source = shown(f.source);
    const file = f.file ? shown(f.file) : undefined;
    return source === f.source && file === f.file ? f : { ...f, source, ...(f.file ? { file } : {}) };
  };
  const module = (m: ModuleNotChecked): ModuleNotChecked => ({ ...m, input: shown(m.input), ...(m.file ? { file: shown(m.file) } : {}) });
  return objectChunks([
    ['findings', report.findings, finding],
    ['summary', report.summary],
    ['inputs', report.inputs.map((i) => ({ ...i, source: shown(i.source) }))],
    ['notes', report.notes],
    ['modulesNotChecked', report.modulesNotChecked, module],
  ] as Member[]);
}

export function renderJson(report: CheckReport): string {
  return [...jsonChunks(report)].join('');
}

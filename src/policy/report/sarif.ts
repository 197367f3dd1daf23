/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning ingests. One run; the
 * driver lists every rule of the pack (plus `waiver-invalid` when used) with its METADATA; each
 * finding is a result with the resource address as a logical location and the input file (and
 * line, where found) as the physical location. Waived findings carry an external suppression.
 */
import type { RuleInfo } from '../metadata';
import type { CheckReport, Finding } from '../types';
import { WAIVER_INVALID } from '../waivers';
import { displayPath, findingFile, findingLine } from './location';
import { itemChunks } from './chunks';

const level = (severity: string): 'error' | 'warning' => (severity === 'deny' ? 'error' : 'warning');
const pascal = (id: string): string => id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' };
  properties?: Record<string, unknown>;
}

function sarifRule(r: RuleInfo): SarifRule {
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description || r.title },
    defaultConfiguration: { level: level(r.severity) },
    properties: { audit: r.audit, ...(r.resourceTypes.length ? { resourceTypes: r.resourceTypes } : {}) },
  };
}

const WAIVER_RULE: SarifRule = {
  id: WAIVER_INVALID,
  name: pascal(WAIVER_INVALID),
  shortDescription: { text: 'Waivers must have a reason, a future expiry and a known rule' },
  fullDescription: { text: 'An expired waiver, a waiver without a reason or one naming an unknown rule waives nothing and fails the check.' },
  defaultConfiguration: { level: 'error' },
};

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const line = findingLine(f);
  return {
    ruleId: f.rule,
    ruleIndex,
    level: level(f.severity),
    message: { text: `${f.address}: ${f.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: findingFile(f) },
          ...(line ? { region: { startLine: line } } : {}),
        },
        logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }],
      },
    ],
    ...(f.waived ? { suppressions: [{ kind: 'external', justification: f.waiverReason ?? 'waived' }] } : {}),
    // ruleId stays the rule (the reportingDescriptor with its help text and level, and what code
    // scanning tracks an alert by); the check within it is a result property.
    ...(f.stack || f.check ? { properties: { ...(f.stack ? { stack: f.stack } : {}), ...(f.check ? { check: f.check } : {}) } } : {}),
  };
}

/**
 * Notes as tool execution notifications (not results: they are no rule's finding); a module that
 * was not checked carries its module block as the location.
 */
function notifications(report: CheckReport): Record<string, unknown>[] {
  const placed = new Set(report.modulesNotChecked.map((m) => m.message));
  const modules = report.modulesNotChecked.map((m) => ({
    level: 'warning',
    descriptor: { id: 'module-not-checked' },
    message: { text: m.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: displayPath(m.file ?? m.input) }, ...(m.line ? { region: { startLine: m.line } } : {}) },
        logicalLocations: [{ fullyQualifiedName: m.address, kind: 'module' }],
      },
    ],
  }));
  const others = report.notes.filter((n) => ![...placed].some((msg) => n.endsWith(msg))).map((n) => ({ level: 'note', message: { text: n } }));
  return [...modules, ...others];
}

/** The log with `results` as given (every finding's result, or a placeholder for sarifChunks). */
function log(report: CheckReport, toolVersion: string, results: (rules: Map<string, number>) => unknown): Record<string, unknown> {
  const rules = report.rules.map(sarifRule);
  if (report.findings.some((f) => f.rule === WAIVER_INVALID)) rules.push(WAIVER_RULE);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'apg', version: toolVersion, rules } },
        results: results(index),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications(report) }],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function sarifLog(report: CheckReport, toolVersion = '0.1.0'): Record<string, unknown> {
  return log(report, toolVersion, (index) => report.findings.map((f) => result(f, index.get(f.rule) ?? -1)));
}

/** Stands for the results in the log's text until they are written; no string of a log is it. */
const RESULTS = '\u0000apg:sarif-results\u0000';

/**
 * `JSON.stringify(sarifLog(report), null, 2)` and a newline, as chunks: the results (runs[0].results,
 * items at nesting level 4) a batch at a time, so that 100k findings are neither one object tree of
 * results nor one string (at 100k: ~950 MB peak RSS when whole).
 */
export function* sarifChunks(report: CheckReport, toolVersion = '0.1.0'): Generator<string> {
  let index = new Map<string, number>();
  const text = JSON.stringify(log(report, toolVersion, (rules) => ((index = rules), RESULTS)), null, 2);
  const mark = JSON.stringify(RESULTS);
  const at = text.indexOf(mark);
  yield text.slice(0, at);
  if (report.findings.length === 0) {
    yield '[]';
  } else {
    yield '[\n';
    yield* itemChunks(report.findings, 4, (f) => result(f, index.get(f.rule) ?? -1));
    yield `\n${' '.repeat(6)}]`;
  }
  yield `${text.slice(at + mark.length)}\n`;
}

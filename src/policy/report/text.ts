/** Human-readable report for the terminal and the synth gate. */
import type { CheckReport, Finding } from '../types';
import { lineChunks } from './chunks';
import { displayPath, findingFile, findingLine } from './location';

const label = (f: Finding): string => (f.waived ? 'WAIVED' : f.severity === 'deny' ? 'DENY' : 'WARN');

/** The report's lines: findings grouped by input, notes, then the summary. */
function* textLines(report: CheckReport): Generator<string> {
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const group = groups.get(f.source);
    if (group) group.push(f);
    else groups.set(f.source, [f]);
  }
  for (const [source, findings] of groups) {
    const stack = findings[0].stack;
    yield `${stack ? `${stack} (${displayPath(source)})` : displayPath(source)}`;
    for (const f of findings) {
      const line = findingLine(f);
      yield `  ${label(f).padEnd(6)} ${f.check ?? f.rule}  ${f.address}${f.file && f.file !== f.source ? `  (${findingFile(f)}${line ? `:${line}` : ''})` : ''}`;
      yield `         ${f.message}`;
      if (f.waived && f.waiverReason) yield `         waived: ${f.waiverReason}`;
    }
  }
  for (const note of report.notes) yield `note: ${note}`;
  const s = report.summary;
  yield `check: ${s.inputs} input${s.inputs === 1 ? '' : 's'}, ${s.resources} resources, ${s.rules} rules: ` +
    `${s.deny} deny, ${s.warn} warn, ${s.waived} waived — ${s.passed ? 'passed' : 'FAILED'}`;
}

/** The report a batch of lines at a time (a 100k-finding report is ~40 MB of text). */
export const textChunks = (report: CheckReport): Iterable<string> => lineChunks(textLines(report));

export function renderText(report: CheckReport): string {
  return [...textChunks(report)].join('');
}

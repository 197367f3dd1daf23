/** Human-readable report for the terminal and the synth gate. */
import type { CheckReport, Finding } from '../types';
import { displayPath, findingFile, findingLine } from './location';

const label = (f: Finding): string => (f.waived ? 'WAIVED' : f.severity === 'deny' ? 'DENY' : 'WARN');

/** Lines per chunk: the text of a 100k-finding report is ~40 MB, written a batch of lines at a time. */
const LINES_PER_CHUNK = 500;

/** The report's lines in chunks (each ends with a newline), as renderText joins them. */
export function* textChunks(report: CheckReport): Generator<string> {
  let batch: string[] = [];
  const flush = (): string => {
    const text = `${batch.join('\n')}\n`;
    batch = [];
    return text;
  };
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const group = groups.get(f.source);
    if (group) group.push(f);
    else groups.set(f.source, [f]);
  }
  for (const [source, findings] of groups) {
    const stack = findings[0].stack;
    batch.push(`${stack ? `${stack} (${displayPath(source)})` : displayPath(source)}`);
    for (const f of findings) {
      const line = findingLine(f);
      batch.push(`  ${label(f).padEnd(6)} ${f.check ?? f.rule}  ${f.address}${f.file && f.file !== f.source ? `  (${findingFile(f)}${line ? `:${line}` : ''})` : ''}`);
      batch.push(`         ${f.message}`);
      if (f.waived && f.waiverReason) batch.push(`         waived: ${f.waiverReason}`);
      if (batch.length >= LINES_PER_CHUNK) yield flush();
    }
  }
  for (const note of report.notes) batch.push(`note: ${note}`);
  const s = report.summary;
  batch.push(
    `check: ${s.inputs} input${s.inputs === 1 ? '' : 's'}, ${s.resources} resources, ${s.rules} rules: ` +
      `${s.deny} deny, ${s.warn} warn, ${s.waived} waived — ${s.passed ? 'passed' : 'FAILED'}`,
  );
  yield flush();
}

export function renderText(report: CheckReport): string {
  return [...textChunks(report)].join('');
}

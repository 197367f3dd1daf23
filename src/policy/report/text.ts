/** Human-readable report for the terminal and the synth gate. */
import type { CheckReport, Finding } from '../types';
import { displayPath, findingFile, findingLine } from './location';

const label = (f: Finding): string => (f.waived ? 'WAIVED' : f.severity === 'deny' ? 'DENY' : 'WARN');

export function renderText(report: CheckReport): string {
  const out: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const group = groups.get(f.source);
    if (group) group.push(f);
    else groups.set(f.source, [f]);
  }
  for (const [source, findings] of groups) {
    const stack = findings[0].stack;
    out.push(`${stack ? `${stack} (${displayPath(source)})` : displayPath(source)}`);
    for (const f of findings) {
      const line = findingLine(f);
      out.push(`  ${label(f).padEnd(6)} ${f.check ?? f.rule}  ${f.address}${f.file && f.file !== f.source ? `  (${findingFile(f)}${line ? `:${line}` : ''})` : ''}`);
      out.push(`         ${f.message}`);
      if (f.waived && f.waiverReason) out.push(`         waived: ${f.waiverReason}`);
    }
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  const s = report.summary;
  out.push(
    `check: ${s.inputs} input${s.inputs === 1 ? '' : 's'}, ${s.resources} resources, ${s.rules} rules: ` +
      `${s.deny} deny, ${s.warn} warn, ${s.waived} waived — ${s.passed ? 'passed' : 'FAILED'}`,
  );
  return `${out.join('\n')}\n`;
}

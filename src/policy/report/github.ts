/**
 * `--format github`: workflow commands (`::error file=...,line=...,title=...::message` for deny,
 * `::warning` for warn findings; waived findings are not annotated) on stdout, and a markdown
 * job summary: appended to $GITHUB_STEP_SUMMARY when set, else printed after the annotations.
 */
import type { CheckReport, Finding } from '../types';
import { displayPath, findingFile, findingLine } from './location';

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions: data and property escaping.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function annotations(report: CheckReport): string[] {
  const findings = report.findings
    .filter((f) => !f.waived)
    .map((f) => {
      const line = findingLine(f);
      const props = [`file=${escapeProperty(findingFile(f))}`, ...(line ? [`line=${line}`] : []), `title=${escapeProperty(`${f.check ?? f.rule}: ${f.title}`)}`];
      return `::${f.severity === 'deny' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(`${f.address}: ${f.message}`)}`;
    });
  // A module whose code is not installed: a warning on its module block (nothing in it was checked).
  const modules = report.modulesNotChecked.map((m) => {
    const props = [`file=${escapeProperty(displayPath(m.file ?? m.input))}`, ...(m.line ? [`line=${m.line}`] : []), `title=${escapeProperty('module not checked')}`];
    return `::warning ${props.join(',')}::${escapeData(m.message)}`;
  });
  return [...findings, ...modules];
}

const status = (f: Finding): string => (f.waived ? '⚪ waived' : f.severity === 'deny' ? '🔴 deny' : '🟡 warn');

export function summaryMarkdown(report: CheckReport): string {
  const s = report.summary;
  const out = [
    `## Policy check: ${s.passed ? 'passed ✅' : 'failed ❌'}`,
    '',
    `${s.inputs} input(s), ${s.resources} resources, ${s.rules} rules — **${s.deny} deny**, ${s.warn} warn, ${s.waived} waived.`,
    '',
  ];
  if (report.findings.length) {
    out.push('| Status | Rule | Stack / input | Address | Message |', '| --- | --- | --- | --- | --- |');
    for (const f of report.findings) {
      const where = f.stack ?? displayPath(f.source);
      const message = f.waived && f.waiverReason ? `${f.message} (waived: ${f.waiverReason})` : f.message;
      out.push(`| ${status(f)} | \`${f.check ?? f.rule}\` | ${cell(where)} | \`${cell(f.address)}\` | ${cell(message)} |`);
    }
    out.push('');
  }
  for (const note of report.notes) out.push(`> ${cell(note)}`, '');
  return out.join('\n');
}

/** Returns what goes to stdout; appends the summary to `summaryFile` when one is given. */
export function renderGithub(report: CheckReport, summaryFile: string | undefined, append: (file: string, text: string) => void): string {
  const lines = annotations(report);
  const summary = summaryMarkdown(report);
  if (summaryFile) {
    append(summaryFile, `${summary}\n`);
    return lines.length ? `${lines.join('\n')}\n` : '';
  }
  return `${[...lines, '', summary].join('\n')}\n`;
}

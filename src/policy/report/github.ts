/**
 * `--format github`: workflow commands (`::error file=...,line=...,title=...::message` for deny,
 * `::warning` for warn findings; waived findings are not annotated) on stdout, and a markdown
 * job summary: appended to $GITHUB_STEP_SUMMARY when set, else printed after the annotations.
 */
import type { CheckReport, Finding, ModuleNotChecked } from '../types';
import { lineChunks } from './chunks';
import { displayPath, findingFile, findingLine } from './location';

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions: data and property escaping.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function annotation(f: Finding): string {
  const line = findingLine(f);
  const props = [`file=${escapeProperty(findingFile(f))}`, ...(line ? [`line=${line}`] : []), `title=${escapeProperty(`${f.check ?? f.rule}: ${f.title}`)}`];
  return `::${f.severity === 'deny' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(`${f.address}: ${f.message}`)}`;
}

/** A module whose code is not installed: a warning on its module block (nothing in it was checked). */
function moduleAnnotation(m: ModuleNotChecked): string {
  const props = [`file=${escapeProperty(displayPath(m.file ?? m.input))}`, ...(m.line ? [`line=${m.line}`] : []), `title=${escapeProperty('module not checked')}`];
  return `::warning ${props.join(',')}::${escapeData(m.message)}`;
}

/** The workflow commands, a line each: unwaived findings, then modules not checked. */
function* annotationLines(report: CheckReport): Generator<string> {
  for (const f of report.findings) if (!f.waived) yield annotation(f);
  for (const m of report.modulesNotChecked) yield moduleAnnotation(m);
}

export function annotations(report: CheckReport): string[] {
  return [...annotationLines(report)];
}

const status = (f: Finding): string => (f.waived ? '⚪ waived' : f.severity === 'deny' ? '🔴 deny' : '🟡 warn');

/** The summary's lines (joined by newlines it is summaryMarkdown). */
function* summaryLines(report: CheckReport): Generator<string> {
  const s = report.summary;
  yield `## Policy check: ${s.passed ? 'passed ✅' : 'failed ❌'}`;
  yield '';
  yield `${s.inputs} input(s), ${s.resources} resources, ${s.rules} rules — **${s.deny} deny**, ${s.warn} warn, ${s.waived} waived.`;
  yield '';
  if (report.findings.length) {
    yield '| Status | Rule | Stack / input | Address | Message |';
    yield '| --- | --- | --- | --- | --- |';
    for (const f of report.findings) {
      const where = f.stack ?? displayPath(f.source);
      const message = f.waived && f.waiverReason ? `${f.message} (waived: ${f.waiverReason})` : f.message;
      yield `| ${status(f)} | \`${f.check ?? f.rule}\` | ${cell(where)} | \`${cell(f.address)}\` | ${cell(message)} |`;
    }
    yield '';
  }
  for (const note of report.notes) {
    yield `> ${cell(note)}`;
    yield '';
  }
}

export function summaryMarkdown(report: CheckReport): string {
  return [...summaryLines(report)].join('\n');
}

/**
 * What goes to stdout, in chunks: the annotations, then (without `summaryFile`) an empty line and
 * the summary. With `summaryFile` the summary is appended to it instead, a chunk per call.
 */
export function* githubChunks(report: CheckReport, summaryFile: string | undefined, append: (file: string, text: string) => void): Generator<string> {
  yield* lineChunks(annotationLines(report));
  if (summaryFile) {
    for (const text of lineChunks(summaryLines(report))) append(summaryFile, text);
    return;
  }
  yield '\n';
  yield* lineChunks(summaryLines(report));
}

/** Returns what goes to stdout; appends the summary to `summaryFile` when one is given. */
export function renderGithub(report: CheckReport, summaryFile: string | undefined, append: (file: string, text: string) => void): string {
  return [...githubChunks(report, summaryFile, append)].join('');
}

/**
 * `--format junit`: JUnit XML for CI test reporters. One testsuite per input, one testcase per
 * rule: a `<failure>` lists the unwaived deny findings; warnings and waived findings go to
 * `<system-out>`; each names the file and line where the resource is written, when known. A module
 * whose code is not installed is a skipped test case. Invalid waivers form their own testsuite.
 */
import type { CheckReport, Finding, ModuleNotChecked } from '../types';
import { WAIVER_INVALID } from '../waivers';
import { displayPath, findingFile, findingLine } from './location';

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const where = (f: Finding): string => {
  if (!f.file || f.file === f.source) return ''; // the input file itself: its name heads the suite
  const n = findingLine(f);
  return ` (${findingFile(f)}${n ? `:${n}` : ''})`;
};

const line = (f: Finding): string => `${f.address}${f.check ? ` [${f.check}]` : ''}${where(f)}: ${f.message}${f.waived ? ` [waived: ${f.waiverReason ?? ''}]` : ''}`;

/** A module whose code is not installed: a skipped test case (its resources were not checked). */
function skippedModule(classname: string, m: ModuleNotChecked): string {
  const at = m.file ? ` (${displayPath(m.file)}${m.line ? `:${m.line}` : ''})` : '';
  return [
    `    <testcase classname="${xml(classname)}" name="${xml(m.address)}">`,
    `      <skipped message="${xml(`${m.message}${at}`)}"/>`,
    '    </testcase>',
  ].join('\n');
}

function testcase(classname: string, name: string, findings: Finding[]): string {
  const failing = findings.filter((f) => f.severity === 'deny' && !f.waived);
  const other = findings.filter((f) => !(f.severity === 'deny' && !f.waived));
  const parts = [`    <testcase classname="${xml(classname)}" name="${xml(name)}">`];
  if (failing.length) {
    parts.push(`      <failure message="${xml(`${failing.length} finding${failing.length === 1 ? '' : 's'}`)}" type="deny">${xml(failing.map(line).join('\n'))}</failure>`);
  }
  if (other.length) parts.push(`      <system-out>${xml(other.map((f) => `${f.severity.toUpperCase()} ${line(f)}`).join('\n'))}</system-out>`);
  parts.push('    </testcase>');
  return parts.join('\n');
}

export function renderJunit(report: CheckReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  const suite = (name: string, cases: { name: string; findings: Finding[] }[], skipped: ModuleNotChecked[] = []): void => {
    const failed = cases.filter((c) => c.findings.some((f) => f.severity === 'deny' && !f.waived)).length;
    tests += cases.length + skipped.length;
    failures += failed;
    suites.push(
      [
        `  <testsuite name="${xml(name)}" tests="${cases.length + skipped.length}" failures="${failed}" errors="0" skipped="${skipped.length}">`,
        ...cases.map((c) => testcase(name, c.name, c.findings)),
        ...skipped.map((m) => skippedModule(name, m)),
        '  </testsuite>',
      ].join('\n'),
    );
  };
  // One pass over the findings, not one per input and rule.
  const byInputAndRule = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = `${f.source}\0${f.rule}`;
    const list = byInputAndRule.get(key);
    if (list) list.push(f);
    else byInputAndRule.set(key, [f]);
  }
  for (const input of report.inputs) {
    const name = input.stack ? `${input.stack} (${displayPath(input.source)})` : displayPath(input.source);
    suite(
      name,
      report.rules.map((r) => ({ name: r.id, findings: byInputAndRule.get(`${input.source}\0${r.id}`) ?? [] })),
      report.modulesNotChecked.filter((m) => m.input === input.source),
    );
  }
  const invalid = report.findings.filter((f) => f.rule === WAIVER_INVALID);
  if (invalid.length) suite('waivers', invalid.map((f) => ({ name: `${WAIVER_INVALID}: ${f.address}`, findings: [f] })));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="apg check" tests="${tests}" failures="${failures}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * `--format junit`: JUnit XML for CI test reporters. One testsuite per input, one testcase per
 * rule: a `<failure>` lists the unwaived deny findings; warnings and waived findings go to
 * `<system-out>`; each names the file and line where the resource is written, when known. A module
 * whose code is not installed is a skipped test case. Invalid waivers form their own testsuite.
 */
import type { CheckReport, Finding, ModuleNotChecked } from '../types';
import { WAIVER_INVALID } from '../waivers';
import { LINES_PER_CHUNK } from './chunks';
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

/**
 * `items` formatted by `format`, one per line, escaped for XML: LINES_PER_CHUNK lines at a time
 * (a rule with 50,000 findings on a large plan is one `<failure>` of them). Escaping is character
 * by character, so the batches join to the escape of the whole text.
 */
function* escapedLines(items: Finding[], format: (f: Finding) => string): Generator<string> {
  for (let i = 0; i < items.length; i += LINES_PER_CHUNK) {
    const text = items.slice(i, i + LINES_PER_CHUNK).map(format).join('\n');
    yield xml(i ? `\n${text}` : text);
  }
}

const isFailing = (f: Finding): boolean => f.severity === 'deny' && !f.waived;

function* testcase(classname: string, name: string, findings: Finding[]): Generator<string> {
  const failing = findings.filter(isFailing);
  const other = findings.filter((f) => !isFailing(f));
  yield `    <testcase classname="${xml(classname)}" name="${xml(name)}">`;
  if (failing.length) {
    yield `\n      <failure message="${xml(`${failing.length} finding${failing.length === 1 ? '' : 's'}`)}" type="deny">`;
    yield* escapedLines(failing, line);
    yield '</failure>';
  }
  if (other.length) {
    yield '\n      <system-out>';
    yield* escapedLines(other, (f) => `${f.severity.toUpperCase()} ${line(f)}`);
    yield '</system-out>';
  }
  yield '\n    </testcase>';
}

interface Suite {
  name: string;
  cases: { name: string; findings: Finding[] }[];
  skipped: ModuleNotChecked[];
  failed: number;
}

function* suiteChunks(s: Suite): Generator<string> {
  const tests = s.cases.length + s.skipped.length;
  yield `  <testsuite name="${xml(s.name)}" tests="${tests}" failures="${s.failed}" errors="0" skipped="${s.skipped.length}">`;
  for (const c of s.cases) {
    yield '\n';
    yield* testcase(s.name, c.name, c.findings);
  }
  for (const m of s.skipped) yield `\n${skippedModule(s.name, m)}`;
  yield '\n  </testsuite>';
}

/**
 * The JUnit report as chunks that join to renderJunit's text: the totals are counted first, then
 * each suite is written a test case at a time and a failure's findings a batch at a time, so a
 * report of 100k findings is never one string.
 */
export function junitChunks(report: CheckReport): Iterable<string> {
  // One pass over the findings, not one per input and rule.
  const byInputAndRule = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = `${f.source}\0${f.rule}`;
    const list = byInputAndRule.get(key);
    if (list) list.push(f);
    else byInputAndRule.set(key, [f]);
  }
  const suites: Suite[] = [];
  const suite = (name: string, cases: Suite['cases'], skipped: ModuleNotChecked[] = []): void => {
    suites.push({ name, cases, skipped, failed: cases.filter((c) => c.findings.some(isFailing)).length });
  };
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
  const tests = suites.reduce((n, s) => n + s.cases.length + s.skipped.length, 0);
  const failures = suites.reduce((n, s) => n + s.failed, 0);
  return (function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="apg check" tests="${tests}" failures="${failures}">\n`;
    for (const s of suites) {
      yield* suiteChunks(s);
      yield '\n';
    }
    yield '</testsuites>\n';
  })();
}

export function renderJunit(report: CheckReport): string {
  return [...junitChunks(report)].join('');
}

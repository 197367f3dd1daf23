/**
 * The JSON report is written in chunks (a 100k-resource plan gives ~60 MB of it): the chunks must
 * join to exactly the text the whole document gives, `JSON.stringify(doc, null, 2)` and a newline.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodedParts, writeChunksToFile, writeChunksToStdout } from '../../src/cli/write';
import { renderReport, reportChunks } from '../../src/policy/report';
import { jsonChunks } from '../../src/policy/report/json';
import { sarifChunks, sarifLog } from '../../src/policy/report/sarif';
import { githubChunks } from '../../src/policy/report/github';
import { textChunks } from '../../src/policy/report/text';
import { WAIVER_INVALID } from '../../src/policy/waivers';
import { displayPath } from '../../src/policy/report/location';
import type { CheckReport, Finding, ModuleNotChecked } from '../../src/policy/types';

const INSIDE = join(process.cwd(), 'stacks', 'dev', 'cdk.tf.json'); // shown relative to the working directory
const OUTSIDE = '/elsewhere/plan.json'; // shown as it is

function finding(i: number): Finding {
  const f: Finding = {
    rule: `rule-${i % 7}`,
    ...(i % 3 === 0 ? { check: `rule-${i % 7}/c${i % 2}` } : {}),
    severity: i % 5 === 0 ? 'warn' : 'deny',
    title: 'A "quoted" title',
    address: `module.app["svc${i}"].azurerm_container_app.app`,
    message: i % 11 === 0 ? `line one\nline two\t— ünïcödé \u2028 ${i}` : `message ${i}`,
    waived: false,
    source: i % 2 ? INSIDE : OUTSIDE,
    ...(i % 4 === 0 ? { stack: 'dev' } : {}),
    ...(i % 6 === 0 ? { file: INSIDE, line: i } : {}),
  };
  return i % 9 === 0 ? { ...f, waived: true, waiverReason: `legacy (until 2099-01-01)` } : f;
}

const unloaded: ModuleNotChecked = {
  input: INSIDE, stack: 'dev', address: 'module.acr', moduleSource: 'Azure/avm-res/azurerm', version: '0.5.1',
  file: join(process.cwd(), 'main.tf'), line: 3, message: 'module source Azure/avm-res/azurerm 0.5.1 is not installed',
};

function report(findings: number, notes: string[], modules: ModuleNotChecked[]): CheckReport {
  const all = Array.from({ length: findings }, (_, i) => finding(i));
  const deny = all.filter((f) => f.severity === 'deny' && !f.waived).length;
  return {
    findings: all,
    summary: { inputs: 2, resources: 10, rules: 7, deny, warn: 0, waived: 0, passed: deny === 0 },
    inputs: [{ source: INSIDE, format: 'cdktf', stack: 'dev', resources: 4 }, { source: OUTSIDE, format: 'plan', resources: 6 }],
    rules: [],
    notes,
    modulesNotChecked: modules,
  };
}

/** What the JSON report was before it was streamed: the whole document stringified at once. */
function whole(r: CheckReport): string {
  const doc = {
    findings: r.findings.map((f) => ({ ...f, source: displayPath(f.source), ...(f.file ? { file: displayPath(f.file) } : {}) })),
    summary: r.summary,
    inputs: r.inputs.map((i) => ({ ...i, source: displayPath(i.source) })),
    notes: r.notes,
    modulesNotChecked: r.modulesNotChecked.map((m) => ({ ...m, input: displayPath(m.input), ...(m.file ? { file: displayPath(m.file) } : {}) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

describe('json report chunks', () => {
  const cases: [string, CheckReport][] = [
    ['no findings, no notes, no modules', report(0, [], [])],
    ['no findings, notes and modules', report(0, ['a note', 'a "second" note'], [unloaded])],
    ['one finding', report(1, [], [])],
    ['one finding, notes and modules', report(1, ['n'], [unloaded, { ...unloaded, address: 'module.b', file: undefined, line: undefined, version: undefined }])],
    ['a batch exactly (2000)', report(2000, [], [unloaded])],
    ['many findings across batches', report(4001, ['n1', 'n2'], [])],
  ];

  it.each(cases)('joins to JSON.stringify(doc, null, 2) + newline: %s', (_, r) => {
    const chunks = [...jsonChunks(r)];
    expect(chunks.join('')).toBe(whole(r));
    expect(renderReport(r, 'json')).toBe(whole(r));
    // The test can fail: the text really is the indented document, and empty arrays are `[]`.
    expect(JSON.parse(chunks.join(''))).toEqual(JSON.parse(whole(r)));
  });

  it('prints empty arrays as [] and paths as reports show them', () => {
    const text = renderReport(report(0, [], []), 'json');
    expect(text).toContain('  "findings": [],\n');
    expect(text).toContain('  "notes": [],\n  "modulesNotChecked": []\n}\n');
    expect(renderReport(report(2, [], []), 'json')).toContain('"source": "stacks/dev/cdk.tf.json"');
  });

  it('never holds the findings as one piece: no chunk is more than a batch of them', () => {
    const r = report(10000, [], []);
    const chunks = [...jsonChunks(r)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(whole(r).length / 4);
  });
});

describe('json report text of awkward findings', () => {
  // Strings JSON.stringify must escape: quotes, backslashes, every control character, lone surrogates
  // (written as \ud800 by well-formed JSON.stringify), and characters it leaves as they are.
  const controls = Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('') + '\u007f';
  const awkward = ['"quoted" \\ back\\slash \\"', controls, 'lone \ud800 high, lone \udfff low, reversed \udc00\ud800, pair \ud83d\ude00',
    'ünïcödé — 日本語 \u2028\u2029 \ufeff', '', '}, {"rule": "x"}, [', '\\u0041 is not A'];

  /** Findings whose members, optional members and key order vary; some hold what the type does not allow. */
  function awkwardFinding(i: number): Finding {
    const text = awkward[i % awkward.length];
    const f: Record<string, unknown> = {
      rule: `rule-${i % 5}`,
      ...(i % 2 ? { check: `rule-${i % 5}/${text}` } : {}),
      severity: i % 3 ? 'deny' : 'warn',
      title: text,
      address: `module.m["${text}"].azurerm_x.y`,
      message: `${text} ${i}`,
      waived: i % 4 === 0,
      ...(i % 4 === 0 ? { waiverReason: text } : {}),
      source: i % 5 ? INSIDE : OUTSIDE,
      ...(i % 7 === 0 ? { stack: text } : {}),
      ...(i % 3 === 0 ? { file: i % 2 ? INSIDE : `/tmp/${text}.tf`, line: [0, 1, 4294967296, 1.5, -0][i % 5] } : {}),
    };
    // A waiver appends its reason after the other members (key order is the object's own).
    if (i % 8 === 4) Object.assign(f, { waived: true, waiverReason: text });
    // Not allowed by the type, but JSON.stringify has an answer for each: members left out, null, nested text.
    if (i % 50 === 17) Object.assign(f, { check: undefined, line: Number.NaN });
    if (i % 50 === 29) Object.assign(f, { stack: null, extra: { nested: [text, 1, true, null, {}], empty: [] } });
    if (i % 50 === 41) Object.assign(f, { toJSON: () => ({ replaced: text }) });
    return f as unknown as Finding;
  }

  // Counts on each side of the boundaries between stringified pieces and between chunks.
  it.each([1, 2, 99, 100, 101, 250, 1999, 2000, 2001, 2101, 4150])('joins to JSON.stringify(doc, null, 2) + newline: %i findings', (n) => {
    const r = report(0, [awkward[0]], []);
    r.findings = Array.from({ length: n }, (_, i) => awkwardFinding(i));
    const chunks = [...jsonChunks(r)];
    expect(chunks.join('')).toBe(whole(r));
    expect(renderReport(r, 'json')).toBe(whole(r));
  });

  it('really holds the awkward text (the comparison above can fail)', () => {
    const r = report(0, [], []);
    r.findings = Array.from({ length: 120 }, (_, i) => awkwardFinding(i));
    const text = [...jsonChunks(r)].join('');
    for (const escaped of ['\\"quoted\\"', '\\u0000', '\\u001f', '\\n', '\\ud800', '\\udfff', '"line": null', '"replaced": ', '"nested": [\n', '"empty": []', '          {}\n']) {
      expect(text).toContain(escaped);
    }
    expect(text).toContain('\ud83d\ude00'); // a pair is written as it is
    expect(text).not.toContain('"check": undefined');
    expect(() => JSON.parse(text)).not.toThrow();
  });
});

describe('writing chunks', () => {
  const r = report(4000, ['n'], [unloaded]);

  it('writes the same bytes to a file as the whole text', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apg-chunks-')), 'report.json');
    writeChunksToFile(file, reportChunks(r, 'json'));
    expect(readFileSync(file, 'utf8')).toBe(whole(r));
    writeChunksToFile(file, ['']); // truncated, as writeFileSync does
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('writes stdout in parts of at most 3 MB that join to the whole text', async () => {
    const big = report(12000, ['n'], [unloaded]);
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (writes.push(String(c)), true));
    try {
      await writeChunksToStdout(reportChunks(big, 'json'));
    } finally {
      spy.mockRestore();
    }
    expect(writes.join('')).toBe(whole(big));
    expect(writes.length).toBeGreaterThan(1);
    expect(Math.max(...writes.map((w) => Buffer.byteLength(w)))).toBeLessThanOrEqual(3 << 20);
  });
});

describe('encoding chunks into one reused buffer', () => {
  // Two-, three- and four-byte characters, and chunks of every size up to one too large for the buffer.
  const chunks = ['é', 'x'.repeat(1 << 20), '日本'.repeat(300_000), '😀', 'y'.repeat(1_100_000), 'z'];
  const expected = Buffer.from(chunks.join(''));

  it('gives parts that join to the UTF-8 of the whole text, each read before the next is made', () => {
    const parts = [...encodedParts(chunks)];
    // Copied only now: parts share one buffer, so all but the last show what was written after them.
    expect(Buffer.concat(parts).equals(expected)).toBe(false);
    const copied: Buffer[] = [];
    for (const part of encodedParts(chunks)) copied.push(Buffer.from(part));
    expect(Buffer.concat(copied).equals(expected)).toBe(true);
    expect(copied.length).toBeGreaterThan(2);
  });

  it('leaves a part the writer still holds untouched', () => {
    const handoff = { held: false };
    const held: Buffer[] = [];
    for (const part of encodedParts(chunks, handoff)) {
      held.push(part);
      handoff.held = true;
    }
    expect(Buffer.concat(held).equals(expected)).toBe(true);
  });
});

describe('sarif report chunks', () => {
  // The SARIF log's results (runs[0].results, items at nesting level 4) are written a batch at a
  // time; the chunks must join to the whole log stringified at once, as before.
  const rules: CheckReport['rules'] = Array.from({ length: 7 }, (_, i) => ({
    id: `rule-${i}`, title: `Rule ${i}`, description: i % 2 ? `About "rule" ${i}` : '', severity: i % 3 ? 'deny' : 'warn',
    file: `policies/r${i}.rego`, package: `rules.r${i}`, audit: 'pre-deploy', resourceTypes: i % 2 ? ['azurerm_x'] : [], checks: [],
  }) as unknown as CheckReport['rules'][number]);
  const whole = (r: CheckReport): string => `${JSON.stringify(sarifLog(r), null, 2)}\n`;

  it.each([0, 1, 99, 100, 101, 250, 2001])('joins to JSON.stringify(sarifLog(report), null, 2) + newline: %i findings', (n) => {
    const r = { ...report(n, ['a note', 'module source Azure/avm-res/azurerm 0.5.1 is not installed'], [unloaded]), rules };
    // Findings of the waiver rule too: the driver then lists waiver-invalid, and results index it.
    if (n > 3) r.findings[3] = { ...r.findings[3], rule: WAIVER_INVALID };
    const chunks = [...sarifChunks(r)];
    expect(chunks.join('')).toBe(whole(r));
    expect(renderReport(r, 'sarif')).toBe(whole(r));
    if (n > 0) expect(JSON.parse(chunks.join('')).runs[0].results).toHaveLength(n);
  });

  it('never holds the results as one piece', () => {
    const r = { ...report(5000, [], []), rules };
    const chunks = [...sarifChunks(r)];
    expect(chunks.length).toBeGreaterThan(50);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(whole(r).length / 20);
  });
});

describe('text and github reports come a batch of lines at a time', () => {
  it.each(['text', 'github'] as const)('%s: many chunks, none a large part of the whole, joined as renderReport', (format) => {
    const r = report(5000, ['a note'], [unloaded]);
    const appended: string[] = [];
    const chunks = [...(format === 'text' ? textChunks(r) : githubChunks(r, undefined, () => undefined))];
    expect(chunks.length).toBeGreaterThan(10);
    const whole = renderReport(r, format, {});
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(whole.length / 5);
    expect(chunks.join('')).toBe(whole);
    // With a step summary file, the summary goes there in chunks and the annotations to stdout.
    if (format === 'github') {
      const out = [...githubChunks(r, 'summary.md', (_file, text) => appended.push(text))].join('');
      expect(appended.length).toBeGreaterThan(10);
      expect(out + '\n' + appended.join('')).toBe(renderReport(r, 'github', {}));
    }
  });
});

describe('junit report chunks', () => {
  // What the JUnit report was before it was streamed: each suite, test case and failure made whole.
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  const failing = (f: Finding) => f.severity === 'deny' && !f.waived;
  function whole(r: CheckReport): string {
    const at = (f: Finding) => (!f.file || f.file === f.source ? '' : ` (${displayPath(f.file)}${f.line ? `:${f.line}` : ''})`);
    const text = (f: Finding) => `${f.address}${f.check ? ` [${f.check}]` : ''}${at(f)}: ${f.message}${f.waived ? ` [waived: ${f.waiverReason ?? ''}]` : ''}`;
    let tests = 0;
    let failures = 0;
    const suites: string[] = [];
    const suite = (name: string, cases: { name: string; findings: Finding[] }[], skipped: ModuleNotChecked[]) => {
      const failed = cases.filter((c) => c.findings.some(failing)).length;
      tests += cases.length + skipped.length;
      failures += failed;
      suites.push([
        `  <testsuite name="${esc(name)}" tests="${cases.length + skipped.length}" failures="${failed}" errors="0" skipped="${skipped.length}">`,
        ...cases.map((c) => {
          const bad = c.findings.filter(failing);
          const other = c.findings.filter((f) => !failing(f));
          return [
            `    <testcase classname="${esc(name)}" name="${esc(c.name)}">`,
            ...(bad.length ? [`      <failure message="${bad.length} finding${bad.length === 1 ? '' : 's'}" type="deny">${esc(bad.map(text).join('\n'))}</failure>`] : []),
            ...(other.length ? [`      <system-out>${esc(other.map((f) => `${f.severity.toUpperCase()} ${text(f)}`).join('\n'))}</system-out>`] : []),
            '    </testcase>',
          ].join('\n');
        }),
        ...skipped.map((m) => `    <testcase classname="${esc(name)}" name="${esc(m.address)}">\n      <skipped message="${esc(`${m.message} (${displayPath(m.file!)}:${m.line})`)}"/>\n    </testcase>`),
        '  </testsuite>',
      ].join('\n'));
    };
    for (const input of r.inputs) {
      const name = input.stack ? `${input.stack} (${displayPath(input.source)})` : displayPath(input.source);
      suite(name, r.rules.map((rule) => ({ name: rule.id, findings: r.findings.filter((f) => f.source === input.source && f.rule === rule.id) })), r.modulesNotChecked.filter((m) => m.input === input.source));
    }
    const invalid = r.findings.filter((f) => f.rule === WAIVER_INVALID);
    if (invalid.length) suite('waivers', invalid.map((f) => ({ name: `${WAIVER_INVALID}: ${f.address}`, findings: [f] })), []);
    return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="apg check" tests="${tests}" failures="${failures}">`, ...suites, '</testsuites>', ''].join('\n');
  }
  const withRules = (r: CheckReport): CheckReport => ({
    ...r,
    rules: Array.from({ length: 7 }, (_, i) => ({ id: `rule-${i}` }) as CheckReport['rules'][number]),
    findings: [...r.findings, { ...finding(1), rule: WAIVER_INVALID, address: 'x.*', message: 'waiver 2 has no reason <&>' }],
  });

  it.each([0, 1, 499, 500, 501, 2001, 7000])('joins to the whole report: %i findings', (n) => {
    const r = withRules(report(n, [], [unloaded]));
    const chunks = [...reportChunks(r, 'junit')];
    const text = whole(r);
    expect(text).toContain(n > 100 ? '</failure>' : '</testsuites>');
    expect(chunks.join('')).toBe(text);
    expect(renderReport(r, 'junit')).toBe(text);
    // A rule's failure holds ~1/7 of the findings; written in batches, no chunk is a large part of the whole.
    if (n >= 7000) expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(text.length / 10);
  });
});

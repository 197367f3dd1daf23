/**
 * `--format json`: `{ "findings": [ { "rule", "check"? (`<rule>/<check>`), "severity", "title", "address", "message", "waived",
 * "waiverReason"?, "source", "stack"? } ], "summary": { "inputs", "resources", "rules", "deny",
 * "warn", "waived", "passed" }, "inputs": [...], "notes": [...], "modulesNotChecked": [...] }`; a finding
 * on CDKTF/HCL input also has "file" and "line" (where the resource is written).
 *
 * The text is `JSON.stringify(doc, null, 2)` plus a newline, produced as chunks (jsonChunks) so that a
 * report of 100k findings (60 MB of text) is written as it is made, never held whole as one string.
 */
import type { CheckReport, Finding, ModuleNotChecked } from '../types';
import { displayPath } from './location';

/**
 * Array elements per chunk (one JSON.stringify call): ~45 KB of findings text. Stringifying is cheap
 * (~9 ms for 13.5k findings, indented or not); the memory the text lands in is not. A string over
 * 128 KB goes to V8's large-object space, on fresh pages the kernel faults in one by one (~2.5 ns a
 * byte on our 2-core VMs), where smaller ones go to the young generation, whose pages are reused; the
 * writer (src/cli/write.ts) encodes the chunks into one reused buffer, so no large string is made.
 */
const PIECE = 100;

type Member = [key: string, value: unknown, map?: (item: never) => unknown];

/**
 * `JSON.stringify([[a, b, …]], null, 2)` is `[\n  [\n` + the items at depth 2 (indented as members of an
 * array that is a member of the top-level object) joined by `,\n` + `\n  ]\n]`: cutting those six
 * characters off each end gives exactly the text those items have inside the whole document.
 */
const itemsAtDepth2 = (items: unknown[]): string => JSON.stringify([items], null, 2).slice(6, -6);

/** `JSON.stringify([v], null, 2)` is `[\n  ` + v at depth 1 + `\n]`. */
const valueAtDepth1 = (value: unknown): string => JSON.stringify([value], null, 2).slice(4, -2);

/** A top-level object's members as JSON.stringify(…, null, 2) writes them, array members `PIECE` items at a time. */
function* objectChunks(members: Member[]): Generator<string> {
  let written = 0;
  for (const [key, value, mapItem] of members) {
    const map = mapItem as ((item: unknown) => unknown) | undefined;
    // As JSON.stringify: members whose value has no JSON form are left out.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const head = `${written++ ? ',' : '{'}\n  ${JSON.stringify(key)}: `;
    if (!Array.isArray(value) || value.length === 0) {
      yield head + valueAtDepth1(map && Array.isArray(value) ? value.map(map) : value);
      continue;
    }
    yield `${head}[\n`;
    for (let i = 0; i < value.length; i += PIECE) {
      const piece = value.slice(i, i + PIECE);
      // Items joined by `,\n`, as itemsAtDepth2 joins them within a piece; the separator is a chunk of
      // its own, as a concatenation would have to be copied into one flat string to be encoded.
      if (i) yield ',\n';
      yield itemsAtDepth2(map ? piece.map(map) : piece);
    }
    yield '\n  ]';
  }
  yield written ? '\n}\n' : '{}\n';
}

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

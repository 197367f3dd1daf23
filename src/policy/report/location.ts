/**
 * Where a finding points in its input file: the path relative to the working directory (what
 * SARIF and GitHub annotations want) and, where it can be found cheaply, the line that declares the
 * resource or output, so that annotations land on it in a pull request.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Finding } from '../types';

const displayed = new Map<string, string>();

/** Reports show one path per finding, and findings share a handful of files: each is computed once. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const key = `${cwd}\0${file}`;
  let shown = displayed.get(key);
  if (shown === undefined) {
    const rel = relative(cwd, file);
    shown = (rel === '' || rel.startsWith('..') ? file : rel).split(sep).join('/');
    displayed.set(key, shown);
  }
  return shown;
}

interface FileIndex {
  lines: string[];
  /** Line (0-based) of the first `"address": "<address>"` in the file, by the address's JSON text. */
  byAddress: Map<string, number>;
  /** Line of the first match of each HCL/JSON pattern asked for (a plan has many findings on few names). */
  found: Map<string, number>;
}

const cache = new Map<string, FileIndex | null>();

const ADDRESS_KEY = '"address": ';

/**
 * The JSON string literal starting at `at` (its quotes included) as written, or undefined: the same
 * text `JSON.stringify(address)` gives when the file writes the address plainly.
 */
function stringAt(line: string, at: number): string | undefined {
  if (line.charCodeAt(at) !== 34) return undefined;
  for (let i = at + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return line.slice(at, i + 1);
  }
  return undefined;
}

/** The lines of a file and every `"address": "..."` in it, read and scanned once per file. */
function index(file: string): FileIndex | null {
  if (!cache.has(file)) {
    try {
      const lines = readFileSync(file, 'utf8').split('\n');
      const byAddress = new Map<string, number>();
      lines.forEach((l, n) => {
        for (let at = l.indexOf(ADDRESS_KEY); at >= 0; at = l.indexOf(ADDRESS_KEY, at + 1)) {
          const literal = stringAt(l, at + ADDRESS_KEY.length);
          if (literal !== undefined && !byAddress.has(literal)) byAddress.set(literal, n);
        }
      });
      cache.set(file, { lines, byAddress, found: new Map() });
    } catch {
      cache.set(file, null);
    }
  }
  return cache.get(file)!;
}

/** Index of the first line matching `test` from line `from` on, remembered under `key`. */
function firstLine(file: FileIndex, key: string, test: (l: string) => boolean, from = 0): number {
  let n = file.found.get(key);
  if (n === undefined) {
    n = file.lines.findIndex((l, i) => i >= from && test(l));
    file.found.set(key, n);
  }
  return n;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The file a finding points at: where its resource is written, else the input it came from. */
export const findingFile = (f: Finding): string => displayPath(f.file ?? f.source);

/** Line (1-based) of a finding: its resource's location, else its address found in the input file. */
export function findingLine(f: Finding): number | undefined {
  if (f.line !== undefined) return f.line;
  if (f.address === '*' || !f.source.match(/\.(json|tf)$/)) return undefined;
  const text = index(f.source);
  if (!text) return undefined;
  // A plan names resources by full address.
  const byAddress = text.byAddress.get(JSON.stringify(f.address));
  if (byAddress !== undefined) return byAddress + 1;
  const local = f.address.replace(/^(module\.[^.]+\.)+/, '').replace(/\[[^\]]*\]$/, '');
  const parts = local.split('.');
  const [kind, name] = parts[0] === 'output' ? ['output', parts[1]] : parts[0] === 'data' ? [parts[1], parts[2]] : [parts[0], parts[1]];
  if (!kind || !name) return undefined;
  // HCL: `resource "type" "name"` / `output "name"`; JSON: the `"type"` (or `"output"`) key, then the `"name"` key.
  const hcl = kind === 'output'
    ? new RegExp(`^\\s*output\\s+"${escapeRe(name)}"`)
    : new RegExp(`^\\s*(resource|data)\\s+"${escapeRe(kind)}"\\s+"${escapeRe(name)}"`);
  const hclLine = firstLine(text, JSON.stringify(['hcl', hcl.source]), (l) => hcl.test(l));
  if (hclLine >= 0) return hclLine + 1;
  const typeLine = firstLine(text, JSON.stringify(['key', kind]), (l) => l.includes(`"${kind}":`));
  if (typeLine < 0) return undefined;
  const nameLine = firstLine(text, JSON.stringify(['key', kind, name]), (l) => l.includes(`"${name}":`), typeLine + 1);
  return nameLine >= 0 ? nameLine + 1 : undefined;
}

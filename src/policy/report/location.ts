/**
 * Where a finding points in its input file: the path relative to the working directory (what
 * SARIF and GitHub annotations want) and, where it can be found cheaply, the line that declares the
 * resource or output, so that annotations land on it in a pull request.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Finding } from '../types';

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return (rel === '' || rel.startsWith('..') ? file : rel).split(sep).join('/');
}

const cache = new Map<string, string[] | null>();

function lines(file: string): string[] | null {
  if (!cache.has(file)) {
    try {
      cache.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      cache.set(file, null);
    }
  }
  return cache.get(file)!;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The file a finding points at: where its resource is written, else the input it came from. */
export const findingFile = (f: Finding): string => displayPath(f.file ?? f.source);

/** Line (1-based) of a finding: its resource's location, else its address found in the input file. */
export function findingLine(f: Finding): number | undefined {
  if (f.line !== undefined) return f.line;
  if (f.address === '*' || !f.source.match(/\.(json|tf)$/)) return undefined;
  const text = lines(f.source);
  if (!text) return undefined;
  // A plan names resources by full address.
  const byAddress = text.findIndex((l) => l.includes(`"address": ${JSON.stringify(f.address)}`));
  if (byAddress >= 0) return byAddress + 1;
  const local = f.address.replace(/^(module\.[^.]+\.)+/, '').replace(/\[[^\]]*\]$/, '');
  const parts = local.split('.');
  const [kind, name] = parts[0] === 'output' ? ['output', parts[1]] : parts[0] === 'data' ? [parts[1], parts[2]] : [parts[0], parts[1]];
  if (!kind || !name) return undefined;
  // HCL: `resource "type" "name"` / `output "name"`; JSON: the `"type"` (or `"output"`) key, then the `"name"` key.
  const hcl = kind === 'output'
    ? new RegExp(`^\\s*output\\s+"${escapeRe(name)}"`)
    : new RegExp(`^\\s*(resource|data)\\s+"${escapeRe(kind)}"\\s+"${escapeRe(name)}"`);
  const hclLine = text.findIndex((l) => hcl.test(l));
  if (hclLine >= 0) return hclLine + 1;
  const typeLine = text.findIndex((l) => l.includes(`"${kind}":`));
  if (typeLine < 0) return undefined;
  const nameLine = text.findIndex((l, i) => i > typeLine && l.includes(`"${name}":`));
  return nameLine >= 0 ? nameLine + 1 : undefined;
}

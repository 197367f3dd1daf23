/**
 * Where blocks sit in configuration files, so that findings and input errors name a file and line
 * instead of a folder. @cdktf/hcl2json gives no positions, so the block headers are found in the
 * text: `resource "type" "name" {`, `data`, `module`, `output`, `variable` in HCL, and the nested
 * keys of Terraform's JSON syntax (`"resource": { "type": { "name": {`) in `.tf.json` / cdk.tf.json.
 */

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { SourceLocation } from './types';

/** A block's header line and its last line (for finding an attribute inside it). */
export interface BlockLocation extends SourceLocation {
  end: number;
}

/** Block key of a resource (`resource.type.name`, `data.type.name`) or of a named block (`module.name`). */
export const blockKey = (kind: string, ...labels: string[]): string => [kind, ...labels].join('.');

const HEADER = /^\s*(resource|data|module|output|variable)\s+("(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*)(?:\s+("(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*))?\s*\{/;

const label = (raw: string | undefined): string | undefined => (raw === undefined ? undefined : raw.startsWith('"') ? (JSON.parse(raw) as string) : raw);

/**
 * The line where the block opened at `start` closes: braces counted outside strings, comments and
 * heredocs (an approximation of the HCL lexer that is right for formatted code).
 */
function blockEnd(lines: string[], start: number): number {
  let depth = 0;
  let heredoc: string | undefined;
  let comment = false;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    if (heredoc !== undefined) {
      if (l.trim() === heredoc) heredoc = undefined;
      continue;
    }
    let inString = false;
    for (let j = 0; j < l.length; j++) {
      const c = l[j];
      if (comment) {
        if (c === '*' && l[j + 1] === '/') {
          comment = false;
          j++;
        }
      } else if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '#' || (c === '/' && l[j + 1] === '/')) break;
      else if (c === '/' && l[j + 1] === '*') {
        comment = true;
        j++;
      } else if (c === '<' && l[j + 1] === '<') {
        const m = /^<<-?([A-Za-z_]\w*)\s*$/.exec(l.slice(j));
        if (m) {
          heredoc = m[1];
          break;
        }
      } else if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
  }
  return lines.length;
}

/** The top-level blocks of an HCL file by block key. */
function hclBlocks(file: string, lines: string[]): Map<string, BlockLocation> {
  const out = new Map<string, BlockLocation>();
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]);
    if (!m) continue;
    const [, kind, a, b] = m;
    const labels = kind === 'resource' || kind === 'data' ? [label(a), label(b)] : [label(a)];
    if (labels.some((x) => x === undefined)) continue;
    const key = blockKey(kind, ...(labels as string[]));
    const end = blockEnd(lines, i);
    if (!out.has(key)) out.set(key, { file, line: i + 1, end });
    i = end - 1;
  }
  return out;
}

/**
 * The blocks of a JSON-syntax file: the line of each `"name": {` under `"resource"."type"` (and
 * data, module, output, variable), found by following JSON nesting through the text.
 */
function jsonBlocks(file: string, text: string): Map<string, BlockLocation> {
  const out = new Map<string, BlockLocation>();
  const stack: (string | undefined)[] = [];
  let line = 1;
  let key: string | undefined;
  const opened: { key: string; line: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const s = text.slice(i + 1, j);
      i = j;
      let k = j + 1;
      while (k < text.length && ' \t\r\n'.includes(text[k])) k++;
      key = text[k] === ':' ? JSON.parse(`"${s}"`) : undefined;
    } else if (c === '{' || c === '[') {
      stack.push(c === '{' ? key : undefined);
      const path = stack.slice(1);
      const [kind, a, b] = path as string[];
      if (c === '{' && path.length === 3 && (kind === 'resource' || kind === 'data') && a && b) opened.push({ key: blockKey(kind, a, b), line });
      else if (c === '{' && path.length === 2 && ['module', 'output', 'variable'].includes(kind) && a) opened.push({ key: blockKey(kind, a), line });
      else opened.push({ key: '', line });
      key = undefined;
    } else if (c === '}' || c === ']') {
      stack.pop();
      const o = opened.pop();
      if (o?.key && !out.has(o.key)) out.set(o.key, { file, line: o.line, end: line });
      key = undefined;
    } else if (c === ',') key = undefined;
  }
  return out;
}

/** Block locations of one configuration file (HCL or JSON syntax). */
export function blockLocations(file: string, text: string): Map<string, BlockLocation> {
  if (file.endsWith('.json')) return jsonBlocks(file, text);
  return hclBlocks(file, text.split('\n'));
}

/**
 * The line of an attribute (dotted path, block indexes included: `site_config.0.minimum_tls_version`)
 * inside a block: each name is looked for after the previous one, within the block's lines.
 * Undefined when a name is not written there (a default, or set through a dynamic block).
 */
export function attributeLine(lines: string[], block: BlockLocation, path: string): number | undefined {
  const names = path.split('.').filter((p) => !/^\d+$/.test(p));
  if (!names.length) return undefined;
  let from = block.line; // 0-based index of the line after the header
  let found: number | undefined;
  for (const name of names) {
    const re = new RegExp(`^\\s*("?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\s*(=|:|\\{)`);
    let hit: number | undefined;
    for (let i = from; i < Math.min(block.end, lines.length); i++) {
      if (re.test(lines[i])) {
        hit = i;
        break;
      }
    }
    if (hit === undefined) return found;
    found = hit + 1;
    from = hit + 1;
  }
  return found;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first frame of a CDKTF element's `//.metadata.stackTrace` that is the app's own code on disk
 * (`stacks/x.ts:12`, `new X (/abs/app/main.ts:12:5)`; node_modules and node internals skipped).
 * A relative path is looked for from the working directory, then from the folders above the JSON
 * file (a `cdktf.out/stacks/<name>/cdk.tf.json` sits three levels below the app).
 */
function traceLocation(trace: unknown, resolvePath: (path: string) => string | undefined): SourceLocation | undefined {
  if (!Array.isArray(trace)) return undefined;
  for (const frame of trace) {
    if (typeof frame !== 'string') continue;
    const m = /\(?((?:file:\/\/)?[^()\s]+?):(\d+)(?::\d+)?\)?\s*$/.exec(frame);
    if (!m) continue;
    const path = m[1].replace(/^file:\/\//, '');
    if (path.includes('node_modules') || path.startsWith('node:') || path.startsWith('internal/')) continue;
    const found = resolvePath(path);
    if (found) return { file: found, line: Number(m[2]) };
  }
  return undefined;
}

/** App source files found on disk (a synth gate and the checker load the same stacks again and again). */
const SOURCE_FILES = new Set<string>();

/**
 * Block locations of a CDKTF document: the app code line that created each resource (from
 * `//.metadata.stackTrace` where the app recorded one). Other blocks get none here: reports find
 * a finding's block in cdk.tf.json by its name when they need it (scanning the whole document for
 * every block on each load would cost more than the rest of loading a stack).
 */
export function cdktfLocations(doc: Record<string, unknown>, file: string): (key: string) => SourceLocation | undefined {
  const traced = new Map<string, SourceLocation>();
  const bases: string[] = [process.cwd()];
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    bases.push(dir);
    if (dirname(dir) === dir) break;
  }
  const missing = new Set<string>();
  const exists = (p: string): boolean => {
    if (SOURCE_FILES.has(p)) return true;
    if (missing.has(p)) return false;
    if (existsSync(p)) SOURCE_FILES.add(p);
    else missing.add(p);
    return !missing.has(p);
  };
  const resolved = new Map<string, string | undefined>();
  const resolvePath = (path: string): string | undefined => {
    if (!resolved.has(path)) {
      resolved.set(path, isAbsolute(path) ? (exists(path) ? path : undefined) : bases.map((b) => join(b, path)).find(exists));
    }
    return resolved.get(path);
  };
  for (const mode of ['resource', 'data']) {
    const byType = doc[mode];
    if (!isObject(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObject(byName)) continue;
      for (const [name, block] of Object.entries(byName)) {
        const meta = isObject(block) && isObject(block['//']) ? block['//'].metadata : undefined;
        const loc = isObject(meta) ? traceLocation(meta.stackTrace, resolvePath) : undefined;
        if (loc) traced.set(blockKey(mode, type, name), loc);
      }
    }
  }
  return (key) => traced.get(key);
}

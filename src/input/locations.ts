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

// ---------------------------------------------------------------- attributes inside a block

/** A token of HCL (native or JSON syntax): punctuation, a string, or any other word; with its line. */
interface Token {
  kind: 'punct' | 'string' | 'word';
  text: string;
  line: number;
}

/**
 * Tokens of `lines` from index `from` to `to` (exclusive): strings (with their `${…}` templates)
 * and heredocs as one token each, comments skipped, newlines kept as `\n` (they end an attribute).
 */
function tokens(lines: string[], from: number, to: number): Token[] {
  const out: Token[] = [];
  let comment = false;
  for (let i = from; i < to; i++) {
    const l = lines[i];
    const line = i + 1;
    let j = 0;
    while (j < l.length) {
      const c = l[j];
      if (comment) {
        const close = l.indexOf('*/', j);
        if (close < 0) break;
        comment = false;
        j = close + 2;
      } else if (c === ' ' || c === '\t' || c === '\r') j++;
      else if (c === '#' || (c === '/' && l[j + 1] === '/')) break;
      else if (c === '/' && l[j + 1] === '*') {
        comment = true;
        j += 2;
      } else if (c === '"') {
        // A string, through templates whose expressions may hold strings of their own.
        let k = j + 1;
        let depth = 0;
        for (; k < l.length; k++) {
          if (l[k] === '\\') k++;
          else if (depth === 0 && l[k] === '"') break;
          else if ((l[k] === '$' || l[k] === '%') && l[k + 1] === '{') {
            depth++;
            k++;
          } else if (depth > 0 && l[k] === '}') depth--;
          else if (depth > 0 && l[k] === '"') {
            for (k++; k < l.length && l[k] !== '"'; k++) if (l[k] === '\\') k++;
          }
        }
        out.push({ kind: 'string', text: l.slice(j + 1, k), line });
        j = k + 1;
      } else if (c === '<' && l[j + 1] === '<' && /^<<-?[A-Za-z_]\w*\s*$/.test(l.slice(j))) {
        const marker = l.slice(j).replace(/^<<-?/, '').trim();
        out.push({ kind: 'string', text: '', line });
        while (i + 1 < to && lines[i + 1].trim() !== marker) i++;
        i++;
        break;
      } else if ('{}[]()=:,'.includes(c)) {
        // `==`, `=>`, `:` of a conditional are operators inside an expression, not separators.
        if (c === '=' && (l[j + 1] === '=' || l[j + 1] === '>')) {
          out.push({ kind: 'word', text: l.slice(j, j + 2), line });
          j += 2;
        } else {
          out.push({ kind: 'punct', text: c, line });
          j++;
        }
      } else {
        let k = j + 1;
        while (k < l.length && !' \t\r"#{}[]()=:,'.includes(l[k]) && !(l[k] === '/' && (l[k + 1] === '/' || l[k + 1] === '*'))) k++;
        out.push({ kind: 'word', text: l.slice(j, k), line });
        j = k;
      }
    }
    if (!comment) out.push({ kind: 'punct', text: '\n', line });
  }
  return out;
}

/**
 * What is written at a position of a block: the line of its name, and what is inside — the
 * attributes and nested blocks of a body or object (a name written twice, as repeated blocks are,
 * has one entry per occurrence, in order), or the elements of a list.
 */
interface Written {
  line: number;
  entries?: Map<string, Written[]>;
  items?: Written[];
  /** A `dynamic` block: its content stands for every block it makes. */
  dynamic?: boolean;
}

/** A recursive-descent reading of the body after a block header, tolerant of anything it does not follow. */
class BodyReader {
  private i = 0;
  constructor(private readonly t: Token[]) {}

  private peek(skipNewlines = true): Token | undefined {
    let k = this.i;
    while (skipNewlines && this.t[k]?.text === '\n' && this.t[k].kind === 'punct') k++;
    return this.t[k];
  }

  private next(skipNewlines = true): Token | undefined {
    while (skipNewlines && this.t[this.i]?.text === '\n' && this.t[this.i].kind === 'punct') this.i++;
    return this.t[this.i++];
  }

  private is(tok: Token | undefined, text: string): boolean {
    return tok?.kind === 'punct' && tok.text === text;
  }

  /** Skips to just after the bracket that closes the one just opened (`open` already read). */
  private skipGroup(open: string): void {
    const close = { '{': '}', '[': ']', '(': ')' }[open]!;
    let depth = 1;
    while (this.i < this.t.length && depth > 0) {
      const tok = this.t[this.i++];
      if (tok.kind !== 'punct') continue;
      if (tok.text === open) depth++;
      else if (tok.text === close) depth--;
    }
  }

  /** The entries of a body or object, up to and including its closing `}` (the `{` already read). */
  body(line: number): Written {
    const entries = new Map<string, Written[]>();
    const add = (name: string, w: Written) => entries.set(name, [...(entries.get(name) ?? []), w]);
    for (;;) {
      const tok = this.next();
      if (!tok || this.is(tok, '}')) break;
      if (this.is(tok, ',')) continue;
      if (tok.kind === 'punct') {
        // Not an entry (a `for` expression's parts, stray tokens): skip what it opens.
        if ('{[('.includes(tok.text)) this.skipGroup(tok.text);
        continue;
      }
      if (tok.kind === 'word' && tok.text === 'for' && entries.size === 0) {
        // `{ for k, v in x : k => v }`: an expression, not an object to look into.
        this.skipGroup('{');
        break;
      }
      const sep = this.peek(false);
      if (this.is(sep, '=') || this.is(sep, ':')) {
        this.next(false);
        add(tok.text, { line: tok.line, ...this.value() });
        continue;
      }
      // A block: `name {`, `name "label" {`; `dynamic "name" { content { … } }` stands for blocks `name`.
      const labels: Token[] = [];
      while (this.peek(false)?.kind === 'string' || this.peek(false)?.kind === 'word') labels.push(this.next(false)!);
      if (!this.is(this.peek(false), '{')) {
        this.skipLine();
        continue;
      }
      this.next(false);
      const inner = this.body(tok.line);
      if (tok.text === 'dynamic' && labels.length === 1) {
        const content = inner.entries?.get('content')?.[0];
        add(labels[0].text, { line: tok.line, entries: content?.entries ?? new Map(), dynamic: true });
      } else add(tok.text, inner);
    }
    return { line, entries };
  }

  private skipLine(): void {
    while (this.i < this.t.length) {
      const tok = this.t[this.i];
      if (tok.kind === 'punct' && (tok.text === '\n' || tok.text === '}')) return;
      this.i++;
      if (tok.kind === 'punct' && '{[('.includes(tok.text)) this.skipGroup(tok.text);
    }
  }

  /** A value: an object or list to look into (also the object given to `jsonencode(…)`), else an expression skipped to its end. */
  private value(): Omit<Written, 'line'> {
    let found: Omit<Written, 'line'> = {};
    let first = true;
    for (;;) {
      const tok = this.peek(false);
      if (!tok || (tok.kind === 'punct' && ['\n', ',', '}', ']', ')'].includes(tok.text))) return found;
      this.next(false);
      if (this.is(tok, '{')) {
        const w = this.body(tok.line);
        if (first) found = { entries: w.entries };
      } else if (this.is(tok, '[')) {
        const w = this.list();
        if (first) found = w;
      } else if (this.is(tok, '(')) {
        // A call: `jsonencode({ … })` reads as its argument.
        const arg = this.peek();
        if (this.is(arg, '{') || this.is(arg, '[')) {
          this.next();
          const w = this.is(arg, '{') ? { entries: this.body(arg!.line).entries } : this.list();
          if (this.is(this.peek(), ')')) {
            this.next();
            if (first || found.entries === undefined) found = w;
          } else this.skipGroup('(');
        } else this.skipGroup('(');
      }
      first = false;
    }
  }

  /** The elements of a list, up to and including its closing `]` (the `[` already read). */
  private list(): Omit<Written, 'line'> {
    const items: Written[] = [];
    for (;;) {
      const tok = this.peek();
      if (!tok) break;
      if (this.is(tok, ']')) {
        this.next();
        break;
      }
      if (this.is(tok, ',')) {
        this.next();
        continue;
      }
      if (tok.kind === 'word' && tok.text === 'for') {
        this.skipGroup('[');
        return {};
      }
      while (this.is(this.t[this.i], '\n')) this.i++;
      const before = this.i;
      items.push({ line: tok.line, ...this.value() });
      if (this.i === before) this.next(); // a stray closer: never loop in place
    }
    return { items };
  }
}

/** What each block of a file holds, read once per file's lines (several findings on one block). */
const WRITTEN = new WeakMap<string[], Map<number, Written | null>>();

function written(lines: string[], block: BlockLocation): Written | undefined {
  let byLine = WRITTEN.get(lines);
  if (!byLine) WRITTEN.set(lines, (byLine = new Map()));
  if (!byLine.has(block.line)) {
    const t = tokens(lines, block.line - 1, Math.min(block.end, lines.length));
    const open = t.findIndex((x) => x.kind === 'punct' && x.text === '{');
    byLine.set(block.line, open < 0 ? null : new BodyReader(t.slice(open + 1)).body(block.line));
  }
  return byLine.get(block.line) ?? undefined;
}

/**
 * The line of an attribute (dotted path, block indexes included: `site_config.0.minimum_tls_version`,
 * `secret.1.value`) inside a block, in HCL or JSON syntax: the n-th block of a name written several
 * times, the n-th element of a list, a `dynamic` block's content for any index, and the object inside
 * `jsonencode(…)`. Undefined unless the whole path is written there (a default, an attribute set by
 * an expression around it): the caller then points at the block.
 */
export function attributeLine(lines: string[], block: BlockLocation, path: string): number | undefined {
  const steps = path.split('.').filter((s) => s !== '');
  if (!steps.length || /^\d+$/.test(steps[0])) return undefined;
  const root = written(lines, block);
  if (!root) return undefined;
  let here: Written = root;
  for (let k = 0; k < steps.length; k++) {
    const name = steps[k];
    const occurrences: Written[] | undefined = here.entries?.get(name);
    if (!occurrences?.length) return undefined;
    const index = /^\d+$/.test(steps[k + 1] ?? '') ? Number(steps[++k]) : undefined;
    let next: Written | undefined;
    if (index === undefined) next = occurrences.length === 1 ? occurrences[0] : undefined;
    else if (occurrences.length > 1) next = occurrences[index];
    else {
      const only = occurrences[0];
      next = only.items ? only.items[index] : only.dynamic || index === 0 ? only : undefined;
    }
    if (!next) return undefined;
    here = next;
  }
  return here.line;
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

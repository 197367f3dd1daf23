/**
 * METADATA annotations (https://www.openpolicyagent.org/docs/policy-language/#metadata): a comment
 * block whose first line is `# METADATA`, followed by YAML in comments on consecutive lines starting
 * at column 1. Each block attaches to the package or rule that follows it.
 */
import { parse, YAMLError } from 'yaml';
import { CompileError, type Annotations, type Location } from '../ast';
import type { Comment } from './lexer';
import type { Statement } from './module';

interface Block {
  loc: Location;
  /** The comments after the `# METADATA` line. */
  lines: Comment[];
  /** Row of the block's last comment. */
  endRow: number;
}

const SCOPES = ['rule', 'document', 'package', 'subpackages'] as const;

export function metadataBlocks(comments: Comment[], file: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const c of comments) {
    if (current && c.row === current.endRow + 1 && c.col === 1) {
      current.lines.push(c);
      current.endRow = c.row;
      continue;
    }
    current = undefined;
    if (c.text.trim().startsWith('METADATA')) {
      current = { loc: { file, row: c.row, col: c.col }, lines: [], endRow: c.row };
      blocks.push(current);
    }
  }
  return blocks;
}

const err = (loc: Location, message: string): CompileError => new CompileError(loc, `rego_parse_error: ${message}`);

/** Parses one block's YAML; `scope` is what the block wrote (the attachment step picks a default). */
export function parseBlock(block: Block): { annotations: Annotations; scope?: Annotations['scope'] } {
  // One leading space after `#` is the comment convention, not YAML indentation.
  const stripped = block.lines.map((c) => (c.text.startsWith(' ') ? c.text.slice(1) : c.text));
  const text = stripped.join('\n');
  if (text.trim() === '') throw err(block.loc, 'expected METADATA block, found whitespace');
  let raw: unknown;
  try {
    // `parse` is about twice as fast as parseDocument + toJS; it throws the first error.
    raw = parse(text, { prettyErrors: false, logLevel: 'error' });
  } catch (e) {
    if (!(e instanceof YAMLError)) throw e;
    throw err(yamlLocation(block, stripped, e.pos[0]), `invalid METADATA YAML: ${e.message.split('\n')[0]}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw err(block.loc, 'invalid METADATA block: expected a YAML mapping of annotation fields');
  }
  const annotations = toAnnotations(raw as Record<string, unknown>, block.loc);
  const written = (raw as Record<string, unknown>).scope;
  return { annotations, scope: written == null ? undefined : annotations.scope };
}

/** Maps an offset in the joined YAML text back to the comment's row and column. */
function yamlLocation(block: Block, stripped: string[], offset: number): Location {
  let rest = offset;
  for (let i = 0; i < stripped.length; i++) {
    if (rest <= stripped[i].length || i === stripped.length - 1) {
      const c = block.lines[i];
      const shift = c.text.length - stripped[i].length;
      return { file: block.loc.file, row: c.row, col: c.col + 1 + shift + Math.min(rest, stripped[i].length) };
    }
    rest -= stripped[i].length + 1;
  }
  return block.loc;
}

function toAnnotations(raw: Record<string, unknown>, loc: Location): Annotations {
  const expectString = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw err(loc, `invalid METADATA ${key}: expected a string`);
    return v;
  };
  const out: Annotations = { scope: 'rule', loc };
  for (const [key, value] of Object.entries(raw)) {
    if (!['scope', 'title', 'description', 'custom', 'entrypoint', 'organizations', 'authors', 'related_resources', 'schemas'].includes(key)) {
      out[key] = value;
    }
  }
  const scope = expectString('scope');
  if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope)) {
    throw err(loc, `invalid annotation scope '${scope}'. Use one of 'rule', 'document', 'package' or 'subpackages'`);
  }
  if (scope !== undefined) out.scope = scope as Annotations['scope'];
  const title = expectString('title');
  if (title !== undefined) out.title = title;
  const description = expectString('description');
  if (description !== undefined) out.description = description;
  if (raw.entrypoint !== undefined) {
    if (typeof raw.entrypoint !== 'boolean') throw err(loc, 'invalid METADATA entrypoint: expected true or false');
    out.entrypoint = raw.entrypoint;
  }
  if (raw.custom !== undefined && raw.custom !== null) {
    if (typeof raw.custom !== 'object' || Array.isArray(raw.custom)) throw err(loc, 'invalid METADATA custom: expected a mapping');
    out.custom = raw.custom as Record<string, unknown>;
  }
  if (raw.organizations !== undefined && raw.organizations !== null) {
    const orgs = raw.organizations;
    if (!Array.isArray(orgs) || orgs.some((o) => typeof o !== 'string')) throw err(loc, 'invalid METADATA organizations: expected a list of strings');
    out.organizations = orgs as string[];
  }
  if (raw.authors !== undefined && raw.authors !== null) {
    if (!Array.isArray(raw.authors)) throw err(loc, 'invalid METADATA authors: expected a list');
    out.authors = raw.authors.map((a) => parseAuthor(a, loc));
  }
  if (raw.related_resources !== undefined && raw.related_resources !== null) {
    if (!Array.isArray(raw.related_resources)) throw err(loc, 'invalid METADATA related_resources: expected a list');
    out.related_resources = raw.related_resources.map((r) => parseRelatedResource(r, loc));
  }
  if (raw.schemas !== undefined && raw.schemas !== null) {
    const schemas = raw.schemas;
    const isPair = (s: unknown): boolean => s !== null && typeof s === 'object' && !Array.isArray(s) && Object.keys(s).length === 1;
    if (!Array.isArray(schemas) || !schemas.every(isPair)) throw err(loc, 'invalid METADATA schemas: expected a list of `<path>: <schema>` entries');
    out.schemas = schemas;
  }
  return out;
}

/** `Name <email>` or `{name, email}`. */
function parseAuthor(a: unknown, loc: Location): { name?: string; email?: string } {
  if (typeof a === 'string') {
    const parts = a.trim().split(/\s+/).filter((p) => p !== '');
    if (parts.length === 0) throw err(loc, 'invalid author definition: author is an empty string');
    const last = parts[parts.length - 1];
    if (last.length >= 2 && last.startsWith('<') && last.endsWith('>')) {
      const name = parts.slice(0, -1).join(' ');
      return name ? { name, email: last.slice(1, -1) } : { email: last.slice(1, -1) };
    }
    return { name: parts.join(' ') };
  }
  if (a !== null && typeof a === 'object' && !Array.isArray(a)) {
    const o = a as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    const email = typeof o.email === 'string' ? o.email.trim() : '';
    if (!name && !email) throw err(loc, "invalid author definition: 'name' and/or 'email' values required in object");
    return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }
  throw err(loc, 'invalid author definition: invalid value type, must be string or map');
}

/** A URL string or `{ref, description}`. */
function parseRelatedResource(r: unknown, loc: Location): { ref: string; description?: string } {
  if (typeof r === 'string') {
    if (r.trim() === '') throw err(loc, 'invalid related-resource definition: ref URL may not be empty string');
    return { ref: r.trim() };
  }
  if (r !== null && typeof r === 'object' && !Array.isArray(r)) {
    const o = r as Record<string, unknown>;
    const ref = typeof o.ref === 'string' ? o.ref.trim() : '';
    if (!ref) throw err(loc, "invalid related-resource definition: 'ref' value required in object");
    const description = typeof o.description === 'string' ? o.description.trim() : '';
    return description ? { ref, description } : { ref };
  }
  throw err(loc, 'invalid related-resource definition: invalid value type, must be string or map');
}

/**
 * Attaches each block to the statement that follows it: scope defaults to `package` before a
 * package and `rule` before a rule. Package, subpackages and document scopes go to the module;
 * rule and document scopes also go on the rule.
 */
export function attachAnnotations(comments: Comment[], statements: Statement[], file: string): Annotations[] {
  const moduleAnnotations: Annotations[] = [];
  const blocks = metadataBlocks(comments, file);
  let s = 0;
  for (const block of blocks) {
    const { annotations: a, scope } = parseBlock(block);
    while (s < statements.length && statements[s].row <= block.endRow) s++;
    const target = statements[s];
    if (!target) throw err(block.loc, 'METADATA block must be followed by a package or a rule');
    a.scope = scope ?? (target.kind === 'package' ? 'package' : 'rule');
    const needs = a.scope === 'rule' || a.scope === 'document' ? 'rule' : 'package';
    if (target.kind !== needs) throw err(block.loc, `annotation scope '${a.scope}' must be applied to ${needs} (node: ${target.kind})`);
    if (a.scope !== 'rule') moduleAnnotations.push(a);
    if (target.rule) {
      if (target.rule.annotations) throw err(block.loc, 'multiple METADATA blocks for one rule');
      target.rule.annotations = a;
    }
  }
  return moduleAnnotations;
}

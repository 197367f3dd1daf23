/**
 * Regenerates policies/lib/sensitive_attributes.rego: per resource type and data source, the
 * attribute paths the provider schema declares `Sensitive` or write-only. lib.secrets reads them
 * to know which reference targets are credentials (`password1[0].value` of
 * azurerm_container_registry_token_password matches no name pattern) and which attributes are
 * made to receive one (`secure_environment_variables` of azurerm_container_group).
 *
 *   npx tsx src/policy/sensitive-attributes/generate.ts [schema.json ...]
 *
 * Without arguments it reads azurerm-4.55.0.json beside this file: every azurerm v4.55.0 type with
 * a Sensitive/WriteOnly attribute, extracted from the provider's Go schema (tag v4.55.0, commit in
 * the file). Arguments may be files of that shape ({"resources"|"data_sources": {type:
 * {"sensitive": [...], "write_only": [...]}}}) or the output of `terraform providers schema -json`
 * (attributes with `"sensitive": true` / `"write_only": true`, any provider); types from several
 * files are merged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

export type Kind = 'resources' | 'data_sources';
/** Sensitive attribute paths (dotted, no indexes) by kind and type. */
export type SensitiveFacts = Record<Kind, Map<string, Set<string>>>;

export const DEFAULT_SOURCE = join(__dirname, 'azurerm-4.55.0.json');
export const OUTPUT = resolve(__dirname, '..', '..', '..', 'policies', 'lib', 'sensitive_attributes.rego');

interface FactsFile {
  resources?: Record<string, { sensitive?: string[]; write_only?: string[] }>;
  data_sources?: Record<string, { sensitive?: string[]; write_only?: string[] }>;
}

interface SchemaBlock {
  attributes?: Record<string, { sensitive?: boolean; write_only?: boolean }>;
  block_types?: Record<string, { block?: SchemaBlock }>;
}

interface ProvidersSchema {
  provider_schemas: Record<string, {
    resource_schemas?: Record<string, { block?: SchemaBlock }>;
    data_source_schemas?: Record<string, { block?: SchemaBlock }>;
  }>;
}

const empty = (): SensitiveFacts => ({ resources: new Map(), data_sources: new Map() });

function add(facts: SensitiveFacts, kind: Kind, type: string, path: string): void {
  let set = facts[kind].get(type);
  if (!set) facts[kind].set(type, (set = new Set()));
  set.add(path);
}

function walkBlock(block: SchemaBlock | undefined, prefix: string, onPath: (p: string) => void): void {
  for (const [name, a] of Object.entries(block?.attributes ?? {})) {
    if (a.sensitive || a.write_only) onPath(prefix + name);
  }
  for (const [name, b] of Object.entries(block?.block_types ?? {})) walkBlock(b.block, `${prefix}${name}.`, onPath);
}

/** Adds the facts of one parsed file (either shape) to `facts`. */
export function readFacts(json: unknown, facts: SensitiveFacts = empty()): SensitiveFacts {
  const doc = json as FactsFile & Partial<ProvidersSchema>;
  if (doc.provider_schemas) {
    for (const provider of Object.values(doc.provider_schemas)) {
      for (const [kind, schemas] of [['resources', provider.resource_schemas], ['data_sources', provider.data_source_schemas]] as const) {
        for (const [type, s] of Object.entries(schemas ?? {})) walkBlock(s.block, '', (p) => add(facts, kind, type, p));
      }
    }
    return facts;
  }
  if (!doc.resources && !doc.data_sources) throw new Error('neither `terraform providers schema -json` output nor a sensitive-attributes file (resources / data_sources)');
  for (const kind of ['resources', 'data_sources'] as const) {
    for (const [type, v] of Object.entries(doc[kind] ?? {})) {
      for (const p of [...(v.sensitive ?? []), ...(v.write_only ?? [])]) add(facts, kind, type, p);
    }
  }
  return facts;
}

/**
 * Drops a block path when attributes inside it are listed too: for a configurable block
 * (container_app `secret`) terraform-plugin-sdk v2 ignores the block's own flag and only the nested
 * flags count (`secret.value`, not `secret.name`); for the computed blocks listed with their
 * attributes (kube_config, site_credential) the nested entries already cover what the block held.
 */
export function compact(paths: Iterable<string>): string[] {
  const all = [...new Set(paths)].sort();
  return all.filter((p) => !all.some((q) => q.startsWith(`${p}.`)));
}

/**
 * Per type, every sensitive path as "sensitive" and every block on the way to one as "holds"
 * (`password1` holds `password1.value`): a rule then needs one object lookup per attribute segment
 * and no string work on the facts at evaluation time.
 */
export function lookupTable(paths: Iterable<string>): Record<string, 'sensitive' | 'holds'> {
  const table: Record<string, 'sensitive' | 'holds'> = {};
  const sensitive = compact(paths);
  for (const p of sensitive) {
    const segs = p.split('.');
    for (let i = 1; i < segs.length; i++) table[segs.slice(0, i).join('.')] ??= 'holds';
  }
  for (const p of sensitive) table[p] = 'sensitive';
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function regoObject(map: Map<string, Set<string>>): string {
  const lines = [...map.keys()].sort().map((type) => {
    const entries = Object.entries(lookupTable(map.get(type)!)).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ');
    return `\t${JSON.stringify(type)}: {${entries}},`;
  });
  return ['{', ...lines, '}'].join('\n');
}

/** The Rego module for `facts`; `sources` are named in its header. */
export function renderRego(facts: SensitiveFacts, sources: string[]): string {
  return [
    '# Generated by src/policy/sensitive-attributes/generate.ts; do not edit (run it again instead).',
    `# Source: ${sources.join(', ')}.`,
    '# By resource type (`resources`) and data source type (`data_sources`): the attribute paths (dotted,',
    '# without list indexes) that the provider schema declares Sensitive or write-only ("sensitive"), and',
    '# the blocks on the way to one ("holds"). A block flagged itself is "sensitive" only when none of',
    '# its attributes is listed (then the whole block is sensitive).',
    'package lib.sensitive_attributes',
    '',
    'import rego.v1',
    '',
    `resources := ${regoObject(facts.resources)}`,
    '',
    `data_sources := ${regoObject(facts.data_sources)}`,
    '',
  ].join('\n');
}

export function describeSource(file: string, json: unknown): string {
  const d = json as { provider?: string; version?: string; commit?: string };
  const name = relative(resolve(__dirname, '..', '..', '..'), file) || basename(file);
  return d.provider && d.version ? `${name} (${d.provider} ${d.version}${d.commit ? `, commit ${d.commit}` : ''})` : name;
}

/** The module generated from `files` (default: the azurerm facts beside this file). */
export function generate(files: string[] = [DEFAULT_SOURCE]): string {
  const facts = empty();
  const sources: string[] = [];
  for (const file of files) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    readFacts(json, facts);
    sources.push(describeSource(resolve(file), json));
  }
  return renderRego(facts, sources);
}

if (require.main === module) {
  const files = process.argv.slice(2);
  const text = generate(files.length ? files : undefined);
  writeFileSync(OUTPUT, text);
  process.stdout.write(`${relative(process.cwd(), OUTPUT)}: ${text.split('\n').filter((l) => l.startsWith('\t')).length} types\n`);
}

/**
 * Robustness: random and mutated Rego sources must either parse or fail with a CompileError whose
 * location lies inside the source — never another exception, never a hang.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CompileError } from '../../../src/compiler/ast';
import { parseModule, parseQuery } from '../../../src/compiler/parser';

const SAMPLES = [
  `package fuzz.a
import rego.v1
import data.lib.tf as t

# METADATA
# title: Sample
# custom:
#   id: s-1
deny contains msg if {
  some r in input.resources
  r.type == "azurerm_container_registry"
  not r.values.public_network_access_enabled == false
  msg := sprintf("%s: %v", [r.address, {"k": [1, -2.5e3, null, true]}])
}

default allow := false
allow if count(deny) == 0

f(x, [a, _]) := y if {
  y := x + a * 2 - 1 / 3 % 4
} else := 0 if x > 1 else := -1

p[k] := v if { some k, v in input.o; v != "" }
a.b.c := {x | some x in [1, 2, 3]; x & 1 == x | 0}
q := {k: v | some k, v in {"x": 1}} if every i in [1] { i >= 0 }
r if { input.x with input as {"x": true} }
s := \`raw
string\` if "\\u00e9\\n" != "é"
`,
  `package fuzz.b
names := [n | some r in input.resources; n := r.name]
ok if {
  every k, v in input.tags {
    is_string(k)
    v != null
  }
  x := data.lib.f(input)[0].y
  not contains(x, "\${")
  some i
  input.list[i] = 3; i < 10
}
`,
];

function policyFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(policyFiles(full));
    else if (name.endsWith('.rego')) out.push(readFileSync(full, 'utf8'));
  }
  return out;
}

const corpus = [...SAMPLES, ...policyFiles(join(__dirname, '../../../policies'))];
const TOKEN = /\s+|#[^\n]*|"(?:[^"\\\n]|\\.)*"|`[^`]*`|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|:=|==|!=|<=|>=|[^\sA-Za-z0-9_]/g;
const tokenized = corpus.map((src) => src.match(TOKEN) ?? []);
const FRAGMENTS = ['{', '}', '[', ']', '(', ')', ',', ';', ':', '.', '|', '&', '=', ':=', '==', '-', '+', '*', '/', '%', '<', '>=', '"', '`', '\\', '#', '\n',
  'if', 'else', 'not', 'some', 'every', 'in', 'contains', 'default', 'with', 'as', 'import', 'package', '_', 'x', '1', '0.5', '"s"', 'null', 'true', 'METADATA', '# METADATA\n# title: t\n'];

/** Parses and checks that any failure is a CompileError located inside the source. */
function check(source: string, asQuery = false): void {
  try {
    if (asQuery) parseQuery(source, 'fuzz.rego');
    else parseModule(source, 'fuzz.rego');
  } catch (e) {
    if (!(e instanceof CompileError)) throw new Error(`non-CompileError for ${JSON.stringify(source)}: ${String(e)}`);
    const lines = source.split('\n');
    const { file, row, col } = e.loc;
    const inside = file === 'fuzz.rego' && row >= 1 && row <= lines.length && col >= 1 && col <= lines[row - 1].length + 1;
    if (!inside) throw new Error(`location ${row}:${col} outside the source for ${JSON.stringify(source)}: ${e.message}`);
  }
}

type Mutation = { kind: 'delete' | 'insert' | 'swap' | 'duplicate'; at: number; other: number; fragment: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'swap', 'duplicate'),
  at: fc.nat(),
  other: fc.nat(),
  fragment: fc.constantFrom(...FRAGMENTS),
});

function mutate(tokens: string[], mutations: Mutation[]): string {
  const out = [...tokens];
  for (const m of mutations) {
    if (out.length === 0) break;
    const i = m.at % out.length;
    const j = m.other % out.length;
    if (m.kind === 'delete') out.splice(i, 1);
    else if (m.kind === 'insert') out.splice(i, 0, m.fragment);
    else if (m.kind === 'swap') [out[i], out[j]] = [out[j], out[i]];
    else out.splice(i, 0, ...out.slice(i, Math.min(out.length, i + 1 + (j % 8))));
  }
  return out.join('');
}

describe('parser fuzzing', () => {
  it('parses the unmutated corpus', () => {
    for (const src of corpus) expect(() => parseModule(src, 'fuzz.rego')).not.toThrow();
  });

  it('handles thousands of token-level mutations of real policies', () => {
    fc.assert(
      fc.property(fc.nat(tokenized.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, muts) => {
        check(mutate(tokenized[which], muts));
      }),
      { numRuns: 3000, seed: 20240611 },
    );
  });

  it('handles random sequences of Rego fragments as modules and queries', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS, ' ', '  '), { maxLength: 60 }), fc.boolean(), (parts, asQuery) => {
        const body = parts.join('');
        check(asQuery ? body : `package p\n${body}`, asQuery);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('handles arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        check(`package p\n${text}`);
        check(text, true);
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});

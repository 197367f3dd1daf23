/** Seeded mutations of Rego sources for fuzz tests and the fuzz bench. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from '../../../src/compiler/conformance';

const ROOT = join(__dirname, '..', '..', '..');

/** Seeds to mutate: the project's conformance-case modules and every policy of the pack. */
export function fuzzCorpus(): string[] {
  const fromCases = loadCases(join(ROOT, 'test', 'compiler', 'conformance', 'cases')).flatMap((c) => c.modules ?? []);
  const fromPolicies: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, name.name);
      if (name.isDirectory()) walk(full);
      else if (name.name.endsWith('.rego')) fromPolicies.push(readFileSync(full, 'utf8'));
    }
  };
  walk(join(ROOT, 'policies'));
  return [...fromCases, ...fromPolicies];
}

/** A small deterministic PRNG (mulberry32), so that every fuzz failure reproduces. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '{', '}', '[', ']', '(', ')', ',', ';', ':=', '=', '==', '!=', '<', '>', '+', '-', '*', '/', '%', '|', '&', '.',
  'if', 'contains', 'some', 'in', 'every', 'not', 'default', 'else', 'import', 'package', 'with', 'as',
  'true', 'false', 'null', '_', 'x', 'input', 'data', 'count', '"s"', '`r`', '0', '-1', '1.5e3', '99999999999999999999',
  '\n', ' ', '#', '"\\u00e9"', '"unterminated', 'p', 'q(x)', 'set()', '{1, 2}', '[x | x := 1]',
];

export function mutate(source: string, random: () => number): string {
  let s = source;
  const steps = 1 + Math.floor(random() * 3);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(random() * (s.length + 1));
    const choice = random();
    if (choice < 0.3) {
      const len = 1 + Math.floor(random() * 8);
      s = s.slice(0, at) + s.slice(at + len);
    } else if (choice < 0.7) {
      s = s.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + s.slice(at);
    } else if (choice < 0.85) {
      const lines = s.split('\n');
      const a = Math.floor(random() * lines.length);
      const b = Math.floor(random() * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      s = lines.join('\n');
    } else {
      const from = Math.floor(random() * s.length);
      s = s.slice(0, at) + s.slice(from, from + 20) + s.slice(at);
    }
  }
  // Most seeds define `p`; keep the package name fixed so the entrypoint exists.
  return s.replace(/^package [^\n]*/m, 'package fuzz');
}

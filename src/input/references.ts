/**
 * Finds the references an HCL expression makes, as written in Terraform JSON syntax and in what
 * @cdktf/hcl2json returns for HCL: strings holding `${...}` templates
 * (`"x-${upper(azurerm_cosmosdb_account.graph.primary_key)}"`). Synchronous on purpose: the synth
 * gate runs right after `app.synth()`, where the async WASM parser of @cdktf/hcl2json cannot be
 * awaited. Tests compare it with hcl2json's `getReferencesInExpression`.
 */

/** Roots that name something in the configuration; anything else must look like `type.name`. */
const NAMED_ROOTS = new Set(['var', 'local', 'module', 'data']);
/** Roots that are evaluation context, not configuration objects. */
const CONTEXT_ROOTS = new Set(['each', 'count', 'self', 'path', 'terraform']);
const CONTEXT_ROOT_LIST = [...CONTEXT_ROOTS];

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

/** Splits a template string into the code of each `${...}` / `%{...}` interpolation. */
function interpolations(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.slice(i).search(/[$%]\{/);
    if (open < 0) break;
    const start = i + open;
    // `$${` is an escaped literal `${`.
    if (text[start - 1] === text[start] && start > 0) {
      i = start + 2;
      continue;
    }
    const end = matchingBrace(text, start + 2);
    out.push(text.slice(start + 2, end));
    i = end + 1;
  }
  return out;
}

/** Index of the `}` closing the interpolation whose code starts at `from` (strings and nested braces skipped). */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return text.length;
}

/** Index of the closing quote of the string literal opening at `at` (nested templates included). */
function skipString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
    else if ((text[i] === '$' || text[i] === '%') && text[i + 1] === '{') i = matchingBrace(text, i + 2);
  }
  return text.length;
}

/**
 * Traversals in one interpolation's code as parts (`['azurerm_x', 'y', '[0]', 'id']`), minus
 * function names and for-loop variables; evaluation context (`each.value`, `count.index`, dynamic
 * block iterators) is kept: the caller decides what it stands for.
 */
function traversals(code: string): string[][] {
  const found: string[][] = [];
  const loopVars = new Set<string>();
  for (const m of code.matchAll(/\bfor\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\b/g)) {
    loopVars.add(m[1]);
    if (m[2]) loopVars.add(m[2]);
  }
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '"') {
      // Templates inside string literals can reference things too.
      const end = skipString(code, i);
      for (const inner of interpolations(code.slice(i + 1, end))) found.push(...traversals(inner).filter((p) => !loopVars.has(p[0])));
      i = end + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c) && !/[\w.\-]/.test(code[i - 1] ?? '')) {
      const parsed = readTraversal(code, i);
      i = parsed.end;
      const next = code.slice(i).match(/^\s*(\S)/)?.[1];
      if (next === '(' && parsed.parts.length === 1) continue; // function call
      if (parsed.parts.length === 1 && code.slice(i).match(/^\s*::/)) continue; // provider function namespace
      if (!loopVars.has(parsed.parts[0])) found.push(parsed.parts);
      continue;
    }
    i++;
  }
  return found;
}

interface Parsed {
  parts: string[];
  end: number;
}

/**
 * Reads `ident(.ident | [number] | ["key"] | [*] | .*)*` from `at`. A splat (`[*]`, `.*`) is kept as
 * `[*]` and the attributes after it are read on: `azurerm_x.y[*].primary_key` names the attribute
 * every instance gives (Terraform's own reference list stops at `azurerm_x.y`).
 */
function readTraversal(code: string, at: number): Parsed {
  const parts: string[] = [];
  IDENT.lastIndex = at;
  let m = IDENT.exec(code);
  parts.push(m![0]);
  let i = IDENT.lastIndex;
  for (;;) {
    if (code[i] === '.' && /[A-Za-z_]/.test(code[i + 1] ?? '')) {
      IDENT.lastIndex = i + 1;
      m = IDENT.exec(code);
      parts.push(m![0]);
      i = IDENT.lastIndex;
    } else if (code[i] === '.' && /[0-9]/.test(code[i + 1] ?? '')) {
      const digits = /^[0-9]+/.exec(code.slice(i + 1))![0];
      parts.push(`[${digits}]`);
      i += 1 + digits.length;
    } else if (code[i] === '.' && code[i + 1] === '*' && parts.length >= 2) {
      parts.push('[*]');
      i += 2;
    } else if (code[i] === '[') {
      const index = /^\[\s*([0-9]+|"(?:[^"\\]|\\.)*"|\*)\s*\]/.exec(code.slice(i));
      if (!index) break;
      parts.push(`[${index[1]}]`);
      i += index[0].length;
    } else {
      break;
    }
  }
  return { parts, end: i };
}

function accept(parts: string[]): string[] {
  const root = parts[0];
  if (CONTEXT_ROOTS.has(root)) return [];
  if (NAMED_ROOTS.has(root)) return parts.length >= 2 && !parts[1].startsWith('[') ? [joinTraversal(parts)] : [];
  // A resource: `type.name...`; every provider's resource types carry a `<provider>_` prefix.
  if (root.includes('_') && parts.length >= 2 && !parts[1].startsWith('[')) return [joinTraversal(parts)];
  return [];
}

/** `['a', 'b', '[0]', 'c']` → `a.b[0].c` (Terraform's own address syntax). */
export function joinTraversal(parts: string[]): string {
  return parts.reduce((acc, p) => (p.startsWith('[') ? acc + p : acc === '' ? p : `${acc}.${p}`), '');
}

/**
 * An address or reference target split at its dots, each step with its instance keys:
 * `module.m["a.b"].azurerm_x.y[0].id` → `['module', 'm["a.b"]', 'azurerm_x', 'y[0]', 'id']`. A quoted
 * key may hold dots and brackets (`for_each` keys are any string), so a plain split on "." would cut it.
 */
export function addressSteps(address: string): string[] {
  // Steps are slices of the address (no string built a character at a time: the plan loader
  // splits an address per reference of every module instance).
  const steps: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c === 34 /* " */ && depth > 0) {
      let end = i + 1;
      while (end < address.length && address.charCodeAt(end) !== 34) end += address.charCodeAt(end) === 92 /* \ */ ? 2 : 1;
      i = end;
      continue;
    }
    if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */) depth--;
    else if (c === 46 /* . */ && depth === 0) {
      steps.push(address.slice(start, i));
      start = i + 1;
    }
  }
  steps.push(address.slice(start));
  return steps;
}

/** `each.key`, `count.index`, `self.x`, `path.module`: evaluation context, not configuration objects. */
export function isContextReference(target: string): boolean {
  // The root is what comes before the first `.` or `[`; compared in place (called per reference of a plan).
  for (let i = 0; i < CONTEXT_ROOT_LIST.length; i++) {
    const root = CONTEXT_ROOT_LIST[i];
    if (target.startsWith(root) && (target.length === root.length || target[root.length] === '.' || target[root.length] === '[')) return true;
  }
  return false;
}

/** All references an expression string makes, in order of appearance, without duplicates. */
export function referencesIn(expression: string): string[] {
  const found: string[] = [];
  for (const parts of traversalsIn(expression)) found.push(...accept(parts));
  return [...new Set(found)];
}

/**
 * Every traversal of an expression string as parts, context roots (`each`, `count`, iterators)
 * included, function names and for-loop variables left out. For evaluating the expression.
 */
export function traversalsIn(expression: string): string[][] {
  if (!expression.includes('{')) return [];
  const found: string[][] = [];
  for (const code of interpolations(expression)) found.push(...traversals(code));
  return found;
}

/**
 * Splits a template string into literal text and the code of each `${...}` interpolation
 * (`$${` is a literal `${`); undefined when it holds a `%{` directive.
 */
export function templatePieces(text: string): ({ text: string } | { code: string })[] | undefined {
  const out: ({ text: string } | { code: string })[] = [];
  let i = 0;
  let literal = '';
  while (i < text.length) {
    const rel = text.slice(i).search(/[$%]\{/);
    if (rel < 0) break;
    const start = i + rel;
    if (start > 0 && text[start - 1] === text[start]) {
      literal += text.slice(i, start - 1) + text.slice(start, start + 2);
      i = start + 2;
      continue;
    }
    if (text[start] === '%') return undefined;
    literal += text.slice(i, start);
    if (literal) out.push({ text: literal });
    literal = '';
    const end = matchingBrace(text, start + 2);
    out.push({ code: text.slice(start + 2, end).replace(/^~|~$/g, '') });
    i = end + 1;
  }
  literal += text.slice(i);
  if (literal) out.push({ text: literal });
  return out;
}

/**
 * Drops targets that are a prefix of another target of the same expression: Terraform lists
 * `azurerm_x.y.primary_key` and `azurerm_x.y` both for one traversal.
 */
export function dropPrefixes(targets: string[]): string[] {
  // Most lists hold one or two targets: no Set, and no `${t}.` string built per pair.
  const unique = targets.length < 2 ? targets.slice() : [...new Set(targets)];
  if (unique.length < 2) return unique;
  return unique.filter((t) => !unique.some((o) => refines(o, t)));
}

/** `o` names a part of `t`: `t.attr` or `t[key]`. */
function refines(o: string, t: string): boolean {
  if (o.length <= t.length || !o.startsWith(t)) return false;
  const c = o.charCodeAt(t.length);
  return c === 46 /* . */ || c === 91 /* [ */;
}

/**
 * The tree of documents the policy defines: each node is a path below `data`; a node may hold one
 * rule group (all definitions of the same rule path across modules) and child nodes.
 */
import { CompileError, unsupported, type Location, type Rule, type Term } from '../ast';

export type RuleKind = Rule['kind'];

export interface RuleGroup {
  /** Path below `data`, e.g. ['terraform', 'deny']. */
  path: string[];
  kind: RuleKind;
  /** Non-default definitions, in source order (modules in the order given). */
  definitions: Rule[];
  defaultRule?: Rule;
  /** Number of user arguments (functions only). */
  arity: number;
  loc: Location;
}

export interface RuleNode {
  path: string[];
  group?: RuleGroup;
  children: Map<string, RuleNode>;
  /** A package is declared at this path: its document is defined (`{}` without rules or data). */
  package?: boolean;
  /**
   * A package of queries (the conformance harness's wrapper): entrypoints reach it by name, but it
   * is not part of the documents above it, as a query OPA evaluates is not part of `data`.
   */
  hidden?: boolean;
}

export function newNode(path: string[]): RuleNode {
  return { path, children: new Map() };
}

export function dataName(path: string[]): string {
  return ['data', ...path].join('.');
}

/**
 * How many elements of a rule's ref name its document: all of them for complete rules, sets and
 * functions; for object rules (`p[k] := v`, `a.b[x].c[y] := v`) the ground prefix up to the first
 * element that is not a string. The elements after it are the rule's key path.
 */
export function groundPrefixLength(rule: Rule): number {
  if (groupKind(rule) !== 'partialObject') return rule.ref.length;
  const i = rule.ref.findIndex((t, j) => j > 0 && t.type !== 'string');
  return i < 0 ? rule.ref.length - 1 : i;
}

/**
 * The kind of the document a rule contributes to: a multi-value rule with variables in its ref
 * (`a[x].b contains y`) adds to the sets at the leaves of an object, as object rules do.
 */
export function groupKind(rule: Rule): RuleKind {
  if (rule.kind === 'partialSet' && rule.ref.some((t, j) => j > 0 && t.type !== 'string')) return 'partialObject';
  return rule.kind;
}

/** The key path of an object rule below its document (`[k]` for `p[k] := v`, `[x, "b"]` for `a[x].b contains y`). */
export function objectKeyPath(rule: Rule): Term[] {
  return rule.ref.slice(groundPrefixLength(rule));
}

/** The document path a rule defines: the package plus the ground part of its ref. */
export function rulePath(pkg: string[], rule: Rule): string[] {
  const ref = rule.ref.slice(0, groundPrefixLength(rule));
  const names = ref.map((t: Term, i) => {
    if (t.type === 'string') return t.value;
    if (i === 0 && t.type === 'var') return t.name;
    throw unsupported(t.loc, 'rule head reference with a variable before its last element');
  });
  return [...pkg, ...names];
}

/**
 * The name a ground key of a `data` ref has in the document tree: a string, or an integer literal
 * (OPA reads `data[2]` as `data["2"]`: document paths are strings).
 */
export function dataKeyName(el: Term): string | undefined {
  if (el.type === 'string') return el.value;
  if (el.type === 'number' && /^(0|[1-9][0-9]*)$/.test(el.text)) return el.text;
  return undefined;
}

function nestedRules(rule: Rule, other: RuleGroup): CompileError {
  return unsupported(rule.loc, `rules defined both at and below a path (${dataName(other.path)})`);
}

export class RuleTree {
  readonly root = newNode([]);
  readonly groups: RuleGroup[] = [];

  add(path: string[], rule: Rule): void {
    const kind = groupKind(rule);
    let node = this.root;
    for (const name of path) {
      // An object rule's document may have rules below it (`p[k] := v` and `p.q := 1`): its value
      // is the object of both. Anything else at and below a path is not supported.
      if (node.group && !(node.group.kind === 'partialObject' && kind !== 'function')) throw nestedRules(rule, node.group);
      let next = node.children.get(name);
      if (!next) { next = newNode([...node.path, name]); node.children.set(name, next); }
      node = next;
    }
    if (!node.group && node.children.size > 0 && (kind !== 'partialObject' || RuleTree.groupsBelow(node).some((g) => g.kind === 'function'))) {
      throw nestedRules(rule, RuleTree.groupsBelow(node)[0]);
    }
    const arity = rule.args?.length ?? 0;
    if (!node.group) {
      node.group = { path, kind, definitions: [], arity, loc: rule.loc };
      this.groups.push(node.group);
    }
    const group = node.group;
    if (group.kind !== kind || group.arity !== arity) {
      throw new CompileError(rule.loc, `rego_type_error: conflicting rules ${dataName(path)} found`);
    }
    if (rule.isDefault) {
      if (group.defaultRule) throw new CompileError(rule.loc, `rego_type_error: multiple default rules ${dataName(path)} found`);
      group.defaultRule = rule;
    } else {
      group.definitions.push(rule);
    }
  }

  /** Declares a package: its document exists even without rules (`package a.b` alone: `data.a.b` is `{}`). */
  addPackage(path: string[], hidden = false): void {
    let node = this.root;
    for (const name of path) {
      if (node.group) return;
      let next = node.children.get(name);
      if (!next) { next = newNode([...node.path, name]); node.children.set(name, next); }
      node = next;
    }
    if (node.group) return;
    node.package = true;
    if (hidden) node.hidden = true;
  }

  /** The node at a path, if the policy defines anything there or below. */
  find(path: string[]): RuleNode | undefined {
    let node: RuleNode | undefined = this.root;
    for (const name of path) {
      node = node.children.get(name);
      if (!node) return undefined;
    }
    return node;
  }

  /** Every group at or below a node (not in hidden packages below it). */
  static groupsBelow(node: RuleNode, out: RuleGroup[] = []): RuleGroup[] {
    if (node.group) out.push(node.group);
    for (const child of node.children.values()) if (!child.hidden) RuleTree.groupsBelow(child, out);
    return out;
  }

  /**
   * The rule groups a `data` ref may read: walking its path, the group met first, or every group
   * below the point where the path stops; a dynamic element matches every child (`data[x].allow`
   * reads the `allow` documents of every package, not the rest).
   */
  groupsForRef(path: Term[]): RuleGroup[] {
    const out: RuleGroup[] = [];
    const match = (node: RuleNode, i: number): void => {
      if (node.group) { out.push(node.group); return; }
      if (i === path.length) { RuleTree.groupsBelow(node, out); return; }
      const name = dataKeyName(path[i]);
      if (name === undefined) { for (const child of node.children.values()) if (!child.hidden) match(child, i + 1); return; }
      const next = node.children.get(name);
      if (next) match(next, i + 1);
    };
    match(this.root, 0);
    return [...new Set(out)];
  }
}

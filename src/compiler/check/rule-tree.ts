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
}

export function newNode(path: string[]): RuleNode {
  return { path, children: new Map() };
}

export function dataName(path: string[]): string {
  return ['data', ...path].join('.');
}

/** The document path a rule defines: the package plus the ground part of its ref. */
export function rulePath(pkg: string[], rule: Rule): string[] {
  const ref = rule.kind === 'partialObject' ? rule.ref.slice(0, -1) : rule.ref;
  const names = ref.map((t: Term, i) => {
    if (t.type === 'string') return t.value;
    if (i === 0 && t.type === 'var') return t.name;
    throw unsupported(t.loc, 'rule head reference with a variable before its last element');
  });
  return [...pkg, ...names];
}

function nestedRules(rule: Rule, other: RuleGroup): CompileError {
  return unsupported(rule.loc, `rules defined both at and below a path (${dataName(other.path)})`);
}

export class RuleTree {
  readonly root = newNode([]);
  readonly groups: RuleGroup[] = [];

  add(path: string[], rule: Rule): void {
    let node = this.root;
    for (const name of path) {
      if (node.group) throw nestedRules(rule, node.group);
      let next = node.children.get(name);
      if (!next) { next = newNode([...node.path, name]); node.children.set(name, next); }
      node = next;
    }
    const arity = rule.args?.length ?? 0;
    if (!node.group && node.children.size > 0) throw nestedRules(rule, RuleTree.groupsBelow(node)[0]);
    if (!node.group) {
      node.group = { path, kind: rule.kind, definitions: [], arity, loc: rule.loc };
      this.groups.push(node.group);
    }
    const group = node.group;
    if (group.kind !== rule.kind || group.arity !== arity) {
      throw new CompileError(rule.loc, `rego_type_error: conflicting rules ${dataName(path)} found`);
    }
    if (rule.isDefault) {
      if (group.defaultRule) throw new CompileError(rule.loc, `rego_type_error: multiple default rules ${dataName(path)} found`);
      group.defaultRule = rule;
    } else {
      group.definitions.push(rule);
    }
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

  /** Every group at or below a node. */
  static groupsBelow(node: RuleNode, out: RuleGroup[] = []): RuleGroup[] {
    if (node.group) out.push(node.group);
    for (const child of node.children.values()) RuleTree.groupsBelow(child, out);
    return out;
  }

  /**
   * The rule groups a `data` ref may read: walking its ground prefix, the group met first, or
   * every group below the point where the path stops or becomes dynamic.
   */
  groupsForRef(path: Term[]): RuleGroup[] {
    let node = this.root;
    for (const el of path) {
      if (node.group) return [node.group];
      if (el.type !== 'string') return RuleTree.groupsBelow(node);
      const next = node.children.get(el.value);
      if (!next) return [];
      node = next;
    }
    return RuleTree.groupsBelow(node);
  }
}

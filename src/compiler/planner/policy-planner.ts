/** Plans whole documents: entrypoint Plans, one Func per rule group, Funcs for package documents. */
import type { Location, Rule, Term } from '../ast';
import { DATA, INPUT, type Block, type Func, type Local, type Operand, type Plan, type Policy, type Stmt } from '../ir';
import type { RuleGroup, RuleNode, RuleTree } from '../check';
import { objectKeyPath } from '../check/rule-tree';
import { BodyPlanner, NO_MOCKS, type Mocks, type PlanContext } from './body-planner';

const local = (l: Local): Operand => ({ kind: 'local', local: l });
const TRUE_TERM = (loc: Location): Term => ({ type: 'boolean', value: true, loc });

export class PolicyPlanner implements PlanContext {
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly files: string[] = [];
  private readonly builtins = new Map<string, number>();
  private readonly plans: Plan[] = [];
  private readonly funcs: Func[] = [];
  private readonly planned = new Set<string>();
  private readonly mockIds = new Map<string, number>();
  private readonly invariantCalls = new Map<string, string>();
  private readonly constants = new Map<string, string>();
  private readonly pending: (() => void)[] = [];

  constructor(private readonly tree: RuleTree) {}

  get root(): RuleNode { return this.tree.root; }
  findNode(path: string[]): RuleNode | undefined { return this.tree.find(path); }

  string(value: string): number {
    let i = this.stringIndex.get(value);
    if (i === undefined) { i = this.strings.length; this.strings.push(value); this.stringIndex.set(value, i); }
    return i;
  }

  loc(l: Location): { file: number; row: number; col: number } {
    let file = this.files.indexOf(l.file);
    if (file < 0) { file = this.files.length; this.files.push(l.file); }
    return { file, row: l.row, col: l.col };
  }

  private nextId = 0;
  uniqueId(): number {
    return this.nextId++;
  }

  builtin(name: string, arity: number): void {
    this.builtins.set(name, arity);
  }

  /** Suffix naming a mock context (`with f as g` in effect); '' when none. */
  private mockSuffix(mocks: Mocks): string {
    if (mocks.size === 0) return '';
    const key = mocksKey(mocks);
    let id = this.mockIds.get(key);
    if (id === undefined) { id = this.mockIds.size; this.mockIds.set(key, id); }
    return `@m${id}`;
  }

  ruleFunc(node: RuleNode, mocks: Mocks = NO_MOCKS): string {
    const name = `g0.${['data', ...node.path].join('.')}${this.mockSuffix(mocks)}`;
    if (!this.planned.has(name)) {
      this.planned.add(name);
      const group = node.group!;
      this.pending.push(() => this.funcs.push(this.planGroup(name, group, mocks)));
    }
    return name;
  }

  documentFunc(node: RuleNode, mocks: Mocks = NO_MOCKS, pattern?: (string | null)[]): string {
    const pruned = pattern !== undefined && prunes(node, pattern) ? pattern : undefined;
    const name = `doc.${['data', ...node.path].join('.')}${pruned ? JSON.stringify(pruned) : ''}${this.mockSuffix(mocks)}`;
    if (!this.planned.has(name)) {
      this.planned.add(name);
      this.pending.push(() => this.funcs.push(this.planDocument(name, node, mocks, pruned)));
    }
    return name;
  }

  invariantCallFunc(node: RuleNode, args: Term[], mocks: Mocks = NO_MOCKS): string {
    const target = this.ruleFunc(node, mocks);
    const key = `${target}(${args.map(termKey).join(',')})`;
    let name = this.invariantCalls.get(key);
    if (!name) {
      name = `${target}#${this.invariantCalls.size}`;
      this.invariantCalls.set(key, name);
      const fname = name;
      this.pending.push(() => {
        const b = new BodyPlanner(this, 2, mocks);
        const result = b.newLocal();
        // Planned as a plain call: inside this Func the arguments are still invariant, so bypass the hoisting.
        const block = b.block(() => b.planTerms(args, (ops) => {
          const value = b.newLocal();
          b.emit({ type: 'Call', func: target, args: [local(INPUT), local(DATA), ...ops], result: value, loc: this.loc(args[0].loc) });
          b.emit({ type: 'AssignVar', source: local(value), target: result });
        }));
        this.funcs.push({ name: fname, path: [], params: [INPUT, DATA], result, blocks: [block], memoize: true });
      });
    }
    return name;
  }

  constantFunc(t: Term): string {
    const key = termKey(t);
    let name = this.constants.get(key);
    if (!name) {
      name = `const#${this.constants.size}`;
      this.constants.set(key, name);
      const fname = name;
      this.pending.push(() => {
        const b = new BodyPlanner(this, 2);
        const result = b.newLocal();
        const block = b.block(() => b.planTermNow(t, (v) => b.emit({ type: 'AssignVar', source: v, target: result })));
        this.funcs.push({ name: fname, path: [], params: [INPUT, DATA], result, blocks: [block], memoize: true });
      });
    }
    return name;
  }

  planEntrypoint(path: string[]): void {
    const b = new BodyPlanner(this, 2);
    const block = b.block(() => b.planDataRef(path.map((value) => ({ type: 'string', value, loc: ENTRY_LOC })), (value) => {
      const result = b.newLocal();
      b.emit({ type: 'MakeObject', target: result });
      b.emit({ type: 'ObjectInsert', key: { kind: 'string', index: this.string('result') }, value, object: result });
      b.emit({ type: 'ResultSetAdd', value: result });
    }));
    this.plans.push({ name: path.join('/'), blocks: [block] });
  }

  finish(): Policy {
    while (this.pending.length > 0) this.pending.shift()!();
    return {
      static: {
        strings: this.strings,
        builtinFuncs: [...this.builtins].map(([name, arity]) => ({ name, arity })),
        files: this.files,
      },
      plans: this.plans,
      funcs: this.funcs,
    };
  }

  /** The object of a package (or ref-head prefix): its rules and sub-documents over base data. */
  private planDocument(name: string, node: RuleNode, mocks: Mocks, pattern?: (string | null)[]): Func {
    const b = new BodyPlanner(this, 2, mocks);
    const object = b.newLocal();
    const result = b.newLocal();
    const blocks: Block[] = [{ stmts: [{ type: 'MakeObject', target: object }] }];
    for (const [key, child] of sortedChildren(node)) {
      if (!hasValues(child)) continue;
      const insert = (value: Operand): void => b.emit({ type: 'ObjectInsert', key: { kind: 'string', index: this.string(key) }, value, object });
      if (pattern && pattern.length > 0) {
        if (!matches(child, key, pattern)) continue;
        if (!child.group) {
          // Only the parts of the child that the rest of the pattern can reach.
          blocks.push(b.block(() => {
            const value = b.newLocal();
            b.emit({ type: 'Call', func: this.documentFunc(child, mocks, pattern.slice(1)), args: [local(INPUT), local(DATA)], result: value });
            insert(local(value));
          }));
          continue;
        }
      }
      blocks.push(b.block(() => b.planDataRef([{ type: 'string', value: key, loc: ENTRY_LOC }], insert, node)));
    }
    blocks.push({ stmts: [{ type: 'AssignVar', source: local(object), target: result }] });
    blocks.push(b.block(() => b.walkPath(local(DATA), node.path.map((value) => ({ type: 'string', value, loc: ENTRY_LOC })), 0, (base) => {
      const merged = b.newLocal();
      // Where base data and a rule both define a key, OPA's document shows the base value.
      b.emit({ type: 'ObjectMerge', a: b.toLocal(base), b: object, target: merged });
      b.emit({ type: 'AssignVar', source: local(merged), target: result });
    })));
    return { name, path: node.path, params: [INPUT, DATA], result, blocks, memoize: true };
  }

  private planGroup(name: string, group: RuleGroup, mocks: Mocks): Func {
    const params = [INPUT, DATA];
    for (let i = 0; i < group.arity; i++) params.push(2 + i);
    const b = new BodyPlanner(this, params.length, mocks);
    const result = b.newLocal();
    const blocks: Block[] = [];
    const at = (rule: Rule | { loc: Location }) => this.loc(rule.loc);
    switch (group.kind) {
      case 'partialSet':
        blocks.push({ stmts: [{ type: 'MakeSet', target: result }] });
        for (const rule of group.definitions) {
          blocks.push(this.ruleBlock(b, rule, rule.body, () => b.planTerm(rule.key!, (value) => b.emit({ type: 'SetAdd', value, set: result }))));
        }
        break;
      case 'partialObject': {
        blocks.push({ stmts: [{ type: 'MakeObject', target: result }] });
        for (const rule of group.definitions) {
          const keys = objectKeyPath(rule);
          const leaf = rule.kind === 'partialSet' ? rule.key! : rule.value ?? TRUE_TERM(rule.loc);
          blocks.push(this.ruleBlock(b, rule, rule.body, () => b.planTerms([...keys, leaf], (ops) => {
            const value = ops[ops.length - 1];
            if (rule.kind !== 'partialSet' && keys.length === 1) {
              b.emit({ type: 'ObjectInsertOnce', key: ops[0], value, object: result, loc: at(rule) });
              return;
            }
            // `a[x].b[y] := v`: v at the path [x, "b", y] of the object; `a[x].b contains v`: v added
            // to the set there (the runtime makes the objects on the way and reports conflicts).
            const path = b.newLocal();
            b.emit({ type: 'MakeArray', capacity: keys.length, target: path });
            for (const key of ops.slice(0, -1)) b.emit({ type: 'ArrayAppend', value: key, array: path });
            const func = rule.kind === 'partialSet' ? 'internal.ref_add' : 'internal.ref_insert';
            b.emit({ type: 'Call', func, args: [local(result), local(path), value], result: b.newLocal(), loc: at(rule) });
          })));
        }
        // Rules below the object's path (`p[k] := v` and `p.q := 1`) add their documents to it.
        const node = this.tree.find(group.path);
        for (const [key, child] of sortedChildren(node)) {
          if (!hasValues(child)) continue;
          blocks.push(b.block(() => b.planDataRef([], (value) => b.emit({
            type: 'Call', func: 'internal.ref_merge', args: [local(result), { kind: 'string', index: this.string(key) }, value], result: b.newLocal(), loc: at(group),
          }), child)));
        }
        break;
      }
      case 'complete': case 'function': {
        const message = group.kind === 'function' ? 'function' : 'rule';
        for (const rule of group.definitions) {
          const alternatives = [{ value: rule.value, body: rule.body, loc: rule.loc }, ...(rule.else ?? [])];
          if (alternatives.length === 1) {
            const value = rule.value ?? TRUE_TERM(rule.loc);
            blocks.push(this.ruleBlock(b, rule, rule.body, () => b.planTerm(value, (v) => {
              b.emit({ type: 'AssignVarOnce', source: v, target: result, message, loc: at(rule) });
              // A constant value cannot conflict with itself: stop at the first success.
              if (isScalar(value)) b.emit({ type: 'Break', index: b.depth - 1 });
            })));
            continue;
          }
          const chosen = b.newLocal();
          alternatives.forEach((alt, i) => {
            blocks.push(this.ruleBlock(b, rule, alt.body, () => b.planTerm(alt.value ?? TRUE_TERM(alt.loc), (v) =>
              b.emit({ type: 'AssignVarOnce', source: v, target: chosen, message, loc: at(alt) })), i > 0 ? [{ type: 'IsUndefined', source: chosen }] : []));
          });
          blocks.push({ stmts: [
            { type: 'IsDefined', source: chosen },
            { type: 'AssignVarOnce', source: local(chosen), target: result, message, loc: at(rule) },
          ] });
        }
        const dflt = group.defaultRule;
        if (dflt) {
          blocks.push(this.ruleBlock(b, dflt, [], () => b.planTerm(dflt.value ?? TRUE_TERM(dflt.loc), (v) =>
            b.emit({ type: 'AssignVar', source: v, target: result })), [{ type: 'IsUndefined', source: result }]));
        }
        break;
      }
    }
    return { name, path: group.path, params, result, blocks, memoize: group.kind !== 'function' };
  }

  /** One rule body in its own block and scope: bind the arguments, run the body, then `onSuccess`. */
  private ruleBlock(b: BodyPlanner, rule: Rule, body: Rule['body'], onSuccess: () => void, prefix: Stmt[] = []): Block {
    return b.block(() => b.scoped(() => {
      prefix.forEach((s) => b.emit(s));
      const args = rule.args ?? [];
      const bind = (i: number): void => {
        if (i === args.length) { b.planBody(body, onSuccess); return; }
        b.planUnifyValue(args[i], local(2 + i), () => bind(i + 1));
      };
      bind(0);
    }));
  }
}

const ENTRY_LOC: Location = { file: '<entrypoint>', row: 1, col: 1 };

function mocksKey(mocks: Mocks): string {
  return JSON.stringify([...mocks].sort(([a], [b]) => (a < b ? -1 : 1)), (k, v) => (k === 'loc' ? undefined : v));
}

/** A location-free canonical text of a term (for deduplicating invariant calls). */
function termKey(t: Term): string {
  return JSON.stringify(t, (k, v) => (k === 'loc' ? undefined : v));
}

function isScalar(t: Term): boolean {
  return t.type === 'boolean' || t.type === 'string' || t.type === 'number' || t.type === 'null';
}

/** Can the rules at or below `child` (key `key` of its parent) define a document at `pattern`? */
function matches(child: RuleNode, key: string, pattern: (string | null)[]): boolean {
  if (pattern[0] !== null && pattern[0] !== key) return false;
  const below = (node: RuleNode, rest: (string | null)[]): boolean => {
    if (node.group || rest.length === 0) return true;
    return sortedChildren(node).some(([k, c]) => (rest[0] === null || rest[0] === k) && below(c, rest.slice(1)));
  };
  return below(child, pattern.slice(1));
}

/** Does `pattern` leave out some rule below `node`? */
function prunes(node: RuleNode, pattern: (string | null)[]): boolean {
  if (pattern.length === 0) return false;
  return sortedChildren(node).some(([k, c]) => hasValues(c) && (!matches(c, k, pattern) || (!c.group && prunes(c, pattern.slice(1)))));
}

/** The children that are part of a node's document, in key order (hidden query packages are not). */
function sortedChildren(node: RuleNode | undefined): [string, RuleNode][] {
  return [...(node?.children ?? [])].filter(([, c]) => !c.hidden).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Functions are not part of documents; every other node is (a package of only functions is `{}`). */
function hasValues(node: RuleNode): boolean {
  return node.group?.kind !== 'function';
}


/** Lexical scopes of the planner: which variables are bound, and to which operand. */
import type { Operand } from '../ir';

export class Scope {
  private readonly vars = new Map<string, Operand>();
  private readonly shadowed = new Set<string>();

  constructor(readonly parent?: Scope) {}

  lookup(name: string): Operand | undefined {
    const own = this.vars.get(name);
    if (own) return own;
    if (this.shadowed.has(name)) return undefined;
    return this.parent?.lookup(name);
  }

  bind(name: string, value: Operand): void {
    this.vars.set(name, value);
  }

  /** `some x`, `x :=`, `some x in`: a fresh variable of this scope, hiding outer ones. */
  declare(name: string): void {
    this.vars.delete(name);
    this.shadowed.add(name);
  }

  child(): Scope {
    return new Scope(this);
  }
}

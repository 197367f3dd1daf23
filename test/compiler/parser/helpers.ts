/** Test helpers: parse snippets and compare ASTs without locations. */
import type { Body, Expr, Module, Rule, Term } from '../../../src/compiler/ast';
import { CompileError } from '../../../src/compiler/ast';
import { parseModule, parseQuery } from '../../../src/compiler/parser';

/** Deep copy without `loc` fields. */
export function strip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'loc' ? undefined : v))) as T;
}

export function mod(source: string): Module {
  return parseModule(`package test\n${source}`, 'test.rego');
}

export function rules(source: string): Rule[] {
  return strip(mod(source).rules);
}

export function query(source: string): Body {
  return strip(parseQuery(source, 'q.rego'));
}

/** The single term of a one-expression query. */
export function term(source: string): Term {
  const body = query(source);
  expect(body).toHaveLength(1);
  const e = body[0] as Extract<Expr, { type: 'term' }>;
  expect(e.type).toBe('term');
  return e.term;
}

/** The CompileError thrown by `fn` (fails the test when none or another error is thrown). */
export function compileError(fn: () => unknown): CompileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error('expected a CompileError');
}

// Small constructors for expected ASTs.
export const v = (name: string): Term => ({ type: 'var', name }) as Term;
export const s = (value: string): Term => ({ type: 'string', value }) as Term;
export const n = (text: string): Term => ({ type: 'number', text }) as Term;
export const nul = { type: 'null' } as Term;
export const b = (value: boolean): Term => ({ type: 'boolean', value }) as Term;
export const call = (op: string, ...args: Term[]): Term => ({ type: 'call', operator: op.split('.'), args }) as Term;
export const ref = (head: Term, ...path: Term[]): Term => ({ type: 'ref', head, path }) as Term;
export const input = (...path: string[]): Term => ref(v('input'), ...path.map(s));
export const data = (...path: string[]): Term => ref(v('data'), ...path.map(s));
export const arr = (...items: Term[]): Term => ({ type: 'array', items }) as Term;
export const set = (...items: Term[]): Term => ({ type: 'set', items }) as Term;
export const obj = (...items: [Term, Term][]): Term => ({ type: 'object', items }) as Term;
export const lit = (t: Term, negated = false): Expr => ({ type: 'term', term: t, negated, with: [] }) as unknown as Expr;

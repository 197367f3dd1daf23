import type { Expr } from '../../../src/compiler/ast';
import { checkModules } from '../../../src/compiler/check';
import { parseModule } from '../../../src/compiler/parser';
import { compileError, planSources } from '../support/rego';

/** The body of rule `name` after checking, each expression shown by its first source column. */
function reorderedColumns(src: string, path: string[]): number[] {
  const { tree } = checkModules([parseModule(src, 'c.rego')]);
  const group = tree.find(path)!.group!;
  return group.definitions[0].body.map((e: Expr) => e.loc.col);
}

describe('checker: reordering for safety', () => {
  it('keeps source order when it is already safe', () => {
    expect(reorderedColumns('package t\np if { x := 1; y := x; y > 0 }', ['t', 'p'])).toEqual([8, 16, 24]);
  });

  it('schedules an expression once its inputs are bound', () => {
    expect(reorderedColumns('package t\np if { y > 1; y = z + 1; z = input.v }', ['t', 'p'])).toEqual([26, 15, 8]);
  });

  it('waits for variables captured by comprehensions and negations', () => {
    expect(reorderedColumns('package t\np if { not x == 1; ys := [y | y := x]; x = input.v }', ['t', 'p'])).toEqual([40, 8, 20]);
  });

  it('binds the output argument of a call form', () => {
    expect(reorderedColumns('package t\np if { n > 1; count(input.xs, n) }', ['t', 'p'])).toEqual([15, 8]);
  });
});

describe('checker: compile errors with positions', () => {
  it.each([
    ['package t\np if { x > 1 }', 'm0.rego:2:8: rego_unsafe_var_error: var x is unsafe'],
    ['package t\np := y if { x := 1 }', 'm0.rego:2:6: rego_unsafe_var_error: var y is unsafe'],
    ['package t\np if { not input.xs[_] }', 'm0.rego:2:8: rego_unsafe_var_error: expression is unsafe'],
    ['package t\np if { not q[x] }\nq contains 1', 'm0.rego:2:14: rego_unsafe_var_error: var x is unsafe'],
    ['package t\np := [x | x > 1]', 'm0.rego:2:11: rego_unsafe_var_error: var x is unsafe'],
    ['package t\nf(x) := y', 'm0.rego:2:9: rego_unsafe_var_error: var y is unsafe'],
    ['package t\np contains x if { some x; x > 1 }', 'm0.rego:2:27: rego_unsafe_var_error: var x is unsafe'],
    ['package t\np if q\nq if p', 'm0.rego:2:1: rego_recursion_error: rule data.t.p is recursive: data.t.p -> data.t.q -> data.t.p'],
    ['package t\np if { data.t[_] }', 'm0.rego:2:1: rego_recursion_error: rule data.t.p is recursive: data.t.p -> data.t.p'],
    ['package t\np := {x | some y in [1]}', 'm0.rego:2:7: rego_unsafe_var_error: var x is unsafe'],
    ['package t\np := [v | some v in xs] if xs := [1]\nq := p', 'ok'],
    ['package t\np if { some x; input.a }', 'm0.rego:2:13: rego_compile_error: declared var x unused'],
    ['package t\np if { foo(1) }', 'm0.rego:2:8: rego_type_error: undefined function foo'],
    ['package t\np if { data.lib.nope(1) }', 'm0.rego:2:8: rego_type_error: undefined function data.lib.nope'],
    ['package t\np if { x := 1; x := 2 }', 'm0.rego:2:16: rego_compile_error: var x assigned above'],
    ['package t\np if { q with data.t.q.x as 1 }\nq := 2', 'm0.rego:2:10: unsupported: with on a document defined by rules'],
    ['package t\np if { count([]) with count as nope.fn }', 'm0.rego:2:18: rego_type_error: undefined function nope.fn'],
    ['package t\np := 1\np contains 2', 'm0.rego:3:1: rego_type_error: conflicting rules data.t.p found'],
    ['package t\ndefault p := 1\ndefault p := 2', 'm0.rego:3:1: rego_type_error: multiple default rules data.t.p found'],
    ['package t\np := http.send({"url": "x"}).body', 'm0.rego:2:6: unsupported: builtin http.send'],
    ['package t\np := x if { x := rand.intn("a", 10) }', 'm0.rego:2:18: unsupported: builtin rand.intn'],
    ['package t\nq[x].r contains 1 if x := "a"\nq.b := 2', 'ok'],
    ['package t\np := 1 + 1\nq.r := 1\nq := 2', 'm0.rego:4:1: unsupported: rules defined both at and below a path (data.t.q.r)'],
  ])('%j', (src, message) => {
    if (message === 'ok') expect(() => planSources([src], ['t/q'])).not.toThrow();
    else expect(compileError(src, 't/p')).toBe(message);
  });

  it('reports the position in the file that holds the rule', () => {
    expect(compileError(['package a\nok := 1', 'package b\n\nbad if { z }'], 'b/bad')).toBe('m1.rego:3:10: rego_unsafe_var_error: var z is unsafe');
  });
});

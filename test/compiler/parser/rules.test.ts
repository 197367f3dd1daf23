import type { Rule } from '../../../src/compiler/ast';
import { arr, b, call, input, mod, n, rules, s, v } from './helpers';

const t = (term: unknown) => ({ type: 'term', term, negated: false, with: [] });

describe('package and imports', () => {
  it('reads the package path without data and the imports with aliases', () => {
    const m = mod('import rego.v1\nimport future.keywords.in\nimport future.keywords\nimport data.lib.tf\nimport input.resources as res\nimport data.x["y"]');
    expect(m.package).toEqual(['test']);
    expect(m.imports.map((i) => [i.path, i.alias])).toEqual([
      [['rego', 'v1'], undefined],
      [['future', 'keywords', 'in'], undefined],
      [['future', 'keywords'], undefined],
      [['data', 'lib', 'tf'], undefined],
      [['input', 'resources'], 'res'],
      [['data', 'x', 'y'], undefined],
    ]);
  });

  it('accepts dotted and bracketed package paths', () => {
    const { parseModule } = jest.requireActual('../../../src/compiler/parser');
    expect(parseModule('package terraform.azure["acr"]\n', 'p.rego').package).toEqual(['terraform', 'azure', 'acr']);
  });
});

describe('rule kinds', () => {
  it('parses constants with := and =', () => {
    expect(rules('p := 1\nq = "a"')).toEqual([
      { ref: [s('p')], kind: 'complete', assign: true, isDefault: false, body: [], value: n('1') },
      { ref: [s('q')], kind: 'complete', assign: false, isDefault: false, body: [], value: s('a') },
    ]);
  });

  it('parses `p if { }` with value true, and single-expression bodies after if', () => {
    expect(rules('p if {\n  input.x\n  input.y == 1\n}\nq if input.z')).toEqual([
      {
        ref: [s('p')], kind: 'complete', assign: false, isDefault: false, value: b(true),
        body: [t(input('x')), t(call('equal', input('y'), n('1')))],
      },
      { ref: [s('q')], kind: 'complete', assign: false, isDefault: false, value: b(true), body: [t(input('z'))] },
    ]);
  });

  it('reads `if { x }` as a body, not a set literal', () => {
    expect(rules('p if { input.x }')[0].body).toEqual([t(input('x'))]);
  });

  it('parses `p := v if { }` and default rules', () => {
    expect(rules('default allow := false\nallow := true if { input.ok }')).toEqual([
      { ref: [s('allow')], kind: 'complete', assign: true, isDefault: true, body: [], value: b(false) },
      { ref: [s('allow')], kind: 'complete', assign: true, isDefault: false, value: b(true), body: [t(input('ok'))] },
    ]);
  });

  it('parses multi-value rules with contains', () => {
    expect(rules('deny contains msg if {\n  msg := "x"\n}\nitems contains 1')).toEqual([
      {
        ref: [s('deny')], kind: 'partialSet', assign: false, isDefault: false, key: v('msg'),
        body: [{ type: 'assign', left: v('msg'), right: s('x'), negated: false, with: [] }],
      },
      { ref: [s('items')], kind: 'partialSet', assign: false, isDefault: false, key: n('1'), body: [] },
    ]);
  });

  it('parses partial objects and ref heads', () => {
    expect(rules('p[k] := v if { some k, v in input.o }\na.b.c := 1\na.b[x] := y if { x := "k"; y := 2 }\nq[x] if x := 1')).toEqual([
      {
        ref: [s('p'), v('k')], kind: 'partialObject', assign: true, isDefault: false, value: v('v'),
        body: [{ type: 'somein', key: v('k'), value: v('v'), collection: input('o'), negated: false, with: [] }],
      },
      { ref: [s('a'), s('b'), s('c')], kind: 'complete', assign: true, isDefault: false, body: [], value: n('1') },
      {
        ref: [s('a'), s('b'), v('x')], kind: 'partialObject', assign: true, isDefault: false, value: v('y'),
        body: [
          { type: 'assign', left: v('x'), right: s('k'), negated: false, with: [] },
          { type: 'assign', left: v('y'), right: n('2'), negated: false, with: [] },
        ],
      },
      {
        ref: [s('q'), v('x')], kind: 'partialObject', assign: false, isDefault: false, value: b(true),
        body: [{ type: 'assign', left: v('x'), right: n('1'), negated: false, with: [] }],
      },
    ]);
  });

  it('parses functions with patterns, bodies and default values', () => {
    expect(rules('f(x, [a, _]) := z if { z := x + a }\ng(x) if x > 1\ndefault h(_) := 0')).toEqual([
      {
        ref: [s('f')], kind: 'function', assign: true, isDefault: false, args: [v('x'), arr(v('a'), v('$_0'))], value: v('z'),
        body: [{ type: 'assign', left: v('z'), right: call('plus', v('x'), v('a')), negated: false, with: [] }],
      },
      { ref: [s('g')], kind: 'function', assign: false, isDefault: false, args: [v('x')], value: b(true), body: [t(call('gt', v('x'), n('1')))] },
      { ref: [s('h')], kind: 'function', assign: true, isDefault: true, args: [v('$_1')], value: n('0'), body: [] },
    ]);
  });

  it('parses else chains', () => {
    const [r] = rules('f(x) := "a" if {\n  x == 1\n} else := "b" if {\n  x == 2\n} else := "c"\n');
    expect(r.else).toEqual([
      { value: s('b'), body: [t(call('equal', v('x'), n('2')))] },
      { value: s('c'), body: [] },
    ]);
    const [p] = rules('p := 1 if input.a else if input.b');
    expect(p.else).toEqual([{ value: b(true), body: [t(input('b'))] }]);
  });

  it('keeps several definitions of one rule name', () => {
    const rs = rules('p if input.a\np if input.b\nq if { input.c } { input.d }');
    expect(rs.map((r) => [r.ref, r.body])).toEqual([
      [[s('p')], [t(input('a'))]],
      [[s('p')], [t(input('b'))]],
      [[s('q')], [t(input('c'))]],
      [[s('q')], [t(input('d'))]],
    ]);
  });

  it('records rule locations', () => {
    const m = mod('\n  p := 1\nq contains x if x := 1');
    expect(m.rules.map((r: Rule) => [r.loc.row, r.loc.col])).toEqual([[3, 3], [4, 1]]);
    expect(m.loc).toEqual({ file: 'test.rego', row: 1, col: 1 });
  });

  it('ignores comments anywhere', () => {
    expect(rules('# c\np := [ # one\n  1, # two\n] # end')).toEqual([
      { ref: [s('p')], kind: 'complete', assign: true, isDefault: false, body: [], value: arr(n('1')) },
    ]);
  });

  it('parses a realistic policy', () => {
    const m = mod(`
import rego.v1
import data.lib.tf

# Registries must not allow anonymous pulls.
deny contains msg if {
	some r in tf.resources("azurerm_container_registry")
	r.values.anonymous_pull_enabled == true
	not exempt(r)
	msg := sprintf("%s: anonymous pull is enabled", [r.address])
}

exempt(r) if r.address in {"a", "b"}

by_type := {t: count(rs) | some t in types; rs := [r | some r in input.resources; r.type == t]}
`);
    expect(m.rules.map((r) => [r.kind, (r.ref[0] as { value: string }).value])).toEqual([
      ['partialSet', 'deny'],
      ['function', 'exempt'],
      ['complete', 'by_type'],
    ]);
    expect(m.rules[2].value?.type).toBe('objectcomp');
    expect((m.rules[0].body[2] as { negated: boolean }).negated).toBe(true);
  });
});

describe('more rule heads', () => {
  it('parses multi-value ref heads and string-keyed heads', () => {
    expect(rules('a.b contains x if x := 1\np["k-1"] := 2')).toEqual([
      {
        ref: [s('a'), s('b')], kind: 'partialSet', assign: false, isDefault: false, key: v('x'),
        body: [{ type: 'assign', left: v('x'), right: n('1'), negated: false, with: [] }],
      },
      { ref: [s('p'), s('k-1')], kind: 'complete', assign: true, isDefault: false, body: [], value: n('2') },
    ]);
  });

  it('parses dotted function names', () => {
    expect(rules('lib.f(x) := x')).toEqual([
      { ref: [s('lib'), s('f')], kind: 'function', assign: true, isDefault: false, args: [v('x')], value: v('x'), body: [] },
    ]);
  });

  it('accepts the body on following lines and rules separated by blank lines', () => {
    const rs = rules('p := x if {\n\n  x := 1\n\n}\n\n\nq if p');
    expect(rs.map((r) => (r.ref[0] as { value: string }).value)).toEqual(['p', 'q']);
  });
});

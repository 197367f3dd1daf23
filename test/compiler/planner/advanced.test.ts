import { evalRego, valueOf } from '../support/rego';

describe('planner: else, partial objects, ref heads, every, unification, conflicts', () => {
  it('walks else chains in order', () => {
    const src = `package t
level := "high" if { input.n > 10 } else := "mid" if { input.n > 5 } else := "low"
f(x) := 1 if x == "a" else := 2`;
    expect(valueOf(src, 't/level', { input: { n: 11 } })).toBe('high');
    expect(valueOf(src, 't/level', { input: { n: 6 } })).toBe('mid');
    expect(valueOf(src, 't/level', { input: { n: 1 } })).toBe('low');
    expect(valueOf(src + '\nr := [f("a"), f("b")]', 't/r')).toEqual([1, 2]);
  });

  it('builds partial objects and ref-head documents', () => {
    const src = `package t
by_name[r.name] := r.type if { some r in input.resources }
a.b.c := 1
a.b.d := 2 if input.two
a.e[k] := v if { some k, v in {"x": 1} }
tags contains t if { t := input.tags[_] }`;
    const input = { resources: [{ name: 'a', type: 'x' }, { name: 'b', type: 'y' }], two: true, tags: ['p', 'q'] };
    expect(valueOf(src, 't/by_name', { input })).toEqual({ a: 'x', b: 'y' });
    expect(valueOf(src, 't/a', { input })).toEqual({ b: { c: 1, d: 2 }, e: { x: 1 } });
    expect(valueOf(src, 't/a/b/c', { input })).toBe(1);
    expect(valueOf(src, 't/a/b', { input: {} })).toEqual({ c: 1 });
    expect(valueOf(src, 't/by_name/b', { input })).toBe('y');
  });

  it('evaluates every over arrays, objects and empty domains', () => {
    const src = `package t
all_small if { every x in input.xs { x < 10 } }
all_kv if { every k, v in input.o { startswith(v, k) } }`;
    expect(valueOf(src, 't/all_small', { input: { xs: [1, 2, 3] } })).toBe(true);
    expect(valueOf(src, 't/all_small', { input: { xs: [1, 20, 3] } })).toBeUndefined();
    expect(valueOf(src, 't/all_small', { input: { xs: [] } })).toBe(true);
    expect(valueOf(src, 't/all_small', { input: {} })).toBeUndefined();
    expect(valueOf(src, 't/all_kv', { input: { o: { a: 'ab', b: 'bc' } } })).toBe(true);
    expect(valueOf(src, 't/all_kv', { input: { o: { a: 'ab', b: 'cb' } } })).toBeUndefined();
  });

  it('unifies array and object patterns on either side', () => {
    const src = `package t
p := [a, b] if { [a, b] = input.pair }
q := x if { {"k": x} = input.obj }
r := y if { input.nested = [_, {"v": y}] }
s if { [1, z] = [w, 2]; z == 2; w == 1 }
u := k if { some [k, _] in input.pairs; k > 1 }
v := [m, n] if { {"a": m, "b": 2} = {"b": n, "a": input.pair[0]} }
mismatch if { {"a": m} = {"b": 1, "a": 2} }`;
    const input = { pair: [1, 2], obj: { k: 'v' }, nested: [0, { v: 9 }], pairs: [[1, 'a'], [2, 'b']] };
    expect(valueOf(src, 't/p', { input })).toEqual([1, 2]);
    expect(valueOf(src, 't/p', { input: { pair: [1, 2, 3] } })).toBeUndefined();
    expect(valueOf(src, 't/q', { input })).toBe('v');
    expect(valueOf(src, 't/q', { input: { obj: { k: 1, extra: 2 } } })).toBeUndefined();
    expect(valueOf(src, 't/r', { input })).toBe(9);
    expect(valueOf(src, 't/s')).toBe(true);
    expect(valueOf(src, 't/u', { input })).toBe(2);
    expect(valueOf(src, 't/v', { input })).toEqual([1, 2]);
    expect(valueOf(src, 't/mismatch', { input })).toBeUndefined();
  });

  it('reads virtual documents across packages, statically and dynamically', () => {
    const lib = 'package rules.a\ndeny contains "a1"';
    const lib2 = 'package rules.b\ndeny contains "b1"\ndeny contains "b2"';
    const main = `package main
all contains msg if { some name; msg := data.rules[name].deny[_] }
names contains name if { data.rules[name] }
direct := data.rules.b.deny`;
    const data = { rules: { c: { deny: ['c1'] } } };
    expect(valueOf([lib, lib2, main], 'main/all', { data })).toEqual(['a1', 'b1', 'b2', 'c1']);
    expect(valueOf([lib, lib2, main], 'main/names', { data })).toEqual(['a', 'b', 'c']);
    expect(valueOf([lib, lib2, main], 'main/direct', { data })).toEqual(['b1', 'b2']);
  });

  it('raises conflicts at run time', () => {
    expect(() => evalRego('package t\np := x if { some x in input.xs }', 't/p', { input: { xs: [1, 2] } })).toThrow(
      'eval_conflict_error: complete rules must not produce multiple outputs',
    );
    expect(valueOf('package t\np := x if { some x in input.xs }', 't/p', { input: { xs: [1, 1] } })).toBe(1);
    expect(() => evalRego('package t\nf(x) := 1\nf(x) := 2\np := f(0)', 't/p')).toThrow(
      'eval_conflict_error: functions must not produce multiple outputs for same inputs',
    );
    expect(() => evalRego('package t\no[k] := v if { some k, v in {"a": 1}}\no[k] := 2 if k := "a"', 't/o')).toThrow(
      'eval_conflict_error: object keys must be unique',
    );
    expect(() => evalRego('package t\np := 1\np := 2 if input.x', 't/p', { input: { x: true } })).toThrow('eval_conflict_error');
  });

  it('evaluates in and membership expressions', () => {
    const src = `package t
a if "x" in input.xs
b if { some i, "y" in input.xs; i == 1 }
c := [v | some v in input.xs; not v in {"x"}]`;
    const input = { xs: ['x', 'y'] };
    expect(valueOf(src, 't/a', { input })).toBe(true);
    expect(valueOf(src, 't/b', { input })).toBe(true);
    expect(valueOf(src, 't/c', { input })).toEqual(['y']);
  });

  it('replaces input and base data for one expression with `with`', () => {
    const src = `package t
allowed if input.user == "admin"
limit := data.config.limit
p := [a, b, c] if {
  a := allowed with input.user as "admin"
  b := object.get(input, "user", "none")
  c := limit with data.config.limit as 3
}
q if { not allowed with input as {"user": "guest"} }`;
    expect(valueOf(src, 't/p', { input: { user: 'bob' }, data: { config: { limit: 1 } } })).toEqual([true, 'bob', 3]);
    expect(valueOf(src, 't/limit', { data: { config: { limit: 1 } } })).toBe(1);
    expect(valueOf(src, 't/q', { input: { user: 'admin' } })).toBe(true);
  });

  it('mocks functions and rules with `with`', () => {
    const src = `package t
double(x) := x * 2
twice(x) := x + 100
n := count(input.xs)
uses := [double(3), n]
p := [a, b, c, d] if {
  a := uses with double as twice
  b := uses with count as 7
  c := uses with n as 0
  d := double(5) with double as 1
}
undefined_arg if { count(input.missing) with count as 1 }
per_value := [r | some v in [1, 2]; r := uses with count as v]`;
    expect(valueOf(src, 't/p', { input: { xs: [1, 2] } })).toEqual([[103, 2], [6, 7], [6, 0], 1]);
    expect(valueOf(src, 't/uses', { input: { xs: [1, 2] } })).toEqual([6, 2]);
    expect(valueOf(src, 't/undefined_arg', { input: {} })).toBeUndefined();
    expect(valueOf(src, 't/per_value', { input: { xs: [] } })).toEqual([[6, 1], [6, 2]]);
  });
});


import { valueOf } from '../support/rego';

const resources = {
  resources: [
    { type: 'azurerm_container_registry', name: 'acr1', admin_enabled: true, tags: { env: 'dev' } },
    { type: 'azurerm_key_vault', name: 'kv1', purge_protection: false },
    { type: 'azurerm_container_registry', name: 'acr2', admin_enabled: false },
  ],
};

describe('planner: packages, complete rules, partial sets', () => {
  it('plans a constant and a complete rule with a body', () => {
    const src = 'package t\nx := 7\nallow if { input.user == "alice" }\n';
    expect(valueOf(src, 't/x')).toBe(7);
    expect(valueOf(src, 't/allow', { input: { user: 'alice' } })).toBe(true);
    expect(valueOf(src, 't/allow', { input: { user: 'bob' } })).toBeUndefined();
    expect(valueOf(src, 'data.t.allow')).toBeUndefined();
  });

  it('uses the default value only when no body succeeds', () => {
    const src = 'package t\ndefault allow := false\nallow if input.ok\n';
    expect(valueOf(src, 't/allow', { input: { ok: true } })).toBe(true);
    expect(valueOf(src, 't/allow', { input: { ok: false } })).toBe(false);
    expect(valueOf(src, 't/allow', { input: {} })).toBe(false);
  });

  it('collects a partial set with some x in, sprintf and comparisons', () => {
    const src = `package t
deny contains msg if {
  some r in input.resources
  r.type == "azurerm_container_registry"
  r.admin_enabled
  msg := sprintf("%s: admin user enabled", [r.name])
}`;
    expect(valueOf(src, 't/deny', { input: resources })).toEqual(['acr1: admin user enabled']);
    expect(valueOf(src, 't/deny', { input: { resources: [] } })).toEqual([]);
    expect(valueOf(src, 't/deny', {})).toEqual([]);
  });

  it('iterates with unbound variables and wildcards in refs', () => {
    const src = `package t
names contains n if { input.resources[i].type == "azurerm_container_registry"; n := input.resources[i].name }
types contains t if { t := input.resources[_].type }
idx contains i if { input.resources[i].admin_enabled == false }`;
    expect(valueOf(src, 't/names', { input: resources })).toEqual(['acr1', 'acr2']);
    expect(valueOf(src, 't/types', { input: resources })).toEqual(['azurerm_container_registry', 'azurerm_key_vault']);
    expect(valueOf(src, 't/idx', { input: resources })).toEqual([2]);
  });

  it('negates with not, including rules that are undefined', () => {
    const src = `package t
has_tags(r) if r.tags
untagged contains r.name if { some r in input.resources; not has_tags(r) }
no_admin if { not any_admin }
any_admin if { input.resources[_].admin_enabled == true }`;
    expect(valueOf(src, 't/untagged', { input: resources })).toEqual(['acr2', 'kv1']);
    expect(valueOf(src, 't/no_admin', { input: resources })).toBeUndefined();
    expect(valueOf(src, 't/no_admin', { input: { resources: [] } })).toBe(true);
  });

  it('evaluates a package as an object of its rules merged with base data', () => {
    const src = ['package t\na := 1\nb if false\nc contains 1\nf(x) := x', 'package t.sub\nd := "x"'];
    expect(valueOf(src, 't', { data: { t: { base: true } } })).toEqual({ a: 1, base: true, c: [1], sub: { d: 'x' } });
    expect(valueOf(src, 't/base', { data: { t: { base: 5 } } })).toBe(5);
    expect(valueOf(src, 'other', { data: { other: [1] } })).toEqual([1]);
    expect(valueOf(src, 'missing')).toBeUndefined();
  });

  it('builds comprehensions over outer variables', () => {
    const src = `package t
by_type := {t: names | some r in input.resources; t := r.type; names := [x.name | some x in input.resources; x.type == t]}
counts := {t: n | some t in {r.type | some r in input.resources}; n := count([1 | input.resources[_].type == t])}
s := {x | some x in [3, 1, 3]}`;
    expect(valueOf(src, 't/by_type', { input: resources })).toEqual({ azurerm_container_registry: ['acr1', 'acr2'], azurerm_key_vault: ['kv1'] });
    expect(valueOf(src, 't/counts', { input: resources })).toEqual({ azurerm_container_registry: 2, azurerm_key_vault: 1 });
    expect(valueOf(src, 't/s')).toEqual([1, 3]);
  });

  it('calls functions with several bodies and patterns in arguments', () => {
    const src = `package t
f(1) := "one"
f(x) := "big" if x > 10
g([a, b]) := a + b
r1 := f(1)
r2 := f(11)
r3 := f(5)
r4 := g([2, 3])`;
    expect(valueOf(src, 't/r1')).toBe('one');
    expect(valueOf(src, 't/r2')).toBe('big');
    expect(valueOf(src, 't/r3')).toBeUndefined();
    expect(valueOf(src, 't/r4')).toBe(5);
  });

  it('supports output arguments of builtins and functions', () => {
    const src = 'package t\nf(x) := x * 2\nn if { count(input.xs, n0); n0 == 2 }\nm := y if { f(4, y) }';
    expect(valueOf(src, 't/n', { input: { xs: [1, 2] } })).toBe(true);
    expect(valueOf(src, 't/m')).toBe(8);
  });

  it('reorders body expressions so variables are bound before use', () => {
    const src = 'package t\np := y if { y > 1; y = x + 1; x = input.v }';
    expect(valueOf(src, 't/p', { input: { v: 5 } })).toBe(6);
    expect(valueOf(src, 't/p', { input: { v: 0 } })).toBeUndefined();
  });

  it('resolves imports, aliases and rules of other packages', () => {
    const lib = 'package lib.util\nis_acr(r) if r.type == "azurerm_container_registry"\nlimit := 2';
    const main = `package main
import data.lib.util
import data.lib.util.limit as max_n
import input.resources as rs
acrs := [r.name | some r in rs; util.is_acr(r)]
direct := [r.name | some r in input.resources; data.lib.util.is_acr(r)]
over if count(acrs) >= max_n`;
    expect(valueOf([lib, main], 'main/acrs', { input: resources })).toEqual(['acr1', 'acr2']);
    expect(valueOf([lib, main], 'main/direct', { input: resources })).toEqual(['acr1', 'acr2']);
    expect(valueOf([lib, main], 'main/over', { input: resources })).toBe(true);
  });
});

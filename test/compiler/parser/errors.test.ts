import { CompileError } from '../../../src/compiler/ast';
import { MAX_SOURCE_BYTES, parseModule, parseQuery } from '../../../src/compiler/parser';
import { compileError } from './helpers';

const moduleError = (source: string): string => compileError(() => parseModule(source, 'f.rego')).message;

describe('syntax errors carry file, line and column', () => {
  it.each([
    // Rego v1 removed forms, with OPA's messages.
    ['package p\np { true }', 'f.rego:2:1: rego_parse_error: `if` keyword is required before rule body'],
    ['package p\n\np[x] { x := 1 }', 'f.rego:3:1: rego_parse_error: `if` keyword is required before rule body'],
    ['package p\nf(x) { x }', 'f.rego:2:1: rego_parse_error: `if` keyword is required before function body'],
    ['package p\np[x]', 'f.rego:2:1: rego_parse_error: `contains` keyword is required for partial set rules'],
    ['package p\np := 1 if { true } else := 2 { false }', 'f.rego:2:20: rego_parse_error: `if` keyword is required before rule body'],
    // Module structure.
    ['', 'f.rego:1:1: rego_parse_error: empty module'],
    ['# only a comment\n', 'f.rego:1:1: rego_parse_error: empty module'],
    ['p := 1', 'f.rego:1:1: rego_parse_error: package expected'],
    ['package p\npackage q', 'f.rego:2:1: rego_parse_error: unexpected package'],
    ['package 1', 'f.rego:1:9: rego_parse_error: unexpected number token'],
    ['package p\nimport foo.bar', 'f.rego:2:8: rego_parse_error: unexpected import path, must begin with one of: {data, future, input, rego}, got: foo'],
    ['package p\nimport rego.v3', 'f.rego:2:8: rego_parse_error: invalid import `rego.v3`, must be `rego.v1`'],
    ['package p\nimport rego.v2', 'f.rego:2:8: unsupported: import rego.v2'],
    ['package p\nimport future.keywords.or', 'f.rego:2:8: unsupported: import future.keywords.or'],
    ['package p\nimport future.keywords.and', 'f.rego:2:8: unsupported: import future.keywords.and'],
    ['package p\np := $"a{input.x}"', 'f.rego:2:6: unsupported: template string'],
    ['package p\nimport future.keywords.bogus', 'f.rego:2:8: rego_parse_error: unexpected keyword, must be one of [contains every if in not]'],
    ['package p\nimport future.keywords as k', 'f.rego:2:8: rego_parse_error: `future` imports cannot be aliased'],
    ['package p\np', 'f.rego:2:1: rego_parse_error: var cannot be used for rule name'],
    // Lexical errors.
    ['package p\np := "abc', 'f.rego:2:6: rego_parse_error: non-terminated string'],
    ['package p\np := "a\nb"', 'f.rego:2:6: rego_parse_error: non-terminated string'],
    ['package p\np := `abc', 'f.rego:2:6: rego_parse_error: non-terminated raw string'],
    ['package p\np := "a\\qb"', 'f.rego:2:8: rego_parse_error: illegal escape sequence'],
    ['package p\np := "\\u12"', 'f.rego:2:7: rego_parse_error: illegal escape sequence'],
    ['package p\np := 1 @', 'f.rego:2:8: rego_parse_error: illegal token'],
    ['package p\nx := `a\nb` ^', 'f.rego:3:4: rego_parse_error: illegal token'],
    ['package p\np := 007', 'f.rego:2:6: rego_parse_error: unexpected number token: expected number without leading zero'],
    // Terms and bodies.
    ['package p\np if {\n  x := [1, 2\n}', 'f.rego:4:1: rego_parse_error: unexpected } token: expected "," or "]"'],
    ['package p\np if {\n  x == 1 y == 2\n}', 'f.rego:3:10: rego_parse_error: unexpected identifier token: expected \\n or ; or }'],
    ['package p\np if { x := (1 + 2 }', 'f.rego:2:20: rego_parse_error: non-terminated expression'],
    ['package p\np if { x := {1, 2 3} }', 'f.rego:2:19: rego_parse_error: unexpected number token: expected "," or "}"'],
    ['package p\np if { x := {"a": 1 "b"} }', 'f.rego:2:21: rego_parse_error: unexpected string token: non-terminated object'],
    ['package p\np if { f(1 2) }', 'f.rego:2:12: rego_parse_error: unexpected number token: expected "," or ")"'],
    ['package p\np if { "a"[0] }', 'f.rego:2:8: rego_parse_error: illegal ref (head cannot be string)'],
    ['package p\np := 1 + ', 'f.rego:2:10: rego_parse_error: unexpected eof token'],
    ['package p\n\tp := x.', 'f.rego:2:9: rego_parse_error: unexpected eof token: expected ident'],
    ['package p\np if { not some x in y }', "f.rego:2:12: rego_parse_error: unexpected some keyword: illegal negation of 'some'"],
    ['package p\np if { not every x in y { x } }', "f.rego:2:12: rego_parse_error: unexpected every keyword: illegal negation of 'every'"],
    ['package p\np if { every x in xs }', 'f.rego:2:22: rego_parse_error: unexpected } token: missing body'],
    ['package p\np if { every 1 in xs { true } }', 'f.rego:2:22: rego_parse_error: unexpected { token: expected value to be a variable'],
    ['package p\np if { some f(x) }', 'f.rego:2:18: rego_parse_error: unexpected } token: expected `x in xs` or `x, y in xs` expression'],
    ['package p\np if { some 1 }', 'f.rego:2:13: rego_parse_error: unexpected number token: expected var'],
    ['package p\np if { x with 1 as 2 }', 'f.rego:2:15: rego_parse_error: unexpected number token: expected ident'],
    ['package p\np if { x with y 2 }', 'f.rego:2:17: rego_parse_error: unexpected number token: expected as keyword'],
    ['package p\np if { x }\n}', 'f.rego:3:1: rego_parse_error: unexpected } token'],
    ['package p\nq := [x | ]', 'f.rego:2:11: rego_parse_error: found empty body'],
    // Rule heads.
    ['package p\ndefault p', 'f.rego:2:1: rego_parse_error: illegal default rule (must have a value)'],
    ['package p\ndefault p := input.x', 'f.rego:2:1: rego_parse_error: illegal default rule (value cannot contain ref)'],
    ['package p\ndefault f(1) := 1', 'f.rego:2:1: rego_parse_error: illegal default rule (arguments cannot contain number)'],
    ['package p\np contains x if { x := 1 } else := 2', 'f.rego:2:28: rego_parse_error: else keyword cannot be used on multi-value rules'],
    ['package p\np[x] := 1 if { x := 1 } else := 2', 'f.rego:2:25: rego_parse_error: else keyword cannot be used on rules with variables in head'],
    ['package p\np := 1 else := 2', 'f.rego:2:8: rego_parse_error: unexpected else keyword: else requires a rule body before it'],
    ['package p\nf(x) contains 1', 'f.rego:2:6: rego_parse_error: unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions (e.g., f contains <VALUE> { ... })'],
    ['package p\np + 1', 'f.rego:2:3: rego_parse_error: unexpected plus token'],
  ])('%j', (source, message) => {
    expect(moduleError(source)).toBe(message);
  });

  it('reports queries with their own file name', () => {
    expect(compileError(() => parseQuery('', 'q')).message).toBe('q:1:1: rego_parse_error: empty query');
    expect(compileError(() => parseQuery('x = ', 'q')).message).toBe('q:1:5: rego_parse_error: unexpected eof token');
    expect(compileError(() => parseQuery('a b', 'q')).message).toBe('q:1:3: rego_parse_error: unexpected identifier token: expected \\n or ; or eof');
  });

  it('exposes the location and the detail separately', () => {
    const e = compileError(() => parseModule('package p\n  p { true }', 'x.rego'));
    expect(e).toBeInstanceOf(CompileError);
    expect(e.loc).toEqual({ file: 'x.rego', row: 2, col: 3 });
    expect(e.detail).toBe('rego_parse_error: `if` keyword is required before rule body');
  });
});

describe('resource guards', () => {
  it('refuses sources above the size limit with a clear error', () => {
    const big = `package p\n${' '.repeat(MAX_SOURCE_BYTES)}`;
    expect(moduleError(big)).toMatch(/^f\.rego:1:1: rego_parse_error: source too large \(\d+ characters, limit 10485760\)$/);
  });

  it.each([
    ['arrays', (d: number) => `${'['.repeat(d)}1${']'.repeat(d)}`],
    ['parentheses', (d: number) => `${'('.repeat(d)}1${')'.repeat(d)}`],
    ['objects', (d: number) => `${'{"a": '.repeat(d)}1${'}'.repeat(d)}`],
    ['comprehensions', (d: number) => `${'[x | x := '.repeat(d)}1${']'.repeat(d)}`],
    ['unary minus', (d: number) => `${'-'.repeat(d)}x`],
    ['unterminated arrays', (d: number) => '['.repeat(d)],
  ])('turns deep nesting of %s into an error instead of a stack overflow', (_name, make) => {
    const e = compileError(() => parseModule(`package p\nq := ${make(100_000)}`, 'f.rego'));
    expect(e.message).toMatch(/^f\.rego:2:\d+: rego_parse_error: max parsing recursion depth exceeded/);
  });

  it('still parses nesting well within the limit', () => {
    expect(() => parseModule(`package p\nq := ${'['.repeat(100)}1${']'.repeat(100)}`, 'f.rego')).not.toThrow();
  });
});

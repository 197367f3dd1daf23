import { hostBuiltins, withErrors } from '../../src/opa/host-builtins';
import { splitAmount } from '../../src/opa/units';

const text = (v: unknown): string => new TextDecoder().decode(v as ArrayBuffer);
const parse = (s: string): string => text(hostBuiltins['units.parse'](s));
const bytes = (s: string): string => text(hostBuiltins['units.parse_bytes'](s));

describe('units.parse (as OPA: exact rationals, milli as the float64 0.001)', () => {
  it('reads SI and binary units, case-sensitive for m/M only', () => {
    expect(parse('10K')).toBe('10000');
    expect(parse('10KI')).toBe('10240');
    expect(parse('100mi')).toBe('104857600');
    expect(parse('200M')).toBe('200000000');
    expect(parse('10Ei')).toBe('11529215046068469760');
    expect(parse('"100TI"')).toBe('109951162777600');
  });

  it('gives integers without a fraction and other values with ten decimals', () => {
    expect(parse('1.1Ki')).toBe('1126.4000000000');
    expect(parse('500m')).toBe('0.5000000000');
    expect(parse('-3.5E2m')).toBe('-0.3500000000');
    expect(parse('2.5e3K')).toBe('2500000');
  });

  it('reports OPA\'s errors as builtin errors', () => {
    const wrapped = withErrors('units.parse', hostBuiltins['units.parse']);
    expect(wrapped('G')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: units.parse: no amount provided' });
    expect(wrapped('0.0.0')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: units.parse: could not parse amount to a number' });
    expect(wrapped('1 k')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: units.parse: spaces not allowed in resource strings' });
    expect(wrapped('1kb')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: units.parse: unit kb not recognized' });
    expect(wrapped('1e1234567')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: units.parse: exponent too large' });
    expect(wrapped(3)).toEqual({ __apg_builtin_error__: 'eval_type_error: units.parse: operand 1 must be string but got number' });
  });
});

describe('units.parse_bytes (as OPA: 64-bit binary floats, truncated)', () => {
  it('reads byte units case-insensitively and truncates', () => {
    expect(bytes('10KB')).toBe('10000');
    expect(bytes('10Kib')).toBe('10240');
    expect(bytes('1.1KiB')).toBe('1126');
    expect(bytes('1e-2KB')).toBe('10');
    expect(bytes('10eib')).toBe('11529215046068469760');
    expect(bytes('100m')).toBe('100000000');
  });

  it('rejects unknown units', () => {
    const wrapped = withErrors('units.parse_bytes', hostBuiltins['units.parse_bytes']);
    expect(wrapped('10b')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: units.parse_bytes: byte unit b not recognized' });
  });
});

describe('splitAmount (OPA extractNumAndUnit)', () => {
  it('keeps exponents in the amount only when digits follow', () => {
    expect(splitAmount('5e1Gi')).toEqual(['5e1', 'Gi']);
    expect(splitAmount('10ei')).toEqual(['10', 'ei']);
    expect(splitAmount('5E')).toEqual(['5', 'E']);
    expect(splitAmount('Gi')).toEqual(['', 'Gi']);
    expect(splitAmount('1e1234567')).toBeNull();
  });
});

import { hostBuiltins, withErrors } from '../../src/opa/host-builtins';

const compare = (a: string, b: string): unknown => hostBuiltins['semver.compare'](a, b);
const valid = (v: unknown): unknown => hostBuiltins['semver.is_valid'](v);

describe('semver (SemVer 2.0.0 as OPA reads it)', () => {
  it('orders by numbers, then pre-release identifiers, ignoring build metadata', () => {
    expect(compare('1.0.0', '2.0.0')).toBe(-1);
    expect(compare('1.10.0', '1.9.0')).toBe(1);
    expect(compare('1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(compare('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
    expect(compare('1.0.0-2', '1.0.0-10')).toBe(-1);
    expect(compare('1.0.0-rc.1', '1.0.0-rc.1.1')).toBe(-1);
    expect(compare('1.2.3+01', '1.2.3+2')).toBe(0);
  });

  it('rejects leading zeros, empty sections and partial versions', () => {
    for (const bad of ['01.2.3', '1.2.3-01', '1.2.3-', '1.2.3+', '1', 'v1.2.3']) expect(valid(bad)).toBe(false);
    for (const good of ['0.0.0', '1.2.3-0', '1.2.3-0a', '1.2.3+01']) expect(valid(good)).toBe(true);
    expect(valid(1)).toBe(false);
    const wrapped = withErrors('semver.compare', hostBuiltins['semver.compare']);
    expect(wrapped('1', '1.0.0')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: semver.compare: operand 1: string "1" is not a valid SemVer' });
  });
});

describe('crypto.hmac', () => {
  it('gives hex digests of the UTF-8 bytes and compares MACs', () => {
    expect(hostBuiltins['crypto.hmac.sha256']('foo', 'bar')).toBe('147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851');
    expect(hostBuiltins['crypto.hmac.md5']('foo', 'bar')).toBe('31b6db9e5eb4addb42f1a6ca07367adc');
    expect(hostBuiltins['crypto.hmac.equal']('abc', 'abc')).toBe(true);
    expect(hostBuiltins['crypto.hmac.equal']('abc', 'ab')).toBe(false);
  });
});

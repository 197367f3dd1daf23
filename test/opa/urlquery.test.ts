import { hostBuiltins, withErrors } from '../../src/opa/host-builtins';

const call = (name: string, ...args: unknown[]): unknown => withErrors(name, hostBuiltins[name])(...args);

describe('urlquery (Go net/url)', () => {
  it('escapes as QueryEscape and unescapes as QueryUnescape', () => {
    expect(call('urlquery.encode', 'a=b+1 é~')).toBe('a%3Db%2B1+%C3%A9~');
    expect(call('urlquery.decode', 'a%3Db%2B1+%C3%A9')).toBe('a=b+1 é');
    expect(call('urlquery.decode', '%zz')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: urlquery.decode: invalid URL escape "%zz"' });
  });

  it('encodes objects with sorted keys and decodes queries to arrays of values', () => {
    expect(call('urlquery.encode_object', { c: 'd', a: ['b+1', 'x'] })).toBe('a=b%2B1&a=x&c=d');
    expect(call('urlquery.encode_object', { a: 1 })).toEqual({ __apg_builtin_error__: 'eval_type_error: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]' });
    expect(call('urlquery.decode_object', 'a=1&b&a=2')).toEqual({ a: ['1', '2'], b: [''] });
    expect(call('urlquery.decode_object', 'a=1;b=2')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: urlquery.decode_object: invalid semicolon separator in query' });
  });
});

import { hostBuiltins, withErrors } from '../../src/opa/host-builtins';

const decode = (t: string): unknown => JSON.parse(new TextDecoder().decode(hostBuiltins['io.jwt.decode'](t) as ArrayBuffer));
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyIjoiYWxpY2UiLCJhenAiOiJhbGljZSIsInN1Ym9yZGluYXRlcyI6W10sImhyIjpmYWxzZX0.rz3jTY033z-NrKfwrK89_dcLF7TN4gwCMj-fVBDyLoM';

describe('io.jwt (as OPA)', () => {
  it('decodes header, payload and the signature in hex', () => {
    const [header, payload, sig] = decode(TOKEN) as [unknown, unknown, string];
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ user: 'alice', azp: 'alice', subordinates: [], hr: false });
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies HMAC signatures', () => {
    expect(hostBuiltins['io.jwt.verify_hs256'](TOKEN, 'secret')).toBe(true);
    expect(hostBuiltins['io.jwt.verify_hs256'](TOKEN, 'other')).toBe(false);
  });

  it('reports malformed tokens as builtin errors', () => {
    const wrapped = withErrors('io.jwt.decode', hostBuiltins['io.jwt.decode']);
    expect(wrapped('abc')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: io.jwt.decode: encoded JWT had no period separators' });
    expect(wrapped('a.b')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: io.jwt.decode: encoded JWT must have 3 sections, found 2' });
  });
});

import { cidrContains, cidrExpand, cidrIntersects, cidrIsValid, formatIP, parseIP } from '../../src/opa/net';
import { hostBuiltins, withErrors } from '../../src/opa/host-builtins';

describe('net.cidr_* (Go net semantics)', () => {
  it('parses IPv4 without leading zeros and IPv6 with :: and embedded IPv4', () => {
    expect(parseIP('10.1.2.3')).toEqual({ bits: 32, value: 0x0a010203n });
    expect(parseIP('010.1.2.3')).toBeUndefined();
    expect(parseIP('::1')?.value).toBe(1n);
    expect(parseIP('::ffff:1.2.3.4')?.value).toBe(0xffff01020304n);
    expect(parseIP('1::2::3')).toBeUndefined();
  });

  it('tells containment of addresses and networks by family', () => {
    expect(cidrContains('10.0.0.0/8', '10.1.0.0/24')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '11.0.0.0/24')).toBe(false);
    expect(cidrContains('10.0.0.0/24', '10.0.0.0/16')).toBe(false);
    expect(cidrContains('10.0.0.0/8', '::ffff:10.1.2.3')).toBe(true);
    expect(cidrContains('2001:4860:4860::8888/32', '2001:4860:4860:1234::8888/40')).toBe(true);
    expect(cidrContains('::/0', '10.0.0.1')).toBe(false);
    expect(cidrIntersects('fd1e:5bfe:8af3:9ddc::/64', 'fd1e:5bfe:8af3:9ddc:1111::/72')).toBe(true);
    expect(cidrIntersects('10.0.0.0/24', '10.0.1.0/24')).toBe(false);
  });

  it('validates CIDRs and reports bad ones as builtin errors', () => {
    expect(cidrIsValid('10.0.0.0/33')).toBe(false);
    expect(cidrIsValid('10.0.0.0/32')).toBe(true);
    expect(cidrIsValid(7)).toBe(false);
    const wrapped = withErrors('net.cidr_contains', hostBuiltins['net.cidr_contains']);
    expect(wrapped('not-a-cidr', '10.0.0.1')).toEqual({ __apg_builtin_error__: 'eval_builtin_error: net.cidr_contains: invalid CIDR address: not-a-cidr' });
  });
});

describe('net.cidr_expand', () => {
  it('lists every address, formatted as Go prints IPs', () => {
    expect(cidrExpand('192.168.1.1/30')).toEqual(['192.168.1.0', '192.168.1.1', '192.168.1.2', '192.168.1.3']);
    expect(cidrExpand('2001:db8::/127')).toEqual(['2001:db8::', '2001:db8::1']);
    expect(formatIP(parseIP('2001:0:0:1:0:0:0:1')!)).toBe('2001:0:0:1::1');
    expect(formatIP(parseIP('1:0:2:0:3:0:4:0')!)).toBe('1:0:2:0:3:0:4:0');
    expect(() => cidrExpand('10.0.0.0/4')).toThrow(/too large/);
  });
});

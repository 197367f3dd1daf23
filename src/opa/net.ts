/**
 * net.cidr_* builtins as OPA implements them with Go's net package: IPv4 (no leading zeros) and
 * IPv6 addresses, `addr/bits` networks, containment by family (an IPv4 network holds IPv4
 * addresses, including IPv4-mapped IPv6 ones; an IPv6 network only IPv6 addresses).
 */

export class NetError extends Error {}

interface Addr { bits: 32 | 128; value: bigint }
interface Net { bits: 32 | 128; base: bigint; prefix: number }

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  let head = s, tail = '';
  const dbl = s.indexOf('::');
  if (dbl >= 0) {
    if (s.indexOf('::', dbl + 1) >= 0) return undefined;
    head = s.slice(0, dbl);
    tail = s.slice(dbl + 2);
  }
  const groups = (text: string): bigint[] | undefined => {
    if (text === '') return [];
    const out: bigint[] = [];
    const parts = text.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(BigInt(`0x${p}`));
      else return undefined;
    }
    return out;
  };
  const h = groups(head), t = groups(tail);
  if (!h || !t) return undefined;
  if (dbl < 0 ? h.length !== 8 : h.length + t.length > 7) return undefined;
  // An embedded IPv4 address may only come last.
  if (dbl >= 0 && head.includes('.')) return undefined;
  const all = [...h, ...Array<bigint>(8 - h.length - t.length).fill(0n), ...t];
  return all.reduce((v, g) => (v << 16n) | g, 0n);
}

/** Go's net.ParseIP. */
export function parseIP(s: string): Addr | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { bits: 32, value: v4 };
  if (!s.includes(':')) return undefined;
  const v6 = parseIPv6(s);
  return v6 === undefined ? undefined : { bits: 128, value: v6 };
}

/** Go's net.ParseCIDR; a NetError (`invalid CIDR address: s`) when it does not parse. */
export function parseCIDR(s: string): Net {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? undefined : parseIP(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (!addr || !/^[0-9]+$/.test(bits) || Number(bits) > addr.bits) throw new NetError(`invalid CIDR address: ${s}`);
  const prefix = Number(bits);
  const mask = ((1n << BigInt(addr.bits)) - 1n) ^ ((1n << BigInt(addr.bits - prefix)) - 1n);
  return { bits: addr.bits, base: addr.value & mask, prefix };
}

/** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) count as IPv4, as Go's To4 does. */
function family(a: Addr): Addr {
  if (a.bits === 128 && a.value >> 32n === 0xffffn) return { bits: 32, value: a.value & 0xffffffffn };
  return a;
}

function contains(n: Net, a: Addr): boolean {
  const ip = family(a);
  if (ip.bits !== n.bits) return false;
  return ip.value >> BigInt(n.bits - n.prefix) === n.base >> BigInt(n.bits - n.prefix);
}

const last = (n: Net): Addr => ({ bits: n.bits, value: n.base | ((1n << BigInt(n.bits - n.prefix)) - 1n) });

export function cidrContains(cidr: string, cidrOrIP: string): boolean {
  const net = parseCIDR(cidr);
  const ip = parseIP(cidrOrIP);
  if (ip) return contains(net, ip);
  const other = parseCIDR(cidrOrIP);
  return contains(net, { bits: other.bits, value: other.base }) && contains(net, last(other));
}

export function cidrIntersects(a: string, b: string): boolean {
  const x = parseCIDR(a), y = parseCIDR(b);
  return contains(x, { bits: y.bits, value: y.base }) || contains(y, { bits: x.bits, value: x.base });
}

export function cidrIsValid(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  try {
    parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}

/** Go's net.IP.String(): dotted IPv4; IPv6 in lowercase hex with the longest run of zero groups (2+) as ::. */
export function formatIP(a: Addr): string {
  if (a.bits === 32) return [24n, 16n, 8n, 0n].map((sh) => ((a.value >> sh) & 0xffn).toString()).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((a.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  if (bestLen < 2) return groups.map((g) => g.toString(16)).join(':');
  const head = groups.slice(0, best).map((g) => g.toString(16)).join(':');
  const tail = groups.slice(best + bestLen).map((g) => g.toString(16)).join(':');
  return `${head}::${tail}`;
}

/** net.cidr_expand: every address of a network (as a list; the module makes it a set). */
export function cidrExpand(cidr: string): string[] {
  const net = parseCIDR(cidr);
  const size = 1n << BigInt(net.bits - net.prefix);
  if (size > 1n << 24n) throw new NetError(`${cidr}: network too large to expand (more than 16777216 addresses)`);
  const out: string[] = [];
  for (let i = 0n; i < size; i++) out.push(formatIP({ bits: net.bits, value: net.base + i }));
  return out;
}

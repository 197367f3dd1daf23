/**
 * SemVer 2.0.0 (https://semver.org) as OPA's semver.compare / semver.is_valid read it: no leading
 * zeros in numbers or numeric pre-release identifiers, no empty sections, build metadata ignored
 * when comparing.
 */

const NUM = '0|[1-9][0-9]*';
const PRE_ID = `(?:${NUM}|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER = new RegExp(`^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$`);

export interface SemVer { major: bigint; minor: bigint; patch: bigint; pre: string[] }

export function parseSemVer(text: string): SemVer | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  return { major: BigInt(m[1]), minor: BigInt(m[2]), patch: BigInt(m[3]), pre: m[4] === undefined ? [] : m[4].split('.') };
}

const sign = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function comparePre(a: string[], b: string[]): number {
  // A version without a pre-release has higher precedence than one with.
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const na = /^[0-9]+$/.test(a[i]), nb = /^[0-9]+$/.test(b[i]);
    let c: number;
    if (na && nb) c = sign(BigInt(a[i]), BigInt(b[i]));
    else if (na || nb) c = na ? -1 : 1;
    else c = a[i] < b[i] ? -1 : a[i] > b[i] ? 1 : 0;
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

export function compareSemVer(a: SemVer, b: SemVer): number {
  return sign(a.major, b.major) || sign(a.minor, b.minor) || sign(a.patch, b.patch) || comparePre(a.pre, b.pre);
}

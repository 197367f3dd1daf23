/**
 * units.parse and units.parse_bytes as OPA implements them (topdown/parse_units.go, parse_bytes.go):
 * the amount is split from its unit the way OPA does, units.parse computes with exact rationals
 * (milli being the float64 0.001, as in OPA), units.parse_bytes with 64-bit binary floats
 * (Go's big.Float) truncated to an integer. Results are exact JSON number text, so integers
 * beyond 2^53 (`10Ei`) keep every digit.
 */

/** A builtin's own error (eval_builtin_error), with OPA's message. */
export class UnitsError extends Error {}

const SI = ['', 'k', 'm', 'g', 't', 'p', 'e'];

/** OPA's extractNumAndUnit: the amount (digits, '.', '+', '-', exponents) and the rest; null if the exponent has more than 6 digits. */
export function splitAmount(s: string): [string, string] | null {
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!isDigit(c) && c !== '.' && c !== 'e' && c !== 'E' && c !== '+' && c !== '-') return i === 0 ? ['', s] : [s.slice(0, i), s.slice(i)];
    if (c === 'e' || c === 'E') {
      const n = s[i + 1];
      if (i === s.length - 1 || (!isDigit(n) && n !== '+' && n !== '-')) return i === 0 ? ['', s] : [s.slice(0, i), s.slice(i)];
      if (n === '+' || n === '-') i++;
      let end = i + 1;
      while (isDigit(s[end])) end++;
      if (end - (i + 1) > 6) return null;
    }
  }
  return [s, ''];
}

interface Rat { n: bigint; d: bigint }

/** A decimal number with optional fraction and exponent (Go's big.Rat / big.Float syntax for these characters). */
function parseDecimal(text: string): Rat | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  let n = BigInt(`${m[2]}${frac}` || '0');
  let d = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? '0');
  if (exp >= 0) n *= 10n ** BigInt(exp);
  else d *= 10n ** BigInt(-exp);
  return { n: m[1] === '-' ? -n : n, d };
}

/** The exact value of a float64 as a rational. */
function floatRat(x: number): Rat {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = (bits & ((1n << 52n) - 1n)) | (exp === 0 ? 0n : 1n << 52n);
  const e = (exp === 0 ? 1 : exp) - 1075;
  return e >= 0 ? { n: mant << BigInt(e), d: 1n } : { n: mant, d: 1n << BigInt(-e) };
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** Go's Rat.FloatString(prec): prec digits after the point, the last rounded half away from zero. */
function floatString(r: Rat, prec: number): string {
  const scale = 10n ** BigInt(prec);
  const q = (2n * abs(r.n) * scale + r.d) / (2n * r.d);
  const digits = q.toString().padStart(prec + 1, '0');
  return `${r.n < 0n ? '-' : ''}${digits.slice(0, -prec)}.${digits.slice(-prec)}`;
}

/** Rounds a positive rational to a 64-bit mantissa (nearest, ties to even): [mantissa, exponent of 2]. */
function round64(n: bigint, d: bigint): [bigint, number] {
  if (n === 0n) return [0n, 0];
  let e = n.toString(2).length - d.toString(2).length - 64;
  // Find e with 2^63 <= n / (d * 2^e) < 2^64.
  for (;;) {
    const [num, den] = e >= 0 ? [n, d << BigInt(e)] : [n << BigInt(-e), d];
    const q = num / den;
    if (q >= 1n << 64n) { e++; continue; }
    if (q < 1n << 63n) { e--; continue; }
    const rem = num - q * den;
    const twice = 2n * rem;
    const up = twice > den || (twice === den && (q & 1n) === 1n);
    const mant = up ? q + 1n : q;
    return mant === 1n << 64n ? [1n << 63n, e + 1] : [mant, e];
  }
}

function jsonNumber(text: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** units.parse: SI (k, M, m for milli, ...) and binary (Ki, Mi, ...) units; a number, exact. */
export function unitsParse(raw: string): ArrayBuffer {
  const s = raw.replace(/"/g, '');
  if (s.includes(' ')) throw new UnitsError('spaces not allowed in resource strings');
  const split = splitAmount(s);
  if (!split) throw new UnitsError('exponent too large');
  let [num, unit] = split;
  if (num === '') throw new UnitsError('no amount provided');
  if (unit.length > 1) unit = unit[0] + unit.slice(1).toLowerCase();
  let factor: Rat;
  if (unit === 'm') factor = floatRat(0.001);
  else if (unit === '') factor = { n: 1n, d: 1n };
  else {
    const binary = unit.length === 2 && unit[1] === 'i';
    const i = SI.indexOf(unit[0].toLowerCase());
    if (unit === 'M' || unit === 'Mi' || unit === 'mi') factor = { n: (binary ? 1024n : 1000n) ** 2n, d: 1n };
    else if (i > 0 && unit[0] !== 'm' && (unit.length === 1 || binary)) factor = { n: (binary ? 1024n : 1000n) ** BigInt(i), d: 1n };
    else throw new UnitsError(`unit ${unit} not recognized`);
  }
  const amount = parseDecimal(num);
  if (!amount) throw new UnitsError('could not parse amount to a number');
  const n = amount.n * factor.n;
  const d = amount.d * factor.d;
  if (n % d === 0n) return jsonNumber((n / d).toString());
  return jsonNumber(floatString({ n, d }, 10));
}

/** units.parse_bytes: kb/kib/... (case-insensitive), an integer number of bytes. */
export function unitsParseBytes(raw: string): ArrayBuffer {
  const s = raw.toLowerCase().replace(/"/g, '');
  if (s.includes(' ')) throw new UnitsError('spaces not allowed in resource strings');
  const split = splitAmount(s);
  if (!split) throw new UnitsError('exponent too large');
  const [num, unit] = split;
  if (num === '') throw new UnitsError('no byte amount provided');
  const m = /^([kmgtpe])(i?)b?$/.exec(unit);
  if (unit !== '' && !m) throw new UnitsError(`byte unit ${unit} not recognized`);
  const factor = m ? (m[2] ? 1024n : 1000n) ** BigInt(SI.indexOf(m[1])) : 1n;
  const amount = parseDecimal(num);
  if (!amount) throw new UnitsError('could not parse byte amount to a number');
  // Go: big.Float (64-bit mantissa) for the amount and the product, then truncated.
  const [mant, e] = round64(abs(amount.n), amount.d);
  const [pm, pe] = round64(mant * factor, 1n);
  const exp = e + pe;
  const total = exp >= 0 ? pm << BigInt(exp) : pm >> BigInt(-exp);
  return jsonNumber((amount.n < 0n && total !== 0n ? '-' : '') + total.toString());
}

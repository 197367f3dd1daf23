// Exact integer arithmetic beyond 64 bits, as OPA's arbitrary-precision numbers give it: plus,
// minus, multiply, and divide / remainder of integers, on decimal digits (schoolbook; such numbers
// are rare and short). Results that fit in 64 bits become ordinary integers again.
import { alloc, heapTop, setHeapTop } from "./alloc";
import { N_INT, N_BIGINT, N_TEXT, numKind, intOf, newInt, newNumText, normalise, lastDecNeg, lastDecExp, lastDecLen } from "./value";

/** Integral decimal literals (1e30, 10.00) count as exact integers up to this many digits. */
const MAX_TEXT_DIGITS: i64 = 400;

/** An exact integer: a 64-bit one, a literal beyond 64 bits, or an integral decimal literal (1e30). */
export function isExactInt(v: u32): bool {
  const k = numKind(v);
  if (k == N_INT || k == N_BIGINT) return true;
  if (k != N_TEXT) return false;
  const mark = heapTop();
  const len = load<u32>(v, 20);
  normalise(load<u32>(v, 16), len, alloc(len));
  setHeapTop(mark);
  const e = lastDecExp(), n = <i64>lastDecLen();
  return n == 0 || (e >= n && e <= MAX_TEXT_DIGITS);
}

let magNeg = false;

/** Digits (values 0-9, most significant first, no leading zeros) of an exact integer; sets magNeg. */
function magnitude(v: u32, out: u32): u32 {
  if (numKind(v) == N_INT) {
    let i = intOf(v);
    magNeg = i < 0;
    let u: u64 = magNeg ? <u64>(-i) : <u64>i; // i64.MIN_VALUE wraps to 2^63, as wanted
    let n: u32 = 0;
    let t = u;
    do { n++; t /= 10; } while (t);
    if (u == 0) return 0;
    for (let j = n; j > 0; j--) { store<u8>(out + j - 1, <u8>(u % 10)); u /= 10; }
    return n;
  }
  if (numKind(v) == N_TEXT) {
    // An integral decimal literal: its significant digits, then zeros up to the point.
    normalise(load<u32>(v, 16), load<u32>(v, 20), out);
    magNeg = lastDecNeg();
    const len = lastDecLen();
    if (len == 0) return 0;
    const total = <u32>lastDecExp();
    for (let j: u32 = 0; j < total; j++) store<u8>(out + j, j < len ? load<u8>(out + j) - 48 : 0);
    return total;
  }
  let p = load<u32>(v, 16), n = load<u32>(v, 20);
  magNeg = n > 0 && load<u8>(p) == 45;
  if (magNeg) { p++; n--; }
  while (n > 0 && load<u8>(p) == 48) { p++; n--; }
  for (let j: u32 = 0; j < n; j++) store<u8>(out + j, load<u8>(p + j) - 48);
  return n;
}

function cmpMag(a: u32, la: u32, b: u32, lb: u32): i32 {
  if (la != lb) return la < lb ? -1 : 1;
  for (let i: u32 = 0; i < la; i++) {
    const x = load<u8>(a + i), y = load<u8>(b + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/** out = a + b (out has room for max(la, lb) + 1 digits); returns the length. */
function addMag(a: u32, la: u32, b: u32, lb: u32, out: u32): u32 {
  const n = max(la, lb) + 1;
  let carry: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const x: u32 = i < la ? load<u8>(a + la - 1 - i) : 0;
    const y: u32 = i < lb ? load<u8>(b + lb - 1 - i) : 0;
    const s = x + y + carry;
    store<u8>(out + n - 1 - i, <u8>(s % 10));
    carry = s / 10;
  }
  return n;
}

/** out = a - b for a >= b (out has room for la digits); returns the length. */
function subMag(a: u32, la: u32, b: u32, lb: u32, out: u32): u32 {
  let borrow: i32 = 0;
  for (let i: u32 = 0; i < la; i++) {
    let d = <i32>load<u8>(a + la - 1 - i) - borrow - (i < lb ? <i32>load<u8>(b + lb - 1 - i) : 0);
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 10;
    store<u8>(out + la - 1 - i, <u8>d);
  }
  return la;
}

function mulMag(a: u32, la: u32, b: u32, lb: u32, out: u32): u32 {
  const n = la + lb;
  const acc = alloc(n << 2);
  memory.fill(acc, 0, n << 2);
  for (let i: u32 = 0; i < la; i++) {
    const x = <u32>load<u8>(a + la - 1 - i);
    if (x == 0) continue;
    for (let j: u32 = 0; j < lb; j++) {
      const at = acc + ((i + j) << 2);
      store<u32>(at, load<u32>(at) + x * <u32>load<u8>(b + lb - 1 - j));
    }
  }
  let carry: u32 = 0;
  for (let k: u32 = 0; k < n; k++) {
    const s = load<u32>(acc + (k << 2)) + carry;
    store<u8>(out + n - 1 - k, <u8>(s % 10));
    carry = s / 10;
  }
  return n;
}

/** The value of sign and digits: an integer if it fits in 64 bits, otherwise a big integer literal. */
function toValue(neg: bool, d: u32, n: u32): u32 {
  while (n > 0 && load<u8>(d) == 0) { d++; n--; }
  if (n == 0) return newInt(0);
  if (n <= 19) {
    let u: u64 = 0;
    for (let i: u32 = 0; i < n; i++) u = u * 10 + <u64>load<u8>(d + i);
    if (n < 19 || u <= <u64>i64.MAX_VALUE) return newInt(neg ? -<i64>u : <i64>u);
    if (neg && u == <u64>i64.MAX_VALUE + 1) return newInt(i64.MIN_VALUE);
  }
  const text = alloc(n + 1);
  let p = text;
  if (neg) store<u8>(p++, 45);
  let f: f64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const c = load<u8>(d + i);
    store<u8>(p++, 48 + c);
    f = f * 10 + <f64>c;
  }
  return newNumText(N_BIGINT, neg ? -f : f, text, p - text);
}

/** Room for the digits of an exact integer. */
function room(v: u32): u32 {
  const k = numKind(v);
  if (k == N_BIGINT) return load<u32>(v, 20);
  if (k == N_TEXT) return load<u32>(v, 20) + <u32>MAX_TEXT_DIGITS;
  return 20;
}

/** a + b (sub: a - b) for exact integers. Scratch digits are left on the heap (reset per evaluation). */
export function bigAdd(a: u32, b: u32, sub: bool): u32 {
  const da = alloc(room(a)), db = alloc(room(b));
  const la = magnitude(a, da); const na = magNeg;
  const lb = magnitude(b, db); const nb = magNeg != sub;
  const out = alloc(max(la, lb) + 1);
  if (na == nb) return toValue(na, out, addMag(da, la, db, lb, out));
  if (cmpMag(da, la, db, lb) >= 0) return toValue(na, out, subMag(da, la, db, lb, out));
  return toValue(nb, out, subMag(db, lb, da, la, out));
}

export function bigMul(a: u32, b: u32): u32 {
  const da = alloc(room(a)), db = alloc(room(b));
  const la = magnitude(a, da); const na = magNeg;
  const lb = magnitude(b, db); const nb = magNeg;
  const out = alloc(la + lb);
  return toValue(na != nb, out, mulMag(da, la, db, lb, out));
}

let divRem: u32 = 0;

/** Quotient of exact integers truncated toward zero; the remainder (sign of a) in lastRemainder(). b != 0. */
export function bigDivMod(a: u32, b: u32): u32 {
  const da = alloc(room(a)), db = alloc(room(b));
  const la = magnitude(a, da); const na = magNeg;
  const lb = magnitude(b, db); const nb = magNeg;
  const q = alloc(la + 1);
  const r = alloc(lb + 2);
  const t = alloc(lb + 2);
  // Invariant: r < b, so r * 10 + digit has at most lb + 1 digits.
  let lr: u32 = 0;
  for (let i: u32 = 0; i < la; i++) {
    // r = r * 10 + digit
    store<u8>(r + lr, load<u8>(da + i)); lr++;
    let s: u32 = 0;
    while (lr > 0 && load<u8>(r + s) == 0 && s < lr) s++;
    if (s > 0) { memory.copy(r, r + s, lr - s); lr -= s; }
    let digit: u8 = 0;
    while (cmpMag(r, lr, db, lb) >= 0) {
      subMag(r, lr, db, lb, t);
      memory.copy(r, t, lr);
      let z: u32 = 0;
      while (z < lr && load<u8>(r + z) == 0) z++;
      if (z > 0) { memory.copy(r, r + z, lr - z); lr -= z; }
      digit++;
    }
    store<u8>(q + i, digit);
  }
  divRem = toValue(na, r, lr);
  return toValue(na != nb, q, la);
}
export function lastRemainder(): u32 { return divRem; }

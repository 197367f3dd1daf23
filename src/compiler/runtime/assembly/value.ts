// Value representation. Every value starts with a type tag byte; the tags are in OPA's sort order.
//   bool    [tag][_][_][_][u8 value]
//   number  [tag][kind] ... [@8 i64|f64] [@16 text ptr] [@20 text len]
//   string  [tag][24-bit hash] [@4 byte length] [@8 bytes ptr] [@12 first four bytes, big-endian, zero-padded]
//           (bytes may point into the JSON input text; the prefix decides most comparisons)
//   array / object / set  [tag] [@4 length] [@8 capacity] [@12 entries ptr]
//     array entries: value ptrs; object entries: (key, value) pairs sorted by key; set: sorted values.
import { alloc, heapTop, setHeapTop } from "./alloc";
import { dtoa_buffered } from "util/number";

export const T_NULL: u8 = 1;
export const T_BOOL: u8 = 2;
export const T_NUMBER: u8 = 3;
export const T_STRING: u8 = 4;
export const T_ARRAY: u8 = 5;
export const T_OBJECT: u8 = 6;
export const T_SET: u8 = 7;

export const N_INT: u8 = 0;     // exact i64
export const N_FLOAT: u8 = 1;   // computed f64
export const N_BIGINT: u8 = 2;  // integer literal beyond i64: text kept, f64 approximation at @8
export const N_TEXT: u8 = 3;    // non-integer literal: text kept for output, f64 at @8

export const NULL_V: u32 = <u32>memory.data<u8>([1, 0, 0, 0, 0, 0, 0, 0], 8);
export const TRUE_V: u32 = <u32>memory.data<u8>([2, 0, 0, 0, 1, 0, 0, 0], 8);
export const FALSE_V: u32 = <u32>memory.data<u8>([2, 0, 0, 0, 0, 0, 0, 0], 8);

@inline export function tag(v: u32): u8 { return load<u8>(v); }
@inline export function boolOf(b: bool): u32 { return b ? TRUE_V : FALSE_V; }

// ---- numbers --------------------------------------------------------------------------------

// Small non-negative integers (counts, indexes, lengths, array scan keys) are shared values in
// static memory, filled on first use: numbers are never modified, and most integers made during an
// evaluation are small, so they cost no heap.
const SMALL_INTS: i64 = 1024;
const smallInts: u32 = <u32>memory.data(<i32>SMALL_INTS * 16, 16);
let smallIntsReady = false;

function fillSmallInts(): void {
  for (let i: i64 = 0; i < SMALL_INTS; i++) {
    const p = smallInts + (<u32>i << 4);
    store<u32>(p, T_NUMBER);
    store<u32>(p, 0, 4);
    store<i64>(p, i, 8);
  }
  smallIntsReady = true;
}

export function newInt(i: i64): u32 {
  if (i >= 0 && i < SMALL_INTS) {
    if (!smallIntsReady) fillSmallInts();
    return smallInts + (<u32>i << 4);
  }
  const p = alloc(16);
  store<u32>(p, T_NUMBER);
  store<i64>(p, i, 8);
  return p;
}

/** A float result; integral values within 2^53 become exact integers, as OPA prints them. */
export function newFloat(f: f64): u32 {
  if (f == Math.floor(f) && Math.abs(f) < 9007199254740992.0) return newInt(<i64>f);
  const p = alloc(16);
  store<u32>(p, T_NUMBER | (<u32>N_FLOAT << 8));
  store<f64>(p, f, 8);
  return p;
}

export function newNumText(kind: u8, f: f64, ptr: u32, len: u32): u32 {
  const p = alloc(24);
  store<u32>(p, T_NUMBER | (<u32>kind << 8));
  store<f64>(p, f, 8);
  store<u32>(p, ptr, 16);
  store<u32>(p, len, 20);
  return p;
}

@inline export function numKind(v: u32): u8 { return load<u8>(v, 1); }
@inline export function isInt(v: u32): bool { return load<u8>(v, 1) == N_INT; }
@inline export function intOf(v: u32): i64 { return load<i64>(v, 8); }

export function f64Of(v: u32): f64 {
  return load<u8>(v, 1) == N_INT ? <f64>load<i64>(v, 8) : load<f64>(v, 8);
}

/** The integer value of a number that is integral (floats like 2.0 included); false if not. */
let intOut: i64 = 0;
export function asInteger(v: u32): bool {
  if (v == 0 || tag(v) != T_NUMBER) return false;
  const k = numKind(v);
  if (k == N_INT) { intOut = intOf(v); return true; }
  if (k == N_BIGINT) return false;
  const f = load<f64>(v, 8);
  if (f != Math.floor(f) || Math.abs(f) >= 9.2e18) return false;
  intOut = <i64>f;
  return true;
}
export function lastInteger(): i64 { return intOut; }

/**
 * Numbers compare by the exact values they denote (1.10 == 1.1, 1e2 == 100, -0 == 0), as OPA's
 * arbitrary-precision numbers do. Rounding to f64 is monotonic, so approximations that differ
 * clearly decide; close or equal ones (and infinities, underflows) take the exact decimal path.
 */
function cmpNum(a: u32, b: u32): i32 {
  const ka = numKind(a), kb = numKind(b);
  if (ka == N_INT && kb == N_INT) {
    const x = intOf(a), y = intOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = f64Of(a), y = f64Of(b);
  if (isFinite(x) && isFinite(y) && x != y && Math.abs(x - y) > Math.max(Math.abs(x), Math.abs(y)) * 1e-12 && x != 0 && y != 0) {
    return x < y ? -1 : 1;
  }
  if ((ka == N_INT || ka == N_FLOAT) && (kb == N_INT || kb == N_FLOAT) && x != y && isFinite(x) && isFinite(y)) {
    // Two computed values: their f64s are the values (an N_INT converts exactly unless beyond 2^53,
    // where a nearby N_FLOAT would equal it).
    return x < y ? -1 : 1;
  }
  return cmpExact(a, b);
}

// ---- exact decimal comparison ----------------------------------------------------------------

const DTOA_TMP: usize = memory.data(64);

/** A number's text: its literal text, or the shortest text of its value; returns the length. */
function numText(v: u32, into: u32): u32 {
  const k = numKind(v);
  if (k == N_BIGINT || k == N_TEXT) return 0;
  if (k == N_INT) {
    let i = intOf(v);
    let n: u32 = 0;
    if (i == i64.MIN_VALUE) {
      const s = "-9223372036854775808";
      for (let j = 0; j < s.length; j++) store<u8>(into + <u32>j, <u8>s.charCodeAt(j));
      return <u32>s.length;
    }
    if (i < 0) { store<u8>(into, 45); n = 1; i = -i; }
    let t = i, digits: u32 = 1;
    while (t >= 10) { t /= 10; digits++; }
    for (let j = digits; j > 0; j--) { store<u8>(into + n + j - 1, <u8>(48 + i % 10)); i /= 10; }
    return n + digits;
  }
  const f = load<f64>(v, 8);
  const m = dtoa_buffered(DTOA_TMP, f);
  for (let j: u32 = 0; j < m; j++) store<u8>(into + j, <u8>load<u16>(DTOA_TMP + (j << 1)));
  return m;
}

// Normalised decimals: value = (neg ? -1 : 1) * 0.DIGITS * 10^exp, DIGITS without leading or
// trailing zeros (none at all for zero).
let decNeg = false;
let decExp: i64 = 0;
let decLen: u32 = 0;

export function lastDecNeg(): bool { return decNeg; }
export function lastDecExp(): i64 { return decExp; }
export function lastDecLen(): u32 { return decLen; }

/** Parses number text at p (n bytes) into ASCII digits at `out` (n bytes room); sets decNeg, decExp, decLen. */
export function normalise(p: u32, n: u32, out: u32): void {
  let i: u32 = 0;
  decNeg = false;
  if (i < n && load<u8>(p) == 45) { decNeg = true; i++; }
  let len: u32 = 0;
  let point: i64 = 0;
  let seenPoint = false;
  let started = false;
  for (; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if (c == 46) { seenPoint = true; continue; }
    if (c < 48 || c > 57) break;
    if (!started && c == 48) { if (seenPoint) point--; continue; }
    started = true;
    store<u8>(out + len++, <u8>c);
    if (!seenPoint) point++;
  }
  let e: i64 = 0;
  if (i < n && (load<u8>(p + i) | 32) == 101) {
    i++;
    let eneg = false;
    if (i < n && (load<u8>(p + i) == 45 || load<u8>(p + i) == 43)) { eneg = load<u8>(p + i) == 45; i++; }
    for (; i < n; i++) {
      const d = <u32>load<u8>(p + i) - 48;
      if (d > 9) break;
      if (e < 1000000000000) e = e * 10 + <i64>d;
    }
    if (eneg) e = -e;
  }
  while (len > 0 && load<u8>(out + len - 1) == 48) len--;
  decLen = len;
  decExp = point + e;
}

function cmpExact(a: u32, b: u32): i32 {
  const mark = heapTop();
  const ta = numKind(a) == N_BIGINT || numKind(a) == N_TEXT, tb = numKind(b) == N_BIGINT || numKind(b) == N_TEXT;
  const la = ta ? load<u32>(a, 20) : 0, lb = tb ? load<u32>(b, 20) : 0;
  const bufA = alloc(ta ? la : 32), bufB = alloc(tb ? lb : 32);
  const textA = ta ? load<u32>(a, 16) : alloc(32), textB = tb ? load<u32>(b, 16) : alloc(32);
  const na = ta ? la : numText(a, textA), nb = tb ? lb : numText(b, textB);
  normalise(textA, na, bufA);
  const negA = decNeg, expA = decExp, lenA = decLen;
  normalise(textB, nb, bufB);
  const negB = decNeg, expB = decExp, lenB = decLen;
  let r: i32;
  const signA: i32 = lenA == 0 ? 0 : negA ? -1 : 1, signB: i32 = lenB == 0 ? 0 : negB ? -1 : 1;
  if (signA != signB) r = signA < signB ? -1 : 1;
  else if (signA == 0) r = 0;
  else {
    let c: i32;
    if (expA != expB) c = expA < expB ? -1 : 1;
    else c = cmpBytes(bufA, lenA, bufB, lenB);
    r = signA < 0 ? -c : c;
  }
  setHeapTop(mark);
  return r;
}

// ---- strings --------------------------------------------------------------------------------

/**
 * Hash of a byte string, four bytes per step (every string a builtin makes is hashed: sprintf
 * messages, split pieces). src/compiler/wasm/static-data.ts computes the same for constants.
 */
export function strHash(ptr: u32, len: u32): u32 {
  let h: u32 = 2166136261 ^ len;
  let i: u32 = 0;
  for (; i + 4 <= len; i += 4) { h = (h ^ load<u32>(ptr + i)) * 0x9E3779B1; h ^= h >>> 15; }
  for (; i < len; i++) { h = (h ^ <u32>load<u8>(ptr + i)) * 0x9E3779B1; h ^= h >>> 15; }
  return h;
}

export function newString(ptr: u32, len: u32): u32 {
  return newStringHashed(ptr, len, strHash(ptr, len));
}

/**
 * A string value with its hash (low 24 bits kept next to the tag: unequal strings mostly differ
 * there, so equality rarely has to read the bytes) and its 4-byte prefix (decides most orderings).
 */
export function newStringHashed(ptr: u32, len: u32, h: u32): u32 {
  const p = alloc(16);
  store<u32>(p, <u32>T_STRING | (h << 8));
  store<u32>(p, len, 4);
  store<u32>(p, ptr, 8);
  let pre: u32 = 0;
  if (len >= 4) pre = bswap<u32>(load<u32>(ptr));
  else {
    for (let i: u32 = 0; i < len; i++) pre |= <u32>load<u8>(ptr + i) << (24 - (i << 3));
  }
  store<u32>(p, pre, 12);
  return p;
}
@inline export function strPrefix(v: u32): u32 { return load<u32>(v, 12); }

/** Order of two string values: the stored prefixes first, the bytes when those agree. */
@inline export function cmpStrings(a: u32, b: u32): i32 {
  const x = strPrefix(a), y = strPrefix(b);
  if (x != y) return x < y ? -1 : 1;
  return cmpBytes(strPtr(a), strLen(a), strPtr(b), strLen(b));
}
@inline export function strLen(v: u32): u32 { return load<u32>(v, 4); }
@inline export function strPtr(v: u32): u32 { return load<u32>(v, 8); }

/** A string value from an AssemblyScript literal (ASCII only). */
export function newStringLit(s: string): u32 {
  const n = <u32>s.length;
  const p = alloc(n);
  for (let i: u32 = 0; i < n; i++) store<u8>(p + i, <u8>load<u16>(changetype<usize>(s) + (i << 1)));
  return newString(p, n);
}

/** Byte-wise (UTF-8) order of two byte strings, eight bytes at a time. */
export function cmpBytes(pa: u32, la: u32, pb: u32, lb: u32): i32 {
  const n = la < lb ? la : lb;
  let i: u32 = 0;
  while (i + 8 <= n) {
    const x = load<u64>(pa + i), y = load<u64>(pb + i);
    if (x != y) {
      // Little-endian: the lowest differing byte is the first one in the text.
      const sh = ctz(x ^ y) & 56;
      return ((x >> sh) & 0xff) < ((y >> sh) & 0xff) ? -1 : 1;
    }
    i += 8;
  }
  while (i < n) {
    const x = load<u8>(pa + i), y = load<u8>(pb + i);
    if (x != y) return x < y ? -1 : 1;
    i++;
  }
  return la == lb ? 0 : la < lb ? -1 : 1;
}

/** Equality of two byte strings of the same length n. */
export function sameBytes(pa: u32, pb: u32, n: u32): bool {
  if (pa == pb) return true;
  let i: u32 = 0;
  while (i + 8 <= n) {
    if (load<u64>(pa + i) != load<u64>(pb + i)) return false;
    i += 8;
  }
  while (i < n) {
    if (load<u8>(pa + i) != load<u8>(pb + i)) return false;
    i++;
  }
  return true;
}

// ---- collections ----------------------------------------------------------------------------

@inline export function collLen(v: u32): u32 { return load<u32>(v, 4); }
@inline export function collData(v: u32): u32 { return load<u32>(v, 12); }

export function newColl(t: u8, cap: u32): u32 {
  const width: u32 = t == T_OBJECT ? 8 : 4;
  const p = alloc(16 + cap * width);
  store<u32>(p, t);
  store<u32>(p, 0, 4);
  store<u32>(p, cap, 8);
  store<u32>(p, p + 16, 12);
  return p;
}

/** Makes room for one more entry (amortised doubling; grows in place when it is the last block). */
function reserve(c: u32, width: u32): void {
  const len = load<u32>(c, 4), cap = load<u32>(c, 8);
  if (len < cap) return;
  const data = load<u32>(c, 12);
  const ncap = cap < 4 ? 4 : cap * 2;
  if (data + ((cap * width + 7) & ~7) == heapTop()) {
    alloc((ncap - cap) * width);
  } else {
    const nd = alloc(ncap * width);
    memory.copy(nd, data, len * width);
    store<u32>(c, nd, 12);
  }
  store<u32>(c, ncap, 8);
}

export function arrayPush(a: u32, v: u32): void {
  reserve(a, 4);
  const len = load<u32>(a, 4);
  store<u32>(load<u32>(a, 12) + (len << 2), v);
  store<u32>(a, len + 1, 4);
}

@inline export function arrayGet(a: u32, i: u32): u32 { return load<u32>(load<u32>(a, 12) + (i << 2)); }
@inline export function objKey(o: u32, i: u32): u32 { return load<u32>(load<u32>(o, 12) + (i << 3)); }
@inline export function objVal(o: u32, i: u32): u32 { return load<u32>(load<u32>(o, 12) + (i << 3) + 4); }

/** Binary search over sorted keys (stride 8 for objects, 4 for sets): index, or -(insertion point) - 1. */
export function search(c: u32, key: u32): i32 {
  const width: u32 = tag(c) == T_OBJECT ? 8 : 4;
  const data = load<u32>(c, 12);
  let lo: i32 = 0, hi: i32 = <i32>load<u32>(c, 4) - 1;
  if (tag(key) == T_STRING) {
    const kp = strPtr(key), kl = strLen(key), kpre = strPrefix(key);
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const e = load<u32>(data + <u32>mid * width);
      let r: i32;
      if (tag(e) == T_STRING) {
        const epre = strPrefix(e);
        r = epre != kpre ? (epre < kpre ? -1 : 1) : cmpBytes(strPtr(e), strLen(e), kp, kl);
      } else r = tag(e) < T_STRING ? -1 : 1;
      if (r == 0) return mid;
      if (r < 0) lo = mid + 1; else hi = mid - 1;
    }
    return -lo - 1;
  }
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = compare(load<u32>(data + <u32>mid * width), key);
    if (r == 0) return mid;
    if (r < 0) lo = mid + 1; else hi = mid - 1;
  }
  return -lo - 1;
}

export function objGet(o: u32, key: u32): u32 {
  const i = search(o, key);
  return i < 0 ? 0 : objVal(o, <u32>i);
}

function insertAt(c: u32, at: u32, width: u32): u32 {
  reserve(c, width);
  const len = load<u32>(c, 4);
  const data = load<u32>(c, 12);
  const p = data + at * width;
  if (at < len) memory.copy(p + width, p, (len - at) * width);
  store<u32>(c, len + 1, 4);
  return p;
}

/** Insert or overwrite; returns the previous value (0 if the key was new). */
export function objPut(o: u32, key: u32, val: u32): u32 {
  const i = search(o, key);
  if (i >= 0) {
    const slot = load<u32>(o, 12) + (<u32>i << 3) + 4;
    const old = load<u32>(slot);
    store<u32>(slot, val);
    return old;
  }
  const p = insertAt(o, <u32>(-i - 1), 8);
  store<u32>(p, key);
  store<u32>(p, val, 4);
  return 0;
}

export function setAdd(s: u32, v: u32): void {
  const i = search(s, v);
  if (i >= 0) return;
  store<u32>(insertAt(s, <u32>(-i - 1), 4), v);
}

export function setHas(s: u32, v: u32): bool { return search(s, v) >= 0; }

// Sets a rule or comprehension builds (the policy code adds through setAppend and reads only
// through setSettle): an entry beyond the last is appended; one that belongs before it is inserted
// while the set is small, else appended out of order with byte 1 of the header marking the set
// unsorted, and setSettle sorts it once. Building a set of n values in random order is then
// O(n log n) instead of n insertions that each move half the set.
const SMALL_SET: u32 = 64;

export function setAppend(s: u32, v: u32): void {
  const n = collLen(s);
  if (load<u8>(s, 1) == 0) {
    if (n == 0 || compare(arrayGet(s, n - 1), v) < 0) { arrayPush(s, v); return; }
    const i = search(s, v);
    if (i >= 0) return;
    if (n < SMALL_SET) { store<u32>(insertAt(s, <u32>(-i - 1), 4), v); return; }
    store<u8>(s, 1, 1);
  }
  arrayPush(s, v);
}

/** Sorts a set appended out of order and drops repeated values, keeping the first added (as setAdd does). */
export function setSettle(s: u32): void {
  if (load<u8>(s, 1) == 0) return;
  store<u8>(s, 0, 1);
  const n = collLen(s);
  const data = load<u32>(s, 12);
  sortEntries(data, n, 4);
  let out: u32 = n == 0 ? 0 : 1;
  for (let i: u32 = 1; i < n; i++) {
    const x = load<u32>(data + (i << 2));
    if (compare(load<u32>(data + ((out - 1) << 2)), x) == 0) continue;
    store<u32>(data + (out << 2), x);
    out++;
  }
  store<u32>(s, out, 4);
}

// ---- ordering and equality ------------------------------------------------------------------

export function compare(a: u32, b: u32): i32 {
  if (a == b) return 0;
  if (a == 0) return -1;
  if (b == 0) return 1;
  const ta = tag(a), tb = tag(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case T_NULL: return 0;
    case T_BOOL: return <i32>load<u8>(a, 4) - <i32>load<u8>(b, 4);
    case T_NUMBER: return cmpNum(a, b);
    case T_STRING: return cmpStrings(a, b);
    case T_ARRAY: case T_SET: {
      const la = collLen(a), lb = collLen(b);
      const n = la < lb ? la : lb;
      for (let i: u32 = 0; i < n; i++) {
        const c = compare(arrayGet(a, i), arrayGet(b, i));
        if (c != 0) return c;
      }
      return la == lb ? 0 : la < lb ? -1 : 1;
    }
    case T_OBJECT: {
      const la = collLen(a), lb = collLen(b);
      const n = la < lb ? la : lb;
      for (let i: u32 = 0; i < n; i++) {
        let c = compare(objKey(a, i), objKey(b, i));
        if (c != 0) return c;
        c = compare(objVal(a, i), objVal(b, i));
        if (c != 0) return c;
      }
      return la == lb ? 0 : la < lb ? -1 : 1;
    }
  }
  return 0;
}

export function equal(a: u32, b: u32): bool {
  if (a == b) return true;
  if (a == 0 || b == 0) return false;
  const ta = tag(a);
  if (ta != tag(b)) return false;
  if (ta == T_STRING) {
    // Tag and hash in one word.
    if (load<u32>(a) != load<u32>(b)) return false;
    const l = strLen(a);
    return l == strLen(b) && strPrefix(a) == strPrefix(b) && (l <= 4 || sameBytes(strPtr(a), strPtr(b), l));
  }
  if (ta >= T_ARRAY && collLen(a) != collLen(b)) return false;
  return compare(a, b) == 0;
}

// ---- sorting (stable merge sort of 4- or 8-byte entries by their first word) ------------------

export function sortEntries(data: u32, n: u32, width: u32): void {
  if (n < 2) return;
  if (n <= 16) { insertionSort(data, n, width); return; }
  // Already sorted (common for generated JSON)? Then nothing to do.
  let sorted = true;
  for (let i: u32 = 1; i < n; i++) {
    if (compare(load<u32>(data + (i - 1) * width), load<u32>(data + i * width)) > 0) { sorted = false; break; }
  }
  if (sorted) return;
  const mark = heapTop();
  const tmp = alloc(n * width);
  mergeSort(data, tmp, n, width);
  setHeapTop(mark);
}

function insertionSort(data: u32, n: u32, width: u32): void {
  for (let i: u32 = 1; i < n; i++) {
    const k = load<u32>(data + i * width);
    const v = width == 8 ? load<u32>(data + i * width + 4) : 0;
    let j = i;
    while (j > 0 && compare(load<u32>(data + (j - 1) * width), k) > 0) {
      store<u32>(data + j * width, load<u32>(data + (j - 1) * width));
      if (width == 8) store<u32>(data + j * width + 4, load<u32>(data + (j - 1) * width + 4));
      j--;
    }
    store<u32>(data + j * width, k);
    if (width == 8) store<u32>(data + j * width + 4, v);
  }
}

function mergeSort(data: u32, tmp: u32, n: u32, width: u32): void {
  // Bottom-up: runs of 8 by insertion sort, then merges ping-ponging between data and tmp.
  for (let s: u32 = 0; s < n; s += 8) insertionSort(data + s * width, min(8, n - s), width);
  let src = data, dst = tmp;
  for (let run: u32 = 8; run < n; run <<= 1) {
    for (let lo: u32 = 0; lo < n; lo += run << 1) {
      const mid = min(lo + run, n), hi = min(lo + (run << 1), n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        // One entry moved by a plain load and store: a bulk copy of 4 or 8 bytes costs a call.
        if (compare(load<u32>(src + j * width), load<u32>(src + i * width)) < 0) {
          if (width == 8) store<u64>(dst + k * width, load<u64>(src + j * width));
          else store<u32>(dst + k * width, load<u32>(src + j * width));
          j++;
        } else {
          if (width == 8) store<u64>(dst + k * width, load<u64>(src + i * width));
          else store<u32>(dst + k * width, load<u32>(src + i * width));
          i++;
        }
        k++;
      }
      if (i < mid) memory.copy(dst + k * width, src + i * width, (mid - i) * width);
      else if (j < hi) memory.copy(dst + k * width, src + j * width, (hi - j) * width);
    }
    const t = src; src = dst; dst = t;
  }
  if (src != data) memory.copy(data, src, n * width);
}

/** Sorts collected entries and drops duplicate keys (the last one wins, as in JSON). */
export function sortDedup(data: u32, n: u32, width: u32): u32 {
  sortEntries(data, n, width);
  if (n < 2) return n;
  let out: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    if (i + 1 < n && equal(load<u32>(data + i * width), load<u32>(data + (i + 1) * width))) continue;
    if (out != i) memory.copy(data + out * width, data + i * width, width);
    out++;
  }
  return out;
}

/** A collection with exactly the given (sorted, unique) entries copied in. */
export function collFrom(t: u8, src: u32, n: u32): u32 {
  const width: u32 = t == T_OBJECT ? 8 : 4;
  const c = newColl(t, n);
  memory.copy(load<u32>(c, 12), src, n * width);
  store<u32>(c, n, 4);
  return c;
}

// ---- shared by statements and builtins ------------------------------------------------------

/** Elements of a collection or code points of a string; -1 for other values. */
export function countOf(v: u32): i64 {
  const t = tag(v);
  if (t >= T_ARRAY) return <i64>collLen(v);
  if (t == T_STRING) {
    let n: i64 = 0;
    const p = strPtr(v), e = p + strLen(v);
    for (let q = p; q < e; q++) if ((load<u8>(q) & 0xc0) != 0x80) n++;
    return n;
  }
  return -1;
}

/** Deep merge: `a` wins on conflicting leaves; 0 when either side is not an object. */
export function mergeObjects(a: u32, b: u32, aWins: bool): u32 {
  if (a == 0 || b == 0 || tag(a) != T_OBJECT || tag(b) != T_OBJECT) return 0;
  const r = collFrom(T_OBJECT, load<u32>(a, 12), collLen(a));
  const n = collLen(b);
  for (let i: u32 = 0; i < n; i++) {
    const k = objKey(b, i), bv = objVal(b, i);
    const av = objGet(r, k);
    if (av == 0) { objPut(r, k, bv); continue; }
    if (tag(av) == T_OBJECT && tag(bv) == T_OBJECT) { objPut(r, k, mergeObjects(av, bv, aWins)); continue; }
    if (!aWins) objPut(r, k, bv);
  }
  return r;
}

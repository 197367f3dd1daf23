// JSON text <-> values. The parser is the hot path (whole Terraform plans arrive as JSON text), so
// strings without escapes point into the text instead of being copied, and collections are built
// on a scratch stack and copied once into exactly-sized storage.
import { alloc, heapTop, heapEpoch } from "./alloc";
import {
  T_NULL, T_BOOL, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, N_INT, N_FLOAT, N_BIGINT, N_TEXT,
  NULL_V, TRUE_V, FALSE_V, tag, newInt, newNumText, newString, collLen, arrayGet, objKey, objVal,
  collFrom, sortDedup, strLen, strPtr, intOf, numKind, sameBytes, newStringHashed, strHash,
} from "./value";
import { dtoa_buffered } from "util/number";

let pos: u32 = 0;
let end: u32 = 0;
let failed = false;
let allowSets = false;

// Scratch stack of value pointers for collections under construction. It is kept from one parse
// to the next while the heap has not been rewound (same epoch: the block is still ours), so that
// the many small texts parsed during an evaluation (every host builtin's result) do not each
// leave a block behind; it starts small and doubles, in place when it is the last block.
let stk: u32 = 0;
let stkLen: u32 = 0;
let stkCap: u32 = 0;
let stkEpoch: u32 = 0;
const STACK_START: u32 = 64;

function push(v: u32): void {
  if (stkLen == stkCap) {
    const ncap = stkCap * 2;
    if (stk + (stkCap << 2) == heapTop()) {
      alloc(stkCap << 2);
    } else {
      const n = alloc(ncap << 2);
      memory.copy(n, stk, stkLen << 2);
      stk = n;
    }
    stkCap = ncap;
  }
  store<u32>(stk + (stkLen << 2), v);
  stkLen++;
}

@inline function isWs(c: u32): bool { return c == 32 || c == 10 || c == 13 || c == 9; }

@inline function skipWs(): void {
  while (pos < end && isWs(load<u8>(pos))) pos++;
}

/** Parses `len` bytes at `ptr`; 0 if the text is not valid JSON. */
export function parseJson(ptr: u32, len: u32, sets: bool): u32 {
  pos = ptr; end = ptr + len; failed = false; allowSets = sets;
  keyTab = 0; keyCap = 0; keyCount = 0;
  if (stk == 0 || stkEpoch != heapEpoch) {
    stkCap = STACK_START; stk = alloc(STACK_START << 2); stkEpoch = heapEpoch;
  }
  stkLen = 0;
  const v = parseValue();
  skipWs();
  if (failed || pos != end) return 0;
  return v;
}

function bad(): u32 { failed = true; pos = end; return 0; }

function matchWord(w: u64, n: u32): bool {
  if (pos + n > end) return false;
  const got = n == 4 ? <u64>load<u32>(pos) : (<u64>load<u32>(pos) | (<u64>load<u8>(pos + 4) << 32));
  if (got != w) return false;
  pos += n;
  return true;
}

function parseValue(): u32 {
  skipWs();
  if (pos >= end) return bad();
  const c = <u32>load<u8>(pos);
  if (c == 34) return parseString();
  if (c == 123) return parseObject();
  if (c == 91) return parseArray();
  if (c == 45 || (c >= 48 && c <= 57)) return parseNumber();
  if (c == 116) return matchWord(0x65757274, 4) ? TRUE_V : bad();           // true
  if (c == 102) return matchWord(0x65736c6166, 5) ? FALSE_V : bad();        // false
  if (c == 110) {
    if (matchWord(0x6c6c756e, 4)) return NULL_V;                              // null
    if (allowSets && pos + 5 <= end && load<u32>(pos) == 0x28746573) return bad();
    return bad();
  }
  if (c == 115 && allowSets && matchWord(0x2928746573, 5)) return collFrom(T_SET, 0, 0); // set()
  return bad();
}

function parseArray(): u32 {
  pos++;
  const base = stkLen;
  skipWs();
  if (pos < end && load<u8>(pos) == 93) { pos++; return collFrom(T_ARRAY, 0, 0); }
  while (true) {
    const v = parseValue();
    if (failed) return 0;
    push(v);
    skipWs();
    if (pos >= end) return bad();
    const c = load<u8>(pos++);
    if (c == 44) continue;
    if (c == 93) break;
    return bad();
  }
  const n = stkLen - base;
  const a = collFrom(T_ARRAY, stk + (base << 2), n);
  stkLen = base;
  return a;
}

function parseObject(): u32 {
  pos++;
  const base = stkLen;
  skipWs();
  if (pos < end && load<u8>(pos) == 125) { pos++; return collFrom(T_OBJECT, 0, 0); }
  let isSet = false;
  let first = true;
  while (true) {
    skipWs();
    const k = allowSets ? parseValue() : (pos < end && load<u8>(pos) == 34 ? parseKey() : bad());
    if (failed) return 0;
    skipWs();
    if (pos >= end) return bad();
    let c = load<u8>(pos);
    if (first && allowSets && (c == 44 || c == 125)) isSet = true;
    first = false;
    if (isSet) {
      push(k);
    } else {
      if (c != 58) return bad();
      pos++;
      const v = parseValue();
      if (failed) return 0;
      push(k);
      push(v);
      skipWs();
      if (pos >= end) return bad();
      c = load<u8>(pos);
    }
    pos++;
    if (c == 44) continue;
    if (c == 125) break;
    return bad();
  }
  const data = stk + (base << 2);
  if (isSet) {
    const n = sortDedup(data, stkLen - base, 4);
    const s = collFrom(T_SET, data, n);
    stkLen = base;
    return s;
  }
  const n = sortDedup(data, (stkLen - base) >> 1, 8);
  const o = collFrom(T_OBJECT, data, n);
  stkLen = base;
  return o;
}

// Object keys repeat (every resource has "type", "values", ...): within one parse, equal keys share
// one string value. Fewer allocations, and Dot's per-site cache can then match keys by address.
let keyTab: u32 = 0;   // open addressing: (hash, value) pairs
let keyCap: u32 = 0;
let keyCount: u32 = 0;

function keyInsert(tab: u32, cap: u32, h: u32, v: u32): void {
  let i = h & (cap - 1);
  while (load<u32>(tab + (i << 3) + 4) != 0) i = (i + 1) & (cap - 1);
  store<u32>(tab + (i << 3), h);
  store<u32>(tab + (i << 3) + 4, v);
}

function keyGrow(): void {
  const ncap = keyCap == 0 ? 64 : keyCap << 1;
  const nt = alloc(ncap << 3);
  memory.fill(nt, 0, ncap << 3);
  for (let i: u32 = 0; i < keyCap; i++) {
    const v = load<u32>(keyTab + (i << 3) + 4);
    if (v != 0) keyInsert(nt, ncap, load<u32>(keyTab + (i << 3)), v);
  }
  keyTab = nt;
  keyCap = ncap;
}

// Eight bytes at a time: a mark (0x80) on each byte that a JSON string cannot hold as it is (a quote,
// a backslash, a control character). Borrows run only upwards from a marked byte, so the lowest mark
// (the first byte in the text, on little-endian WebAssembly) is always a true one.
const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;
@inline function specialBytes(x: u64): u64 {
  const q = x ^ (ONES * 34), b = x ^ (ONES * 92);
  return (((q - ONES) & ~q) | ((b - ONES) & ~b) | ((x - ONES * 32) & ~x)) & HIGHS;
}

/** The first byte at or after `p` (before `e`) that is a quote, a backslash or a control character; `e` if none. */
function scanPlain(p: u32, e: u32): u32 {
  while (p + 8 <= e) {
    const m = specialBytes(load<u64>(p));
    if (m != 0) return p + <u32>(ctz(m) >> 3);
    p += 8;
  }
  while (p < e) {
    const c = <u32>load<u8>(p);
    if (c == 34 || c == 92 || c < 32) return p;
    p++;
  }
  return e;
}

function parseKey(): u32 {
  const start = pos + 1;
  const q = scanPlain(start, end);
  if (q >= end) return bad();
  if (load<u8>(q) != 34) return parseString();
  const len = q - start;
  const h = strHash(start, len);
  if ((keyCount + 1) * 2 > keyCap) keyGrow();
  let i = h & (keyCap - 1);
  while (true) {
    const v = load<u32>(keyTab + (i << 3) + 4);
    if (v == 0) break;
    if (load<u32>(keyTab + (i << 3)) == h && strLen(v) == len && sameBytes(strPtr(v), start, len)) {
      pos = q + 1;
      return v;
    }
    i = (i + 1) & (keyCap - 1);
  }
  const v = newStringHashed(start, len, h);
  store<u32>(keyTab + (i << 3), h);
  store<u32>(keyTab + (i << 3) + 4, v);
  keyCount++;
  pos = q + 1;
  return v;
}

@inline function hexVal(c: u32): i32 {
  if (c >= 48 && c <= 57) return <i32>c - 48;
  if (c >= 97 && c <= 102) return <i32>c - 87;
  if (c >= 65 && c <= 70) return <i32>c - 55;
  return -1;
}

function hex4(p: u32): i32 {
  if (p + 4 > end) return -1;
  const a = hexVal(load<u8>(p)), b = hexVal(load<u8>(p + 1)), c = hexVal(load<u8>(p + 2)), d = hexVal(load<u8>(p + 3));
  if ((a | b | c | d) < 0) return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

function parseString(): u32 {
  const start = ++pos;
  // Fast scan: no escapes → point into the text.
  pos = scanPlain(pos, end);
  if (pos >= end) return bad();
  const first = <u32>load<u8>(pos);
  if (first == 34) { const s = newString(start, pos - start); pos++; return s; }
  if (first != 92) return bad();
  // Slow path: decode escapes into a fresh buffer (never longer than the source).
  let close = pos;
  while (close < end) {
    const c = load<u8>(close);
    if (c == 92) { close += 2; continue; }
    if (c == 34) break;
    close++;
  }
  if (close >= end) return bad();
  const buf = alloc(close - start);
  let out = buf;
  memory.copy(out, start, pos - start);
  out += pos - start;
  while (pos < close) {
    let c = <u32>load<u8>(pos);
    if (c != 92) { if (c < 32) return bad(); store<u8>(out++, <u8>c); pos++; continue; }
    c = load<u8>(pos + 1);
    pos += 2;
    if (c == 110) store<u8>(out++, 10);
    else if (c == 116) store<u8>(out++, 9);
    else if (c == 114) store<u8>(out++, 13);
    else if (c == 98) store<u8>(out++, 8);
    else if (c == 102) store<u8>(out++, 12);
    else if (c == 34 || c == 92 || c == 47) store<u8>(out++, <u8>c);
    else if (c == 117) {
      let cp = hex4(pos);
      if (cp < 0) return bad();
      pos += 4;
      if (cp >= 0xd800 && cp < 0xdc00) {
        const lo = pos + 6 <= close && load<u8>(pos) == 92 && load<u8>(pos + 1) == 117 ? hex4(pos + 2) : -1;
        if (lo >= 0xdc00 && lo < 0xe000) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); pos += 6; }
        else cp = 0xfffd;
      } else if (cp >= 0xdc00 && cp < 0xe000) cp = 0xfffd;
      out = putUtf8(out, <u32>cp);
    } else return bad();
  }
  pos = close + 1;
  return newString(buf, out - buf);
}

export function putUtf8(out: u32, cp: u32): u32 {
  if (cp < 0x80) { store<u8>(out, <u8>cp); return out + 1; }
  if (cp < 0x800) {
    store<u8>(out, <u8>(0xc0 | (cp >> 6))); store<u8>(out + 1, <u8>(0x80 | (cp & 63))); return out + 2;
  }
  if (cp < 0x10000) {
    store<u8>(out, <u8>(0xe0 | (cp >> 12))); store<u8>(out + 1, <u8>(0x80 | ((cp >> 6) & 63)));
    store<u8>(out + 2, <u8>(0x80 | (cp & 63))); return out + 3;
  }
  store<u8>(out, <u8>(0xf0 | (cp >> 18))); store<u8>(out + 1, <u8>(0x80 | ((cp >> 12) & 63)));
  store<u8>(out + 2, <u8>(0x80 | ((cp >> 6) & 63))); store<u8>(out + 3, <u8>(0x80 | (cp & 63)));
  return out + 4;
}

// 10^0 .. 10^308 as the nearest doubles (exact up to 1e22), so that m * 10^e rounds once.
const POW10: usize = memory.data<f64>([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31, 1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47, 1e48, 1e49, 1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59, 1e60, 1e61, 1e62, 1e63, 1e64, 1e65, 1e66, 1e67, 1e68, 1e69, 1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79, 1e80, 1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89, 1e90, 1e91, 1e92, 1e93, 1e94, 1e95, 1e96, 1e97, 1e98, 1e99, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109, 1e110, 1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119, 1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127, 1e128, 1e129, 1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143, 1e144, 1e145, 1e146, 1e147, 1e148, 1e149, 1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159, 1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169, 1e170, 1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179, 1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188, 1e189, 1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199, 1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209, 1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222, 1e223, 1e224, 1e225, 1e226, 1e227, 1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239, 1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249, 1e250, 1e251, 1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259, 1e260, 1e261, 1e262, 1e263, 1e264, 1e265, 1e266, 1e267, 1e268, 1e269, 1e270, 1e271, 1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279, 1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287, 1e288, 1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308]);

function pow10(e: i32): f64 {
  return e <= 308 ? load<f64>(POW10 + (<usize>e << 3)) : Infinity;
}

function parseNumber(): u32 {
  const start = pos;
  let neg = false;
  if (load<u8>(pos) == 45) { neg = true; pos++; }
  if (pos >= end) return bad();
  let acc: u64 = 0;
  let digits: i32 = 0;
  let overflow = false;
  let first = load<u8>(pos);
  if (first < 48 || first > 57) return bad();
  if (first == 48 && pos + 1 < end && load<u8>(pos + 1) >= 48 && load<u8>(pos + 1) <= 57) return bad();
  while (pos < end) {
    const d = <u32>load<u8>(pos) - 48;
    if (d > 9) break;
    if (digits < 19) acc = acc * 10 + d; else overflow = true;
    digits++;
    pos++;
  }
  let isFloat = false;
  let exp10: i32 = 0;
  if (overflow) exp10 = digits - 19;
  if (pos < end && load<u8>(pos) == 46) {
    isFloat = true;
    pos++;
    const fs = pos;
    while (pos < end) {
      const d = <u32>load<u8>(pos) - 48;
      if (d > 9) break;
      if (digits < 19) { acc = acc * 10 + d; exp10--; digits++; }
      pos++;
    }
    if (pos == fs) return bad();
  }
  if (pos < end && (load<u8>(pos) | 32) == 101) {
    isFloat = true;
    pos++;
    let eneg = false;
    if (pos < end && (load<u8>(pos) == 45 || load<u8>(pos) == 43)) { eneg = load<u8>(pos) == 45; pos++; }
    const es = pos;
    let e: i32 = 0;
    while (pos < end) {
      const d = <u32>load<u8>(pos) - 48;
      if (d > 9) break;
      if (e < 100000) e = e * 10 + <i32>d;
      pos++;
    }
    if (pos == es) return bad();
    exp10 += eneg ? -e : e;
  }
  if (!isFloat && !overflow && (acc <= <u64>i64.MAX_VALUE || (neg && acc == <u64>i64.MAX_VALUE + 1))) {
    return newInt(neg ? -<i64>acc : <i64>acc);
  }
  let f = <f64>acc;
  if (exp10 > 0) f *= pow10(exp10);
  else if (exp10 < 0) {
    if (exp10 >= -308) f /= pow10(-exp10);
    else { f /= pow10(308); f /= pow10(-exp10 - 308); }
  }
  if (neg) f = -f;
  return newNumText(isFloat ? N_TEXT : N_BIGINT, f, start, pos - start);
}

// ---- output ---------------------------------------------------------------------------------

let out: u32 = 0;
let outLen: u32 = 0;
let outCap: u32 = 0;

function ensure(n: u32): void {
  if (outLen + n <= outCap) return;
  let ncap = outCap * 2;
  while (ncap < outLen + n) ncap *= 2;
  if (out + outCap == heapTop()) {
    alloc(ncap - outCap);
  } else {
    const nb = alloc(ncap);
    memory.copy(nb, out, outLen);
    out = nb;
  }
  outCap = ncap;
}

@inline export function putByte(b: u32): void { ensure(1); store<u8>(out + outLen, <u8>b); outLen++; }

export function putBytes(p: u32, n: u32): void { ensure(n); memory.copy(out + outLen, p, n); outLen += n; }

export function putLit(s: string): void {
  const n = <u32>s.length;
  ensure(n);
  for (let i: u32 = 0; i < n; i++) store<u8>(out + outLen + i, <u8>load<u16>(changetype<usize>(s) + (i << 1)));
  outLen += n;
}

const HEX: string = "0123456789abcdef";

export function putString(p: u32, n: u32): void {
  ensure(n + 2);
  store<u8>(out + outLen, 34); outLen++;
  let runStart = p;
  const e = p + n;
  for (let q = scanPlain(p, e); q < e; q = scanPlain(q + 1, e)) {
    const c = <u32>load<u8>(q);
    putBytes(runStart, q - runStart);
    runStart = q + 1;
    if (c == 34) putLit("\\\"");
    else if (c == 92) putLit("\\\\");
    else if (c == 10) putLit("\\n");
    else if (c == 9) putLit("\\t");
    else if (c == 13) putLit("\\r");
    else if (c == 8) putLit("\\b");
    else if (c == 12) putLit("\\f");
    else {
      putLit("\\u00");
      putByte(load<u16>(changetype<usize>(HEX) + ((c >> 4) << 1)));
      putByte(load<u16>(changetype<usize>(HEX) + ((c & 15) << 1)));
    }
  }
  putBytes(runStart, e - runStart);
  putByte(34);
}

export function putInt(i: i64): void {
  ensure(21);
  if (i == i64.MIN_VALUE) { putLit("-9223372036854775808"); return; }
  if (i < 0) { store<u8>(out + outLen, 45); outLen++; i = -i; }
  let tmp = <u64>i;
  let n: u32 = 1;
  let t = tmp;
  while (t >= 10) { t /= 10; n++; }
  let q = out + outLen + n;
  do { q--; store<u8>(q, <u8>(48 + tmp % 10)); tmp /= 10; } while (tmp);
  outLen += n;
}

const DTOA_BUF: usize = memory.data(64);

export function putFloat(f: f64): void {
  if (!isFinite(f)) { putLit("null"); return; }
  const n = dtoa_buffered(DTOA_BUF, f);
  ensure(n);
  for (let i: u32 = 0; i < n; i++) store<u8>(out + outLen + i, <u8>load<u16>(DTOA_BUF + (i << 1)));
  outLen += n;
}

export function putNumber(v: u32): void {
  const k = numKind(v);
  if (k == N_INT) putInt(intOf(v));
  else if (k == N_FLOAT) putFloat(load<f64>(v, 8));
  else putBytes(load<u32>(v, 16), load<u32>(v, 20));
}

// Output modes: JSON, Rego literal (opa_value_dump), Rego as OPA prints it in messages (", " and ": ").
export const M_JSON: i32 = 0;
export const M_REGO: i32 = 1;
export const M_PRETTY: i32 = 2;

export function putValue(v: u32, mode: i32): void {
  const rego = mode != M_JSON;
  const pretty = mode == M_PRETTY;
  switch (tag(v)) {
    case T_NULL: putLit("null"); break;
    case T_BOOL: if (load<u8>(v, 4)) putLit("true"); else putLit("false"); break;
    case T_NUMBER: putNumber(v); break;
    case T_STRING: putString(strPtr(v), strLen(v)); break;
    case T_ARRAY: {
      putByte(91);
      const n = collLen(v);
      for (let i: u32 = 0; i < n; i++) { if (i) { putByte(44); if (pretty) putByte(32); } putValue(arrayGet(v, i), mode); }
      putByte(93);
      break;
    }
    case T_SET: {
      const n = collLen(v);
      if (rego && n == 0) { putLit("set()"); break; }
      putByte(rego ? 123 : 91);
      for (let i: u32 = 0; i < n; i++) { if (i) { putByte(44); if (pretty) putByte(32); } putValue(arrayGet(v, i), mode); }
      putByte(rego ? 125 : 93);
      break;
    }
    case T_OBJECT: {
      putByte(123);
      const n = collLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (i) { putByte(44); if (pretty) putByte(32); }
        const k = objKey(v, i);
        if (tag(k) == T_STRING || rego) putValue(k, mode);
        else {
          // JSON keys must be strings: write the key's JSON text as a string.
          const mark = outLen;
          putValue(k, M_JSON);
          const len = outLen - mark;
          const copy = alloc(len);
          memory.copy(copy, out + mark, len);
          outLen = mark;
          putString(copy, len);
        }
        putByte(58);
        if (pretty) putByte(32);
        putValue(objVal(v, i), mode);
      }
      putByte(125);
      break;
    }
    default: putLit("null");
  }
}

/** NUL-terminated JSON (or Rego literal) text of a value. */
export function dumpValue(v: u32, rego: bool): u32 {
  // Small: the buffer grows in place at the heap top, and every host builtin call dumps its arguments.
  beginOut(16);
  if (v == 0) putLit("null"); else putValue(v, rego ? M_REGO : M_JSON);
  putByte(0);
  return out;
}

/** Text of a value as a fresh (ptr,len) byte string (no terminator): used by json.marshal. */
export function dumpToString(v: u32): u32 {
  beginOut(64);
  putValue(v, M_JSON);
  return outString();
}

/** Starts a fresh output buffer (not re-entrant: finish one text before starting the next). */
export function beginOut(cap: u32): void {
  outCap = cap; outLen = 0; out = alloc(outCap);
}

/** The output so far as a string value. */
export function outString(): u32 { return newString(out, outLen); }
export function outLength(): u32 { return outLen; }
export function outPtr(): u32 { return out; }
export function truncateOut(n: u32): void { outLen = n; }

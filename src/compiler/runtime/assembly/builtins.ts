// Builtins implemented in the runtime. Each is exported as `__apg_b_<name with dots as _>`, takes
// value addresses and returns a value address, 0 meaning undefined. As in OPA, a type or domain
// error in an argument makes the call undefined, or, with strict builtin errors, aborts the
// evaluation with OPA's message (`eval_type_error: plus: operand 2 must be number but got string`).
import { alloc, abortAscii, heapTop, setHeapTop, heapEpoch, __apg_heap_base, __apg_strict, msgStart, msgAdd, msgBytes, msgAbort } from "./alloc";
import { typeErr, elemErr, operandErr, builtinErr, typeNameOf } from "./errors";
import {
  T_NULL, T_BOOL, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, N_INT, N_FLOAT, N_BIGINT, NULL_V, TRUE_V, FALSE_V,
  tag, boolOf, newInt, newFloat, newString, newStringLit, newColl, arrayPush, objGet, objPut, setAdd, setHas,
  search, collLen, arrayGet, objKey, objVal, equal, compare, asInteger, lastInteger, strLen, strPtr,
  collFrom, sortEntries, isInt, intOf, f64Of, numKind, sameBytes, countOf, mergeObjects,
} from "./value";
import { parseJson, dumpToString, putUtf8 } from "./json";
import { isExactInt, bigAdd, bigMul, bigDivMod, lastRemainder } from "./bignum";

@inline function isNum(v: u32): bool { return tag(v) == T_NUMBER; }

/** String operands: the type error of the first that is not a string, if any. */
let strsErr: u32 = 0;
function strs(name: string, a: u32, b: u32, c: u32 = 0): bool {
  if (!isStr(a)) { strsErr = typeErr(name, 1, "string", a); return false; }
  if (b != 0 && !isStr(b)) { strsErr = typeErr(name, 2, "string", b); return false; }
  if (c != 0 && !isStr(c)) { strsErr = typeErr(name, 3, "string", c); return false; }
  return true;
}

/** Both operands numbers? Otherwise the type error for the first that is not. */
let numsErr: u32 = 0;
function nums(name: string, a: u32, b: u32): bool {
  if (isNum(a) && isNum(b)) return true;
  numsErr = isNum(a) ? typeErr(name, 2, "number", b) : typeErr(name, 1, "number", a);
  return false;
}
@inline function isStr(v: u32): bool { return tag(v) == T_STRING; }

// ---- comparison -----------------------------------------------------------------------------

export function __apg_b_equal(a: u32, b: u32): u32 { return boolOf(equal(a, b)); }
export function __apg_b_neq(a: u32, b: u32): u32 { return boolOf(!equal(a, b)); }
export function __apg_b_lt(a: u32, b: u32): u32 { return boolOf(compare(a, b) < 0); }
export function __apg_b_lte(a: u32, b: u32): u32 { return boolOf(compare(a, b) <= 0); }
export function __apg_b_gt(a: u32, b: u32): u32 { return boolOf(compare(a, b) > 0); }
export function __apg_b_gte(a: u32, b: u32): u32 { return boolOf(compare(a, b) >= 0); }

// ---- arithmetic -----------------------------------------------------------------------------

/** Both 64-bit integers (the fast path); integers beyond 64 bits go through bignum.ts. */
function exactInts(a: u32, b: u32): bool {
  return isInt(a) && isInt(b);
}

/** Both exact integers, at least one beyond 64 bits or written as a decimal literal (1e30 + 1 is exact). */
function bigInts(a: u32, b: u32): bool {
  const ka = numKind(a), kb = numKind(b);
  if (ka == N_FLOAT || kb == N_FLOAT || (ka == N_INT && kb == N_INT)) return false;
  return isExactInt(a) && isExactInt(b);
}

function setDiff(a: u32, b: u32): u32 {
  const r = newColl(T_SET, collLen(a));
  const n = collLen(a);
  for (let i: u32 = 0; i < n; i++) { const e = arrayGet(a, i); if (!setHas(b, e)) arrayPush(r, e); }
  return r;
}

export function __apg_b_plus(a: u32, b: u32): u32 {
  if (!nums("plus", a, b)) return numsErr;
  if (exactInts(a, b)) {
    const x = intOf(a), y = intOf(b), r = x + y;
    if (((x ^ r) & (y ^ r)) < 0) return bigAdd(a, b, false);
    return newInt(r);
  }
  if (bigInts(a, b)) return bigAdd(a, b, false);
  return newFloat(f64Of(a) + f64Of(b));
}

export function __apg_b_minus(a: u32, b: u32): u32 {
  if (tag(a) == T_SET && tag(b) == T_SET) return setDiff(a, b);
  if (!isNum(a) || !isNum(b)) {
    if (!isNum(a) && tag(a) != T_SET) return typeErr("minus", 1, "one of {number, set}", a);
    return typeErr("minus", 2, isNum(a) ? "number" : "set", b);
  }
  if (exactInts(a, b)) {
    const x = intOf(a), y = intOf(b), r = x - y;
    if (((x ^ y) & (x ^ r)) < 0) return bigAdd(a, b, true);
    return newInt(r);
  }
  if (bigInts(a, b)) return bigAdd(a, b, true);
  return newFloat(f64Of(a) - f64Of(b));
}

export function __apg_b_mul(a: u32, b: u32): u32 {
  if (!nums("mul", a, b)) return numsErr;
  if (exactInts(a, b)) {
    const x = intOf(a), y = intOf(b);
    if (x == 0 || y == 0) return newInt(0);
    const r = x * y;
    if (r / y != x || (x == -1 && y == i64.MIN_VALUE) || (y == -1 && x == i64.MIN_VALUE)) return bigMul(a, b);
    return newInt(r);
  }
  if (bigInts(a, b)) return bigMul(a, b);
  return newFloat(f64Of(a) * f64Of(b));
}

export function __apg_b_div(a: u32, b: u32): u32 {
  if (!nums("div", a, b)) return numsErr;
  if (f64Of(b) == 0) return builtinErr("div", "divide by zero");
  if (exactInts(a, b)) {
    const x = intOf(a), y = intOf(b);
    if (y != -1 && x % y == 0) return newInt(x / y);
    if (y == -1) return x == i64.MIN_VALUE ? bigMul(a, b) : newInt(-x);
  } else if (bigInts(a, b)) {
    const q = bigDivMod(a, b);
    const r = lastRemainder();
    if (isInt(r) && intOf(r) == 0) return q;
  }
  return newFloat(f64Of(a) / f64Of(b));
}

export function __apg_b_rem(a: u32, b: u32): u32 {
  if (!nums("rem", a, b)) return numsErr;
  if (bigInts(a, b)) {
    if (isInt(b) && intOf(b) == 0) return builtinErr("rem", "modulo by zero");
    bigDivMod(a, b);
    return lastRemainder();
  }
  if (!exactInts(a, b)) {
    // Integral floats (2.0) are fine; real fractions are an error in OPA.
    if (!asInteger(a)) return builtinErr("rem", "modulo on floating-point number");
    const x = lastInteger();
    if (!asInteger(b)) return builtinErr("rem", "modulo on floating-point number");
    const y = lastInteger();
    if (y == 0) return builtinErr("rem", "modulo by zero");
    return newInt(y == -1 ? 0 : x % y);
  }
  const y = intOf(b);
  if (y == 0) return builtinErr("rem", "modulo by zero");
  return newInt(y == -1 ? 0 : intOf(a) % y);
}

export function __apg_b_and(a: u32, b: u32): u32 {
  if (tag(a) != T_SET) return typeErr("and", 1, "set", a);
  if (tag(b) != T_SET) return typeErr("and", 2, "set", b);
  const r = newColl(T_SET, collLen(a));
  const n = collLen(a);
  for (let i: u32 = 0; i < n; i++) { const e = arrayGet(a, i); if (setHas(b, e)) arrayPush(r, e); }
  return r;
}

export function __apg_b_or(a: u32, b: u32): u32 {
  if (tag(a) != T_SET) return typeErr("or", 1, "set", a);
  if (tag(b) != T_SET) return typeErr("or", 2, "set", b);
  const r = collFrom(T_SET, load<u32>(a, 12), collLen(a));
  const n = collLen(b);
  for (let i: u32 = 0; i < n; i++) setAdd(r, arrayGet(b, i));
  return r;
}

export function __apg_b_abs(a: u32): u32 {
  if (!isNum(a)) return typeErr("abs", 1, "number", a);
  if (isInt(a)) { const x = intOf(a); if (x == i64.MIN_VALUE) return bigMul(a, newInt(-1)); return newInt(x < 0 ? -x : x); }
  if (numKind(a) == N_BIGINT) return load<u8>(load<u32>(a, 16)) == 45 ? bigMul(a, newInt(-1)) : a;
  return newFloat(Math.abs(f64Of(a)));
}

function roundTo(a: u32, mode: i32): u32 {
  if (!isNum(a)) return typeErr(mode == 0 ? "round" : mode == 1 ? "ceil" : "floor", 1, "number", a);
  if (isInt(a)) return a;
  if (numKind(a) == N_BIGINT) return a;
  const f = f64Of(a);
  let r: f64;
  if (mode == 0) r = f < 0 ? -Math.floor(-f + 0.5) : Math.floor(f + 0.5);   // half away from zero
  else if (mode == 1) r = Math.ceil(f);
  else r = Math.floor(f);
  if (Math.abs(r) >= 9.2e18) return newFloat(r);
  return newInt(<i64>r);
}
export function __apg_b_round(a: u32): u32 { return roundTo(a, 0); }
export function __apg_b_ceil(a: u32): u32 { return roundTo(a, 1); }
export function __apg_b_floor(a: u32): u32 { return roundTo(a, 2); }

// ---- aggregates -----------------------------------------------------------------------------

export function __apg_b_count(a: u32): u32 {
  const n = countOf(a);
  return n < 0 ? typeErr("count", 1, "one of {array, object, set, string}", a) : newInt(n);
}

function isArrOrSet(a: u32): bool { const t = tag(a); return t == T_ARRAY || t == T_SET; }

export function __apg_b_sum(a: u32): u32 {
  if (!isArrOrSet(a)) return typeErr("sum", 1, "one of {set, array}", a);
  let acc = newInt(0);
  const n = collLen(a);
  for (let i: u32 = 0; i < n; i++) {
    const e = arrayGet(a, i);
    if (!isNum(e)) return elemErr("sum", 1, a, "number", e);
    acc = __apg_b_plus(acc, e);
  }
  return acc;
}

export function __apg_b_product(a: u32): u32 {
  if (!isArrOrSet(a)) return typeErr("product", 1, "one of {set, array}", a);
  let acc = newInt(1);
  const n = collLen(a);
  for (let i: u32 = 0; i < n; i++) {
    const e = arrayGet(a, i);
    if (!isNum(e)) return elemErr("product", 1, a, "number", e);
    acc = __apg_b_mul(acc, e);
  }
  return acc;
}

function extreme(a: u32, sign: i32): u32 {
  if (!isArrOrSet(a)) return typeErr(sign > 0 ? "max" : "min", 1, "one of {set, array}", a);
  const n = collLen(a);
  if (n == 0) return 0;
  let best = arrayGet(a, 0);
  for (let i: u32 = 1; i < n; i++) { const e = arrayGet(a, i); if (compare(e, best) * sign > 0) best = e; }
  return best;
}
export function __apg_b_max(a: u32): u32 { return extreme(a, 1); }
export function __apg_b_min(a: u32): u32 { return extreme(a, -1); }

export function __apg_b_sort(a: u32): u32 {
  if (!isArrOrSet(a)) return typeErr("sort", 1, "one of {set, array}", a);
  const r = collFrom(T_ARRAY, load<u32>(a, 12), collLen(a));
  if (tag(a) == T_ARRAY) sortEntries(load<u32>(r, 12), collLen(r), 4);
  return r;
}

function badNumber(a: u32): u32 {
  if (__apg_strict == 0) return 0;
  msgStart("eval_builtin_error: to_number: strconv.ParseFloat: parsing \""); msgBytes(strPtr(a), strLen(a)); msgAdd("\": invalid syntax");
  msgAbort();
  return 0;
}

/** An integer operand: `must be integer number but got floating-point number` otherwise. */
function intOperand(name: string, i: i32, v: u32): bool {
  if (tag(v) != T_NUMBER) { typeErr(name, i, "number", v); return false; }
  if (!asInteger(v)) { operandErr(name, i, "must be integer number but got floating-point number"); return false; }
  return true;
}

export function __apg_b_to_number(a: u32): u32 {
  const t = tag(a);
  if (t == T_NULL) return newInt(0);
  if (t == T_BOOL) return newInt(<i64>load<u8>(a, 4));
  if (t == T_NUMBER) return a;
  if (t != T_STRING) return typeErr("to_number", 1, "one of {null, boolean, number, string}", a);
  // Go's strconv.ParseFloat syntax for decimals: [+-] (digits [. [digits]] | . digits) [e [+-] digits];
  // "inf", "infinity" and "nan" (any case, any sign) are a type error in OPA. The result is the
  // same number written as JSON.
  const p = strPtr(a), n = strLen(a);
  let i: u32 = 0;
  let neg = false;
  if (i < n && (load<u8>(p) == 43 || load<u8>(p) == 45)) { neg = load<u8>(p) == 45; i++; }
  if (isInfOrNan(p + i, n - i)) return typeErr("to_number", 1, "valid number string", a);
  const buf = alloc(n + 3);
  let o = buf;
  if (neg) store<u8>(o++, 45);
  const ds = i;
  while (i < n && isDigit(load<u8>(p + i))) i++;
  const intRun = i - ds;
  let z = ds;
  while (z + 1 < i && load<u8>(p + z) == 48) z++; // leading zeros, keeping one digit
  if (intRun > 0) { memory.copy(o, p + z, i - z); o += i - z; } else store<u8>(o++, 48);
  let fracRun: u32 = 0;
  if (i < n && load<u8>(p + i) == 46) {
    i++;
    const fs = i;
    while (i < n && isDigit(load<u8>(p + i))) i++;
    fracRun = i - fs;
    if (fracRun > 0) { store<u8>(o++, 46); memory.copy(o, p + fs, fracRun); o += fracRun; }
  }
  if (intRun == 0 && fracRun == 0) return badNumber(a);
  if (i < n && (load<u8>(p + i) | 32) == 101) {
    store<u8>(o++, 101);
    i++;
    if (i < n && (load<u8>(p + i) == 43 || load<u8>(p + i) == 45)) store<u8>(o++, load<u8>(p + i++));
    const es = i;
    while (i < n && isDigit(load<u8>(p + i))) store<u8>(o++, load<u8>(p + i++));
    if (i == es) return badNumber(a);
  }
  if (i != n) return badNumber(a);
  const v = parseJson(buf, o - buf, false);
  if (v == 0 || tag(v) != T_NUMBER) return badNumber(a);
  return v;
}

@inline function isDigit(c: u32): bool { return c >= 48 && c <= 57; }

function isInfOrNan(p: u32, n: u32): bool {
  if (n != 3 && n != 8) return false;
  let w: u64 = 0;
  for (let i: u32 = 0; i < n; i++) w = (w << 8) | <u64>(load<u8>(p + i) | 32);
  // "inf", "nan", "infinity" in lower case
  return w == 0x696e66 || w == 0x6e616e || w == 0x696e66696e697479;
}

export function __apg_b_numbers_range(a: u32, b: u32): u32 {
  if (!intOperand("numbers.range", 1, a)) return 0;
  const x = lastInteger();
  if (!intOperand("numbers.range", 2, b)) return 0;
  const y = lastInteger();
  const n = (y >= x ? y - x : x - y) + 1;
  if (n > 100000000) abortAscii("eval_resource_error: numbers.range: range too large (more than 100000000 elements)");
  const r = newColl(T_ARRAY, <u32>n);
  const step: i64 = y >= x ? 1 : -1;
  let v = x;
  for (let i: i64 = 0; i < n; i++) { arrayPush(r, newInt(v)); v += step; }
  return r;
}

export function __apg_b_format_int(a: u32, b: u32): u32 {
  if (!isNum(a)) return typeErr("format_int", 1, "number", a);
  if (!isNum(b)) return typeErr("format_int", 2, "number", b);
  const base = asInteger(b) ? lastInteger() : 0;
  if (base != 2 && base != 8 && base != 10 && base != 16) return operandErr("format_int", 2, "must be one of {2, 8, 10, 16}");
  let x: i64;
  // OPA converts with big.Float.Int: truncation toward zero.
  if (isInt(a)) x = intOf(a); else { const f = Math.trunc(f64Of(a)); if (Math.abs(f) >= 9.2e18) return 0; x = <i64>f; }
  const neg = x < 0;
  let u: u64 = neg ? <u64>(-x) : <u64>x;
  const buf = alloc(66);
  let p = buf + 66;
  do {
    const d = <u32>(u % <u64>base);
    p--;
    store<u8>(p, <u8>(d < 10 ? 48 + d : 87 + d));
    u /= <u64>base;
  } while (u);
  if (neg) { p--; store<u8>(p, 45); }
  return newString(p, buf + 66 - p);
}

// ---- bits (on 64-bit integers; shifts beyond 64 bits become big integers) -------------------------

let bitsX: i64 = 0, bitsY: i64 = 0;
function bitsOperands(name: string, a: u32, b: u32): bool {
  if (!intOperand(name, 1, a)) return false;
  bitsX = lastInteger();
  if (b == 0) return true;
  if (!intOperand(name, 2, b)) return false;
  bitsY = lastInteger();
  return true;
}
export function __apg_b_bits_and(a: u32, b: u32): u32 { return bitsOperands("bits.and", a, b) ? newInt(bitsX & bitsY) : 0; }
export function __apg_b_bits_or(a: u32, b: u32): u32 { return bitsOperands("bits.or", a, b) ? newInt(bitsX | bitsY) : 0; }
export function __apg_b_bits_xor(a: u32, b: u32): u32 { return bitsOperands("bits.xor", a, b) ? newInt(bitsX ^ bitsY) : 0; }
export function __apg_b_bits_negate(a: u32): u32 { return bitsOperands("bits.negate", a, 0) ? newInt(~bitsX) : 0; }

export function __apg_b_bits_lsh(a: u32, b: u32): u32 {
  if (!bitsOperands("bits.lsh", a, b)) return 0;
  if (bitsY < 0) return operandErr("bits.lsh", 2, "must be an unsigned integer number but got a negative integer");
  if (bitsY > 100000) abortAscii("eval_resource_error: bits.lsh: shift too large");
  let r = a;
  let n = bitsY;
  // Multiply by 2^n in steps of at most 2^62 (exact, through big integers when needed).
  while (n > 0) {
    const k = n > 62 ? 62 : n;
    r = __apg_b_mul(r, newInt(<i64>1 << k));
    n -= k;
  }
  return r;
}

export function __apg_b_bits_rsh(a: u32, b: u32): u32 {
  if (!bitsOperands("bits.rsh", a, b)) return 0;
  if (bitsY < 0) return operandErr("bits.rsh", 2, "must be an unsigned integer number but got a negative integer");
  return newInt(bitsY >= 64 ? (bitsX < 0 ? -1 : 0) : bitsX >> bitsY);
}

// ---- strings --------------------------------------------------------------------------------

@inline function bytesEq(p: u32, q: u32, n: u32): bool { return sameBytes(p, q, n); }

/** Byte offset of needle in hay at or after `from`, or -1. */
function find(hp: u32, hl: u32, np: u32, nl: u32, from: u32): i32 {
  if (nl == 0) return <i32>from;
  if (nl > hl) return -1;
  const first = load<u8>(np);
  for (let i = from; i + nl <= hl; i++) {
    if (load<u8>(hp + i) == first && bytesEq(hp + i, np, nl)) return <i32>i;
  }
  return -1;
}

export function __apg_b_concat(d: u32, a: u32): u32 {
  if (!isStr(d)) return typeErr("concat", 1, "string", d);
  if (!isArrOrSet(a)) return typeErr("concat", 2, "one of {set, array}", a);
  const n = collLen(a);
  let total: u32 = n > 0 ? (n - 1) * strLen(d) : 0;
  for (let i: u32 = 0; i < n; i++) { const e = arrayGet(a, i); if (!isStr(e)) return elemErr("concat", 2, a, "string", e); total += strLen(e); }
  const buf = alloc(total);
  let p = buf;
  for (let i: u32 = 0; i < n; i++) {
    if (i) { memory.copy(p, strPtr(d), strLen(d)); p += strLen(d); }
    const e = arrayGet(a, i);
    memory.copy(p, strPtr(e), strLen(e)); p += strLen(e);
  }
  return newString(buf, total);
}

export function __apg_b_contains(a: u32, b: u32): u32 {
  if (!strs("contains", a, b)) return strsErr;
  return boolOf(find(strPtr(a), strLen(a), strPtr(b), strLen(b), 0) >= 0);
}

export function __apg_b_startswith(a: u32, b: u32): u32 {
  if (!strs("startswith", a, b)) return strsErr;
  return boolOf(strLen(b) <= strLen(a) && bytesEq(strPtr(a), strPtr(b), strLen(b)));
}

export function __apg_b_endswith(a: u32, b: u32): u32 {
  if (!strs("endswith", a, b)) return strsErr;
  const la = strLen(a), lb = strLen(b);
  return boolOf(lb <= la && bytesEq(strPtr(a) + la - lb, strPtr(b), lb));
}

// Simple (one-to-one) case mappings of Unicode for Latin-1, Latin Extended-A, Greek and Cyrillic,
// as Go's unicode.ToLower/ToUpper give them; other characters are left as they are.
function toLowerCp(c: u32): u32 {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c >= 0xc0 && c <= 0xde && c != 0xd7) return c + 32;
  if (c == 0x130) return 0x69;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) return (c & 1) == 0 ? c + 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) return (c & 1) == 1 ? c + 1 : c;
  if (c == 0x178) return 0xff;
  if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2) return c + 32;
  if (c == 0x386) return 0x3ac;
  if (c >= 0x388 && c <= 0x38a) return c + 37;
  if (c == 0x38c) return 0x3cc;
  if (c == 0x38e || c == 0x38f) return c + 63;
  if (c >= 0x410 && c <= 0x42f) return c + 32;
  if (c >= 0x400 && c <= 0x40f) return c + 80;
  return c;
}

function toUpperCp(c: u32): u32 {
  if (c < 0x80) return c >= 97 && c <= 122 ? c - 32 : c;
  if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 32;
  if (c == 0xff) return 0x178;
  if (c == 0xb5) return 0x39c;
  if (c == 0x131) return 0x49;
  if (c == 0x17f) return 0x53;
  if ((c >= 0x101 && c <= 0x137) || (c >= 0x14b && c <= 0x177)) return (c & 1) == 1 ? c - 1 : c;
  if ((c >= 0x13a && c <= 0x148) || (c >= 0x17a && c <= 0x17e)) return (c & 1) == 0 ? c - 1 : c;
  if (c == 0x3c2) return 0x3a3;
  if (c >= 0x3b1 && c <= 0x3c9) return c - 32;
  if (c == 0x3ac) return 0x386;
  if (c >= 0x3ad && c <= 0x3af) return c - 37;
  if (c == 0x3cc) return 0x38c;
  if (c == 0x3cd || c == 0x3ce) return c - 63;
  if (c >= 0x430 && c <= 0x44f) return c - 32;
  if (c >= 0x450 && c <= 0x45f) return c - 80;
  return c;
}

function mapCase(a: u32, upper: bool): u32 {
  if (!isStr(a)) return typeErr(upper ? "upper" : "lower", 1, "string", a);
  const n = strLen(a), src = strPtr(a);
  const buf = alloc(n * 2);
  let out = buf;
  for (let i: u32 = 0; i < n;) {
    const c = <u32>load<u8>(src + i);
    if (c < 0x80) {
      store<u8>(out++, <u8>(upper ? (c >= 97 && c <= 122 ? c - 32 : c) : (c >= 65 && c <= 90 ? c + 32 : c)));
      i++;
      continue;
    }
    const cp = decode(src + i, n - i);
    const l = decLen;
    out = putUtf8(out, upper ? toUpperCp(cp) : toLowerCp(cp));
    i += l;
  }
  return newString(buf, out - buf);
}

export function __apg_b_lower(a: u32): u32 { return mapCase(a, false); }
export function __apg_b_upper(a: u32): u32 { return mapCase(a, true); }

/** Length in bytes of the UTF-8 sequence starting with byte c. */
@inline function seqLen(c: u32): u32 { return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4; }

export function __apg_b_split(a: u32, d: u32): u32 {
  if (!strs("split", a, d)) return strsErr;
  const r = newColl(T_ARRAY, 4);
  const hp = strPtr(a), hl = strLen(a), dl = strLen(d);
  if (dl == 0) {
    // Go's strings.Split with an empty separator: one element per character.
    for (let i: u32 = 0; i < hl;) { const l = min(seqLen(load<u8>(hp + i)), hl - i); arrayPush(r, newString(hp + i, l)); i += l; }
    return r;
  }
  let start: u32 = 0;
  while (true) {
    const at = find(hp, hl, strPtr(d), dl, start);
    if (at < 0) break;
    arrayPush(r, newString(hp + start, <u32>at - start));
    start = <u32>at + dl;
  }
  arrayPush(r, newString(hp + start, hl - start));
  return r;
}

export function __apg_b_replace(a: u32, o: u32, nw: u32): u32 {
  if (!strs("replace", a, o, nw)) return strsErr;
  const hp = strPtr(a), hl = strLen(a), ol = strLen(o), np = strPtr(nw), nl = strLen(nw);
  // Worst case: the replacement at every boundary.
  const need: u64 = ol == 0 ? <u64>hl + (<u64>hl + 1) * <u64>nl : (<u64>(hl / ol) + 1) * <u64>max(nl, ol) + <u64>hl;
  if (need > 0x40000000) abortAscii("eval_resource_error: memory limit exceeded (1 GiB): evaluation too large");
  const buf = alloc(<u32>need);
  let p = buf;
  if (ol == 0) {
    for (let i: u32 = 0; i <= hl;) {
      memory.copy(p, np, nl); p += nl;
      if (i == hl) break;
      const l = min(seqLen(load<u8>(hp + i)), hl - i);
      memory.copy(p, hp + i, l); p += l; i += l;
    }
    return newString(buf, p - buf);
  }
  let start: u32 = 0;
  while (true) {
    const at = find(hp, hl, strPtr(o), ol, start);
    if (at < 0) break;
    memory.copy(p, hp + start, <u32>at - start); p += <u32>at - start;
    memory.copy(p, np, nl); p += nl;
    start = <u32>at + ol;
  }
  memory.copy(p, hp + start, hl - start); p += hl - start;
  return newString(buf, p - buf);
}

/** Decodes the code point at p (len bytes available); sets decLen. */
let decLen: u32 = 1;
function decode(p: u32, avail: u32): u32 {
  const c = <u32>load<u8>(p);
  const l = min(seqLen(c), avail);
  decLen = l;
  if (l == 1) return c;
  if (l == 2) return ((c & 0x1f) << 6) | (load<u8>(p + 1) & 63);
  if (l == 3) return ((c & 0x0f) << 12) | ((<u32>load<u8>(p + 1) & 63) << 6) | (load<u8>(p + 2) & 63);
  return ((c & 0x07) << 18) | ((<u32>load<u8>(p + 1) & 63) << 12) | ((<u32>load<u8>(p + 2) & 63) << 6) | (load<u8>(p + 3) & 63);
}

function inCutset(cp: u32, cs: u32): bool {
  const p = strPtr(cs), n = strLen(cs);
  for (let i: u32 = 0; i < n;) { const c = decode(p + i, n - i); i += decLen; if (c == cp) return true; }
  return false;
}

/** Start of the last code point ending at byte `end` (exclusive). */
function prevStart(p: u32, end: u32): u32 {
  let i = end - 1;
  while (i > 0 && (load<u8>(p + i) & 0xc0) == 0x80) i--;
  return i;
}

function isSpace(cp: u32): bool {
  return cp == 32 || (cp >= 9 && cp <= 13) || cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

// The cutset's code points below 128 as a bitmap, and whether it has others: a long cutset
// ("A-Za-z0-9_-" spelled out) is then one bit test per character instead of a scan.
let cutLo: u64 = 0;
let cutHi: u64 = 0;
let cutOther = false;

// The last cutset loaded, by address: a policy constant (below the heap, the usual case) never
// changes; a value on the heap only while the heap is not rewound.
let cutAt: u32 = 0;
let cutEpoch: u32 = 0;

function loadCutset(cs: u32): void {
  if (cs == cutAt && (cs < __apg_heap_base || cutEpoch == heapEpoch)) return;
  cutAt = cs; cutEpoch = heapEpoch;
  cutLo = 0; cutHi = 0; cutOther = false;
  const p = strPtr(cs), n = strLen(cs);
  for (let i: u32 = 0; i < n;) {
    const c = decode(p + i, n - i);
    i += decLen;
    if (c < 64) cutLo |= (<u64>1) << <u64>c;
    else if (c < 128) cutHi |= (<u64>1) << <u64>(c - 64);
    else cutOther = true;
  }
}

@inline function cut(c: u32, cs: u32): bool {
  if (c < 64) return ((cutLo >> <u64>c) & 1) != 0;
  if (c < 128) return ((cutHi >> <u64>(c - 64)) & 1) != 0;
  return cutOther && inCutset(c, cs);
}

function trimWith(a: u32, cs: u32, left: bool, right: bool, space: bool): u32 {
  const p = strPtr(a), n = strLen(a);
  let s: u32 = 0, e = n;
  if (!space) loadCutset(cs);
  if (left) {
    while (s < e) { const c = decode(p + s, e - s); if (space ? !isSpace(c) : !cut(c, cs)) break; s += decLen; }
  }
  if (right) {
    while (e > s) { const q = prevStart(p, e); const c = decode(p + q, e - q); if (space ? !isSpace(c) : !cut(c, cs)) break; e = q; }
  }
  return newString(p + s, e - s);
}

export function __apg_b_trim(a: u32, c: u32): u32 { return strs("trim", a, c) ? trimWith(a, c, true, true, false) : strsErr; }
export function __apg_b_trim_left(a: u32, c: u32): u32 { return strs("trim_left", a, c) ? trimWith(a, c, true, false, false) : strsErr; }
export function __apg_b_trim_right(a: u32, c: u32): u32 { return strs("trim_right", a, c) ? trimWith(a, c, false, true, false) : strsErr; }
export function __apg_b_trim_space(a: u32): u32 { return strs("trim_space", a, 0) ? trimWith(a, 0, true, true, true) : strsErr; }

export function __apg_b_trim_prefix(a: u32, b: u32): u32 {
  if (!strs("trim_prefix", a, b)) return strsErr;
  const la = strLen(a), lb = strLen(b);
  if (lb <= la && bytesEq(strPtr(a), strPtr(b), lb)) return newString(strPtr(a) + lb, la - lb);
  return a;
}

export function __apg_b_trim_suffix(a: u32, b: u32): u32 {
  if (!strs("trim_suffix", a, b)) return strsErr;
  const la = strLen(a), lb = strLen(b);
  if (lb <= la && bytesEq(strPtr(a) + la - lb, strPtr(b), lb)) return newString(strPtr(a), la - lb);
  return a;
}

/** Byte offset of code point index `cp` (clamped to the end). */
function cpOffset(p: u32, n: u32, cp: i64): u32 {
  let i: u32 = 0;
  let k: i64 = 0;
  while (i < n && k < cp) { i += min(seqLen(load<u8>(p + i)), n - i); k++; }
  return i;
}

export function __apg_b_substring(a: u32, s: u32, l: u32): u32 {
  if (!isStr(a)) return typeErr("substring", 1, "string", a);
  if (!intOperand("substring", 2, s)) return 0;
  const start = lastInteger();
  if (!intOperand("substring", 3, l)) return 0;
  const len = lastInteger();
  if (start < 0) return builtinErr("substring", "negative offset");
  const p = strPtr(a), n = strLen(a);
  const b0 = cpOffset(p, n, start);
  const b1 = len < 0 ? n : b0 + cpOffset(p + b0, n - b0, len);
  return newString(p + b0, b1 - b0);
}

export function __apg_b_indexof(a: u32, b: u32): u32 {
  if (!strs("indexof", a, b)) return strsErr;
  if (strLen(b) == 0) return builtinErr("indexof", "empty search character");
  const at = find(strPtr(a), strLen(a), strPtr(b), strLen(b), 0);
  if (at < 0) return newInt(-1);
  // Code point index of the byte offset.
  let k: i64 = 0;
  const p = strPtr(a);
  for (let i: u32 = 0; i < <u32>at; i++) if ((load<u8>(p + i) & 0xc0) != 0x80) k++;
  return newInt(k);
}

/** The code points of a string in reverse order. */
export function __apg_b_strings_reverse(a: u32): u32 {
  if (!isStr(a)) return typeErr("strings.reverse", 1, "string", a);
  const p = strPtr(a), n = strLen(a);
  const buf = alloc(n);
  let o = buf + n;
  for (let i: u32 = 0; i < n;) {
    const l = min(seqLen(load<u8>(p + i)), n - i);
    o -= l;
    memory.copy(o, p + i, l);
    i += l;
  }
  return newString(buf, n);
}

/** Non-overlapping occurrences of b in a (Go's strings.Count: code points + 1 for an empty b). */
export function __apg_b_strings_count(a: u32, b: u32): u32 {
  if (!strs("strings.count", a, b)) return strsErr;
  const n = strLen(b);
  if (n == 0) return newInt(countOf(a) + 1);
  let k: i64 = 0;
  let at = find(strPtr(a), strLen(a), strPtr(b), n, 0);
  while (at >= 0) { k++; at = find(strPtr(a), strLen(a), strPtr(b), n, <u32>at + n); }
  return newInt(k);
}

/** Code point indexes of every (possibly overlapping) occurrence of b in a. */
export function __apg_b_indexof_n(a: u32, b: u32): u32 {
  if (!strs("indexof_n", a, b)) return strsErr;
  if (strLen(b) == 0) return builtinErr("indexof_n", "empty search character");
  const r = newColl(T_ARRAY, 4);
  const p = strPtr(a), n = strLen(a), q = strPtr(b), m = strLen(b);
  let k: i64 = 0;
  for (let i: u32 = 0; i + m <= n; i++) {
    if ((load<u8>(p + i) & 0xc0) == 0x80) continue;
    if (bytesEq(p + i, q, m)) arrayPush(r, newInt(k));
    k++;
  }
  return r;
}

/** A string, or an array or set of strings, as OPA's strings.any_*_match take them; 0 after a type error. */
function stringsOperand(name: string, i: i32, v: u32): u32 {
  const t = tag(v);
  if (t == T_STRING) { const r = newColl(T_ARRAY, 1); arrayPush(r, v); return r; }
  if (t != T_ARRAY && t != T_SET) return typeErr(name, i, "one of {string, set, array}", v);
  const n = collLen(v);
  for (let j: u32 = 0; j < n; j++) if (!isStr(arrayGet(v, j))) return elemErr(name, i, v, "string", arrayGet(v, j));
  return v;
}

function anyMatch(name: string, a: u32, b: u32, suffix: bool): u32 {
  const xs = stringsOperand(name, 1, a);
  if (xs == 0) return 0;
  const ys = stringsOperand(name, 2, b);
  if (ys == 0) return 0;
  const nx = collLen(xs), ny = collLen(ys);
  for (let i: u32 = 0; i < nx; i++) {
    const x = arrayGet(xs, i);
    for (let j: u32 = 0; j < ny; j++) {
      const y = arrayGet(ys, j);
      const lx = strLen(x), ly = strLen(y);
      if (ly <= lx && bytesEq(strPtr(x) + (suffix ? lx - ly : 0), strPtr(y), ly)) return TRUE_V;
    }
  }
  return FALSE_V;
}
export function __apg_b_strings_any_prefix_match(a: u32, b: u32): u32 { return anyMatch("strings.any_prefix_match", a, b, false); }
export function __apg_b_strings_any_suffix_match(a: u32, b: u32): u32 { return anyMatch("strings.any_suffix_match", a, b, true); }

// ---- membership -----------------------------------------------------------------------------

export function __apg_b_internal_member_2(x: u32, c: u32): u32 {
  const t = tag(c);
  if (t == T_SET) return boolOf(setHas(c, x));
  if (t == T_ARRAY) {
    const n = collLen(c);
    for (let i: u32 = 0; i < n; i++) if (equal(arrayGet(c, i), x)) return TRUE_V;
    return FALSE_V;
  }
  if (t == T_OBJECT) {
    const n = collLen(c);
    for (let i: u32 = 0; i < n; i++) if (equal(objVal(c, i), x)) return TRUE_V;
    return FALSE_V;
  }
  return FALSE_V;
}

export function __apg_b_internal_member_3(k: u32, v: u32, c: u32): u32 {
  const t = tag(c);
  if (t == T_OBJECT) { const x = objGet(c, k); return boolOf(x != 0 && equal(x, v)); }
  if (t == T_ARRAY) {
    if (!asInteger(k)) return FALSE_V;
    const i = lastInteger();
    return boolOf(i >= 0 && i < <i64>collLen(c) && equal(arrayGet(c, <u32>i), v));
  }
  return FALSE_V;
}

// ---- objects, arrays, sets --------------------------------------------------------------------

export function __apg_b_object_get(o: u32, k: u32, d: u32): u32 {
  if (tag(o) != T_OBJECT) return typeErr("object.get", 1, "object", o);
  if (tag(k) != T_ARRAY) { const v = objGet(o, k); return v != 0 ? v : d; }
  // A path: walk objects by key and arrays by index.
  let cur = o;
  const n = collLen(k);
  for (let i: u32 = 0; i < n; i++) {
    const key = arrayGet(k, i);
    const t = tag(cur);
    let next: u32 = 0;
    if (t == T_OBJECT) next = objGet(cur, key);
    else if (t == T_ARRAY) {
      if (asInteger(key)) { const j = lastInteger(); if (j >= 0 && j < <i64>collLen(cur)) next = arrayGet(cur, <u32>j); }
    } else if (t == T_SET) { if (setHas(cur, key)) next = key; }
    if (next == 0) return d;
    cur = next;
  }
  return cur;
}

export function __apg_b_object_keys(o: u32): u32 {
  if (tag(o) != T_OBJECT) return typeErr("object.keys", 1, "object", o);
  const n = collLen(o);
  const r = newColl(T_SET, n);
  for (let i: u32 = 0; i < n; i++) store<u32>(load<u32>(r, 12) + (i << 2), objKey(o, i));
  store<u32>(r, n, 4);
  return r;
}

export function __apg_b_object_union(a: u32, b: u32): u32 {
  if (tag(a) != T_OBJECT) return typeErr("object.union", 1, "object", a);
  if (tag(b) != T_OBJECT) return typeErr("object.union", 2, "object", b);
  return mergeObjects(a, b, false);
}

export function __apg_b_object_union_n(a: u32): u32 {
  if (tag(a) != T_ARRAY) return typeErr("object.union_n", 1, "array", a);
  let r = newColl(T_OBJECT, 0);
  const n = collLen(a);
  for (let i: u32 = 0; i < n; i++) {
    const o = arrayGet(a, i);
    if (tag(o) != T_OBJECT) return elemErr("object.union_n", 1, a, "object", o);
    r = mergeObjects(r, o, false);
  }
  return r;
}

/** The keys named by an array, set or object (its keys); 0 if `k` is none of those. */
function keySet(k: u32): u32 {
  const t = tag(k);
  if (t == T_SET) return k;
  if (t == T_OBJECT) return __apg_b_object_keys(k);
  if (t != T_ARRAY) return 0;
  const s = newColl(T_SET, collLen(k));
  const n = collLen(k);
  for (let i: u32 = 0; i < n; i++) setAdd(s, arrayGet(k, i));
  return s;
}

function filterKeys(o: u32, k: u32, keep: bool): u32 {
  const name = keep ? "object.filter" : "object.remove";
  if (tag(o) != T_OBJECT) return typeErr(name, 1, "object", o);
  const ks = keySet(k);
  if (ks == 0) return typeErr(name, 2, "one of {object, set, array}", k);
  const n = collLen(o);
  const r = newColl(T_OBJECT, n);
  let m: u32 = 0;
  const dst = load<u32>(r, 12);
  for (let i: u32 = 0; i < n; i++) {
    if (setHas(ks, objKey(o, i)) != keep) continue;
    store<u32>(dst + (m << 3), objKey(o, i));
    store<u32>(dst + (m << 3) + 4, objVal(o, i));
    m++;
  }
  store<u32>(r, m, 4);
  return r;
}
export function __apg_b_object_remove(o: u32, k: u32): u32 { return filterKeys(o, k, false); }
export function __apg_b_object_filter(o: u32, k: u32): u32 { return filterKeys(o, k, true); }

export function __apg_b_array_concat(a: u32, b: u32): u32 {
  if (tag(a) != T_ARRAY) return typeErr("array.concat", 1, "array", a);
  if (tag(b) != T_ARRAY) return typeErr("array.concat", 2, "array", b);
  const la = collLen(a), lb = collLen(b);
  const r = newColl(T_ARRAY, la + lb);
  memory.copy(load<u32>(r, 12), load<u32>(a, 12), la << 2);
  memory.copy(load<u32>(r, 12) + (la << 2), load<u32>(b, 12), lb << 2);
  store<u32>(r, la + lb, 4);
  return r;
}

export function __apg_b_array_reverse(a: u32): u32 {
  if (tag(a) != T_ARRAY) return typeErr("array.reverse", 1, "array", a);
  const n = collLen(a);
  const r = newColl(T_ARRAY, n);
  for (let i: u32 = 0; i < n; i++) arrayPush(r, arrayGet(a, n - 1 - i));
  return r;
}

export function __apg_b_array_slice(a: u32, s: u32, e: u32): u32 {
  if (tag(a) != T_ARRAY) return typeErr("array.slice", 1, "array", a);
  if (!intOperand("array.slice", 2, s)) return 0;
  let start = lastInteger();
  if (!intOperand("array.slice", 3, e)) return 0;
  let stop = lastInteger();
  const n = <i64>collLen(a);
  if (start < 0) start = 0;
  if (stop > n) stop = n;
  if (start >= stop) return newColl(T_ARRAY, 0);
  return collFrom(T_ARRAY, load<u32>(a, 12) + (<u32>start << 2), <u32>(stop - start));
}

export function __apg_b_union(s: u32): u32 {
  if (tag(s) != T_SET) return typeErr("union", 1, "set", s);
  const r = newColl(T_SET, 4);
  const n = collLen(s);
  for (let i: u32 = 0; i < n; i++) {
    const e = arrayGet(s, i);
    if (tag(e) != T_SET) return elemErr("union", 1, s, "set", e);
    const m = collLen(e);
    for (let j: u32 = 0; j < m; j++) setAdd(r, arrayGet(e, j));
  }
  return r;
}

export function __apg_b_intersection(s: u32): u32 {
  if (tag(s) != T_SET) return typeErr("intersection", 1, "set", s);
  const n = collLen(s);
  if (n == 0) return newColl(T_SET, 0);
  let r = arrayGet(s, 0);
  if (tag(r) != T_SET) return elemErr("intersection", 1, s, "set", r);
  for (let i: u32 = 1; i < n; i++) {
    const e = arrayGet(s, i);
    if (tag(e) != T_SET) return elemErr("intersection", 1, s, "set", e);
    r = __apg_b_and(r, e);
  }
  return r;
}

// ---- encoding and types ---------------------------------------------------------------------

export function __apg_b_json_marshal(v: u32): u32 { return dumpToString(v); }

export function __apg_b_json_unmarshal(s: u32): u32 {
  if (!isStr(s)) return typeErr("json.unmarshal", 1, "string", s);
  const v = parseJson(strPtr(s), strLen(s), false);
  return v != 0 ? v : builtinErr("json.unmarshal", "invalid JSON");
}

/** Whether a string is JSON text; false for any other value (as OPA). */
export function __apg_b_json_is_valid(s: u32): u32 {
  if (!isStr(s)) return FALSE_V;
  const mark = heapTop();
  const ok = parseJson(strPtr(s), strLen(s), false) != 0;
  setHeapTop(mark);
  return boolOf(ok);
}

export function __apg_b_is_string(v: u32): u32 { return boolOf(tag(v) == T_STRING); }
export function __apg_b_is_number(v: u32): u32 { return boolOf(tag(v) == T_NUMBER); }
export function __apg_b_is_boolean(v: u32): u32 { return boolOf(tag(v) == T_BOOL); }
export function __apg_b_is_array(v: u32): u32 { return boolOf(tag(v) == T_ARRAY); }
export function __apg_b_is_object(v: u32): u32 { return boolOf(tag(v) == T_OBJECT); }
export function __apg_b_is_set(v: u32): u32 { return boolOf(tag(v) == T_SET); }
export function __apg_b_is_null(v: u32): u32 { return boolOf(tag(v) == T_NULL); }

export function __apg_b_type_name(v: u32): u32 {
  switch (tag(v)) {
    case T_NULL: return newStringLit("null");
    case T_BOOL: return newStringLit("boolean");
    case T_NUMBER: return newStringLit("number");
    case T_STRING: return newStringLit("string");
    case T_ARRAY: return newStringLit("array");
    case T_OBJECT: return newStringLit("object");
    case T_SET: return newStringLit("set");
  }
  return 0;
}

// ---- walk, object.subset, strings.replace_n, strings.split_n ---------------------------------

/** Appends [path, value] for v and everything below it, in pre-order (objects by key, sets in order). */
function walkInto(out: u32, path: u32, v: u32): void {
  const pair = newColl(T_ARRAY, 2);
  arrayPush(pair, path);
  arrayPush(pair, v);
  arrayPush(out, pair);
  const t = tag(v);
  if (t != T_ARRAY && t != T_OBJECT && t != T_SET) return;
  const n = collLen(v);
  const depth = collLen(path);
  for (let i: u32 = 0; i < n; i++) {
    const key = t == T_OBJECT ? objKey(v, i) : t == T_SET ? arrayGet(v, i) : newInt(<i64>i);
    const child = t == T_OBJECT ? objVal(v, i) : arrayGet(v, i);
    // Every node gets its own path array (a shared prefix would be overwritten by later keys).
    const p = newColl(T_ARRAY, depth + 1);
    for (let j: u32 = 0; j < depth; j++) arrayPush(p, arrayGet(path, j));
    arrayPush(p, key);
    walkInto(out, p, child);
  }
}

/**
 * walk(x): every [path, value] pair of x, root first. OPA's `walk` is a relation: the planner
 * iterates over the array this returns.
 */
export function __apg_b_walk(x: u32): u32 {
  const out = newColl(T_ARRAY, 8);
  walkInto(out, newColl(T_ARRAY, 0), x);
  return out;
}

function arrayContains(a: u32, x: u32): bool {
  const n = collLen(a);
  for (let i: u32 = 0; i < n; i++) if (equal(arrayGet(a, i), x)) return true;
  return false;
}

/** OPA's isSubset: objects key by key (recursively), sets by members, arrays as a contiguous run, else equality. */
function isSubset(sup: u32, sub: u32): bool {
  const ts = tag(sup), tb = tag(sub);
  if (ts == T_OBJECT && tb == T_OBJECT) {
    const n = collLen(sub);
    for (let i: u32 = 0; i < n; i++) {
      const v = objGet(sup, objKey(sub, i));
      if (v == 0 || !isSubset(v, objVal(sub, i))) return false;
    }
    return true;
  }
  if (ts == T_SET && tb == T_SET) {
    const n = collLen(sub);
    for (let i: u32 = 0; i < n; i++) if (!setHas(sup, arrayGet(sub, i))) return false;
    return true;
  }
  if (ts == T_ARRAY && tb == T_SET) {
    const n = collLen(sub);
    for (let i: u32 = 0; i < n; i++) if (!arrayContains(sup, arrayGet(sub, i))) return false;
    return true;
  }
  if (ts == T_ARRAY && tb == T_ARRAY) {
    const n = collLen(sup), m = collLen(sub);
    if (m == 0) return true;
    if (m > n) return false;
    for (let s: u32 = 0; s + m <= n; s++) {
      let ok = true;
      for (let j: u32 = 0; j < m && ok; j++) ok = equal(arrayGet(sup, s + j), arrayGet(sub, j));
      if (ok) return true;
    }
    return false;
  }
  return equal(sup, sub);
}

export function __apg_b_object_subset(sup: u32, sub: u32): u32 {
  const ts = tag(sup), tb = tag(sub);
  if ((ts == T_OBJECT && tb == T_OBJECT) || (ts == T_SET && tb == T_SET) || (ts == T_ARRAY && (tb == T_SET || tb == T_ARRAY))) {
    return boolOf(isSubset(sup, sub));
  }
  if (ts != T_OBJECT && ts != T_SET && ts != T_ARRAY) return typeErr("object.subset", 1, "one of {object, set, array}", sup);
  if (tb != T_OBJECT && tb != T_SET && tb != T_ARRAY) return typeErr("object.subset", 2, "one of {object, set, array}", sub);
  return operandErr("object.subset", 1, "both arguments object.subset must be of the same type or array and set");
}

/**
 * strings.replace_n(patterns, s): Go's strings.NewReplacer with the pattern object's keys in
 * order: at each byte position the first key (in key order) that matches there is replaced; an
 * empty key matches at every position (once), including the end; replaced text is not rescanned.
 */
export function __apg_b_strings_replace_n(pats: u32, s: u32): u32 {
  if (tag(pats) != T_OBJECT) return typeErr("strings.replace_n", 1, "object", pats);
  const np = collLen(pats);
  for (let i: u32 = 0; i < np; i++) {
    if (tag(objKey(pats, i)) != T_STRING) return operandErr("strings.replace_n", 1, "non-string key found in pattern object");
    if (tag(objVal(pats, i)) != T_STRING) return operandErr("strings.replace_n", 1, "non-string value found in pattern object");
  }
  if (!isStr(s)) return typeErr("strings.replace_n", 2, "string", s);
  const hp = strPtr(s), hl = strLen(s);
  if (np == 0) return s;
  let outCap: u64 = <u64>hl + 16;
  let buf = alloc(<u32>outCap);
  let len: u32 = 0;
  let prevEmpty = false;
  let i: u32 = 0;
  while (i <= hl) {
    let match: i32 = -1;
    for (let k: u32 = 0; k < np; k++) {
      const key = objKey(pats, k), kl = strLen(key);
      if (kl == 0 && prevEmpty) continue;
      if (kl <= hl - i && (kl == 0 || sameBytes(hp + i, strPtr(key), kl))) { match = <i32>k; break; }
    }
    prevEmpty = false;
    let emitPtr: u32 = hp + i, emitLen: u32 = 1, advance: u32 = 1;
    if (match >= 0) {
      const key = objKey(pats, <u32>match), val = objVal(pats, <u32>match);
      emitPtr = strPtr(val); emitLen = strLen(val); advance = strLen(key);
      prevEmpty = advance == 0;
    } else if (i == hl) break;
    if (<u64>len + <u64>emitLen > outCap) {
      const ncap = (<u64>len + <u64>emitLen) * 2;
      if (ncap > 0x40000000) abortAscii("eval_resource_error: memory limit exceeded (1 GiB): evaluation too large");
      const nb = alloc(<u32>ncap);
      memory.copy(nb, buf, len);
      buf = nb; outCap = ncap;
    }
    memory.copy(buf + len, emitPtr, emitLen);
    len += emitLen;
    i += advance;
  }
  return newString(buf, len);
}

/**
 * strings.split_n(s, delimiter, n): the first n parts of split(s, delimiter), or the last -n
 * for a negative n (all of them when there are fewer; none for 0).
 */
export function __apg_b_strings_split_n(s: u32, d: u32, n: u32): u32 {
  if (!strs("strings.split_n", s, d)) return strsErr;
  if (tag(n) != T_NUMBER) return typeErr("strings.split_n", 3, "number", n);
  if (!asInteger(n)) return operandErr("strings.split_n", 3, "must be integer number but got floating-point number");
  const k = lastInteger();
  const parts = __apg_b_split(s, d);
  const total = <i64>collLen(parts);
  let from: i64 = 0, to: i64 = total;
  if (k >= 0) to = k < total ? k : total;
  else from = -k < total ? total + k : 0;
  const r = newColl(T_ARRAY, <u32>(to - from));
  for (let i = from; i < to; i++) arrayPush(r, arrayGet(parts, <u32>i));
  return r;
}

// ---- array.flatten, numbers.range_step -------------------------------------------------------

/** array.flatten(xs): the elements of xs, with those that are arrays replaced by their elements (one level). */
export function __apg_b_array_flatten(a: u32): u32 {
  if (tag(a) != T_ARRAY) return typeErr("array.flatten", 1, "array", a);
  const n = collLen(a);
  const r = newColl(T_ARRAY, n);
  for (let i: u32 = 0; i < n; i++) {
    const e = arrayGet(a, i);
    if (tag(e) == T_ARRAY) { const m = collLen(e); for (let j: u32 = 0; j < m; j++) arrayPush(r, arrayGet(e, j)); }
    else arrayPush(r, e);
  }
  return r;
}

/** numbers.range_step(a, b, step): a, a ± step, ... up to b (inclusive), counting down when b < a. */
export function __apg_b_numbers_range_step(a: u32, b: u32, s: u32): u32 {
  if (!intOperand("numbers.range_step", 1, a)) return 0;
  const x = lastInteger();
  if (!intOperand("numbers.range_step", 2, b)) return 0;
  const y = lastInteger();
  let step: i64;
  if (tag(s) == T_NUMBER && numKind(s) == N_BIGINT && isExactInt(s)) {
    // Beyond 64 bits: only the first element is in range.
    if (f64Of(s) <= 0) return builtinErr("numbers.range_step", "step must be a positive integer");
    step = i64.MAX_VALUE;
  } else {
    if (!intOperand("numbers.range_step", 3, s)) return 0;
    step = lastInteger();
    if (step <= 0) return builtinErr("numbers.range_step", "step must be a positive integer");
  }
  const span: u64 = y >= x ? <u64>(y - x) : <u64>(x - y);
  const n: u64 = span / <u64>step + 1;
  if (n > 100000000) abortAscii("eval_resource_error: numbers.range_step: range too large (more than 100000000 elements)");
  const r = newColl(T_ARRAY, <u32>n);
  let v = x;
  for (let i: u64 = 0; i < n; i++) { arrayPush(r, newInt(v)); if (i + 1 < n) v = y >= x ? v + step : v - step; }
  return r;
}

// ---- documents of rules with variables in their refs (planner-internal, not callable from Rego) --
// `a[x].b[y] := v` puts v at the path [x, "b", y] of the object a rule group builds. The objects
// (and, for multi-value rules, the sets) made for such paths are marked in byte 1 of their header
// (always 0 otherwise): a path may run through them, but not through a rule's value, which is a
// leaf. Two rules putting different values at one path, or a path through a leaf, conflict.

const PATH_NODE: u8 = 1;

@inline function isPathNode(v: u32): bool {
  const t = tag(v);
  return (t == T_OBJECT || t == T_SET) && load<u8>(v, 1) == PATH_NODE;
}

function newPathNode(t: u8): u32 {
  const c = newColl(t, 4);
  store<u8>(c, PATH_NODE, 1);
  return c;
}

function refConflict(): u32 {
  abortAscii("eval_conflict_error: object keys must be unique");
  return 0;
}

/** The path node at path[0..n) below root, made on the way. */
function refParent(root: u32, path: u32, n: u32): u32 {
  let cur = root;
  for (let i: u32 = 0; i < n; i++) {
    const k = arrayGet(path, i);
    let next = objGet(cur, k);
    if (next == 0) { next = newPathNode(T_OBJECT); objPut(cur, k, next); }
    else if (tag(next) != T_OBJECT || !isPathNode(next)) return refConflict();
    cur = next;
  }
  return cur;
}

/** Single-value rule: value at path. */
export function __apg_b_internal_ref_insert(root: u32, path: u32, value: u32): u32 {
  const n = collLen(path);
  const parent = refParent(root, path, n - 1);
  const k = arrayGet(path, n - 1);
  const old = objGet(parent, k);
  if (old == 0) objPut(parent, k, value);
  else if (isPathNode(old) || !equal(old, value)) return refConflict();
  return root;
}

/** Multi-value rule: elem added to the set at path. */
export function __apg_b_internal_ref_add(root: u32, path: u32, elem: u32): u32 {
  const n = collLen(path);
  const parent = refParent(root, path, n - 1);
  const k = arrayGet(path, n - 1);
  let s = objGet(parent, k);
  if (s == 0) { s = newPathNode(T_SET); objPut(parent, k, s); }
  else if (tag(s) != T_SET || !isPathNode(s)) return refConflict();
  setAdd(s, elem);
  return root;
}

function mergeDoc(old: u32, v: u32): u32 {
  if (old == 0) return v;
  if (isPathNode(old) && tag(old) == T_OBJECT && tag(v) == T_OBJECT) {
    const n = collLen(v);
    for (let i: u32 = 0; i < n; i++) { const k = objKey(v, i); objPut(old, k, mergeDoc(objGet(old, k), objVal(v, i))); }
    return old;
  }
  if (isPathNode(old) && tag(old) == T_SET && tag(v) == T_SET) {
    const n = collLen(v);
    for (let i: u32 = 0; i < n; i++) setAdd(old, arrayGet(v, i));
    return old;
  }
  if (!equal(old, v)) return refConflict();
  return old;
}

/** The document of a rule below the group's path (key `key`), merged into what the group's rules built. */
export function __apg_b_internal_ref_merge(root: u32, key: u32, value: u32): u32 {
  objPut(root, key, mergeDoc(objGet(root, key), value));
  return root;
}

// ---- json.filter, json.remove (OPA's topdown/json.go and ast Object.Filter) -------------------

let jsonPathErr: u32 = 0;

/** A path operand element: "a/b/c" (JSON pointer escapes ~1 ~0) or an array of segments; 0 if neither. */
function jsonPath(name: string, p: u32): u32 {
  const t = tag(p);
  if (t == T_ARRAY) return p;
  if (t != T_STRING) {
    jsonPathErr = operandErr(name, 2, "must be one of {set, array} containing string paths or array of path segments but got " + typeNameOf(p));
    return 0;
  }
  const r = newColl(T_ARRAY, 4);
  if (strLen(p) == 0) return r;
  const parts = __apg_b_split(__apg_b_trim_left(p, newStringLit("/")), newStringLit("/"));
  const n = collLen(parts);
  for (let i: u32 = 0; i < n; i++) {
    const seg = __apg_b_replace(__apg_b_replace(arrayGet(parts, i), newStringLit("~1"), newStringLit("/")), newStringLit("~0"), newStringLit("~"));
    arrayPush(r, seg);
  }
  return r;
}

/** OPA's pathsToObject: the paths as a tree of objects with null at their ends; 0 on an operand error. */
function jsonPathTree(name: string, paths: u32): u32 {
  const t = tag(paths);
  if (t != T_ARRAY && t != T_SET) return typeErr(name, 2, "one of {set, array}", paths);
  const root = newColl(T_OBJECT, 4);
  const n = collLen(paths);
  for (let i: u32 = 0; i < n; i++) {
    const path = jsonPath(name, arrayGet(paths, i));
    if (path == 0) return jsonPathErr;
    const m = collLen(path);
    if (m == 0) continue;
    let node = root;
    let done = false;
    for (let j: u32 = 0; j + 1 < m && !done; j++) {
      const k = arrayGet(path, j);
      const child = objGet(node, k);
      if (child == 0) { const o = newColl(T_OBJECT, 4); objPut(node, k, o); node = o; }
      else if (tag(child) == T_NULL) done = true;
      else node = child;
    }
    if (!done) objPut(node, arrayGet(path, m - 1), NULL_V);
  }
  return root;
}

function jsonFilter(o: u32, filter: u32): u32 {
  if (tag(filter) == T_NULL) return o;
  const t = tag(o);
  if (t == T_ARRAY) {
    const r = newColl(T_ARRAY, 4);
    const n = collLen(o);
    for (let i: u32 = 0; i < n; i++) {
      const sub = objGet(filter, __apg_b_format_int(newInt(<i64>i), newInt(10)));
      if (sub != 0) arrayPush(r, jsonFilter(arrayGet(o, i), sub));
    }
    return r;
  }
  if (t == T_SET) {
    const r = newColl(T_SET, 4);
    const n = collLen(o);
    for (let i: u32 = 0; i < n; i++) {
      const e = arrayGet(o, i);
      const sub = objGet(filter, e);
      if (sub != 0) setAdd(r, jsonFilter(e, sub));
    }
    return r;
  }
  if (t == T_OBJECT) {
    const r = newColl(T_OBJECT, 4);
    const n = collLen(o);
    for (let i: u32 = 0; i < n; i++) {
      const sub = objGet(filter, objKey(o, i));
      if (sub != 0) objPut(r, objKey(o, i), jsonFilter(objVal(o, i), sub));
    }
    return r;
  }
  return o;
}

export function __apg_b_json_filter(o: u32, paths: u32): u32 {
  if (tag(o) != T_OBJECT) return typeErr("json.filter", 1, "object", o);
  const tree = jsonPathTree("json.filter", paths);
  if (tree == 0) return 0;
  return jsonFilter(o, tree);
}

/** OPA's jsonRemove: a without the values at the null leaves of b; 0 when a itself is removed. */
function jsonRemove(a: u32, b: u32): u32 {
  if (b == 0) return a;
  const tb = tag(b);
  if (tb == T_NULL) return 0;
  if (tb != T_OBJECT) return a;
  const t = tag(a);
  if (t == T_OBJECT) {
    const r = newColl(T_OBJECT, collLen(a));
    const n = collLen(a);
    for (let i: u32 = 0; i < n; i++) {
      const v = jsonRemove(objVal(a, i), objGet(b, objKey(a, i)));
      if (v != 0) objPut(r, objKey(a, i), v);
    }
    return r;
  }
  if (t == T_SET) {
    const r = newColl(T_SET, collLen(a));
    const n = collLen(a);
    for (let i: u32 = 0; i < n; i++) {
      const e = arrayGet(a, i);
      const v = jsonRemove(e, objGet(b, e));
      if (v != 0) setAdd(r, v);
    }
    return r;
  }
  if (t == T_ARRAY) {
    // Removed elements close up, as in JSON patch; indexes are keys "0", "1", ... of b.
    const r = newColl(T_ARRAY, collLen(a));
    const n = collLen(a);
    for (let i: u32 = 0; i < n; i++) {
      const v = jsonRemove(arrayGet(a, i), objGet(b, __apg_b_format_int(newInt(<i64>i), newInt(10))));
      if (v != 0) arrayPush(r, v);
    }
    return r;
  }
  return a;
}

export function __apg_b_json_remove(o: u32, paths: u32): u32 {
  if (tag(o) != T_OBJECT) return typeErr("json.remove", 1, "object", o);
  const tree = jsonPathTree("json.remove", paths);
  if (tree == 0) return 0;
  return jsonRemove(o, tree);
}

/** The elements of an array as a set: host builtins whose OPA result is a set return arrays (JSON has no sets). */
export function __apg_b_internal_to_set(a: u32): u32 {
  if (tag(a) != T_ARRAY) return a;
  const n = collLen(a);
  const s = newColl(T_SET, n);
  for (let i: u32 = 0; i < n; i++) setAdd(s, arrayGet(a, i));
  return s;
}

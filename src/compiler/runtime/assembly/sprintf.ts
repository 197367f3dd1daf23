// sprintf with Go's fmt semantics for the arguments OPA passes it: strings stay strings, integers
// are ints, other numbers float64, and every other value its Rego text (`["a", 1]`, `{"k": true}`).
// Supported: %s %v %d %f %e %g %q %x %X %o %b %c %t %%, flags - + 0, width and precision.
// A verb that does not fit its argument prints Go's `%!d(string=x)`; missing and extra arguments
// print `%!v(MISSING)` and `%!(EXTRA type=value, ...)` as Go does.
import { alloc } from "./alloc";
import { typeErr } from "./errors";
import { T_NUMBER, T_STRING, T_ARRAY, N_INT, N_BIGINT, tag, strLen, strPtr, collLen, arrayGet, intOf, f64Of, numKind } from "./value";
import {
  beginOut, outString, outLength, outPtr, truncateOut, putByte, putBytes, putLit, putInt, putFloat, putString,
  putValue, M_PRETTY,
} from "./json";

const K_STRING: i32 = 0;
const K_INT: i32 = 1;
const K_FLOAT: i32 = 2;
const K_BIGINT: i32 = 3;

function kindOf(v: u32): i32 {
  const t = tag(v);
  if (t == T_STRING) return K_STRING;
  if (t == T_NUMBER) {
    const k = numKind(v);
    if (k == N_INT) return K_INT;
    if (k == N_BIGINT) return K_BIGINT;
    return K_FLOAT;
  }
  return K_STRING; // its Rego text
}

/** Writes the argument as Go's %v would. */
function putPlain(v: u32): void {
  const t = tag(v);
  if (t == T_STRING) { putBytes(strPtr(v), strLen(v)); return; }
  if (t == T_NUMBER) {
    const k = numKind(v);
    if (k == N_INT) putInt(intOf(v));
    else if (k == N_BIGINT) putBytes(load<u32>(v, 16), load<u32>(v, 20));
    else putGoFloat(f64Of(v));
    return;
  }
  putValue(v, M_PRETTY);
}

/**
 * Go's %v for float64: shortest digits; exponent form below 1e-4 and from 1e21, with at least two
 * exponent digits (1e-05). JavaScript's form (which dtoa follows) differs only in those details.
 */
function putGoFloat(f: f64): void {
  if (f == Math.floor(f) && Math.abs(f) < 9.2e18) { putInt(<i64>f); return; }
  const mark = outLength();
  putFloat(f);
  const p = outPtr() + mark;
  const n = outLength() - mark;
  let e: u32 = 0;
  while (e < n && load<u8>(p + e) != 101) e++;
  if (e < n) {
    // "1.5e-7" → "1.5e-07"
    if (n - e == 3) { const d = load<u8>(p + e + 2); truncateOut(mark + e + 2); putByte(48); putByte(d); }
    return;
  }
  if (Math.abs(f) >= 1e-4) return;
  // "0.0000123" → "1.23e-05"
  const neg = load<u8>(p) == 45;
  const text = alloc(n);
  memory.copy(text, p, n);
  truncateOut(mark);
  let i: u32 = neg ? 3 : 2; // past "0."
  let zeros: u32 = 0;
  while (i < n && load<u8>(text + i) == 48) { i++; zeros++; }
  if (neg) putByte(45);
  putByte(load<u8>(text + i));
  if (i + 1 < n) { putByte(46); putBytes(text + i + 1, n - i - 1); }
  putLit("e-");
  const x = zeros + 1;
  if (x < 10) putByte(48);
  putInt(<i64>x);
}

function putFixed(f: f64, prec: i32): void {
  if (!isFinite(f)) { putFloat(f); return; }
  const neg = f < 0;
  let x = Math.abs(f);
  let scale: f64 = 1;
  for (let i = 0; i < prec; i++) scale *= 10;
  const scaled = Math.round(x * scale);
  if (scaled >= 9.0e15) { if (neg) putByte(45); putFloat(x); return; }
  const n = <i64>scaled;
  if (neg) putByte(45);
  const ip = n / <i64>scale;
  putInt(ip);
  if (prec > 0) {
    putByte(46);
    let frac = n % <i64>scale;
    const start = outLength();
    for (let i = 0; i < prec; i++) putByte(48);
    let q = outPtr() + start + <u32>prec;
    while (frac > 0) { q--; store<u8>(q, <u8>(48 + frac % 10)); frac /= 10; }
  }
}

function putBase(x: i64, base: i32, upper: bool): void {
  if (x < 0) { putByte(45); x = -x; }
  let u = <u64>x;
  const start = outLength();
  do {
    const d = <u32>(u % <u64>base);
    putByte(d < 10 ? 48 + d : (upper ? 55 : 87) + d);
    u /= <u64>base;
  } while (u);
  // Digits came out least significant first: reverse them.
  let a = outPtr() + start, b = outPtr() + outLength() - 1;
  while (a < b) { const t = load<u8>(a); store<u8>(a, load<u8>(b)); store<u8>(b, t); a++; b--; }
}

/** The decimal digits at p (an optional '-' first) in another base, by repeated long division. */
function putBigBase(p: u32, n: u32, base: u32, upper: bool): void {
  let neg = false;
  if (n > 0 && load<u8>(p) == 45) { neg = true; p++; n--; }
  const digits = alloc(n);
  for (let i: u32 = 0; i < n; i++) store<u8>(digits + i, load<u8>(p + i) - 48);
  const outDigits = alloc(n * 4 + 1);
  let m: u32 = 0;
  let start: u32 = 0;
  while (start < n) {
    let rem: u32 = 0;
    for (let i = start; i < n; i++) {
      const cur = rem * 10 + <u32>load<u8>(digits + i);
      store<u8>(digits + i, <u8>(cur / base));
      rem = cur % base;
    }
    store<u8>(outDigits + m++, <u8>rem);
    while (start < n && load<u8>(digits + start) == 0) start++;
  }
  if (m == 0) store<u8>(outDigits + m++, 0);
  if (neg) putByte(45);
  for (let i = m; i > 0; i--) {
    const d = <u32>load<u8>(outDigits + i - 1);
    putByte(d < 10 ? 48 + d : (upper ? 55 : 87) + d);
  }
}

function putHexBytes(p: u32, n: u32, upper: bool): void {
  for (let i: u32 = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    const hi = c >> 4, lo = c & 15;
    putByte(hi < 10 ? 48 + hi : (upper ? 55 : 87) + hi);
    putByte(lo < 10 ? 48 + lo : (upper ? 55 : 87) + lo);
  }
}

function typeName(k: i32): string {
  return k == K_INT ? "int" : k == K_FLOAT ? "float64" : k == K_BIGINT ? "*big.Int" : "string";
}

/** `%!<verb>(<type>=<value>)` */
function putBadVerb(verb: u32, v: u32): void {
  putLit("%!");
  putByte(verb);
  putByte(40);
  putLit(typeName(kindOf(v)));
  putByte(61);
  putPlain(v);
  putByte(41);
}

function runeCount(p: u32, n: u32): i32 {
  let c: i32 = 0;
  for (let i: u32 = 0; i < n; i++) if ((load<u8>(p + i) & 0xc0) != 0x80) c++;
  return c;
}

export function __apg_b_sprintf(format: u32, args: u32): u32 {
  if (tag(format) != T_STRING) return typeErr("sprintf", 1, "string", format);
  if (tag(args) != T_ARRAY) return typeErr("sprintf", 2, "array", args);
  const fp = strPtr(format), fl = strLen(format);
  const nargs = collLen(args);
  let argi: u32 = 0;
  beginOut(fl + 16);
  let i: u32 = 0;
  while (i < fl) {
    if (load<u8>(fp + i) != 37) {
      // A run of literal text up to the next verb, copied at once.
      let j = i + 1;
      while (j < fl && load<u8>(fp + j) != 37) j++;
      putBytes(fp + i, j - i);
      i = j;
      continue;
    }
    i++;
    if (i >= fl) { putLit("%!(NOVERB)"); break; }
    let minus = false, zero = false, plus = false;
    while (i < fl) {
      const f = load<u8>(fp + i);
      if (f == 45) minus = true; else if (f == 48) zero = true; else if (f == 43) plus = true;
      else if (f != 32 && f != 35) break;
      i++;
    }
    let width: i32 = -1, prec: i32 = -1;
    while (i < fl && load<u8>(fp + i) >= 48 && load<u8>(fp + i) <= 57) { width = (width < 0 ? 0 : width * 10) + <i32>load<u8>(fp + i) - 48; i++; }
    if (i < fl && load<u8>(fp + i) == 46) {
      i++;
      prec = 0;
      while (i < fl && load<u8>(fp + i) >= 48 && load<u8>(fp + i) <= 57) { prec = prec * 10 + <i32>load<u8>(fp + i) - 48; i++; }
    }
    if (i >= fl) { putLit("%!(NOVERB)"); break; }
    const verb = <u32>load<u8>(fp + i);
    i++;
    if (verb == 37) { putByte(37); continue; }
    if (argi >= nargs) { putLit("%!"); putByte(verb); putLit("(MISSING)"); continue; }
    const v = arrayGet(args, argi++);
    const k = kindOf(v);
    const mark = outLength();
    let numeric = false;
    if (k == K_STRING) {
      if (verb == 115 || verb == 118) {
        putPlain(v);
        if (prec >= 0) {
          // Keep the first `prec` characters.
          let n: i32 = 0, q = outPtr() + mark;
          const e = outPtr() + outLength();
          while (q < e && n <= prec) { if ((load<u8>(q) & 0xc0) != 0x80) { if (n == prec) break; n++; } q++; }
          truncateOut(q - outPtr());
        }
      } else if (verb == 113) {
        if (tag(v) == T_STRING) putString(strPtr(v), strLen(v));
        else {
          const m2 = outLength(); putPlain(v); const len = outLength() - m2;
          const tmp = alloc(len); memory.copy(tmp, outPtr() + m2, len); truncateOut(m2); putString(tmp, len);
        }
      } else if (verb == 120 || verb == 88) {
        if (tag(v) == T_STRING) putHexBytes(strPtr(v), strLen(v), verb == 88);
        else putBadVerb(verb, v);
      } else if (verb == 116 && tag(v) != T_STRING) {
        putPlain(v);
      } else putBadVerb(verb, v);
    } else if (k == K_INT || k == K_BIGINT) {
      numeric = true;
      // Go formats a *big.Int in base 10 for %d, %s and %v.
      if (verb == 100 || verb == 118 || (k == K_BIGINT && verb == 115)) {
        if (plus && (k == K_BIGINT ? load<u8>(load<u32>(v, 16)) != 45 : intOf(v) >= 0)) putByte(43);
        putPlain(v);
      } else if (k == K_INT && (verb == 120 || verb == 88)) putBase(intOf(v), 16, verb == 88);
      else if (k == K_INT && verb == 111) putBase(intOf(v), 8, false);
      else if (k == K_INT && verb == 98) putBase(intOf(v), 2, false);
      else if (k == K_BIGINT && (verb == 120 || verb == 88 || verb == 111 || verb == 98)) {
        putBigBase(load<u32>(v, 16), load<u32>(v, 20), verb == 111 ? 8 : verb == 98 ? 2 : 16, verb == 88);
      }
      else { numeric = false; putBadVerb(verb, v); }
    } else {
      numeric = true;
      const f = f64Of(v);
      if (plus && f >= 0) putByte(43);
      if (verb == 102 || verb == 70) putFixed(f, prec < 0 ? 6 : prec);
      else if (verb == 118 || verb == 103 || verb == 71) putGoFloat(f);
      else if (verb == 101 || verb == 69) putFloat(f);
      else { numeric = false; truncateOut(mark); putBadVerb(verb, v); }
    }
    // Width (in characters): pad on the left, or on the right with '-'; zeros after any sign.
    if (width > 0) {
      const len = outLength() - mark;
      const have = runeCount(outPtr() + mark, len);
      if (have < width) {
        const pad = <u32>(width - have);
        if (minus) { for (let j: u32 = 0; j < pad; j++) putByte(32); }
        else {
          for (let j: u32 = 0; j < pad; j++) putByte(32);
          const base = outPtr() + mark;
          memory.copy(base + pad, base, len);
          let at = base;
          if (zero && numeric && (load<u8>(base + pad) == 45 || load<u8>(base + pad) == 43)) {
            store<u8>(base, load<u8>(base + pad));
            store<u8>(base + pad, 48);
            at = base + 1;
          }
          memory.fill(at, zero && numeric ? 48 : 32, pad);
        }
      }
    }
  }
  if (argi < nargs) {
    putLit("%!(EXTRA ");
    for (let j = argi; j < nargs; j++) {
      if (j > argi) putLit(", ");
      const v = arrayGet(args, j);
      putLit(typeName(kindOf(v)));
      putByte(61);
      putPlain(v);
    }
    putByte(41);
  }
  return outString();
}

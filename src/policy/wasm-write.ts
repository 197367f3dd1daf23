/**
 * Writes a JavaScript value into the compiled module's memory as the value that the module's JSON
 * parser makes of `JSON.stringify(value)`, without the text. The input of a 100,000-resource plan is
 * 54 MB of JSON: stringifying it, encoding it into memory and parsing it there took ~0.8 s, and the
 * text itself stayed in memory for the whole evaluation. Walking the objects once takes less than
 * half of that.
 *
 * The layout is the runtime's (src/compiler/runtime/assembly/value.ts; read back by wasm-value.ts):
 *   null, bool  [tag][_ _ _][u8 at 4]                                   8 bytes
 *   number      [tag][kind][_ _][_][i64 | f64 at 8][text at 16][text length at 20]
 *   string      [tag | 24-bit hash << 8][byte length][bytes address][first four bytes, big-endian]
 *   array, object, set  [tag][length][capacity][entries address], the entries right after
 * with every block 8-byte aligned. The equivalence with the parser is what the tests check: the
 * same hash (strHash), object entries sorted by the keys' UTF-8 bytes, integers as exact i64 and
 * any other number with its JSON text and the double the parser computes from that text.
 */

import { N_BIGINT, N_TEXT, T_ARRAY, T_BOOL, T_NULL, T_NUMBER, T_OBJECT, T_STRING } from './wasm-layout';

const PAGE = 65536;
/**
 * Short strings that recur (modes, actions, types, SKUs, tags) are written once and shared, as the
 * parser shares keys: through a small table indexed by length and three characters, where a new
 * string takes the slot of the one before. A Map of every short string was slower: a plan's many
 * unique names each cost a hash of their own.
 */
const SHARED_STRING_MAX = 24;
const SHARED_SLOTS = 4096;
const EXACT_LIMIT = 2 ** 53;
const utf8 = new TextEncoder();

export interface WrittenValue {
  /** The value's address. */
  root: number;
  /** The first free byte after everything written (8-byte aligned): the heap starts here. */
  end: number;
}

/** Writes `value` at `at` (8-byte aligned) and on, growing the memory as needed. */
export function writeWasmValue(memory: WebAssembly.Memory, at: number, value: unknown): WrittenValue {
  const w = new Writer(memory, at);
  try {
    const root = w.value(value, '') || w.value(null, '');
    return { root, end: w.top };
  } catch (err) {
    // Out of call stack: a circular structure, or one nested deeper than JSON.stringify can write
    // either. JSON.stringify's own error says which.
    if (err instanceof RangeError) JSON.stringify(value);
    throw err;
  }
}

class Writer {
  top: number;
  private u8!: Uint8Array;
  private i32!: Int32Array;
  private f64!: Float64Array;
  private limit = 0;
  /** Object keys' string values by text (every key is shared, as the parser shares them). */
  private readonly keys = new Map<string, number>();
  /** The shared short strings: their texts and values by slot. */
  private readonly slotText: (string | undefined)[] = new Array<string | undefined>(SHARED_SLOTS).fill(undefined);
  private readonly slotValue = new Int32Array(SHARED_SLOTS);
  /** Value addresses of the objects under construction, a segment per open object. */
  private readonly valueStack: number[] = [];
  private readonly shapes: Shape = { parent: undefined, key: '', next: undefined, order: undefined, lastKey: undefined, lastNext: undefined };
  /** Object.prototype has enumerable members (someone added one): for…in would list them, JSON.stringify does not. */
  private readonly inherited = hasEnumerable(Object.prototype);
  private sp = 0;
  private readonly smallInts: number[] = [];
  private nullV = 0;
  private trueV = 0;
  private falseV = 0;

  constructor(private readonly memory: WebAssembly.Memory, at: number) {
    this.top = (at + 7) & ~7;
    this.views();
  }

  private views(): void {
    const buffer = this.memory.buffer;
    this.u8 = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.limit = buffer.byteLength;
  }

  /** Makes room for `bytes` more at the top: grown by an eighth at least, so a large input grows it rarely. */
  private reserve(bytes: number): void {
    if (this.top + bytes <= this.limit) return;
    const short = this.top + bytes - this.limit;
    this.memory.grow(Math.ceil(Math.max(short, this.limit / 8) / PAGE));
    this.views();
  }

  /** `bytes` at the top, rounded up to 8 as the runtime's allocator does; reserve first. */
  private alloc(bytes: number): number {
    const p = this.top;
    this.top = p + ((bytes + 7) & ~7);
    return p;
  }

  /**
   * The value's address; 0 when JSON.stringify leaves it out (a toJSON that returns undefined), which
   * a member then is and an element is written as null. `key` is the member's name or the element's
   * index, which JSON.stringify passes to toJSON.
   */
  value(v: unknown, key: string | number): number {
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'number':
        return this.number(v);
      case 'boolean':
        return this.bool(v as boolean);
      case 'object':
        if (v === null) return this.null();
        if (Array.isArray(v)) return typeof (v as { toJSON?: unknown }).toJSON === 'function' ? this.converted(v, key) : this.array(v);
        return isPlain(v) ? this.object(v as Record<string, unknown>, key) : this.converted(v, key);
      case 'bigint':
        // JSON.stringify's own error.
        return this.converted(v, key);
      default:
        // undefined, a function or a symbol: JSON.stringify writes null for it in an array.
        return this.null();
    }
  }

  /** What JSON.stringify makes of an object it does not write as it is (toJSON, a Date, a boxed primitive). */
  private converted(v: unknown, key: string | number): number {
    const name = String(key);
    const parsed = JSON.parse(JSON.stringify({ [name]: v })) as Record<string, unknown>;
    return Object.prototype.hasOwnProperty.call(parsed, name) ? this.value(parsed[name], name) : 0;
  }

  private null(): number {
    if (!this.nullV) {
      this.reserve(8);
      this.nullV = this.alloc(8);
      this.i32[this.nullV >> 2] = T_NULL;
      this.i32[(this.nullV >> 2) + 1] = 0;
    }
    return this.nullV;
  }

  private bool(b: boolean): number {
    const have = b ? this.trueV : this.falseV;
    if (have) return have;
    this.reserve(8);
    const p = this.alloc(8);
    this.i32[p >> 2] = T_BOOL;
    this.i32[(p >> 2) + 1] = b ? 1 : 0;
    if (b) this.trueV = p;
    else this.falseV = p;
    return p;
  }

  private array(a: unknown[]): number {
    const n = a.length;
    this.reserve(16 + 4 * n);
    const p = this.alloc(16 + 4 * n);
    this.header(p, T_ARRAY, n);
    // The elements after the entries: each address is stored as soon as it is known.
    for (let i = 0; i < n; i++) {
      const at = this.value(a[i], i);
      this.i32[(p >> 2) + 4 + i] = at || this.null();
    }
    return p;
  }

  private header(p: number, tag: number, n: number): void {
    const q = p >> 2;
    this.i32[q] = tag;
    this.i32[q + 1] = n;
    this.i32[q + 2] = n;
    this.i32[q + 3] = p + 16;
  }

  private object(o: Record<string, unknown>, key: string | number): number {
    if (typeof o.toJSON === 'function') return this.converted(o, key);
    const base = this.sp;
    // The members in enumeration order walk the shape trie: objects with the same keys in the same
    // order (most of a plan's) share one sorted order and one set of key values.
    let shape = this.shapes;
    for (const k in o) {
      if (this.inherited && !Object.prototype.hasOwnProperty.call(o, k)) continue;
      const v = o[k];
      const t = typeof v;
      // Members JSON.stringify leaves out.
      if (t === 'undefined' || t === 'function' || t === 'symbol') continue;
      const at = this.value(v, k);
      if (!at) continue;
      this.valueStack[this.sp++] = at;
      // The member that followed here last time is the likely one (keys are interned: === is cheap).
      let next = shape.lastKey === k ? shape.lastNext : shape.next?.get(k);
      if (next === undefined) {
        // A node knows its parent and its own key only: an object of many keys costs one node a key.
        next = { parent: shape, key: k, next: undefined, order: undefined, lastKey: undefined, lastNext: undefined };
        (shape.next ??= new Map()).set(k, next);
      }
      shape.lastKey = k;
      shape.lastNext = next;
      shape = next;
    }
    const order = shape.order ?? this.sortShape(shape, this.sp - base);
    // Fewer entries than members where two keys have the same UTF-8 form (see sortShape).
    const n = order.from.length;
    this.reserve(16 + 8 * n);
    const p = this.alloc(16 + 8 * n);
    this.header(p, T_OBJECT, n);
    const i32 = this.i32;
    const values = this.valueStack;
    for (let i = 0, q = (p >> 2) + 4; i < n; i++, q += 2) {
      i32[q] = order.keys[i];
      i32[q + 1] = values[base + order.from[i]];
    }
    this.sp = base;
    return p;
  }

  /**
   * A shape's entries in UTF-8 byte order of their keys, and its key values (written once). A lone
   * surrogate is written as U+FFFD (as the parser decodes the escape JSON.stringify makes of it), so
   * two keys can have one UTF-8 form: then the last in enumeration order stays, as the parser (and
   * JSON.parse) keep the last of equal keys.
   */
  private sortShape(shape: Shape, members: number): ShapeOrder {
    const names = new Array<string>(members);
    for (let s: Shape = shape, i = members - 1; s.parent; s = s.parent, i--) names[i] = wellFormed(s.key);
    const sorted = names.map((_, i) => i).sort((a, b) => (names[a] === names[b] ? a - b : keyBefore(names[a], names[b]) ? -1 : 1));
    const from = sorted.filter((i, j) => j + 1 === sorted.length || names[sorted[j + 1]] !== names[i]);
    const order = { from, keys: from.map((i) => this.key(names[i])) };
    shape.order = order;
    return order;
  }

  private key(k: string): number {
    let at = this.keys.get(k);
    if (at === undefined) this.keys.set(k, (at = this.string(k, -1)));
    return at;
  }

  /** A string value, shared when short (see SHARED_SLOTS); `slot` -1: not shared there. */
  private string(s: string, slot = slotOf(s)): number {
    if (slot >= 0 && this.slotText[slot] === s) return this.slotValue[slot];
    const len = s.length;
    // A UTF-16 unit takes at most three UTF-8 bytes.
    this.reserve(16 + 3 * len + 8);
    const p = this.top;
    const at = p + 16;
    const u8 = this.u8;
    // ASCII (almost every string of a plan): written and hashed (strHash, value.ts: four
    // little-endian bytes per step, then the rest one by one) in one pass over the units.
    let h = 0x811c9dc5 ^ len;
    let i = 0;
    for (; i + 4 <= len; i += 4) {
      const c0 = s.charCodeAt(i);
      const c1 = s.charCodeAt(i + 1);
      const c2 = s.charCodeAt(i + 2);
      const c3 = s.charCodeAt(i + 3);
      if ((c0 | c1 | c2 | c3) >= 0x80) break;
      u8[at + i] = c0;
      u8[at + i + 1] = c1;
      u8[at + i + 2] = c2;
      u8[at + i + 3] = c3;
      h = Math.imul(h ^ (c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)), 0x9e3779b1);
      h ^= h >>> 15;
    }
    for (; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      u8[at + i] = c;
      h = Math.imul(h ^ c, 0x9e3779b1);
      h ^= h >>> 15;
    }
    let n = len;
    if (i < len) {
      // Not ASCII: the encoder writes a lone surrogate as U+FFFD, as the parser decodes the
      // \uXXXX escape JSON.stringify writes for it. Hashed over the bytes.
      n = utf8.encodeInto(s, u8.subarray(at)).written;
      h = 0x811c9dc5 ^ n;
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        h = Math.imul(h ^ (u8[at + j] | (u8[at + j + 1] << 8) | (u8[at + j + 2] << 16) | (u8[at + j + 3] << 24)), 0x9e3779b1);
        h ^= h >>> 15;
      }
      for (; j < n; j++) {
        h = Math.imul(h ^ u8[at + j], 0x9e3779b1);
        h ^= h >>> 15;
      }
    }
    this.alloc(16 + n);
    const q = p >> 2;
    this.i32[q] = T_STRING | (h << 8);
    this.i32[q + 1] = n;
    this.i32[q + 2] = at;
    // The first four bytes, big-endian, zero-padded: they decide most comparisons.
    this.i32[q + 3] = (n > 0 ? u8[at] << 24 : 0) | (n > 1 ? u8[at + 1] << 16 : 0) | (n > 2 ? u8[at + 2] << 8 : 0) | (n > 3 ? u8[at + 3] : 0);
    if (slot >= 0) {
      this.slotText[slot] = s;
      this.slotValue[slot] = p;
    }
    return p;
  }

  /** An exact 64-bit integer (kind N_INT, 0) from its low and high 32-bit words. */
  private int64(low: number, high: number): number {
    this.reserve(16);
    const p = this.alloc(16);
    const q = p >> 2;
    this.i32[q] = T_NUMBER;
    this.i32[q + 1] = 0;
    this.i32[q + 2] = low;
    this.i32[q + 3] = high;
    return p;
  }

  private number(x: number): number {
    if (!Number.isFinite(x)) return this.null();
    // Up to 2^53 an integer's JSON text is its exact value; beyond, it is the shortest text that
    // reads back as the double (2^60 is "1152921504606847000"), and the parser reads that text.
    if (Number.isInteger(x) && x > -EXACT_LIMIT && x < EXACT_LIMIT) {
      if (x >= 0 && x < 1024) {
        const have = this.smallInts[x];
        if (have !== undefined) return have;
      }
      // The low word, then the high one (x - low is a multiple of 2^32, exactly).
      const low = x | 0;
      const p = this.int64(low, (x - (low >>> 0)) / 2 ** 32);
      if (x >= 0 && x < 1024) this.smallInts[x] = p;
      return p;
    }
    const text = String(x);
    if (/^-?\d+$/.test(text)) {
      const big = BigInt(text);
      if (big >= -(2n ** 63n) && big < 2n ** 63n) {
        const bits = BigInt.asUintN(64, big);
        return this.int64(Number(bits & 0xffffffffn) | 0, Number(bits >> 32n) | 0);
      }
    }
    // Its JSON text, kept for output, and the double the parser computes from that text.
    const parsed = parseNumberText(text);
    this.reserve(24 + text.length + 8);
    const p = this.alloc(24);
    const at = this.alloc(text.length);
    for (let i = 0; i < text.length; i++) this.u8[at + i] = text.charCodeAt(i);
    const q = p >> 2;
    this.i32[q] = T_NUMBER | ((parsed.isFloat ? N_TEXT : N_BIGINT) << 8);
    this.i32[q + 1] = 0;
    this.f64[(p + 8) >> 3] = parsed.f;
    this.i32[q + 4] = at;
    this.i32[q + 5] = text.length;
    return p;
  }
}

/**
 * Objects' key sequences (in enumeration order) as a trie: a node is the sequence of keys from the
 * root to it, and knows its sorted order once asked.
 */
interface Shape {
  parent: Shape | undefined;
  key: string;
  next: Map<string, Shape> | undefined;
  order: ShapeOrder | undefined;
  /** The member that followed here last time, and its node. */
  lastKey: string | undefined;
  lastNext: Shape | undefined;
}

/** The entries of a shape's objects: `from`, each entry's member by enumeration index, in key order; `keys`, their key values. */
interface ShapeOrder {
  from: number[];
  keys: number[];
}

function hasEnumerable(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** The string with each lone surrogate replaced by U+FFFD: the UTF-8 the parser makes of its JSON text. */
function wellFormed(s: string): string {
  return /[\uD800-\uDFFF]/.test(s) ? s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD') : s;
}

/** The shared-string slot of a short string: its length and first, middle and last units; -1 if not short. */
function slotOf(s: string): number {
  const n = s.length;
  if (n === 0 || n > SHARED_STRING_MAX) return -1;
  return (n * 31 + s.charCodeAt(0) * 7 + s.charCodeAt(n >> 1) * 131 + s.charCodeAt(n - 1)) & (SHARED_SLOTS - 1);
}

/** A plain object: JSON.stringify writes its own enumerable members and nothing else. */
function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * a before b in UTF-8 byte order, which is code point order. JavaScript compares UTF-16 units; the
 * two differ only where one string has a surrogate (a code point above U+FFFF) and the other a unit
 * from U+E000 up, at the first place they differ.
 */
function keyBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y;
  }
  return a.length < b.length;
}

const POW10 = Array.from({ length: 309 }, (_, e) => Number(`1e${e}`));
const pow10 = (e: number): number => (e <= 308 ? POW10[e] : Infinity);

/**
 * The number the runtime's parser (json.ts parseNumber) makes of a JSON number text that is not an
 * exact 64-bit integer: up to 19 significant digits accumulated exactly, converted to a double, and
 * scaled by a power of ten. isFloat: the text has a fraction or an exponent.
 */
export function parseNumberText(text: string): { f: number; isFloat: boolean } {
  let i = 0;
  const neg = text.charCodeAt(0) === 45;
  if (neg) i++;
  let acc = 0n;
  let digits = 0;
  let overflow = false;
  const digit = (): number => {
    const d = text.charCodeAt(i) - 48;
    return d >= 0 && d <= 9 ? d : -1;
  };
  for (let d = digit(); d >= 0; d = digit()) {
    if (digits < 19) acc = acc * 10n + BigInt(d);
    else overflow = true;
    digits++;
    i++;
  }
  let isFloat = false;
  let exp10 = overflow ? digits - 19 : 0;
  if (text[i] === '.') {
    isFloat = true;
    i++;
    for (let d = digit(); d >= 0; d = digit()) {
      if (digits < 19) {
        acc = acc * 10n + BigInt(d);
        exp10--;
        digits++;
      }
      i++;
    }
  }
  if (text[i] === 'e' || text[i] === 'E') {
    isFloat = true;
    i++;
    let eneg = false;
    if (text[i] === '-' || text[i] === '+') eneg = text[i++] === '-';
    let e = 0;
    for (let d = digit(); d >= 0; d = digit()) {
      if (e < 100000) e = e * 10 + d;
      i++;
    }
    exp10 += eneg ? -e : e;
  }
  let f = Number(acc);
  if (exp10 > 0) f *= pow10(exp10);
  else if (exp10 < 0) {
    if (exp10 >= -308) f /= pow10(-exp10);
    else {
      f /= pow10(308);
      f /= pow10(-exp10 - 308);
    }
  }
  return { f: neg ? -f : f, isFloat };
}

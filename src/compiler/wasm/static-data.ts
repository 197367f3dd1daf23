/**
 * The policy's constants, laid out in linear memory after the runtime's own data: string values,
 * integer literals, paths for `with`, abort messages and the JSON of the builtins/entrypoints maps.
 * Value layouts match src/compiler/runtime/assembly/value.ts.
 */
import { ByteWriter } from './encoding';

const T_NULL = 1;
const T_BOOL = 2;
const T_NUMBER = 3;
const T_STRING = 4;
const T_ARRAY = 5;

export class StaticData {
  private readonly w = new ByteWriter();
  private readonly strings = new Map<string, number>();

  constructor(readonly base: number) {}

  get end(): number {
    return this.base + this.w.length;
  }

  private align(n: number): void {
    while (this.w.length % n) this.w.byte(0);
  }

  private u32(v: number): void {
    this.w.byte(v).byte(v >>> 8).byte(v >>> 16).byte(v >>> 24);
  }

  /** Raw bytes; returns their address. */
  bytes(bs: Uint8Array, align = 1): number {
    this.align(align);
    const at = this.end;
    this.w.bytes(bs);
    return at;
  }

  /** Zeroed, aligned 32-bit words (per-site caches of the runtime). */
  words(n: number): number {
    this.align(4);
    const at = this.end;
    for (let i = 0; i < n; i++) this.u32(0);
    return at;
  }

  /** A NUL-terminated byte string (abort messages). */
  cString(s: string): number {
    return this.bytes(new TextEncoder().encode(`${s}\0`));
  }

  nullValue(): number {
    this.align(8);
    const at = this.end;
    this.u32(T_NULL);
    this.u32(0);
    return at;
  }

  boolValue(b: boolean): number {
    this.align(8);
    const at = this.end;
    this.u32(T_BOOL);
    this.u32(b ? 1 : 0);
    return at;
  }

  /** A string value (interned). */
  stringValue(s: string): number {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    const enc = new TextEncoder().encode(s);
    const text = this.bytes(enc);
    this.align(8);
    const at = this.end;
    // Tag and the low 24 bits of the hash of the bytes, as the runtime's strHash computes it.
    let hash = (2166136261 ^ enc.length) >>> 0;
    const step = (w: number): void => {
      hash = Math.imul(hash ^ w, 0x9e3779b1) >>> 0;
      hash = (hash ^ (hash >>> 15)) >>> 0;
    };
    let i = 0;
    for (; i + 4 <= enc.length; i += 4) step((enc[i] | (enc[i + 1] << 8) | (enc[i + 2] << 16) | (enc[i + 3] << 24)) >>> 0);
    for (; i < enc.length; i++) step(enc[i]);
    this.u32((T_STRING | (hash << 8)) >>> 0);
    this.u32(enc.length);
    this.u32(text);
    // The first four bytes, big-endian and zero-padded (the runtime's comparison prefix).
    let prefix = 0;
    for (let i = 0; i < 4; i++) prefix = prefix * 256 + (i < enc.length ? enc[i] : 0);
    this.u32(prefix);
    this.strings.set(s, at);
    return at;
  }

  /** An exact integer value (must fit in i64). */
  intValue(v: bigint): number {
    this.align(8);
    const at = this.end;
    this.u32(T_NUMBER);
    this.u32(0);
    const lo = Number(BigInt.asUintN(32, v));
    const hi = Number(BigInt.asUintN(32, v >> 32n));
    this.u32(lo);
    this.u32(hi);
    return at;
  }

  /** An array value of already placed values. */
  arrayValue(items: number[]): number {
    this.align(8);
    const at = this.end;
    this.u32(T_ARRAY);
    this.u32(items.length);
    this.u32(items.length);
    this.u32(at + 16);
    for (const item of items) this.u32(item);
    return at;
  }

  finish(): Uint8Array {
    this.align(8);
    return this.w.finish();
  }
}

/**
 * Reads a value from the compiled module's memory as the JavaScript value JSON.parse would make of
 * its JSON text (opa_json_dump), without the text: a pack's findings on a 10,000-resource input are
 * ~2 MB of JSON, and writing it out in the module, decoding it and parsing it again cost more than
 * walking the values where they lie.
 *
 * The layout is the runtime's (src/compiler/runtime/assembly/value.ts): a tag byte first; a string
 * is [tag|hash][byte length][bytes address]; an array, set or object is [tag][length][capacity]
 * [entries address], with a value address per entry (an object: a key and a value per entry, sorted
 * by key). A set is written as an array, as the JSON text has it. What this reader does not decode
 * itself (a number other than a 64-bit integer, an object key that is not a string) it takes from
 * the module's own JSON text of that value, so that the result is the text path's in every case.
 */

import { N_INT, T_ARRAY, T_BOOL, T_NULL, T_NUMBER, T_OBJECT, T_SET, T_STRING } from './wasm-layout';

/** Buffer.prototype.utf8Slice, what buf.toString('utf8', start, end) calls once it has checked its arguments. */
interface Utf8Slicer {
  utf8Slice(start: number, end: number): string;
}

export interface ModuleMemory {
  memory: WebAssembly.Memory;
  /** opa_json_dump: the JSON text of a value, NUL-terminated, at the returned address. */
  jsonDump(value: number): number;
}

export function readWasmValue(module: ModuleMemory, address: number): unknown {
  return new Reader(module).value(address);
}

class Reader {
  private bytes!: Buffer;
  private view!: DataView;
  /** Object keys by address: keys recur in every finding (and the parser shares equal input keys). */
  private readonly keys = new Map<number, string>();

  constructor(private readonly module: ModuleMemory) {
    this.views();
  }

  /** (Re)made after anything that may have grown the memory (a JSON dump allocates). */
  private views(): void {
    const buffer = this.module.memory.buffer;
    this.bytes = Buffer.from(buffer);
    this.view = new DataView(buffer);
  }

  /** Little-endian, at any address: values start wherever the heap did (after the input text). */
  private u32(p: number): number {
    return this.view.getUint32(p, true);
  }

  value(p: number): unknown {
    const tag = this.bytes[p];
    switch (tag) {
      case T_NULL:
        return null;
      case T_BOOL:
        return this.bytes[p + 4] !== 0;
      case T_NUMBER:
        return this.number(p);
      case T_STRING:
        return this.string(p);
      case T_ARRAY:
      case T_SET: {
        const n = this.u32(p + 4);
        const at = this.u32(p + 12);
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = this.value(this.u32(at + 4 * i));
        return out;
      }
      case T_OBJECT: {
        const n = this.u32(p + 4);
        const at = this.u32(p + 12);
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = this.key(this.u32(at + 8 * i));
          const value = this.value(this.u32(at + 8 * i + 4));
          // JSON.parse makes "__proto__" an own property; an assignment would set the prototype.
          if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
          else out[key] = value;
        }
        return out;
      }
      default:
        throw new Error(`policy module: no value at address ${p} (tag ${tag})`);
    }
  }

  private string(p: number): string {
    const at = this.u32(p + 8);
    // Buffer's own decoder, without toString's argument checks: a pack's findings are thousands of strings.
    return (this.bytes as unknown as Utf8Slicer).utf8Slice(at, at + this.u32(p + 4));
  }

  private key(p: number): string {
    let key = this.keys.get(p);
    if (key === undefined) {
      // A key that is not a string is written as its JSON text (as opa_json_dump writes it).
      key = this.bytes[p] === T_STRING ? this.string(p) : this.dumped(p);
      this.keys.set(p, key);
    }
    return key;
  }

  private number(p: number): unknown {
    // An i64: the product is exact and the sum rounds once, so this is the double nearest to the
    // integer, as JSON.parse makes of its decimal text.
    if (this.bytes[p + 1] === N_INT) return this.view.getInt32(p + 12, true) * 2 ** 32 + this.u32(p + 8);
    // Floats and number literals (1.10, 1e2, integers beyond 64 bits): what their JSON text parses to.
    return JSON.parse(this.dumped(p));
  }

  /** The module's JSON text of the value at `p`. */
  private dumped(p: number): string {
    const at = this.module.jsonDump(p);
    this.views();
    return (this.bytes as unknown as Utf8Slicer).utf8Slice(at, this.bytes.indexOf(0, at));
  }
}

/**
 * Reads the runtime module's sections into a form the linker can extend, and writes the extended
 * module back. Only what linking needs is decoded (types, imports, functions, globals, exports,
 * code bodies, data segments); other sections are copied as they are, custom sections dropped.
 */
import { ByteReader, ByteWriter } from './encoding';

export interface FuncType {
  params: number[];
  results: number[];
}

export interface Global {
  valType: number;
  mutable: boolean;
  /** Encoded constant expression including its terminating `end`. */
  init: Uint8Array;
}

export interface Export {
  name: string;
  kind: number; // 0 func, 1 table, 2 memory, 3 global
  index: number;
}

export interface Import {
  module: string;
  name: string;
  kind: number; // 0 func, 1 table, 2 memory, 3 global
  /** The encoded import description (type index, limits, global type). */
  desc: Uint8Array;
}

export interface WasmModule {
  types: FuncType[];
  imports: Import[];
  importedFuncs: number;
  importedGlobals: number;
  /** env.<name> → function index, for imported functions. */
  funcImports: Map<string, number>;
  /** Type index of each defined function. */
  functions: number[];
  table?: Uint8Array;
  memory?: Uint8Array;
  globals: Global[];
  exports: Export[];
  start?: Uint8Array;
  elements?: Uint8Array;
  /** Function bodies (locals + code), without their size prefix. */
  codes: Uint8Array[];
  /** Data segments, encoded. */
  data: Uint8Array[];
  hasDataCount: boolean;
  /** First address after every active data segment. */
  dataEnd: number;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function readFuncType(r: ByteReader): FuncType {
  if (r.byte() !== 0x60) throw new Error('wasm: bad function type');
  const params = Array.from({ length: r.u32() }, () => r.byte());
  const results = Array.from({ length: r.u32() }, () => r.byte());
  return { params, results };
}

/** Reads a constant expression (one instruction and `end`); returns its bytes. */
function readConstExpr(r: ByteReader): Uint8Array {
  const start = r.pos;
  const op = r.byte();
  if (op === 0x41 || op === 0x42) r.sleb();
  else if (op === 0x43) r.bytes(4);
  else if (op === 0x44) r.bytes(8);
  else if (op === 0x23 || op === 0xd2) r.u32();
  else if (op === 0xd0) r.byte();
  else throw new Error(`wasm: unsupported constant expression opcode 0x${op.toString(16)}`);
  if (r.byte() !== 0x0b) throw new Error('wasm: constant expression too complex');
  return r.buf.slice(start, r.pos);
}

export function constI32Value(expr: Uint8Array): number | undefined {
  if (expr[0] !== 0x41) return undefined;
  return Number(new ByteReader(expr, 1).sleb());
}

export function i32ConstExpr(v: number): Uint8Array {
  return new ByteWriter().byte(0x41).sleb(v | 0).byte(0x0b).finish();
}

export function readModule(bytes: Uint8Array): WasmModule {
  for (let i = 0; i < 8; i++) if (bytes[i] !== MAGIC[i]) throw new Error('wasm: not a WebAssembly 1.0 module');
  const m: WasmModule = {
    types: [], imports: [], importedFuncs: 0, importedGlobals: 0, funcImports: new Map(),
    functions: [], globals: [], exports: [], codes: [], data: [], hasDataCount: false, dataEnd: 0,
  };
  const top = new ByteReader(bytes, 8);
  while (!top.done) {
    const id = top.byte();
    const size = top.u32();
    const start = top.pos;
    const body = bytes.subarray(start, start + size);
    const r = new ByteReader(bytes, start, start + size);
    top.pos = start + size;
    switch (id) {
      case 0: break;
      case 1: for (let n = r.u32(); n > 0; n--) m.types.push(readFuncType(r)); break;
      case 2: {
        for (let n = r.u32(); n > 0; n--) {
          const module = r.name();
          const name = r.name();
          const kind = r.byte();
          const start = r.pos;
          if (kind === 0) { r.u32(); m.funcImports.set(name, m.importedFuncs++); }
          else if (kind === 1) { r.byte(); const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
          else if (kind === 2) { const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
          else if (kind === 3) { r.byte(); r.byte(); m.importedGlobals++; }
          else throw new Error(`wasm: unknown import kind ${kind}`);
          m.imports.push({ module, name, kind, desc: bytes.slice(start, r.pos) });
        }
        break;
      }
      case 3: for (let n = r.u32(); n > 0; n--) m.functions.push(r.u32()); break;
      case 4: m.table = body.slice(); break;
      case 5: m.memory = body.slice(); break;
      case 6:
        for (let n = r.u32(); n > 0; n--) {
          const valType = r.byte();
          const mutable = r.byte() === 1;
          m.globals.push({ valType, mutable, init: readConstExpr(r) });
        }
        break;
      case 7:
        for (let n = r.u32(); n > 0; n--) m.exports.push({ name: r.name(), kind: r.byte(), index: r.u32() });
        break;
      case 8: m.start = body.slice(); break;
      case 9: m.elements = body.slice(); break;
      case 10:
        for (let n = r.u32(); n > 0; n--) { const len = r.u32(); m.codes.push(r.bytes(len).slice()); }
        break;
      case 11:
        for (let n = r.u32(); n > 0; n--) {
          const segStart = r.pos;
          const flags = r.u32();
          let offset: number | undefined;
          if (flags === 0 || flags === 2) {
            if (flags === 2) r.u32();
            offset = constI32Value(readConstExpr(r));
          }
          const len = r.u32();
          r.bytes(len);
          if (offset !== undefined) m.dataEnd = Math.max(m.dataEnd, offset + len);
          m.data.push(bytes.slice(segStart, r.pos));
        }
        break;
      case 12: m.hasDataCount = true; break;
      default: throw new Error(`wasm: unknown section ${id}`);
    }
  }
  return m;
}

function section(out: ByteWriter, id: number, body: ByteWriter | Uint8Array): void {
  out.byte(id).sized(body);
}

function vec<T>(items: T[], write: (w: ByteWriter, item: T) => void): ByteWriter {
  const w = new ByteWriter().u32(items.length);
  for (const item of items) write(w, item);
  return w;
}

export function writeModule(m: WasmModule): Uint8Array<ArrayBuffer> {
  const out = new ByteWriter().bytes(MAGIC);
  section(out, 1, vec(m.types, (w, t) => {
    w.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
  }));
  if (m.imports.length) section(out, 2, vec(m.imports, (w, i) => w.name(i.module).name(i.name).byte(i.kind).bytes(i.desc)));
  section(out, 3, vec(m.functions, (w, t) => w.u32(t)));
  if (m.table) section(out, 4, m.table);
  if (m.memory) section(out, 5, m.memory);
  section(out, 6, vec(m.globals, (w, g) => w.byte(g.valType).byte(g.mutable ? 1 : 0).bytes(g.init)));
  section(out, 7, vec(m.exports, (w, e) => w.name(e.name).byte(e.kind).u32(e.index)));
  if (m.start) section(out, 8, m.start);
  if (m.elements) section(out, 9, m.elements);
  if (m.hasDataCount) section(out, 12, new ByteWriter().u32(m.data.length));
  section(out, 10, vec(m.codes, (w, c) => w.sized(c)));
  section(out, 11, vec(m.data, (w, d) => w.bytes(d)));
  return out.finish();
}

/** An active data segment for memory 0 at `offset`. */
export function dataSegment(offset: number, bytes: Uint8Array): Uint8Array {
  return new ByteWriter().u32(0).bytes(i32ConstExpr(offset)).sized(bytes).finish();
}

/** The minimum page count of an imported memory's limits. */
export function memoryLimits(desc: Uint8Array): { min: number; max?: number } {
  const r = new ByteReader(desc);
  const flags = r.byte();
  const min = r.u32();
  return flags & 1 ? { min, max: r.u32() } : { min };
}

export function encodeMemoryLimits(limits: { min: number; max?: number }): Uint8Array {
  const w = new ByteWriter().byte(limits.max === undefined ? 0 : 1).u32(limits.min);
  if (limits.max !== undefined) w.u32(limits.max);
  return w.finish();
}

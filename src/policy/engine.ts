/**
 * Loads the pack's WASM for evaluation through the project's loader (src/opa/load.ts), which adds
 * the host builtins (sprintf, regex, ...) that compiled policies call.
 *
 * evaluate() calls the module's `opa_eval` (ABI 1.2+) as the SDK's own evaluate() does, with the
 * SDK's instance, memory, data and entrypoints, but moves the texts with Buffer: the input's JSON
 * is written straight into the module's memory (no intermediate encoded copy) and the result text
 * is found and decoded natively. On a 10,000-resource plan that is tens of milliseconds less.
 * evaluateEach (what the checker calls) goes further where the module can: the input is written as
 * values in the module's layout (wasm-write.ts) and the rules' results are read as values
 * (wasm-value.ts), so no JSON text of either is made.
 *
 * One loaded instance is kept per pack and reused by the next check in the same process (the synth
 * gate checks every stack; a long-lived process checks many plans): a fresh instance starts with
 * fresh memory, and on a large plan first touching its tens of megabytes costs as much as the
 * evaluation itself. An instance whose memory grew beyond KEEP_BYTES is not kept, so one huge plan
 * does not pin its memory for the life of the process.
 */
import type { LoadedPolicy } from '../opa/load';
import { loadPolicyWasm, loadPolicyWasmSync } from '../opa/load';
import { jsonPieces } from './json-pieces';
import { readWasmValue } from './wasm-value';
import { writeWasmValue } from './wasm-write';

/** The part of the SDK's LoadedPolicy the checker uses. */
export interface LoadedPolicyLike {
  setData(data: object): void;
  evaluate(input: unknown, entrypoint?: string | number): unknown;
  /**
   * Evaluates `each` entrypoints on one parse of `input`, after the `shared` ones, and returns their
   * result sets in order; undefined when the module cannot (no session exports, or an entrypoint
   * is missing), and the caller then evaluates its aggregate entrypoint instead.
   */
  evaluateEach?(input: unknown, shared: string[], each: string[]): unknown[] | undefined;
  /** The module's entrypoint names. */
  entrypointNames?(): string[];
}

/** The SDK's LoadedPolicy fields the ABI call needs (public properties of its class). */
interface SdkPolicy {
  minorVersion: number;
  mem: WebAssembly.Memory;
  wasmInstance: WebAssembly.Instance;
  dataAddr: number;
  dataHeapPtr: number;
  entrypoints: Record<string, number>;
  evaluate(input: unknown, entrypoint?: string | number): unknown;
  setData(data: object): void;
}

type OpaEval = (reserved: number, entrypoint: number, data: number, inputAddr: number, inputLen: number, heapPtr: number, format: number) => number;
/** The session exports of modules built by the project's compiler (src/compiler/wasm/index.ts). */
interface SessionExports {
  apg_session_start(data: number, inputAddr: number, inputLen: number, heapPtr: number): void;
  /** The same with the input already written as a value below heapPtr (modules since 2026-12-06). */
  apg_session_start_value?(data: number, input: number, heapPtr: number): void;
  apg_session_eval(entrypoint: number, format: number): number;
  /** The result set's address (modules since 2026-12-06; older ones have only the text). */
  apg_session_value?(entrypoint: number): number;
  opa_json_dump(value: number): number;
  apg_session_release(mark: number): void;
  opa_heap_ptr_get(): number;
}

const PAGE = 65536;
/** apg_session_eval's format for a value evaluated only to be memoised (src/compiler/wasm/index.ts). */
const NO_RESULT_TEXT = 2;
const utf8 = new TextEncoder();
const KEEP_BYTES = 256 * 1024 * 1024;

class Policy implements LoadedPolicyLike {
  private readonly sdk: SdkPolicy;
  constructor(sdk: LoadedPolicy, private readonly wasm: Uint8Array) {
    this.sdk = sdk as unknown as SdkPolicy;
  }

  setData(data: object): void {
    this.sdk.setData(data);
  }

  private entrypointId(entrypoint: string): number | undefined {
    const eps = this.sdk.entrypoints;
    return Object.prototype.hasOwnProperty.call(eps, entrypoint) ? eps[entrypoint] : undefined;
  }

  entrypointNames(): string[] {
    return Object.keys(this.sdk.entrypoints);
  }

  /**
   * Writes the input's JSON at the heap's start (growing memory as needed): [address, length].
   * A Uint8Array is taken to be the input's JSON text, UTF-8 encoded, and is copied unchanged.
   * The text is made in pieces (jsonPieces: no 54 MB string for a 100k-resource plan) and each is
   * encoded straight into memory, with room for one byte per character first (a plan is almost all
   * ASCII) and more only for what did not fit: measuring the UTF-8 length beforehand
   * (Buffer.byteLength) cost ~160 ms on a 100k-resource plan, thirty times the encoding itself.
   */
  private writeInput(input: unknown): [number, number] {
    const p = this.sdk;
    const at = p.dataHeapPtr;
    if (input instanceof Uint8Array) {
      // Already JSON text (a caller that holds the encoded input): copied as it is.
      const short = at + input.length - p.mem.buffer.byteLength;
      if (short > 0) p.mem.grow(Math.ceil(short / PAGE));
      new Uint8Array(p.mem.buffer, at, input.length).set(input);
      return [at, input.length];
    }
    let end = at;
    for (const text of jsonPieces(input)) {
      let read = 0;
      // A UTF-16 unit takes at most three UTF-8 bytes, so the second round always finishes.
      for (let room = text.length; ; room = 3 * (text.length - read)) {
        const short = end + room - p.mem.buffer.byteLength;
        // Grown by an eighth at least: a plan's pieces would otherwise grow it thousands of times.
        if (short > 0) p.mem.grow(Math.ceil(Math.max(short, p.mem.buffer.byteLength / 8) / PAGE));
        const done = utf8.encodeInto(read ? text.slice(read) : text, new Uint8Array(p.mem.buffer, end));
        read += done.read;
        end += done.written;
        if (read >= text.length) break;
      }
    }
    return [at, end - at];
  }

  /** The result text the module left at `ret`, parsed. */
  private readResult(ret: number): unknown {
    const memory = Buffer.from(this.sdk.mem.buffer);
    return JSON.parse(memory.toString('utf8', ret, memory.indexOf(0, ret)));
  }

  /** Memory never shrinks: an instance that had to grow this much is not kept for the next check. */
  private dropIfHuge(): void {
    if (this.sdk.mem.buffer.byteLength > KEEP_BYTES && kept.get(this.wasm) === this) kept.delete(this.wasm);
  }

  evaluate(input: unknown, entrypoint: string | number = 0): unknown {
    const p = this.sdk;
    const id = typeof entrypoint === 'number' ? entrypoint : this.entrypointId(entrypoint);
    // Anything unusual (no input, an unknown entrypoint, an old ABI) takes the SDK's own path and errors.
    if (!input || id === undefined || !(p.minorVersion >= 2)) return p.evaluate(input, entrypoint);
    const [at, len] = this.writeInput(input);
    const opaEval = p.wasmInstance.exports.opa_eval as OpaEval;
    const result = this.readResult(opaEval(0, id, p.dataAddr, at, len, at + len, 0));
    this.dropIfHuge();
    return result;
  }

  /**
   * One parse of the input, the `shared` entrypoints evaluated first (their values stay memoised),
   * then each of `each` with the heap rewound to where it started: the pack's memory is the input,
   * the shared values and the largest rule, not every rule's garbage at once. On a 100,000-resource
   * plan that is hundreds of megabytes less, and the rules reuse memory already touched instead of
   * faulting in fresh pages.
   */
  evaluateEach(input: unknown, shared: string[], each: string[]): unknown[] | undefined {
    const p = this.sdk;
    const ex = p.wasmInstance.exports as unknown as Partial<SessionExports>;
    const ids = [...shared, ...each].map((e) => this.entrypointId(e));
    if (!input || !ex.apg_session_start || !ex.apg_session_eval || !ex.apg_session_release || !ex.opa_heap_ptr_get || ids.includes(undefined)) return undefined;
    if (ex.apg_session_start_value && !(input instanceof Uint8Array)) {
      // The input written as values where the module would have parsed them (wasm-write.ts).
      const { root, end } = writeWasmValue(p.mem, p.dataHeapPtr, input);
      ex.apg_session_start_value(p.dataAddr, root, end);
    } else {
      const [at, len] = this.writeInput(input);
      ex.apg_session_start(p.dataAddr, at, len, at + len);
    }
    // Format 2: no result text. The shared values are only memoised, and their text would stay below
    // the mark for the whole session (at 100k resources, lib.identities.apps alone is ~30 MB of JSON).
    for (let i = 0; i < shared.length; i++) ex.apg_session_eval(ids[i]!, NO_RESULT_TEXT);
    const mark = ex.opa_heap_ptr_get();
    const results: unknown[] = [];
    // Each rule's result set read from memory where the module can give its address, else from its JSON text.
    const { apg_session_value: value, opa_json_dump: jsonDump } = ex;
    const memory = value && jsonDump ? { memory: p.mem, jsonDump } : undefined;
    for (let i = shared.length; i < ids.length; i++) {
      results.push(memory ? readWasmValue(memory, value!(ids[i]!)) : this.readResult(ex.apg_session_eval(ids[i]!, 0)));
      ex.apg_session_release(mark);
    }
    this.dropIfHuge();
    return results;
  }
}

const kept = new WeakMap<Uint8Array, Policy>();

function keep(wasm: Uint8Array, p: Policy): Policy {
  kept.set(wasm, p);
  return p;
}

export const loadPolicyAsync = async (wasm: Uint8Array): Promise<LoadedPolicyLike> =>
  kept.get(wasm) ?? keep(wasm, new Policy(await loadPolicyWasm(wasm), wasm));
export const loadPolicySyncCompat = (wasm: Uint8Array): LoadedPolicyLike =>
  kept.get(wasm) ?? keep(wasm, new Policy(loadPolicyWasmSync(wasm), wasm));

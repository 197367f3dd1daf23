/**
 * Loads the pack's WASM for evaluation through the project's loader (src/opa/load.ts), which adds
 * the host builtins (sprintf, regex, ...) that compiled policies call.
 *
 * evaluate() calls the module's `opa_eval` (ABI 1.2+) as the SDK's own evaluate() does, with the
 * SDK's instance, memory, data and entrypoints, but moves the texts with Buffer: the input's JSON
 * is written straight into the module's memory (no intermediate encoded copy) and the result text
 * is found and decoded natively. On a 10,000-resource plan that is tens of milliseconds less.
 *
 * One loaded instance is kept per pack and reused by the next check in the same process (the synth
 * gate checks every stack; a long-lived process checks many plans): a fresh instance starts with
 * fresh memory, and on a large plan first touching its tens of megabytes costs as much as the
 * evaluation itself. An instance whose memory grew beyond KEEP_BYTES is not kept, so one huge plan
 * does not pin its memory for the life of the process.
 */
import type { LoadedPolicy } from '../opa/load';
import { loadPolicyWasm, loadPolicyWasmSync } from '../opa/load';

/** The part of the SDK's LoadedPolicy the checker uses. */
export interface LoadedPolicyLike {
  setData(data: object): void;
  evaluate(input: unknown, entrypoint?: string | number): unknown;
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

const PAGE = 65536;
const KEEP_BYTES = 256 * 1024 * 1024;

class Policy implements LoadedPolicyLike {
  private readonly sdk: SdkPolicy;
  constructor(sdk: LoadedPolicy, private readonly wasm: Uint8Array) {
    this.sdk = sdk as unknown as SdkPolicy;
  }

  setData(data: object): void {
    this.sdk.setData(data);
  }

  evaluate(input: unknown, entrypoint: string | number = 0): unknown {
    const p = this.sdk;
    const id = typeof entrypoint === 'number' ? entrypoint : Object.prototype.hasOwnProperty.call(p.entrypoints, entrypoint) ? p.entrypoints[entrypoint] : undefined;
    // Anything unusual (no input, an unknown entrypoint, an old ABI) takes the SDK's own path and errors.
    if (!input || id === undefined || !(p.minorVersion >= 2)) return p.evaluate(input, entrypoint);
    const text = JSON.stringify(input);
    const len = Buffer.byteLength(text, 'utf8');
    const at = p.dataHeapPtr;
    const short = at + len - p.mem.buffer.byteLength;
    if (short > 0) p.mem.grow(Math.ceil(short / PAGE));
    Buffer.from(p.mem.buffer, at, len).write(text, 0, len, 'utf8');
    const opaEval = p.wasmInstance.exports.opa_eval as OpaEval;
    const ret = opaEval(0, id, p.dataAddr, at, len, at + len, 0);
    const memory = Buffer.from(p.mem.buffer);
    const result = JSON.parse(memory.toString('utf8', ret, memory.indexOf(0, ret)));
    // Memory never shrinks: an instance that had to grow this much is not kept for the next check.
    if (memory.length > KEEP_BYTES && kept.get(this.wasm) === this) kept.delete(this.wasm);
    return result;
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

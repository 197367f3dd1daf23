/**
 * Loads a policy module produced by src/compiler/wasm into the official OPA SDK
 * (@open-policy-agent/opa-wasm), unchanged, with the project's host builtins.
 */
import { loadPolicySync, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins, withErrors } from './host-builtins';

export type { LoadedPolicy };

export interface LoadOptions {
  /** Initial memory (pages of 64 KiB) or a full descriptor; the SDK's default is 5 pages. */
  memory?: number | WebAssembly.MemoryDescriptor;
  /** Extra builtins (name → implementation), added to the project's host builtins. */
  builtins?: Record<string, (...args: never[]) => unknown>;
}

function customBuiltins(options: LoadOptions): Record<string, Function> {
  const all = { ...hostBuiltins, ...(options.builtins ?? {}) };
  // `apg.yaml.marshal` etc. stand in for OPA's builtins of the same name without the prefix: errors name those.
  return Object.fromEntries(Object.entries(all).map(([name, fn]) => [name, withErrors(name.replace(/^apg\./, ''), fn)]));
}

// One compiled module per module bytes: each load instantiates it afresh (own memory, own
// state), while the machine code V8 made of it, tiered up by earlier evaluations, is shared.
const compiled = new WeakMap<Uint8Array, WebAssembly.Module>();

function compiledModule(wasm: Uint8Array): WebAssembly.Module {
  let mod = compiled.get(wasm);
  if (!mod) {
    mod = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
    compiled.set(wasm, mod);
  }
  return mod;
}

export function loadPolicyWasmSync(wasm: Uint8Array, options: LoadOptions = {}): LoadedPolicy {
  return loadPolicySync(compiledModule(wasm), options.memory, customBuiltins(options));
}

/**
 * The module is compiled already, so this is loadPolicyWasmSync: the SDK's asynchronous loadPolicy
 * first asks whether its argument is a fetch `Response`, and on Node 20 the first mention of
 * `Response` loads undici, ~15 ms of every `apg check` process.
 */
export async function loadPolicyWasm(wasm: Uint8Array, options: LoadOptions = {}): Promise<LoadedPolicy> {
  return loadPolicyWasmSync(wasm, options);
}

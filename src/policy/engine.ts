/**
 * Loads the pack's WASM for evaluation through the project's loader (src/opa/load.ts), which adds
 * the host builtins (sprintf, regex, ...) that compiled policies call.
 */
import { loadPolicyWasm, loadPolicyWasmSync } from '../opa/load';

/** The part of the SDK's LoadedPolicy the checker uses. */
export interface LoadedPolicyLike {
  setData(data: object): void;
  evaluate(input: unknown, entrypoint?: string | number): unknown;
}

export const loadPolicyAsync = (wasm: Uint8Array): Promise<LoadedPolicyLike> => loadPolicyWasm(wasm);
export const loadPolicySyncCompat = (wasm: Uint8Array): LoadedPolicyLike => loadPolicyWasmSync(wasm);

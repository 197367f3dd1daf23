/**
 * Programmatic API of the Rego → WebAssembly compiler (glue over the stages):
 *   parser (src/compiler/parser) → check + planner (src/compiler/check, src/compiler/planner)
 *   → IR (src/compiler/ir.ts) → WASM (src/compiler/wasm).
 */
import type { Module } from './ast';

export interface SourceFile {
  /** Path used in error messages. */
  path: string;
  text: string;
}

export interface CompileOptions {
  sources: SourceFile[];
  /** Entrypoints as OPA writes them: `terraform/deny` or `data.terraform.deny`. */
  entrypoints: string[];
}

export interface CompiledPolicy {
  /** The policy module following OPA's WASM ABI. */
  wasm: Uint8Array;
  /** Entrypoint names in id order (`terraform/deny`). */
  entrypoints: string[];
  /** Parsed modules, with METADATA annotations. */
  modules: Module[];
}

export declare function compile(options: CompileOptions): CompiledPolicy;

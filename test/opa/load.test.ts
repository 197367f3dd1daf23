import { emitWasm } from '../../src/compiler/wasm';
import { loadPolicyWasm, loadPolicyWasmSync } from '../../src/opa/load';
import type { Policy } from '../../src/compiler/ir';

function regexPolicy(): Policy {
  return {
    static: { strings: ['result', 'p', 'v'], builtinFuncs: [{ name: 'regex.match', arity: 2 }], files: ['x.rego'] },
    plans: [{
      name: 'x/ok',
      blocks: [{ stmts: [
        { type: 'Dot', source: { kind: 'local', local: 0 }, key: { kind: 'string', index: 1 }, target: 2 },
        { type: 'Dot', source: { kind: 'local', local: 0 }, key: { kind: 'string', index: 2 }, target: 3 },
        { type: 'Call', func: 'regex.match', args: [{ kind: 'local', local: 2 }, { kind: 'local', local: 3 }], result: 4 },
        { type: 'MakeObject', target: 5 },
        { type: 'ObjectInsert', key: { kind: 'string', index: 0 }, value: { kind: 'local', local: 4 }, object: 5 },
        { type: 'ResultSetAdd', value: 5 },
      ] }],
    }],
    funcs: [],
  };
}

describe('loading generated modules into @open-policy-agent/opa-wasm', () => {
  it('follows the ABI: version globals, exports, only env imports, memory the SDK can provide', () => {
    const wasm = emitWasm(regexPolicy());
    const mod = new WebAssembly.Module(wasm);
    const imports = WebAssembly.Module.imports(mod);
    expect(imports.every((i) => i.module === 'env')).toBe(true);
    expect(imports.map((i) => i.name).sort()).toEqual(
      ['memory', 'opa_abort', 'opa_builtin0', 'opa_builtin1', 'opa_builtin2', 'opa_builtin3', 'opa_builtin4', 'opa_println']);
    const exports = WebAssembly.Module.exports(mod).map((e) => e.name);
    for (const name of [
      'opa_wasm_abi_version', 'opa_wasm_abi_minor_version', 'memory', 'eval', 'builtins', 'entrypoints',
      'opa_eval_ctx_new', 'opa_eval_ctx_set_input', 'opa_eval_ctx_set_data', 'opa_eval_ctx_set_entrypoint',
      'opa_eval_ctx_get_result', 'opa_malloc', 'opa_free', 'opa_json_parse', 'opa_value_parse', 'opa_json_dump',
      'opa_value_dump', 'opa_heap_ptr_get', 'opa_heap_ptr_set', 'opa_value_add_path', 'opa_value_remove_path',
      'opa_value_free', 'opa_heap_blocks_stash', 'opa_heap_blocks_restore', 'opa_heap_stash_clear', 'opa_eval',
    ]) expect(exports).toContain(name);
    expect(exports.some((n) => n.startsWith('__apg_'))).toBe(false);
    const memoryImport = imports.find((i) => i.kind === 'memory');
    expect(memoryImport?.name).toBe('memory');
    // The SDK's memory has 5 pages: instantiating with exactly that must work.
    const memory = new WebAssembly.Memory({ initial: 5 });
    const noop = (): number => 0;
    const inst = new WebAssembly.Instance(mod, { env: { memory, opa_abort: noop, opa_println: noop, opa_builtin0: noop, opa_builtin1: noop, opa_builtin2: noop, opa_builtin3: noop, opa_builtin4: noop } });
    const e = inst.exports as Record<string, WebAssembly.Global>;
    expect(e.opa_wasm_abi_version.value).toBe(1);
    expect(e.opa_wasm_abi_minor_version.value).toBe(3);
  });

  it('reports host builtins in builtins() and dispatches them to the project implementations', async () => {
    const wasm = emitWasm(regexPolicy());
    for (const p of [await loadPolicyWasm(wasm), loadPolicyWasmSync(wasm)]) {
      expect(p.entrypoints).toEqual({ 'x/ok': 0 });
      expect(p.evaluate({ p: '^[a-z]+$', v: 'abc' }, 'x/ok')).toEqual([{ result: true }]);
      expect(p.evaluate({ p: '^[a-z]+$', v: 'ABC' })).toEqual([{ result: false }]);
      // A builtin error (bad pattern) makes the call undefined, as in OPA by default.
      expect(p.evaluate({ p: '(?=x)', v: 'x' })).toEqual([]);
    }
  });

  it('aborts on a host builtin error when compiled with strict builtin errors', async () => {
    const p = await loadPolicyWasm(emitWasm(regexPolicy(), { strictBuiltinErrors: true }));
    expect(p.evaluate({ p: '^a', v: 'abc' })).toEqual([{ result: true }]);
    expect(() => p.evaluate({ p: '(?=x)', v: 'x' })).toThrow(/^eval_builtin_error: regex.match: error parsing regexp: .*lookahead/);
    expect(() => p.evaluate({ p: 'a', v: 7 })).toThrow('eval_type_error: regex.match: operand 2 must be string but got number');
  });

  it('serves the ABI 1.0 path (eval with a context) as well as opa_eval', async () => {
    const p = await loadPolicyWasm(emitWasm(regexPolicy()));
    const ex = (p.wasmInstance as WebAssembly.Instance).exports as Record<string, (...a: number[]) => number>;
    const mem = (): Uint8Array => new Uint8Array(p.mem.buffer);
    const put = (text: string): number => {
      const bytes = new TextEncoder().encode(text);
      const at = ex.opa_malloc(bytes.length);
      mem().set(bytes, at);
      return ex.opa_json_parse(at, bytes.length);
    };
    const read = (addr: number): string => {
      let end = addr;
      while (mem()[end]) end++;
      return Buffer.from(mem().subarray(addr, end)).toString();
    };
    ex.opa_heap_ptr_set(p.dataHeapPtr as number);
    const ctx = ex.opa_eval_ctx_new();
    ex.opa_eval_ctx_set_input(ctx, put('{"p":"b","v":"abc"}'));
    ex.opa_eval_ctx_set_data(ctx, p.dataAddr);
    ex.opa_eval_ctx_set_entrypoint(ctx, 0);
    ex.eval(ctx);
    expect(read(ex.opa_json_dump(ex.opa_eval_ctx_get_result(ctx)))).toBe('[{"result":true}]');
    expect(() => ex.opa_eval(0, 7, p.dataAddr, 0, 0, p.dataHeapPtr as number, 0)).toThrow('opa_eval: invalid entrypoint id');

    // Rego-syntax dump, value parse with sets, add/remove path.
    const base = put('{"a":{"b":1}}');
    const path = put('["a","c"]');
    expect(ex.opa_value_add_path(base, path, put('[1,2]'))).toBe(0);
    expect(read(ex.opa_json_dump(base))).toBe('{"a":{"b":1,"c":[1,2]}}');
    expect(ex.opa_value_remove_path(base, put('["a","b"]'))).toBe(0);
    expect(read(ex.opa_json_dump(base))).toBe('{"a":{"c":[1,2]}}');
    const text = new TextEncoder().encode('{"s": {3, 1, "x"}, "e": set()}');
    const at = ex.opa_malloc(text.length);
    mem().set(text, at);
    expect(read(ex.opa_value_dump(ex.opa_value_parse(at, text.length)))).toBe('{"e":set(),"s":{1,3,"x"}}');
  });
});

describe('builtin coverage', () => {
  it('implements every builtin the compiler accepts, in the runtime or in the host builtins', async () => {
    const { BUILTINS } = await import('../../src/compiler/builtins');
    const { runtimeWasm } = await import('../../src/compiler/runtime/build');
    const { readModule } = await import('../../src/compiler/wasm/module');
    const { runtimeBuiltinExport } = await import('../../src/compiler/wasm');
    const { hostBuiltins } = await import('../../src/opa/host-builtins');
    const exported = new Set(readModule(runtimeWasm()).exports.map((e) => e.name));
    const { HOST_NAMES } = await import('../../src/compiler/builtins');
    const missing = Object.keys(BUILTINS).filter((n) => !exported.has(runtimeBuiltinExport(n)) && !((HOST_NAMES[n] ?? n) in hostBuiltins));
    expect(missing).toEqual([]);
  });
});

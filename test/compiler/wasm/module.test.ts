import { ByteReader, ByteWriter } from '../../../src/compiler/wasm/encoding';
import { emitWasm } from '../../../src/compiler/wasm';
import { memoryLimits, readModule, writeModule } from '../../../src/compiler/wasm/module';
import { runtimeWasm } from '../../../src/compiler/runtime/build';
import { builtinPolicy, evaluate, singleRule, Strings } from './helpers';

describe('WASM encoding and linking', () => {
  it('round-trips LEB128 values', () => {
    for (const v of [0, 1, 63, 64, 127, 128, 300, 2 ** 31 - 1, 2 ** 32 - 1]) {
      expect(new ByteReader(new ByteWriter().u32(v).finish()).u32()).toBe(v);
    }
    for (const v of [0n, -1n, 63n, -64n, 64n, -65n, 2n ** 62n, -(2n ** 63n)]) {
      expect(new ByteReader(new ByteWriter().sleb(v).finish()).sleb()).toBe(v);
    }
  });

  it('reads and rewrites the runtime without changing its meaning', () => {
    const rt = runtimeWasm();
    const again = writeModule(readModule(rt));
    expect(WebAssembly.validate(again)).toBe(true);
    expect(readModule(again).codes).toEqual(readModule(rt).codes);
  });

  it('emits byte-identical modules for the same IR', () => {
    const a = emitWasm(builtinPolicy('regex.match', 2));
    const b = emitWasm(builtinPolicy('regex.match', 2));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(WebAssembly.validate(a)).toBe(true);
  });

  it('rejects calls of policy functions with the wrong number of arguments', () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [{ type: 'Call', func: 'g0.data.t.r', args: [{ kind: 'local', local: 0 }], result: 2 }]);
    expect(() => emitWasm(p)).toThrow('wasm codegen: g0.data.t.r takes 2 arguments (input, data, ...), called with 1');
  });

  it('rejects calls with the wrong number of arguments for a runtime builtin', () => {
    const p = builtinPolicy('count', 1);
    const call = p.funcs[0].blocks[0].stmts.find((s) => s.type === 'Call')!;
    if (call.type === 'Call') call.args.push(call.args[0]);
    expect(() => emitWasm(p)).toThrow('wasm codegen: builtin count takes 1 arguments, called with 2');
  });
});

describe('constants in linear memory', () => {
  const withConstant = (text: string) => {
    const s = new Strings();
    return singleRule(s, 'r', [{ type: 'AssignVarOnce', source: s.op(text), target: 2 }]);
  };

  it('sizes the memory import to hold the constants and still loads in the SDK', async () => {
    const big = 'é'.repeat(60000);
    const wasm = emitWasm(withConstant(big));
    const mem = readModule(wasm).imports.find((i) => i.kind === 2)!;
    // 120 KB of text: the import asks for at least two pages, within the SDK's five.
    expect(memoryLimits(mem.desc).min).toBeGreaterThanOrEqual(2);
    expect(memoryLimits(mem.desc).min).toBeLessThanOrEqual(5);
    expect(await evaluate(withConstant(big), {})).toEqual([{ result: big }]);
  });

  it('refuses constants that do not fit in the memory the SDK provides', () => {
    expect(() => emitWasm(withConstant('x'.repeat(400000)))).toThrow(/constants need \d+ bytes, more than the SDK's initial memory/);
  });
});

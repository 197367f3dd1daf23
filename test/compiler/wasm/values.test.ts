import { emitWasm } from '../../../src/compiler/wasm';
import { loadPolicyWasm } from '../../../src/opa/load';
import { builtinPolicy, evaluate, evaluationError, local, singleRule, Strings } from './helpers';

/** `t/r` = input. */
function identity(): ReturnType<typeof singleRule> {
  return singleRule(new Strings(), 'r', [{ type: 'AssignVarOnce', source: local(0), target: 2 }]);
}

/** Evaluates with the input given as JSON text and returns the module's JSON output text. */
async function rawEval(policy: ReturnType<typeof singleRule>, inputText: string): Promise<string> {
  const loaded = await loadPolicyWasm(emitWasm(policy));
  const exports = (loaded.wasmInstance as WebAssembly.Instance).exports as Record<string, (...a: number[]) => number>;
  const bytes = new TextEncoder().encode(inputText);
  const at = loaded.dataHeapPtr as number;
  if (at + bytes.length > loaded.mem.buffer.byteLength) loaded.mem.grow(Math.ceil(bytes.length / 65536) + 1);
  new Uint8Array(loaded.mem.buffer).set(bytes, at);
  const out = exports.opa_eval(0, 0, loaded.dataAddr, at, bytes.length, at + bytes.length, 0);
  const mem = new Uint8Array(loaded.mem.buffer);
  let end = out;
  while (mem[end]) end++;
  return Buffer.from(mem.subarray(out, end)).toString('utf8');
}

describe('values and JSON through the SDK', () => {
  it('round-trips unicode, escapes and control characters', async () => {
    const input = { s: 'é→𝄞 "q" \\ / \n\t\r\b\f \u0001 \u001f', 'kéy\n': ['\u2028', ''] };
    expect(await evaluate(identity(), input)).toEqual([{ result: input }]);
    expect(await rawEval(identity(), '"\\u00e9\\ud834\\udd1e\\/"')).toBe('[{"result":"é𝄞/"}]');
  });

  it('finds a quote, backslash or control character at any offset of a string, as key or value', async () => {
    // The parser and the writer scan strings eight bytes at a time, then byte by byte: every
    // position in and after the first words, in keys and values, plus bytes that only look close
    // (0x20, 0x21, 0x5b, 0x5d, 0x7f, UTF-8 lead and continuation bytes).
    const specials = ['"', '\\', '\n', '\u0000', '\u001f', ' ', '!', '[', ']', '\u007f', 'é', '𝄞'];
    const input: Record<string, string[]> = {};
    for (const c of specials) {
      for (let len = 0; len <= 19; len++) {
        const words = Array.from({ length: len + 1 }, (_, at) => 'abcdefghijklmnopqrst'.slice(0, at) + c + 'ABCDEFGHIJKLMNOPQRST'.slice(at, len));
        for (const w of words) input[`k${w}`] = [w, `${w}${w}`];
      }
    }
    expect(await evaluate(identity(), input)).toEqual([{ result: input }]);
    // Escapes read at each offset too: the text is written by hand, not by JSON.stringify.
    for (let at = 0; at <= 17; at++) {
      const text = `{"${'x'.repeat(at)}\\"${'y'.repeat(17 - at)}": "${'x'.repeat(at)}\\u0041\\n${'y'.repeat(17 - at)}"}`;
      expect(await rawEval(identity(), text)).toBe(`[{"result":${JSON.stringify(JSON.parse(text))}}]`);
    }
  });

  it('keeps number literals exact, including integers beyond 64 bits', async () => {
    expect(await rawEval(identity(), '[12345678901234567890123, -9223372036854775808, 1.0, 1e3, 0.1]'))
      .toBe('[{"result":[12345678901234567890123,-9223372036854775808,1.0,1e3,0.1]}]');
  });

  it('computes exactly beyond 64 bits: overflowing results and huge operands become big integers', async () => {
    const p = builtinPolicy('plus', 2);
    expect(await rawEval(p, '[4611686018427387904, 4611686018427387904]')).toBe('[{"result":9223372036854775808}]');
    expect(await rawEval(p, '[9223372036854775807, 1]')).toBe('[{"result":9223372036854775808}]');
    expect(await rawEval(p, '[123456789012345678901234567890, 1]')).toBe('[{"result":123456789012345678901234567891}]');
    expect(await rawEval(p, '[123456789012345678901234567890, -123456789012345678901234567889]')).toBe('[{"result":1}]');
    expect(await rawEval(p, '[4611686018427387904, 4611686018427387903]')).toBe('[{"result":9223372036854775807}]');
    const mul = builtinPolicy('mul', 2);
    expect(await rawEval(mul, '[-4294967296, 4294967296]')).toBe('[{"result":-18446744073709551616}]');
    expect(await rawEval(mul, '[-9223372036854775808, 1]')).toBe('[{"result":-9223372036854775808}]');
    const rem = builtinPolicy('rem', 2);
    expect(await rawEval(rem, '[-18446744073709551617, 10]')).toBe('[{"result":-7}]');
  });

  it('prints computed floats in shortest form and integral results as integers', async () => {
    const p = builtinPolicy('div', 2);
    expect(await rawEval(p, '[1, 3]')).toBe('[{"result":0.3333333333333333}]');
    expect(await rawEval(p, '[7.5, 2.5]')).toBe('[{"result":3}]');
  });

  it('orders values as OPA does: null < booleans < numbers < strings < arrays < objects < sets', async () => {
    const p = builtinPolicy('sort', 1);
    const input = [[{ b: 1 }, { a: 2 }, { a: 1, b: 0 }, [2], [1, 5], [1], 'b', 'B', 'a', 10, 9.5, -1, true, false, null]];
    expect(await evaluate(p, input)).toEqual([{ result: [null, false, true, -1, 9.5, 10, 'B', 'a', 'b', [1], [1, 5], [2], { a: 1, b: 0 }, { a: 2 }, { b: 1 }] }]);
  });

  it('takes objects with duplicate keys as the last value, like JSON.parse', async () => {
    expect(await rawEval(identity(), '{"a":1,"b":2,"a":3}')).toBe('[{"result":{"a":3,"b":2}}]');
  });

  it('handles large and deep inputs', async () => {
    const items = Array.from({ length: 20000 }, (_, i) => ({ id: `r${(i * 7919) % 20000}`, n: i }));
    const deep = JSON.parse(`${'['.repeat(500)}1${']'.repeat(500)}`);
    const out = (await evaluate(identity(), { items, deep })) as { result: { items: unknown[]; deep: unknown } }[];
    expect(out[0].result.items).toEqual(items);
    expect(out[0].result.deep).toEqual(deep);
  });

  it('ends a runaway evaluation with a clear message', async () => {
    const p = builtinPolicy('numbers.range', 2);
    expect(await evaluationError(p, [1, 1e12])).toMatch(/eval_resource_error: numbers.range: range too large/);
    // A result that would not fit in the memory limit stops before anything is written.
    const replace = builtinPolicy('replace', 3);
    expect(await evaluationError(replace, ['x'.repeat(40000), '', 'y'.repeat(40000)])).toMatch(/eval_resource_error: memory limit exceeded/);
    // So does memory exhaustion through many small allocations (the allocator's own limit).
    expect(await evaluationError(p, [1, 6e7])).toMatch(/eval_resource_error: memory limit exceeded/);
  });

  it('parses what setData gives it and keeps it across evaluations', async () => {
    const s = new Strings();
    const p = singleRule(s, 'r', [{ type: 'Dot', source: local(1), key: s.op('cfg'), target: 2 }]);
    const loaded = await loadPolicyWasm(emitWasm(p));
    loaded.setData({ cfg: { tiers: ['a', 'é'] } });
    for (let i = 0; i < 3; i++) expect(loaded.evaluate({ big: 'x'.repeat(100000) }, 't/r')).toEqual([{ result: { tiers: ['a', 'é'] } }]);
    loaded.setData({ cfg: 2 });
    expect(loaded.evaluate({}, 't/r')).toEqual([{ result: 2 }]);
  });
});

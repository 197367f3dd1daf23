/**
 * The checker writes its input into the module's memory as values (src/policy/wasm-write.ts)
 * instead of JSON text for the module to parse. What it writes must be what the module's parser
 * makes of JSON.stringify(input), to the byte where it matters: the string hashes and prefixes
 * that equality and ordering read, object entries sorted by key bytes, and numbers of the same kind
 * with the same double and text. These tests compare the two structures in memory, then whole
 * evaluations through the session entrypoints.
 */
import { compile } from '../../src/compiler';
import { loadPolicySyncCompat } from '../../src/policy/engine';
import { writeWasmValue } from '../../src/policy/wasm-write';

const POLICY = `package t

import rego.v1

echo := input

lookups := {k: v | some k, v in input.obj; input.obj[k] == v}

known := {"é": input.obj["é"], "ab": input.obj.ab, "long key that is longer than twenty-four": input.obj["long key that is longer than twenty-four"]}

sorted := sort([k | some k, _ in input.obj])

numbers := [x | some n in input.numbers; is_number(n); x := n * 2]

strings := {s | some s in input.strings}

deny contains msg if {
	some s in input.strings
	s == "needle"
	msg := sprintf("found %s", [s])
}
`;
const ENTRYPOINTS = ['t/echo', 't/lookups', 't/known', 't/sorted', 't/numbers', 't/strings', 't/deny'];

interface Module {
  ex: Record<string, (...a: number[]) => number>;
  mem: WebAssembly.Memory;
  entrypoints: Record<string, number>;
  dataAddr: number;
  dataHeapPtr: number;
}

function load(): Module {
  const { wasm } = compile({ sources: [{ path: 't.rego', text: POLICY }], entrypoints: ENTRYPOINTS });
  const policy = loadPolicySyncCompat(new Uint8Array(wasm)) as unknown as { sdk: Module & { wasmInstance: WebAssembly.Instance } };
  const { sdk } = policy;
  return { ex: sdk.wasmInstance.exports as Module['ex'], mem: sdk.mem, entrypoints: sdk.entrypoints, dataAddr: sdk.dataAddr, dataHeapPtr: sdk.dataHeapPtr };
}

/** The parser's value of JSON.stringify(v), allocated in the module's heap. */
function parsed(m: Module, v: unknown): number {
  const bytes = Buffer.from(JSON.stringify(v));
  const at = m.ex.opa_malloc(bytes.length);
  new Uint8Array(m.mem.buffer, at, bytes.length).set(bytes);
  const value = m.ex.opa_json_parse(at, bytes.length);
  expect(value).not.toBe(0);
  return value;
}

/** The writer's value of v, written at the heap's top and the heap moved past it. */
function written(m: Module, v: unknown): number {
  const { root, end } = writeWasmValue(m.mem, m.ex.opa_heap_ptr_get(), v);
  expect(end % 8).toBe(0);
  m.ex.opa_heap_ptr_set(end);
  return root;
}

/** Differences between two values' structures in memory (empty when they are the same). */
function differences(mem: WebAssembly.Memory, a: number, b: number, path = '$', out: string[] = []): string[] {
  const view = new DataView(mem.buffer);
  const u32 = (p: number): number => view.getUint32(p, true);
  const bytes = (p: number, n: number): string => Buffer.from(mem.buffer, p, n).toString('hex');
  const tag = view.getUint8(a);
  if (tag !== view.getUint8(b)) return [...out, `${path}: tag ${tag} vs ${view.getUint8(b)}`];
  // The runtime's allocator aligns every block to 8 bytes.
  if (a % 8 !== 0) out.push(`${path}: written at ${a}, not 8-byte aligned`);
  const same = (what: string, x: unknown, y: unknown): void => {
    if (x !== y) out.push(`${path}: ${what} ${String(x)} vs ${String(y)}`);
  };
  switch (tag) {
    case 1:
      break;
    case 2:
      same('bool', view.getUint8(a + 4), view.getUint8(b + 4));
      break;
    case 3: {
      const kind = view.getUint8(a + 1);
      same('number kind', kind, view.getUint8(b + 1));
      if (kind === 0) same('i64', view.getBigInt64(a + 8, true), view.getBigInt64(b + 8, true));
      else {
        same('f64', Object.is(view.getFloat64(a + 8, true), view.getFloat64(b + 8, true)), true);
        same('text', bytes(u32(a + 16), u32(a + 20)), bytes(u32(b + 16), u32(b + 20)));
      }
      break;
    }
    case 4:
      // Tag and 24-bit hash in one word, the length, and the prefix.
      same('tag and hash', u32(a), u32(b));
      same('length', u32(a + 4), u32(b + 4));
      same('prefix', u32(a + 12), u32(b + 12));
      same('bytes', bytes(u32(a + 8), u32(a + 4)), bytes(u32(b + 8), u32(b + 4)));
      break;
    case 5:
    case 6:
    case 7: {
      const n = u32(a + 4);
      same('length', n, u32(b + 4));
      same('capacity', u32(a + 8), u32(b + 8));
      if (n !== u32(b + 4)) break;
      same('entries right after the header', u32(a + 12), a + 16);
      const width = tag === 6 ? 8 : 4;
      for (let i = 0; i < n * (width / 4); i++) {
        differences(mem, u32(u32(a + 12) + 4 * i), u32(u32(b + 12) + 4 * i), `${path}[${i}]`, out);
      }
      break;
    }
    default:
      out.push(`${path}: unknown tag ${tag}`);
  }
  return out;
}

class Instance {
  constructor(readonly name: string) {}
}

const INPUTS: Record<string, unknown> = {
  'a plan-like document': {
    resources: [
      { address: 'module.app["svc0"].azurerm_container_app.app', mode: 'managed', type: 'azurerm_container_app', values: { name: 'svc0', cpu: 0.25, tags: { env: 'dev' } }, unknown: ['id'] },
      { address: 'azurerm_key_vault.kv', mode: 'managed', type: 'azurerm_key_vault', values: { sku_name: 'standard', purge_protection_enabled: true, soft_delete_retention_days: 90 } },
    ],
    outputs: [],
  },
  'keys in UTF-8 byte order, not UTF-16 order': {
    obj: { z: 1, a: 2, '10': 3, '2': 4, '': 5, é: 6, ab: 7, abc: 8, '\uE000': 9, '😀': 10, 日本: 11, 'long key that is longer than twenty-four': 12, __proto__x: 13 },
  },
  'numbers of every kind': {
    numbers: [4.596486211325193e-10, 0.000048169837062929874, 0, -0, 7, -3, 1023, 1024, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 60, -(2 ** 60) - 2 ** 10, 2 ** 63, -(2 ** 63), 2 ** 64, 1e20, 1e21, 1.5, 0.1, 0.25, 2.5e-7, 1e-7, 123.456, -98.765, 5e-324, 1.7976931348623157e308, NaN, Infinity, -Infinity],
  },
  'strings of every kind': {
    strings: ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'needle', 'quote " backslash \\ slash /', 'new\nline\ttab\r\b\f', '\u0001\u001f control', 'é日本語😀', 'ascii then é', '\ud800 lone surrogate', 'lone low \udc00', 'x'.repeat(100), 'needle'],
  },
  'what JSON.stringify leaves out or converts': {
    obj: { u: undefined, f: () => 1, s: Symbol('s'), d: new Date(0), keyed: { toJSON: (k: string) => `member ${k}` }, gone: { toJSON: () => undefined }, inst: new Instance('i'), boxed: [new String('s'), new Number(2), new Boolean(false)], map: new Map([[1, 2]]) },
    strings: [undefined, () => 1, Symbol('t'), { toJSON: (k: string) => `element ${k}` }],
    nullProto: Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
    __proto__member: JSON.parse('{"__proto__": {"x": 1}}'),
  },
  'more distinct short strings than the writer shares': {
    strings: Array.from({ length: 6000 }, (_, i) => `s${i % 5000}`),
    obj: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${(i * 7919) % 300}`, i])),
  },
  'deeply nested': { obj: { a: [[[[{ b: [{ c: { d: [1, 'x', null, true, false] } }] }]]]] } },
  // A lone surrogate is written as U+FFFD: keys can then sort above U+FFFF's or coincide (the last stays).
  'keys with lone surrogates': {
    obj: { '\uFFFF': 1, '\uD800': 2 },
    pair: { '\uD800': 1, '\uDC00': 2 },
    replacement: { '\uFFFD': 1, '\uD800': 2 },
    order: { '\uDC00': 1, '\uD800\uDC00': 2 },
    above: { '\uFFFF': 1, '😀': 2 },
  },
  'an object of many keys': { obj: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key ${(i * 7919) % 20_000}`, i])) },
};

describe('writing the input as values instead of JSON text', () => {
  const m = load();

  it.each(Object.keys(INPUTS))('writes what the parser makes of JSON.stringify: %s', (name) => {
    const input = INPUTS[name];
    const fromText = parsed(m, input);
    const fromWriter = written(m, input);
    expect(differences(m.mem, fromWriter, fromText)).toEqual([]);
  });

  it('grows the memory it writes into, across many growths', () => {
    const big = {
      strings: Array.from({ length: 50_000 }, (_, i) => `resource-${i}-${'x'.repeat(i % 40)}`),
      // Three UTF-8 bytes a unit: the room reserved for a string must be the encoded length's.
      wide: Array.from({ length: 20_000 }, (_, i) => '日本語'.repeat(1 + (i % 9))),
      numbers: Array.from({ length: 20_000 }, (_, i) => i * 1.5),
    };
    const before = m.mem.buffer.byteLength;
    const fromText = parsed(m, big);
    const fromWriter = written(m, big);
    expect(m.mem.buffer.byteLength).toBeGreaterThan(before);
    expect(differences(m.mem, fromWriter, fromText)).toEqual([]);
  });

  it.each(Object.keys(INPUTS))('a session on the written input answers every entrypoint as one on the text: %s', (name) => {
    const input = INPUTS[name];
    const answers = (start: () => void): string[] => {
      start();
      const mark = m.ex.opa_heap_ptr_get();
      return ENTRYPOINTS.map((e) => {
        const at = m.ex.apg_session_eval(m.entrypoints[e], 0);
        const bytes = Buffer.from(m.mem.buffer);
        const text = bytes.toString('utf8', at, bytes.indexOf(0, at));
        m.ex.apg_session_release(mark);
        return text;
      });
    };
    const viaText = answers(() => {
      const bytes = Buffer.from(JSON.stringify(input));
      new Uint8Array(m.mem.buffer, m.dataHeapPtr, bytes.length).set(bytes);
      m.ex.apg_session_start(m.dataAddr, m.dataHeapPtr, bytes.length, m.dataHeapPtr + bytes.length);
    });
    const viaValue = answers(() => {
      const { root, end } = writeWasmValue(m.mem, m.dataHeapPtr, input);
      m.ex.apg_session_start_value(m.dataAddr, root, end);
    });
    expect(viaValue).toEqual(viaText);
    expect(viaText.join('')).not.toBe('');
  });

  it('throws what JSON.stringify throws for a value it cannot write', () => {
    expect(() => writeWasmValue(m.mem, m.ex.opa_heap_ptr_get(), { n: 1n })).toThrow(/BigInt/);
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = { back: circular };
    expect(() => writeWasmValue(m.mem, m.ex.opa_heap_ptr_get(), circular)).toThrow(TypeError);
    expect(() => writeWasmValue(m.mem, m.ex.opa_heap_ptr_get(), circular)).toThrow(/circular/);
  });

  it('writes only own members when Object.prototype has an enumerable one', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      const input = { obj: { a: 1, b: [{ c: 2 }] } };
      expect(differences(m.mem, written(m, input), parsed(m, input))).toEqual([]);
    } finally {
      delete proto.polluted;
    }
  });

  it('shares one string value among equal keys, as the parser does', () => {
    const input = { resources: Array.from({ length: 50 }, (_, i) => ({ type: 't', name: `n${i}`, values: { type: i, long_key_name_over_twenty_four: i } })) };
    const root = written(m, input);
    const view = new DataView(m.mem.buffer);
    const u32 = (p: number): number => view.getUint32(p, true);
    const keys = new Map<string, Set<number>>();
    const walk = (p: number): void => {
      const tag = view.getUint8(p);
      if (tag < 5) return;
      const n = u32(p + 4);
      const data = u32(p + 12);
      for (let i = 0; i < n; i++) {
        if (tag !== 6) {
          walk(u32(data + 4 * i));
          continue;
        }
        const k = u32(data + 8 * i);
        const text = Buffer.from(m.mem.buffer, u32(k + 8), u32(k + 4)).toString('utf8');
        keys.set(text, (keys.get(text) ?? new Set()).add(k));
        walk(u32(data + 8 * i + 4));
      }
    };
    walk(root);
    expect([...keys.keys()].sort()).toEqual(['long_key_name_over_twenty_four', 'name', 'resources', 'type', 'values']);
    for (const [text, at] of keys) expect([text, at.size]).toEqual([text, 1]);
  });
});

/**
 * The checker reads each rule's result set from the module's memory (src/policy/wasm-value.ts)
 * instead of parsing the module's JSON text of it. Both must give the same JavaScript value, key
 * order included (a finding whose msg is not a string is reported as the JSON text of the item).
 */
import { compile } from '../../src/compiler';
import { loadPolicySyncCompat } from '../../src/policy/engine';
import { readWasmValue } from '../../src/policy/wasm-value';

const KINDS = `package kinds

import rego.v1

scalars := [
	null, true, false,
	0, 7, -3, 1023, 1024, 4294967296, -4294967297,
	9007199254740991, 9007199254740993, -9007199254740993, 9223372036854775807,
	123456789012345678901234567890, 1.5, 1.10, 1e2, 2.5e-7,
]

computed := [x | some x in [0.1 + 0.2, 10 / 4, 2 * 3, count(input.names) - 5]]

strings := [
	"plain", "", "quote \\" backslash \\\\ slash /", "new\\nline\\ttab\\r\\b\\f", "\\u0001\\u001f control",
	"é日本語😀", input.names[0],
]

collections := {
	"array": [1, [2, [3, []]], {}],
	"set": {"b", "a", "c", "a"},
	"sets": {{3, 1}, {2}},
	"order": {"z": 1, "a": 2, "10": 3, "2": 4, "": 5},
	"number keys": {1: "one", 20: "twenty", 3: "three"},
	"other keys": {[1, "x"]: "array", {"k": 1}: "object", null: "null", true: "bool"},
	"proto": {"__proto__": {"polluted": true}, "x": 1},
}

deny contains finding if {
	some name in input.names
	finding := {"address": name, "msg": sprintf("%s has no probe", [name]), "attribute": "template.0", "check": "c"}
}
`;

const ENTRYPOINTS = ['kinds/scalars', 'kinds/computed', 'kinds/strings', 'kinds/collections', 'kinds/deny'];

function session(): { both: (entrypoint: string) => [unknown, unknown] } {
  const { wasm } = compile({ sources: [{ path: 'kinds.rego', text: KINDS }], entrypoints: ENTRYPOINTS });
  const policy = loadPolicySyncCompat(new Uint8Array(wasm)) as unknown as {
    sdk: { wasmInstance: WebAssembly.Instance; entrypoints: Record<string, number>; dataAddr: number; mem: WebAssembly.Memory };
    writeInput(d: unknown): [number, number];
  };
  const ex = policy.sdk.wasmInstance.exports as Record<string, (...a: number[]) => number>;
  const [at, len] = policy.writeInput({ names: ['app-1', 'ça "va"', 'x\ny', 'z'] });
  // Written after the input text: the values start at an address that is not a multiple of four.
  expect((at + len) % 4).not.toBe(0);
  ex.apg_session_start(policy.sdk.dataAddr, at, len, at + len);
  const mark = ex.opa_heap_ptr_get();
  const memory = { memory: policy.sdk.mem, jsonDump: (v: number) => ex.opa_json_dump(v) };
  return {
    both: (entrypoint) => {
      const id = policy.sdk.entrypoints[entrypoint];
      const viaValue = readWasmValue(memory, ex.apg_session_value(id));
      ex.apg_session_release(mark);
      const text = ex.apg_session_eval(id, 0);
      const bytes = Buffer.from(policy.sdk.mem.buffer);
      const viaText = JSON.parse(bytes.toString('utf8', text, bytes.indexOf(0, text)));
      ex.apg_session_release(mark);
      return [viaValue, viaText];
    },
  };
}

describe('reading a result set from the module memory', () => {
  const { both } = session();

  it.each(ENTRYPOINTS)('gives what JSON.parse makes of the text, key order included: %s', (entrypoint) => {
    const [viaValue, viaText] = both(entrypoint);
    expect(JSON.stringify(viaValue)).toBe(JSON.stringify(viaText));
    expect(viaValue).toEqual(viaText);
  });

  it('keeps integers beyond 2^53, floats and number literals as their text parses', () => {
    const [[{ result }]] = [both('kinds/scalars')[0] as { result: number[] }[]];
    expect(result.slice(3, 10)).toEqual([0, 7, -3, 1023, 1024, 4294967296, -4294967297]);
    expect(result.slice(10, 14)).toEqual([9007199254740991, 9007199254740993, -9007199254740993, 9223372036854775807]);
    expect(result.slice(14)).toEqual([123456789012345678901234567890, 1.5, 1.1, 100, 2.5e-7]);
  });

  it('writes a key that is not a string as its JSON text, and "__proto__" as an own key', () => {
    const [[{ result }]] = [both('kinds/collections')[0] as { result: Record<string, Record<string, unknown>> }[]];
    expect(Object.keys(result['number keys'])).toEqual(['1', '3', '20']);
    expect(Object.keys(result['other keys'])).toEqual(['null', 'true', '[1,"x"]', '{"k":1}']);
    const proto = result.proto;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__', 'x']);
    expect(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value).toEqual({ polluted: true });
  });
});

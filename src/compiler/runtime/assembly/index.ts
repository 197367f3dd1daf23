// The runtime's exports: OPA's WASM ABI (what the SDK calls) and the `__apg_*` helpers that the
// generated policy code calls. The linker removes the `__apg_*` exports from the final module and
// adds `eval`, `opa_eval`, `builtins` and `entrypoints`, which it generates per policy.
import { alloc, abortAscii, heapTop, setHeapTop, heapEpoch, __apg_strict, msgStart, msgAdd, msgBytes, msgAbort, resetSteps } from "./alloc";
import {
  T_NULL, T_STRING, T_ARRAY, T_OBJECT, T_SET, NULL_V, tag, newInt, newColl, arrayPush, objGet, objPut, setAdd, setAppend, setSettle,
  search, collLen, arrayGet, objKey, objVal, equal, asInteger, lastInteger, strLen, strPtr, collFrom, strPrefix, sameBytes,
} from "./value";
import { parseJson, dumpValue } from "./json";
import { countOf, mergeObjects } from "./value";

export { __apg_heap_base, __apg_heap_ptr, __apg_strict, __apg_max_msteps, __apg_step } from "./alloc";
export * from "./builtins";
export { __apg_b_sprintf } from "./sprintf";

export const opa_wasm_abi_version: i32 = 1;
export const opa_wasm_abi_minor_version: i32 = 3;

// ---- allocator ------------------------------------------------------------------------------

export function opa_malloc(size: u32): u32 { return alloc(size); }
export function opa_free(addr: u32): void {}
export function opa_heap_ptr_get(): u32 { return heapTop(); }
export function opa_heap_ptr_set(p: u32): void { setHeapTop(p); }
// A bump allocator keeps no free-lists, so the ABI 1.3 block stash is empty by construction.
export function opa_heap_blocks_stash(): void {}
export function opa_heap_blocks_restore(): void {}
export function opa_heap_stash_clear(): void {}
export function opa_value_free(v: u32): void {}

// ---- values ---------------------------------------------------------------------------------

export function opa_json_parse(ptr: u32, len: u32): u32 { return parseJson(ptr, len, false); }
export function opa_value_parse(ptr: u32, len: u32): u32 { return parseJson(ptr, len, true); }
export function opa_json_dump(v: u32): u32 { return dumpValue(v, false); }
export function opa_value_dump(v: u32): u32 { return dumpValue(v, true); }

/** base[path...] = value, creating objects on the way; 0 ok, 2 invalid type, 3 invalid path. */
export function opa_value_add_path(base: u32, path: u32, value: u32): i32 {
  if (base == 0 || path == 0 || tag(path) != T_ARRAY) return 3;
  const n = collLen(path);
  if (n == 0) return 3;
  let cur = base;
  for (let i: u32 = 0; i + 1 < n; i++) {
    if (tag(cur) != T_OBJECT) return 2;
    const k = arrayGet(path, i);
    let next = objGet(cur, k);
    if (next == 0) { next = newColl(T_OBJECT, 4); objPut(cur, k, next); }
    cur = next;
  }
  if (tag(cur) != T_OBJECT) return 2;
  objPut(cur, arrayGet(path, n - 1), value);
  return 0;
}

export function opa_value_remove_path(base: u32, path: u32): i32 {
  if (base == 0 || path == 0 || tag(path) != T_ARRAY) return 3;
  const n = collLen(path);
  if (n == 0) return 3;
  let cur = base;
  for (let i: u32 = 0; i + 1 < n; i++) {
    if (tag(cur) != T_OBJECT) return 2;
    cur = objGet(cur, arrayGet(path, i));
    if (cur == 0) return 0;
  }
  if (tag(cur) != T_OBJECT) return 2;
  const at = search(cur, arrayGet(path, n - 1));
  if (at < 0) return 0;
  const data = load<u32>(cur, 12);
  const len = collLen(cur);
  memory.copy(data + (<u32>at << 3), data + (<u32>at << 3) + 8, (len - <u32>at - 1) << 3);
  store<u32>(cur, len - 1, 4);
  return 0;
}

// ---- evaluation context (ABI 1.0 path) --------------------------------------------------------

export function opa_eval_ctx_new(): u32 {
  const c = alloc(16);
  memory.fill(c, 0, 16);
  return c;
}
export function opa_eval_ctx_set_input(c: u32, v: u32): void { store<u32>(c, v); }
export function opa_eval_ctx_set_data(c: u32, v: u32): void { store<u32>(c, v, 4); }
export function opa_eval_ctx_set_entrypoint(c: u32, e: i32): void { store<i32>(c, e, 8); }
export function opa_eval_ctx_get_result(c: u32): u32 { return load<u32>(c, 12); }

let resultSet: u32 = 0;
let evalData: u32 = 0;

export function __apg_ctx_input(c: u32): u32 { return load<u32>(c); }
export function __apg_ctx_data(c: u32): u32 {
  startEvaluation();
  evalData = load<u32>(c, 4);
  if (evalData == 0) evalData = newColl(T_OBJECT, 0);
  resultSet = newColl(T_SET, 4);
  return evalData;
}
export function __apg_ctx_entrypoint(c: u32): i32 { return load<i32>(c, 8); }
export function __apg_ctx_finish(c: u32): void { store<u32>(c, resultSet, 12); }

/** opa_eval's set-up: the input text sits at inputAddr (written there by the SDK); returns input. */
export function __apg_eval_prepare(data: u32, inputAddr: u32, inputLen: u32, heapPtr: u32): u32 {
  setHeapTop(heapPtr);
  startEvaluation();
  let input: u32 = 0;
  if (inputAddr != 0) {
    input = parseJson(inputAddr, inputLen, false);
    if (input == 0) abortAscii("opa_eval: input is not valid JSON");
  }
  return prepared(data, input);
}
/**
 * apg_session_start_value's set-up: the input is a value the host wrote below heapPtr in this
 * module's layout (src/policy/wasm-write.ts), not a text to parse.
 */
export function __apg_eval_prepare_value(data: u32, input: u32, heapPtr: u32): u32 {
  setHeapTop(heapPtr);
  startEvaluation();
  return prepared(data, input);
}
function prepared(data: u32, input: u32): u32 {
  evalData = data == 0 ? newColl(T_OBJECT, 0) : data;
  resultSet = newColl(T_SET, 4);
  return input;
}
export function __apg_eval_data(): u32 { return evalData; }
/** A session's next entrypoint (apg_session_eval) collects its results in a set of its own. */
export function __apg_session_result(): void { resultSet = newColl(T_SET, 4); }
/**
 * apg_session_release: the heap goes back to `mark`, and what was cached above it goes too (the
 * generated code forgets the rule values memoised above it; the host-builtin cache is here).
 */
export function __apg_rewind(mark: u32): void {
  for (let i: u32 = 0; i < <u32>HOST0_SLOTS; i++) {
    const slot = host0Cache + (i << 2);
    if (load<u32>(slot) >= mark) store<u32>(slot, 0);
  }
  setHeapTop(mark);
}
/**
 * The result set's text; format 2 (a session's shared value, evaluated only to be memoised): none;
 * format 3 (apg_session_value): the result set itself, for the host to read from memory.
 */
export function __apg_eval_result(format: i32): u32 {
  if (format == 2) return 0;
  if (format == 3) return resultSet;
  return dumpValue(resultSet, format == 1);
}
export function __apg_result_add(v: u32): void { if (v != 0) setAdd(resultSet, v); }
export function __apg_bad_entrypoint(): void { abortAscii("opa_eval: invalid entrypoint id"); }

/** Parses JSON text placed in a data segment by the linker (builtins and entrypoints maps). */
export function __apg_parse_static(ptr: u32, len: u32): u32 { return parseJson(ptr, len, false); }

// ---- statements -----------------------------------------------------------------------------

export function __apg_make_number_ref(ptr: u32, len: u32): u32 {
  const v = parseJson(ptr, len, false);
  if (v == 0) abortAscii("internal error: bad number literal");
  return v;
}
export function __apg_make_array(cap: u32): u32 { return newColl(T_ARRAY, cap); }
export function __apg_make_object(): u32 { return newColl(T_OBJECT, 4); }
export function __apg_make_set(): u32 { return newColl(T_SET, 4); }
export function __apg_type(v: u32): i32 { return v == 0 ? 0 : <i32>tag(v); }
export function __apg_equal(a: u32, b: u32): i32 { return equal(a, b) ? 1 : 0; }

export function __apg_dot(src: u32, key: u32): u32 {
  if (src == 0 || key == 0) return 0;
  const t = tag(src);
  if (t == T_OBJECT) return objGet(src, key);
  if (t == T_ARRAY) {
    if (!asInteger(key)) return 0;
    const i = lastInteger();
    return i >= 0 && i < <i64>collLen(src) ? arrayGet(src, <u32>i) : 0;
  }
  if (t == T_SET) { const i = search(src, key); return i < 0 ? 0 : arrayGet(src, <u32>i); }
  return 0;
}

/**
 * Dot with a constant string key at one site of the policy. `slot` (three words of the policy's
 * static data) remembers where the key was found last time, the key value found there and the heap
 * epoch. Objects met at one site usually share their key layout and, parsed from one JSON text,
 * their key values (the parser shares equal keys), so this is mostly one index check and one
 * address comparison. Addresses are only compared within one epoch, where they are unique.
 */
export function __apg_dot_str(src: u32, key: u32, slot: u32): u32 {
  if (src == 0) return 0;
  if (tag(src) != T_OBJECT) return __apg_dot(src, key);
  const i = load<u32>(slot);
  if (i < collLen(src)) {
    const k = objKey(src, i);
    if (k == load<u32>(slot, 4) && load<u32>(slot, 8) == heapEpoch) return objVal(src, i);
    if (k == key || (tag(k) == T_STRING && strLen(k) == strLen(key) && strPrefix(k) == strPrefix(key) &&
        sameBytes(strPtr(k), strPtr(key), strLen(key)))) {
      store<u32>(slot, k, 4);
      store<u32>(slot, heapEpoch, 8);
      return objVal(src, i);
    }
  }
  const j = search(src, key);
  if (j < 0) return 0;
  store<u32>(slot, <u32>j);
  store<u32>(slot, objKey(src, <u32>j), 4);
  store<u32>(slot, heapEpoch, 8);
  return objVal(src, <u32>j);
}

export function __apg_len(v: u32): u32 {
  if (v == 0) return 0;
  const n = countOf(v);
  return n < 0 ? 0 : newInt(n);
}

export function __apg_array_append(a: u32, v: u32): void { arrayPush(a, v); }
export function __apg_object_insert(o: u32, k: u32, v: u32): void { objPut(o, k, v); }
/** 1 when the key already holds a different value (a conflict), else 0. */
export function __apg_object_insert_once(o: u32, k: u32, v: u32): i32 {
  const i = search(o, k);
  if (i >= 0) return equal(objVal(o, <u32>i), v) ? 0 : 1;
  objPut(o, k, v);
  return 0;
}
export function __apg_set_add(s: u32, v: u32): void { setAdd(s, v); }
/** SetAdd of the policy code: see setAppend; every other read of the set goes through __apg_set_ready. */
export function __apg_set_append(s: u32, v: u32): void { setAppend(s, v); }
export function __apg_set_ready(v: u32): u32 {
  if (v != 0 && tag(v) == T_SET) setSettle(v);
  return v;
}

export function __apg_object_merge(a: u32, b: u32): u32 {
  if (a == 0) return b;
  if (b == 0) return a;
  return mergeObjects(a, b, true);
}

export function __apg_scan_len(c: u32): i32 { return c != 0 && tag(c) >= T_ARRAY ? <i32>collLen(c) : 0; }
export function __apg_scan_key(c: u32, i: u32): u32 {
  const t = tag(c);
  if (t == T_ARRAY) return newInt(<i64>i);
  if (t == T_OBJECT) return objKey(c, i);
  return arrayGet(c, i);
}
export function __apg_scan_val(c: u32, i: u32): u32 {
  return tag(c) == T_OBJECT ? objVal(c, i) : arrayGet(c, i);
}

/** A copy of `base` with `path` (an array of keys) set to `value` (OPA's `with`). */
function upsert(base: u32, path: u32, i: u32, value: u32): u32 {
  if (i == collLen(path)) return value;
  const r = base != 0 && tag(base) == T_OBJECT ? collFrom(T_OBJECT, load<u32>(base, 12), collLen(base)) : newColl(T_OBJECT, 4);
  const k = arrayGet(path, i);
  objPut(r, k, upsert(objGet(r, k), path, i + 1, value));
  return r;
}
export function __apg_upsert(base: u32, path: u32, value: u32): u32 { return upsert(base, path, 0, value); }

// ---- host builtins (dispatched by the SDK through the ids of `builtins()`) ---------------------

@external("env", "opa_builtin0") declare function opa_builtin0(id: i32, ctx: u32): u32;
@external("env", "opa_builtin1") declare function opa_builtin1(id: i32, ctx: u32, a: u32): u32;
@external("env", "opa_builtin2") declare function opa_builtin2(id: i32, ctx: u32, a: u32, b: u32): u32;
@external("env", "opa_builtin3") declare function opa_builtin3(id: i32, ctx: u32, a: u32, b: u32, c: u32): u32;
@external("env", "opa_builtin4") declare function opa_builtin4(id: i32, ctx: u32, a: u32, b: u32, c: u32, d: u32): u32;
@external("env", "opa_println") declare function opa_println(addr: u32): void;

// A host builtin reports an error by returning `{"__apg_builtin_error__": "<code>: <builtin>: <message>"}`
// (the project's loader wraps every host builtin so): the call is then undefined, or with strict
// builtin errors the evaluation aborts with that message.
const HOST_ERROR_KEY = "__apg_builtin_error__";

function hostResult(r: u32): u32 {
  if (r == 0 || tag(r) != T_OBJECT || collLen(r) != 1) return r;
  const k = objKey(r, 0);
  if (tag(k) != T_STRING || strLen(k) != <u32>HOST_ERROR_KEY.length) return r;
  for (let i: u32 = 0; i < strLen(k); i++) {
    if (<u32>load<u8>(strPtr(k) + i) != <u32>load<u16>(changetype<usize>(HOST_ERROR_KEY) + (i << 1))) return r;
  }
  if (__apg_strict == 0) return 0;
  const m = objVal(r, 0);
  msgStart("");
  if (tag(m) == T_STRING) msgBytes(strPtr(m), strLen(m)); else msgAdd("eval_builtin_error: host builtin failed");
  msgAbort();
  return 0;
}

// Builtins of no arguments (time.now_ns, opa.runtime) give one value per evaluation, as in OPA:
// the first result of each is kept until the next evaluation starts.
const HOST0_SLOTS: i32 = 16;
const host0Cache: u32 = <u32>memory.data(HOST0_SLOTS * 4);
// Per evaluation: the host-builtin cache and the step count start afresh.
function startEvaluation(): void { memory.fill(host0Cache, 0, HOST0_SLOTS * 4); resetSteps(); }

export function __apg_host0(id: i32): u32 {
  if (id >= HOST0_SLOTS) return hostResult(opa_builtin0(id, 0));
  const slot = host0Cache + (<u32>id << 2);
  let r = load<u32>(slot);
  if (r == 0) {
    r = hostResult(opa_builtin0(id, 0));
    // 1 marks "undefined" (no value lives at address 1).
    store<u32>(slot, r == 0 ? 1 : r);
  }
  return r == 1 ? 0 : r;
}
export function __apg_host1(id: i32, a: u32): u32 { return hostResult(opa_builtin1(id, 0, a)); }
export function __apg_host2(id: i32, a: u32, b: u32): u32 { return hostResult(opa_builtin2(id, 0, a, b)); }
export function __apg_host3(id: i32, a: u32, b: u32, c: u32): u32 { return hostResult(opa_builtin3(id, 0, a, b, c)); }
export function __apg_host4(id: i32, a: u32, b: u32, c: u32, d: u32): u32 { return hostResult(opa_builtin4(id, 0, a, b, c, d)); }
export function __apg_println(addr: u32): void { opa_println(addr); }

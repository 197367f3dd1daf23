// Bump allocator shared by everything in the module. The SDK resets it between evaluations through
// opa_heap_ptr_set, so nothing is ever freed individually.

@external("env", "opa_abort")
export declare function opa_abort(addr: u32): void;

// Both start at the end of the static data; the linker patches their initial values after it
// appends the policy's own data segments.
export let __apg_heap_base: u32 = 0;
export let __apg_heap_ptr: u32 = 0;

// Runaway evaluations (e.g. numbers.range(1, 1e12)) stop here with a clear message instead of
// taking the host down: 1 GiB.
const MAX_PAGES: i32 = 16384;

export function heapTop(): u32 {
  return __apg_heap_ptr;
}

export function setHeapTop(p: u32): void {
  __apg_heap_ptr = p;
}

export function alloc(size: u32): u32 {
  const p = __apg_heap_ptr;
  const end = p + ((size + 7) & ~7);
  if (end > (<u32>memory.size() << 16)) grow(end);
  __apg_heap_ptr = end;
  return p;
}

function grow(end: u32): void {
  if (end < __apg_heap_ptr) abortAscii("opa_malloc: out of memory (address space exhausted)");
  const have = memory.size();
  const need = <i32>((end + 0xffff) >>> 16);
  if (need > MAX_PAGES) abortAscii("eval_resource_error: memory limit exceeded (1 GiB): evaluation too large");
  // Grow geometrically so that a growing heap does not call memory.grow too often.
  let want = max(need, min(have * 2, MAX_PAGES));
  if (memory.grow(want - have) < 0) {
    if (memory.grow(need - have) < 0) abortAscii("eval_resource_error: out of memory");
  }
}

/** Writes an AssemblyScript (UTF-16) literal as a NUL-terminated byte string and aborts with it. */
export function abortAscii(msg: string): void {
  const n = <u32>msg.length;
  const p = alloc(n + 1);
  for (let i: u32 = 0; i < n; i++) store<u8>(p + i, <u8>load<u16>(changetype<usize>(msg) + (i << 1)));
  store<u8>(p + n, 0);
  opa_abort(p);
  unreachable();
}

/** Aborts with a message built from a static prefix and a byte string (e.g. a builtin name). */
export function abortWith(prefix: string, ptr: u32, len: u32, suffix: string): void {
  const a = <u32>prefix.length;
  const c = <u32>suffix.length;
  const p = alloc(a + len + c + 1);
  for (let i: u32 = 0; i < a; i++) store<u8>(p + i, <u8>load<u16>(changetype<usize>(prefix) + (i << 1)));
  memory.copy(p + a, ptr, len);
  for (let i: u32 = 0; i < c; i++) store<u8>(p + a + len + i, <u8>load<u16>(changetype<usize>(suffix) + (i << 1)));
  store<u8>(p + a + len + c, 0);
  opa_abort(p);
  unreachable();
}

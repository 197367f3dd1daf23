// Bump allocator shared by everything in the module. The SDK resets it between evaluations through
// opa_heap_ptr_set, so nothing is ever freed individually.

@external("env", "opa_abort")
export declare function opa_abort(addr: u32): void;

// Both start at the end of the static data; the linker patches their initial values after it
// appends the policy's own data segments.
export let __apg_heap_base: u32 = 0;
export let __apg_heap_ptr: u32 = 0;
// Strict builtin errors (compile option `strictBuiltinErrors`): 1 makes a builtin's type or
// domain error abort the evaluation, as OPA's strict-builtin-errors mode does; 0 (OPA's default)
// makes the call undefined. The linker patches the initial value.
export let __apg_strict: i32 = 0;

// Runaway evaluations that allocate nothing (nested iteration over large collections) stop after
// this many iteration steps, in millions (compile option `maxEvalSteps`); the linker patches the
// initial value. A step is one element visited by a Scan (some, every, comprehensions).
export let __apg_max_msteps: i32 = 1000;
let steps: u64 = 0;

export function resetSteps(): void { steps = 0; }

export function __apg_step(): void {
  steps++;
  if (steps > <u64>__apg_max_msteps * 1000000) {
    abortAscii("eval_resource_error: evaluation exceeded its step limit (a runaway iteration?): raise maxEvalSteps if the policy really needs more");
  }
}

// Runaway evaluations (e.g. numbers.range(1, 1e12)) stop here with a clear message instead of
// taking the host down: 1 GiB.
const MAX_PAGES: i32 = 16384;

export function heapTop(): u32 {
  return __apg_heap_ptr;
}

// Bumped whenever the heap pointer is set rather than bumped: within one epoch an address names
// one value only, which lets caches compare values by address (see __apg_dot_str) and the JSON
// parser keep its scratch block. Also when the pointer moves up: the SDK writes the next input
// text at its data heap pointer (over what the last evaluation allocated) and then sets the
// pointer past it, which may be above where the last evaluation ended.
export let heapEpoch: u32 = 1;

export function setHeapTop(p: u32): void {
  heapEpoch++;
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

// Abort messages are written here, not on the heap: the heap may be what ran out.
const MESSAGE_BUF: u32 = <u32>memory.data(512);
const MESSAGE_MAX: u32 = 511;

function putAscii(at: u32, s: string): u32 {
  const n = <u32>s.length;
  for (let i: u32 = 0; i < n && at < MESSAGE_MAX; i++) store<u8>(MESSAGE_BUF + at++, <u8>load<u16>(changetype<usize>(s) + (i << 1)));
  return at;
}

/** Aborts with an AssemblyScript (ASCII) literal as a NUL-terminated byte string. */
export function abortAscii(msg: string): void {
  store<u8>(MESSAGE_BUF + putAscii(0, msg), 0);
  opa_abort(MESSAGE_BUF);
  unreachable();
}

/** Aborts with a message built from a static prefix, a byte string (e.g. a name) and a suffix. */
export function abortWith(prefix: string, ptr: u32, len: u32, suffix: string): void {
  let at = putAscii(0, prefix);
  const n = min(len, MESSAGE_MAX - at);
  memory.copy(MESSAGE_BUF + at, ptr, n);
  at = putAscii(at + n, suffix);
  store<u8>(MESSAGE_BUF + at, 0);
  opa_abort(MESSAGE_BUF);
  unreachable();
}

// Messages built from pieces: msgStart, then msgAdd / msgBytes / msgByte, then msgAbort.
let msgAt: u32 = 0;
export function msgStart(s: string): void { msgAt = putAscii(0, s); }
export function msgAdd(s: string): void { msgAt = putAscii(msgAt, s); }
export function msgByte(b: u32): void { if (msgAt < MESSAGE_MAX) store<u8>(MESSAGE_BUF + msgAt++, <u8>b); }
export function msgBytes(ptr: u32, len: u32): void {
  const n = min(len, MESSAGE_MAX - msgAt);
  memory.copy(MESSAGE_BUF + msgAt, ptr, n);
  msgAt += n;
}
export function msgAbort(): void {
  store<u8>(MESSAGE_BUF + msgAt, 0);
  opa_abort(MESSAGE_BUF);
  unreachable();
}

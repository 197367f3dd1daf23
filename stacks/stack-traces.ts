/**
 * Records, for every Terraform element the stacks create, the lines of `stacks/` that created it, in
 * the element's `//.metadata.stackTrace` of cdk.tf.json (`["stacks/constructs/key-vault.ts:41",
 * "stacks/platform-stack.ts:97"]`, innermost first), so that `apg check` annotates the TypeScript a
 * reviewer can change rather than generated JSON.
 *
 * Why this is needed: cdktf 0.21 adds a "stacktrace" metadata entry to each element
 * (node_modules/cdktf/lib/terraform-element.js) and writes its `trace` to `stackTrace`, but
 * constructs 10.4 records a trace only when asked with `{ stackTrace: true }`, which cdktf never
 * does; the App's `stackTraces` option can only turn the (always empty) trace off. A full trace
 * would also hold absolute paths and node_modules frames, making the output differ between
 * machines. So the entry cdktf adds is given a short, repository-relative trace here: frames in
 * `stacks/` only, as `path:line` (no columns, which depend on the transpiler).
 */
import { Node } from 'constructs';
import { relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '..');
const STACKS = `${__dirname}${sep}`;
const SELF = __filename;

/** `at fn (/repo/stacks/x.ts:12:5)` / `at /repo/stacks/x.ts:12:5` → `stacks/x.ts:12`, or undefined for frames outside `stacks/`. */
function appFrame(frame: string): string | undefined {
  const m = /\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?\s*$/.exec(frame);
  if (!m) return undefined;
  const file = m[1].replace(/^file:\/\//, '');
  if (!file.startsWith(STACKS) || file === SELF || file.includes(`${sep}node_modules${sep}`)) return undefined;
  return `${relative(ROOT, file).split(sep).join('/')}:${m[2]}`;
}

/** The `stacks/` frames of the current call stack, innermost first. */
function appTrace(): string[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const holder: { stack?: string } = {};
  try {
    Error.captureStackTrace(holder, appTrace);
  } finally {
    Error.stackTraceLimit = limit;
  }
  const frames = (holder.stack ?? '').split('\n').slice(1).map(appFrame).filter((f): f is string => f !== undefined);
  return frames.filter((f, i) => f !== frames[i - 1]); // a callback and its caller on one line
}

/** Runs `build` with construct stack traces recorded for the elements it creates (see the file comment). */
export function withStackTraces<T>(build: () => T): T {
  const proto = Node.prototype as unknown as { addMetadata: Node['addMetadata'] };
  const original = proto.addMetadata;
  proto.addMetadata = function (this: Node, type, data, options) {
    original.call(this, type, data, options);
    if (type !== 'stacktrace' || options?.stackTrace) return;
    const trace = appTrace();
    if (!trace.length) return;
    // The entry cdktf just added: cdktf reads its `trace` when it writes `//.metadata.stackTrace`.
    const entries = this.metadata;
    (entries[entries.length - 1] as { trace?: string[] }).trace = trace;
  };
  try {
    return build();
  } finally {
    proto.addMetadata = original;
  }
}

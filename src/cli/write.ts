/**
 * Writing a command's output as it is produced: a report of 100k findings is ~60 MB of text, and
 * joining it, then encoding it into one Buffer, costs more memory than the check itself.
 */
import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';

/** The one buffer the text is encoded into: each write sends up to this many bytes. */
const BUFFER_BYTES = 3 << 20;

/** Set by a writer whose last part is still held (an asynchronous stream queued it): the next part goes into a new buffer. */
export interface Handoff {
  held: boolean;
}

/**
 * The chunks as UTF-8, encoded into one buffer that every part reuses: a fresh Buffer (and a joined
 * string) per write lands on fresh memory pages, which the kernel faults in one at a time, and on a
 * 100k-finding report that was most of the writing time. A part is valid until the next one is asked
 * for, unless the writer sets `handoff.held`; a chunk too large for the buffer is a part of its own.
 */
export function* encodedParts(chunks: Iterable<string>, handoff: Handoff = { held: false }): Generator<Buffer> {
  let buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let at = 0;
  for (const chunk of chunks) {
    // A UTF-16 unit takes at most three bytes of UTF-8.
    const most = 3 * chunk.length;
    if (at > 0 && at + most > buffer.length) {
      yield buffer.subarray(0, at);
      at = 0;
      if (handoff.held) {
        buffer = Buffer.allocUnsafe(BUFFER_BYTES);
        handoff.held = false;
      }
    }
    if (most > buffer.length) yield Buffer.from(chunk);
    else at += buffer.write(chunk, at);
  }
  if (at > 0) yield buffer.subarray(0, at);
}

/** Writes the chunks to `file` (created or truncated), up to BUFFER_BYTES per write. */
export function writeChunksToFile(file: string, chunks: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    for (const bytes of encodedParts(chunks)) {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the chunks to stdout. process.stdout writes synchronously to files, pipes and terminals on
 * Linux; where it cannot (it returns false), the next part waits for 'drain', after which nothing is
 * held; where a stream queues a part without asking to wait, that part's buffer is left to it.
 */
export async function writeChunksToStdout(chunks: Iterable<string>): Promise<void> {
  const handoff: Handoff = { held: false };
  for (const bytes of encodedParts(chunks, handoff)) {
    if (!process.stdout.write(bytes)) await once(process.stdout, 'drain');
    else if (process.stdout.writableLength > 0) handoff.held = true;
  }
}

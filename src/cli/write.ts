/**
 * Writing a command's output as it is produced: a report of 100k findings is ~60 MB of text, and
 * joining it, then encoding it into one Buffer, costs more memory than the check itself.
 */
import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';

/** Small chunks are gathered up to about this many characters per write: few system calls, little memory. */
const BATCH_CHARS = 1 << 20;

/** The chunks, small ones joined up to BATCH_CHARS; a large one goes alone (joining would copy it). */
function* batches(chunks: Iterable<string>): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    if (parts.length && size + chunk.length > BATCH_CHARS) {
      yield parts.length === 1 ? parts[0] : parts.join('');
      parts = [];
      size = 0;
    }
    parts.push(chunk);
    size += chunk.length;
  }
  if (parts.length) yield parts.length === 1 ? parts[0] : parts.join('');
}

/** Writes the chunks to `file` (created or truncated), ~1 MB per write. */
export function writeChunksToFile(file: string, chunks: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    for (const text of batches(chunks)) {
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the chunks to stdout, ~1 MB per write. process.stdout writes synchronously to files, pipes
 * and terminals on Linux; where it cannot (it returns false), the next batch waits for 'drain'.
 */
export async function writeChunksToStdout(chunks: Iterable<string>): Promise<void> {
  for (const text of batches(chunks)) {
    if (!process.stdout.write(text)) await once(process.stdout, 'drain');
  }
}

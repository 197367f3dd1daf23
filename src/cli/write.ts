/**
 * Writing a command's output as it is produced: a report of 100k findings is ~60 MB of text, and
 * joining it, then encoding it into one Buffer, costs more memory than the check itself.
 */
import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';

/** Chunks are gathered to about this many characters before each write: few system calls, little memory. */
const BATCH_CHARS = 1 << 20;

function* batches(chunks: Iterable<string>): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= BATCH_CHARS) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield parts.join('');
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

/**
 * Files apg keeps in build/ for later runs (compiled packs, validated price books): several
 * processes may write and read one at the same time (jest workers, parallel CI jobs).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `data` to `file` through a temporary file and a rename: a concurrent reader never sees half
 * of it. A failed write or rename removes the temporary file, then throws.
 */
export function writeWhole(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

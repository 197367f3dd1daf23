/**
 * Builds the AssemblyScript runtime (src/compiler/runtime/assembly) into build/runtime-<hash>.wasm,
 * where <hash> covers the sources, the compiler version and the flags: it rebuilds only when one of
 * them changes. `npm run build` runs this file; the compiler calls `runtimeWasm()`, which builds
 * lazily when the file is missing. Several processes (jest workers) may build at once: each writes
 * to its own temp file and renames it into place, so readers never see a partial module.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../paths';

const ROOT = REPO_ROOT;
// The AssemblyScript sources are read from the repository also when this file runs from dist/.
const SOURCE_DIR = join(ROOT, 'src', 'compiler', 'runtime', 'assembly');
const BUILD_DIR = join(ROOT, 'build');
const ASC = join(ROOT, 'node_modules', 'assemblyscript', 'bin', 'asc.js');

// --use abort=: AssemblyScript would otherwise import env.abort, which the SDK does not provide.
const FLAGS = ['-O3', '--runtime', 'stub', '--importMemory', '--use', 'abort=', '--noAssert'];

function sourceHash(): string {
  const hash = createHash('sha256');
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'assemblyscript', 'package.json'), 'utf8')).version;
  hash.update(`asc ${version}\n${FLAGS.join(' ')}\n`);
  for (const file of readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.ts')).sort()) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(SOURCE_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

export function runtimePath(): string {
  return join(BUILD_DIR, `runtime-${sourceHash()}.wasm`);
}

/** Compiles the runtime if build/ has no module for the current sources; returns its path. */
export function buildRuntime(): string {
  const target = runtimePath();
  if (existsSync(target)) return target;
  mkdirSync(BUILD_DIR, { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    execFileSync(process.execPath, [ASC, join(SOURCE_DIR, 'index.ts'), ...FLAGS, '-o', temp], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    renameSync(temp, target);
    pruneOldRuntimes(target);
  } catch (err) {
    rmSync(temp, { force: true });
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`building the WASM runtime failed: ${e.stderr?.toString() || e.message}`);
  }
  return target;
}

/** Modules built from earlier sources are never read again. */
function pruneOldRuntimes(keep: string): void {
  for (const f of readdirSync(BUILD_DIR)) {
    const full = join(BUILD_DIR, f);
    if (/^runtime-[0-9a-f]+\.wasm$/.test(f) && full !== keep) rmSync(full, { force: true });
  }
}

let cached: Uint8Array<ArrayBuffer> | undefined;

/** The runtime module's bytes (built on first use; read once per process). */
export function runtimeWasm(): Uint8Array<ArrayBuffer> {
  if (!cached) cached = new Uint8Array(readFileSync(buildRuntime()));
  return cached;
}

if (require.main === module) {
  const start = Date.now();
  const path = buildRuntime();
  process.stdout.write(`runtime: ${path} (${readFileSync(path).length} bytes, ${Date.now() - start} ms)\n`);
}

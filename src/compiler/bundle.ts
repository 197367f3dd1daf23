/**
 * Writes an OPA bundle the way `opa build -t wasm` does: a gzipped tar holding `/policy.wasm`,
 * `/data.json` and `/.manifest` (with the wasm entrypoints). Entries get a fixed mtime and portable
 * headers so the same sources always give a byte-identical bundle.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';

export interface BundleContents {
  wasm: Uint8Array;
  entrypoints: string[];
  data: unknown;
}

export function bundleManifest(entrypoints: string[]): Record<string, unknown> {
  return {
    revision: '',
    roots: [''],
    wasm: entrypoints.map((entrypoint) => ({ entrypoint, module: '/policy.wasm' })),
    rego_version: 1,
  };
}

export function writeBundle(file: string, contents: BundleContents): void {
  const stage = mkdtempSync(join(tmpdir(), 'apg-bundle-'));
  try {
    writeFileSync(join(stage, 'policy.wasm'), contents.wasm);
    writeFileSync(join(stage, 'data.json'), JSON.stringify(contents.data ?? {}));
    writeFileSync(join(stage, '.manifest'), JSON.stringify(bundleManifest(contents.entrypoints)));
    tar.c(
      { gzip: true, portable: true, mtime: new Date(0), cwd: stage, prefix: '/', sync: true, file },
      ['policy.wasm', 'data.json', '.manifest'],
    );
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Reads a bundle back (tests check what `apg build` wrote). */
export function readBundle(file: string): BundleContents {
  const entries = new Map<string, Buffer>();
  tar.t({
    file,
    sync: true,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => entries.set(entry.path.replace(/^\/+/, ''), Buffer.concat(chunks)));
    },
  });
  const need = (name: string): Buffer => {
    const b = entries.get(name);
    if (!b) throw new Error(`${file}: bundle has no /${name}`);
    return b;
  };
  const manifest = JSON.parse(need('.manifest').toString('utf8')) as { wasm?: { entrypoint: string }[] };
  return {
    wasm: new Uint8Array(need('policy.wasm')),
    data: JSON.parse(need('data.json').toString('utf8')),
    entrypoints: (manifest.wasm ?? []).map((w) => w.entrypoint),
  };
}

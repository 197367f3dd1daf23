/**
 * `apg build` as a stand-in for `opa build -t wasm`: the bundle's layout and manifest, data files
 * placed at their folder's path, entrypoints in both of OPA's spellings, byte-identical output for
 * the same sources, and delegation to an `opa` binary (APG_OPA) unless --builtin is given.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';

jest.mock('../../../src/cli/commands/check', () => ({ register: () => undefined }));
jest.mock('../../../src/cli/commands/conformance', () => ({ register: () => undefined }));

import { main } from '../../../src/cli/main';
import { readBundle } from '../../../src/compiler/bundle';
import { loadPolicyWasm } from '../../../src/opa/load';

const dir = mkdtempSync(join(tmpdir(), 'apg-bundle-test-'));
const src = join(dir, 'src');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

mkdirSync(join(src, 'terraform', 'limits'), { recursive: true });
writeFileSync(join(src, 'terraform', 'deny.rego'), `package terraform

import rego.v1

deny contains msg if {
\tsome r in input.resources
\tr.replicas > data.terraform.limits.max_replicas
\tmsg := sprintf("%s: %d replicas, cap %d", [r.name, r.replicas, data.terraform.limits.max_replicas])
}

allow if count(deny) == 0
`);
writeFileSync(join(src, 'terraform', 'limits', 'data.yaml'), 'max_replicas: 3\n');
writeFileSync(join(src, 'data.json'), JSON.stringify({ owner: 'platform' }));

let stderr = '';

/** Runs the CLI with `env` set; what it writes to stderr is left in `stderr`. */
async function run(argv: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  stderr = '';
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true));
  try {
    return await main(argv);
  } finally {
    err.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const build = (out: string, ...extra: string[]) =>
  run(['build', '-t', 'wasm', '-e', 'terraform/deny', '-e', 'data.terraform.allow', '-o', out, ...extra, src], { APG_OPA: 'builtin' });

function entries(file: string): string[] {
  const paths: string[] = [];
  tar.t({ file, sync: true, onReadEntry: (e) => paths.push(e.path) });
  return paths.sort();
}

describe('apg build -t wasm', () => {
  it('writes an OPA bundle: /policy.wasm, /data.json, /.manifest with the wasm entrypoints', async () => {
    const out = join(dir, 'bundle.tar.gz');
    expect(await build(out)).toBe(0);
    expect(entries(out)).toEqual(['/.manifest', '/data.json', '/policy.wasm']);
    const bundle = readBundle(out);
    expect(bundle.entrypoints).toEqual(['terraform/deny', 'terraform/allow']);
    // data.json / data.yaml files land at their folder's path below the argument.
    expect(bundle.data).toEqual({ owner: 'platform', terraform: { limits: { max_replicas: 3 } } });

    const policy = await loadPolicyWasm(bundle.wasm);
    policy.setData(bundle.data as object);
    const input = { resources: [{ name: 'api', replicas: 5 }, { name: 'web', replicas: 1 }] };
    expect(policy.evaluate(input, 'terraform/deny')).toEqual([{ result: ['api: 5 replicas, cap 3'] }]);
    expect(policy.evaluate(input, 'terraform/allow')).toEqual([]);
    expect(policy.evaluate({ resources: [] }, 'terraform/allow')).toEqual([{ result: true }]);
  });

  it('gives a byte-identical bundle for the same sources', async () => {
    const [a, b] = [join(dir, 'a.tar.gz'), join(dir, 'b.tar.gz')];
    expect(await build(a)).toBe(0);
    expect(await build(b)).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('exits 2 with a positioned error for a broken source, and names a missing path', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'p.rego'), 'package p\n\nq if {\n');
    expect(await run(['build', '-e', 'p/q', '-o', join(dir, 'x.tar.gz'), broken], { APG_OPA: 'builtin' })).toBe(2);
    expect(stderr).toMatch(/p\.rego:\d+:\d+: /);
    expect(await run(['build', '-e', 'p/q', '-o', join(dir, 'x.tar.gz'), join(dir, 'nope')], { APG_OPA: 'builtin' })).toBe(2);
    expect(stderr).toMatch(/nope: no such file or directory/);
  });

  it('delegates to the opa binary named by APG_OPA with the same arguments, unless --builtin', async () => {
    const log = join(dir, 'opa-args.txt');
    const fakeOpa = join(dir, 'opa');
    writeFileSync(fakeOpa, `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\nexit 0\n`);
    chmodSync(fakeOpa, 0o755);
    const out = join(dir, 'delegated.tar.gz');
    expect(await run(['build', '-t', 'wasm', '-e', 'terraform/deny', '-o', out, src], { APG_OPA: fakeOpa })).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['build', '-t', 'wasm', '-e', 'terraform/deny', '-o', out, src]);

    rmSync(log);
    expect(await run(['build', '--builtin', '-e', 'terraform/deny', '-o', out, src], { APG_OPA: fakeOpa })).toBe(0);
    expect(() => readFileSync(log)).toThrow(); // the fake opa was not run
    expect(readBundle(out).entrypoints).toEqual(['terraform/deny']);
  });
});

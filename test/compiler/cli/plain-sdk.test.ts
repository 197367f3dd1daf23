/**
 * A bundle written by `apg build` runs in the plain @open-policy-agent/opa-wasm SDK, with no project
 * loader and no custom builtins, as an `opa build` bundle does: the module names OPA's builtins
 * (yaml.*, regex.split, sprintf, json.is_valid), which the SDK implements itself.
 * `--opa-exact-builtins` opts into the project's own variants, which only its loader serves.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '@open-policy-agent/opa-wasm';

jest.mock('../../../src/cli/commands/check', () => ({ register: () => undefined }));
jest.mock('../../../src/cli/commands/conformance', () => ({ register: () => undefined }));

import { main } from '../../../src/cli/main';
import { compile } from '../../../src/compiler';
import { SDK_BUILTINS } from '../../../src/compiler/builtins';
import { readBundle } from '../../../src/compiler/bundle';
import { loadPolicyWasm } from '../../../src/opa/load';

const POLICY = `package config

doc := yaml.unmarshal(input.text)

valid := yaml.is_valid(input.text)

round_trip := yaml.unmarshal(yaml.marshal(doc))

parts := regex.split(",\\\\s*", doc.hosts)

summary := sprintf("%s has %d hosts", [doc.name, count(parts)])

json_ok := json.is_valid(input.json)
`;

describe('apg build bundles in the plain SDK', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apg-plain-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'config.rego'), POLICY);

  let stderr = '';
  async function build(...flags: string[]): Promise<Uint8Array> {
    const out = join(dir, `b${flags.length}.tar.gz`);
    stderr = '';
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    try {
      expect(await main(['build', '--builtin', ...flags, '-e', 'config', '-o', out, join(dir, 'config.rego')])).toBe(0);
    } finally {
      err.mockRestore();
    }
    return readBundle(out).wasm;
  }

  const input = { text: 'name: web\nhosts: "a, b,c"\n', json: '{"x": 1}' };
  const want = {
    doc: { name: 'web', hosts: 'a, b,c' },
    valid: true,
    round_trip: { name: 'web', hosts: 'a, b,c' },
    parts: ['a', 'b', 'c'],
    summary: 'web has 3 hosts',
    json_ok: true,
  };

  it('evaluates through loadPolicy alone, with the SDK serving yaml.*, regex.split, sprintf and json.is_valid', async () => {
    const wasm = await build();
    expect(stderr).not.toContain('note:');
    const policy = await loadPolicy(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    expect(policy.evaluate(input, 'config')).toEqual([{ result: want }]);
    // The SDK's YAML, not OPA's: a non-string is undefined rather than false.
    expect((policy.evaluate({ text: 1 }, 'config') as { result: Record<string, unknown> }[])[0].result).not.toHaveProperty('valid');
  });

  it('every builtin it calls on its host is one the plain SDK implements (sprintf and json.is_valid run inside the module)', () => {
    const { hostBuiltins } = compile({ sources: [{ path: 'config.rego', text: POLICY }], entrypoints: ['config'] });
    expect(hostBuiltins).toEqual(['regex.split', 'yaml.is_valid', 'yaml.marshal', 'yaml.unmarshal']);
    expect(hostBuiltins.every((name) => SDK_BUILTINS.has(name))).toBe(true);
  });

  it('says when the module calls a host builtin only the project loader serves', async () => {
    writeFileSync(join(dir, 'ids.rego'), 'package ids\n\nok := regex.match("^[a-z]+$", input.id)\n');
    const out = join(dir, 'ids.tar.gz');
    let err = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      expect(await main(['build', '--builtin', '-e', 'ids/ok', '-o', out, join(dir, 'ids.rego')])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(err).toContain('note: the module calls regex.match on its host; the plain @open-policy-agent/opa-wasm SDK lacks it');
    const wasm = readBundle(out).wasm;
    const plain = await loadPolicy(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    expect(() => plain.evaluate({ id: 'abc' }, 'ids/ok')).toThrow(/not implemented: built-in function \d+: regex\.match/);
  });

  it('with --opa-exact-builtins the module needs the project loader, which gives OPA\'s answers', async () => {
    const wasm = await build('--opa-exact-builtins');
    const plain = await loadPolicy(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    expect(() => plain.evaluate(input, 'config')).toThrow(/not implemented: built-in function \d+: apg\.yaml\.unmarshal/);
    const project = await loadPolicyWasm(wasm);
    expect(project.evaluate(input, 'config')).toEqual([{ result: want }]);
    // OPA: yaml.is_valid of a non-string is false.
    expect((project.evaluate({ text: 1 }, 'config') as { result: Record<string, unknown> }[])[0].result.valid).toBe(false);
  });
});

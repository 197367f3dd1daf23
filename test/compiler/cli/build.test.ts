/**
 * `apg build --strict-builtin-errors` through the real CLI entry: the bundle's module aborts on a
 * builtin error, where the default build makes the call undefined (as OPA).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.mock('../../../src/cli/commands/check', () => ({ register: () => undefined }));
jest.mock('../../../src/cli/commands/conformance', () => ({ register: () => undefined }));

import { main } from '../../../src/cli/main';
import { readBundle } from '../../../src/compiler/bundle';
import { loadPolicyWasm } from '../../../src/opa/load';

describe('apg build --strict-builtin-errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apg-build-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'p.rego'), 'package p\n\nq := 10 / input.d\n');

  async function build(...flags: string[]): Promise<string> {
    const out = join(dir, `${flags.length}.tar.gz`);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['build', '--builtin', ...flags, '-e', 'p/q', '-o', out, join(dir, 'p.rego')])).toBe(0);
    } finally {
      err.mockRestore();
    }
    return out;
  }

  it('aborts on a builtin error only when asked to', async () => {
    const lenient = await loadPolicyWasm(readBundle(await build()).wasm);
    expect(lenient.evaluate({ d: 2 })).toEqual([{ result: 5 }]);
    expect(lenient.evaluate({ d: 0 })).toEqual([]);
    const strict = await loadPolicyWasm(readBundle(await build('--strict-builtin-errors')).wasm);
    expect(strict.evaluate({ d: 2 })).toEqual([{ result: 5 }]);
    expect(() => strict.evaluate({ d: 0 })).toThrow('eval_builtin_error: div: divide by zero');
  });
});

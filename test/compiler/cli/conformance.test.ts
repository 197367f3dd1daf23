/**
 * `apg conformance <dir>`: one line per category (the first folder below the root), the
 * `N passed, M failed, K skipped` total, -v listing what did not pass, exit 1 when a case failed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.mock('../../../src/cli/commands/check', () => ({ register: () => undefined }));
jest.mock('../../../src/cli/commands/build', () => ({ register: () => undefined }));

import { main } from '../../../src/cli/main';

const root = mkdtempSync(join(tmpdir(), 'apg-conformance-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function category(name: string, yaml: string): void {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(join(root, name, 'test-cases.yaml'), yaml);
}

category('arith', `cases:
  - note: arith/plus
    query: data.t.p = x
    modules: ["package t\\np := 1 + 2\\n"]
    want_result: [{x: 3}]
  - note: arith/wrong answer on purpose
    query: data.t.p = x
    modules: ["package t\\np := 1 + 2\\n"]
    want_result: [{x: 4}]
`);
category('net', `cases:
  - note: net/http.send is not something the compiler provides
    query: data.t.p = x
    modules: ["package t\\np := http.send({\\"method\\": \\"GET\\", \\"url\\": \\"http://x\\"})\\n"]
    want_result: [{x: 1}]
  - note: net/conflict
    query: data.t.p = x
    modules: ["package t\\np := 1 if input.a\\np := 2 if input.a\\n"]
    input: {a: true}
    want_error_code: eval_conflict_error
`);

async function run(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true));
  try {
    return { code: await main(['conformance', ...argv]), stdout };
  } finally {
    out.mockRestore();
  }
}

describe('apg conformance', () => {
  it('prints each category and the totals, and exits 1 when a case failed', async () => {
    const { code, stdout } = await run(root);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([
      'arith: 1 passed, 1 failed, 0 skipped (50% of supported)',
      'net: 1 passed, 0 failed, 1 skipped (100% of supported)',
      '2 passed, 1 failed, 1 skipped',
    ]);
  });

  it('lists what did not pass with -v, and filters by note or category', async () => {
    const { stdout } = await run(root, '-v');
    expect(stdout).toMatch(/^ {2}FAIL arith\/wrong answer on purpose: want \[\{"x":4\}\], got \[\{"x":3\}\]$/m);
    expect(stdout).toMatch(/^ {2}SKIP net\/http\.send is not something the compiler provides: .*unsupported: builtin http\.send/m);
    const only = await run(root, '--filter', 'net');
    expect(only).toEqual({ code: 0, stdout: 'net: 1 passed, 0 failed, 1 skipped (100% of supported)\n1 passed, 0 failed, 1 skipped\n' });
  });

  it('exits 2 on a folder that does not exist', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await run(join(root, 'missing'))).code).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});

/**
 * `apg test policies/`: compiling the pack with its unit tests (one entrypoint per test) and running
 * every test through the SDK. Floor: compiling the pack alone, as `apg check` does without a cache.
 */
import { join } from 'node:path';
import { buildPack } from '../src/policy/pack';
import { runTests } from '../src/tester/runner';
import { benchLine, timeMs } from './stats';

export async function run(): Promise<string[]> {
  const policies = join(__dirname, '../policies');
  let tests = 0;
  let files = 0;
  const full = await timeMs(async () => {
    const r = await runTests([policies]);
    tests = r.results.length;
    files = r.files;
  }, 3, 1);
  const pack = await timeMs(() => buildPack({ policiesDir: policies, cacheDir: false }), 3, 1);
  return [benchLine(`test: apg test policies/ (${tests} tests, ${files} files)`, full, 'ms', pack)];
}

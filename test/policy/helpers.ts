/** Shared by the checker tests: the small policy pack and inputs under test/policy/fixtures. */
import { join } from 'node:path';
import { buildPack, type PolicyPack } from '../../src/policy/pack';

export const FIXTURES = join(__dirname, 'fixtures');
export const MINI_PACK = join(FIXTURES, 'pack');
export const VIOLATIONS = join(FIXTURES, 'inputs', 'violations.tf.json');
export const CLEAN = join(FIXTURES, 'inputs', 'clean.tf.json');

let pack: PolicyPack | undefined;

/** The mini pack, compiled once per test file (no cache: tests never read a stale build). */
export function miniPack(): PolicyPack {
  pack ??= buildPack({ policiesDir: MINI_PACK, cacheDir: false });
  return pack;
}

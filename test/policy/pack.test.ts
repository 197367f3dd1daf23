import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/cli/errors';
import { loadPolicySyncCompat } from '../../src/policy/engine';
import { readRuleInfo } from '../../src/policy/metadata';
import { aggregatorSource, buildPack, discoverSources, ruleInfos } from '../../src/policy/pack';
import { runTests } from '../../src/tester/runner';
import { MINI_PACK } from './helpers';

describe('pack sources', () => {
  it('takes every .rego except examples/ and testdata/ folders and *_test.rego unit tests', () => {
    expect(discoverSources(MINI_PACK).map((s) => s.path.replace(/^.*fixtures\/pack\//, ''))).toEqual([
      'apps/mini_replicas.rego',
      'cost/mini_idle.rego',
      'lib/mini.rego',
      'registry/mini_admin.rego',
    ]);
  });

  it('the unit tests left out of the pack run under apg test', async () => {
    const files = ['apps/mini_replicas.rego', 'apps/mini_replicas_test.rego', 'lib/mini.rego'].map((f) => join(MINI_PACK, f));
    const { results } = await runTests(files);
    expect(results.map((r) => [r.name, Boolean(r.fail || r.error || r.skip)])).toEqual([
      ['test_above_cap', false],
      ['test_at_cap', false],
      ['test_cap_from_params', false],
    ]);
  });

  it('reads METADATA of rule files (not lib/) and generates the aggregator', () => {
    const rules = ruleInfos(discoverSources(MINI_PACK));
    expect(rules.map((r) => [r.id, r.severity, r.package, r.title])).toEqual([
      ['mini-admin', 'deny', 'rules.registry.mini_admin', 'No registry admin user'],
      ['mini-idle', 'deny', 'rules.cost.mini_idle', 'Idle cost cap'],
      ['mini-replicas', 'warn', 'rules.apps.mini_replicas', 'Replica cap'],
    ]);
    expect(rules[0]).toMatchObject({ description: 'Registries keep the admin user off.', audit: ['test §1 admin user'], resourceTypes: ['azurerm_container_registry'] });
    const agg = aggregatorSource(rules);
    expect(agg).toContain('package apg');
    expect(agg).toContain('"mini-admin": data.rules.registry.mini_admin.deny,');
  });

  it.each([
    ['package rules.x\n', /x.rego:1: no METADATA block/],
    ['# METADATA\n# title: T\n# custom:\n#   id: Not_Kebab\n#   severity: deny\npackage rules.x\n', /x.rego:1: METADATA custom.id: must be kebab-case/],
    ['# METADATA\n# title: T\n# custom:\n#   id: a\n#   severity: fatal\npackage rules.x\n', /METADATA custom.severity/],
    ['# no package here\n', /x.rego: no package declaration/],
  ])('rejects bad rule metadata (%#)', (text, message) => {
    expect(() => readRuleInfo('x.rego', text)).toThrow(UserError);
    expect(() => readRuleInfo('x.rego', text)).toThrow(message);
  });

  it('rejects two rules with one id', () => {
    const meta = (pkg: string) => `# METADATA\n# title: T\n# custom:\n#   id: same\n#   severity: deny\npackage ${pkg}\n`;
    expect(() => ruleInfos([{ path: 'a.rego', text: meta('rules.a') }, { path: 'b.rego', text: meta('rules.b') }])).toThrow(
      'b.rego:4: rule id "same" is also used by a.rego:4',
    );
  });
});

describe('buildPack', () => {
  it('compiles once and then serves the WASM from the cache keyed by the sources', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'apg-pack-'));
    const first = buildPack({ policiesDir: MINI_PACK, cacheDir });
    expect(first.cached).toBe(false);
    expect(existsSync(join(cacheDir, first.hash, 'policy.wasm'))).toBe(true);
    const second = buildPack({ policiesDir: MINI_PACK, cacheDir });
    expect(second.cached).toBe(true);
    expect(second.hash).toBe(first.hash);
    expect(Buffer.from(second.wasm).equals(Buffer.from(first.wasm))).toBe(true);
    expect(second.rules.map((r) => r.id)).toEqual(['mini-admin', 'mini-idle', 'mini-replicas']);
    // The rule infos come from the cache too, equal to those read from the METADATA.
    expect(second.rules).toEqual(first.rules);
    // A cache entry without them (written before they were kept) is compiled again and completed.
    rmSync(join(cacheDir, first.hash, 'rules.json'));
    const third = buildPack({ policiesDir: MINI_PACK, cacheDir });
    expect(third.cached).toBe(false);
    expect(third.rules).toEqual(first.rules);
    expect(buildPack({ policiesDir: MINI_PACK, cacheDir }).cached).toBe(true);
  });
});

describe('lib values the checker keeps across rules', () => {
  const write = (dir: string, file: string, text: string): void => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };

  it('are the zero-argument lib rules two rules reach, directly or through functions, and not those reached only through another kept value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apg-pack-'));
    write(dir, 'lib/vals.rego', [
      'package lib.vals',
      'import rego.v1',
      '# Read by both rules: kept.',
      'index := {r.type: r.name | some r in input.resources; r.name != order[0]}',
      '# Read only by index: computed with it, not kept on its own.',
      'order := sort([r.name | some r in input.resources])',
      '# Read through a function both rules call: kept.',
      'wanted := {"a", "b"}',
      'is_wanted(n) if n in wanted',
      '# Read by rule one alone, through a function: computed in that rule, when it asks.',
      'names := {r.name | some r in input.resources}',
      'named(n) if n in names',
      '# Read by nothing: not kept.',
      'unused := 1',
      '',
    ].join('\n'));
    const rule = (id: string, extra: string[]) => [
      '# METADATA', '# title: T', '# custom:', `#   id: ${id}`, '#   severity: deny',
      `package rules.${id}`, 'import rego.v1', 'import data.lib.vals',
      'deny contains n if {', '\tsome _, n in vals.index', '\tvals.is_wanted(n)', ...extra, '}', '',
    ].join('\n');
    write(dir, 'rules/one.rego', rule('one', ['\tvals.named(n)']));
    write(dir, 'rules/two.rego', rule('two', []));
    const pack = buildPack({ policiesDir: dir, cacheDir: false });
    const names = loadPolicySyncCompat(pack.wasm).entrypointNames!();
    expect(names.filter((n) => n.startsWith('lib/')).sort()).toEqual(['lib/vals/index', 'lib/vals/wanted']);
    expect(names).toEqual(expect.arrayContaining(['rules/one/deny', 'rules/two/deny']));
  });
});

/**
 * Team rule packs beside the built-in pack: `--policies <dir>` (repeatable) and `policies.packs` in
 * apg.yaml add packs, `--no-builtin-policies` drops the built-in rules, ids are unique across packs,
 * and params, waivers and METADATA checks apply to team rules as to built-in ones. The example pack
 * (examples/team-policies) runs on the project's own stacks, as CI does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synthesizeAll } from '../../bin/main';
import { UserError } from '../../src/cli/errors';
import { loadInputs } from '../../src/input/load';
import type { PolicyInput } from '../../src/input/types';
import { checkInputs } from '../../src/policy/check';
import { readProjectConfig } from '../../src/policy/project-config';
import { runCheck } from '../../src/cli/commands/check';

const TEAM_PACK = resolve(__dirname, '../../examples/team-policies');
const base = { projectConfig: false as const, waiversFile: false as const, cost: false, cacheDir: false as const };

const rg = (location: string, tags: Record<string, string>): PolicyInput => ({
  format: 'cdktf',
  source: 'team.tf.json',
  resources: [{
    address: 'azurerm_resource_group.rg',
    mode: 'managed',
    type: 'azurerm_resource_group',
    name: 'rg',
    values: { name: 'rg-a', location, tags },
    references: [],
  }],
} as unknown as PolicyInput);

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'apg-team-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the example team pack', () => {
  it('adds its rules to the built-in pack and passes on the shipped stacks', async () => {
    const outdir = join(tmp, 'cdktf.out');
    const names = synthesizeAll(outdir);
    const inputs = await loadInputs(outdir);
    const report = await checkInputs(inputs, { ...base, cacheDir: undefined, extraPolicies: [TEAM_PACK] });
    const ids = report.rules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['team-required-tags', 'team-allowed-locations', 'key-vault-hardening']));
    expect(report.summary.inputs).toBe(names.length);
    expect(report.findings.filter((f) => !f.waived).map((f) => `${f.rule} ${f.address}`)).toEqual([]);
  });

  it('finds a missing tag and an unapproved region, with its own params.json', async () => {
    const report = await checkInputs([rg('East US', { owner: 'team-a' })], { ...base, extraPolicies: [TEAM_PACK], builtinPolicies: false });
    expect(report.rules.map((r) => r.id)).toEqual(['team-allowed-locations', 'team-required-tags']);
    expect(report.findings.map((f) => [f.rule, f.message])).toEqual([
      ['team-allowed-locations', 'location "East US" is not an approved region (swedencentral, westeurope, northeurope)'],
      ['team-required-tags', 'tag "cost-center" is missing or empty: add it to tags (finance and on-call route by it)'],
    ]);
  });

  it('takes the user params over the pack params, and waivers apply to team rules', async () => {
    const params = join(tmp, 'params.yaml');
    writeFileSync(params, 'allowed_locations: [eastus]\n');
    const report = await checkInputs([rg('eastus', { owner: 'a' })], {
      ...base,
      extraPolicies: [TEAM_PACK],
      builtinPolicies: false,
      paramsFile: params,
      waivers: [{ rule: 'team-required-tags', address: 'azurerm_resource_group.*', reason: 'tagging lands in PLAT-9', expires: '2999-01-01', index: 1, file: 'w.yaml' }],
    });
    expect(report.findings.map((f) => [f.rule, f.waived])).toEqual([['team-required-tags', true]]);
    expect(report.summary.passed).toBe(true);
  });
});

describe('pack errors', () => {
  const pack = (name: string, files: Record<string, string>): string => {
    const dir = join(tmp, name);
    for (const [file, text] of Object.entries(files)) {
      const path = join(dir, file);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
    }
    return dir;
  };
  const rule = (id: string, pkg: string, severity = 'deny') =>
    `# METADATA\n# title: T\n# custom:\n#   id: ${id}\n#   severity: ${severity}\npackage ${pkg}\n\nimport rego.v1\n\ndeny contains {"address": "*", "msg": "x"} if false\n`;

  it('a rule id used by the built-in pack is an error naming both files and lines', async () => {
    const dir = pack('clash', { 'x/no_admin.rego': rule('no-admin-users', 'rules.team.no_admin') });
    await expect(checkInputs([rg('eastus', {})], { ...base, extraPolicies: [dir] })).rejects.toThrow(
      /clash\/x\/no_admin\.rego:4: rule id "no-admin-users" is also used by policies\/registry\/no_admin_users\.rego:\d+$/,
    );
  });

  it('two team packs with one rule id clash too', async () => {
    const a = pack('a', { 'r.rego': rule('same-id', 'rules.a.r') });
    const b = pack('b', { 'r.rego': rule('same-id', 'rules.b.r') });
    await expect(checkInputs([rg('eastus', {})], { ...base, extraPolicies: [a, b], builtinPolicies: false })).rejects.toThrow(
      `${b}/r.rego:4: rule id "same-id" is also used by ${a}/r.rego:4`,
    );
  });

  it.each([
    ['no METADATA', 'package rules.t.x\n', /nometa\/x\.rego:1: no METADATA block before the package line/],
    ['unknown severity', rule('t-x', 'rules.t.x', 'fatal'), /badsev\/x\.rego:1: METADATA custom\.severity/],
    ['no id', '# METADATA\n# title: T\n# custom:\n#   severity: deny\npackage rules.t.x\n', /noid\/x\.rego:1: METADATA custom\.id/],
  ])('a team rule with %s is a positioned error', async (_what, text, message) => {
    const name = { 'no METADATA': 'nometa', 'unknown severity': 'badsev', 'no id': 'noid' }[_what]!;
    const dir = pack(name, { 'x.rego': text });
    const run = checkInputs([rg('eastus', {})], { ...base, extraPolicies: [dir] });
    await expect(run).rejects.toThrow(UserError);
    await expect(checkInputs([rg('eastus', {})], { ...base, extraPolicies: [dir] })).rejects.toThrow(message);
  });

  it('a pack folder that does not exist is an input error', async () => {
    await expect(checkInputs([rg('eastus', {})], { ...base, extraPolicies: [join(tmp, 'missing')] })).rejects.toThrow(/missing: no such policies directory/);
  });
});

describe('apg.yaml', () => {
  it('adds its packs (relative to the file) and may drop the built-in rules', async () => {
    const file = join(tmp, 'apg.yaml');
    writeFileSync(file, `policies:\n  packs: [${join('..', '..', TEAM_PACK)}]\n  builtin: false\n`);
    const config = readProjectConfig(file);
    expect(config).toEqual({ packs: [resolve(tmp, '../..', TEAM_PACK)], builtin: false, file });
    const report = await checkInputs([rg('eastus', {})], { ...base, projectConfig: file });
    expect(report.rules.map((r) => r.id)).toEqual(['team-allowed-locations', 'team-required-tags']);
  });

  it('rejects unknown keys with the file and field', () => {
    const file = join(tmp, 'bad-apg.yaml');
    writeFileSync(file, 'policies:\n  pack: [x]\n');
    expect(() => readProjectConfig(file)).toThrow(/bad-apg\.yaml: policies: Unrecognized key: "pack"/);
  });
});

describe('apg check flags', () => {
  it('--policies is repeatable and --no-builtin-policies drops the built-in rules', async () => {
    const dir = join(tmp, 'flags');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.tf'), 'resource "azurerm_resource_group" "rg" {\n  name     = "rg-x"\n  location = "eastus"\n  tags     = { owner = "a", "cost-center" = "b" }\n}\n');
    let out = '';
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
    try {
      const code = await runCheck(dir, { format: 'json', cost: false, policies: [TEAM_PACK], builtinPolicies: false, waivers: undefined });
      expect(code).toBe(1);
    } finally {
      spy.mockRestore();
    }
    const doc = JSON.parse(out);
    expect(doc.summary.rules).toBe(2);
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toEqual(['team-allowed-locations']);
  });
});

/**
 * Issue 12 (items 2, 3, 4): Terraform written the way Azure Verified Modules and the landing zones
 * built on them write it, through the real rule pack:
 *   - registry module calls before `terraform init` (test/fixtures/inputs/avm-uninstalled): said,
 *     not silently passed, and listed as unpriced;
 *   - `nullable = false` variables given null by an optional() attribute (avm-nullable);
 *   - secrets in a sensitive variable spread by dynamic blocks over nonsensitive() (avm-sensitive).
 */
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { displayPath } from '../../src/policy/report/location';
import { estimate } from '../../src/cost/estimate';
import { loadInputs } from '../../src/input/load';
import { loadPack, pairs, type Pack } from './harness';

const FIX = join(__dirname, '..', 'fixtures', 'inputs');

/** The CLI in this process (a spawned one costs seconds per call), with its output captured. */
async function apg(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main([...args, ...(args[0] === 'check' ? ['--waivers', join(__dirname, '..', 'policy', 'fixtures', 'no-waivers.yaml')] : [])]);
    return { code, stdout, stderr };
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
  }
}

let pack: Pack;
beforeAll(() => {
  pack = loadPack();
});

describe('modules that are not installed', () => {
  const dir = join(FIX, 'avm-uninstalled');

  it('are listed on the input with their source, version and module block', async () => {
    const [input] = await loadInputs(dir);
    expect(input.modulesNotLoaded).toEqual([
      {
        address: 'module.acr',
        source: 'Azure/avm-res-containerregistry-registry/azurerm',
        version: '0.5.1',
        location: { file: join(dir, 'main.tf'), line: 16 },
      },
      {
        address: 'module.container_app_environment',
        source: 'Azure/avm-res-app-managedenvironment/azurerm',
        version: '0.3.0',
        location: { file: join(dir, 'main.tf'), line: 28 },
      },
    ]);
  });

  it('are unpriced in the cost review, never a silent zero', async () => {
    const [input] = await loadInputs(dir);
    const e = estimate(input);
    expect(e.unpriced.map((u) => [u.address, u.type])).toEqual([
      ['module.acr', 'module'],
      ['module.container_app_environment', 'module'],
    ]);
    expect(e.unpriced[0].reason).toBe('module source Azure/avm-res-containerregistry-registry/azurerm 0.5.1 is not installed (run terraform init): its resources are not priced');
  });

  it('are a note in the check (text and JSON) and an input error (exit 2) with --require-modules', async () => {
    const text = await apg('check', dir);
    expect(text.code).toBe(1); // budget-required: the root module has no budget
    expect(text.stdout).toContain(
      `note: ${displayPath(join(dir, 'main.tf'))}:16: module.acr (Azure/avm-res-containerregistry-registry/azurerm 0.5.1) is not installed: run terraform init; its resources were not checked`,
    );
    const json = JSON.parse((await apg('check', dir, '-f', 'json')).stdout);
    expect(json.notes).toHaveLength(2);
    expect(json.notes[1]).toMatch(/main\.tf:28: module\.container_app_environment \(Azure\/avm-res-app-managedenvironment\/azurerm 0\.3\.0\) is not installed/);
    const strict = await apg('check', dir, '--require-modules');
    expect(strict.code).toBe(2);
    expect(strict.stderr.trim()).toBe(
      `apg: ${join(dir, 'main.tf')}:16: module.acr (Azure/avm-res-containerregistry-registry/azurerm 0.5.1) is not installed (and 1 more module call): run terraform init (--require-modules)`,
    );
    expect((await apg('cost', dir, '--require-modules')).code).toBe(2);
    expect((await apg('cost', dir)).stdout).toContain('module.acr: module source Azure/avm-res-containerregistry-registry/azurerm 0.5.1 is not installed');
  });
});

describe('nullable = false', () => {
  it('gives a null argument (an optional() attribute left out) the default, as Terraform does', async () => {
    const dir = join(FIX, 'avm-nullable');
    const [input] = await loadInputs(dir);
    const vault = input.resources.find((r) => r.address === 'module.key_vault.azurerm_key_vault.this')!;
    expect(vault.values.rbac_authorization_enabled).toBe(true);
    // for_each over the default {}: no instances, not "for_each must be a map (it is null)"
    expect(input.resources.filter((r) => r.type !== 'azurerm_key_vault').map((r) => r.address)).toEqual([
      'azurerm_resource_group.this',
      'module.key_vault.data.azurerm_client_config.current',
    ]);
    expect(pairs(await pack.check(dir))).toEqual(['budget-required *', 'diagnostics-enabled module.key_vault.azurerm_key_vault.this']);
  });
});

describe('sensitive() / nonsensitive()', () => {
  it('pass values through: dynamic blocks over a sensitive variable expand and literal secrets are found', async () => {
    const dir = join(FIX, 'avm-sensitive');
    const [input] = await loadInputs(dir);
    const app = input.resources.find((r) => r.address === 'azurerm_container_app.this')!;
    expect(app.values.secret).toEqual([{ name: 'db-password', value: 'very_secret', key_vault_secret_id: null, identity: null }]);
    const job = input.resources.find((r) => r.address === 'azurerm_container_app_job.migrate')!;
    expect((job.values.secret as { name: string }[]).map((s) => s.name)).toEqual(['registry-password', 'db-password']);
    // still sensitive where nonsensitive() was not used
    expect(job.sensitive).toEqual(expect.arrayContaining(['secret.0.value', 'secret.1.value']));
    const secrets = (await pack.check(dir)).filter((f) => f.rule === 'secrets-from-key-vault').map((f) => `${f.address}: ${f.message.split(' holds')[0]}`);
    expect(secrets.sort()).toEqual([
      'azurerm_container_app.this: secret.0 (db-password)',
      'azurerm_container_app_job.migrate: secret.0 (registry-password)',
      'azurerm_container_app_job.migrate: secret.1 (db-password)',
    ]);
  });
});

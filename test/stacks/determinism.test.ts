/** Two synths of the same config give byte-identical JSON; backend and extra environments follow config. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadEnvironments } from '../../stacks/config/load';
import { rawConfig, synthAll } from './helpers';

test('two synths give byte-identical JSON for every environment', () => {
  const first = synthAll();
  const second = synthAll();
  expect(Object.keys(first.text).sort()).toEqual(['dev', 'prod']);
  for (const env of Object.keys(first.text)) expect(second.text[env]).toBe(first.text[env]);
  // Nothing time- or machine-dependent leaks into the output.
  expect(first.text.prod).not.toMatch(/\/tmp\/|\/work\/|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z/);
});

test('an azurerm backend from config is emitted with Entra auth', () => {
  const configs = loadEnvironments().map((c) =>
    c.environment === 'prod'
      ? { ...c, backend: { type: 'azurerm' as const, resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate', key: 'prod.tfstate' } }
      : c,
  );
  const { json } = synthAll({ configs });
  expect(json.prod.terraform.backend).toEqual({
    azurerm: { resource_group_name: 'rg-tfstate', storage_account_name: 'sttfstate01', container_name: 'tfstate', key: 'prod.tfstate', use_azuread_auth: true },
  });
  expect(json.dev.terraform.backend).toEqual({ local: { path: 'terraform.dev.tfstate' } });
});

test('the azurerm backend of an environment file reaches its stack (config directory path)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stacks-backend-'));
  try {
    const prod = rawConfig('prod');
    prod.backend = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate', key: 'prod.tfstate' };
    writeFileSync(join(dir, 'prod.yaml'), stringify(prod));
    const dev = rawConfig('dev');
    dev.backend = { type: 'local', path: 'state/dev.tfstate' };
    writeFileSync(join(dir, 'dev.yaml'), stringify(dev));
    const { json } = synthAll({ configDir: dir });
    expect(json.prod.terraform.backend).toEqual({
      azurerm: { resource_group_name: 'rg-tfstate', storage_account_name: 'sttfstate01', container_name: 'tfstate', key: 'prod.tfstate', use_azuread_auth: true },
    });
    expect(json.dev.terraform.backend).toEqual({ local: { path: 'state/dev.tfstate' } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

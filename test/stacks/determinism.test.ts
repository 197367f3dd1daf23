/** Two synths of the same config give byte-identical JSON; backend and extra environments follow config. */
import { loadEnvironments } from '../../stacks/config/load';
import { synthAll } from './helpers';

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

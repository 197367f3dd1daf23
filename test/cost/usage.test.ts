import { estimate } from '../../src/cost/estimate';
import { parseUsageFile, UsageFileError } from '../../src/cost/usage';
import { app, input, resource } from './helpers';
import { dropUsageWarningsMatchedElsewhere } from '../../src/cost/warnings';

const parse = (text: string) => parseUsageFile(text, 'usage.yml');

describe('usage file', () => {
  test('unknown key is an error naming file, line and entry', () => {
    const text = 'version: 0.1\nresource_usage:\n  azurerm_container_app.api:\n    monthly_requests: 10\n    montly_requests: 5\n';
    expect(() => parse(text)).toThrow(UsageFileError);
    expect(() => parse(text)).toThrow(/^usage\.yml:5: resource_usage\["azurerm_container_app\.api"\]\.montly_requests: unknown usage key/);
  });

  test('negative or non-numeric values are errors', () => {
    expect(() => parse('version: 0.1\nresource_usage:\n  a.b:\n    storage_gb: -1\n')).toThrow(/usage\.yml:4: .*storage_gb: must not be negative/);
    expect(() => parse('version: 0.1\nresource_usage:\n  a.b:\n    storage_gb: lots\n')).toThrow(/storage_gb: must be a number \(got "lots"\)/);
    expect(() => parse('version: 0.1\nresource_usage:\n  a.b:\n    autoscale_utilization_percentage: 150\n')).toThrow(/at most 100/);
  });

  test('wrong version, unknown top-level key and YAML syntax errors are errors', () => {
    expect(() => parse('version: 2\nresource_usage: {}\n')).toThrow(/usage\.yml:1: version: version must be 0\.1/);
    expect(() => parse('version: 0.1\nresources: {}\n')).toThrow(/usage\.yml/);
    expect(() => parse('version: 0.1\nresource_usage: [\n')).toThrow(/^usage\.yml:\d+:/);
    expect(() => parse('version: 0.1\nresource_usage:\n  a.b:\n    storage_gb: 5\n  a.b:\n    storage_gb: 6\n')).toThrow(/^usage\.yml:5: Map keys must be unique at line 5, column 3$/);
    expect(() => parse('')).toThrow(/^usage\.yml:1: empty usage file/);
  });

  test('a key valid elsewhere but not for the matched type is an error naming the resource', () => {
    const u = parse('version: 0.1\nresource_usage:\n  azurerm_container_app.api:\n    storage_gb: 5\n');
    expect(() => estimate(input(app('azurerm_container_app.api', 0, 1, '2Gi')), u)).toThrow(
      /usage\.yml:4: resource_usage\["azurerm_container_app\.api"\]\.storage_gb does not apply to azurerm_container_app\.api/,
    );
  });

  test('globs match by address; the exact entry wins over a glob', () => {
    const u = parse(
      'version: 0.1\nresource_usage:\n  azurerm_key_vault.*:\n    monthly_operations: 10000\n  azurerm_key_vault.b:\n    monthly_operations: 20000\n',
    );
    const e = estimate(input(resource('azurerm_key_vault.a', {}), resource('azurerm_key_vault.b', {})), u);
    // a: 1 × $0.03; b: 2 × $0.03
    expect(e.resources[0].monthly).toBeCloseTo(0.03, 9);
    expect(e.resources[1].monthly).toBeCloseTo(0.06, 9);
  });

  test('instance keys in addresses are not globs', () => {
    const u = parse('version: 0.1\nresource_usage:\n  \'azurerm_key_vault.kv["x"]\':\n    monthly_operations: 10000\n');
    expect(u.entries[0].isGlob).toBe(false);
    const e = estimate(input(resource('azurerm_key_vault.kv["x"]', {})), u);
    expect(e.totalMonthly).toBeCloseTo(0.03, 9);
  });

  test('an entry matching nothing is reported as a warning', () => {
    const u = parse('version: 0.1\nresource_usage:\n  azurerm_key_vault.gone:\n    monthly_operations: 1\n');
    expect(estimate(input(resource('azurerm_key_vault.kv', {})), u).warnings).toEqual([
      'usage.yml:3: usage entry "azurerm_key_vault.gone" matches no resource in test',
    ]);
  });
});

describe('usage warnings across stacks', () => {
  test('an entry used by one stack is not reported for the others; one used by none is', () => {
    const u = parse('version: 0.1\nresource_usage:\n  azurerm_key_vault.prod_only:\n    monthly_operations: 1\n  azurerm_key_vault.nowhere:\n    monthly_operations: 1\n');
    const dev = estimate({ ...input(resource('azurerm_key_vault.dev', {})), stack: 'dev' }, u);
    const prod = estimate({ ...input(resource('azurerm_key_vault.prod_only', {})), stack: 'prod' }, u);
    const [devOut, prodOut] = dropUsageWarningsMatchedElsewhere([dev, prod]);
    expect(devOut.warnings).toEqual(['usage.yml:5: usage entry "azurerm_key_vault.nowhere" matches no resource in dev']);
    expect(prodOut.warnings).toEqual(['usage.yml:5: usage entry "azurerm_key_vault.nowhere" matches no resource in prod']);
  });
});

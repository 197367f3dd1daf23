/**
 * Issue 12 item 9, "and of the attribute where the rule knows it": a finding whose cause is one
 * attribute points at that attribute's line (SARIF region, GitHub annotation), on azurerm blocks and
 * on azapi resources read as azurerm views (the ARM property in `body`); a finding about an attribute
 * that is not written (a default) points at the resource block.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../../src/input/load';
import { attributeLine } from '../../src/input/locations';
import { checkInputs } from '../../src/policy/check';
import { buildPack } from '../../src/policy/pack';
import { renderReport } from '../../src/policy/report';
import type { CheckReport, Finding } from '../../src/policy/types';
import { CHECK_DATE, POLICIES_DIR } from '../policies/harness';
import { FIXTURES } from './helpers';

const DIR = join(FIXTURES, 'inputs', 'hcl-attributes');
const TF = join(DIR, 'main.tf');
const SHOWN = 'test/policy/fixtures/inputs/hcl-attributes/main.tf';
const text = readFileSync(TF, 'utf8').split('\n');

/** 1-based line of the first line containing `needle` (after the line containing `after`, if given). */
function lineOf(needle: string, after?: string): number {
  const from = after ? text.findIndex((l) => l.includes(after)) : 0;
  const i = text.findIndex((l, k) => k >= from && l.includes(needle));
  if (i < 0 || from < 0) throw new Error(`fixture has no line with ${needle}`);
  return i + 1;
}

const block = (type: string, name: string) => lineOf(`resource "${type}" "${name}" {`);

describe('findings point at the attribute that causes them', () => {
  let report: CheckReport;
  let sarif: any[];
  let github: string;
  beforeAll(async () => {
    const pack = buildPack({ policiesDir: POLICIES_DIR });
    report = await checkInputs(await loadInputs(DIR), { pack, policiesDir: POLICIES_DIR, waivers: [], projectConfig: false, params: { check_date: CHECK_DATE } });
    sarif = JSON.parse(renderReport(report, 'sarif')).runs[0].results;
    github = renderReport(report, 'github', {});
  });

  /** The finding of `rule` (or `rule/check`) on `address` whose message contains `text`. */
  const finding = (id: string, address: string, text = ''): Finding => {
    const found = report.findings.filter((f) => (f.check ?? f.rule) === id && f.address === address && f.message.includes(text));
    expect(found).toHaveLength(1);
    return found[0];
  };

  const cases: [string, string, string, () => number][] = [
    ['https-only', 'azurerm_container_app.api', '', () => lineOf('allow_insecure_connections = true')],
    ['scale-to-zero/min-replicas', 'azurerm_container_app.api', '', () => lineOf('min_replicas = 2')],
    // The second container's image, not the first's.
    ['image-pinned', 'azurerm_container_app.api', '', () => lineOf('image  = "ghcr.io/example/api:latest"')],
    // The second secret block's literal value; the first (no identity, no value) at its own block.
    ['secrets-from-key-vault', 'azurerm_container_app.api', 'secret.1', () => lineOf('value = "very-secret-inline-value"')],
    ['secrets-from-key-vault', 'azurerm_container_app.api', 'secret.0', () => lineOf('secret {')],
    ['key-vault-hardening/rbac', 'azurerm_key_vault.explicit', '', () => lineOf('rbac_authorization_enabled = false')],
    ['key-vault-hardening/purge-protection', 'azurerm_key_vault.explicit', '', () => lineOf('purge_protection_enabled   = false')],
    ['key-vault-hardening/network-acl', 'azurerm_key_vault.explicit', '', () => lineOf('default_action = "Allow"')],
    ['no-admin-users/admin-user', 'azurerm_container_registry.acr', '', () => lineOf('admin_enabled       = true')],
    ['log-analytics-retention/retention-range', 'azurerm_log_analytics_workspace.logs', '', () => lineOf('retention_in_days   = 365')],
    // azapi: the ARM property the azurerm attribute stands for, inside jsonencode(body).
    ['https-only', 'azapi_resource.worker', '', () => lineOf('allowInsecure = true')],
    ['scale-to-zero/min-replicas', 'azapi_resource.worker', '', () => lineOf('minReplicas = 1')],
    ['image-pinned', 'azapi_resource.worker', '', () => lineOf('image = "ghcr.io/example/worker"')],
    // Not written (provider defaults): the resource block.
    ['key-vault-hardening/rbac', 'azurerm_key_vault.defaults', '', () => block('azurerm_key_vault', 'defaults')],
    ['key-vault-hardening/purge-protection', 'azurerm_key_vault.defaults', '', () => block('azurerm_key_vault', 'defaults')],
    ['key-vault-hardening/network-acl', 'azurerm_key_vault.defaults', '', () => block('azurerm_key_vault', 'defaults')],
    ['public-network-restricted', 'azurerm_container_registry.acr', '', () => block('azurerm_container_registry', 'acr')],
    ['key-vault-hardening/purge-protection', 'azapi_resource.vault', '', () => block('azapi_resource', 'vault')],
    // A rule about something missing names no attribute: the block.
    ['health-probes', 'azurerm_container_app.api', '(api) has no liveness_probe', () => block('azurerm_container_app', 'api')],
  ];

  it.each(cases)('%s on %s %s: the finding, SARIF region and GitHub annotation', (id, address, text, line) => {
    const f = finding(id, address, text);
    expect([f.file, f.line]).toEqual([TF, line()]);
    const [rule, check] = id.split('/');
    const results = sarif.filter((r) => r.ruleId === rule && r.message.text.includes(address) && r.message.text.includes(text)
      && (!check || JSON.stringify(r).includes(id)));
    expect(results.map((r) => r.locations[0].physicalLocation)).toContainEqual({ artifactLocation: { uri: SHOWN }, region: { startLine: line() } });
    const level = f.severity === 'deny' ? 'error' : 'warning';
    const annotations = github.split('\n').filter((l) => l.startsWith(`::${level} file=${SHOWN},line=${line()},title=${id}%3A`) && l.includes(`::${address}: `) && l.includes(text));
    expect(annotations).toHaveLength(1);
  });

  it('keeps the JSON report shape: file and line, no attribute field', () => {
    const doc = JSON.parse(renderReport(report, 'json'));
    const f = doc.findings.find((x: any) => x.check === 'https-only' || (x.rule === 'https-only' && x.address === 'azurerm_container_app.api'));
    expect(f).toMatchObject({ file: SHOWN, line: lineOf('allow_insecure_connections = true') });
    expect(doc.findings.every((x: any) => !('attribute' in x))).toBe(true);
  });
});

describe('attributeLine', () => {
  const at = (src: string, path: string) => {
    const lines = src.split('\n');
    return attributeLine(lines, { file: 'x', line: 1, end: lines.length }, path);
  };

  it('follows repeated blocks, list elements, dynamic blocks and heredocs', () => {
    const src = [
      'resource "azurerm_container_app" "a" {', //  1
      '  secret {', //                                2
      '    name  = "a"', //                           3
      '    value = "first"', //                       4
      '  }', //                                       5
      '  secret {', //                                6
      '    value = "second"', //                      7
      '  }', //                                       8
      '  description = <<EOT', //                     9
      '  value = "in a heredoc"', //                 10
      'EOT', //                                      11
      '  dynamic "env" {', //                        12
      '    for_each = { for k, v in var.env : k => v }', // 13
      '    content {', //                            14
      '      value = env.value', //                  15
      '    }', //                                    16
      '  }', //                                      17
      '  tags = { "x" = "y" } # value = 1', //       18
      '}',
    ].join('\n');
    expect(at(src, 'secret.0.value')).toBe(4);
    expect(at(src, 'secret.1.value')).toBe(7);
    expect(at(src, 'secret.2.value')).toBeUndefined();
    expect(at(src, 'env.3.value')).toBe(15);
    expect(at(src, 'value')).toBeUndefined(); // only inside blocks, a heredoc and a comment
    expect(at(src, 'tags.x')).toBe(18);
  });

  it('reads JSON syntax and the object given to jsonencode', () => {
    const json = ['{', '  "name": "x",', '  "network_acls": [', '    { "bypass": "None" },', '    {', '      "default_action": "Allow"', '    }', '  ]', '}'].join('\n');
    expect(at(json, 'network_acls.1.default_action')).toBe(6);
    expect(at(json, 'network_acls.0.default_action')).toBeUndefined();
    const azapi = ['resource "azapi_resource" "x" {', '  body = jsonencode({', '    properties = {', '      scale = { minReplicas = 1 }', '    }', '  })', '}'].join('\n');
    expect(at(azapi, 'body.properties.scale.minReplicas')).toBe(4);
    // Not the whole path: undefined, never the nearest enclosing line.
    expect(at(azapi, 'body.properties.scale.maxReplicas')).toBeUndefined();
  });
});

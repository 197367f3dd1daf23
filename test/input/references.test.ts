import { getReferencesInExpression } from '@cdktf/hcl2json';
import { dropPrefixes, isContextReference, referencesIn } from '../../src/input/references';

/** hcl2json writes indexes as `.0` / `."k"`; Terraform (and referencesIn) as `[0]` / `["k"]`. */
const terraformSyntax = (ref: string): string => ref.replace(/\.(\d+)(?=\.|$)/g, '[$1]').replace(/\.("[^"]*")(?=\.|$)/g, '[$1]');

const CORPUS = [
  '${azurerm_cosmosdb_account.graph.primary_key}',
  'x-${upper(azurerm_cosmosdb_account.graph.primary_key)}-${var.x}',
  '${module.m.out}',
  '${local.k[0].z}',
  '${data.azurerm_client_config.c.tenant_id}',
  '${"a.b"}',
  '${azurerm_x.y[0].id}',
  '${azurerm_x.y["k"].id}',
  '${{for k, v in var.m : k => v.id}}',
  '${[for item in local.items : item.name]}',
  '${each.value}',
  '${count.index}',
  '${join(",", [azurerm_a.b.id, "${var.prefix}-${local.suffix}"])}',
  '${var.enabled ? azurerm_key_vault.kv.id : null}',
  '${lookup(var.map, "key", azurerm_x.y.name)}',
  'plain text, no expression',
  '$${not.an.expression}',
  '${jsonencode({ key = azurerm_cosmosdb_account.graph.primary_key, n = 1 })}',
];

describe('referencesIn', () => {
  it.each(CORPUS)('agrees with @cdktf/hcl2json on %s', async (expr) => {
    // each.*, count.* are evaluation context: referencesIn leaves them out on purpose.
    const theirs = (await getReferencesInExpression('main.tf', expr)).map((r) => terraformSyntax(r.value)).filter((r) => !isContextReference(r));
    expect(referencesIn(expr)).toEqual([...new Set(theirs)]);
  });

  it('drops the prefixes Terraform lists beside a full traversal', () => {
    expect(dropPrefixes(['azurerm_x.y.key', 'azurerm_x.y', 'azurerm_z.w[0].id', 'azurerm_z.w[0]', 'azurerm_z.w', 'var.v'])).toEqual([
      'azurerm_x.y.key',
      'azurerm_z.w[0].id',
      'var.v',
    ]);
  });
});

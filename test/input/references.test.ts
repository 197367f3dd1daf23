import { getReferencesInExpression } from '@cdktf/hcl2json';
import { addressSteps, dropPrefixes, isContextReference, referencesIn } from '../../src/input/references';

/** hcl2json writes indexes as `.0` / `."k"`; Terraform (and referencesIn) as `[0]` / `["k"]`. */
const terraformSyntax = (ref: string): string =>
  ref.replace(/\.("[^"]*")(?=\.|$)/g, '[$1]').replace(/\.(\d+)(?=[.[]|$)/g, '[$1]').replace(/\.("[^"]*")(?=[.[]|$)/g, '[$1]');

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

  it('splits an address at its dots, not at the dots and brackets inside a quoted key', () => {
    expect(addressSteps('module.m["a.b"].azurerm_x.y[0].id')).toEqual(['module', 'm["a.b"]', 'azurerm_x', 'y[0]', 'id']);
    expect(addressSteps('module.a[0].module.b["x].[y\\".z"]')).toEqual(['module', 'a[0]', 'module', 'b["x].[y\\".z"]']);
    expect(addressSteps('azurerm_x.y[*].id')).toEqual(['azurerm_x', 'y[*]', 'id']);
  });
});

describe('referencesIn on generated expressions', () => {
  // Random expressions from a small HCL grammar: traversals (resources, data, var, local, module,
  // with attribute and index steps), wrapped in function calls, conditionals, lists and string
  // templates, in `${...}` interpolations mixed with literal text.
  const fc = require('fast-check') as typeof import('fast-check');
  const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).filter((s) => !['for', 'in', 'if', 'true', 'false', 'null'].includes(s));
  const step = fc.oneof(ident.map((s) => `.${s}`), fc.nat(9).map((n) => `[${n}]`), ident.map((s) => `["${s}"]`));
  const root = fc.oneof(
    fc.tuple(ident, ident).map(([t, n]) => `azurerm_${t}.${n}`),
    fc.tuple(ident, ident).map(([t, n]) => `data.azurerm_${t}.${n}`),
    ident.map((n) => `var.${n}`),
    ident.map((n) => `local.${n}`),
    fc.tuple(ident, ident).map(([m, o]) => `module.${m}.${o}`),
  );
  const traversal = fc.tuple(root, fc.array(step, { maxLength: 3 })).map(([r, steps]) => r + steps.join(''));
  const expr: import('fast-check').Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      traversal,
      fc.constantFrom('1', '"text"', 'true', 'null'),
      fc.tuple(ident, fc.array(tie('e'), { minLength: 1, maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
      fc.array(tie('e'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      tie('e').map((e) => `"pre-\${${e}}-post"`),
    ),
  })).e;
  const template = fc.array(fc.oneof(expr.map((e) => `\${${e}}`), fc.stringMatching(/^[a-z :/-]{0,8}$/)), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));

  it('finds what @cdktf/hcl2json finds', async () => {
    await fc.assert(
      fc.asyncProperty(template, async (text) => {
        const theirs = (await getReferencesInExpression('main.tf', text)).map((r) => terraformSyntax(r.value)).filter((r) => !isContextReference(r));
        expect(referencesIn(text)).toEqual([...new Set(theirs)]);
      }),
      { numRuns: 150 },
    );
  });
});

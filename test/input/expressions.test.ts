/**
 * Partial evaluation of HCL expressions (src/input/expressions.ts): what is computed when the
 * operands are known, and what an unknown operand (a resource attribute) leaves: an Unknown that
 * refers to it and keeps it sensitive.
 */
import { EvalError, Unknown, applyTypeDefaults, evaluateNode, index, parseExpression, refsOf, unknownAt, type Value } from '../../src/input/expressions';
import { templatePieces } from '../../src/input/references';

const KEY = new Unknown('${azurerm_cosmosdb_account.db.primary_key}', ['azurerm_cosmosdb_account.db.primary_key'], true);

/** var.* and local.* from a fixed table; any other traversal is an unknown that refers to itself. */
const TABLE: Record<string, Value> = {
  'var.env': 'prod',
  'var.none': null,
  'var.sizes': { dev: { max: 2 }, prod: { max: 6 } },
  'var.names': ['b', 'a', 'b'],
  'var.apps': [{ name: 'api', port: 80 }, { name: 'web', port: 8080 }],
  'local.tags': { environment: 'prod', team: 'x' },
  'local.keys': { cosmos: KEY, label: 'k' },
};

function evaluate(code: string): Value {
  const node = parseExpression(code);
  if (!node) throw new Error(`does not parse: ${code}`);
  return evaluateNode(node, {
    vars: new Map(),
    resolve: (parts) => {
      const name = parts.slice(0, 2).join('.');
      if (name in TABLE) return index(TABLE[name], parts.slice(2));
      return new Unknown(undefined, [parts.join('.').replace(/\.\[/g, '[')]);
    },
  });
}

test.each([
  ['1 + 2 * 3 == 7 && !false', true],
  ['var.env == "prod" ? 1 : 0', 1],
  ['var.env != "prod" ? 1 : 0', 0],
  ['-3 % 2', -1],
  ['"ca-${var.env}-${1 + 1}"', 'ca-prod-2'],
  ['"a\\"b\\n$${x}"', 'a"b\n${x}'],
  ['merge(local.tags, { component = "api" })', { environment: 'prod', team: 'x', component: 'api' }],
  ['lookup(var.sizes, var.env, { max = 3 }).max', 6],
  ['lookup(var.sizes, "qa", { max = 3 }).max', 3],
  ['var.sizes["prod"].max', 6],
  ['var.sizes[var.env].max', 6],
  ['coalesce(var.none, "", "x")', 'x'],
  ['try(var.sizes.qa.max, 3)', 3],
  ['can(var.sizes.qa)', false],
  ['[for a in var.apps : a.name if a.port > 80]', ['web']],
  ['{ for a in var.apps : a.name => a.port }', { api: 80, web: 8080 }],
  ['{ for a in var.apps : "all" => a.name... }', { all: ['api', 'web'] }],
  ['{ for k, v in local.tags : upper(k) => v if k != "team" }', { ENVIRONMENT: 'prod' }],
  ['var.apps[*].name', ['api', 'web']],
  ['var.apps.*.port', [80, 8080]],
  ['toset(var.names)', ['a', 'b']],
  ['length(var.apps) + length("abc")', 5],
  ['join(",", concat(["a"], var.names))', 'a,b,a,b'],
  ['format("%s:%d", var.env, 443)', 'prod:443'],
  ['one([])', null],
  ['element(var.names, 3)', 'b'],
  ['max(1, 5, 3)', 5],
  ['flatten([[1], [2, [3]]])', [1, 2, 3]],
  ['distinct([1, 1, 2])', [1, 2]],
  ['keys(local.tags)', ['environment', 'team']],
  ['tonumber("42")', 42],
] as const)('%s = %j', (code, expected) => {
  expect(evaluate(code)).toEqual(expected);
});

test('an unknown operand gives an unknown that refers to what the expression refers to', () => {
  const v = evaluate('var.enabled ? azurerm_x.y.primary_key : "none"');
  expect(v).toBeInstanceOf(Unknown);
  expect(refsOf(v).sort()).toEqual(['azurerm_x.y.primary_key', 'var.enabled']);
  // Only the branch the known condition selects.
  expect(refsOf(evaluate('var.env == "dev" ? azurerm_x.y.primary_key : azurerm_x.y.id'))).toEqual(['azurerm_x.y.id']);
  // Functions the evaluator does not compute refer to all their arguments.
  expect(refsOf(evaluate('base64encode(jsonencode({ k = local.keys.cosmos, n = 1 }))'))).toEqual(['azurerm_cosmosdb_account.db.primary_key']);
  // try(): the fallback may apply at apply time.
  expect(refsOf(evaluate('try(azurerm_acr.r.admin_password, azurerm_acr.r.login_server)')).sort()).toEqual(['azurerm_acr.r.admin_password', 'azurerm_acr.r.login_server']);
});

test('known structure keeps unknown leaves: merge, lookup, for over a map with a key in it', () => {
  expect(evaluate('merge(local.keys, { extra = 1 })')).toEqual({ cosmos: KEY, label: 'k', extra: 1 });
  expect(evaluate('lookup(local.keys, "cosmos", "")')).toBe(KEY);
  expect(evaluate('[for k, v in local.keys : v]')).toEqual([KEY, 'k']);
  const joined = evaluate('join(";", [for k, v in local.keys : "${k}=${v}"])');
  expect(joined).toBeInstanceOf(Unknown);
  expect(refsOf(joined)).toEqual(['azurerm_cosmosdb_account.db.primary_key']);
  expect((joined as Unknown).sensitive).toBe(true);
});

test('a splat over a resource keeps the attribute; nonsensitive() and sensitive() change the mark', () => {
  expect(refsOf(evaluate('one(azurerm_search_service.s[*].primary_key)'))).toEqual(['azurerm_search_service.s[*].primary_key']);
  expect((evaluate('nonsensitive(local.keys.cosmos)') as Unknown).sensitive).toBe(false);
  expect((evaluate('sensitive(azurerm_x.y.id)') as Unknown).sensitive).toBe(true);
});

test('an index known at evaluation extends a reference to one address (count.index, each.key), an unknown one does not', () => {
  const evaluateAt = (code: string, vars: Record<string, Value>): Value =>
    evaluateNode(parseExpression(code)!, {
      vars: new Map(Object.entries(vars)),
      resolve: (parts) => unknownAt(parts.join('.').replace(/\.\[/g, '[')),
    });
  expect(refsOf(evaluateAt('azurerm_x.y[i].id', { i: 1 }))).toEqual(['azurerm_x.y[1].id']);
  expect(refsOf(evaluateAt('azurerm_x.y[k].principal_id', { k: 'api' }))).toEqual(['azurerm_x.y["api"].principal_id']);
  expect(refsOf(evaluateAt('azurerm_x.y[i].id', { i: new Unknown(undefined, ['var.i']) })).sort()).toEqual(['azurerm_x.y', 'var.i']);
  // a value that is not exactly one address (a function of it) is not extended
  expect(refsOf(evaluateAt('lower(azurerm_x.y)[i]', { i: 0 }))).toEqual(['azurerm_x.y']);
  expect(refsOf(index(unknownAt('module.m["a"].azurerm_x.y'), ['[0]', 'id']))).toEqual(['module.m["a"].azurerm_x.y[0].id']);
});

test('errors the configuration would have at plan time are EvalErrors (the loader falls back to "unknown")', () => {
  expect(() => evaluate('var.sizes.qa.max')).toThrow(EvalError);
  expect(() => evaluate('lookup(var.sizes, "qa")')).toThrow(EvalError);
  expect(() => evaluate('"a" + 1')).toThrow(EvalError);
});

test.each([
  '<<EOT\nx\nEOT',
  '"%{ if var.x }a%{ endif }"',
  'var.x +',
  '[1, 2',
  'a b',
])('%j is not evaluated (parse error or unsupported)', (code) => {
  expect(parseExpression(code)).toBeUndefined();
});

test('templatePieces splits literal text and interpolations; a directive is not split', () => {
  expect(templatePieces('a-${var.x}-$${y}-${"}"}')).toEqual([{ text: 'a-' }, { code: 'var.x' }, { text: '-${y}-' }, { code: '"}"' }]);
  expect(templatePieces('%{ for x in y }${x}%{ endfor }')).toBeUndefined();
});

test('optional() attribute defaults of a variable type constraint are applied to known values', () => {
  const type = '${object({\n  min = optional(number, 1)\n  max = optional(number)\n  probes = optional(list(object({ port = optional(number, 8080) })), [])\n})}';
  expect(applyTypeDefaults(type, {})).toEqual({ min: 1, max: null, probes: [] });
  expect(applyTypeDefaults(type, { min: 0, probes: [{}, { port: 80 }] })).toEqual({ min: 0, max: null, probes: [{ port: 8080 }, { port: 80 }] });
  expect(applyTypeDefaults('${map(object({ tier = optional(string, "Standard") }))}', { a: {}, b: { tier: 'Premium' } })).toEqual({ a: { tier: 'Standard' }, b: { tier: 'Premium' } });
  // Unknown values and types without optional() are left alone.
  expect(applyTypeDefaults(type, KEY)).toBe(KEY);
  expect(applyTypeDefaults('${string}', 'x')).toBe('x');
});

/**
 * Scale: a generated plan of 100,000 resources goes through the checker in-process and every
 * finding comes back, and its cost estimate prints as a table (correctness only; speed lives in
 * `npm run bench`). Guards the crash class of operations bound by the call stack (spreading a
 * findings array into push(), Math.max(...x), a table library's push.apply of every row).
 */
import { diffEstimates } from '../../src/cost/diff';
import { estimate } from '../../src/cost/estimate';
import { renderDiffTable, renderEstimateTable } from '../../src/cost/render/table';
import { checkInputs } from '../../src/policy/check';
import { buildPack } from '../../src/policy/pack';
import { normalizePlan } from '../../src/input/plan';

const COUNT = 100_000;

/** 100k registries in 1,000 module instances; every 4th has the admin user on. */
function plan(): unknown {
  const modules = [];
  const changes = [];
  for (let m = 0; m < COUNT / 100; m++) {
    const address = `module.team["t${m}"]`;
    const resources = [];
    for (let i = 0; i < 100; i++) {
      const n = m * 100 + i;
      const values = { name: `acr${n}`, sku: 'Premium', admin_enabled: n % 4 === 0, public_network_access_enabled: false, tags: { environment: 'dev' } };
      const r = { address: `${address}.azurerm_container_registry.r${i}`, mode: 'managed', type: 'azurerm_container_registry', name: `r${i}`, values };
      resources.push(r);
      changes.push({ ...r, module_address: address, change: { actions: ['create'], before: null, after: values, after_unknown: { id: true } } });
    }
    modules.push({ address, resources });
  }
  return { format_version: '1.2', planned_values: { root_module: { child_modules: modules } }, resource_changes: changes };
}

/** The plan normalised once for both tests (a 100k-resource normalise takes a second here). */
let normalised: ReturnType<typeof normalizePlan> | undefined;
const input = (): ReturnType<typeof normalizePlan> => (normalised ??= normalizePlan(plan() as never, 'scale.plan.json'));

test('a 100k-resource plan is checked to the end with every finding', async () => {
  expect(input().resources).toHaveLength(COUNT);
  const report = await checkInputs([input()], { pack: buildPack(), projectConfig: false, waiversFile: false, cost: false });
  const admin = report.findings.filter((f) => f.check === 'no-admin-users/admin-user');
  expect(admin).toHaveLength(COUNT / 4);
  expect(admin[0].address).toMatch(/^module\.team\["t\d+"\]\.azurerm_container_registry\.r\d+$/);
  expect(report.summary.resources).toBe(COUNT);
}, 120_000);

test('a 100k-resource estimate and diff print as tables, a line per resource', () => {
  // `apg cost` printed its table with cli-table3, whose layout scans every row above each cell:
  // 35 s for a 10k-resource plan, and at 100k it ran out of call stack before that.
  const head = estimate(input());
  // Every registry added since an empty base: a diff row each.
  const base = estimate({ format: 'plan', source: 'base.plan.json', resources: [], outputs: [] });
  const registries = (text: string): number => text.split('\n').filter((l) => l.includes('azurerm_container_registry.r')).length;
  expect(registries(renderEstimateTable(head))).toBe(COUNT);
  const diff = diffEstimates([base], [head]);
  expect(registries(renderDiffTable(diff))).toBe(COUNT);
}, 120_000);

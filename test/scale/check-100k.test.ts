/**
 * Scale: a generated plan of 100,000 resources goes through the checker in-process and every
 * finding comes back (correctness only; speed lives in `npm run bench`). Guards the crash class of
 * operations bound by the call stack (spreading a findings array into push(), Math.max(...x)).
 */
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

test('a 100k-resource plan is checked to the end with every finding', async () => {
  const input = normalizePlan(plan() as never, 'scale.plan.json');
  expect(input.resources).toHaveLength(COUNT);
  const report = await checkInputs([input], { pack: buildPack(), projectConfig: false, waiversFile: false, cost: false });
  const admin = report.findings.filter((f) => f.check === 'no-admin-users/admin-user');
  expect(admin).toHaveLength(COUNT / 4);
  expect(admin[0].address).toMatch(/^module\.team\["t\d+"\]\.azurerm_container_registry\.r\d+$/);
  expect(report.summary.resources).toBe(COUNT);
}, 120_000);

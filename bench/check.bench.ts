/**
 * `check` end to end (load + normalise, cost estimate, evaluation in the compiled WASM, JSON
 * report written as the CLI writes it) on a generated 10,000-resource `terraform show -json` plan
 * and on the dev stack.
 * The floor of the plan line is JSON.parse of the same file: the least any checker must do.
 * Then `apg check` in a child process, on the 10k plan and on a 100k-resource one (80 MB), for
 * peak RSS (and, at 100k, wall time) against a child that only parses the file (targets ≤ 3×).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../src/input/load';
import { checkInputs } from '../src/policy/check';
import { buildPack } from '../src/policy/pack';
import { renderReport, reportChunks } from '../src/policy/report';
import { writeChunksToFile } from '../src/cli/write';
import { benchLine, childAgainst, isolatedAgainst, timeAgainst, timeMs } from './stats';

type Json = Record<string, unknown>;

/** One app module instance: a container app, its Cosmos account, registry, workspace and diagnostics. */
function moduleResources(i: number): { planned: Json[]; changes: Json[] } {
  const m = `module.app["svc${i}"]`;
  const resources: [string, string, Json, Json][] = [
    ['azurerm_container_app', 'app', {
      name: `svc${i}`, revision_mode: 'Single', tags: { environment: 'dev', owner: 'team' },
      ingress: [{ external_enabled: true, target_port: 8080, allow_insecure_connections: i % 7 === 0, traffic_weight: [{ latest_revision: true, percentage: 100 }] }],
      template: [{ min_replicas: i % 5 === 0 ? 1 : 0, max_replicas: 3, container: [{ name: 'app', image: `acr.azurecr.io/svc${i}:1.${i}`, cpu: 0.25, memory: '0.5Gi', env: [{ name: 'DB_KEY', secret_name: null }] }] }],
    }, { id: true, template: [{ container: [{ env: [{ value: true }] }] }] }],
    ['azurerm_cosmosdb_account', 'db', {
      name: `db${i}`, offer_type: 'Standard', local_authentication_disabled: i % 3 !== 0, public_network_access_enabled: false,
      tags: { environment: 'dev' }, consistency_policy: [{ consistency_level: 'Session' }], capabilities: [{ name: 'EnableServerless' }],
    }, { id: true, primary_key: true, endpoint: true }],
    ['azurerm_container_registry', 'acr', { name: `acr${i}`, sku: 'Basic', admin_enabled: i % 11 === 0, tags: { environment: 'dev' } }, { id: true }],
    ['azurerm_log_analytics_workspace', 'logs', { name: `logs${i}`, sku: 'PerGB2018', retention_in_days: 30, daily_quota_gb: 1, tags: { environment: 'dev' } }, { id: true }],
    ['azurerm_monitor_diagnostic_setting', 'diag', { name: `diag${i}` }, { target_resource_id: true, log_analytics_workspace_id: true }],
  ];
  const planned: Json[] = [];
  const changes: Json[] = [];
  for (const [type, name, values, unknown] of resources) {
    const address = `${m}.${type}.${name}`;
    planned.push({ address, mode: 'managed', type, name, values });
    changes.push({ address, module_address: m, mode: 'managed', type, name, change: { actions: ['create'], before: null, after: values, after_unknown: unknown } });
  }
  return { planned, changes };
}

export function generatePlan(resources: number): Json {
  const perModule = 5;
  const modules = Math.ceil(resources / perModule);
  const childModules: Json[] = [];
  const changes: Json[] = [];
  for (let i = 0; i < modules; i++) {
    const r = moduleResources(i);
    childModules.push({ address: `module.app["svc${i}"]`, resources: r.planned });
    changes.push(...r.changes);
  }
  const moduleConfig = {
    resources: [
      { address: 'azurerm_container_app.app', mode: 'managed', type: 'azurerm_container_app', name: 'app', expressions: { template: [{ container: [{ env: [{ value: { references: ['azurerm_cosmosdb_account.db.primary_key', 'azurerm_cosmosdb_account.db'] } }] }] }] } },
      { address: 'azurerm_monitor_diagnostic_setting.diag', mode: 'managed', type: 'azurerm_monitor_diagnostic_setting', name: 'diag', expressions: { target_resource_id: { references: ['azurerm_cosmosdb_account.db.id', 'azurerm_cosmosdb_account.db'] }, log_analytics_workspace_id: { references: ['azurerm_log_analytics_workspace.logs.id', 'azurerm_log_analytics_workspace.logs'] } } },
    ],
  };
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: [], child_modules: childModules } },
    resource_changes: changes,
    configuration: { root_module: { module_calls: { app: { source: './app', module: moduleConfig } } } },
  };
}

async function checkPath(path: string, pack: ReturnType<typeof buildPack>): Promise<string> {
  const report = await checkInputs(await loadInputs(path), { pack, waiversFile: false });
  return renderReport(report, 'json');
}

/**
 * `apg check <path> --format json` as the CLI runs it, in-process: load, check, and the report written
 * as bin/apg.js writes it (reportChunks encoded into one reused buffer, src/cli/write.ts), to the null
 * device. apg never joins the report into one string; renderReport does, and for the 6 MB report of
 * the 10k plan that join alone was ~30 ms of fresh memory. Returns the number of findings.
 */
async function checkAsCli(path: string, pack: ReturnType<typeof buildPack>): Promise<number> {
  const report = await checkInputs(await loadInputs(path), { pack, waiversFile: false });
  writeChunksToFile(devNull, reportChunks(report, 'json'));
  return report.findings.length;
}

/** Workload for bench/side.ts: `apg check <planFile> --format json` as checkAsCli runs it. */
export function checkWorkload(planFile: string): () => Promise<number> {
  const pack = buildPack();
  return () => checkAsCli(planFile, pack);
}

/** Workload for bench/side.ts: read and parse the file, and nothing else (the floor). */
export function parseWorkload(file: string): () => unknown {
  return () => JSON.parse(readFileSync(file, 'utf8'));
}

const root = join(__dirname, '..');
/** A child that reads and parses the file and does nothing else: the least any checker must cost. */
const PARSE_ONLY = ['-e', "JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'))"];
const fmtMb = (n: number): string => n.toFixed(0);

/**
 * `apg check <plan> --format json` in a child process against a child that only parses the file:
 * wall time (`time`) and peak RSS, medians of `runs`. The compiled dist/ runs (as after npm ci).
 */
function childLines(name: string, planFile: string, runs: number, time: boolean): string[] {
  const { child: check, floor } = childAgainst([join(root, 'bin', 'apg.js'), 'check', planFile, '--format', 'json'], [...PARSE_ONLY, planFile], root, runs, [0, 1]);
  const lines = time ? [benchLine(`${name} (child process, apg check --format json)`, check.ms, 'ms', floor.ms)] : [];
  lines.push(`${name} peak RSS (child process): ${fmtMb(check.peakMb)} MB (floor ${fmtMb(floor.peakMb)} MB, ratio ${(check.peakMb / floor.peakMb).toFixed(2)}x)`);
  return lines;
}

export async function run(): Promise<string[]> {
  const pack = buildPack();
  const dir = mkdtempSync(join(tmpdir(), 'apg-bench-'));
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(generatePlan(10_000)));
  const lines: string[] = [];
  try {
    // The report as a string once, to check it is whole JSON with every finding.
    const findings = JSON.parse(await checkPath(planFile, pack)).findings.length;
    if (findings !== (await checkAsCli(planFile, pack))) throw new Error('the written report and the rendered one differ in findings');
    const { ms, floor } = isolatedAgainst({ module: 'check.bench', name: 'checkWorkload', args: [planFile] }, { module: 'check.bench', name: 'parseWorkload', args: [planFile] });
    lines.push(`${benchLine('check 10k-resource plan', ms, 'ms', floor)} [${findings} findings]`);
    // The same two timed in alternation in this one process, where each side also collects the other's garbage.
    const mixed = await timeAgainst(() => checkAsCli(planFile, pack), parseWorkload(planFile), 9, 1);
    lines.push(benchLine('check 10k-resource plan, alternating with its floor in one process', mixed.ms, 'ms', mixed.floor));
  } catch (err) {
    // A pack that cannot evaluate this size is a result worth printing, not a reason to skip the rest.
    lines.push(`check 10k-resource plan: failed (${(err as Error).message})`);
  }

  // Children run bin/apg.js, which runs dist/ when it is up to date: compile it as npm ci does.
  execFileSync('npm', ['run', '--silent', 'compile'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    // Wall time too, as a reported figure: the cold command a user runs (start-up, first compile
    // and fresh pages included), beside the in-process line that the target uses.
    lines.push(...childLines('check 10k-resource plan', planFile, 5, true));
  } catch (err) {
    lines.push(`check 10k-resource plan (child process): failed (${(err as Error).message})`);
  }
  const bigFile = join(dir, 'plan-100k.json');
  writeFileSync(bigFile, JSON.stringify(generatePlan(100_000)));
  try {
    lines.push(...childLines('check 100k-resource plan', bigFile, 5, true));
  } catch (err) {
    lines.push(`check 100k-resource plan: failed (${(err as Error).message})`);
  } finally {
    rmSync(bigFile, { force: true });
  }

  let stackDir = join(__dirname, '..', 'cdktf.out', 'stacks', 'dev');
  if (!existsSync(join(stackDir, 'cdk.tf.json'))) {
    const { synthesizeAll } = require('../bin/main') as typeof import('../bin/main');
    synthesizeAll(join(dir, 'cdktf.out'));
    stackDir = join(dir, 'cdktf.out', 'stacks', 'dev');
  }
  lines.push(benchLine('check dev stack', await timeMs(() => checkPath(stackDir, pack), 5, 1), 'ms'));
  rmSync(dir, { recursive: true, force: true });
  return lines;
}

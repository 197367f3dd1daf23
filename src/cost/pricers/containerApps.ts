/**
 * Azure Container Apps, Consumption plan. A replica kept alive by `min_replicas` with no traffic
 * bills the idle rates for its vCPU and memory every second of the month; `min_replicas = 0`
 * costs nothing idle. The per-subscription free grant (vCPU-s, GiB-s, requests) is applied in
 * address order across all apps of the estimate, to active usage first.
 */
import type { NormalizedResource } from '../../input/types';
import { CannotPrice, blocks, lookup, numberAttr, stringAttr } from '../values';
import { type PricerResult, type PricingContext, line, n } from '../pricing';
import type { CostLine } from '../types';

function gib(memory: unknown, where: string): number {
  if (typeof memory === 'number') return memory;
  const match = typeof memory === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*Gi\s*$/.exec(memory) : null;
  if (!match) throw new CannotPrice(`${where} is not a size in Gi (${JSON.stringify(memory)})`);
  return Number(match[1]);
}

/** Sum of vCPU and GiB requested by one replica (all containers of the template). */
function replicaSize(resource: NormalizedResource): { vcpu: number; gib: number } {
  const containers = blocks(resource, 'template.0.container');
  if (containers.length === 0) throw new CannotPrice('template.0.container is not set');
  let vcpu = 0;
  let mem = 0;
  containers.forEach((_c, i) => {
    vcpu += numberAttr(resource, `template.0.container.${i}.cpu`);
    mem += gib(stringOrNumber(resource, `template.0.container.${i}.memory`), `template.0.container.${i}.memory`);
  });
  return { vcpu, gib: mem };
}

/** A number (numberAttr's reading: `"0.5"` is 0.5), else a string (`"1Gi"`); CannotPrice as stringAttr says. */
function stringOrNumber(resource: NormalizedResource, path: string): unknown {
  const found = lookup(resource, path);
  if (found.state !== 'known') return stringAttr(resource, path);
  const n = typeof found.value === 'string' && found.value.trim() !== '' ? Number(found.value) : found.value;
  return typeof n === 'number' && Number.isFinite(n) ? n : stringAttr(resource, path);
}

export function priceContainerApp(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const profile = stringAttr(resource, 'workload_profile_name', 'Consumption');
  if (profile !== 'Consumption') {
    throw new CannotPrice(`runs on dedicated workload profile "${profile}" (billed per profile instance; not in the price book)`);
  }
  const minReplicas = numberAttr(resource, 'template.0.min_replicas', 0);
  const { vcpu, gib: mem } = replicaSize(resource);
  const activeReplicaSeconds = ctx.usage.monthly_active_replica_seconds ?? 0;
  if (activeReplicaSeconds > 0) {
    // azurerm's default max_replicas is 10; more replica-seconds than that can run is a usage mistake.
    const maxReplicas = numberAttr(resource, 'template.0.max_replicas', 10);
    if (activeReplicaSeconds > maxReplicas * ctx.secondsPerMonth) {
      throw ctx.usageError('monthly_active_replica_seconds', `${n(activeReplicaSeconds)} is more than max_replicas ${maxReplicas} × ${n(ctx.secondsPerMonth)} s can run in a month`);
    }
  }
  const requests = ctx.usage.monthly_requests ?? 0;
  const idleReplicaSeconds = Math.max(0, minReplicas * ctx.secondsPerMonth - activeReplicaSeconds);
  const lines: CostLine[] = [];

  const metered = (
    resourceName: 'vCPU' | 'memory',
    perReplica: number,
    grantId: string,
    activeId: string,
    idleId: string,
    unit: string,
  ): void => {
    const active = activeReplicaSeconds * perReplica;
    const idle = idleReplicaSeconds * perReplica;
    const activeFree = ctx.grants.take(grantId, active);
    const idleFree = ctx.grants.take(grantId, idle);
    if (active > 0) {
      lines.push(line(ctx, activeId, `${resourceName} active (${n(activeReplicaSeconds)} replica-s × ${n(perReplica)} ${unit}${grantNote(activeFree, unit)})`, active - activeFree));
    }
    if (idle > 0) {
      const who = activeReplicaSeconds > 0 ? `${n(idleReplicaSeconds)} idle replica-s` : `${minReplicas} min replica(s) × ${n(ctx.secondsPerMonth)} s`;
      lines.push(line(ctx, idleId, `${resourceName} idle (${who} × ${n(perReplica)} ${unit}${grantNote(idleFree, unit)})`, idle - idleFree));
    }
  };
  metered('vCPU', vcpu, 'containerapps.vcpu_seconds', 'containerapps.vcpu.active', 'containerapps.vcpu.idle', 'vCPU');
  metered('memory', mem, 'containerapps.gib_seconds', 'containerapps.memory.active', 'containerapps.memory.idle', 'GiB');
  if (requests > 0) {
    const free = ctx.grants.take('containerapps.requests', requests);
    lines.push(line(ctx, 'containerapps.requests', `Requests (${n(requests)}${grantNote(free, 'requests')})`, (requests - free) / 1e6));
  }
  if (lines.length === 0) return { kind: 'priced', lines, note: 'min_replicas = 0: scales to zero, no idle charge' };
  return { kind: 'priced', lines };
}

/**
 * A Container Apps job on the Consumption plan: its replicas run only while an execution runs, and
 * are billed for the vCPU and memory allocated to them at the active rates, from the same
 * per-subscription free grant as apps (learn.microsoft.com/azure/container-apps/billing, "Resource
 * consumption charges": jobs run replicas when executions are triggered, charged while running).
 * There is no min_replicas, so nothing is billed idle; jobs take no HTTP requests.
 */
export function priceContainerAppJob(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const profile = stringAttr(resource, 'workload_profile_name', 'Consumption');
  if (profile !== 'Consumption') {
    throw new CannotPrice(`runs on dedicated workload profile "${profile}" (billed per profile instance; not in the price book)`);
  }
  const { vcpu, gib: mem } = replicaSize(resource);
  const replicaSeconds = ctx.usage.monthly_active_replica_seconds ?? 0;
  const lines: CostLine[] = [];
  const metered = (resourceName: string, perReplica: number, grantId: string, priceId: string, unit: string): void => {
    const used = replicaSeconds * perReplica;
    if (used <= 0) return;
    const free = ctx.grants.take(grantId, used);
    lines.push(line(ctx, priceId, `${resourceName} while executions run (${n(replicaSeconds)} replica-s × ${n(perReplica)} ${unit}${grantNote(free, unit)})`, used - free));
  };
  metered('vCPU', vcpu, 'containerapps.vcpu_seconds', 'containerapps.vcpu.active', 'vCPU');
  metered('memory', mem, 'containerapps.gib_seconds', 'containerapps.memory.active', 'GiB');
  if (lines.length === 0) {
    return { kind: 'priced', lines, note: 'billed per second only while executions run, no idle charge; no executions assumed (usage key monthly_active_replica_seconds)' };
  }
  return { kind: 'priced', lines };
}

function grantNote(free: number, _unit: string): string {
  return free > 0 ? `, less ${n(free)} free grant` : '';
}

/** Private endpoints by the environment they connect to, built once per input. */
const endpointIndexes = new WeakMap<Map<string, NormalizedResource>, Map<string, string[]>>();
function privateEndpointsOf(environment: string, byAddress: Map<string, NormalizedResource>): string[] {
  let index = endpointIndexes.get(byAddress);
  if (!index) {
    index = new Map();
    for (const r of byAddress.values()) {
      if (r.type !== 'azurerm_private_endpoint') continue;
      for (const ref of r.references) {
        if (!ref.attribute.startsWith('private_service_connection.')) continue;
        for (const target of ref.targets) {
          const address = target.replace(/\.[^.]+$/, '');
          if (byAddress.get(address)?.type === 'azurerm_container_app_environment') index.set(address, [...(index.get(address) ?? []), r.address]);
        }
      }
    }
    endpointIndexes.set(byAddress, index);
  }
  return [...new Set(index.get(environment) ?? [])];
}

/**
 * The environment: Consumption-only costs nothing of its own. Dedicated workload profiles bill per
 * instance plus the plan management fee (not in the book: unpriced). A private endpoint on the
 * environment bills the Dedicated Plan Management fee even on the Consumption plan
 * (learn.microsoft.com/azure/container-apps/billing), per feature.
 */
export function priceContainerAppEnvironment(resource: NormalizedResource, ctx: PricingContext): PricerResult {
  const profiles = blocks(resource, 'workload_profile');
  const dedicated = profiles.filter((p) => p.workload_profile_type !== 'Consumption');
  if (dedicated.length > 0) {
    throw new CannotPrice('has dedicated workload profiles (profile instances are not in the price book)');
  }
  const endpoints = privateEndpointsOf(resource.address, ctx.byAddress);
  if (endpoints.length > 0) {
    return {
      kind: 'priced',
      lines: [line(ctx, 'containerapps.plan_management', `Dedicated Plan Management for the private endpoint (${endpoints.join(', ')}), ${ctx.hoursPerMonth} h`, ctx.hoursPerMonth)],
    };
  }
  return { kind: 'free', reason: 'Consumption-only environment: no charge of its own; its apps are billed' };
}

/** Builders for normalised inputs used by the cost tests. */
import type { NormalizedResource, PolicyInput, Reference } from '../../src/input/types';

export function resource(address: string, values: Record<string, unknown>, extra: { unknown?: string[]; references?: Reference[]; mode?: 'managed' | 'data' } = {}): NormalizedResource {
  const [type, name] = address.split('.');
  return { address, mode: extra.mode ?? 'managed', type, name, module: '', values, unknown: extra.unknown ?? [], references: extra.references ?? [] };
}

export function input(...resources: NormalizedResource[]): PolicyInput {
  return { format: 'cdktf', source: 'test', stack: 'test', resources, outputs: [] };
}

export const app = (address: string, minReplicas: number | undefined, cpu: number | string, memory: string): NormalizedResource =>
  resource(address, { template: [{ ...(minReplicas === undefined ? {} : { min_replicas: minReplicas }), container: [{ cpu, memory }] }] });

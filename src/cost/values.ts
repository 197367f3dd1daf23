/**
 * Reading attribute values of a normalised resource for pricing. A value is `known`, `absent`
 * (the provider default applies) or `unknown` (an expression in CDKTF/HCL, or unknown until apply
 * in a plan) — an unknown value makes the resource unpriced, never a silent zero.
 */
import type { NormalizedResource } from '../input/types';

/**
 * Thrown by a pricer when the resource cannot be priced; the estimator lists it as unpriced. An
 * outcome, not a bug: it carries no stack trace (capturing one per unpriced lookup dominated the
 * estimate of a large plan).
 */
export class CannotPrice extends Error {
  constructor(reason: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason);
    Error.stackTraceLimit = limit;
    this.name = 'CannotPrice';
  }
}

type Lookup = { state: 'known'; value: unknown } | { state: 'absent' } | { state: 'unknown' };

/** Shared results: lookups are the estimator's inner loop. */
const UNKNOWN: Lookup = { state: 'unknown' };
const ABSENT: Lookup = { state: 'absent' };

const isExpression = (v: unknown): boolean => typeof v === 'string' && v.includes('${');

/** A dotted path's steps, each marked when it is a block index; split once per distinct path. */
const stepsByPath = new Map<string, { part: string; index: boolean }[]>();
function steps(path: string): { part: string; index: boolean }[] {
  let found = stepsByPath.get(path);
  if (!found) {
    found = path.split('.').map((part) => ({ part, index: /^\d+$/.test(part) }));
    if (stepsByPath.size < 10_000) stepsByPath.set(path, found);
  }
  return found;
}

/** What valueAt finds where there is no known value (the attribute helpers read it without a Lookup object per call). */
const UNKNOWN_VALUE = Symbol('unknown');
const ABSENT_VALUE = Symbol('absent');

/**
 * Follows a dotted path (`template.0.min_replicas`). Nested blocks are arrays in the normalised
 * input; a single object where an index is expected is accepted as block 0.
 */
export function lookup(resource: NormalizedResource, path: string): Lookup {
  const value = valueAt(resource, path);
  return value === UNKNOWN_VALUE ? UNKNOWN : value === ABSENT_VALUE ? ABSENT : { state: 'known', value };
}

/** The known value at `path`, or UNKNOWN_VALUE / ABSENT_VALUE (lookup's states). */
function valueAt(resource: NormalizedResource, path: string): unknown {
  const unknown = resource.unknown;
  for (let i = 0; i < unknown.length; i++) {
    const u = unknown[i];
    if (path.startsWith(u) && (path.length === u.length || path.charCodeAt(u.length) === 46)) return UNKNOWN_VALUE;
  }
  let current: unknown = resource.values;
  const pathSteps = steps(path);
  for (let i = 0; i < pathSteps.length; i++) {
    const { part, index } = pathSteps[i];
    if (current === null || current === undefined) return ABSENT_VALUE;
    if (isExpression(current)) return UNKNOWN_VALUE;
    if (index) {
      if (Array.isArray(current)) current = current[Number(part)];
      else if (part !== '0' || typeof current !== 'object') return ABSENT_VALUE;
    } else {
      if (Array.isArray(current)) current = current[0];
      if (typeof current !== 'object' || current === null) return ABSENT_VALUE;
      current = (current as Record<string, unknown>)[part];
    }
  }
  if (current === null || current === undefined) return ABSENT_VALUE;
  if (isExpression(current)) return UNKNOWN_VALUE;
  return current;
}

/** A number attribute; `fallback` when absent (the provider default), CannotPrice when unknown or not a number. */
export function numberAttr(resource: NormalizedResource, path: string, fallback?: number): number {
  const value = valueAt(resource, path);
  if (value === UNKNOWN_VALUE) throw new CannotPrice(`${path} is not known until apply`);
  if (value === ABSENT_VALUE) {
    if (fallback === undefined) throw new CannotPrice(`${path} is not set`);
    return fallback;
  }
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new CannotPrice(`${path} is not a number (${JSON.stringify(value)})`);
  return n;
}

/** A string attribute; `fallback` when absent, CannotPrice when unknown. */
export function stringAttr(resource: NormalizedResource, path: string, fallback?: string): string {
  const value = valueAt(resource, path);
  if (value === UNKNOWN_VALUE) throw new CannotPrice(`${path} is not known until apply`);
  if (value === ABSENT_VALUE) {
    if (fallback === undefined) throw new CannotPrice(`${path} is not set`);
    return fallback;
  }
  if (typeof value !== 'string') throw new CannotPrice(`${path} is not a string (${JSON.stringify(value)})`);
  return value;
}

export function boolAttr(resource: NormalizedResource, path: string, fallback: boolean): boolean {
  const value = valueAt(resource, path);
  if (value === UNKNOWN_VALUE) throw new CannotPrice(`${path} is not known until apply`);
  if (value === ABSENT_VALUE) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new CannotPrice(`${path} is not a boolean (${JSON.stringify(value)})`);
}

/** The blocks at `path` (an array in the normalised input; a lone object counts as one block). */
export function blocks(resource: NormalizedResource, path: string): Record<string, unknown>[] {
  const value = valueAt(resource, path);
  if (value === UNKNOWN_VALUE) throw new CannotPrice(`${path} is not known until apply`);
  if (value === ABSENT_VALUE) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null);
}

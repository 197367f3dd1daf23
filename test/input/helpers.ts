/** Lookups shared by the loader tests. */
import type { NormalizedResource, PolicyInput } from '../../src/input/types';

/** The resource at `address`, or an error listing the addresses there are. */
export function resource(input: PolicyInput, address: string): NormalizedResource {
  const r = input.resources.find((x) => x.address === address);
  if (!r) throw new Error(`no ${address} in ${input.resources.map((x) => x.address).join(', ')}`);
  return r;
}

/** The reference targets of one attribute path, or undefined when it refers to nothing. */
export const targetsOf = (r: NormalizedResource, attribute: string): string[] | undefined =>
  r.references.find((ref) => ref.attribute === attribute)?.targets;

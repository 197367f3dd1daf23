/**
 * Libraries loaded on first use. Most runs (a plan checked with a cached pack, no waivers file, no
 * apg.yaml, no usage file) read no YAML and validate nothing with zod: requiring yaml costs ~30 ms
 * of an apg process, zod ~75–115 ms (the price book, which every estimate reads, is validated once
 * per content: src/cost/pricebook.ts).
 */
export const yamlLib = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
export const zodLib = (): typeof import('zod') => require('zod') as typeof import('zod');

/** `make()` on the first call, its result on every later one (a module's schemas, built when first used). */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

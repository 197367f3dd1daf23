/**
 * The yaml library, loaded on first use: it costs ~30 ms of every apg start, and most runs (a plan
 * checked with a cached pack, no waivers file, no apg.yaml, no usage file) read no YAML. (zod is not
 * deferred: the price book, validated on every estimate, needs it.)
 */
export const yamlLib = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

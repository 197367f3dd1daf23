/**
 * yaml and zod, loaded on first use: together they cost ~90 ms of every apg start, and most runs
 * (a plan checked with a cached pack, no waivers file, no apg.yaml) need neither.
 */
export const yamlLib = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
export const zodLib = (): typeof import('zod') => require('zod') as typeof import('zod');

/**
 * Regenerates src/input/map-attributes.json from the installed @cdktf/provider-azurerm:
 *   npx tsx src/input/generate-map-attributes.ts
 * CDKTF writes a single nested block as a JSON object, exactly like a map attribute (tags), so the
 * loader needs to know which object-valued attribute names are maps. The provider's generated
 * `toTerraform` code says it: maps go through `cdktf.hashMapper`, blocks through `<Struct>ToTerraform`
 * or `listMapper(<Struct>ToTerraform, true)`.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const lib = join(require.resolve('@cdktf/provider-azurerm/package.json'), '..', 'lib');
const mapsByType = new Map<string, Set<string>>();
const blocksByType = new Map<string, Set<string>>();
for (const dir of readdirSync(lib).sort()) {
  const file = join(lib, dir, 'index.js');
  if (!existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  const type = /\.tfResourceType = "([^"]+)"/.exec(text)?.[1];
  if (!type) continue;
  const maps = new Set<string>();
  for (const m of text.matchAll(/^\s*([a-z0-9_]+): cdktf\.hashMapper\(/gm)) maps.add(m[1]);
  const blocks = new Set<string>();
  for (const m of text.matchAll(/^\s*([a-z0-9_]+): (?:[A-Za-z0-9]+ToTerraform\(|cdktf\.listMapper\([A-Za-z0-9]+ToTerraform, true\))/gm)) {
    blocks.add(m[1]);
  }
  mapsByType.set(type, maps);
  blocksByType.set(type, blocks);
}
// A name is a map by default (for every type, other providers included) when more resource types
// use it as a map than as a block; each type then lists its exceptions both ways.
const count = (sets: Map<string, Set<string>>, name: string): number => [...sets.values()].filter((s) => s.has(name)).length;
const allMapNames = new Set([...mapsByType.values()].flatMap((s) => [...s]));
const maps = [...allMapNames].filter((n) => count(mapsByType, n) > count(blocksByType, n)).sort();
const mapDefault = new Set(maps);
const extraMaps: Record<string, string[]> = {};
const blocks: Record<string, string[]> = {};
for (const type of [...mapsByType.keys()].sort()) {
  const own = [...mapsByType.get(type)!].filter((n) => !mapDefault.has(n)).sort();
  const exceptions = [...blocksByType.get(type)!].filter((n) => mapDefault.has(n)).sort();
  if (own.length) extraMaps[type] = own;
  if (exceptions.length) blocks[type] = exceptions;
}
const out = { maps, extraMaps, blocks };
writeFileSync(join(__dirname, 'map-attributes.json'), `${JSON.stringify(out)}\n`);
process.stdout.write(`map-attributes.json: ${maps.length} map names, ${Object.keys(extraMaps).length} types with extra maps, ${Object.keys(blocks).length} with block exceptions\n`);

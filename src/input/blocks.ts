/**
 * CDKTF writes a single nested block as a JSON object (`"template": {...}`), the same way it writes
 * a map attribute (`"tags": {...}`); plans and HCL show blocks as arrays. This puts blocks in
 * arrays and leaves maps alone, using the map attribute names of the azurerm provider schema
 * (map-attributes.json, generated from @cdktf/provider-azurerm by generate-map-attributes.ts).
 */
import { isAzapiDynamic } from './azapi';
import mapAttributes from './map-attributes.json';

const MAPS = new Set(mapAttributes.maps);
const EXTRA_MAPS = mapAttributes.extraMaps as Record<string, string[]>;
const BLOCKS = mapAttributes.blocks as Record<string, string[]>;

export function isMapAttribute(resourceType: string, name: string): boolean {
  if (isAzapiDynamic(resourceType, name)) return true;
  if (EXTRA_MAPS[resourceType]?.includes(name)) return true;
  if (BLOCKS[resourceType]?.includes(name)) return false;
  return MAPS.has(name);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns `values` with every nested block as an array of objects (a new object; input untouched). */
export function wrapBlocks(resourceType: string, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (isObject(value)) {
      out[key] = isMapAttribute(resourceType, key) ? value : [wrapBlocks(resourceType, value)];
    } else if (Array.isArray(value)) {
      out[key] = value.map((item) => (isObject(item) ? wrapBlocks(resourceType, item) : item));
    } else {
      out[key] = value;
    }
  }
  return out;
}

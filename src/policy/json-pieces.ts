/**
 * `JSON.stringify(value)` as pieces that concatenate to it, for writing a large input into the
 * module's memory without making it one string: a string over 128 KB goes to V8's large-object
 * space, on fresh pages the kernel faults in one by one (~3.5 ms a MB on our 2-core VMs), and a
 * 100k-resource plan's input is 54 MB of JSON. Pieces of a few tens of KB stay in the young
 * generation, whose pages are reused.
 */

/** Elements of a top-level array (resources, outputs) stringified per piece: a few tens of KB. */
const ELEMENTS_PER_PIECE = 50;

const hasToJson = (v: object): boolean => typeof (v as { toJSON?: unknown }).toJSON === 'function';

/** A top-level object's members in JSON.stringify's order and form, its large arrays in pieces. */
export function* jsonPieces(value: unknown): Generator<string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype || hasToJson(value)) {
    yield JSON.stringify(value);
    return;
  }
  const doc = value as Record<string, unknown>;
  let members = 0;
  for (const key of Object.keys(doc)) {
    const v = doc[key];
    // As JSON.stringify: members whose value has no JSON form are left out.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const head = `${members++ ? ',' : '{'}${JSON.stringify(key)}:`;
    if (!Array.isArray(v) || v.length <= ELEMENTS_PER_PIECE || hasToJson(v)) {
      yield head + JSON.stringify(v);
      continue;
    }
    yield `${head}[`;
    // Each slice's text without its brackets; JSON.stringify writes a hole or undefined element as null
    // either way. The comma is a piece of its own: prepended, it made a concatenation that encoding
    // must first copy into one flat string (the slice itself is a view of the stringified text).
    for (let i = 0; i < v.length; i += ELEMENTS_PER_PIECE) {
      if (i) yield ',';
      yield JSON.stringify(v.slice(i, i + ELEMENTS_PER_PIECE)).slice(1, -1);
    }
    yield ']';
  }
  yield members ? '}' : '{}';
}

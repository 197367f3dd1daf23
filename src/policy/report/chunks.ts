/**
 * Reports as pieces to write in turn: the items of a long array of an indented JSON document a
 * batch at a time (JSON, SARIF, `apg cost --format json`), or lines a batch at a time (text, GitHub), so a report of 100k
 * findings is never one string (or one object tree) of tens of MB. A string over 128 KB goes to V8's large-object space, on fresh pages the
 * kernel faults in one by one (~2.5 ns a byte on our 2-core VMs); smaller ones stay in the young
 * generation, whose pages are reused, and the writer (src/cli/write.ts) encodes them into one buffer.
 */

/** Items per JSON.stringify call: ~45 KB of findings text. */
export const ITEMS_PER_CHUNK = 100;

/**
 * The items of an array whose items sit at nesting level `depth` of the document, as
 * JSON.stringify(doc, null, 2) writes them (indented by 2 × depth, joined by `,\n`). Wrapped in
 * depth − 1 arrays, `[\n` plus each level's indentation opens the text and the same closes it:
 * depth × (depth + 1) characters at each end (6 for depth 2, 20 for depth 4).
 */
export function itemsAtDepth(items: unknown[], depth: number): string {
  let nested: unknown = items;
  for (let level = 1; level < depth; level++) nested = [nested];
  const cut = depth * (depth + 1);
  return JSON.stringify(nested, null, 2).slice(cut, -cut);
}

/**
 * The items of a non-empty array at level `depth`, each mapped by `map`, `ITEMS_PER_CHUNK` at a
 * time, without the brackets. The separators are chunks of their own: prepended, they made a
 * concatenation that encoding must first copy into one flat string.
 */
export function* itemChunks<T>(items: T[], depth: number, map?: (item: T) => unknown): Generator<string> {
  for (let i = 0; i < items.length; i += ITEMS_PER_CHUNK) {
    const piece = items.slice(i, i + ITEMS_PER_CHUNK);
    if (i) yield ',\n';
    yield itemsAtDepth(map ? piece.map(map) : piece, depth);
  }
}

/** A member of a top-level object: its key, its value, and for an array a map applied to each item as it is written. */
export type Member = [key: string, value: unknown, map?: (item: never) => unknown];

/** `JSON.stringify([v], null, 2)` is `[\n  ` + v at depth 1 + `\n]`. */
const valueAtDepth1 = (value: unknown): string => JSON.stringify([value], null, 2).slice(4, -2);

/** A top-level object's members as JSON.stringify(…, null, 2) writes them, array members a chunk of items at a time (itemChunks), followed by a newline. */
export function* objectChunks(members: Member[]): Generator<string> {
  let written = 0;
  for (const [key, value, mapItem] of members) {
    const map = mapItem as ((item: unknown) => unknown) | undefined;
    // As JSON.stringify: members whose value has no JSON form are left out.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const head = `${written++ ? ',' : '{'}\n  ${JSON.stringify(key)}: `;
    if (!Array.isArray(value) || value.length === 0) {
      yield head + valueAtDepth1(map && Array.isArray(value) ? value.map(map) : value);
      continue;
    }
    yield `${head}[\n`;
    yield* itemChunks(value, 2, map);
    yield '\n  ]';
  }
  yield written ? '\n}\n' : '{}\n';
}

/** Lines per chunk of a line-based report. */
export const LINES_PER_CHUNK = 500;

/** Lines as text, `LINES_PER_CHUNK` at a time, each chunk ending with a newline (lines joined by `\n`, plus one). */
export function* lineChunks(lines: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length >= LINES_PER_CHUNK) {
      yield `${batch.join('\n')}\n`;
      batch = [];
    }
  }
  if (batch.length) yield `${batch.join('\n')}\n`;
}

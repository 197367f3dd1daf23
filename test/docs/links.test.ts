/**
 * The README is a front door and the reference lives in docs/: every relative link between them
 * (and to files of the repository) must resolve, anchors included.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const DOCS = ['README.md', 'policies/README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string =>
  heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

function anchors(text: string): Set<string> {
  const out = new Set<string>();
  let inFence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const m = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.add(slug(m[1]));
  }
  return out;
}

function links(text: string): string[] {
  const body = text.replace(/```[\s\S]*?```/g, '');
  return [...body.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
}

const cases = DOCS.flatMap((doc) => links(readFileSync(join(ROOT, doc), 'utf8')).map((link) => [doc, link] as const));

test('the docs link to each other', () => {
  expect(cases.filter(([doc]) => doc === 'README.md').length).toBeGreaterThan(5);
});

test.each(cases)('%s: link %s resolves', (doc, link) => {
  const [path, anchor] = link.split('#');
  const target = path ? resolve(dirname(join(ROOT, doc)), path) : join(ROOT, doc);
  expect(existsSync(target)).toBe(true);
  if (anchor) expect([...anchors(readFileSync(target, 'utf8'))]).toContain(anchor);
});

test('the README stays a front door (at most about 150 lines)', () => {
  expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(150);
});

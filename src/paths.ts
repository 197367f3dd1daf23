/**
 * The repository root, wherever the code runs from: the TypeScript sources (tsx, jest) or the
 * JavaScript that `npm run compile` emits into dist/ with the same layout (dist/src/…). Files the
 * tool reads at run time (policies/, config/, price books, the runtime's build/) live in the
 * repository, not in dist/.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

function findRoot(): string {
  const up = resolve(__dirname, '..');
  return basename(up) === 'dist' && existsSync(join(dirname(up), 'package.json')) ? dirname(up) : up;
}

export const REPO_ROOT = findRoot();

#!/usr/bin/env node
// The project's CLI. It runs the JavaScript that `npm run compile` emits into dist/ (run by npm ci
// through `prepare`): starting a process that transpiles TypeScript first costs ~0.5 s per call.
// When dist/ is missing or older than a source file (a working tree being edited), it runs the
// TypeScript sources through tsx instead, so an edit is never shadowed by a stale build.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist', 'src', 'cli', 'main.js');

function newestSource(dir, newest) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function fresh() {
  if (process.env.APG_FROM_SOURCE === '1' || !existsSync(compiled)) return false;
  const built = statSync(compiled).mtimeMs;
  return ['src', 'stacks', 'bin'].every((dir) => newestSource(join(root, dir), 0) <= built);
}

if (fresh()) {
  require(compiled);
} else {
  require('tsx/cjs');
  require('../src/cli/main.ts');
}

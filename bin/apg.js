#!/usr/bin/env node
// The project's CLI. tsx runs the TypeScript sources directly, so there is no separate build step.
require('tsx/cjs');
require('../src/cli/main.ts');

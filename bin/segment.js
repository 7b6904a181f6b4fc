#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/bundle/ by `npm run build` (run by `prepare` on
// install): one file and a few lazy chunks instead of ~300 modules for Node to resolve and read.
import '../dist/bundle/cli.js';

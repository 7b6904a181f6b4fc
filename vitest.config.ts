import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/unit: in-process, one file per module of src/ (what `npm run mutate` runs);
    // test/cases.test.ts: the golden CLI cases of test/cases/; test/corpus: the bad-input and
    // real-export corpora; test/cli: what needs the built CLI as a process of its own; and the
    // checks of the repository itself (layers, the golden helper).
    include: ['test/unit/**/*.test.ts', 'test/cases.test.ts', 'test/corpus/*.test.ts', 'test/cli/*.test.ts', 'test/*.test.ts'],
    // The process tests start bin/segment.js, which runs the bundle: built once here from src/.
    globalSetup: ['test/helpers/bundle-setup.ts'],
    // Two files at a time even on two CPUs (vitest's default is one fewer than the CPUs): much of
    // a file's time is waiting (the ClickHouse servers, Chromium, the corpora's reads), and the
    // tests of one file still run one after the other.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // End-to-end tests run DuckDB and the ClickHouse servers; quick, but not instant on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

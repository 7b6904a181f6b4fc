import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests start bin/segment.js, which runs the bundle: built once here from src/.
    globalSetup: ['test/helpers/bundle-setup.ts'],
    // End-to-end tests start the CLI and DuckDB; they are quick, but not instant on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start the CLI and DuckDB; they are quick, but not instant on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

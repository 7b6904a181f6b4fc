import { defineConfig } from 'vitest/config';

// The in-process tests, for mutation testing (npm run mutate): test/unit/, one file per module
// (test/unit/commands/ runs whole command lines in-process, ~40 s, and still kills mutants of the
// analyses it reaches, so it stays); test/cli/ starts the built CLI, which Stryker does not mutate.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

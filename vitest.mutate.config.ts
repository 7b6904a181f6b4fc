import { defineConfig } from 'vitest/config';

// The in-process tests by module, for mutation testing (npm run mutate): test/unit/, one file per
// module. test/unit/commands/ is left out: its tests run whole command lines end to end (about
// 40 s), and the analyses Stryker mutates have their own files; test/cli/ starts the built CLI,
// which Stryker does not mutate.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['test/unit/commands/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

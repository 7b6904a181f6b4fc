import { defineConfig } from 'vitest/config';

// The in-process tests, for mutation testing (npm run mutate). Tests that start the built CLI
// run dist/, which Stryker does not mutate: they would only slow every run down.
export default defineConfig({
  test: {
    include: [
      'test/analysis.test.ts',
      'test/blind-spots.test.ts',
      'test/stats.test.ts',
      'test/decide.test.ts',
      'test/dialect.test.ts',
      'test/mapping.test.ts',
      'test/report.test.ts',
      'test/quantiles.test.ts',
      'test/clv-models.test.ts',
      'test/mutants-*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

// The in-process tests, for mutation testing (npm run mutate). Tests that start the built CLI
// run dist/, which Stryker does not mutate: they would only slow every run down. test/unit/ holds
// the in-process tests by module (one file per module); the files listed after it are the older
// in-process files not yet moved there.
export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
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

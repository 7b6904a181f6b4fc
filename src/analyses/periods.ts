/**
 * Calendar periods for XYZ, numbered so that consecutive periods differ by one. The engine's SQL
 * numbers them the same way (src/sources/files/duckdb/duckdb-engine.ts, periodSql); a test checks both agree.
 */
import type { Period } from '../sources/source.js';

/** Monday 1970-01-05, the first day of week 0. */
const WEEK_ZERO = Date.UTC(1970, 0, 5);

export function periodIndex(date: string, period: Period): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  switch (period) {
    case 'month':
      return y * 12 + m - 1;
    case 'quarter':
      return y * 4 + Math.floor((m - 1) / 3);
    case 'week':
      return Math.floor((Date.parse(`${date}T00:00:00Z`) - WEEK_ZERO) / (7 * 86_400_000));
  }
}

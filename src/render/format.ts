/**
 * Formatting for reports and machine output. The numbers-for-people helpers live in the base
 * (src/text.ts, since ingestion's messages use them too) and are re-exported here.
 */
import { formatInt, formatMoney, formatShare, plural } from '../text.js';

export { formatInt, formatMoney, formatShare, plural };
export { monthsBetween } from '../analysis/window.js';

/** Rounds money to cents for machine output (JSON, CSV). */
export function cents(n: number): number {
  const v = Math.round(n * 100) / 100;
  return Object.is(v, -0) ? 0 : v;
}

/** Rounds a fraction for machine output: six decimals keep every share reproducible. */
export function fraction(n: number): number {
  const v = Math.round(n * 1e6) / 1e6;
  return Object.is(v, -0) ? 0 : v;
}

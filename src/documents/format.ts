/**
 * Formatting for reports and machine output. The numbers-for-people helpers live in the base
 * (src/kernel/text.ts, since ingestion's messages use them too) and are re-exported here.
 */
import { formatInt, formatMoney, formatShare, plural } from '../kernel/text.js';

export { formatInt, formatMoney, formatShare, plural };
export { monthsBetween } from '../analyses/window.js';

/**
 * A number for people with comma thousands and a fixed count of decimals, like formatInt and
 * formatMoney: so that one line never mixes `11669.8` and `11,419`.
 */
export function formatDecimal(n: number, digits: number): string {
  if (!Number.isFinite(n)) return String(n);
  const v = Math.abs(n).toFixed(digits);
  const [whole, decimals] = v.split('.');
  const zero = Number(v) === 0;
  return `${n < 0 && !zero ? '-' : ''}${formatInt(Number(whole))}${decimals !== undefined ? `.${decimals}` : ''}`;
}

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

/**
 * Decimals for a column of shares (as percentages) that tell its rows apart: one, as everywhere,
 * unless a non-zero share would read 0.0%; then enough for two significant digits of the
 * smallest (0.015%, not 0.0% for every top customer of thousands), at most four.
 */
export function shareDigits(fractions: readonly number[]): number {
  let smallest = Infinity;
  for (const f of fractions) if (f !== 0 && Math.abs(f) < smallest) smallest = Math.abs(f);
  if (!Number.isFinite(smallest) || smallest * 100 >= 0.05) return 1;
  return Math.max(1, Math.min(4, Math.ceil(-Math.log10(smallest * 100)) + 1));
}

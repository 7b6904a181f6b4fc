import { daysBetween } from '../analysis/stats.js';

/**
 * Number and date formatting for people. Output is deterministic: fixed locale (en-US digits,
 * comma thousands), money to cents, shares as percentages with one decimal.
 */

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatInt(n: number): string {
  return INT.format(n);
}

/** Money to cents; -0 is shown as 0.00. */
export function formatMoney(n: number): string {
  const cents = Math.round(n * 100) / 100;
  return MONEY.format(Object.is(cents, -0) ? 0 : cents);
}

/** A fraction as a percentage: 0.1234 is `12.3%`. */
export function formatShare(fraction: number, digits = 1): string {
  const v = fraction * 100;
  const s = v.toFixed(digits);
  return `${s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s}%`;
}

export function formatNumber(n: number, digits = 2): string {
  return n.toFixed(digits);
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

/** Whole and fractional months between two ISO dates, as a calendar reader counts them. */
export function monthsBetween(a: string, b: string): number {
  return daysBetween(a, b) / (365.25 / 12);
}

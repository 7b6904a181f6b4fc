/**
 * The one reader of numeric option values (--top, --skip, --threads, --bins, --ideal,
 * --max-reject-rate, ...): each says what it takes and echoes the value it refused, the same way
 * for every option.
 */
import { UsageError } from '../errors.js';

/** A whole number, optionally within `min`..`max`; surrounding spaces are allowed. */
export function wholeNumber(name: string, value: string, range?: { readonly min: number; readonly max: number }): number {
  const n = Number(value);
  const fits = /^\d+$/.test(value.trim()) && (range === undefined || (n >= range.min && n <= range.max));
  if (!fits) throw new UsageError(`--${name} takes a whole number${range ? ` from ${range.min} to ${range.max}` : ''}, not '${value}'`);
  return n;
}

/** A whole number, or undefined when the option was not given. */
export function optionalWholeNumber(name: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : wholeNumber(name, value);
}

/** A percentage (`20`, `0.5%`) within `min`..`max` percent, as a fraction: `20` is 0.2. */
export function percentage(name: string, value: string, range: { readonly min?: number; readonly max?: number } = {}): number {
  const m = /^\s*([-+]?(?:\d+(?:\.\d+)?|\.\d+))\s*%?\s*$/.exec(value);
  if (!m) throw new UsageError(`--${name} takes a percentage such as 1 or 0.5%, not '${value}'`);
  const pct = Number(m[1]);
  const min = range.min ?? 0;
  const max = range.max ?? 100;
  if (pct < min || pct > max) throw new UsageError(`--${name} takes a percentage from ${min} to ${max}, not '${value}'`);
  return pct / 100;
}

/** A non-negative amount of money, such as 25 or 12.50. */
export function amount(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes an amount such as 25 or 12.50, not '${value}'`);
  return n;
}

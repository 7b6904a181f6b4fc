/**
 * The one reader of numeric option values (--top, --skip, --threads, --bins, --ideal,
 * --max-reject-rate, ...): each says what it takes and echoes the value it refused, the same way
 * for every option.
 */
import { UsageError } from './errors.js';

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

/** A number of days from 1 to `max`, such as `--horizon 365`. */
export function dayCount(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > max) throw new UsageError(`--${name} takes a number of days from 1 to ${max}, not '${value}'`);
  return n;
}

/** A yearly rate as a fraction (`0.1`) or a percentage (`10%`), from 0 to `max` (a fraction). */
export function yearlyRate(name: string, value: string, max: number): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(value);
  const rate = m ? Number(m[1]) / (m[2] === '%' ? 100 : 1) : Number.NaN;
  if (!(rate >= 0 && rate <= max)) throw new UsageError(`--${name} takes a yearly rate such as 0.1 or 10%, not '${value}'`);
  return rate;
}

/** A positive number of seconds, such as 300 or 2.5. */
export function seconds(name: string, value: string): number {
  const n = Number(value);
  if (!/^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.test(value) || !(n > 0)) throw new UsageError(`--${name} takes a number of seconds, not '${value}'`);
  return n;
}

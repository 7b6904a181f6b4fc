/**
 * The tracking diagnostic (Fader, Hardie & Lee 2005, figures 1 and 2; lifetimes'
 * plot_cumulative_transactions and plot_incremental_transactions): repeat purchases per week,
 * and cumulated, of the calibration customers over calibration and holdout, actual against the
 * model. The model's cumulative repeat purchases by day D are Σ_i E[X((D − first_i) / unit)],
 * E[X(t)] the model's unconditional expectation for a customer who first bought at time 0.
 */
import { daysBetween } from '../stats.js';

export interface TrackingWeek {
  /** First and last day of the week (the first and last weeks can be shorter: see tracking). */
  readonly start: string;
  readonly end: string;
  readonly holdout: boolean;
  readonly actual: number;
  readonly expected: number;
  readonly actualCumulative: number;
  readonly expectedCumulative: number;
}

export interface TrackingResult {
  readonly from: string;
  readonly to: string;
  /** The first day of the holdout; null without one (the tracking then covers the calibration). */
  readonly holdoutFrom: string | null;
  readonly weeks: readonly TrackingWeek[];
}

const DAY_MS = 86_400_000;
const iso = (origin: string, days: number): string => new Date(Date.parse(`${origin}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * `firstDates`: each calibration customer's first purchase day; `actual`: repeat purchase days per
 * date (the engine's repeatPurchasesByDay); `perUnit`: days per model time unit. Weeks run from
 * the holdout's first day (so that no week straddles the two periods), or without one from the
 * first day; the first and last weeks are cut at the period's ends.
 */
export function tracking(
  firstDates: readonly string[],
  unconditional: (t: number) => number,
  perUnit: number,
  actual: readonly { readonly date: string; readonly purchases: number }[],
  period: { readonly from: string; readonly to: string; readonly holdoutFrom: string | null },
): TrackingResult {
  const days = daysBetween(period.from, period.to) + 1;
  // Customers by first purchase day, as days from `from`.
  const firsts = new Map<number, number>();
  for (const d of firstDates) {
    const k = daysBetween(period.from, d);
    firsts.set(k, (firsts.get(k) ?? 0) + 1);
  }
  // E[X(lag)] once per whole lag in days: the cumulative expectation is a sum over first days.
  const lagged = Float64Array.from({ length: days }, (_, lag) => unconditional(lag / perUnit));
  const expectedBy = (day: number): number => {
    let sum = 0;
    for (const [first, count] of firsts) if (first <= day) sum += count * lagged[day - first]!;
    return sum;
  };
  // A date outside the period is an index outside the typed array, whose writes are ignored:
  // no range check is needed (one would be a branch no result depends on).
  const perDay = new Float64Array(days);
  for (const a of actual) perDay[daysBetween(period.from, a.date)]! += a.purchases;
  const anchor = period.holdoutFrom === null ? 0 : daysBetween(period.from, period.holdoutFrom);
  const holdoutDay = period.holdoutFrom === null ? Infinity : anchor;
  // Week boundaries: anchor + 7k, within [0, days).
  const starts: number[] = [];
  for (let s = anchor - 7 * Math.ceil(anchor / 7); s < days; s += 7) starts.push(Math.max(0, s));
  const weeks: TrackingWeek[] = [];
  let actualCumulative = 0;
  let expectedBefore = 0;
  starts.forEach((s, i) => {
    // Every start is below days: a week ends the day before the next one, the last on the last day.
    const e = (starts[i + 1] ?? days) - 1;
    let actualWeek = 0;
    for (let d = s; d <= e; d++) actualWeek += perDay[d]!;
    actualCumulative += actualWeek;
    const expectedCumulative = expectedBy(e);
    weeks.push({ start: iso(period.from, s), end: iso(period.from, e), holdout: s >= holdoutDay, actual: actualWeek, expected: expectedCumulative - expectedBefore, actualCumulative, expectedCumulative });
    expectedBefore = expectedCumulative;
  });
  return { from: period.from, to: period.to, holdoutFrom: period.holdoutFrom, weeks };
}

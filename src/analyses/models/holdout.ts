/**
 * The holdout check of Fader, Hardie & Lee (2005): fit on a calibration period, predict each
 * calibration customer's purchases in the holdout period, and compare with what they did.
 */
import type { History } from './clv.js';
import type { Predictor } from './purchase-model.js';

/** Rows of the paper's table: 0, 1, …, 6 calibration repeat purchases, then 7 and more. */
export const HOLDOUT_GROUPS = 8;

export interface HoldoutRow {
  /** Calibration repeat purchases; the last row is "this many or more". */
  readonly x: number;
  readonly atLeast: boolean;
  readonly customers: number;
  readonly predictedMean: number;
  readonly actualMean: number;
}

export interface HoldoutResult {
  readonly from: string;
  readonly to: string;
  /** Holdout length in the time unit. */
  readonly length: number;
  readonly customers: number;
  readonly predicted: number;
  readonly actual: number;
  readonly meanAbsoluteError: number;
  readonly rows: readonly HoldoutRow[];
  /** Per customer, in the histories' order. */
  readonly perCustomer: readonly { readonly key: string; readonly predicted: number; readonly actual: number }[];
}

/**
 * `actual` maps a customer to their purchase days in the holdout (absent: none). Customers who
 * first bought in the holdout are not in the histories and not compared.
 */
export function holdoutCheck(hs: readonly History[], p: Predictor, actual: ReadonlyMap<string, number>, period: { from: string; to: string; length: number }): HoldoutResult {
  const cache = new Map<string, number>();
  const perCustomer = hs.map((h) => {
    const key = `${h.x}|${h.tx}|${h.T}`;
    let e = cache.get(key);
    if (e === undefined) {
      e = p.conditional(h.x, h.tx, h.T, period.length);
      cache.set(key, e);
    }
    return { key: h.key, x: h.x, predicted: e, actual: actual.get(h.key) ?? 0 };
  });
  const groups = Array.from({ length: HOLDOUT_GROUPS }, (_, x) => ({ x, n: 0, predicted: 0, actual: 0 }));
  let predicted = 0;
  let observed = 0;
  let absError = 0;
  for (const c of perCustomer) {
    const g = groups[Math.min(c.x, HOLDOUT_GROUPS - 1)]!;
    g.n++;
    g.predicted += c.predicted;
    g.actual += c.actual;
    predicted += c.predicted;
    observed += c.actual;
    absError += Math.abs(c.predicted - c.actual);
  }
  const n = perCustomer.length;
  return {
    ...period,
    customers: n,
    predicted,
    actual: observed,
    meanAbsoluteError: n > 0 ? absError / n : 0,
    rows: groups.map((g) => ({ x: g.x, atLeast: g.x === HOLDOUT_GROUPS - 1, customers: g.n, predictedMean: g.n > 0 ? g.predicted / g.n : 0, actualMean: g.n > 0 ? g.actual / g.n : 0 })),
    perCustomer: perCustomer.map(({ key, predicted: pr, actual: a }) => ({ key, predicted: pr, actual: a })),
  };
}

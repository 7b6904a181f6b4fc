/**
 * Bootstrap intervals for the predictions (`clv --intervals N --seed S`): the customers are
 * resampled with replacement N times, both models refitted on each resample (the same purchase
 * model; a replicate may land at one of its limits), and every original customer predicted with
 * each replicate's fit. The 80% interval is the 10th to 90th percentile (type 7) of a customer's
 * N predictions, and likewise for the totals. A seeded generator makes the result byte-identical.
 * Memory: N × customers × 2 numbers (single precision).
 */
import { DataError } from '../../kernel/errors.js';
import { quantileType7 } from '../quantiles.js';
import { checkRepeatBuyers, fitSpend, predictUnranked, type ClvResult, type History } from './clv.js';
import { uniqueTriples } from './bgnbd.js';
import { fitPurchaseModel } from './purchase-model.js';
import { mulberry32 } from '../../kernel/random.js';

export const INTERVAL_LEVEL = 0.8;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface BootstrapResult {
  readonly replicates: number;
  readonly seed: number;
  /** Replicates whose refit failed (no model applied to the resample), left out. */
  readonly failed: number;
  /** Per customer key. */
  readonly purchases: ReadonlyMap<string, Interval>;
  /** Per customer key; empty without a spend model. */
  readonly clv: ReadonlyMap<string, Interval>;
  readonly totalPurchases: Interval;
  readonly totalClv: Interval | null;
}

function interval(values: ArrayLike<number>): Interval {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const tail = (1 - INTERVAL_LEVEL) / 2;
  return { low: quantileType7(sorted, tail)!, high: quantileType7(sorted, 1 - tail)! };
}

export function bootstrap(hs: readonly History[], result: ClvResult, replicates: number, seed: number): BootstrapResult {
  const n = hs.length;
  const random = mulberry32(seed);
  const purchases: Float32Array[] = [];
  const clvs: Float32Array[] = [];
  const totals: number[] = [];
  const clvTotals: number[] = [];
  let failed = 0;
  for (let b = 0; b < replicates; b++) {
    const sample = Array.from({ length: n }, () => hs[Math.floor(random() * n)]!);
    try {
      checkRepeatBuyers(sample);
      const fit = fitPurchaseModel(result.purchase.model, uniqueTriples(sample));
      const spend = result.spend === null ? null : fitSpend(sample).spend;
      const p = predictUnranked(hs, fit.predict, spend, result.params);
      purchases.push(Float32Array.from(p.purchases));
      totals.push(p.purchases.reduce((s, v) => s + v, 0));
      if (spend !== null) {
        clvs.push(Float32Array.from(p.clv));
        clvTotals.push(p.clv.reduce((s, v) => s + v, 0));
      }
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      failed++;
    }
  }
  if (purchases.length < 2) throw new DataError(`the bootstrap failed: ${failed} of ${replicates} resamples could not be fitted (more customers, or fewer --intervals, would help)`);
  const perCustomer = (rows: Float32Array[]): Map<string, Interval> => {
    const out = new Map<string, Interval>();
    const column = new Float64Array(rows.length);
    for (let i = 0; i < n; i++) {
      for (let b = 0; b < rows.length; b++) column[b] = rows[b]![i]!;
      out.set(hs[i]!.key, interval(column));
    }
    return out;
  };
  return {
    replicates,
    seed,
    failed,
    purchases: perCustomer(purchases),
    clv: clvs.length > 0 ? perCustomer(clvs) : new Map(),
    totalPurchases: interval(totals),
    totalClv: clvTotals.length > 0 ? interval(clvTotals) : null,
  };
}

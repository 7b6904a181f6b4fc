/**
 * The CLV columns of `segment customers --clv`: per customer P(alive), expected purchases and
 * CLV over the horizon, a churn risk from P(alive), a spend tier from CLV, and the expected date
 * of the next order. Pure: from a ClvResult to a map by customer key; `predictedColumns` fits
 * the models on the engine's data first.
 */
import type { Source } from '../sources/source.js';
import { DataError } from '../kernel/errors.js';
import type { BootstrapResult, Interval } from './models/bootstrap.js';
import type { ClvOptions } from './clv-run.js';
import { UNIT_DAYS, type ClvResult } from './models/clv.js';
import { quantileType7 } from './quantiles.js';

/** P(alive) below LOW_ALIVE is a high churn risk; below HIGH_ALIVE a medium one; else low. */
export const LOW_ALIVE = 0.3;
export const HIGH_ALIVE = 0.7;

export type Level = 'low' | 'medium' | 'high';

export interface CustomerClv {
  readonly pAlive: number;
  readonly expectedPurchases: number;
  /** Null without a spend model. */
  readonly clv: number | null;
  readonly churnRisk: Level;
  /** Null without a spend model. */
  readonly spendTier: Level | null;
  /** ISO date; null where the expected waiting time is not finite (r + x ≤ 1). */
  readonly expectedNextOrder: string | null;
  /** With --intervals: the 80% bootstrap intervals (null where the customer has none). */
  readonly purchasesInterval?: Interval | null;
  readonly clvInterval?: Interval | null;
}

export function churnRisk(pAlive: number): Level {
  return pAlive < LOW_ALIVE ? 'high' : pAlive < HIGH_ALIVE ? 'medium' : 'low';
}

/** The CLV terciles (R's type-7 quantiles at 1/3 and 2/3) among the customers with a repeat purchase. */
export function spendTierCuts(result: ClvResult): { low: number; high: number } | null {
  const clvs = result.customers.filter((c) => c.x > 0 && c.clv !== null).map((c) => c.clv!);
  if (clvs.length === 0) return null;
  const sorted = Float64Array.from(clvs).sort();
  return { low: quantileType7(sorted, 1 / 3)!, high: quantileType7(sorted, 2 / 3)! };
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + Math.round(days) * 86_400_000).toISOString().slice(0, 10);

/**
 * Given alive, a customer buys at rate λ whose posterior is Gamma(r + x, α + T) in every model
 * here (the drop-out terms do not involve λ once alive at T), so the expected time to the next
 * purchase is E[1/λ] = (α + T) / (r + x − 1), finite only for r + x > 1.
 */
export function expectedWait(r: number, alpha: number, x: number, T: number): number | null {
  return r + x > 1 ? (alpha + T) / (r + x - 1) : null;
}

export function customerClvColumns(result: ClvResult, intervals: BootstrapResult | null = null): Map<string, CustomerClv> {
  const cuts = spendTierCuts(result);
  const { r, alpha } = result.purchase.params as { r: number; alpha: number };
  const perUnit = UNIT_DAYS[result.params.unit];
  const out = new Map<string, CustomerClv>();
  for (const c of result.customers) {
    const wait = expectedWait(r, alpha, c.x, c.T);
    out.set(c.key, {
      pAlive: c.pAlive,
      expectedPurchases: c.expectedPurchases,
      clv: c.clv,
      churnRisk: churnRisk(c.pAlive),
      spendTier: c.clv === null || cuts === null ? null : c.clv < cuts.low ? 'low' : c.clv < cuts.high ? 'medium' : 'high',
      // From the as-of date: the waiting time is memoryless given the rate.
      expectedNextOrder: wait === null || wait * perUnit > 36_525 ? null : addDays(result.params.asOf, wait * perUnit),
      ...(intervals ? { purchasesInterval: intervals.purchases.get(c.key) ?? null, clvInterval: intervals.clv.get(c.key) ?? null } : {}),
    });
  }
  return out;
}

/** The columns' method, for the JSON document and the help. */
export function customerClvMethod(result: ClvResult, intervals: BootstrapResult | null = null): string[] {
  const cuts = spendTierCuts(result);
  return [
    ...(intervals
      ? [`*_low and *_high: 80% bootstrap intervals (10th to 90th percentile over ${intervals.replicates - intervals.failed} resamples of the customers, both models refitted; seed ${intervals.seed}).`]
      : []),
    `p_alive, expected_purchases and clv as segment clv computes them (${result.purchase.model}; ${result.params.horizonDays} days ahead from ${result.params.asOf}).`,
    `churn_risk from P(alive): high below ${LOW_ALIVE}, medium from ${LOW_ALIVE} to below ${HIGH_ALIVE}, low from ${HIGH_ALIVE}.`,
    cuts === null
      ? 'spend_tier: not given (no spend model, or no repeat buyer).'
      : `spend_tier by CLV tercile among the customers with a repeat purchase: low below ${cuts.low.toFixed(2)}, medium below ${cuts.high.toFixed(2)}, high from there (the same cut points for every customer).`,
    'expected_next_order: the as-of date plus the expected time to the next purchase given the customer is alive, (α + T) / (r + x − 1); empty where that expectation is not finite (r + x ≤ 1) or beyond 100 years.',
  ];
}

/** The CLV settings of `customers --clv`, parsed. */
export type CustomerClvSettings = Pick<ClvOptions, 'model' | 'intervals' | 'horizonDays' | 'discountRate'>;

/** The --clv columns by customer key, and their method; a fit that fails leaves them empty, with the reason among the warnings. */
export async function predictedColumns(source: Source, p: { asOf: string; windowStart: string }, clv: CustomerClvSettings, warnings: string[]): Promise<{ columns: Map<string, CustomerClv>; method: string[] }> {
  const { runClv } = await import('./clv-run.js');
  try {
    const run = await runClv(source, { asOf: p.asOf, from: p.windowStart, unit: 'day', ...(clv.model ? { model: clv.model } : {}), ...(clv.intervals ? { intervals: clv.intervals } : {}), horizonDays: clv.horizonDays, discountRate: clv.discountRate });
    // The window's own warnings are the sheet's already; the models' and the bootstrap's are new.
    const failed = run.intervals?.failed ?? 0;
    warnings.push(...[...run.result.warnings, ...(failed > 0 ? [`${failed} bootstrap resamples could not be fitted and are left out of the intervals`] : [])].map((w) => `--clv: ${w}`));
    return { columns: customerClvColumns(run.result, run.intervals), method: customerClvMethod(run.result, run.intervals) };
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    warnings.push(`--clv: no prediction, the CLV columns are empty: ${err.message}`);
    return { columns: new Map(), method: [] };
  }
}

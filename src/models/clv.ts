/**
 * Predicted value per customer: BG/NBD for how many purchases, Gamma-Gamma for how much each,
 * from the engine's per-customer summary. Pure: no I/O; a fit that fails is a DataError.
 */
import type { CustomerSummary } from '../engine/engine.js';
import { DataError } from '../errors.js';
import { daysBetween } from '../analysis/stats.js';
import { conditionalExpectedPurchases, fitBgNbd, pAlive, tripleIndex, uniqueTriples, type BgNbdFit, type BgNbdParams } from './bgnbd.js';
import { expectedSpend, fitGammaGamma, type GammaGammaFit, type GammaGammaParams } from './gamma-gamma.js';

export type TimeUnit = 'day' | 'week' | 'month';

/** Days per time unit; a month is a twelfth of a Julian year. */
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

/** Fewer repeat buyers than this: the models cannot be told apart from noise. */
export const MIN_REPEAT_BUYERS = 10;

/** |correlation| of frequency and mean spend from which Gamma-Gamma's independence is doubtful. */
export const STRONG_CORRELATION = 0.3;

export interface ClvParams {
  readonly asOf: string;
  readonly unit: TimeUnit;
  readonly horizonDays: number;
  /** Yearly; 0.1 is 10 %. */
  readonly discountRate: number;
}

/** A customer's history in model terms. */
export interface History {
  readonly key: string;
  readonly name: string;
  /** The first and last purchase days (days of refunds only are none). */
  readonly firstDate: string;
  readonly lastDate: string;
  /** Repeat purchases: purchase days after the first. */
  readonly x: number;
  /** Time from the first to the last purchase day, and to the as-of date, in the unit. */
  readonly tx: number;
  readonly T: number;
  /** Net spend of the repeat purchase days, per day; null for one-time buyers. */
  readonly repeatSpend: number | null;
  readonly revenue: number;
}

export interface ClvCustomer extends History {
  readonly pAlive: number;
  readonly expectedPurchases: number;
  readonly expectedSpend: number;
  readonly clv: number;
  readonly rank: number;
}

export interface ClvResult {
  readonly params: ClvParams;
  readonly bgnbd: BgNbdFit;
  readonly gammaGamma: GammaGammaFit;
  /** Pearson correlation of x and mean repeat spend over the spend model's customers. */
  readonly correlation: number | null;
  readonly customers: readonly ClvCustomer[];
  /** Customers without a single day of positive net amount: no history to model. */
  readonly noPurchaseDay: number;
  /** Repeat buyers left out of the spend model: mean repeat spend not positive. */
  readonly spendLeftOut: number;
  readonly spendCustomers: number;
  readonly warnings: readonly string[];
}

/** Model histories from the summary; customers without a purchase day are counted, not modelled. */
export function histories(summaries: readonly CustomerSummary[], asOf: string, unit: TimeUnit): { histories: History[]; noPurchaseDay: number } {
  const per = UNIT_DAYS[unit];
  const out: History[] = [];
  let noPurchaseDay = 0;
  for (const c of summaries) {
    if (c.purchaseDays < 1) {
      noPurchaseDay++;
      continue;
    }
    const x = c.purchaseDays - 1;
    out.push({
      key: c.customer,
      name: c.name,
      firstDate: c.firstPurchaseDate,
      lastDate: c.lastPurchaseDate,
      x,
      // From the first to the last purchase day: a later day of refunds only is no purchase, and
      // does not make the customer look recent (its amount stays in the net repeat spend).
      tx: x === 0 ? 0 : daysBetween(c.firstPurchaseDate, c.lastPurchaseDate) / per,
      T: daysBetween(c.firstPurchaseDate, asOf) / per,
      repeatSpend: x === 0 ? null : (c.revenue - c.firstDayRevenue) / x,
      revenue: c.revenue,
    });
  }
  return { histories: out, noPurchaseDay };
}

/** Pearson's r; null for fewer than two points or no variation. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Fits both models; too few repeat buyers or a failed fit is a DataError that says what is missing. */
export function fitModels(hs: readonly History[]): { bgnbd: BgNbdFit; gammaGamma: GammaGammaFit; spendCustomers: number; spendLeftOut: number; correlation: number | null } {
  const repeat = hs.filter((h) => h.x > 0);
  if (repeat.length < MIN_REPEAT_BUYERS) {
    throw new DataError(`too few repeat buyers to fit the purchase model: ${repeat.length} of ${hs.length} customers bought on more than one day; it needs at least ${MIN_REPEAT_BUYERS} (use a longer window or an earlier --as-of)`);
  }
  const bgnbd = fitBgNbd(uniqueTriples(hs));
  if (!bgnbd.converged) throw new DataError(`the purchase model (BG/NBD) could not be fitted: ${bgnbd.problem}`);
  const spenders = repeat.filter((h) => h.repeatSpend! > 0);
  if (spenders.length < MIN_REPEAT_BUYERS) {
    throw new DataError(`too few repeat buyers with a positive repeat spend to fit the spend model: ${spenders.length}; it needs at least ${MIN_REPEAT_BUYERS}`);
  }
  const gammaGamma = fitGammaGamma(spenders.map((h) => ({ x: h.x, m: h.repeatSpend! })));
  if (!gammaGamma.converged) throw new DataError(`the spend model (Gamma-Gamma) could not be fitted: ${gammaGamma.problem}`);
  const correlation = pearson(spenders.map((h) => h.x), spenders.map((h) => h.repeatSpend!));
  return { bgnbd, gammaGamma, spendCustomers: spenders.length, spendLeftOut: repeat.length - spenders.length, correlation };
}

/**
 * Expected purchases over the horizon and their present value per unit of spend: the horizon is
 * cut into months (the last one shorter); a month's expected purchases are discounted from its
 * end at the yearly rate, compounded yearly: 1 / (1 + rate)^(days / 365.25).
 */
export function discountedPurchases(p: BgNbdParams, h: { x: number; tx: number; T: number }, params: ClvParams): { purchases: number; discounted: number } {
  const per = UNIT_DAYS[params.unit];
  const at = (days: number): number => conditionalExpectedPurchases(p, h.x, h.tx, h.T, days / per);
  const purchases = at(params.horizonDays);
  if (params.discountRate === 0) return { purchases, discounted: purchases };
  const month = 365.25 / 12;
  let discounted = 0;
  let before = 0;
  for (let end = month; before < purchases && end - month < params.horizonDays; end += month) {
    const days = Math.min(end, params.horizonDays);
    const now = days === params.horizonDays ? purchases : at(days);
    discounted += (now - before) / (1 + params.discountRate) ** (days / 365.25);
    before = now;
  }
  return { purchases, discounted };
}

/** Per customer P(alive), expected purchases and spend, and CLV; ranked by CLV (ties: key). */
export function predict(hs: readonly History[], bg: BgNbdParams, gg: GammaGammaParams, params: ClvParams): ClvCustomer[] {
  const n = hs.length;
  const alive = new Float64Array(n);
  const purchases = new Float64Array(n);
  const spend = new Float64Array(n);
  const clv = new Float64Array(n);
  // Customers with the same history get the same prediction: computed once per triple.
  const { triples, index } = tripleIndex(hs);
  const perTriple = triples.map((t) => ({ ...discountedPurchases(bg, t, params), alive: pAlive(bg, t.x, t.tx, t.T) }));
  for (let i = 0; i < n; i++) {
    const h = hs[i]!;
    const e = perTriple[index[i]!]!;
    // A non-positive net repeat spend counts as 0: the estimate shrinks towards the population.
    spend[i] = expectedSpend(gg, h.x, Math.max(h.repeatSpend ?? 0, 0));
    alive[i] = e.alive;
    purchases[i] = e.purchases;
    clv[i] = e.discounted * spend[i]!;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => clv[j]! - clv[i]! || (hs[i]!.key < hs[j]!.key ? -1 : hs[i]!.key > hs[j]!.key ? 1 : 0));
  return order.map((i, rank) => {
    const h = hs[i]!;
    // Fields listed, not spread: spreading 200,000 histories into wider objects took seconds.
    return {
      key: h.key, name: h.name, firstDate: h.firstDate, lastDate: h.lastDate, x: h.x, tx: h.tx, T: h.T, repeatSpend: h.repeatSpend, revenue: h.revenue,
      pAlive: alive[i]!, expectedPurchases: purchases[i]!, expectedSpend: spend[i]!, clv: clv[i]!, rank: rank + 1,
    };
  });
}

export function clvFromSummary(summaries: readonly CustomerSummary[], params: ClvParams): ClvResult {
  const h = histories(summaries, params.asOf, params.unit);
  const fit = fitModels(h.histories);
  const warnings: string[] = [];
  if (fit.bgnbd.note !== null) warnings.push(fit.bgnbd.note);
  if (fit.correlation !== null && Math.abs(fit.correlation) >= STRONG_CORRELATION) {
    warnings.push(`frequency and mean spend are correlated (r = ${fit.correlation.toFixed(2)}): the spend model assumes they are not, so its expected spend (and CLV) is biased`);
  }
  if (h.noPurchaseDay > 0) warnings.push(`${h.noPurchaseDay} customers have no day with a positive net amount and are left out of the models`);
  if (fit.spendLeftOut > 0) warnings.push(`${fit.spendLeftOut} repeat buyers with a net repeat spend of 0 or less are left out of the spend model`);
  return {
    params,
    bgnbd: fit.bgnbd,
    gammaGamma: fit.gammaGamma,
    correlation: fit.correlation,
    customers: predict(h.histories, fit.bgnbd.params, fit.gammaGamma.params, params),
    noPurchaseDay: h.noPurchaseDay,
    spendLeftOut: fit.spendLeftOut,
    spendCustomers: fit.spendCustomers,
    warnings,
  };
}

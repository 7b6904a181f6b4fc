/**
 * Predicted value per customer: a purchase model (BG/NBD, MBG/NBD or Pareto/NBD) for how many
 * purchases, Gamma-Gamma (or its limit) for how much each, from the engine's per-customer
 * summary. Pure: no I/O. A fit at a model's limit is a result with a warning; only data that no
 * model applies to (too few repeat buyers) is a DataError, which says what would help.
 */
import type { CustomerSummary } from '../../sources/source.js';
import { DataError } from '../../kernel/errors.js';
import { daysBetween } from '../stats.js';
import { tripleIndex, uniqueTriples } from './bgnbd.js';
import { fitPurchaseModel, MODEL_TITLES, PURCHASE_MODELS, type Predictor, type PurchaseFit, type PurchaseModelName } from './purchase-model.js';
import { fitSpendModel, type SpendFit } from './spend-model.js';
import type { CLV_VALUES, SPEND_MODELS, TIME_UNITS } from '../../parameter-values.js';

export type TimeUnit = (typeof TIME_UNITS)[number];

/** Days per time unit; a month is a twelfth of a Julian year. */
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

/** Fewer repeat buyers than this: the models cannot be told apart from noise. */
export const MIN_REPEAT_BUYERS = 10;

/** |correlation| of frequency and mean spend from which Gamma-Gamma's independence is doubtful. */
export const STRONG_CORRELATION = 0.3;

export type ModelChoice = PurchaseModelName | 'auto';
export type SpendModelChoice = (typeof SPEND_MODELS)[number];
/** What the spend model is fitted on: net revenue, or margin (`clv --value margin`). */
export type ClvValue = (typeof CLV_VALUES)[number];

export interface ClvParams {
  readonly asOf: string;
  /** The purchase model; `auto` fits all three and picks one (see ClvResult.selection). */
  readonly model: ModelChoice;
  readonly spendModel: SpendModelChoice;
  /** The money the spend model and CLV are in (default revenue). */
  readonly value?: ClvValue;
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
  /** Net spend (with --value margin: margin) of the repeat purchase days, per day; null for one-time buyers. */
  readonly repeatSpend: number | null;
  readonly revenue: number;
}

export interface ClvCustomer extends History {
  readonly pAlive: number;
  readonly expectedPurchases: number;
  /** Null with --spend-model none. */
  readonly expectedSpend: number | null;
  readonly clv: number | null;
  readonly rank: number;
}

/** How the purchase model was chosen: as asked, or (auto) by likelihood or by holdout error. */
export interface ModelSelection {
  readonly by: 'asked' | 'likelihood' | 'holdout';
  /** In words, for the method and the warnings. */
  readonly reason: string;
}

export interface ClvResult {
  readonly params: ClvParams;
  /** The purchase model used for the predictions. */
  readonly purchase: PurchaseFit;
  /** Every purchase model fitted (one, or three with auto), in PURCHASE_MODELS order. */
  readonly fits: readonly PurchaseFit[];
  readonly selection: ModelSelection;
  /** Null with --spend-model none. */
  readonly spend: SpendFit | null;
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
export function histories(summaries: readonly CustomerSummary[], asOf: string, unit: TimeUnit, value: ClvValue = 'revenue'): { histories: History[]; noPurchaseDay: number } {
  const per = UNIT_DAYS[unit];
  const repeatValue = value === 'margin' ? repeatMargin : (c: CustomerSummary) => c.revenue - c.firstDayRevenue;
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
      repeatSpend: x === 0 ? null : repeatValue(c) / x,
      revenue: c.revenue,
    });
  }
  return { histories: out, noPurchaseDay };
}

/**
 * The margin of a customer's repeat purchase days: all margin less the first purchase day's. A
 * data error when either is missing: a repeat spend made up for a customer is a wrong figure.
 */
function repeatMargin(c: CustomerSummary): number {
  const first = c.firstDayMargin;
  if (c.margin === null || first === null || first === undefined) {
    throw new DataError(`customer ${c.customer} has purchases without a margin, so --value margin cannot fit the spend model on margin (give a margin or cost column for every row, or use --value revenue)`);
  }
  return c.margin - first;
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

/** Repeat buyers and the check that the purchase models apply at all. */
export function checkRepeatBuyers(hs: readonly History[]): void {
  const repeat = hs.filter((h) => h.x > 0).length;
  if (repeat < MIN_REPEAT_BUYERS) {
    throw new DataError(`too few repeat buyers to fit a purchase model: ${repeat} of ${hs.length} customers bought on more than one day; it needs at least ${MIN_REPEAT_BUYERS} (use a longer window, an earlier --from or a later --as-of, or more customers)`);
  }
}

/** The purchase models asked for: one, or all three with auto. */
export function fitPurchaseModels(hs: readonly History[], model: ModelChoice): PurchaseFit[] {
  checkRepeatBuyers(hs);
  const triples = uniqueTriples(hs);
  return (model === 'auto' ? [...PURCHASE_MODELS] : [model]).map((m) => fitPurchaseModel(m, triples));
}

/** Without a holdout, auto picks the highest likelihood (all three have four parameters). */
export function chooseByLikelihood(fits: readonly PurchaseFit[], model: ModelChoice): { fit: PurchaseFit; selection: ModelSelection } {
  if (model !== 'auto') return { fit: fits[0]!, selection: { by: 'asked', reason: `${MODEL_TITLES[fits[0]!.model].split(' ')[0]}, as asked` } };
  const best = fits.reduce((b, f) => (f.logLikelihood > b.logLikelihood ? f : b));
  const lls = fits.map((f) => `${MODEL_TITLES[f.model].split(' ')[0]} ${f.logLikelihood.toFixed(2)}`).join(', ');
  return { fit: best, selection: { by: 'likelihood', reason: `chosen by --model auto for the highest log-likelihood (${lls}); without --holdout-from there is no holdout error to compare` } };
}

/** Spend model over the repeat buyers with a positive mean repeat spend. */
export function fitSpend(hs: readonly History[]): { spend: SpendFit; spendCustomers: number; spendLeftOut: number; correlation: number | null } {
  const repeat = hs.filter((h) => h.x > 0);
  const spenders = repeat.filter((h) => h.repeatSpend! > 0);
  if (spenders.length < MIN_REPEAT_BUYERS) {
    throw new DataError(`too few repeat buyers with a positive repeat spend to fit the spend model: ${spenders.length}; it needs at least ${MIN_REPEAT_BUYERS} (--spend-model none gives purchases and P(alive) without money)`);
  }
  const spend = fitSpendModel(spenders.map((h) => ({ x: h.x, m: h.repeatSpend! })));
  const correlation = pearson(spenders.map((h) => h.x), spenders.map((h) => h.repeatSpend!));
  return { spend, spendCustomers: spenders.length, spendLeftOut: repeat.length - spenders.length, correlation };
}

/**
 * Expected purchases over the horizon and their present value per unit of spend: the horizon is
 * cut into months (the last one shorter); a month's expected purchases are discounted from its
 * end at the yearly rate, compounded yearly: 1 / (1 + rate)^(days / 365.25).
 */
export function discountedPurchases(p: Predictor, h: { x: number; tx: number; T: number }, params: Pick<ClvParams, 'unit' | 'horizonDays' | 'discountRate'>): { purchases: number; discounted: number } {
  const per = UNIT_DAYS[params.unit];
  const at = (days: number): number => p.conditional(h.x, h.tx, h.T, days / per);
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

/** Per customer (in the histories' order) P(alive), expected purchases, spend and CLV (without a spend model: the purchases). */
export function predictUnranked(hs: readonly History[], model: Predictor, spendModel: SpendFit | null, params: Pick<ClvParams, 'unit' | 'horizonDays' | 'discountRate'>): { alive: Float64Array; purchases: Float64Array; spend: Float64Array; clv: Float64Array } {
  const n = hs.length;
  const alive = new Float64Array(n);
  const purchases = new Float64Array(n);
  const spend = new Float64Array(n);
  const clv = new Float64Array(n);
  // Customers with the same history get the same prediction: computed once per triple.
  const { triples, index } = tripleIndex(hs);
  const perTriple = triples.map((t) => ({ ...discountedPurchases(model, t, params), alive: model.pAlive(t.x, t.tx, t.T) }));
  for (let i = 0; i < n; i++) {
    const h = hs[i]!;
    const e = perTriple[index[i]!]!;
    // A non-positive net repeat spend counts as 0: the estimate shrinks towards the population.
    spend[i] = spendModel === null ? 0 : spendModel.expected(h.x, Math.max(h.repeatSpend ?? 0, 0));
    alive[i] = e.alive;
    purchases[i] = e.purchases;
    clv[i] = spendModel === null ? e.purchases : e.discounted * spend[i]!;
  }
  return { alive, purchases, spend, clv };
}

/**
 * Per customer P(alive), expected purchases and spend, and CLV; ranked by CLV (without a spend
 * model by expected purchases; ties: key).
 */
export function predict(hs: readonly History[], model: Predictor, spendModel: SpendFit | null, params: Pick<ClvParams, 'unit' | 'horizonDays' | 'discountRate'>): ClvCustomer[] {
  const n = hs.length;
  const { alive, purchases, spend, clv } = predictUnranked(hs, model, spendModel, params);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => clv[j]! - clv[i]! || (hs[i]!.key < hs[j]!.key ? -1 : hs[i]!.key > hs[j]!.key ? 1 : 0));
  const money = spendModel !== null;
  return order.map((i, rank) => {
    const h = hs[i]!;
    // Fields listed, not spread: spreading 200,000 histories into wider objects took seconds.
    return {
      key: h.key, name: h.name, firstDate: h.firstDate, lastDate: h.lastDate, x: h.x, tx: h.tx, T: h.T, repeatSpend: h.repeatSpend, revenue: h.revenue,
      pAlive: alive[i]!, expectedPurchases: purchases[i]!, expectedSpend: money ? spend[i]! : null, clv: money ? clv[i]! : null, rank: rank + 1,
    };
  });
}

/** What a newly acquired customer is expected to bring over the horizon (`clv --new-customer`). */
export interface NewCustomerValue {
  /** Mean net amount of the first purchase day over the modelled customers. */
  readonly firstPurchase: number;
  /** E[X(horizon)]: repeat purchases expected after the first, and their discounted count. */
  readonly repeatPurchases: number;
  readonly discountedRepeatPurchases: number;
  /** The population's expected spend per purchase (null without a spend model). */
  readonly spendPerPurchase: number | null;
  /** First purchase + discounted repeat purchases × spend per purchase (null without a spend model). */
  readonly value: number | null;
}

/**
 * A new customer's expected value: the first purchase (its mean over the calibration customers)
 * and E[X(t)] repeat purchases, the model's unconditional expectation, each month's discounted as
 * for CLV, times the expected spend of a customer with no repeat purchase yet.
 */
export function newCustomerValue(result: ClvResult, hs: readonly History[]): NewCustomerValue {
  const { params } = result;
  const per = UNIT_DAYS[params.unit];
  const at = (days: number): number => result.purchase.predict.unconditional(days / per);
  const repeatPurchases = at(params.horizonDays);
  let discounted = repeatPurchases;
  if (params.discountRate !== 0) {
    const month = 365.25 / 12;
    discounted = 0;
    let before = 0;
    for (let end = month; end - month < params.horizonDays; end += month) {
      const days = Math.min(end, params.horizonDays);
      const now = at(days);
      discounted += (now - before) / (1 + params.discountRate) ** (days / 365.25);
      before = now;
    }
  }
  const firstPurchase = hs.reduce((s, h) => s + (h.revenue - (h.repeatSpend ?? 0) * h.x), 0) / Math.max(hs.length, 1);
  const spendPerPurchase = result.spend === null ? null : result.spend.expected(0, 0);
  return { firstPurchase, repeatPurchases, discountedRepeatPurchases: discounted, spendPerPurchase, value: spendPerPurchase === null ? null : firstPurchase + discounted * spendPerPurchase };
}

/**
 * The models and the predictions. `choose` picks among the fits (with auto; by default by
 * likelihood): the holdout check passes one that compares holdout errors.
 */
export function clvFromSummary(
  summaries: readonly CustomerSummary[],
  params: ClvParams,
  choose: (hs: readonly History[], fits: readonly PurchaseFit[]) => { fit: PurchaseFit; selection: ModelSelection } = (_hs, fits) => chooseByLikelihood(fits, params.model),
): ClvResult {
  const h = histories(summaries, params.asOf, params.unit, params.value);
  const fits = fitPurchaseModels(h.histories, params.model);
  const { fit, selection } = choose(h.histories, fits);
  const money = params.spendModel === 'none' ? null : fitSpend(h.histories);
  const warnings: string[] = [];
  if (fit.warning !== null) warnings.push(fit.warning);
  if (money?.spend.warning) warnings.push(money.spend.warning);
  if (money && money.correlation !== null && Math.abs(money.correlation) >= STRONG_CORRELATION) {
    warnings.push(`frequency and mean spend are correlated (r = ${money.correlation.toFixed(2)}): the spend model assumes they are not, so its expected spend (and CLV) is biased`);
  }
  if (h.noPurchaseDay > 0) warnings.push(`${h.noPurchaseDay} customers have no purchase day (only refunds) and are left out of the models`);
  if (money && money.spendLeftOut > 0) warnings.push(`${money.spendLeftOut} repeat buyers with a net repeat spend of 0 or less are left out of the spend model`);
  return {
    params,
    purchase: fit,
    fits,
    selection,
    spend: money?.spend ?? null,
    correlation: money?.correlation ?? null,
    customers: predict(h.histories, fit.predict, money?.spend ?? null, params),
    noPurchaseDay: h.noPurchaseDay,
    spendLeftOut: money?.spendLeftOut ?? 0,
    spendCustomers: money?.spendCustomers ?? 0,
    warnings,
  };
}

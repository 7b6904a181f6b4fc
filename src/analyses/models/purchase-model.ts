/**
 * The purchase models behind one interface: the BG/NBD, the MBG/NBD and the Pareto/NBD, each
 * fitted by maximum likelihood, compared with its limits (./purchase-limits.ts) when its
 * optimum runs towards one, with standard errors from the inverse Hessian. A fit at a limit is a
 * result (the limit's model, its likelihood, and a warning that says what it means), not an error.
 */
import { DataError } from '../../kernel/errors.js';
import { coarsen, compileLogLikelihood, conditionalExpectedPurchases, expectedPurchases, fitBgNbd, pAlive, rescaled, type BgNbdParams, type Shift, type Triple } from './bgnbd.js';
import { fitNumeric, memo, standardErrors } from './fit-numeric.js';
import { paretoConditional, paretoNbdTotalLogLikelihood, paretoPAlive, paretoUnconditional, type ParetoNbdParams } from './pareto-nbd.js';
import { bgCounts, constantDropoutCounts, nbdLimitCounts, paretoCounts } from './period-counts.js';
import {
  constantDropout,
  constantDropoutLogLikelihood,
  fitConstantDropout,
  fitNbd,
  nbd,
  nbdLogLikelihood,
  type ConstantDropoutParams,
  type NbdParams,
} from './purchase-limits.js';
import { PURCHASE_MODELS } from '../../parameter-values.js';

export { PURCHASE_MODELS };
export type PurchaseModelName = (typeof PURCHASE_MODELS)[number];
export type Limit = 'no_dropout' | 'constant_dropout';

export const MODEL_TITLES: Record<PurchaseModelName, string> = {
  bgnbd: 'BG/NBD (Fader, Hardie & Lee 2005)',
  mbgnbd: 'MBG/NBD (Batislam, Denizel & Filiztekin 2007)',
  pnbd: 'Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Lee 2005 note)',
};

/** Predictions of a fitted model, in the fit's time unit. */
export interface Predictor {
  pAlive(x: number, tx: number, T: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in the next t. */
  conditional(x: number, tx: number, T: number, t: number): number;
  /** E[X(t)]: expected purchases in (0, t] of a new customer. */
  unconditional(t: number): number;
  /** P(X(t) = x) for x = 0 … n − 2, then P(X(t) ≥ n − 1) (./period-counts.ts). */
  countProbabilities(t: number, n: number): Float64Array;
}

export interface PurchaseFit {
  readonly model: PurchaseModelName;
  /** Null: the model itself; otherwise the limit it was fitted at. */
  readonly limit: Limit | null;
  /** Named as in the literature (r, alpha, a, b / r, alpha, s, beta; at a limit r, alpha and p). */
  readonly params: Readonly<Record<string, number>>;
  /** Per parameter, from the inverse Hessian at the optimum; null where it is not defined. */
  readonly standardErrors: Readonly<Record<string, number | null>>;
  /** ln L in the stated time unit, at the optimum or at the limit. */
  readonly logLikelihood: number;
  readonly iterations: number;
  /** What the limit means for the predictions; null for an interior optimum. */
  readonly warning: string | null;
  readonly predict: Predictor;
}

/** A limit is taken when the full model gains less than this in ln L over it. */
const LIMIT_TOLERANCE = 0.01;

const named = (names: readonly string[], values: readonly (number | null)[]): Record<string, number | null> => Object.fromEntries(names.map((n, i) => [n, values[i] ?? null]));
const namedNumbers = (names: readonly string[], values: readonly number[]): Record<string, number> => Object.fromEntries(names.map((n, i) => [n, values[i]!]));

function nbdFit(model: PurchaseModelName, triples: readonly Triple[], scale: number, why: string): PurchaseFit {
  const f = fitNbd(triples, scale);
  const p: NbdParams = f.params;
  const ses = memo(() => named(['r', 'alpha'], standardErrors((v) => nbdLogLikelihood({ r: v[0]!, alpha: v[1]! }, triples), [p.r, p.alpha])));
  return {
    model,
    limit: 'no_dropout',
    params: namedNumbers(['r', 'alpha'], [p.r, p.alpha]),
    get standardErrors() {
      return ses();
    },
    logLikelihood: f.logLikelihood,
    iterations: f.iterations,
    warning: `the ${MODEL_TITLES[model].split(' ')[0]} fit is at its limit without drop-out (${why}): the data show no sign of customers leaving, so the model predicts that nobody leaves. P(alive) is 1 for everyone and a customer who stopped buying long ago keeps their purchase rate; fitted as the NBD (r, α), log-likelihood ${f.logLikelihood.toFixed(2)}. A longer calibration period, or one that ends later after the last purchases, shows drop-out if there is any`,
    predict: { pAlive: () => nbd.pAlive(), conditional: (x, _tx, T, t) => nbd.conditional(p, x, T, t), unconditional: (t) => nbd.unconditional(p, t), countProbabilities: (t, n) => nbdLimitCounts(p, t, n) },
  };
}

function constantFit(model: PurchaseModelName, f: ReturnType<typeof fitConstantDropout>, triples: readonly Triple[], shift: Shift): PurchaseFit {
  const p: ConstantDropoutParams = f.params;
  const ses = memo(() => named(['r', 'alpha', 'p'], standardErrors((v) => constantDropoutLogLikelihood({ r: v[0]!, alpha: v[1]!, p: v[2]! }, triples, shift), [p.r, p.alpha, p.p])));
  return {
    model,
    limit: 'constant_dropout',
    params: namedNumbers(['r', 'alpha', 'p'], [p.r, p.alpha, p.p]),
    get standardErrors() {
      return ses();
    },
    logLikelihood: f.logLikelihood,
    iterations: f.iterations,
    warning: `the ${MODEL_TITLES[model].split(' ')[0]} fit is at its limit a, b → ∞ with a / (a + b) fixed: the drop-out probability does not vary between customers, so it is fitted as one constant drop-out probability p = ${p.p.toPrecision(3)} after each ${shift === 1 ? 'purchase' : 'repeat purchase'} (log-likelihood ${f.logLikelihood.toFixed(2)})`,
    predict: {
      pAlive: (x, tx, T) => constantDropout.pAlive(p, x, tx, T, shift),
      conditional: (x, tx, T, t) => constantDropout.conditional(p, x, tx, T, t, shift),
      unconditional: (t) => constantDropout.unconditional(p, t, shift),
      countProbabilities: (t, n) => constantDropoutCounts(p, t, n, shift),
    },
  };
}

function bgFamily(model: 'bgnbd' | 'mbgnbd', triples: readonly Triple[]): PurchaseFit {
  const shift: Shift = model === 'mbgnbd' ? 1 : 0;
  const full = fitBgNbd(triples, shift);
  const names = ['r', 'alpha', 'a', 'b'];
  const p: BgNbdParams = full.params;
  const fullFit = (): PurchaseFit => {
    const ll = compileLogLikelihood(triples, shift);
    const ses = memo(() => named(names, standardErrors((v) => ll({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! }), [p.r, p.alpha, p.a, p.b])));
    return {
      model,
      limit: null,
      params: namedNumbers(names, [p.r, p.alpha, p.a, p.b]),
      get standardErrors() {
        return ses();
      },
      logLikelihood: full.logLikelihood,
      iterations: full.iterations,
      warning: null,
      predict: {
        pAlive: (x, tx, T) => pAlive(p, x, tx, T, shift),
        conditional: (x, tx, T, t) => conditionalExpectedPurchases(p, x, tx, T, t, shift),
        unconditional: (t) => expectedPurchases(p, t, shift),
        countProbabilities: (t, n) => bgCounts(p, t, n, shift),
      },
    };
  };
  if (full.converged && !full.extreme) return fullFit();
  // The optimum runs towards a limit (or the search did not settle): fit the limits and take the
  // simplest whose likelihood the full model does not beat.
  const { scale } = rescaled(triples);
  const constant = fitConstantDropout(triples, scale, shift);
  const noDrop = nbdFit(model, triples, scale, `a = ${p.a.toPrecision(3)}, b = ${p.b.toPrecision(3)}`);
  const best = Math.max(full.converged ? full.logLikelihood : -Infinity, constant.logLikelihood, noDrop.logLikelihood);
  if (noDrop.logLikelihood >= best - LIMIT_TOLERANCE) return noDrop;
  if (constant.converged && constant.logLikelihood >= best - LIMIT_TOLERANCE) return constantFit(model, constant, triples, shift);
  if (full.converged) return fullFit();
  throw new DataError(`the purchase model (${MODEL_TITLES[model].split(' ')[0]}) could not be fitted: the optimiser did not converge in ${full.iterations} iterations and neither of its limits (no drop-out, constant drop-out) fits as well (try --model pnbd, or a longer calibration period)`);
}

function paretoFit(triples: readonly Triple[]): PurchaseFit {
  const { scale, scaled } = rescaled(triples);
  const n = triples.reduce((s, t) => s + t.count, 0);
  const ll = (data: readonly Triple[]) => (v: readonly number[]): number => paretoNbdTotalLogLikelihood({ r: v[0]!, alpha: v[1]!, s: v[2]!, beta: v[3]! }, data);
  const kinds = ['positive', 'positive', 'positive', 'positive'] as const;
  const starts = [
    [1, 1, 1, 1],
    [0.5, 2, 0.5, 2],
    [2, 5, 1, 5],
  ];
  // Rough on the histories rounded to a grid of 50 steps (its likelihood has no analytic gradient
  // here, and each pass costs two ₂F₁ per history), then refined on the exact ones, warm-started
  // with the rough run's inverse Hessian: a handful of iterations. The refinement stops at a
  // gradient of 1e-7 per customer: 1e-8 took 2,000 passes of line search in the rounding noise of
  // the numerical gradient on 122,000 histories, for changes in the fourth digit.
  const rough = fitNumeric(ll(scaled.length > 2000 ? coarsen(scaled, 10, 50) : scaled), [...kinds], starts, n, 1e-6);
  const fine = fitNumeric(ll(scaled), [...kinds], [rough.theta], n, 1e-7, rough.inverseHessian);
  const p: ParetoNbdParams = { r: fine.theta[0]!, alpha: fine.theta[1]! / scale, s: fine.theta[2]!, beta: fine.theta[3]! / scale };
  const logLikelihood = paretoNbdTotalLogLikelihood(p, triples);
  const names = ['r', 'alpha', 's', 'beta'];
  const ses = memo(() => named(names, standardErrors(ll(triples), [p.r, p.alpha, p.s, p.beta])));
  if (!fine.converged || fine.extreme) {
    const noDrop = nbdFit('pnbd', triples, scale, `s = ${p.s.toPrecision(3)}, β = ${p.beta.toPrecision(3)}`);
    if (noDrop.logLikelihood >= (fine.converged ? logLikelihood : -Infinity) - LIMIT_TOLERANCE) return noDrop;
    if (!fine.converged) throw new DataError(`the purchase model (Pareto/NBD) could not be fitted: the optimiser did not converge in ${rough.iterations + fine.iterations} iterations (try --model bgnbd, or a longer calibration period)`);
  }
  return {
    model: 'pnbd',
    limit: null,
    params: namedNumbers(names, [p.r, p.alpha, p.s, p.beta]),
    get standardErrors() {
      return ses();
    },
    logLikelihood,
    iterations: rough.iterations + fine.iterations,
    warning: null,
    predict: {
      pAlive: (x, tx, T) => paretoPAlive(p, x, tx, T),
      conditional: (x, tx, T, t) => paretoConditional(p, x, tx, T, t),
      unconditional: (t) => paretoUnconditional(p, t),
      countProbabilities: (t, n) => paretoCounts(p, t, n),
    },
  };
}

export function fitPurchaseModel(model: PurchaseModelName, triples: readonly Triple[]): PurchaseFit {
  return model === 'pnbd' ? paretoFit(triples) : bgFamily(model, triples);
}

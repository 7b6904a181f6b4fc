// The BG/NBD and Gamma-Gamma models against the published CDNOW figures (Fader, Hardie & Lee
// 2005) and against values computed independently with scipy.special (gammaln, betaln, hyp2f1;
// the formulas as in lifetimes' reference implementation).
import { describe, expect, it } from 'vitest';
import {
  bgNbdTotalLogLikelihood,
  compileLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  pAlive,
  uniqueTriples,
} from '../../../../src/analyses/models/bgnbd.js';
import { paretoConditional, paretoPAlive, paretoUnconditional } from '../../../../src/analyses/models/pareto-nbd.js';
import { bgCounts, constantDropoutCounts, nbdLimitCounts, paretoCounts } from '../../../../src/analyses/models/period-counts.js';
import { constantDropout, nbd } from '../../../../src/analyses/models/purchase-limits.js';
import { fitGammaGamma, } from '../../../../src/analyses/models/gamma-gamma.js';
import { fitPurchaseModel, MODEL_TITLES } from '../../../../src/analyses/models/purchase-model.js';
import { cdnowCalibration } from '../../../helpers/cdnow.js';

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('CDNOW: the published parameters', () => {
  const { customers, spend } = cdnowCalibration();

  it('has the paper’s 2,357 customers and 946 repeat buyers', () => {
    expect(customers).toHaveLength(2357);
    expect(spend).toHaveLength(946);
  });

  it('BG/NBD: r = 0.243, α = 4.414, a = 0.793, b = 2.426', () => {
    const fit = fitBgNbd(uniqueTriples(customers));
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    // ln L in weeks, as the paper prints it (−9,582.4; scipy: −9,582.4292).
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdTotalLogLikelihood(PUBLISHED, uniqueTriples(customers)));
  });

  it.each([0, 1] as const)('the analytic gradient (shift %d: BG/NBD, MBG/NBD) matches central differences of the log-likelihood', (shift) => {
    const f = compileLogLikelihood(uniqueTriples(customers), shift);
    const at = { r: 0.3, alpha: 4, a: 0.8, b: 2.5 };
    const { value, gradient } = f.withGradient(at);
    expect(value).toBeCloseTo(f(at), 9);
    const h = 1e-6;
    (['r', 'alpha', 'a', 'b'] as const).forEach((k, i) => {
      const numeric = (f({ ...at, [k]: at[k] + h }) - f({ ...at, [k]: at[k] - h })) / (2 * h);
      expect(gradient[i]! / numeric).toBeCloseTo(1, 5);
    });
  });

  it('BG/NBD with standard errors: r 0.2426 (0.0126), α 4.4136 (0.378), a 0.7929 (0.186), b 2.4259 (0.705); LL −9,582.4', () => {
    const fit = fitPurchaseModel('bgnbd', uniqueTriples(customers));
    expect(fit.limit).toBeNull();
    const { r, alpha, a, b } = fit.params as Record<string, number>;
    expect([r, alpha, a, b].map((v) => Number(v!.toFixed(4)))).toEqual([0.2426, 4.4136, 0.7929, 2.4259]);
    const se = fit.standardErrors as Record<string, number>;
    expect(se.r).toBeCloseTo(0.0126, 4);
    expect(se.alpha).toBeCloseTo(0.378, 3);
    expect(se.a).toBeCloseTo(0.186, 3);
    expect(se.b).toBeCloseTo(0.705, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('MBG/NBD: r 0.525, α 6.183, a 0.891, b 1.614 (scipy: LL −9,582.1357, SEs 0.0833, 0.696, 0.155, 0.537)', () => {
    const fit = fitPurchaseModel('mbgnbd', uniqueTriples(customers));
    expect(fit.limit).toBeNull();
    const { r, alpha, a, b } = fit.params as Record<string, number>;
    expect(r).toBeCloseTo(0.525, 3);
    expect(alpha).toBeCloseTo(6.183, 2);
    expect(a).toBeCloseTo(0.891, 3);
    expect(b).toBeCloseTo(1.614, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.1357, 2);
    const se = fit.standardErrors as Record<string, number>;
    expect([se.r, se.alpha, se.a, se.b].map((v) => Number(v!.toPrecision(3)))).toEqual([0.0833, 0.696, 0.155, 0.537]);
  });

  it('BG/NBD fits 200,000 distinct histories (no argument-list limit; the 10M bench once overflowed the stack)', () => {
    // CDNOW's customers copied, each copy observed a hair longer: every history distinct, the fit the paper's.
    const many = Array.from({ length: 200 }, (_, k) => customers.map((c) => ({ ...c, T: c.T + k * 1e-4 }))).flat();
    const triples = uniqueTriples(many);
    expect(triples.length).toBeGreaterThan(200_000);
    const fit = fitBgNbd(triples);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 2);
  });

  it('fits are deterministic: the same customers in another order give the same parameters', () => {
    const a = fitBgNbd(uniqueTriples(customers));
    const b = fitBgNbd(uniqueTriples([...customers].reverse()));
    // Summed in another order: equal to the fit's precision.
    expect(b.params.r).toBeCloseTo(a.params.r, 5);
    expect(b.params.b).toBeCloseTo(a.params.b, 5);
    expect(fitBgNbd(uniqueTriples(customers)).params).toEqual(a.params);
  });

  it('Gamma-Gamma on the 946 repeat buyers: p = 6.25, q = 3.74, γ = 15.44', () => {
    const fit = fitGammaGamma(spend);
    expect(fit.converged).toBe(true);
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
  });

  it('the conditional expectation: 1.226 purchases in 39 weeks for x = 2, t_x = 30.43, T = 38.86', () => {
    expect(conditionalExpectedPurchases(PUBLISHED, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
  });
});

// Issue 27 (mutation testing): 41 made-up histories whose fits sit at the limits, against scipy's
// fits of the limits (scripts/clv_unit_reference.py, made_up()), and the predictors each fit hands on.
describe('fitPurchaseModel at the limits, and its predictors', () => {
  const histories = Array.from({ length: 40 }, (_, i) => {
    const days = 1 + (i % 5);
    const first = (i * 7) % 120;
    const last = days === 1 ? first : first + ((i * 13) % 150) + days * 5;
    return { x: days - 1, tx: (last - first) / 7, T: (365 - first) / 7 };
  });
  histories.push({ x: 2, tx: 97 / 7, T: 362 / 7 });
  const triples = uniqueTriples(histories);

  it('BG/NBD: at the constant drop-out limit, scipy’s p 0.359, ln L −297.3616, with its warning and predictors', () => {
    const fit = fitPurchaseModel('bgnbd', triples);
    expect(fit.model).toBe('bgnbd');
    expect(fit.limit).toBe('constant_dropout');
    expect(Object.keys(fit.params)).toEqual(['r', 'alpha', 'p']);
    expect(fit.params.r).toBeCloseTo(0.8828503361350234, 4);
    expect(fit.params.alpha).toBeCloseTo(5.5138334993866085, 3);
    expect(fit.params.p).toBeCloseTo(0.358995615060882, 5);
    expect(fit.logLikelihood).toBeCloseTo(-297.3615773761245, 6);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.warning).toBe('the BG/NBD fit is at its limit a, b → ∞ with a / (a + b) fixed: the drop-out probability does not vary between customers, so it is fitted as one constant drop-out probability p = 0.359 after each repeat purchase (log-likelihood -297.36)');
    const se = fit.standardErrors;
    expect(Object.keys(se)).toEqual(['r', 'alpha', 'p']);
    // scipy's central-difference Hessian: 0.27065, 2.2265, 0.057570.
    expect(se.r).toBeCloseTo(0.27065396, 4);
    expect(se.alpha).toBeCloseTo(2.22649439, 3);
    expect(se.p).toBeCloseTo(0.05756973, 5);
    const p = fit.params as { r: number; alpha: number; p: number };
    expect(fit.predict.pAlive(2, 5, 30)).toBe(constantDropout.pAlive(p, 2, 5, 30, 0));
    expect(fit.predict.conditional(2, 5, 30, 52)).toBe(constantDropout.conditional(p, 2, 5, 30, 52, 0));
    expect(fit.predict.unconditional(52)).toBe(constantDropout.unconditional(p, 52, 0));
    expect([...fit.predict.countProbabilities(30, 4)]).toEqual([...constantDropoutCounts(p, 30, 4, 0)]);
  });

  it('MBG/NBD: the same limit, "after each purchase", scipy’s p 0.32716, ln L −294.6030', () => {
    const fit = fitPurchaseModel('mbgnbd', triples);
    expect(fit.limit).toBe('constant_dropout');
    expect(fit.params.p).toBeCloseTo(0.32715548343263073, 4);
    expect(fit.logLikelihood).toBeCloseTo(-294.60303054946235, 5);
    expect(fit.warning).toMatch(/^the MBG\/NBD fit is at its limit .* p = 0\.327 after each purchase \(log-likelihood -294\.60\)$/);
    const p = fit.params as { r: number; alpha: number; p: number };
    expect(fit.predict.pAlive(0, 0, 30)).toBe(constantDropout.pAlive(p, 0, 0, 30, 1));
    expect(fit.predict.pAlive(0, 0, 30)).toBeLessThan(1);
    expect(fit.predict.unconditional(52)).toBe(constantDropout.unconditional(p, 52, 1));
    expect(fit.predict.conditional(2, 5, 30, 52)).toBe(constantDropout.conditional(p, 2, 5, 30, 52, 1));
    expect([...fit.predict.countProbabilities(30, 4)]).toEqual([...constantDropoutCounts(p, 30, 4, 1)]);
  });

  it('Pareto/NBD: at the no-drop-out limit, the NBD with scipy’s r 39.35, α 872.6, ln L −336.1850; everyone alive', () => {
    const fit = fitPurchaseModel('pnbd', triples);
    expect(fit.model).toBe('pnbd');
    expect(fit.limit).toBe('no_dropout');
    expect(Object.keys(fit.params)).toEqual(['r', 'alpha']);
    expect(fit.params.r / 39.34844052).toBeCloseTo(1, 3);
    expect(fit.params.alpha / 872.56624197).toBeCloseTo(1, 3);
    expect(fit.logLikelihood).toBeCloseTo(-336.184978234817, 5);
    expect(fit.warning).toMatch(/^the Pareto\/NBD fit is at its limit without drop-out \(s = [\d.e+]+, β = [\d.e+]+\): the data show no sign of customers leaving, so the model predicts that nobody leaves\. P\(alive\) is 1 for everyone .* log-likelihood -336\.18\. A longer calibration period/);
    expect(Object.keys(fit.standardErrors)).toEqual(['r', 'alpha']);
    expect(fit.standardErrors.r).toBeGreaterThan(0);
    const p = fit.params as { r: number; alpha: number };
    expect(fit.predict.pAlive(2, 1, 30)).toBe(1);
    expect(fit.predict.conditional(2, 1, 30, 52)).toBe(nbd.conditional(p, 2, 30, 52));
    expect(fit.predict.unconditional(52)).toBe(nbd.unconditional(p, 52));
    expect([...fit.predict.countProbabilities(30, 4)]).toEqual([...nbdLimitCounts(p, 30, 4)]);
  });

  it('an interior fit hands on its own model’s formulas (CDNOW, BG/NBD and Pareto/NBD)', () => {
    const cdnow = uniqueTriples(cdnowCalibration().customers);
    const bg = fitPurchaseModel('bgnbd', cdnow);
    const b = bg.params as { r: number; alpha: number; a: number; b: number };
    expect(bg.warning).toBeNull();
    expect(bg.predict.pAlive(2, 30, 38)).toBe(pAlive(b, 2, 30, 38, 0));
    expect(bg.predict.conditional(2, 30, 38, 39)).toBe(conditionalExpectedPurchases(b, 2, 30, 38, 39, 0));
    expect(bg.predict.unconditional(39)).toBe(expectedPurchases(b, 39, 0));
    expect([...bg.predict.countProbabilities(39, 4)]).toEqual([...bgCounts(b, 39, 4, 0)]);
    const pn = fitPurchaseModel('pnbd', cdnow);
    const q = pn.params as { r: number; alpha: number; s: number; beta: number };
    expect(pn.warning).toBeNull();
    expect(pn.iterations).toBeGreaterThan(0);
    expect(pn.predict.pAlive(2, 30, 38)).toBe(paretoPAlive(q, 2, 30, 38));
    expect(pn.predict.conditional(2, 30, 38, 39)).toBe(paretoConditional(q, 2, 30, 38, 39));
    expect(pn.predict.unconditional(39)).toBe(paretoUnconditional(q, 39));
    expect([...pn.predict.countProbabilities(39, 4)]).toEqual([...paretoCounts(q, 39, 4)]);
    expect(MODEL_TITLES.pnbd.split(' ')[0]).toBe('Pareto/NBD');
  });
});

// Issue 27: the choice between the full model and its limits (LIMIT_TOLERANCE), on each side.
describe('fitPurchaseModel chooses a limit only when the full model does not beat it', () => {
  // 60 steady buyers, each buying up to a week or two before the end: no sign of drop-out.
  const steady = uniqueTriples(Array.from({ length: 60 }, (_, i) => ({ x: i % 6, tx: 50 - (i % 3), T: 52 })));

  it('the models’ titles, as the reports print them', () => {
    expect(MODEL_TITLES).toEqual({
      bgnbd: 'BG/NBD (Fader, Hardie & Lee 2005)',
      mbgnbd: 'MBG/NBD (Batislam, Denizel & Filiztekin 2007)',
      pnbd: 'Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Lee 2005 note)',
    });
  });

  it('BG/NBD converged at a → 0, b → ∞: the no-drop-out limit, scipy’s NBD r 10.0611, α 209.271, ln L −604.70653, warning naming a and b', () => {
    // The full fit converges at extreme a and b: it is compared with the limits, and gains nothing over the NBD.
    const full = fitBgNbd(steady);
    expect(full.converged && full.extreme).toBe(true);
    const fit = fitPurchaseModel('bgnbd', steady);
    expect(fit.limit).toBe('no_dropout');
    expect(fit.params.r! / 10.0611254).toBeCloseTo(1, 4);
    expect(fit.params.alpha! / 209.27140863).toBeCloseTo(1, 4);
    expect(fit.logLikelihood).toBeCloseTo(-604.7065348079593, 6);
    expect(fit.warning).toMatch(/^the BG\/NBD fit is at its limit without drop-out \(a = [\d.]+(e-\d+)?, b = [\d.]+(e\+\d+)?\): the data show no sign of customers leaving.* log-likelihood -604\.71\. /);
  });

  it('Pareto/NBD on the same buyers: the same NBD (scipy’s r 10.0611, ln L −604.70653), not the full model at s → 0', () => {
    const fit = fitPurchaseModel('pnbd', steady);
    expect(fit.limit).toBe('no_dropout');
    expect(Object.keys(fit.params)).toEqual(['r', 'alpha']);
    expect(fit.params.r! / 10.0611254).toBeCloseTo(1, 4);
    expect(fit.logLikelihood).toBeCloseTo(-604.7065348079593, 6);
    expect(fit.warning).toMatch(/^the Pareto\/NBD fit is at its limit without drop-out \(s = [\d.]+(e-\d+)?, β = [\d.]+(e\+\d+)?\)/);
  });
});

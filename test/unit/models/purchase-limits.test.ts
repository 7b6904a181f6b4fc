// Fits at a model's limit are results with a warning (issue 25): the limits' own formulas against
// the full models near the limit, standard errors on a hand-solved case, and `segment clv` on small
// files whose fits sit at each limit (fixtures/clv-limits, written by scripts/clv_limit_fixtures.py).
import { describe, expect, it } from 'vitest';
import { bgNbdTotalLogLikelihood, conditionalExpectedPurchases, expectedPurchases, pAlive, uniqueTriples } from '../../../src/models/bgnbd.js';
import { standardErrors, invert } from '../../../src/models/fit-numeric.js';
import { constantDropout, constantDropoutLogLikelihood, nbd, nbdLogLikelihood } from '../../../src/models/purchase-limits.js';
import { fitSpendModel, homogeneousLogLikelihood } from '../../../src/models/spend-model.js';
import { gammaln } from '../../../src/models/special.js';
import { clvSchema } from '../../../src/schemas-clv.js';
import { runInProcess } from '../../helpers/in-process.js';

const histories = [
  { x: 0, tx: 0, T: 20 },
  { x: 2, tx: 10, T: 30 },
  { x: 5, tx: 28, T: 30 },
  { x: 1, tx: 3, T: 25 },
];
const triples = uniqueTriples(histories);

describe('the limits against the full models near them', () => {
  it.each([0, 1] as const)('constant drop-out p: the (M)BG/NBD with a, b → ∞ and a / (a + b) = p (shift %d)', (shift) => {
    const p = { r: 0.8, alpha: 5, p: 0.2 };
    const near = { r: 0.8, alpha: 5, a: 0.2e7, b: 0.8e7 };
    for (const h of histories) {
      expect(constantDropout.pAlive(p, h.x, h.tx, h.T, shift)).toBeCloseTo(pAlive(near, h.x, h.tx, h.T, shift), 5);
      expect(constantDropout.conditional(p, h.x, h.tx, h.T, 26, shift)).toBeCloseTo(conditionalExpectedPurchases(near, h.x, h.tx, h.T, 26, shift), 4);
    }
    expect(constantDropout.unconditional(p, 26, shift)).toBeCloseTo(expectedPurchases(near, 26, shift), 4);
    expect(constantDropoutLogLikelihood(p, triples, shift)).toBeCloseTo(bgNbdTotalLogLikelihood(near, triples, shift), 4);
  });

  it('no drop-out: the BG/NBD with a → 0 is the NBD; everyone alive; purchases grow linearly', () => {
    const p = { r: 0.8, alpha: 5 };
    const near = { ...p, a: 1e-9, b: 2 };
    expect(nbdLogLikelihood(p, triples)).toBeCloseTo(bgNbdTotalLogLikelihood(near, triples), 6);
    for (const h of histories) {
      expect(nbd.conditional(p, h.x, h.T, 26)).toBeCloseTo(conditionalExpectedPurchases(near, h.x, h.tx, h.T, 26), 5);
      expect(pAlive(near, h.x, h.tx, h.T)).toBeCloseTo(nbd.pAlive(), 6);
    }
    expect(nbd.unconditional(p, 26)).toBeCloseTo((0.8 / 5) * 26, 12);
  });

  it('the homogeneous spend limit: each mean of x purchases Gamma(p x, p x / mean), by hand', () => {
    const hs = [{ x: 1, m: 20 }, { x: 2, m: 30 }];
    const mean = (20 + 60) / 3;
    const density = (k: number, rate: number, m: number): number => k * Math.log(rate) - gammaln(k) + (k - 1) * Math.log(m) - rate * m;
    expect(homogeneousLogLikelihood(3, hs, mean)).toBeCloseTo(density(3, 3 / mean, 20) + density(6, 6 / mean, 30), 10);
  });
});

describe('standard errors from the inverse Hessian', () => {
  it('Poisson counts: SE of λ is √(λ / n) at the optimum λ = mean', () => {
    const counts = [2, 4, 3, 5, 1, 3];
    const ll = (v: readonly number[]): number => counts.reduce((s, k) => s + k * Math.log(v[0]!) - v[0]! - gammaln(k + 1), 0);
    const [se] = standardErrors(ll, [3]);
    expect(se).toBeCloseTo(Math.sqrt(3 / 6), 6);
  });

  it('is null where the likelihood is flat (not identified), and inverts a 2 × 2 by hand', () => {
    expect(standardErrors(() => 1, [2, 3])).toEqual([null, null]);
    expect(invert([[4, 7], [2, 6]])!.flat().map((v) => Number(v.toFixed(12)))).toEqual([0.6, -0.7, -0.2, 0.4]);
  });
});

describe('the spend model at its limit', () => {
  it('two buyers far apart (q ≤ 1 or no optimum): a homogeneous spend with a warning, not an error', () => {
    const fit = fitSpendModel([{ x: 1, m: 1 }, { x: 1, m: 10_000 }]);
    expect(fit.model).toBe('homogeneous');
    expect(fit.expected(1, 1)).toBeCloseTo(5000.5, 10);
    expect(fit.warning).toMatch(/mean spend per repeat purchase, 5000.50/);
  });
});

const LIMITS = 'fixtures/clv-limits';

describe('segment clv at the limits: a result and a warning in every format', () => {
  it('no drop-out (a → 0, b → ∞): the NBD, P(alive) 1, and a warning that says nobody is predicted to leave and why', async () => {
    const r = await runInProcess(['clv', `${LIMITS}/no-dropout.csv`, '--time-unit', 'week', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(clvSchema.safeParse(out).success).toBe(true);
    expect(out.purchase_model).toMatchObject({ model: 'bgnbd', limit: 'no_dropout' });
    expect(Object.keys(out.purchase_model.parameters)).toEqual(['r', 'alpha']);
    expect(out.purchase_model.log_likelihood).toBeLessThan(0);
    expect(out.customers.every((c: { p_alive: number }) => c.p_alive === 1)).toBe(true);
    const warning = out.warnings.find((w: string) => /limit without drop-out/.test(w));
    expect(warning).toMatch(/predicts that nobody leaves/);
    expect(warning).toMatch(/log-likelihood -\d/);
    expect(r.stderr).toContain('limit without drop-out');
    const md = await runInProcess(['clv', `${LIMITS}/no-dropout.csv`, '--time-unit', 'week', '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/## Warnings\n[\s\S]*limit without drop-out/);
  });

  it('constant drop-out (a, b → ∞, 83 customers): one drop-out probability p, with its standard error and the warning', async () => {
    const r = await runInProcess(['clv', `${LIMITS}/constant-dropout.csv`, '--time-unit', 'week', '--json', '--top', '5']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(clvSchema.safeParse(out).success).toBe(true);
    expect(out.purchase_model).toMatchObject({ model: 'bgnbd', limit: 'constant_dropout' });
    // The file was written with p = 0.25.
    expect(out.purchase_model.parameters.p).toBeGreaterThan(0.15);
    expect(out.purchase_model.parameters.p).toBeLessThan(0.35);
    expect(out.purchase_model.standard_errors.p).toBeGreaterThan(0);
    expect(out.warnings.some((w: string) => /constant drop-out probability p = 0\.\d+/.test(w))).toBe(true);
  });

  it('constant spend (Gamma-Gamma without a finite optimum): everyone’s expected spend is the mean repeat spend, 25.00', async () => {
    const r = await runInProcess(['clv', `${LIMITS}/constant-spend.csv`, '--json', '--top', '5']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(clvSchema.safeParse(out).success).toBe(true);
    expect(out.spend_model).toMatchObject({ model: 'homogeneous', mean_spend: 25, log_likelihood: null, p: null });
    expect(out.customers.every((c: { expected_spend: number }) => c.expected_spend === 25)).toBe(true);
    expect(out.warnings.some((w: string) => /q, γ → ∞ with γ \/ q fixed.*25\.00.*infinite/.test(w))).toBe(true);
  });

  it('--spend-model none: purchases and P(alive) without money, ranked by expected purchases', async () => {
    const r = await runInProcess(['clv', `${LIMITS}/constant-spend.csv`, '--spend-model', 'none', '--json', '--top', '5']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(clvSchema.safeParse(out).success).toBe(true);
    expect(out.spend_model).toBeNull();
    expect(out.customers.every((c: { clv: null; expected_spend: null }) => c.clv === null && c.expected_spend === null)).toBe(true);
    const purchases = out.customers.map((c: { expected_purchases: number }) => c.expected_purchases);
    expect(purchases).toEqual([...purchases].sort((a, b) => b - a));
    const csv = await runInProcess(['clv', `${LIMITS}/constant-spend.csv`, '--spend-model', 'none', '--format', 'csv', '--top', '2']);
    expect(csv.stdout.split('\n')[1]).toMatch(/,,$/);
  });
});

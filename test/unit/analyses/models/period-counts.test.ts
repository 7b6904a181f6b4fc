/**
 * Tests of src/analyses/models/period-counts.ts (issue 27, mutation testing): P(X(t) = x) worked out
 * by hand where r = 1 makes the NBD geometric, the means against each model's E[X(t)], and the
 * chart's rows. (CDNOW's expected counts against scipy are in test/unit/documents/clv-diagnostic-charts.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { expectedPurchases } from '../../../../src/analyses/models/bgnbd.js';
import { paretoUnconditional } from '../../../../src/analyses/models/pareto-nbd.js';
import { bgCounts, constantDropoutCounts, nbdCounts, nbdLimitCounts, paretoCounts, periodCounts } from '../../../../src/analyses/models/period-counts.js';
import { constantDropout } from '../../../../src/analyses/models/purchase-limits.js';

const round = (a: Float64Array): number[] => [...a].map((v) => Math.round(v * 1e12) / 1e12);
const mean = (a: Float64Array): number => a.reduce((s, p, x) => s + x * p, 0);

describe('P(X(t) = x) by hand', () => {
  it('the NBD with r = 1, α = 1 at t = 1 is geometric: ½, ¼, ⅛; the limit closes the tail', () => {
    expect(round(nbdCounts({ r: 1, alpha: 1 }, 1, 3))).toEqual([0.5, 0.25, 0.125]);
    expect(round(nbdLimitCounts({ r: 1, alpha: 1 }, 1, 3))).toEqual([0.5, 0.25, 0.25]);
    // r = 2, α = 1, t = 1: (½)² and 2 · (½)³.
    expect(round(nbdCounts({ r: 2, alpha: 1 }, 1, 2))).toEqual([0.25, 0.25]);
  });

  it('no time (or no number): nobody has bought again', () => {
    expect([...nbdCounts({ r: 1, alpha: 1 }, 0, 3)]).toEqual([1, 0, 0]);
    expect([...nbdCounts({ r: 1, alpha: 1 }, NaN, 2)]).toEqual([1, 0]);
    expect([...paretoCounts({ r: 1, alpha: 1, s: 1, beta: 1 }, 0, 3)]).toEqual([1, 0, 0]);
    expect([...paretoCounts({ r: 1, alpha: 1, s: 1, beta: 1 }, -2, 2)]).toEqual([1, 0]);
  });

  it('constant drop-out p = ½ (r 1, α 1, t 1): alive with x, or left after the x-th with at least x', () => {
    // x = 0: ½; x = 1: ½ · ¼ + ½ · P(N ≥ 1) = ⅛ + ¼; 2+: the rest.
    expect(round(constantDropoutCounts({ r: 1, alpha: 1, p: 0.5 }, 1, 3, 0))).toEqual([0.5, 0.375, 0.125]);
    // MBG/NBD: the first purchase can be the last. x = 0: ½ · ½ + ½; x = 1: ¼ · ¼ + ¼ · ½.
    expect(round(constantDropoutCounts({ r: 1, alpha: 1, p: 0.5 }, 1, 3, 1))).toEqual([0.75, 0.1875, 0.0625]);
  });

  it('the BG/NBD near its constant drop-out limit (a, b → ∞, a / (a + b) = ½) gives the same', () => {
    const near = bgCounts({ r: 1, alpha: 1, a: 0.5e8, b: 0.5e8 }, 1, 3, 0);
    round(constantDropoutCounts({ r: 1, alpha: 1, p: 0.5 }, 1, 3, 0)).forEach((v, x) => {
      expect(near[x]).toBeCloseTo(v, 6);
    });
    const nearM = bgCounts({ r: 1, alpha: 1, a: 0.5e8, b: 0.5e8 }, 1, 3, 1);
    round(constantDropoutCounts({ r: 1, alpha: 1, p: 0.5 }, 1, 3, 1)).forEach((v, x) => {
      expect(nearM[x]).toBeCloseTo(v, 6);
    });
  });

  it('the tail never goes below 0: 400 Pareto/NBD counts whose integrated first 399 sum to a hair over 1', () => {
    const p = paretoCounts({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 39, 400);
    expect(p.subarray(0, 399).reduce((s, v) => s + v, 0)).toBeGreaterThan(1);
    expect(p[399]).toBe(0);
  });
});

describe('the means are the models’ E[X(t)]', () => {
  const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const PNBD = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
  it.each([0, 1] as const)('(M)BG/NBD (shift %d): Σ x P(X(39) = x) over 400 counts', (shift) => {
    const p = bgCounts(BG, 39, 400, shift);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(mean(p)).toBeCloseTo(expectedPurchases(BG, 39, shift), 6);
  });

  it('Pareto/NBD: Σ x P(X(39) = x) over 400 counts, to Simpson’s precision', () => {
    const p = paretoCounts(PNBD, 39, 400);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
    expect(mean(p)).toBeCloseTo(paretoUnconditional(PNBD, 39), 7);
    // A short t: V = ln(1 + t/β) small, still 64 Simpson steps.
    expect(mean(paretoCounts(PNBD, 0.5, 50))).toBeCloseTo(paretoUnconditional(PNBD, 0.5), 9);
  });

  it('constant drop-out: Σ x P(X(t) = x) is its E[X(t)]', () => {
    const p = { r: 0.8, alpha: 3, p: 0.3 };
    for (const shift of [0, 1] as const) expect(mean(constantDropoutCounts(p, 20, 400, shift))).toBeCloseTo(constantDropout.unconditional(p, 20, shift), 8);
  });
});

describe('periodCounts', () => {
  it('actual customers by x (the last group x or more), expected Σ count · P at each customer’s T', () => {
    const hs = [{ x: 0, T: 1 }, { x: 1, T: 1 }, { x: 5, T: 2 }, { x: 2, T: 2 }, { x: 0, T: 2 }];
    const calls: [number, number][] = [];
    const rows = periodCounts(hs, (t, n) => { calls.push([t, n]); return Float64Array.from({ length: n }, (_, x) => t * 0.1 * (x + 1)); }, 3);
    // Each distinct T once.
    expect(calls).toEqual([[1, 3], [2, 3]]);
    expect(rows).toEqual([
      { x: 0, atLeast: false, actual: 2, expected: 2 * 0.1 + 3 * 0.2 },
      { x: 1, atLeast: false, actual: 1, expected: 2 * 0.2 + 3 * 0.4 },
      { x: 2, atLeast: true, actual: 2, expected: expect.closeTo(2 * 0.30000000000000004 + 3 * 0.6000000000000001, 12) },
    ]);
  });
});

/**
 * src/analyses/models/holdout.ts in-process, with a predictor whose conditional expectation is written out
 * (x + t / 10), so every mean and error below is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { History } from '../../../../src/analyses/models/clv.js';
import { HOLDOUT_GROUPS, holdoutCheck } from '../../../../src/analyses/models/holdout.js';
import type { Predictor } from '../../../../src/analyses/models/purchase-model.js';

const history = (key: string, x: number, tx = 1, T = 10): History => ({ key, name: key, firstDate: '2024-01-01', lastDate: '2024-02-01', x, tx, T, meanSpend: null }) as unknown as History;
const calls: string[] = [];
const predictor: Predictor = {
  pAlive: () => 1,
  conditional: (x, tx, T, t) => {
    calls.push(`${x}|${tx}|${T}|${t}`);
    return x + t / 10;
  },
  unconditional: () => 0,
  countProbabilities: () => new Float64Array(),
};
const period = { from: '2024-06-01', to: '2024-12-31', length: 5 };

describe('holdoutCheck', () => {
  it('predicts each customer once per distinct history, and compares with the purchases seen', () => {
    calls.length = 0;
    // Predicted x + 0.5: a 0.5, b 1.5, c 1.5 (same history as b), d 9.5, e 7.5.
    const hs = [history('a', 0), history('b', 1), history('c', 1), history('d', 9), history('e', 7, 2, 20)];
    const actual = new Map([['a', 1], ['b', 3], ['d', 6], ['zz', 4]]);
    const r = holdoutCheck(hs, predictor, actual, period);
    expect(calls).toEqual(['0|1|10|5', '1|1|10|5', '9|1|10|5', '7|2|20|5']);
    expect(r).toMatchObject({ from: '2024-06-01', to: '2024-12-31', length: 5, customers: 5, predicted: 20.5, actual: 10 });
    // |0.5 − 1| + |1.5 − 3| + |1.5 − 0| + |9.5 − 6| + |7.5 − 0| = 0.5 + 1.5 + 1.5 + 3.5 + 7.5 = 14.5; ÷ 5.
    expect(r.meanAbsoluteError).toBeCloseTo(2.9, 12);
    expect(r.perCustomer).toEqual([
      { key: 'a', predicted: 0.5, actual: 1 },
      { key: 'b', predicted: 1.5, actual: 3 },
      { key: 'c', predicted: 1.5, actual: 0 },
      { key: 'd', predicted: 9.5, actual: 6 },
      { key: 'e', predicted: 7.5, actual: 0 },
    ]);
  });

  it('groups by calibration repeat purchases 0 to 6, then 7 and more', () => {
    const hs = [history('a', 0), history('b', 1), history('c', 1), history('d', 9), history('e', 7, 2, 20)];
    const r = holdoutCheck(hs, predictor, new Map([['a', 1], ['b', 3], ['d', 6]]), period);
    expect(HOLDOUT_GROUPS).toBe(8);
    expect(r.rows).toEqual([
      { x: 0, atLeast: false, customers: 1, predictedMean: 0.5, actualMean: 1 },
      { x: 1, atLeast: false, customers: 2, predictedMean: 1.5, actualMean: 1.5 },
      ...[2, 3, 4, 5, 6].map((x) => ({ x, atLeast: false, customers: 0, predictedMean: 0, actualMean: 0 })),
      // d (9) and e (7): predicted 9.5 and 7.5, seen 6 and 0.
      { x: 7, atLeast: true, customers: 2, predictedMean: 8.5, actualMean: 3 },
    ]);
  });

  it('without customers: zeros, not NaN', () => {
    const r = holdoutCheck([], predictor, new Map(), period);
    expect(r).toMatchObject({ customers: 0, predicted: 0, actual: 0, meanAbsoluteError: 0, perCustomer: [] });
    expect(r.rows.every((g) => g.customers === 0 && g.predictedMean === 0 && g.actualMean === 0)).toBe(true);
  });
});

// The diagnostics of `segment clv`: the period-transactions chart's expected counts (P(X(t) = x) per
// model) against values computed independently with scipy (scripts/clv_period_counts.py), on the
// CDNOW 1/10 sample in weeks at the published parameters.
import { describe, expect, it } from 'vitest';
import { bgCounts, constantDropoutCounts, nbdLimitCounts, paretoCounts, periodCounts } from '../../../src/analyses/models/period-counts.js';
import { isChart } from '../../../src/documents/chart-specs.js';
import { periodCountsChart } from '../../../src/documents/clv-diagnostic-charts.js';
import { clvSchema } from '../../../src/schemas-clv.js';
import { cdnowCalibration } from '../../helpers/cdnow.js';
import { runInProcess } from '../../helpers/in-process.js';

const BG = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
const MBG = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const PNBD = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };

describe('P(X(t) = x) and the period-transactions counts (scipy: scripts/clv_period_counts.py)', () => {
  const { customers } = cdnowCalibration();
  const counts = (p: (t: number, n: number) => Float64Array) => periodCounts(customers, p, 8);

  it('the actual counts: 1,411 customers without a repeat purchase … 64 with 7 or more', () => {
    const rows = counts((t, n) => bgCounts(BG, t, n));
    expect(rows.map((r) => r.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(rows.map((r) => r.atLeast)).toEqual([false, false, false, false, false, false, false, true]);
  });

  const cases = [
    ['BG/NBD', (t: number, n: number) => bgCounts(BG, t, n, 0), [0.5998878705, 0.1948986296, 0.0812598122, 0.0426038101], [1407.667834, 460.32699, 192.46458, 101.166528, 59.848783, 38.120968, 25.550058, 71.85426]],
    ['MBG/NBD', (t: number, n: number) => bgCounts(MBG, t, n, 1), [0.603905414, 0.1820820179, 0.0840223881, 0.0456721324], [1418.313419, 429.197358, 198.628613, 108.28358, 64.778899, 41.173492, 27.313276, 69.311362]],
    ['Pareto/NBD', (t: number, n: number) => paretoCounts(PNBD, t, n), [0.6100218589, 0.1687736017, 0.0821333698, 0.0473252164], [1434.144755, 396.875213, 193.477401, 111.797023, 69.977495, 45.84533, 30.923829, 73.958954]],
  ] as const;
  for (const [name, probabilities, atT, expected] of cases) {
    it(`${name}: P(X(31.86) = 0 … 3) and Σ_i P(X(T_i) = x) over the 2,357 customers`, () => {
      const q = probabilities(31.86, 5);
      atT.forEach((v, x) => {
        expect(q[x]).toBeCloseTo(v, 8);
      });
      const rows = counts(probabilities);
      expected.forEach((v, x) => {
        expect(rows[x]!.expected).toBeCloseTo(v, 4);
      });
      expect(rows.reduce((s, r) => s + r.expected, 0)).toBeCloseTo(2357, 8);
    });
  }

  it('each distribution sums to 1 and its mean is E[X(t)] (by hand: the NBD, rt/α; constant drop-out at p = 0 is the NBD)', () => {
    const nbd = nbdLimitCounts({ r: 2, alpha: 3 }, 4, 200);
    expect(nbd.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(nbd.reduce((s, v, x) => s + x * v, 0)).toBeCloseTo((2 * 4) / 3, 10);
    // NB(0) = (α / (α + t))^r = (3/7)^2; NB(1) = r (α/(α+t))^r t/(α+t).
    expect(nbd[0]).toBeCloseTo((3 / 7) ** 2, 14);
    expect(nbd[1]).toBeCloseTo(2 * (3 / 7) ** 2 * (4 / 7), 14);
    const still = constantDropoutCounts({ r: 2, alpha: 3, p: 0 }, 4, 8, 0);
    Array.from(nbdLimitCounts({ r: 2, alpha: 3 }, 4, 8)).forEach((v, x) => {
        expect(still[x]).toBeCloseTo(v, 14);
      });
    // MBG/NBD constant drop-out, by hand at x = 0: left at once (p) or stayed and bought nothing.
    const c = constantDropoutCounts({ r: 2, alpha: 3, p: 0.25 }, 4, 8, 1);
    expect(c[0]).toBeCloseTo(0.25 + 0.75 * (3 / 7) ** 2, 14);
    expect(c.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
  });

  it('at t = 0 every customer has 0 repeat purchases', () => {
    expect(Array.from(paretoCounts(PNBD, 0, 3))).toEqual([1, 0, 0]);
    expect(Array.from(bgCounts(BG, 0, 3))).toEqual([1, 0, 0]);
  });
});

describe('the period-transactions chart', () => {
  const rows = [
    { x: 0, atLeast: false, actual: 10, expected: 9.5 },
    { x: 1, atLeast: false, actual: 4, expected: 6.25 },
    { x: 2, atLeast: true, actual: 3, expected: 1.25 },
  ];

  it('two bars per group; the reading gives the customers without a repeat purchase and the largest gap', () => {
    const c = periodCountsChart(rows, 'BG/NBD');
    if (!isChart(c)) throw new Error(c.why);
    expect(c.reading).toBe('Of 17 customers, 10 made no repeat purchase (the BG/NBD expects 9.5); the largest gap is at 1 repeat purchases: 4 actual against 6.3 expected.');
    expect((c.spec as unknown as { data: { values: unknown[] } }).data.values).toEqual([
      { x: '0', series: 'actual', customers: 10 },
      { x: '0', series: 'model', customers: 9.5 },
      { x: '1', series: 'actual', customers: 4 },
      { x: '1', series: 'model', customers: 6.25 },
      { x: '2+', series: 'actual', customers: 3 },
      { x: '2+', series: 'model', customers: 1.25 },
    ]);
    expect(c.table.rows).toEqual([
      ['0', '10', '9.5'],
      ['1', '4', '6.3'],
      ['2+', '3', '1.3'],
    ]);
  });

  it('says why without rows', () => {
    expect(periodCountsChart(null, 'BG/NBD')).toEqual({ id: 'clv-period-transactions', title: 'Customers by repeat purchases in the calibration period, actual and expected', why: 'no customers to count' });
  });
});

describe('segment clv: the diagnostics in JSON and Markdown', () => {
  it('period_transactions in the JSON, valid against the schema; the same counts as the model (CDNOW, BG/NBD)', async () => {
    const r = await runInProcess(['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week', '--as-of', '1997-09-30', '--json', '--top', '0']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(clvSchema.safeParse(doc).success).toBe(true);
    expect(doc.period_transactions.map((p: { actual: number }) => p.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(doc.period_transactions.at(-1).or_more).toBe(true);
    // The fit lands within 1e-4 of the published parameters: the expected counts within 0.05 of scipy's at them.
    [1407.667834, 460.32699, 192.46458, 101.166528, 59.848783, 38.120968, 25.550058, 71.85426].forEach((v, x) => {
        expect(Math.abs(doc.period_transactions[x].expected - v)).toBeLessThan(0.05);
      });
  });
});

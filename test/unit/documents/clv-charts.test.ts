/** The predicted-value charts: specifications by hand, and in the HTML of report --clv and clv --format html. */
import { describe, expect, it } from 'vitest';
import type { HoldoutResult } from '../../../src/analyses/models/holdout.js';
import { isChart, type Chart } from '../../../src/documents/chart-specs.js';
import { holdoutChart, niceWidth, pAliveCells, pAliveChart } from '../../../src/documents/clv-charts.js';
import { runInProcess } from '../../helpers/in-process.js';

const values = (c: Chart) => (c.spec as unknown as { data: { values: Record<string, unknown>[] } }).data.values;

describe('P(alive) over frequency × recency', () => {
  it('round bucket widths: 1, 2 or 5 × 10^k at or above span / buckets', () => {
    expect(niceWidth(1095, 8)).toBe(200);
    expect(niceWidth(39, 8)).toBe(5);
    expect(niceWidth(8, 8)).toBe(1);
    expect(niceWidth(0.3, 8)).toBe(0.05);
    expect(niceWidth(0, 8)).toBe(1);
  });

  it('mean P(alive) per cell of repeat purchases (7 and more together) × t_x; one-time buyers counted, not drawn', () => {
    // t_x up to 40: width 5, columns 0–5 … 35–40 (40 itself in the last one).
    const customers = [
      { x: 0, tx: 0, pAlive: 1 },
      { x: 1, tx: 2, pAlive: 0.9 },
      { x: 1, tx: 4.9, pAlive: 0.5 },
      { x: 1, tx: 5, pAlive: 0.7 },
      { x: 7, tx: 40, pAlive: 0.2 },
      { x: 12, tx: 36, pAlive: 0.4 },
    ];
    const { cells, width, oneTime } = pAliveCells(customers);
    expect(width).toBe(5);
    expect(oneTime).toBe(1);
    expect(cells).toEqual([
      { x: 1, atLeast: false, from: 0, to: 5, customers: 2, meanPAlive: 0.7 },
      { x: 1, atLeast: false, from: 5, to: 10, customers: 1, meanPAlive: 0.7 },
      { x: 7, atLeast: true, from: 35, to: 40, customers: 2, meanPAlive: expect.closeTo(0.3, 12) },
    ]);
    const c = pAliveChart(customers, 'week');
    if (!isChart(c)) throw new Error(c.why);
    expect(c.reading).toBe("Lowest: 7+ repeat purchases with the last at 35–40 weeks after the first: mean P(alive) 30.0% over 2 customers. Many purchases long ago mean probably gone; 1 one-time buyer (mean P(alive) 100.0%; 100% by design in the BG/NBD) are not drawn.");
    expect(values(c)).toEqual([
      { frequency: '1', recency: '0–5', p: 0.7, customersText: '2' },
      { frequency: '1', recency: '5–10', p: 0.7, customersText: '1' },
      { frequency: '7+', recency: '35–40', p: expect.closeTo(0.3, 12), customersText: '2' },
    ]);
    expect(c.table.rows).toEqual([
      ['1', '0–5', '2', '70.0%'],
      ['1', '5–10', '1', '70.0%'],
      ['7+', '35–40', '2', '30.0%'],
    ]);
    expect(c.alt).toMatch(/^Heatmap of mean P\(alive\) of 5 repeat buyers/);
  });

  it('the reading names the lowest cell of at least 10 customers when there is one', () => {
    // t_x up to 9: width 2, so 9 falls in 8–10; the single customer at 1% is passed over.
    const customers = [
      { x: 3, tx: 1, pAlive: 0.01 },
      ...Array.from({ length: 10 }, () => ({ x: 2, tx: 9, pAlive: 0.6 })),
      ...Array.from({ length: 10 }, () => ({ x: 2, tx: 1, pAlive: 0.8 })),
    ];
    const c = pAliveChart(customers, 'day');
    if (!isChart(c)) throw new Error(c.why);
    expect(c.reading).toMatch(/^Lowest: 2 repeat purchases with the last at 8–10 days after the first: mean P\(alive\) 60\.0% over 10 customers\./);
  });

  it('says why when no customer bought twice', () => {
    const c = pAliveChart([{ x: 0, tx: 0, pAlive: 1 }], 'day');
    expect(isChart(c)).toBe(false);
    expect(c).toEqual({ id: 'clv-p-alive', title: 'P(alive) over frequency × recency', why: 'no customer bought on more than one day' });
  });
});

describe('predicted against actual in the holdout', () => {
  const holdout: HoldoutResult = {
    from: '2024-01-01',
    to: '2024-06-30',
    length: 181,
    customers: 5,
    predicted: 4.5,
    actual: 5,
    meanAbsoluteError: 0.7,
    rows: [
      { x: 0, atLeast: false, customers: 3, predictedMean: 0.5, actualMean: 1 / 3 },
      { x: 1, atLeast: false, customers: 0, predictedMean: 0, actualMean: 0 },
      { x: 7, atLeast: true, customers: 2, predictedMean: 1.5, actualMean: 2 },
    ],
    perCustomer: [],
  };

  it('one number format per line: predicted 11,669.8 beside actual 11,419, not 11669.8 (issue 24)', () => {
    const c = holdoutChart({ ...holdout, customers: 2500, predicted: 11669.8, actual: 11419, meanAbsoluteError: 1234.5678 });
    if (!isChart(c)) throw new Error(c.why);
    expect(c.reading).toBe('2,500 customers from 2024-01-01 to 2024-06-30: predicted 11,669.8 purchase days, actual 11,419 (102.2% of actual); mean absolute error 1,234.568 per customer.');
  });
  it('two series per calibration group that has customers; the reading gives the totals', () => {
    const c = holdoutChart(holdout);
    if (!isChart(c)) throw new Error(c.why);
    expect(c.reading).toBe('5 customers from 2024-01-01 to 2024-06-30: predicted 4.5 purchase days, actual 5 (90.0% of actual); mean absolute error 0.700 per customer.');
    expect(values(c)).toEqual([
      { x: '0', series: 'predicted', mean: 0.5 },
      { x: '0', series: 'actual', mean: 1 / 3 },
      { x: '7+', series: 'predicted', mean: 1.5 },
      { x: '7+', series: 'actual', mean: 2 },
    ]);
    expect(c.table.rows).toEqual([
      ['0', '3', '0.500', '0.333'],
      ['7+', '2', '1.500', '2.000'],
    ]);
  });

  it('says why without a holdout', () => {
    const c = holdoutChart(null);
    expect(isChart(c)).toBe(false);
    expect('why' in c && c.why).toMatch(/no holdout was run/);
  });
});

const CDNOW = ['fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount'];

describe('in the HTML', () => {
  it('report --clv --format html has the P(alive) chart at the end of the predicted-value section; without --clv it has none', async () => {
    const [withClv, without] = await Promise.all([
      runInProcess(['report', ...CDNOW, '--clv', '--format', 'html', '--quiet']),
      runInProcess(['report', ...CDNOW, '--format', 'html', '--quiet']),
    ]);
    expect(withClv.code).toBe(0);
    const html = withClv.stdout;
    const chart = html.indexOf('id="chart-clv-p-alive"');
    expect(chart).toBeGreaterThan(html.indexOf('Predicted value (BG/NBD and Gamma-Gamma)</h2>'));
    expect(chart).toBeLessThan(html.indexOf('4. ABC×XYZ matrix'));
    const figure = html.slice(chart, html.indexOf('</figure>', chart));
    expect(figure).toContain('P(alive) over frequency × recency');
    expect(figure).toMatch(/aria-label="Heatmap of mean P\(alive\)/);
    expect(figure).toContain('<details>');
    expect(figure).toContain('<svg');
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain('chart-clv');
  });

  it('clv --holdout-from --format html has the five charts: P(alive), period transactions and tracking in the diagnostics, holdout in the holdout section', async () => {
    const r = await runInProcess(['clv', ...CDNOW, '--time-unit', 'week', '--holdout-from', '1997-10-01', '--format', 'html', '--quiet']);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html.indexOf('id="chart-clv-p-alive"')).toBeGreaterThan(html.indexOf('Customers by predicted value</h2>'));
    expect(html.indexOf('id="chart-clv-holdout"')).toBeGreaterThan(html.indexOf('Holdout</h2>'));
    expect(html).toContain('2,357 customers from 1997-10-01 to 1998-06-30: predicted');
    const diagnostics = html.indexOf('Diagnostics</h2>');
    expect(html.indexOf('id="chart-clv-period-transactions"')).toBeGreaterThan(diagnostics);
    expect(html.indexOf('id="chart-clv-period-transactions"')).toBeLessThan(html.indexOf('Holdout</h2>'));
    expect(html).toContain('Of 2,357 customers, 1,411 made no repeat purchase (the BG/NBD expects 1,407.');
    for (const id of ['clv-tracking-cumulative', 'clv-tracking-weekly']) {
      expect(html.indexOf(`id="chart-${id}"`), id).toBeGreaterThan(html.indexOf('id="chart-clv-period-transactions"'));
      expect(html.indexOf(`id="chart-${id}"`), id).toBeLessThan(html.indexOf('Holdout</h2>'));
    }
    expect(html).toContain('By 1998-06-30 the calibration customers made 4,339 repeat purchases; the BG/NBD expected 4,16');
    expect(html.match(/<svg/g)).toHaveLength(5);
  });
});

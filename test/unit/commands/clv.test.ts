// segment clv --value margin: the spend model on the mean repeat margin. Gamma-Gamma's scale: with
// every margin k × the amount, γ (a scale) is k times the revenue fit's, p and q the same, CLV k times.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../../src/engine/engine.js';
import { DataError } from '../../../src/errors.js';
import { histories } from '../../../src/models/clv.js';
import { clvSchema } from '../../../src/schemas-clv.js';
import { FIXTURES } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';
import { mulberry32 } from '../../../src/random.js';

/** The CDNOW sample with a margin column: k × the amount, to 4 decimals (exact for these k). */
function cdnowWithMargin(k: number): string {
  const lines = readFileSync(join(FIXTURES, 'cdnow', 'cdnow-sample.txt'), 'utf8').trim().split('\n');
  return `${lines.map((l) => {
    const f = l.trim().split(/\s+/);
    return [...f, (Number(f[4]) * k).toFixed(4)].join(',');
  }).join('\n')}\n`;
}

const CDNOW_ARGS = ['--columns', 'master,customer,date,cds,amount,margin', '--time-unit', 'week', '--as-of', '1997-09-30', '--json'];

async function clvJson(k: number, value: 'revenue' | 'margin') {
  const r = await runInProcess(['clv', '-', ...CDNOW_ARGS, '--value', value], { stdin: cdnowWithMargin(k) });
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(clvSchema.safeParse(out).success).toBe(true);
  return out;
}

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('clv --value margin: Gamma-Gamma scales with the margin', () => {
  for (const k of [0.25, 3]) {
    it(`every margin ${k} × the amount: γ × ${k}, p and q unchanged, each customer's CLV × ${k}`, async () => {
      const revenue = await clvJson(k, 'revenue');
      const margin = await clvJson(k, 'margin');
      expect(revenue.parameters.value).toBe('revenue');
      expect(margin.parameters.value).toBe('margin');
      const [gr, gm] = [revenue.spend_model, margin.spend_model];
      expect(gm.model).toBe('gamma_gamma');
      // The revenue fit is the published one (Fader, Hardie & Lee 2005: p 6.25, q 3.74, γ 15.44).
      expect(gr.gamma).toBeCloseTo(15.44, 1);
      expect(relative(gm.p, gr.p)).toBeLessThan(1e-3);
      expect(relative(gm.q, gr.q)).toBeLessThan(1e-3);
      expect(relative(gm.gamma, k * gr.gamma)).toBeLessThan(1e-3);
      // Both rounded to cents in the JSON.
      expect(Math.abs(gm.mean_spend - k * gr.mean_spend)).toBeLessThanOrEqual(0.005 * (1 + k) + 1e-9);
      // The purchase model does not see money: the same fit.
      expect(margin.purchase_model.parameters).toEqual(revenue.purchase_model.parameters);
      const byKey = new Map<string, number>(revenue.customers.map((c: { customer: string; clv: number }) => [c.customer, c.clv]));
      expect(margin.customers.length).toBe(revenue.customers.length);
      for (const c of margin.customers.slice(0, 50)) {
        expect(relative(c.clv, k * byKey.get(c.customer)!)).toBeLessThan(2e-3);
      }
    }, 60_000);
  }
});

// 12 repeat buyers and 8 one-time buyers. Repeat buyer i's first day has margin 100 (amount 300), which
// must not count; it then buys on 1 + i % 3 more days j = 1, 2, 3 with margin 10 + i + j (amount
// 50 + i + 2j). c0's first day is two rows (margins 60 and 40), and a refund (amount -8, margin -4)
// on its repeat day takes 4 off its margin. One-time buyers: amount 80, margin 30.
function handFixture(): string {
  const rows = ['customer,date,amount,margin'];
  const day = (d: number): string => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 12; i++) {
    const start = (i * 7) % 40;
    if (i === 0) rows.push(`c0,${day(start)},150,60`, `c0,${day(start)},150,40`);
    else rows.push(`c${i},${day(start)},300,100`);
    for (let j = 1; j <= 1 + (i % 3); j++) rows.push(`c${i},${day(start + j * (9 + i * 3))},${50 + i + 2 * j},${10 + i + j}`);
  }
  for (let o = 0; o < 8; o++) rows.push(`o${o},${day(o * 13)},80,30`);
  rows.push(`c0,${day(9)},-8,-4`);
  return `${rows.join('\n')}\n`;
}

describe('clv --value margin on a hand-checkable fixture', () => {
  it('mean spend is Σ repeat margin / Σ repeat days, the first purchase day left out', async () => {
    const r = await runInProcess(['clv', '-', '--value', 'margin', '--as-of', '2024-06-30', '--json'], { stdin: handFixture() });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // Repeat days: 4 customers each with 1, 2 and 3 of them, 24 in all. Their margin Σ_j (10 + i + j)
    // by customer: c0 11, c1 25, c2 42, c3 14, c4 31,
    // c5 51, c6 17, c7 37, c8 60, c9 20, c10 43, c11 69 = 420, less c0's refund 4: 416 over 24 days.
    expect(out.spend_model.customers).toBe(12);
    expect(out.spend_model.mean_spend).toBeCloseTo(416 / 24, 2);
    expect(out.parameters.value).toBe('margin');
    const rev = JSON.parse((await runInProcess(['clv', '-', '--as-of', '2024-06-30', '--json'], { stdin: handFixture() })).stdout);
    // Revenue of the same days: Σ (50 + i + 2j) = 1420, less the refund 8: 1412 over 24.
    expect(rev.spend_model.mean_spend).toBeCloseTo(1412 / 24, 2);
    expect(rev.parameters.value).toBe('revenue');
    const md = (await runInProcess(['clv', '-', '--value', 'margin', '--as-of', '2024-06-30', '--format', 'md'], { stdin: handFixture() })).stdout;
    expect(md).toMatch(/Gamma-Gamma .* on the mean margin \(--value margin/);
    expect(md).toMatch(/Margin, not revenue: spend, CLV and the intervals are margin\./);
  }, 60_000);

  it('histories: the repeat margin is the margin less the first purchase day’s, per repeat day', () => {
    const base: CustomerSummary = {
      customer: 'a', name: 'a', firstDate: '2024-01-01', lastDate: '2024-01-15', recencyDays: 0, tenureDays: 0, firstPeriod: 0, orders: 3, transactions: 3, revenue: 100, refunds: 0,
      margin: 30, quantity: null, activePeriods: 1, periodRevenueSum: 100, periodRevenueSumSq: 10_000, periodOrdersSum: null, periodOrdersSumSq: null, invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0,
      purchaseDays: 3, firstDayRevenue: 40, firstDayMargin: 12, firstPurchaseDate: '2024-01-01', lastPurchaseDate: '2024-01-15',
    };
    expect(histories([base], '2024-01-29', 'day', 'margin').histories[0]!.repeatSpend).toBe(9);
    expect(histories([base], '2024-01-29', 'day').histories[0]!.repeatSpend).toBe(30);
    // A one-time buyer needs no margin; a repeat buyer without one is a data error, never a made-up figure.
    expect(histories([{ ...base, purchaseDays: 1, margin: null, firstDayMargin: null }], '2024-01-29', 'day', 'margin').histories[0]!.repeatSpend).toBeNull();
    expect(() => histories([{ ...base, firstDayMargin: null }], '2024-01-29', 'day', 'margin')).toThrow(DataError);
    expect(() => histories([{ ...base, margin: null }], '2024-01-29', 'day', 'margin')).toThrow(/without a margin/);
  });
});

describe('clv --value margin refusals', () => {
  it('an input without a margin: exit 3, one line naming the fix', async () => {
    const csv = handFixture().split('\n').map((l) => l.split(',').slice(0, 3).join(',')).join('\n');
    const r = await runInProcess(['clv', '-', '--value', 'margin'], { stdin: csv });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--value margin needs a margin in the input/);
    expect(r.stderr).toMatch(/leave out --value margin/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('with --engine clickhouse, --new-customer or --spend-model none: exit 2 before reading anything', async () => {
    const ch = await runInProcess(['clv', '--engine', 'clickhouse', '--url', 'http://127.0.0.1:1', '--table', 't', '--value', 'margin']);
    expect(ch.code).toBe(2);
    expect(ch.stderr).toMatch(/--value margin is not available with --engine clickhouse/);
    const nc = await runInProcess(['clv', '-', '--value', 'margin', '--new-customer'], { stdin: handFixture() });
    expect(nc.code).toBe(2);
    expect(nc.stderr).toMatch(/--new-customer is in revenue only/);
    const none = await runInProcess(['clv', '-', '--value', 'margin', '--spend-model', 'none'], { stdin: handFixture() });
    expect(none.code).toBe(2);
    const bad = await runInProcess(['clv', '-', '--value', 'profit'], { stdin: handFixture() });
    expect(bad.code).toBe(2);
  });
});

const CDNOW = ['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week', '--as-of', '1997-09-30'];

describe('bootstrap intervals', () => {
  it('the generator is seeded: the same seed, the same draws; another seed, others; all in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const da = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(da);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(da);
    expect(da.every((v) => v >= 0 && v < 1)).toBe(true);
    // Roughly uniform: the mean of 1,000 draws within 0.05 of 1/2.
    expect(Math.abs(da.reduce((s, v) => s + v, 0) / 1000 - 0.5)).toBeLessThan(0.05);
  });

  it('80% intervals per customer and for the totals; byte-identical for a seed, different for another', async () => {
    const [one, again, other] = await Promise.all([
      runInProcess([...CDNOW, '--intervals', '12', '--seed', '7', '--json', '--top', '50']),
      runInProcess([...CDNOW, '--intervals', '12', '--seed', '7', '--json', '--top', '50']),
      runInProcess([...CDNOW, '--intervals', '12', '--seed', '8', '--json', '--top', '50']),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(again.stdout).toBe(one.stdout);
    expect(other.stdout).not.toBe(one.stdout);
    const out = JSON.parse(one.stdout);
    expect(clvSchema.safeParse(out).success).toBe(true);
    expect(out.intervals).toMatchObject({ level: 0.8, replicates: 12, seed: 7, failed: 0 });
    const total = out.customers.length;
    expect(total).toBe(50);
    let inside = 0;
    for (const c of out.customers) {
      expect(c.expected_purchases_low).toBeLessThanOrEqual(c.expected_purchases_high);
      expect(c.clv_low).toBeLessThanOrEqual(c.clv_high);
      if (c.clv >= c.clv_low && c.clv <= c.clv_high) inside++;
    }
    // The point prediction lies within its customer's bootstrap interval for most customers.
    expect(inside).toBeGreaterThan(total / 2);
    expect(out.intervals.total_clv.low).toBeLessThan(out.intervals.total_clv.high);
    const plain = JSON.parse((await runInProcess([...CDNOW, '--json', '--top', '1'])).stdout);
    expect(plain.intervals).toBeNull();
    expect(plain.customers[0]).not.toHaveProperty('clv_low');
  });

  it('refuses a number of resamples that is not a whole number from 2', async () => {
    const r = await runInProcess([...CDNOW, '--intervals', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--intervals takes a whole number from 2 to 10000, not '1'/);
  });
});

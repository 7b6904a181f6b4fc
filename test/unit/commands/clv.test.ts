// segment clv --value margin: the spend model on the mean repeat margin. Gamma-Gamma's scale: with
// every margin k × the amount, γ (a scale) is k times the revenue fit's, p and q the same, CLV k times.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../../src/sources/files/duckdb/engine.js';
import { DataError } from '../../../src/kernel/errors.js';
import { histories } from '../../../src/analyses/models/clv.js';
import { clvSchema } from '../../../src/schemas-clv.js';
import { FIXTURES } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';
import { mulberry32 } from '../../../src/kernel/random.js';
import { reportSchema } from '../../../src/schemas.js';

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

const CDNOW_RUN = ['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week', '--as-of', '1997-09-30'];

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
      runInProcess([...CDNOW_RUN, '--intervals', '12', '--seed', '7', '--json', '--top', '50']),
      runInProcess([...CDNOW_RUN, '--intervals', '12', '--seed', '7', '--json', '--top', '50']),
      runInProcess([...CDNOW_RUN, '--intervals', '12', '--seed', '8', '--json', '--top', '50']),
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
    const plain = JSON.parse((await runInProcess([...CDNOW_RUN, '--json', '--top', '1'])).stdout);
    expect(plain.intervals).toBeNull();
    expect(plain.customers[0]).not.toHaveProperty('clv_low');
  });

  it('refuses a number of resamples that is not a whole number from 2', async () => {
    const r = await runInProcess([...CDNOW_RUN, '--intervals', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--intervals takes a whole number from 2 to 10000, not '1'/);
  });
});

const CDNOW = ['fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week'];

describe('segment clv on CDNOW', () => {
  it('fits the published parameters through the whole pipeline and gives the paper’s holdout table', async () => {
    const r = await runInProcess(['clv', ...CDNOW, '--holdout-from', '1997-10-01', '--json', '--top', '3']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.calibration).toEqual({ from: '1997-01-01', to: '1997-09-30' });
    // All the paper's 2,357 customers: the 8 whose first purchase was $0.00 are purchase days too.
    expect(out.customers_without_purchase_day).toBe(0);
    const bg = out.purchase_model;
    expect(bg).toMatchObject({ model: 'bgnbd', limit: null, selected_by: 'asked' });
    expect(bg.parameters.r).toBeCloseTo(0.243, 2);
    expect(bg.parameters.alpha).toBeCloseTo(4.414, 1);
    expect(bg.parameters.a).toBeCloseTo(0.793, 2);
    expect(bg.parameters.b).toBeCloseTo(2.426, 1);
    expect(Object.keys(bg.standard_errors)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(out.models).toHaveLength(1);
    expect(out.spend_model).toMatchObject({ model: 'gamma_gamma', customers: 946, left_out_non_positive_spend: 0 });
    expect(out.spend_model.p).toBeCloseTo(6.25, 1);
    expect(out.spend_model.q).toBeCloseTo(3.74, 1);
    expect(out.spend_model.gamma).toBeCloseTo(15.44, 1);
    const h = out.holdout;
    expect(h).toMatchObject({ from: '1997-10-01', to: '1998-06-30', length: 39, customers: 2357 });
    expect(h.by_repeat_purchases.map((row: { x: number }) => row.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The paper's 1,411 customers without a repeat purchase in the calibration period.
    expect(h.by_repeat_purchases[0].customers).toBe(1411);
    expect(h.by_repeat_purchases.reduce((s: number, row: { customers: number }) => s + row.customers, 0)).toBe(2357);
    // The paper's shape: predicted and actual means rise together with calibration purchases.
    const means = h.by_repeat_purchases.map((row: { predicted_mean: number; actual_mean: number }) => [row.predicted_mean, row.actual_mean]);
    for (let i = 1; i < means.length; i++) expect(means[i][0]).toBeGreaterThan(means[i - 1][0]);
    expect(Math.abs(h.predicted - h.actual) / h.actual).toBeLessThan(0.2);
    expect(out.customers).toHaveLength(3);
    expect(out.customers[0].clv).toBeGreaterThanOrEqual(out.customers[1].clv);
    expect(r.stderr).toBe('');
    expect(clvSchema.safeParse(out).success).toBe(true);
  });

  it('report --clv: P(alive) and CLV beside the ranked ideal customers, the two groups, the models in the method', async () => {
    const r = await runInProcess(['report', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--clv', '--json', '--quiet']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(reportSchema.safeParse(out).success).toBe(true);
    expect(out.clv.predicted).toBe(true);
    expect(out.clv.ideal.map((c: { customer: string }) => c.customer)).toEqual(out.ranking.map((c: { customer: string }) => c.customer));
    expect(out.clv.groups.map((g: { group: string }) => g.group)).toEqual(['Ideal but probably gone', 'Rising']);
    const [gone, rising] = out.clv.groups;
    const ideal = new Set(out.ranking.map((c: { customer: string }) => c.customer));
    expect(gone.customers).toBeGreaterThan(0);
    for (const m of gone.members) expect(ideal.has(m.customer) && m.p_alive < 0.5).toBe(true);
    for (const m of rising.members) expect(ideal.has(m.customer)).toBe(false);
    const se = String.raw` \(SE [\d.]+\)`;
    expect(out.method.some((line: string) => new RegExp(`BG/NBD: r = [\\d.]+${se}, α = [\\d.]+${se}, a = [\\d.]+${se}, b = [\\d.]+${se} \\(log-likelihood -[\\d.]+`).test(line))).toBe(true);
    expect(out.method.some((line: string) => new RegExp(`Gamma-Gamma .* p = [\\d.]+${se}, q = [\\d.]+${se}, γ = [\\d.]+${se}`).test(line))).toBe(true);
  });

  it('--model auto: all three fits in the JSON; with a holdout the lowest holdout error wins, without one the highest likelihood', async () => {
    const withHoldout = JSON.parse((await runInProcess(['clv', ...CDNOW, '--holdout-from', '1997-10-01', '--model', 'auto', '--json', '--top', '1'])).stdout);
    expect(clvSchema.safeParse(withHoldout).success).toBe(true);
    expect(withHoldout.models.map((m: { model: string }) => m.model)).toEqual(['bgnbd', 'mbgnbd', 'pnbd']);
    expect(withHoldout.purchase_model.selected_by).toBe('holdout');
    const errors = [...withHoldout.purchase_model.selection.matchAll(/(BG\/NBD|MBG\/NBD|Pareto\/NBD) (\d\.\d+)/g)].map((m: RegExpMatchArray) => Number(m[2]));
    expect(errors).toHaveLength(3);
    expect(withHoldout.holdout.mean_absolute_error).toBeCloseTo(Math.min(...errors), 4);
    const byLikelihood = JSON.parse((await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--model', 'auto', '--json', '--top', '1'])).stdout);
    expect(byLikelihood.purchase_model.selected_by).toBe('likelihood');
    const best = Math.max(...byLikelihood.models.map((m: { log_likelihood: number }) => m.log_likelihood));
    expect(byLikelihood.purchase_model.log_likelihood).toBe(best);
    expect(byLikelihood.purchase_model.selection).toMatch(/highest log-likelihood .*without --holdout-from/);
  });

  it('--new-customer: E[X(t)] over 223 days (31.86 weeks) is the reference 1.0405; value = first purchase + repeat purchases × spend', async () => {
    const r = await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--new-customer', '--horizon', '223', '--json', '--top', '1']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(clvSchema.safeParse(out).success).toBe(true);
    const n = out.new_customer;
    expect(Math.abs(n.repeat_purchases - 1.0405)).toBeLessThan(1e-4);
    expect(n.value).toBeCloseTo(n.first_purchase + n.repeat_purchases * n.spend_per_purchase, 1);
    // Gamma-Gamma's population mean spend, p γ / (q − 1).
    const g = out.spend_model;
    expect(n.spend_per_purchase).toBeCloseTo((g.p * g.gamma) / (g.q - 1), 1);
    const md = await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--new-customer', '--format', 'md']);
    expect(md.stdout).toMatch(/## A new customer\n\nExpected over the next 365 days from a customer's first purchase: [\d.]+ repeat purchases × [\d.,]+ expected spend per purchase/);
    const none = JSON.parse((await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--json', '--top', '1'])).stdout);
    expect(none.new_customer).toBeNull();
  });

  it('stops with exit 3 and says what is missing when too few customers bought twice', async () => {
    const csv = 'customer,date,amount\na,2024-01-01,10\nb,2024-01-02,20\nb,2024-02-02,20\nc,2024-03-01,5\n';
    const r = await runInProcess(['clv', '-'], { stdin: csv });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^segment clv: too few repeat buyers to fit a purchase model: 1 of 3 customers bought on more than one day; it needs at least 10 \(use a longer window/m);
  });

  it('refuses --as-of with --holdout-from, and a bad horizon, as usage errors', async () => {
    const both = await runInProcess(['clv', ...CDNOW, '--as-of', '1997-09-30', '--holdout-from', '1997-10-01']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--as-of and --holdout-from exclude each other/);
    const horizon = await runInProcess(['clv', ...CDNOW, '--horizon', '-5']);
    expect(horizon.code).toBe(2);
    expect(horizon.stderr).toMatch(/--horizon takes a number of days/);
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

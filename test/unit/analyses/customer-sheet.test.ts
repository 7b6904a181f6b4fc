/** The customers sheet (`segment customers`) and the report's flags per customer, on hand-made rows. */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../../src/analyses/analysis.js';
import type { CustomerClv } from '../../../src/analyses/customer-clv.js';
import { customerFlags, customerSheet } from '../../../src/analyses/customer-sheet.js';
import { customerRow as row } from '../../helpers/analysis-fixtures.js';

const late = { invoices: 4, onTimeShare: 0.25, meanDaysLate: 12.6 };
const analysisOf = (customers: ReturnType<typeof row>[]): Analysis => ({ customers }) as unknown as Analysis;
const BASE = ['customer', 'name', 'rank', 'revenue', 'share', 'orders', 'avg_check'];
const MIDDLE = ['first_date', 'last_date', 'recency_days', 'abc_class', 'xyz_class', 'abc_xyz', 'r', 'f', 'm', 'rfm_score', 'segment', 'group'];

describe('customerFlags', () => {
  it('flags an ideal customer only for paying late and losing money, both when both', () => {
    expect(customerFlags(row('a', { pareto: 'ideal' }))).toEqual([]);
    expect(customerFlags(row('a', { pareto: 'ideal', punctuality: late, contribution: -1, nonPositive: true, belowBreakEven: true }))).toEqual([
      'ideal, but pays late: fix the terms',
      'ideal, but loses money: fix the price or the cost to serve',
    ]);
    expect(customerFlags(row('a', { pareto: 'elite', margin: 0, contribution: 0 }))).toEqual([]);
  });
  it('flags a customer outside the ideal group by each rule that holds', () => {
    expect(customerFlags(row('b'))).toEqual([]);
    expect(customerFlags(row('b', { belowBreakEven: true, punctuality: late, abcClass: 'C', segment: 'Hibernating' }))).toEqual(['below break-even', 'chronic late payer', 'lost, and small']);
    expect(customerFlags(row('b', { abcClass: 'C', segment: 'Lost' }))).toEqual(['lost, and small']);
    expect(customerFlags(row('b', { abcClass: 'B', segment: 'Lost' }))).toEqual([]);
    expect(customerFlags(row('b', { abcClass: 'C', segment: 'At Risk' }))).toEqual([]);
    expect(customerFlags(row('b', { belowBreakEven: false, margin: -5 }))).toEqual([]);
  });
  it('says refunds or zero-value lines for net revenue ≤ 0, and nothing else then', () => {
    const flags = { belowBreakEven: true, punctuality: late, abcClass: 'C' as const, segment: 'Lost' };
    expect(customerFlags(row('c', { ...flags, nonPositive: true, revenue: -20, refunds: -120 }))).toEqual(['refunds exceed purchases']);
    expect(customerFlags(row('c', { ...flags, nonPositive: true, revenue: 0, refunds: 0 }))).toEqual(['only zero-value lines']);
    expect(customerFlags(row('c', { nonPositive: true, revenue: 0, refunds: -30 }))).toEqual(['refunds exceed purchases']);
    expect(customerFlags(row('c', { nonPositive: true, revenue: -10, refunds: 0 }))).toEqual(['refunds exceed purchases']);
  });
});

describe('customerSheet', () => {
  it('has the base columns only, when no customer has a margin, a contribution or invoices', () => {
    const c = row('k1', { name: 'Kay', rank: 1, revenue: 1234.565, share: 0.123456, orders: 3, avgCheck: 411.52166, firstDate: '2023-01-02', lastDate: '2024-11-30', recencyDays: 31, xyzClass: null, r: 4, f: 3, m: 5, rfmScore: '435', segment: 'Loyal', pareto: 'elite' });
    const s = customerSheet(analysisOf([c]));
    expect(s.columns.map((x) => x.key)).toEqual([...BASE, ...MIDDLE, 'flags']);
    expect(s.columns.map((x) => x.kind)).toEqual(['text', 'text', 'integer', 'money', 'share', 'integer', 'money', 'date', 'date', 'integer', 'text', 'text', 'text', 'integer', 'integer', 'integer', 'text', 'text', 'text', 'text']);
    expect(s.rows).toEqual([['k1', 'Kay', 1, 1234.57, 0.1235, 3, 411.52, '2023-01-02', '2024-11-30', 31, 'A', null, 'A–', 4, 3, 5, '435', 'Loyal', 'elite', '']]);
  });
  it('adds margin, contribution and punctuality columns when any customer has them, empty for the others', () => {
    const a = row('a', { margin: 12.345, marginRate: 0.123456, contribution: -3.333, punctuality: late, pareto: null, avgCheck: null, xyzClass: 'Y', revenue: -0.001 });
    const b = row('b', { margin: null, marginRate: null, contribution: null, punctuality: null });
    const s = customerSheet(analysisOf([a, b]));
    expect(s.columns.map((x) => x.key)).toEqual([...BASE, 'margin', 'margin_rate', 'contribution', ...MIDDLE, 'on_time_share', 'mean_days_late', 'flags']);
    expect(s.columns.find((x) => x.key === 'margin_rate')!.kind).toBe('share');
    expect(s.columns.find((x) => x.key === 'contribution')!.kind).toBe('money');
    expect(s.columns.find((x) => x.key === 'mean_days_late')!.kind).toBe('integer');
    expect(s.rows[0]!.slice(3, 10)).toEqual([0, 0.01, 10, null, 12.35, 0.1235, -3.33]);
    expect(s.rows[0]!.slice(15, 16)).toEqual(['AY']);
    expect(s.rows[0]!.slice(-3)).toEqual([0.25, 13, 'chronic late payer']);
    expect(s.rows[1]!.slice(7, 10)).toEqual([null, null, null]);
    expect(s.rows[1]!.slice(-3)).toEqual([null, null, '']);
    expect(Object.is(s.rows[0]![3], 0)).toBe(true);
  });
  it('adds only the margin columns, or only the contribution, as the customers have them', () => {
    expect(customerSheet(analysisOf([row('a', { margin: 5, marginRate: 0.5 })])).columns.map((x) => x.key)).toEqual([...BASE, 'margin', 'margin_rate', ...MIDDLE, 'flags']);
    expect(customerSheet(analysisOf([row('a', { contribution: 5 })])).columns.map((x) => x.key)).toEqual([...BASE, 'contribution', ...MIDDLE, 'flags']);
  });
  it('joins several flags with "; "', () => {
    const s = customerSheet(analysisOf([row('a', { belowBreakEven: true, abcClass: 'C', segment: 'Lost' })]));
    expect(s.rows[0]!.at(-1)).toBe('below break-even; lost, and small');
  });

  const clv = (over: Partial<CustomerClv> = {}): CustomerClv => ({ pAlive: 0.876543, expectedPurchases: 2.345678, clv: 456.789, churnRisk: 'low', spendTier: 'high', expectedNextOrder: '2025-02-01', ...over });
  const CLV = ['p_alive', 'expected_purchases', 'clv', 'churn_risk', 'spend_tier', 'expected_next_order'];
  it('adds the CLV columns with --clv, empty for a customer the models do not cover', () => {
    const s = customerSheet(analysisOf([row('a'), row('b'), row('c')]), new Map([['a', clv()], ['c', clv({ clv: null, spendTier: null, expectedNextOrder: null, churnRisk: 'high' })]]));
    expect(s.columns.map((x) => x.key)).toEqual([...BASE, ...MIDDLE, 'flags', ...CLV]);
    expect(s.columns.slice(-6).map((x) => x.kind)).toEqual(['share', 'number', 'money', 'text', 'text', 'date']);
    expect(s.rows[0]!.slice(-6)).toEqual([0.8765, 2.3457, 456.79, 'low', 'high', '2025-02-01']);
    expect(s.rows[1]!.slice(-7)).toEqual(['', null, null, null, null, null, null]);
    expect(s.rows[2]!.slice(-6)).toEqual([0.8765, 2.3457, null, 'high', null, null]);
  });
  it('adds the interval columns when a customer has intervals, empty where one has none', () => {
    const withIntervals = clv({ purchasesInterval: { low: 1.23456, high: 3.45678 }, clvInterval: { low: 100.123, high: 900.987 } });
    const s = customerSheet(analysisOf([row('a'), row('b'), row('c')]), new Map([['a', withIntervals], ['b', clv({ purchasesInterval: null, clvInterval: null })]]));
    expect(s.columns.map((x) => x.key).slice(-10)).toEqual([...CLV, 'expected_purchases_low', 'expected_purchases_high', 'clv_low', 'clv_high']);
    expect(s.columns.slice(-4).map((x) => x.kind)).toEqual(['number', 'number', 'money', 'money']);
    expect(s.rows[0]!.slice(-4)).toEqual([1.2346, 3.4568, 100.12, 900.99]);
    expect(s.rows[1]!.slice(-10)).toEqual([0.8765, 2.3457, 456.79, 'low', 'high', '2025-02-01', null, null, null, null]);
    expect(s.rows[2]!.slice(-11)).toEqual(['', null, null, null, null, null, null, null, null, null, null]);
    expect(s.rows[0]).toHaveLength(BASE.length + MIDDLE.length + 1 + 10);
  });
  it('has no interval columns when no customer has intervals', () => {
    const s = customerSheet(analysisOf([row('a')]), new Map([['a', clv()]]));
    expect(s.columns).toHaveLength(BASE.length + MIDDLE.length + 1 + 6);
    expect(s.rows[0]).toHaveLength(BASE.length + MIDDLE.length + 1 + 6);
  });
});

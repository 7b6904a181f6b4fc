/** Shared builders for in-process analysis tests: default parameters and a customer row. */
import type { AnalysisParams, CustomerRow } from '../../src/analyses/analysis.js';
import { DEFAULT_SEGMENTS } from '../../src/analyses/segments.js';
import { periodIndex } from '../../src/analyses/periods.js';
import type { CustomerSummary } from '../../src/sources/files/duckdb/engine.js';

/** The analysis commands' defaults over a three-year window ending 2024-12-31. */
export function analysisParams(over: Partial<AnalysisParams> = {}): AnalysisParams {
  return {
    asOf: '2024-12-31',
    windowStart: '2022-01-01',
    windowEnd: '2024-12-31',
    period: 'month',
    abc: { basis: 'revenue', basisGiven: true, method: 'cumulative', limits: [0.8, 0.95] },
    xyz: { by: 'revenue', span: 'customer', limits: [0.5, 1], minPeriods: 3 },
    rfm: { monetary: 'total', bins: 5, cuts: {}, segments: DEFAULT_SEGMENTS, segmentsName: 'default' },
    pareto: { ideal: 0.2, elite: 0.04 },
    oneOff: { threshold: 0.8, forced: false },
    ...over,
  };
}

/** A regular A/X Champion with 100 of revenue; `over` changes what a test is about. */
export function customerRow(key: string, over: Partial<CustomerRow> = {}): CustomerRow {
  return {
    key, name: key, firstDate: '2022-01-01', lastDate: '2024-12-01', tenureDays: 1000, recencyDays: 30, orders: 10, transactions: 10,
    revenue: 100, refunds: 0, margin: null, marginRate: null, avgCheck: 10, nonPositive: false, abcValue: 100, rank: 1, share: 0.01,
    cumulativeShare: 0.01, abcClass: 'A', periods: 36, cv: 0.3, xyzClass: 'X', xyzReason: null, r: 5, f: 5, m: 5, rfmScore: '555',
    segment: 'Champions', pareto: null, contribution: null, belowBreakEven: null, punctuality: null, ...over,
  };
}

/** A customer's engine summary: `orders` orders, each in a period of its own, from 2022-01-10 to 2024-12-01; net `revenue`. */
export function summary(customer: string, recencyDays: number, orders: number, revenue: number, refunds = 0): CustomerSummary {
  return {
    customer, name: customer, firstDate: '2022-01-10', lastDate: '2024-12-01', recencyDays, tenureDays: 1086,
    firstPeriod: periodIndex('2022-01-10', 'month'), orders, transactions: orders, revenue, refunds, margin: null, quantity: null,
    activePeriods: orders, periodRevenueSum: revenue, periodRevenueSumSq: revenue * revenue, periodOrdersSum: orders,
    periodOrdersSumSq: orders, invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0, purchaseDays: orders, firstDayRevenue: revenue / orders,
  };
}

/**
 * The analyses over the per-customer summary: ABC, XYZ, the ABC×XYZ matrix, RFM with segments,
 * Pareto and profitability. Pure: the summary comes from the engine, the result goes to a renderer.
 */
import type { CustomerSummary, Period } from '../engine/engine.js';
import { ABC_CLASSES, abcAnalysis, type AbcClass, type AbcMethod, type AbcResult } from './abc.js';
import { paretoAnalysis, type ParetoFlag, type ParetoResult } from './pareto.js';
import { cutScores, quantileScores, rQuantileScores, type Scoring } from './rfm.js';
import { coverage, segmentOf, ONE_OFF_SEGMENTS, type Coverage, type SegmentRule } from './segments.js';
import { Accumulator, sum } from './stats.js';
import { XYZ_CLASSES, windowPeriods, xyzOf, type XyzClass } from './xyz.js';

export type AbcBasis = 'revenue' | 'margin' | 'avg-check' | 'orders';

export interface AnalysisParams {
  readonly asOf: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly period: Period;
  readonly abc: { readonly basis: AbcBasis; readonly basisGiven: boolean; readonly method: AbcMethod; readonly limits: readonly [number, number] };
  readonly xyz: { readonly by: 'revenue' | 'orders'; readonly span: 'customer' | 'window'; readonly limits: readonly [number, number]; readonly minPeriods: number };
  readonly rfm: {
    readonly monetary: 'total' | 'avg';
    readonly bins: number;
    readonly cuts: { readonly r?: readonly number[]; readonly f?: readonly number[]; readonly m?: readonly number[] };
    readonly segments: readonly SegmentRule[];
    readonly segmentsName: string;
    /** How quantile scores are cut: ties kept together (default) or as the R package rfm ('r'). */
    readonly quantiles?: 'ties' | 'r';
  };
  readonly pareto: { readonly ideal: number; readonly elite: number };
  readonly oneOff: { readonly threshold: number; readonly forced: boolean };
  readonly costPerOrder?: number;
}

export interface Punctuality {
  readonly invoices: number;
  readonly onTimeShare: number;
  readonly meanDaysLate: number;
}

export interface CustomerRow {
  readonly key: string;
  readonly name: string;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly tenureDays: number;
  readonly recencyDays: number;
  readonly orders: number;
  readonly transactions: number;
  readonly revenue: number;
  readonly refunds: number;
  readonly margin: number | null;
  readonly marginRate: number | null;
  readonly avgCheck: number | null;
  /** Refunds exceed purchases: kept, flagged, never A. */
  readonly nonPositive: boolean;
  readonly abcValue: number;
  readonly rank: number;
  readonly share: number;
  readonly cumulativeShare: number;
  readonly abcClass: AbcClass;
  readonly periods: number;
  readonly cv: number | null;
  readonly xyzClass: XyzClass | null;
  readonly xyzReason: string | null;
  readonly r: number;
  readonly f: number | null;
  readonly m: number;
  readonly rfmScore: string;
  readonly segment: string;
  readonly pareto: ParetoFlag;
  readonly contribution: number | null;
  readonly belowBreakEven: boolean | null;
  readonly punctuality: Punctuality | null;
}

export interface MatrixCell {
  readonly abcClass: AbcClass;
  readonly xyzClass: XyzClass | null;
  readonly customers: number;
  readonly customerShare: number;
  readonly value: number;
  readonly valueShare: number;
  readonly reading: string;
}

export interface SegmentSummary {
  readonly segment: string;
  readonly customers: number;
  readonly customerShare: number;
  readonly revenue: number;
  readonly revenueShare: number;
  readonly meanRecency: number;
  readonly meanFrequency: number;
  readonly meanMonetary: number;
}

export interface ClassProfit {
  readonly abcClass: AbcClass;
  readonly revenue: number;
  readonly margin: number;
  readonly marginRate: number | null;
  readonly contribution: number | null;
}

export interface Profitability {
  readonly margin: number;
  readonly marginRate: number | null;
  readonly byClass: readonly ClassProfit[];
  readonly costPerOrder: number | null;
  /** Cost to serve an order ÷ the average margin rate: the smallest order that pays for itself. */
  readonly minimumOrder: number | null;
  readonly belowBreakEven: { readonly customers: number; readonly revenue: number } | null;
}

export interface Analysis {
  readonly params: AnalysisParams;
  /** The value ABC ranks by (average check when purchases are one-off). */
  readonly basis: AbcBasis;
  readonly oneOff: { readonly oneOrderShare: number; readonly active: boolean; readonly reason: string | null };
  readonly customers: readonly CustomerRow[];
  readonly abc: AbcResult;
  readonly xyz: { readonly enabled: boolean; readonly reason: string | null };
  readonly matrix: readonly MatrixCell[];
  readonly rfm: {
    readonly r: Scoring;
    readonly f: Scoring | null;
    readonly m: Scoring;
    readonly segments: readonly SegmentSummary[];
    readonly rules: readonly SegmentRule[];
    readonly coverage: Coverage;
  };
  readonly pareto: ParetoResult;
  readonly paretoMargin: ParetoResult | null;
  readonly profit: Profitability | null;
  readonly totals: { readonly customers: number; readonly revenue: number; readonly margin: number | null; readonly orders: number; readonly nonPositive: number };
}

export const CELL_READINGS: Readonly<Record<string, string>> = {
  AX: 'large and regular: the core; keep them close',
  AY: 'large, fairly regular: secure the rhythm',
  AZ: 'large but erratic: learn what triggers their orders',
  'A–': 'large; too new to judge regularity',
  BX: 'mid-sized and regular: dependable, room to grow',
  BY: 'mid-sized, fairly regular',
  BZ: 'mid-sized and erratic: occasional projects',
  'B–': 'mid-sized; too new to judge regularity',
  CX: 'small but regular: check what they cost to serve',
  CY: 'small, fairly regular',
  CZ: 'small and erratic: serve at the lowest cost',
  'C–': 'small; too new to judge regularity',
};

function basisValue(c: CustomerSummary, basis: AbcBasis): number {
  switch (basis) {
    case 'revenue':
      return c.revenue;
    case 'margin':
      return c.margin ?? 0;
    case 'orders':
      return c.orders;
    case 'avg-check':
      return c.orders > 0 ? c.revenue / c.orders : c.revenue;
  }
}

function periodOrders(c: CustomerSummary): { sum: number; sumSq: number } {
  if (c.periodOrdersSum === null || c.periodOrdersSumSq === null) throw new Error('XYZ by orders needs a summary with per-period orders (periodOrders)');
  return { sum: c.periodOrdersSum, sumSq: c.periodOrdersSumSq };
}

export function analyse(summaries: readonly CustomerSummary[], params: AnalysisParams): Analysis {
  const n = summaries.length;
  const hasMargin = summaries.some((c) => c.margin !== null);
  const oneOrderShare = n > 0 ? summaries.filter((c) => c.orders <= 1).length / n : 0;
  const oneOffActive = params.oneOff.forced || (n > 0 && oneOrderShare >= params.oneOff.threshold);
  const oneOffReason = !oneOffActive
    ? null
    : params.oneOff.forced
      ? 'one-off purchases (--one-off)'
      : `one-off purchases: ${Math.round(oneOrderShare * 100)}% of customers bought once (threshold ${Math.round(params.oneOff.threshold * 100)}%)`;
  const basis: AbcBasis = oneOffActive && !params.abc.basisGiven ? 'avg-check' : params.abc.basis;

  const abc = abcAnalysis(
    summaries.map((c) => ({ key: c.customer, value: basisValue(c, basis) })),
    params.abc.method,
    params.abc.limits,
  );
  // ABC rows by the customer's position in the summary.
  const abcAt = new Array<AbcResult['rows'][number]>(n);
  for (const r of abc.rows) abcAt[r.position] = r;

  const xyzEnabled = !oneOffActive;
  const xyzParams = { period: params.period, span: params.xyz.span, windowStart: params.windowStart, windowEnd: params.windowEnd, limits: params.xyz.limits, minPeriods: params.xyz.minPeriods };
  const window = windowPeriods(xyzParams);
  const xyzRows = summaries.map((c) =>
    xyzOf(
      {
        key: c.customer,
        firstPeriod: c.firstPeriod,
        sum: params.xyz.by === 'revenue' ? c.periodRevenueSum : periodOrders(c).sum,
        sumSq: params.xyz.by === 'revenue' ? c.periodRevenueSumSq : periodOrders(c).sumSq,
      },
      xyzParams,
      window,
    ),
  );

  // RFM scores, in summary order.
  const recency = summaries.map((c) => c.recencyDays);
  const frequency = summaries.map((c) => c.orders);
  const monetary = summaries.map((c) => (params.rfm.monetary === 'avg' ? (c.orders > 0 ? c.revenue / c.orders : c.revenue) : c.revenue));
  const bins = params.rfm.bins;
  const quantiles = params.rfm.quantiles === 'r' ? rQuantileScores : quantileScores;
  const rScore = params.rfm.cuts.r ? cutScores(recency, params.rfm.cuts.r, true) : quantiles(recency, bins, true);
  const fScore = oneOffActive ? null : params.rfm.cuts.f ? cutScores(frequency, params.rfm.cuts.f, false) : quantiles(frequency, bins, false);
  const mScore = params.rfm.cuts.m ? cutScores(monetary, params.rfm.cuts.m, false) : quantiles(monetary, bins, false);
  const rules = oneOffActive ? ONE_OFF_SEGMENTS : params.rfm.segments;
  // Segment tables speak of scores 1-5; other bin counts are mapped onto that scale.
  const to5 = (s: number, b: number): number => (b === 5 ? s : Math.min(5, Math.max(1, Math.ceil((s * 5) / b))));
  // At most bins³ score combinations: each is looked up in the rules once.
  const segmentCache = new Map<number, string>();
  const segmentAt = (r: number, f: number, m: number): string => {
    const code = (r * 1024 + f) * 1024 + m;
    let segment = segmentCache.get(code);
    if (segment === undefined) {
      segment = segmentOf(to5(r, rScore.ranges.length), f === 0 ? 1 : to5(f, fScore!.ranges.length), to5(m, mScore.ranges.length), rules);
      segmentCache.set(code, segment);
    }
    return segment;
  };

  const pareto = paretoAnalysis(abc.rows.map((r) => ({ key: r.key, value: r.value })), params.pareto.ideal, params.pareto.elite);
  const paretoMargin = hasMargin && basis !== 'margin'
    ? paretoAnalysis(summaries.map((c) => ({ key: c.customer, value: c.margin ?? 0 })), params.pareto.ideal, params.pareto.elite)
    : null;

  const totalRevenue = sum(summaries.map((c) => c.revenue));
  const totalMargin = hasMargin ? sum(summaries.map((c) => c.margin ?? 0)) : null;
  const marginRate = totalMargin !== null && totalRevenue > 0 ? totalMargin / totalRevenue : null;
  const cost = params.costPerOrder ?? null;
  const minimumOrder = cost !== null && marginRate !== null && marginRate > 0 ? cost / marginRate : null;

  const rows: CustomerRow[] = summaries.map((c, i) => {
    const a = abcAt[i]!;
    const x = xyzRows[i]!;
    const r = rScore.scores[i]!;
    const f = fScore ? fScore.scores[i]! : null;
    const m = mScore.scores[i]!;
    const avgCheck = c.orders > 0 ? c.revenue / c.orders : null;
    const contribution = cost !== null && c.margin !== null ? c.margin - c.orders * cost : null;
    const belowBreakEven =
      cost === null || c.margin === null ? null : (contribution !== null && contribution < 0) || (minimumOrder !== null && avgCheck !== null && avgCheck < minimumOrder);
    return {
      key: c.customer,
      name: c.name,
      firstDate: c.firstDate,
      lastDate: c.lastDate,
      tenureDays: c.tenureDays,
      recencyDays: recency[i]!,
      orders: c.orders,
      transactions: c.transactions,
      revenue: c.revenue,
      refunds: c.refunds,
      margin: c.margin,
      marginRate: c.margin !== null && c.revenue > 0 ? c.margin / c.revenue : null,
      avgCheck,
      nonPositive: c.revenue <= 0,
      abcValue: a.value,
      rank: a.rank,
      share: a.share,
      cumulativeShare: a.cumulativeShare,
      abcClass: a.abcClass,
      periods: x.periods,
      cv: xyzEnabled ? x.cv : null,
      xyzClass: xyzEnabled ? x.xyzClass : null,
      xyzReason: xyzEnabled ? x.reason : oneOffReason,
      r,
      f,
      m,
      rfmScore: `${r}${f ?? '–'}${m}`,
      segment: segmentAt(r, f ?? 0, m),
      pareto: pareto.flags.get(c.customer) ?? null,
      contribution,
      belowBreakEven,
      punctuality:
        c.invoicesDue > 0 ? { invoices: c.invoicesDue, onTimeShare: c.invoicesOnTime / c.invoicesDue, meanDaysLate: c.daysLateSum / c.invoicesDue } : null,
    };
  });
  rows.sort((a, b) => a.rank - b.rank);

  // The matrix and the segments, each in one pass over the customers.
  const cellKey = (ac: AbcClass, xc: XyzClass | null): string => `${ac}${xc ?? '–'}`;
  const cells = new Map<string, { customers: number; value: Accumulator }>();
  const bySegment = new Map<string, { customers: number; revenue: Accumulator; recency: number; orders: number; monetary: Accumulator }>();
  for (const r of rows) {
    const cell = cells.get(cellKey(r.abcClass, r.xyzClass)) ?? { customers: 0, value: new Accumulator() };
    cell.customers += 1;
    cell.value.add(r.abcValue);
    cells.set(cellKey(r.abcClass, r.xyzClass), cell);
    const seg = bySegment.get(r.segment) ?? { customers: 0, revenue: new Accumulator(), recency: 0, orders: 0, monetary: new Accumulator() };
    seg.customers += 1;
    seg.revenue.add(r.revenue);
    seg.recency += r.recencyDays;
    seg.orders += r.orders;
    seg.monetary.add(params.rfm.monetary === 'avg' ? (r.avgCheck ?? r.revenue) : r.revenue);
    bySegment.set(r.segment, seg);
  }
  const matrix: MatrixCell[] = [];
  for (const ac of ABC_CLASSES) {
    for (const xc of [...XYZ_CLASSES, null] as (XyzClass | null)[]) {
      const cell = cells.get(cellKey(ac, xc));
      const value = cell?.value.value ?? 0;
      matrix.push({
        abcClass: ac,
        xyzClass: xc,
        customers: cell?.customers ?? 0,
        customerShare: n > 0 ? (cell?.customers ?? 0) / n : 0,
        value,
        valueShare: abc.total !== 0 ? value / abc.total : 0,
        reading: CELL_READINGS[cellKey(ac, xc)]!,
      });
    }
  }

  const segmentNames = [...new Set([...rules.map((r) => r.name), ...bySegment.keys()])];
  const segments: SegmentSummary[] = segmentNames
    .map((segment) => {
      const g = bySegment.get(segment);
      const k = g?.customers ?? 0;
      const revenue = g?.revenue.value ?? 0;
      return {
        segment,
        customers: k,
        customerShare: n > 0 ? k / n : 0,
        revenue,
        revenueShare: totalRevenue !== 0 ? revenue / totalRevenue : 0,
        meanRecency: k > 0 ? g!.recency / k : 0,
        meanFrequency: k > 0 ? g!.orders / k : 0,
        meanMonetary: k > 0 ? g!.monetary.value / k : 0,
      };
    })
    .filter((x) => x.customers > 0 || rules.some((r) => r.name === x.segment));

  let profit: Profitability | null = null;
  if (totalMargin !== null) {
    profit = {
      margin: totalMargin,
      marginRate,
      byClass: ABC_CLASSES.map((ac) => {
        const members = rows.filter((r) => r.abcClass === ac);
        const revenue = sum(members.map((r) => r.revenue));
        const margin = sum(members.map((r) => r.margin ?? 0));
        return {
          abcClass: ac,
          revenue,
          margin,
          marginRate: revenue > 0 ? margin / revenue : null,
          contribution: cost !== null ? sum(members.map((r) => r.contribution ?? 0)) : null,
        };
      }),
      costPerOrder: cost,
      minimumOrder,
      belowBreakEven:
        cost !== null
          ? { customers: rows.filter((r) => r.belowBreakEven).length, revenue: sum(rows.filter((r) => r.belowBreakEven).map((r) => r.revenue)) }
          : null,
    };
  }

  return {
    params,
    basis,
    oneOff: { oneOrderShare, active: oneOffActive, reason: oneOffReason },
    customers: rows,
    abc,
    xyz: { enabled: xyzEnabled, reason: xyzEnabled ? null : `skipped: ${oneOffReason}` },
    matrix,
    rfm: { r: rScore, f: fScore, m: mScore, segments, rules, coverage: coverage(rules, 5) },
    pareto,
    paretoMargin,
    profit,
    totals: {
      customers: n,
      revenue: totalRevenue,
      margin: totalMargin,
      orders: sum(summaries.map((c) => c.orders)),
      nonPositive: rows.filter((r) => r.nonPositive).length,
    },
  };
}

/**
 * The analyses over the per-customer summary: ABC, XYZ, the ABC×XYZ matrix, RFM with segments,
 * Pareto and profitability. Pure: the summary comes from the engine, the result goes to a renderer.
 */
import type { CustomerSummary, Period, SummaryColumns } from '../sources/source.js';
import { isoDay, summaryColumns } from '../sources/summary-columns.js';
import { ABC_CLASSES, abcColumn, rankColumn, type AbcClass, type AbcMethod, type AbcResult } from './abc.js';
import { paretoRanked, type ParetoFlag, type ParetoResult } from './pareto.js';
import { cutScores, quantileScores, rQuantileScores, type Scoring } from './rfm.js';
import { coverage, segmentOf, ONE_OFF_SEGMENTS, type Coverage, type SegmentRule } from './segments.js';
import { tableKeys, tableOf, type CustomerRow, type CustomerTable } from './customer-table.js';
import { Accumulator, sum } from './stats.js';
import { matrixOf, segmentSummariesOf, type MatrixCell, type SegmentSummary } from './group-summaries.js';
import { XYZ_CODES, windowPeriods, xyzColumns, xyzReason, type XyzClass } from './xyz.js';
import type { ABC_BASES, MONETARY_VALUES, QUANTILE_CONVENTIONS, XYZ_MEASURES, XYZ_SPANS } from '../parameter-values.js';

export type AbcBasis = (typeof ABC_BASES)[number];

export interface AnalysisParams {
  readonly asOf: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly period: Period;
  readonly abc: { readonly basis: AbcBasis; readonly basisGiven: boolean; readonly method: AbcMethod; readonly limits: readonly [number, number] };
  readonly xyz: { readonly by: (typeof XYZ_MEASURES)[number]; readonly span: (typeof XYZ_SPANS)[number]; readonly limits: readonly [number, number]; readonly minPeriods: number };
  readonly rfm: {
    readonly monetary: (typeof MONETARY_VALUES)[number];
    readonly bins: number;
    readonly cuts: { readonly r?: readonly number[]; readonly f?: readonly number[]; readonly m?: readonly number[] };
    readonly segments: readonly SegmentRule[];
    readonly segmentsName: string;
    /** How quantile scores are cut: ties kept together (default) or as the R package rfm ('r'). */
    readonly quantiles?: (typeof QUANTILE_CONVENTIONS)[number];
  };
  readonly pareto: { readonly ideal: number; readonly elite: number };
  readonly oneOff: { readonly threshold: number; readonly forced: boolean };
  readonly costPerOrder?: number;
}

export { customerKeys, tableOf, type CustomerRow, type CustomerTable, type Punctuality } from './customer-table.js';
export { CELL_READINGS, type MatrixCell, type SegmentSummary } from './group-summaries.js';

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
  /** The customer at a rank (from 0), built on demand: for output that streams rows. */
  customerAt(rank: number): CustomerRow;
  /** The customers as columns in rank order, read without building rows (the report). */
  readonly table: CustomerTable;
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

/** The value ABC ranks by, per customer. */
function basisColumn(c: SummaryColumns, basis: AbcBasis): Float64Array {
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const revenue = c.revenue[i]!;
    const orders = c.orders[i]!;
    const margin = c.margin ? c.margin[i]! : NaN;
    out[i] = basis === 'revenue' ? revenue : basis === 'margin' ? (Number.isNaN(margin) ? 0 : margin) : basis === 'orders' ? orders : orders > 0 ? revenue / orders : revenue;
  }
  return out;
}

function periodOrders(c: SummaryColumns): { sum: Float64Array; sumSq: Float64Array } {
  if (c.periodOrdersSum === null || c.periodOrdersSumSq === null) throw new Error('XYZ by orders needs a summary with per-period orders (periodOrders)');
  return { sum: c.periodOrdersSum, sumSq: c.periodOrdersSumSq };
}

/** The analyses over the summary, given as one object per customer or (faster) as columns. */
export function analyse(summaries: readonly CustomerSummary[] | SummaryColumns, params: AnalysisParams): Analysis {
  return analyseColumns(Array.isArray(summaries) ? summaryColumns(summaries as readonly CustomerSummary[]) : (summaries as SummaryColumns), params);
}

const nan = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function analyseColumns(c: SummaryColumns, params: AnalysisParams): Analysis {
  const n = c.length;
  const marginCol = c.margin;
  const hasMargin = marginCol !== null;
  const marginAt = (i: number): number | null => (marginCol ? nan(marginCol[i]!) : null);
  const { oneOrderShare, active: oneOffActive, reason: oneOffReason } = oneOffOf(c, params);
  const basis: AbcBasis = oneOffActive && !params.abc.basisGiven ? 'avg-check' : params.abc.basis;

  const ranked = abcColumn(basisColumn(c, basis), c.customer, params.abc.method, params.abc.limits);
  const abc = ranked.result;
  const { positions, sorted } = ranked;

  const xyzEnabled = !oneOffActive;
  const xyzParams = { period: params.period, span: params.xyz.span, windowStart: params.windowStart, windowEnd: params.windowEnd, limits: params.xyz.limits, minPeriods: params.xyz.minPeriods };
  const moments = params.xyz.by === 'revenue' || n === 0 ? { sum: c.periodRevenueSum, sumSq: c.periodRevenueSumSq } : periodOrders(c);
  const xyz = xyzColumns(c.firstPeriod, moments.sum, moments.sumSq, xyzParams, windowPeriods(xyzParams));

  const { rScore, fScore, mScore, rules, segments } = rfmOf(c, params, oneOffActive);

  const pareto = paretoRanked(sorted, (k) => c.customer[positions[k]!]!, params.pareto.ideal, params.pareto.elite);
  let paretoMargin: ParetoResult | null = null;
  if (hasMargin && basis !== 'margin') {
    const margins = Float64Array.from(marginCol, (v) => (Number.isNaN(v) ? 0 : v));
    const order = rankColumn(margins, c.customer);
    paretoMargin = paretoRanked(Float64Array.from(order, (i) => margins[i]!), (k) => c.customer[order[k]!]!, params.pareto.ideal, params.pareto.elite).result;
  }
  const flagAt = (rank: number): ParetoFlag => (rank < pareto.eliteN ? 'elite' : rank < pareto.idealN ? 'ideal' : null);

  const totalRevenue = sum(c.revenue);
  const totalMargin = marginCol ? sum(Float64Array.from(marginCol, (v) => (Number.isNaN(v) ? 0 : v))) : null;
  const marginRate = totalMargin !== null && totalRevenue > 0 ? totalMargin / totalRevenue : null;
  const cost = params.costPerOrder ?? null;
  const minimumOrder = cost !== null && marginRate !== null && marginRate > 0 ? cost / marginRate : null;
  const avgCheckAt = (i: number): number | null => (c.orders[i]! > 0 ? c.revenue[i]! / c.orders[i]! : null);
  const contributionAt = (i: number): number | null => {
    const m = marginAt(i);
    return cost !== null && m !== null ? m - c.orders[i]! * cost : null;
  };
  const belowBreakEvenAt = (i: number): boolean | null => {
    if (cost === null || marginAt(i) === null) return null;
    const contribution = contributionAt(i);
    const avgCheck = avgCheckAt(i);
    return (contribution !== null && contribution < 0) || (minimumOrder !== null && avgCheck !== null && avgCheck < minimumOrder);
  };

  // The customers by rank as columns; a row is built from the same accessors, only when asked for.
  const at = (rank: number): number => positions[rank]!;
  const table: CustomerTable = {
    length: n,
    ideal: () => Array.from({ length: pareto.idealN }, (_, rank) => rank),
    row: (rank) => rowAt(rank),
    key: (rank) => c.customer[at(rank)]!,
    name: (rank) => c.name[at(rank)]!,
    pareto: flagAt,
    rank: (rank) => rank + 1,
    revenue: (rank) => c.revenue[at(rank)]!,
    refunds: (rank) => c.refunds[at(rank)]!,
    margin: (rank) => marginAt(at(rank)),
    marginRate: (rank) => {
      const i = at(rank);
      const margin = marginAt(i);
      const revenue = c.revenue[i]!;
      return margin !== null && revenue > 0 ? margin / revenue : null;
    },
    avgCheck: (rank) => avgCheckAt(at(rank)),
    contribution: (rank) => contributionAt(at(rank)),
    belowBreakEven: (rank) => belowBreakEvenAt(at(rank)),
    abcValue: (rank) => sorted[rank]!,
    abcClass: (rank) => ranked.classes[rank]!,
    xyzClass: (rank) => (xyzEnabled ? (XYZ_CODES[xyz.xyzClass[at(rank)]!] ?? null) : null),
    cv: (rank) => (xyzEnabled ? nan(xyz.cv[at(rank)]!) : null),
    recencyDays: (rank) => c.recencyDays[at(rank)]!,
    tenureDays: (rank) => c.tenureDays[at(rank)]!,
    segment: (rank) => segments[at(rank)]!,
    punctuality: (rank) => {
      const i = at(rank);
      const due = c.invoicesDue[i]!;
      return due > 0 ? { invoices: due, onTimeShare: c.invoicesOnTime[i]! / due, meanDaysLate: c.daysLateSum[i]! / due } : null;
    },
  };
  const rowAt = (rank: number): CustomerRow => {
    const i = positions[rank]!;
    const r = rScore.scores[i]!;
    const f = fScore ? fScore.scores[i]! : null;
    const m = mScore.scores[i]!;
    const revenue = c.revenue[i]!;
    return {
      key: table.key(rank),
      name: table.name(rank),
      firstDate: isoDay(c.firstDay[i]!),
      lastDate: isoDay(c.lastDay[i]!),
      tenureDays: table.tenureDays(rank),
      recencyDays: table.recencyDays(rank),
      orders: c.orders[i]!,
      transactions: c.transactions[i]!,
      revenue,
      refunds: table.refunds(rank),
      margin: table.margin(rank),
      marginRate: table.marginRate(rank),
      avgCheck: table.avgCheck(rank),
      nonPositive: revenue <= 0,
      abcValue: table.abcValue(rank),
      rank: rank + 1,
      share: abc.total !== 0 ? sorted[rank]! / abc.total : 0,
      cumulativeShare: ranked.cumulativeShares[rank]!,
      abcClass: table.abcClass(rank),
      periods: xyz.periods[i]!,
      cv: table.cv(rank),
      xyzClass: table.xyzClass(rank),
      xyzReason: xyzEnabled ? xyzReason(xyz.reason[i]!, xyzParams) : oneOffReason,
      r,
      f,
      m,
      rfmScore: `${r}${f ?? '–'}${m}`,
      segment: table.segment(rank),
      pareto: flagAt(rank),
      contribution: table.contribution(rank),
      belowBreakEven: table.belowBreakEven(rank),
      punctuality: table.punctuality(rank),
    };
  };

  // The matrix, the segments and the profit by class, each in one pass over the customers in rank
  // order (the order of the sums, so that the totals do not change with how they are computed).
  const cellKey = (ac: AbcClass, xc: XyzClass | null): string => `${ac}${xc ?? '–'}`;
  const cells = new Map<string, { customers: number; value: Accumulator }>();
  const bySegment = new Map<string, { customers: number; revenue: Accumulator; recency: number; orders: number; monetary: Accumulator }>();
  const byClass = new Map<AbcClass, { revenue: Accumulator; margin: Accumulator; contribution: Accumulator }>(ABC_CLASSES.map((ac) => [ac, { revenue: new Accumulator(), margin: new Accumulator(), contribution: new Accumulator() }]));
  let nonPositive = 0;
  let belowCount = 0;
  const belowRevenue = new Accumulator();
  for (let rank = 0; rank < n; rank++) {
    const i = positions[rank]!;
    const abcClass = ranked.classes[rank]!;
    const xyzClass = xyzEnabled ? (XYZ_CODES[xyz.xyzClass[i]!] ?? null) : null;
    const revenue = c.revenue[i]!;
    const key = cellKey(abcClass, xyzClass);
    const cell = cells.get(key) ?? { customers: 0, value: new Accumulator() };
    cell.customers += 1;
    cell.value.add(sorted[rank]!);
    cells.set(key, cell);
    const segment = segments[i]!;
    const seg = bySegment.get(segment) ?? { customers: 0, revenue: new Accumulator(), recency: 0, orders: 0, monetary: new Accumulator() };
    seg.customers += 1;
    seg.revenue.add(revenue);
    seg.recency += c.recencyDays[i]!;
    seg.orders += c.orders[i]!;
    seg.monetary.add(params.rfm.monetary === 'avg' ? (avgCheckAt(i) ?? revenue) : revenue);
    bySegment.set(segment, seg);
    if (revenue <= 0) nonPositive++;
    if (totalMargin !== null) {
      const cls = byClass.get(abcClass)!;
      cls.revenue.add(revenue);
      cls.margin.add(marginAt(i) ?? 0);
      if (cost !== null) cls.contribution.add(contributionAt(i) ?? 0);
      if (cost !== null && belowBreakEvenAt(i)) {
        belowCount++;
        belowRevenue.add(revenue);
      }
    }
  }
  const matrix = matrixOf(cells, cellKey, n, abc.total);

  const segmentSummaries = segmentSummariesOf(rules, bySegment, n, totalRevenue);

  let profit: Profitability | null = null;
  if (totalMargin !== null) {
    profit = {
      margin: totalMargin,
      marginRate,
      byClass: ABC_CLASSES.map((ac) => {
        const g = byClass.get(ac)!;
        const revenue = g.revenue.value;
        const margin = g.margin.value;
        return { abcClass: ac, revenue, margin, marginRate: revenue > 0 ? margin / revenue : null, contribution: cost !== null ? g.contribution.value : null };
      }),
      costPerOrder: cost,
      minimumOrder,
      belowBreakEven: cost !== null ? { customers: belowCount, revenue: belowRevenue.value } : null,
    };
  }

  let customers: CustomerRow[] | undefined;
  return {
    params,
    basis,
    oneOff: { oneOrderShare, active: oneOffActive, reason: oneOffReason },
    // Built on first use, in rank order: a table of the top 20 never builds the other rows.
    get customers() {
      customers ??= Array.from({ length: n }, (_, rank) => rowAt(rank));
      return customers;
    },
    customerAt: (rank: number) => customers?.[rank] ?? rowAt(rank),
    table,
    abc,
    xyz: { enabled: xyzEnabled, reason: xyzEnabled ? null : `skipped: ${oneOffReason}` },
    matrix,
    rfm: { r: rScore, f: fScore, m: mScore, segments: segmentSummaries, rules, coverage: coverage(rules, 5) },
    pareto: pareto.result,
    paretoMargin,
    profit,
    totals: { customers: n, revenue: totalRevenue, margin: totalMargin, orders: sum(c.orders), nonPositive },
  };
}

/** How a copy of an analysis shows each customer: its key and name from the original ones. */
export interface CustomerNames {
  readonly key?: (key: string) => string;
  readonly name?: (key: string, name: string) => string;
}

/**
 * The analysis with each customer's key and name changed (display names, pseudonyms) and `over`
 * replacing other fields. Rows stay built on demand: a copy by spread would read the `customers`
 * getter and build every row, and its `customerAt` would still give the unchanged ones. Its table
 * gives the changed keys and names too.
 */
export function mapCustomers(a: Analysis, names: CustomerNames, over: Partial<Omit<Analysis, 'customers' | 'customerAt' | 'table'>> = {}): Analysis {
  const descriptors: Record<string, PropertyDescriptor> = Object.getOwnPropertyDescriptors(a);
  delete descriptors.customers;
  delete descriptors.customerAt;
  delete descriptors.table;
  const base = Object.defineProperties({}, descriptors) as Omit<Analysis, 'customers' | 'customerAt' | 'table'>;
  const keyOf = names.key ?? ((key: string) => key);
  const nameOf = names.name ?? ((_key: string, name: string) => name);
  const f = (c: CustomerRow): CustomerRow => ({ ...c, key: keyOf(c.key), name: nameOf(c.key, c.name) });
  let rows: CustomerRow[] | undefined;
  const customerAt = (rank: number): CustomerRow => rows?.[rank] ?? f(a.customerAt(rank));
  let table: CustomerTable | undefined;
  const tableNow = (): CustomerTable => {
    if (table) return table;
    const inner = tableOf(a);
    // Each key and name is changed once (a pseudonym is a keyed hash), when first read.
    let keys: string[] | undefined;
    let shown: string[] | undefined;
    const keysNow = (): string[] => {
      keys ??= tableKeys(inner).map(keyOf);
      return keys;
    };
    const namesNow = (): string[] => {
      shown ??= Array.from({ length: inner.length }, (_, j) => nameOf(inner.key(j), inner.name(j)));
      return shown;
    };
    table = { ...inner, row: customerAt, key: (i) => keysNow()[i]!, name: (i) => namesNow()[i]! };
    return table;
  };
  return {
    ...base,
    ...over,
    get customers() {
      rows ??= a.customers.map(f);
      return rows;
    },
    customerAt,
    get table() {
      return tableNow();
    },
  };
}

/** Whether purchases are one-off (most customers bought once, or --one-off), and why. */
function oneOffOf(c: SummaryColumns, params: AnalysisParams): { oneOrderShare: number; active: boolean; reason: string | null } {
  const n = c.length;
  let oneOrder = 0;
  for (let i = 0; i < n; i++) if (c.orders[i]! <= 1) oneOrder++;
  const oneOrderShare = n > 0 ? oneOrder / n : 0;
  const active = params.oneOff.forced || (n > 0 && oneOrderShare >= params.oneOff.threshold);
  const reason = !active
    ? null
    : params.oneOff.forced
      ? 'one-off purchases (--one-off)'
      : `one-off purchases: ${Math.round(oneOrderShare * 100)}% of customers bought once (threshold ${Math.round(params.oneOff.threshold * 100)}%)`;
  return { oneOrderShare, active, reason };
}

/** RFM scores and segments, in summary order. */
function rfmOf(c: SummaryColumns, params: AnalysisParams, oneOffActive: boolean) {
  const n = c.length;
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const revenue = c.revenue[i]!;
    const orders = c.orders[i]!;
    monetary[i] = params.rfm.monetary === 'avg' ? (orders > 0 ? revenue / orders : revenue) : revenue;
  }
  const bins = params.rfm.bins;
  const quantiles = params.rfm.quantiles === 'r' ? rQuantileScores : quantileScores;
  const rScore = params.rfm.cuts.r ? cutScores(c.recencyDays, params.rfm.cuts.r, true) : quantiles(c.recencyDays, bins, true);
  const fScore = oneOffActive ? null : params.rfm.cuts.f ? cutScores(c.orders, params.rfm.cuts.f, false) : quantiles(c.orders, bins, false);
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
  const segments = new Array<string>(n);
  for (let i = 0; i < n; i++) segments[i] = segmentAt(rScore.scores[i]!, fScore ? fScore.scores[i]! : 0, mScore.scores[i]!);

  return { rScore, fScore, mScore, rules, segments };
}

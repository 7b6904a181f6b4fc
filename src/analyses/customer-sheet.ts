/**
 * One sheet of customers: a row per customer with the figures, classes, scores, group and flags
 * that the analyses and the report give, for a spreadsheet or a mailing tool. Pure.
 */
import type { Analysis, CustomerRow } from './analysis.js';
import type { CustomerClv } from './customer-clv.js';
import { isLatePayer, losesMoney } from './picks.js';

export type SheetValue = string | number | null;

export interface SheetColumn {
  readonly key: string;
  /** What the column holds, for a header comment or documentation. */
  readonly kind: 'text' | 'money' | 'integer' | 'number' | 'share' | 'date';
}

export interface CustomerSheet {
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly SheetValue[])[];
}

/**
 * The report's flags for one customer, in the words of "Who we don't need": a customer outside
 * the ideal group can be a candidate to let go; an ideal one that pays late is one to keep on
 * better terms.
 */
export function customerFlags(c: CustomerRow): string[] {
  const flags: string[] = [];
  if (c.pareto !== null) {
    if (isLatePayer(c)) flags.push('ideal, but pays late: fix the terms');
    if (losesMoney(c)) flags.push('ideal, but loses money: fix the price or the cost to serve');
    return flags;
  }
  // Every line 0.00: no purchase and no refund, said as it is (as the report's groups do).
  if (c.nonPositive) flags.push(c.revenue === 0 && c.refunds === 0 ? 'only zero-value lines' : 'refunds exceed purchases');
  if (c.belowBreakEven && !c.nonPositive) flags.push('below break-even');
  if (isLatePayer(c) && !c.nonPositive) flags.push('chronic late payer');
  if (c.abcClass === 'C' && !c.nonPositive && (c.segment === 'Lost' || c.segment === 'Hibernating')) flags.push('lost, and small');
  return flags;
}

const round2 = (v: number): number => Math.round(v * 100) / 100 || 0;
const round4 = (v: number): number => Math.round(v * 1e4) / 1e4 || 0;

/** The --clv columns, after the flags. */
const CLV_COLUMNS: readonly SheetColumn[] = [
  { key: 'p_alive', kind: 'share' },
  { key: 'expected_purchases', kind: 'number' },
  { key: 'clv', kind: 'money' },
  { key: 'churn_risk', kind: 'text' },
  { key: 'spend_tier', kind: 'text' },
  { key: 'expected_next_order', kind: 'date' },
];

/** With --intervals, after the CLV columns. */
const INTERVAL_COLUMNS: readonly SheetColumn[] = [
  { key: 'expected_purchases_low', kind: 'number' },
  { key: 'expected_purchases_high', kind: 'number' },
  { key: 'clv_low', kind: 'money' },
  { key: 'clv_high', kind: 'money' },
];

function clvCells(c: CustomerClv | undefined, intervals: boolean): SheetValue[] {
  const bounds: SheetValue[] = !intervals
    ? []
    : [
        c?.purchasesInterval ? round4(c.purchasesInterval.low) : null,
        c?.purchasesInterval ? round4(c.purchasesInterval.high) : null,
        c?.clvInterval ? round2(c.clvInterval.low) : null,
        c?.clvInterval ? round2(c.clvInterval.high) : null,
      ];
  if (c === undefined) return [...CLV_COLUMNS.map(() => null), ...bounds];
  return [round4(c.pAlive), round4(c.expectedPurchases), c.clv === null ? null : round2(c.clv), c.churnRisk, c.spendTier, c.expectedNextOrder, ...bounds];
}

/**
 * The sheet: every customer, in ABC rank order. Margin and punctuality columns only when known;
 * the CLV columns with `clv` (by customer key; empty for a customer the models do not cover).
 */
export function customerSheet(a: Analysis, clv?: ReadonlyMap<string, CustomerClv>): CustomerSheet {
  const margin = a.customers.some((c) => c.margin !== null);
  const contribution = a.customers.some((c) => c.contribution !== null);
  const punctuality = a.customers.some((c) => c.punctuality !== null);
  const intervals = clv !== undefined && [...clv.values()].some((c) => c.purchasesInterval !== undefined);
  const columns: SheetColumn[] = [
    { key: 'customer', kind: 'text' },
    { key: 'name', kind: 'text' },
    { key: 'rank', kind: 'integer' },
    { key: 'revenue', kind: 'money' },
    { key: 'share', kind: 'share' },
    { key: 'orders', kind: 'integer' },
    { key: 'avg_check', kind: 'money' },
    ...(margin ? [{ key: 'margin', kind: 'money' } as const, { key: 'margin_rate', kind: 'share' } as const] : []),
    ...(contribution ? [{ key: 'contribution', kind: 'money' } as const] : []),
    { key: 'first_date', kind: 'date' },
    { key: 'last_date', kind: 'date' },
    { key: 'recency_days', kind: 'integer' },
    { key: 'abc_class', kind: 'text' },
    { key: 'xyz_class', kind: 'text' },
    { key: 'abc_xyz', kind: 'text' },
    { key: 'r', kind: 'integer' },
    { key: 'f', kind: 'integer' },
    { key: 'm', kind: 'integer' },
    { key: 'rfm_score', kind: 'text' },
    { key: 'segment', kind: 'text' },
    { key: 'group', kind: 'text' },
    ...(punctuality ? [{ key: 'on_time_share', kind: 'share' } as const, { key: 'mean_days_late', kind: 'integer' } as const] : []),
    { key: 'flags', kind: 'text' },
    ...(clv ? CLV_COLUMNS : []),
    ...(intervals ? INTERVAL_COLUMNS : []),
  ];
  const rows = a.customers.map((c): SheetValue[] => [
    c.key,
    c.name,
    c.rank,
    round2(c.revenue),
    round4(c.share),
    c.orders,
    c.avgCheck === null ? null : round2(c.avgCheck),
    ...(margin ? [c.margin === null ? null : round2(c.margin), c.marginRate === null ? null : round4(c.marginRate)] : []),
    ...(contribution ? [c.contribution === null ? null : round2(c.contribution)] : []),
    c.firstDate,
    c.lastDate,
    c.recencyDays,
    c.abcClass,
    c.xyzClass,
    `${c.abcClass}${c.xyzClass ?? '–'}`,
    c.r,
    c.f,
    c.m,
    c.rfmScore,
    c.segment,
    c.pareto,
    ...(punctuality ? [c.punctuality ? round4(c.punctuality.onTimeShare) : null, c.punctuality ? Math.round(c.punctuality.meanDaysLate) : null] : []),
    customerFlags(c).join('; '),
    ...(clv ? clvCells(clv.get(c.key), intervals) : []),
  ]);
  return { columns, rows };
}

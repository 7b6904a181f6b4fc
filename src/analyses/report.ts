/**
 * The ideal-customer report as data: the ranking, the portrait, persona cards, the staff's picks
 * against the accounts, and who we don't need. Pure: rendering is elsewhere.
 */
import type { ClvResult } from './models/clv.js';
import { failedClv, reportClv, type ReportClv } from './report-clv.js';
import type { Analysis, CustomerRow } from './analysis.js';
import { asTable, memoRows, tableOf, type CustomerTable } from './customer-table.js';
import { LATE_PAYER_RULE, isLatePayerAt, losesMoney, losesMoneyAt, comparePicks, shortlist, type PickComparison } from './picks.js';

export { losesMoney };
import { personaCards, type PersonaCard } from './personas.js';
import { portrait, type Attribute, type LeftOut, type Portrait } from './portrait.js';
import { sum } from './stats.js';
import type { Pick } from '../sources/files/table.js';

export interface AccountsMatch {
  readonly file: string;
  readonly rows: number;
  readonly matched: number;
  /** Keys in the customers file with no transactions. */
  readonly unmatchedAccounts: readonly string[];
  /** Customers with transactions and no row in the customers file. */
  readonly customersWithoutAccount: readonly string[];
  readonly malformed: number;
}

export interface NotNeededGroup {
  readonly label: string;
  readonly rule: string;
  readonly customers: number;
  readonly revenue: number;
  /** The group's margin, where the inputs have one. */
  readonly margin: number | null;
  readonly examples: readonly CustomerRow[];
}

export interface ReportModel {
  readonly analysis: Analysis;
  /** The ideal customers, elite first, by value, then regularity, then recency. */
  readonly ranking: readonly CustomerRow[];
  readonly regularShare: number;
  readonly portrait: Portrait;
  readonly attributeSources: readonly { readonly name: string; readonly source: string }[];
  readonly accounts: AccountsMatch | null;
  readonly personas: readonly PersonaCard[];
  readonly picks: PickComparison | null;
  readonly shortlist: readonly CustomerRow[];
  /** Candidates to let go; never an ideal or elite customer. */
  readonly notNeeded: readonly NotNeededGroup[];
  /** Ideal or elite customers who pay late: keep them, fix the terms. Null when there are none. */
  readonly idealLatePayers: NotNeededGroup | null;
  /** Ideal or elite customers who lose money (margin or contribution below 0). Null when there are none. */
  readonly idealUnprofitable: NotNeededGroup | null;
  /** With --clv: P(alive) and CLV of the ideal customers, and the groups they show. */
  readonly clv?: ReportClv;
}

const XYZ_ORDER: Record<string, number> = { X: 0, Y: 1, Z: 2 };

/** Ranking of the ideal group: elite first; value; then regularity (lower CV), then recency. */
export function rankIdeal(customers: readonly CustomerRow[] | CustomerTable): CustomerRow[] {
  const t = asTable(customers);
  return rankIdealAt(t).map((i) => t.row(i));
}

/** `rankIdeal` as positions in the table: only the ideal group is read, no row is built. */
function rankIdealAt(t: CustomerTable): number[] {
  const xyz = (i: number): number => XYZ_ORDER[t.xyzClass(i) ?? ''] ?? 3;
  return [...t.ideal()].sort(
    (a, b) =>
      (t.pareto(a) === 'elite' ? 0 : 1) - (t.pareto(b) === 'elite' ? 0 : 1) ||
      t.abcValue(b) - t.abcValue(a) ||
      xyz(a) - xyz(b) ||
      (t.cv(a) ?? Infinity) - (t.cv(b) ?? Infinity) ||
      t.recencyDays(a) - t.recencyDays(b) ||
      (t.key(a) < t.key(b) ? -1 : t.key(a) > t.key(b) ? 1 : 0),
  );
}

export const UNPROFITABLE_RULE = 'ideal or elite, with margin below 0, or contribution (margin − orders × cost per order) below 0';

/** A group of customers given by their positions in the table: counted and summed from columns, rows only for the examples. */
function group(t: CustomerTable, label: string, rule: string, members: readonly number[]): NotNeededGroup {
  const margins: number[] = [];
  for (const i of members) {
    const m = t.margin(i);
    if (m !== null) margins.push(m);
  }
  return { label, rule, customers: members.length, revenue: sum(members.map((i) => t.revenue(i))), margin: margins.length > 0 ? sum(margins) : null, examples: members.slice(0, 10).map((i) => t.row(i)) };
}

/** Whether any position of the table passes `test`. */
function some(t: CustomerTable, test: (i: number) => boolean): boolean {
  for (let i = 0; i < t.length; i++) if (test(i)) return true;
  return false;
}

/** Positions 0 … length − 1 of the table that pass `keep`. */
function where(t: CustomerTable, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) if (keep(i)) out.push(i);
  return out;
}

export interface ReportInputs {
  readonly analysis: Analysis;
  readonly attributes: readonly Attribute[];
  /** Attribute columns left out before the portrait, with why. */
  readonly leftOut?: readonly LeftOut[];
  readonly accounts: AccountsMatch | null;
  readonly picks: { readonly file: string; readonly picks: readonly Pick[] } | null;
  readonly clv?: { readonly result: ClvResult; readonly method: readonly string[] } | { readonly failure: string };
}

export function buildReport({ analysis, attributes, leftOut, accounts, picks, clv }: ReportInputs): ReportModel {
  // The customers as columns; rows are built only for the ideal group (the ranking) and the
  // examples, once each.
  const t = memoRows(tableOf(analysis));
  const order = rankIdealAt(t);
  const ranking = order.map((i) => t.row(i));
  let regularRevenue = 0;
  {
    const regular: number[] = [];
    for (let i = 0; i < t.length; i++) if (t.xyzClass(i) === 'X') regular.push(t.revenue(i));
    regularRevenue = sum(regular);
  }
  const comparison = picks ? comparePicks(picks.file, picks.picks, t) : null;
  const calls = shortlist(ranking, comparison);
  // Candidates to let go are never ideal or elite customers: a problem with one of them (late
  // payment) is a problem to fix, shown apart.
  const outside = (keep: (i: number) => boolean): number[] => where(t, (i) => t.pareto(i) === null && keep(i));
  const nonPositive = (i: number): boolean => t.revenue(i) <= 0;
  // A customer whose every line is worth 0 (samples, free items, lines without a price) has net
  // revenue 0 without a single refund: that is no refund problem, and is said as it is.
  const zeroOnly = (i: number): boolean => nonPositive(i) && t.revenue(i) === 0 && t.refunds(i) === 0;
  const notNeeded: NotNeededGroup[] = [
    group(t, 'Refunds exceed purchases', 'net revenue ≤ 0 after refunds', outside((i) => nonPositive(i) && !zeroOnly(i))),
  ];
  const zero = outside(zeroOnly);
  if (zero.length > 0) notNeeded.push(group(t, 'Only zero-value lines', 'every line is 0.00: samples, free items or lines without a price; no purchase, no refund', zero));
  if (analysis.profit?.costPerOrder !== null && analysis.profit?.costPerOrder !== undefined) {
    notNeeded.push(
      group(
        t,
        'Below break-even',
        `contribution (margin − orders × ${analysis.profit.costPerOrder}) below 0, or an average check under the minimum cost-effective order`,
        outside((i) => Boolean(t.belowBreakEven(i)) && !nonPositive(i)),
      ),
    );
  }
  if (some(t, (i) => t.punctuality(i) !== null)) {
    notNeeded.push(group(t, 'Chronic late payers', LATE_PAYER_RULE, outside((i) => isLatePayerAt(t, i) && !nonPositive(i))));
  }
  notNeeded.push(
    group(
      t,
      'Lost, and small',
      "class C and RFM segment Lost or Hibernating (one-off buyers: Lost)",
      outside((i) => t.abcClass(i) === 'C' && !nonPositive(i) && (t.segment(i) === 'Lost' || t.segment(i) === 'Hibernating')),
    ),
  );
  const idealLate = order.filter((i) => isLatePayerAt(t, i));
  const idealLosing = order.filter((i) => losesMoneyAt(t, i));
  const portraitOf = portrait(t, attributes, { leftOut: leftOut ?? [] });
  const chance = { tests: portraitOf.tests, alpha: portraitOf.alpha, minCount: portraitOf.minCount };
  return {
    analysis,
    ranking,
    regularShare: analysis.totals.revenue !== 0 ? regularRevenue / analysis.totals.revenue : 0,
    portrait: portraitOf,
    attributeSources: attributes.map((a) => ({ name: a.name, source: a.source })),
    accounts,
    personas: personaCards(ranking, t, attributes, calls, chance),
    picks: comparison,
    shortlist: calls,
    notNeeded,
    idealLatePayers: idealLate.length > 0 ? group(t, 'Ideal, but pays late: fix the terms', `ideal or elite, and a chronic late payer (${LATE_PAYER_RULE})`, idealLate) : null,
    idealUnprofitable: idealLosing.length > 0 ? group(t, 'Ideal, but loses money: fix the price or the cost to serve', UNPROFITABLE_RULE, idealLosing) : null,
    ...(clv ? { clv: 'failure' in clv ? failedClv(clv.failure) : reportClv(ranking, t, clv.result, clv.method) } : {}),
  };
}

/**
 * The ideal-customer report as data: the ranking, the portrait, persona cards, the staff's picks
 * against the accounts, and who we don't need. Pure: rendering is elsewhere.
 */
import type { ClvResult } from '../models/clv.js';
import { failedClv, reportClv, type ReportClv } from './report-clv.js';
import type { Analysis, CustomerRow } from './analysis.js';
import { LATE_PAYER_RULE, isLatePayer, losesMoney, comparePicks, shortlist, type PickComparison } from './picks.js';

export { losesMoney };
import { personaCards, type PersonaCard } from './personas.js';
import { portrait, type Attribute, type LeftOut, type Portrait } from './portrait.js';
import { sum } from './stats.js';
import type { Pick } from '../ingest/table.js';

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
export function rankIdeal(customers: readonly CustomerRow[]): CustomerRow[] {
  return customers
    .filter((c) => c.pareto !== null)
    .sort(
      (a, b) =>
        (a.pareto === 'elite' ? 0 : 1) - (b.pareto === 'elite' ? 0 : 1) ||
        b.abcValue - a.abcValue ||
        (XYZ_ORDER[a.xyzClass ?? ''] ?? 3) - (XYZ_ORDER[b.xyzClass ?? ''] ?? 3) ||
        (a.cv ?? Infinity) - (b.cv ?? Infinity) ||
        a.recencyDays - b.recencyDays ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

export const UNPROFITABLE_RULE = 'ideal or elite, with margin below 0, or contribution (margin − orders × cost per order) below 0';

function group(label: string, rule: string, members: readonly CustomerRow[]): NotNeededGroup {
  const margins = members.map((c) => c.margin).filter((x): x is number => x !== null);
  return { label, rule, customers: members.length, revenue: sum(members.map((c) => c.revenue)), margin: margins.length > 0 ? sum(margins) : null, examples: members.slice(0, 10) };
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
  const customers = analysis.customers;
  const ranking = rankIdeal(customers);
  const regularRevenue = sum(customers.filter((c) => c.xyzClass === 'X').map((c) => c.revenue));
  const comparison = picks ? comparePicks(picks.file, picks.picks, customers) : null;
  const calls = shortlist(ranking, comparison);
  // Candidates to let go are never ideal or elite customers: a problem with one of them (late
  // payment) is a problem to fix, shown apart.
  const outside = customers.filter((c) => c.pareto === null);
  // A customer whose every line is worth 0 (samples, free items, lines without a price) has net
  // revenue 0 without a single refund: that is no refund problem, and is said as it is.
  const zeroOnly = (c: CustomerRow): boolean => c.nonPositive && c.revenue === 0 && c.refunds === 0;
  const notNeeded: NotNeededGroup[] = [
    group('Refunds exceed purchases', 'net revenue ≤ 0 after refunds', outside.filter((c) => c.nonPositive && !zeroOnly(c))),
  ];
  const zero = outside.filter(zeroOnly);
  if (zero.length > 0) notNeeded.push(group('Only zero-value lines', 'every line is 0.00: samples, free items or lines without a price; no purchase, no refund', zero));
  if (analysis.profit?.costPerOrder !== null && analysis.profit?.costPerOrder !== undefined) {
    notNeeded.push(
      group(
        'Below break-even',
        `contribution (margin − orders × ${analysis.profit.costPerOrder}) below 0, or an average check under the minimum cost-effective order`,
        outside.filter((c) => c.belowBreakEven && !c.nonPositive),
      ),
    );
  }
  if (customers.some((c) => c.punctuality !== null)) {
    notNeeded.push(
      group('Chronic late payers', LATE_PAYER_RULE, outside.filter((c) => isLatePayer(c) && !c.nonPositive)),
    );
  }
  notNeeded.push(
    group(
      'Lost, and small',
      "class C and RFM segment Lost or Hibernating (one-off buyers: Lost)",
      outside.filter((c) => c.abcClass === 'C' && !c.nonPositive && (c.segment === 'Lost' || c.segment === 'Hibernating')),
    ),
  );
  const idealLate = ranking.filter((c) => isLatePayer(c));
  const idealLosing = ranking.filter(losesMoney);
  const portraitOf = portrait(customers, attributes, { leftOut: leftOut ?? [] });
  const chance = { tests: portraitOf.tests, alpha: portraitOf.alpha, minCount: portraitOf.minCount };
  return {
    analysis,
    ranking,
    regularShare: analysis.totals.revenue !== 0 ? regularRevenue / analysis.totals.revenue : 0,
    portrait: portraitOf,
    attributeSources: attributes.map((a) => ({ name: a.name, source: a.source })),
    accounts,
    personas: personaCards(ranking, customers, attributes, calls, chance),
    picks: comparison,
    shortlist: calls,
    notNeeded,
    idealLatePayers: idealLate.length > 0 ? group('Ideal, but pays late: fix the terms', `ideal or elite, and a chronic late payer (${LATE_PAYER_RULE})`, idealLate) : null,
    idealUnprofitable: idealLosing.length > 0 ? group('Ideal, but loses money: fix the price or the cost to serve', UNPROFITABLE_RULE, idealLosing) : null,
    ...(clv ? { clv: 'failure' in clv ? failedClv(clv.failure) : reportClv(ranking, customers, clv.result, clv.method) } : {}),
  };
}

/**
 * Predicted value in the ideal-customer report: P(alive) and CLV beside the ranked ideal
 * customers, and two groups the ranking alone cannot show: ideal customers who have probably
 * left, and customers on their way up who are not ideal today.
 */
import type { ClvCustomer, ClvResult } from './models/clv.js';
import { asTable, type CustomerRow, type CustomerTable } from './customer-table.js';

/** Below this P(alive) an ideal customer has probably left. */
export const PROBABLY_GONE = 0.5;
/** Rising: in this top share of customers by predicted CLV, but not in the ideal group. */
export const RISING_SHARE = 0.2;

export interface ClvGroup {
  readonly label: string;
  readonly rule: string;
  readonly customers: readonly { readonly row: CustomerRow; readonly clv: ClvCustomer }[];
  readonly revenue: number;
  readonly predicted: number;
}

export interface ReportClv {
  readonly result: ClvResult | null;
  readonly method: readonly string[];
  /** Per ideal customer in ranking order; null where the customer has no modelled history. */
  readonly ideal: readonly (ClvCustomer | null)[];
  readonly groups: readonly ClvGroup[];
  /** Why there is no prediction (the fit failed); null when there is one. */
  readonly failure: string | null;
}

function clvGroup(label: string, rule: string, members: { row: CustomerRow; clv: ClvCustomer }[]): ClvGroup {
  return {
    label,
    rule,
    customers: members,
    revenue: members.reduce((s, m) => s + m.row.revenue, 0),
    predicted: members.reduce((s, m) => s + (m.clv.clv ?? 0), 0),
  };
}

export function reportClv(ranking: readonly CustomerRow[], customers: readonly CustomerRow[] | CustomerTable, result: ClvResult, method: readonly string[]): ReportClv {
  const byKey = new Map(result.customers.map((c) => [c.key, c]));
  // Customers by key as positions in the table: rows only for the rising ones.
  const t = asTable(customers);
  const positions = new Map<string, number>();
  for (let i = 0; i < t.length; i++) positions.set(t.key(i), i);
  const ideal = ranking.map((c) => byKey.get(c.key) ?? null);
  const gone = ranking.flatMap((row) => {
    const clv = byKey.get(row.key);
    return clv && clv.pAlive < PROBABLY_GONE ? [{ row, clv }] : [];
  });
  const idealKeys = new Set(ranking.map((c) => c.key));
  const topCount = Math.ceil(result.customers.length * RISING_SHARE);
  const rising = result.customers.slice(0, topCount).flatMap((clv) => {
    const i = positions.get(clv.key);
    return i !== undefined && !idealKeys.has(clv.key) ? [{ row: t.row(i), clv }] : [];
  });
  return {
    result,
    method,
    ideal,
    groups: [
      clvGroup('Ideal but probably gone', `in the ideal group, P(alive) below ${PROBABLY_GONE}`, gone),
      clvGroup('Rising', `in the top ${RISING_SHARE * 100}% by predicted CLV, not in the ideal group today`, rising),
    ],
    failure: null,
  };
}

/** The section when the models could not be fitted: the report goes on, and says why. */
export function failedClv(reason: string): ReportClv {
  return { result: null, method: [], ideal: [], groups: [], failure: reason };
}

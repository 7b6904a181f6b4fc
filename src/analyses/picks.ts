/**
 * The accounts against the staff's picks. Staff name their best customers; the accounts say who
 * the ideal customers are. Both agree on some; where they disagree, the accounts win: a pick the
 * accounts do not back is shown with its real figures, and ideal customers nobody picked are shown
 * too. The shortlist for interviews and personas is the agreed customers plus the top unpicked.
 */
import { distance } from 'fastest-levenshtein';
import { quote } from '../kernel/errors.js';
import { asTable, memoRows, type CustomerRow, type CustomerTable, type Punctuality } from './customer-table.js';
import type { Pick } from '../sources/files/table.js';

export interface PickedCustomer {
  readonly customer: CustomerRow;
  readonly pickedBy: readonly string[];
  readonly reasons: readonly string[];
  /** For picks the accounts do not back: what the figures say. */
  readonly why: readonly string[];
}

export interface PickComparison {
  readonly file: string;
  readonly picks: number;
  /** Picks that name no customer, with the customers whose names (or keys) are nearest. */
  readonly unmatched: readonly { readonly customer: string; readonly pickedBy: string | null; readonly nearest: readonly CustomerRow[] }[];
  readonly agreed: readonly PickedCustomer[];
  readonly notBacked: readonly PickedCustomer[];
  readonly unpicked: readonly CustomerRow[];
}

const LAPSED = new Set(['At Risk', "Can't Lose Them", 'Hibernating', 'Lost', 'About To Sleep', 'Lost Big Spenders', 'Fading Buyers', 'Fading Big Spenders']);

/** A chronic late payer: two or more invoices, most of them paid late, 10+ days late on average. */
export const LATE_PAYER_RULE = 'two or more invoices, under half paid on time, and 10 or more days late on average';

/** A customer who loses money: margin below 0, or contribution (margin − orders × cost per order) below 0. */
export function losesMoney(c: CustomerRow): boolean {
  return losing(c.margin, c.contribution);
}

/** `losesMoney` of a customer of a table, without building the row. */
export function losesMoneyAt(t: CustomerTable, i: number): boolean {
  return losing(t.margin(i), t.contribution(i));
}

function losing(margin: number | null, contribution: number | null): boolean {
  return (margin !== null && margin < 0) || (contribution !== null && contribution < 0);
}

export function isLatePayer(c: CustomerRow): boolean {
  return paysLate(c.punctuality);
}

/** `isLatePayer` of a customer of a table, without building the row. */
export function isLatePayerAt(t: CustomerTable, i: number): boolean {
  return paysLate(t.punctuality(i));
}

function paysLate(p: Punctuality | null): boolean {
  return p !== null && p.invoices >= 2 && p.onTimeShare < 0.5 && p.meanDaysLate >= 10;
}

function figures(c: CustomerRow, customers: number): string[] {
  const why: string[] = [];
  if (c.nonPositive) why.push('net revenue is zero or negative');
  if (c.abcClass === 'C' && !c.nonPositive) why.push(`small: class C, rank ${c.rank} of ${customers}`);
  else if (c.abcClass === 'B') why.push(`mid-sized: class B, rank ${c.rank} of ${customers}`);
  if (LAPSED.has(c.segment)) why.push(`lapsed: ${c.segment.toLowerCase()}, last purchase ${c.recencyDays} days ago`);
  if (isLatePayer(c)) {
    why.push(`late payer: ${Math.round(c.punctuality!.onTimeShare * 100)}% of invoices paid on time, ${c.punctuality!.meanDaysLate.toFixed(0)} days late on average`);
  }
  if (c.xyzClass === 'Z') why.push('erratic buyer (Z)');
  if (c.belowBreakEven) why.push('below break-even');
  if (why.length === 0) why.push(`just outside the ideal group: rank ${c.rank} of ${customers}`);
  return why;
}

function fold(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Finds the customer a pick names: by key, else by name (case and spacing folded). */
export function pickMatcher(customers: readonly CustomerRow[] | CustomerTable): (named: string) => CustomerRow | undefined {
  const t = asTable(customers);
  const byKey = new Map<string, number>();
  for (let i = 0; i < t.length; i++) byKey.set(t.key(i), i);
  const byName = new Map<string, number>();
  for (let i = 0; i < t.length; i++) {
    const name = fold(t.name(i));
    if (!byName.has(name)) byName.set(name, i);
  }
  return (named) => {
    const i = byKey.get(named) ?? byName.get(fold(named));
    return i === undefined ? undefined : t.row(i);
  };
}

/**
 * The customers whose folded name or key is nearest to `named` by edit distance (at most `count`,
 * within half the length of the name), nearest first, then by rank: a typo or a shortened name
 * ("Jon Doe" for "John Doe A/S") finds its customer; a pick from nowhere finds none.
 */
export function nearestCustomers(named: string, customers: readonly CustomerRow[] | CustomerTable, count = 3): CustomerRow[] {
  const t = asTable(customers);
  const target = fold(named);
  if (target === '') return [];
  const limit = Math.max(2, Math.ceil(target.length / 2));
  const scored: { i: number; d: number }[] = [];
  for (let i = 0; i < t.length; i++) {
    const name = fold(t.name(i));
    // Against the whole name and key, and against the name's start: a pick often shortens the
    // name ("Nordbyg" for "Nordbyg ApS", "Jon Doe" for "John Doe A/S").
    const n = target.length;
    const d = Math.min(distance(target, name), distance(target, fold(t.key(i))), distance(target, name.slice(0, n)) + 1, distance(target, name.slice(0, n + 1)) + 1);
    if (d <= limit) scored.push({ i, d });
  }
  return scored.sort((a, b) => a.d - b.d || t.rank(a.i) - t.rank(b.i)).slice(0, count).map((x) => t.row(x.i));
}

export function comparePicks(file: string, picks: readonly Pick[], customers: readonly CustomerRow[] | CustomerTable): PickComparison {
  // Rows built once: a customer matched twice, or also unpicked, is one object.
  const t = memoRows(asTable(customers));
  const match = pickMatcher(t);
  const grouped = new Map<string, { customer: CustomerRow; pickedBy: string[]; reasons: string[] }>();
  const unmatched: { customer: string; pickedBy: string | null; nearest: CustomerRow[] }[] = [];
  for (const p of picks) {
    const c = match(p.customer);
    if (!c) {
      unmatched.push({ customer: p.customer, pickedBy: p.pickedBy, nearest: nearestCustomers(p.customer, t) });
      continue;
    }
    const g = grouped.get(c.key) ?? { customer: c, pickedBy: [], reasons: [] };
    if (p.pickedBy && !g.pickedBy.includes(p.pickedBy)) g.pickedBy.push(p.pickedBy);
    if (p.reason && !g.reasons.includes(p.reason)) g.reasons.push(p.reason);
    grouped.set(c.key, g);
  }
  const inOrder = [...grouped.values()].sort((a, b) => a.customer.rank - b.customer.rank);
  const agreed = inOrder.filter((g) => g.customer.pareto !== null).map((g) => ({ ...g, why: [] }));
  const notBacked = inOrder.filter((g) => g.customer.pareto === null).map((g) => ({ ...g, why: figures(g.customer, t.length) }));
  const unpicked = t.ideal().filter((i) => !grouped.has(t.key(i))).map((i) => t.row(i));
  return { file, picks: picks.length, unmatched, agreed, notBacked, unpicked };
}

/**
 * The customers to call, 8 to 12 of them: the agreed ones, then the top ideal customers nobody
 * picked (in ranking order); without picks, the top of the ranking.
 */
export function shortlist(ranking: readonly CustomerRow[], picks: PickComparison | null): CustomerRow[] {
  const unpicked = new Set(picks?.unpicked);
  const base = picks ? [...picks.agreed.map((a) => a.customer), ...ranking.filter((c) => unpicked.has(c))] : [...ranking];
  const size = Math.min(12, Math.max(10, picks?.agreed.length ?? 0));
  return base.slice(0, size);
}

/** Marks removed, as blocks.ts `plain` does: a warning is plain text. */
const unmarked = (s: string): string => s.replace(/[\uE000\uE001]/g, '');

/** What an unmatched pick may have meant; `mark` marks the data (the documents' `data`), plain text by default. */
export function unmatchedHint(nearest: readonly CustomerRow[], mark: (s: string) => string = unmarked): string {
  return nearest.length > 0 ? `nearest ${nearest.map((c) => `${mark(c.name)}${c.name !== c.key ? ` (${mark(c.key)})` : ''}`).join(', ')}` : 'no customer has a similar name or key';
}

/** One warning per pick that matches no customer, with the customers it may have meant. */
export function unmatchedPickWarnings(p: PickComparison): string[] {
  return p.unmatched.map((u) => `${p.file}: the pick ${quote(u.customer)}${u.pickedBy ? ` (by ${u.pickedBy})` : ''} matches no customer by key or name; ${unmatchedHint(u.nearest)}`);
}

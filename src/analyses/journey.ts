/**
 * The customer journey from the CRM side: per product category and customer group, how many deals
 * are won and how long and how many activities a won deal takes; per channel, whether the
 * customers it brings are ideal ones more often than chance would give.
 *
 * Win rate is won ÷ (won + lost): open deals have no outcome yet. Days to won is close date −
 * created date of won deals (median and quartiles). A channel's lift is the share of ideal
 * customers among the customers it won ÷ the share among all won customers, tested exactly as the
 * portrait tests an attribute (it is the portrait of the won customers by channel: Fisher's exact
 * test, Bonferroni over the channels tested, at least `minCount` ideal customers seen or expected).
 * A customer's channel is that of their first won deal: how they found us.
 */
import type { Deal } from '../sources/files/deals.js';
import type { CustomerRow } from './analysis.js';
import { portrait } from './portrait.js';
import { quartiles, type Quartiles } from './quartiles.js';
import { daysBetween, median } from './stats.js';

export type Dimension = 'category' | 'ideal' | 'abc' | 'segment' | 'group';

export interface OutcomeCounts {
  readonly deals: number;
  readonly won: number;
  readonly lost: number;
  readonly open: number;
  /** won ÷ (won + lost); null without a closed deal. */
  readonly winRate: number | null;
}

export interface JourneyRow extends OutcomeCounts {
  readonly dimension: Dimension;
  readonly value: string;
  readonly daysToWon: Quartiles | null;
  readonly activitiesToWon: Quartiles | null;
}

export interface ChannelRow extends OutcomeCounts {
  readonly channel: string;
  readonly medianDaysToWon: number | null;
  /** Customers (of the sales files) whose first won deal came through this channel. */
  readonly wonCustomers: number;
  readonly idealCustomers: number;
  readonly idealShare: number | null;
  readonly lift: number | null;
  readonly p: number | null;
  readonly significant: boolean;
}

export interface JourneyMatch {
  readonly deals: number;
  readonly dealsMatched: number;
  readonly companies: number;
  readonly companiesMatched: number;
  /** Companies with a won deal but no purchase in the sales files. */
  readonly wonWithoutPurchases: readonly string[];
  /** Customers of the sales files with no deal in the export. */
  readonly customersWithoutDeal: number;
  /** Deals with neither a company key nor a name: counted in the totals, matched to no customer. */
  readonly dealsWithoutCompany: number;
  readonly by: 'key' | 'name';
}

export interface Journey {
  readonly totals: OutcomeCounts;
  readonly rows: readonly JourneyRow[];
  readonly channels: readonly ChannelRow[];
  readonly sentence: string;
  readonly match: JourneyMatch;
  /** Won deals without both dates, or closed before created: no days to won. */
  readonly daysUnknown: number;
  readonly test: { readonly tests: number; readonly minCount: number; readonly alpha: number };
  readonly groupColumn: string | null;
}

export const NOT_A_CUSTOMER = 'not a customer';
export const UNKNOWN = '(unknown)';

export function outcomeCounts(deals: readonly Deal[]): OutcomeCounts {
  const won = deals.filter((d) => d.outcome === 'won').length;
  const lost = deals.filter((d) => d.outcome === 'lost').length;
  return { deals: deals.length, won, lost, open: deals.length - won - lost, winRate: won + lost > 0 ? won / (won + lost) : null };
}

/** Days from created to won; undefined when a date is missing or the close precedes creation. */
export function daysToWon(d: Deal): number | undefined {
  if (d.outcome !== 'won' || d.created === null || d.closed === null) return undefined;
  const days = daysBetween(d.created, d.closed);
  return days >= 0 ? days : undefined;
}

/** Finds a deal's customer: by key when the export has one, else by name (case and spaces ignored). */
export function customerMatcher(customers: readonly CustomerRow[], deals: readonly Deal[]): { find: (d: Deal) => CustomerRow | undefined; by: 'key' | 'name' } {
  const byKey = new Map(customers.map((c) => [c.key, c]));
  const fold = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const byName = new Map(customers.map((c) => [fold(c.name), c]));
  const keyed = deals.some((d) => d.company !== null);
  return {
    by: keyed ? 'key' : 'name',
    find: (d) => (d.company !== null ? (byKey.get(d.company) ?? byName.get(fold(d.company))) : d.companyName !== null ? (byName.get(fold(d.companyName)) ?? byKey.get(d.companyName)) : undefined),
  };
}

function row(dimension: Dimension, value: string, deals: readonly Deal[]): JourneyRow {
  const won = deals.filter((d) => d.outcome === 'won');
  const days = won.map(daysToWon).filter((x): x is number => x !== undefined);
  const acts = won.map((d) => d.activities).filter((x): x is number => x !== null);
  return { dimension, value, ...outcomeCounts(deals), daysToWon: quartiles(days), activitiesToWon: quartiles(acts) };
}

function groupBy(deals: readonly Deal[], key: (d: Deal) => string): Map<string, Deal[]> {
  const out = new Map<string, Deal[]>();
  for (const d of deals) {
    const k = key(d);
    const list = out.get(k);
    if (list) list.push(d);
    else out.set(k, [d]);
  }
  return new Map([...out].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)));
}

function times(x: number): string {
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}

function channelSentence(channels: readonly ChannelRow[], wonCustomers: number): string {
  if (wonCustomers === 0) return 'No won deal belongs to a customer of the sales files, so no channel can be compared.';
  const bring = channels.filter((c) => c.significant && (c.lift ?? 0) > 1);
  const fewer = channels.filter((c) => c.significant && (c.lift ?? 1) < 1);
  const name = (c: ChannelRow): string => `${c.channel} (${c.idealCustomers} of ${c.wonCustomers} won customers ideal, ${times(c.lift!)})`;
  const join = (xs: readonly string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
  if (bring.length > 0) {
    return `The ideal customers come through ${join(bring.map(name))}, beyond chance.${fewer.length > 0 ? ` Fewer of them come through ${join(fewer.map((c) => `${c.channel} (${times(c.lift!)})`))}.` : ''}`;
  }
  const best = [...channels].filter((c) => c.lift !== null && c.wonCustomers > 0).sort((a, b) => b.lift! - a.lift!)[0];
  return `No channel brings ideal customers beyond chance${best ? `; the highest share comes through ${best.channel} (${best.idealCustomers} of ${best.wonCustomers} won customers ideal, ${times(best.lift!)}), which could be chance` : ''}.`;
}

export interface JourneyOptions {
  readonly groupColumn?: string;
  readonly minCount?: number;
  readonly alpha?: number;
}

export function journey(deals: readonly Deal[], customers: readonly CustomerRow[], options: JourneyOptions = {}): Journey {
  const matcher = customerMatcher(customers, deals);
  const customerOf = new Map(deals.map((d) => [d, matcher.find(d)]));
  const rows: JourneyRow[] = [];
  const add = (dimension: Dimension, key: (d: Deal) => string): void => {
    for (const [value, ds] of groupBy(deals, key)) rows.push(row(dimension, value, ds));
  };
  add('category', (d) => d.category ?? UNKNOWN);
  add('ideal', (d) => {
    const c = customerOf.get(d);
    return c === undefined ? NOT_A_CUSTOMER : c.pareto !== null ? 'ideal' : 'other customer';
  });
  add('abc', (d) => customerOf.get(d)?.abcClass ?? NOT_A_CUSTOMER);
  add('segment', (d) => customerOf.get(d)?.segment ?? NOT_A_CUSTOMER);
  if (options.groupColumn !== undefined) add('group', (d) => d.attributes[options.groupColumn!] ?? UNKNOWN);

  // How each customer found us: the channel of their first won deal.
  const firstWon = new Map<string, Deal>();
  const wonDeals = deals.filter((d) => d.outcome === 'won').sort((a, b) => (a.closed ?? '9999') .localeCompare(b.closed ?? '9999') || a.line - b.line);
  for (const d of wonDeals) {
    const c = customerOf.get(d);
    if (c && !firstWon.has(c.key)) firstWon.set(c.key, d);
  }
  const wonCustomers = customers.filter((c) => firstWon.has(c.key));
  const values = new Map(wonCustomers.map((c) => [c.key, firstWon.get(c.key)!.channel ?? UNKNOWN]));
  const p = portrait(wonCustomers, [{ name: 'channel', source: 'deals', values }], { ...(options.minCount !== undefined ? { minCount: options.minCount } : {}), ...(options.alpha !== undefined ? { alpha: options.alpha } : {}) });
  const levels = p.attributes[0]?.kind === 'categorical' ? p.attributes[0].levels : [];
  const channels: ChannelRow[] = [...groupBy(deals, (d) => d.channel ?? UNKNOWN)].map(([channel, ds]) => {
    const level = levels.find((l) => l.value === channel);
    const days = ds.map(daysToWon).filter((x): x is number => x !== undefined);
    return {
      channel,
      ...outcomeCounts(ds),
      medianDaysToWon: median(days) ?? null,
      wonCustomers: level?.all.customers ?? 0,
      idealCustomers: level?.ideal.customers ?? 0,
      idealShare: level && level.all.customers > 0 ? level.ideal.customers / level.all.customers : null,
      lift: level?.lift ?? null,
      p: level?.p ?? null,
      significant: level?.significant ?? false,
    };
  });

  // A deal without a company is counted everywhere a deal is, but is no company.
  const withCompany = deals.filter((d) => d.company !== null || d.companyName !== null);
  const companyKey = (d: Deal): string => (d.company ?? d.companyName)!;
  const companies = new Set(withCompany.map(companyKey));
  const matchedCompanies = new Set(withCompany.filter((d) => customerOf.get(d) !== undefined).map(companyKey));
  const withDeal = new Set(deals.map((d) => customerOf.get(d)?.key).filter((k): k is string => k !== undefined));
  const wonWithout = [...new Set(withCompany.filter((d) => d.outcome === 'won' && customerOf.get(d) === undefined).map(companyKey))].sort();
  const won = deals.filter((d) => d.outcome === 'won');
  return {
    totals: outcomeCounts(deals),
    rows,
    channels,
    sentence: channelSentence(channels, wonCustomers.length),
    match: {
      deals: deals.length,
      dealsMatched: deals.filter((d) => customerOf.get(d) !== undefined).length,
      companies: companies.size,
      companiesMatched: matchedCompanies.size,
      wonWithoutPurchases: wonWithout,
      customersWithoutDeal: customers.filter((c) => !withDeal.has(c.key)).length,
      dealsWithoutCompany: deals.length - withCompany.length,
      by: matcher.by,
    },
    daysUnknown: won.filter((d) => daysToWon(d) === undefined).length,
    test: { tests: p.tests, minCount: p.minCount, alpha: p.alpha },
    groupColumn: options.groupColumn ?? null,
  };
}

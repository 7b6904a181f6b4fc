/**
 * The portrait of the ideal customer: what the ideal customers have in common, measured against
 * all customers. For a categorical attribute, each value's share among the elite, the ideal and
 * all customers, and its lift (share among ideal ÷ share among all); for a numeric one, medians.
 *
 * A difference counts as beyond chance when Fisher's exact test (categorical: ideal against the
 * other customers, with the value or without) or the Mann-Whitney U test (numeric) gives p < 5%
 * after a Bonferroni correction for the number of tests, and at least `minCount` ideal customers
 * have the value, seen or expected (so that a value rare among the ideal can show as such).
 * Shares are among customers whose value is known.
 */
import { asTable, attributeColumn, type CustomerRow, type CustomerTable } from './customer-table.js';
import { fisherExact, mannWhitney, median } from './stats.js';

export interface Attribute {
  readonly name: string;
  readonly source: string;
  readonly values: ReadonlyMap<string, string>;
}

/** An attribute column left out of the portrait before any test, and why: said in section 5 and in the Method. */
export interface LeftOut {
  readonly name: string;
  readonly why: string;
}

export interface Level {
  readonly value: string;
  readonly all: { readonly customers: number; readonly share: number };
  readonly ideal: { readonly customers: number; readonly share: number };
  readonly elite: { readonly customers: number; readonly share: number };
  readonly lift: number | null;
  readonly p: number;
  readonly significant: boolean;
}

export type AttributeSummary =
  | {
      readonly kind: 'categorical';
      readonly name: string;
      readonly source: string;
      readonly known: { readonly all: number; readonly ideal: number; readonly elite: number };
      readonly levels: readonly Level[];
    }
  | {
      readonly kind: 'numeric';
      readonly name: string;
      readonly source: string;
      readonly known: { readonly all: number; readonly ideal: number; readonly elite: number };
      readonly median: { readonly all: number | null; readonly ideal: number | null; readonly elite: number | null };
      readonly ratio: number | null;
      readonly p: number;
      readonly significant: boolean;
    };

export interface Finding {
  readonly attribute: string;
  readonly value: string | null;
  /** Share among ideal ÷ share among all (categorical), or median ideal ÷ median all (numeric). */
  readonly lift: number;
  readonly p: number;
  readonly sentence: string;
}

export interface Portrait {
  readonly attributes: readonly AttributeSummary[];
  readonly findings: readonly Finding[];
  readonly skipped: readonly { readonly name: string; readonly why: string }[];
  /** Columns left out before the tests (line-level, chosen by option, personal): they count towards no correction. */
  readonly leftOut: readonly LeftOut[];
  readonly tests: number;
  readonly minCount: number;
  readonly alpha: number;
}

const MAX_LEVELS = 30;
/** The level that gathers the rarest values of an attribute with more than MAX_LEVELS values. */
export const OTHER = '(other values)';

/** A number as exports write it: `45`, `1 200`, `12,5`. */
export function attributeNumber(v: string): number | undefined {
  const t = v.trim().replace(/[\s\u00a0]/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

function pct(x: number): string {
  return x < 0.1 && x > 0 ? `${(x * 100).toFixed(1)}%` : `${Math.round(x * 100)}%`;
}

function times(x: number): string {
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}

export function formatAttributeNumber(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Header words that, with values that are whole numbers, mark a code: a hint that raises confidence, never alone. */
const CODE_WORDS = new Set(['zip', 'zipcode', 'postal', 'postalcode', 'postcode', 'postnr', 'postnummer', 'plz', 'code', 'kode', 'kod', 'id', 'nr', 'year', 'yr', 'år', 'jahr', 'jaar', 'vuosi']);

function codeHeader(name: string): boolean {
  const words = name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  // "Customer number" is a code, "Number of employees" a count: these words mark one only last.
  const last = words.at(-1) ?? '';
  return words.some((w) => CODE_WORDS.has(w)) || CODE_WORDS.has(words.join('')) || ['number', 'nummer', 'numero', 'num', 'no'].includes(last);
}

/**
 * Whether an attribute is a number to compare by medians, not a category. Its values decide: nine
 * in ten are numbers and there are more than 12 of them, and they are not codes. Codes are whole
 * numbers that are postal codes, years or other labels: written with leading zeros, all years
 * (1900-2100), or all of one width of four or more digits without the round figures of amounts;
 * a header like `zip`, `code`, `id` or `year` over whole numbers says the same.
 */
export function numericAttribute(name: string, distinct: readonly string[], counts: ReadonlyMap<string, number>): boolean {
  let total = 0;
  let numbers = 0;
  for (const v of distinct) {
    const n = counts.get(v) ?? 1;
    total += n;
    if (attributeNumber(v) !== undefined) numbers += n;
  }
  if (numbers < total * 0.9 || distinct.length <= 12) return false;
  return !codeValues(name, distinct);
}

function codeValues(name: string, distinct: readonly string[]): boolean {
  const whole = distinct.map((v) => v.trim()).filter((v) => attributeNumber(v) !== undefined);
  if (whole.length === 0 || !whole.every((v) => /^\d+$/.test(v))) return false;
  if (codeHeader(name)) return true;
  if (whole.some((v) => v.length > 1 && v.startsWith('0'))) return true;
  if (whole.every((v) => v.length === 4 && Number(v) >= 1900 && Number(v) <= 2100)) return true;
  const width = whole[0]!.length;
  const round = whole.filter((v) => v.endsWith('00')).length;
  return width >= 4 && whole.every((v) => v.length === width) && round < whole.length / 2;
}

export function portrait(customers: readonly CustomerRow[] | CustomerTable, attributes: readonly Attribute[], options: { minCount?: number; alpha?: number; leftOut?: readonly LeftOut[] } = {}): Portrait {
  const minCount = options.minCount ?? 5;
  const alpha = options.alpha ?? 0.05;
  // Customers by position in the table: flags and keys read from its columns, no rows built.
  const t = asTable(customers);
  const flags = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const flag = t.pareto(i);
    flags[i] = flag === 'elite' ? ELITE | IDEAL : flag !== null ? IDEAL : 0;
  }
  const skipped: { name: string; why: string }[] = [];
  // Enough ideal customers with the value, seen or expected from its share among all, to test.
  const eligible = (l: Level, idealKnown: number): boolean => Math.max(l.ideal.customers, l.all.share * idealKnown) >= minCount;

  const pending: Pending[] = [];
  for (const attr of attributes) {
    const known: number[] = [];
    const values: string[] = [];
    const column = attributeColumn(t, attr.values);
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      if (v === undefined) continue;
      known.push(i);
      values.push(v);
    }
    if (known.length === 0) {
      skipped.push({ name: attr.name, why: 'no customer has a value' });
      continue;
    }
    // Each distinct value is parsed once: a column of a few values repeats them over every customer.
    const frequency = new Map<string, number>();
    for (const v of values) frequency.set(v, (frequency.get(v) ?? 0) + 1);
    const distinct = frequency.size;
    let ideal = 0;
    let elite = 0;
    for (const i of known) {
      if (flags[i]! & IDEAL) ideal++;
      if (flags[i]! & ELITE) elite++;
    }
    const count = { all: known.length, ideal, elite };
    const group: Group = { values, flags: known.map((i) => flags[i]!), frequency };
    if (numericAttribute(attr.name, [...frequency.keys()], frequency)) {
      pending.push(numericSummary(attr, group, count, minCount));
      continue;
    }
    if (distinct > known.length / 2 && known.length > 10) {
      skipped.push({ name: attr.name, why: `${distinct.toLocaleString('en-US')} different values: a name or an identifier, not a trait` });
      continue;
    }
    pending.push(categoricalSummary(attr, group, count, eligible));
  }

  // Bonferroni: every level and numeric attribute tested counts.
  const tests = pending.reduce((s, x) => s + x.raw.length, 0);
  const beyond = (p: number): boolean => tests > 0 && p * tests < alpha;
  const findings: Finding[] = [];
  const summaries: AttributeSummary[] = pending.map(({ summary }) => {
    if (summary.kind === 'numeric') {
      const significant = summary.known.ideal >= minCount && beyond(summary.p) && summary.ratio !== null;
      if (significant) {
        findings.push({
          attribute: summary.name,
          value: null,
          lift: summary.ratio!,
          p: summary.p,
          sentence: `The median ${summary.name} of ideal customers is ${formatAttributeNumber(summary.median.ideal!)}, against ${formatAttributeNumber(summary.median.all!)} for all customers: ${times(summary.ratio!)}.`,
        });
      }
      return { ...summary, significant };
    }
    const levels = summary.levels.map((l) => {
      const significant = eligible(l, summary.known.ideal) && l.lift !== null && beyond(l.p);
      if (significant) {
        const more = l.lift! >= 1;
        findings.push({
          attribute: summary.name,
          value: l.value,
          lift: l.lift!,
          p: l.p,
          sentence: more
            ? `${pct(l.ideal.share)} of ideal customers have ${summary.name} '${l.value}', against ${pct(l.all.share)} of all customers: ${times(l.lift!)}.`
            : l.ideal.customers === 0
              ? `No ideal customer has ${summary.name} '${l.value}', against ${pct(l.all.share)} of all customers.`
              : `Only ${pct(l.ideal.share)} of ideal customers have ${summary.name} '${l.value}', against ${pct(l.all.share)} of all customers: ${times(l.lift!)}.`,
        });
      }
      return { ...l, significant };
    });
    return { ...summary, levels };
  });
  // What the ideal customers have more of comes first, then what they have less of; each the
  // strongest first (the largest departure from 1, then the smallest p).
  findings.sort(
    (x, y) =>
      (x.lift >= 1 ? 0 : 1) - (y.lift >= 1 ? 0 : 1) ||
      Math.abs(Math.log(y.lift)) - Math.abs(Math.log(x.lift)) ||
      x.p - y.p ||
      (x.attribute < y.attribute ? -1 : 1),
  );
  return { attributes: summaries, findings, skipped, leftOut: options.leftOut ?? [], tests, minCount, alpha };
}

/** An attribute's summary before the multiple-test correction, with the p-values it adds to the count of tests. */
interface Pending {
  readonly summary: AttributeSummary;
  readonly raw: { level?: string; p: number }[];
}

type Counts = { readonly all: number; readonly ideal: number; readonly elite: number };

/** The ideal and the elite flags of a customer, as bits. */
const IDEAL = 1;
const ELITE = 2;

/** The customers with a value of an attribute: their values and flags, in table order. */
interface Group {
  readonly values: readonly string[];
  readonly flags: readonly number[];
  /** How many customers have each value. */
  readonly frequency: ReadonlyMap<string, number>;
}

/** A numeric attribute: medians of all, ideal and elite customers, and a Mann-Whitney test of ideal against the rest. */
function numericSummary(attr: Attribute, g: Group, count: Counts, minCount: number): Pending {
  // Numbers of the customers whose flags pass `keep`, in table order.
  const num = (keep: (flags: number) => boolean): number[] => {
    const out: number[] = [];
    for (let j = 0; j < g.values.length; j++) {
      if (!keep(g.flags[j]!)) continue;
      const n = attributeNumber(g.values[j]!);
      if (n !== undefined) out.push(n);
    }
    return out;
  };
  const all = num(() => true);
  const idealValues = num((f) => (f & IDEAL) !== 0);
  const rest = num((f) => (f & IDEAL) === 0);
  const mAll = median(all) ?? null;
  const mIdeal = median(idealValues) ?? null;
  const test = idealValues.length >= minCount ? mannWhitney(idealValues, rest) : undefined;
  return {
    summary: {
      kind: 'numeric',
      name: attr.name,
      source: attr.source,
      known: count,
      median: { all: mAll, ideal: mIdeal, elite: median(num((f) => (f & ELITE) !== 0)) ?? null },
      ratio: mAll !== null && mIdeal !== null && mAll !== 0 ? mIdeal / mAll : null,
      p: test?.p ?? 1,
      significant: false,
    },
    raw: test ? [{ p: test.p }] : [],
  };
}

/** A categorical attribute: each level's shares and lift, and a Fisher exact test per level; the rarest values are one level. */
function categoricalSummary(attr: Attribute, g: Group, count: Counts, eligible: (l: Level, idealKnown: number) => boolean): Pending {
  const values = g.values;
  const frequency = g.frequency;
  const distinct = frequency.size;
  // Many values: the most common ones stand alone, the rest are one level.
  const kept = new Set([...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, distinct > MAX_LEVELS ? MAX_LEVELS - 1 : MAX_LEVELS).map(([v]) => v));
  const levelOf = (v: string): string => (kept.has(v) ? v : OTHER);
  const levels = [...new Set([...frequency.keys()].map(levelOf))].sort();
  const restKnown = count.all - count.ideal;
  // Each level's customers in one pass over the known customers (not one pass per level).
  const tally = new Map<string, { all: number; ideal: number; elite: number }>(levels.map((v) => [v, { all: 0, ideal: 0, elite: 0 }]));
  // Each distinct value's level looked up once, not once per customer.
  const tallyOf = new Map([...frequency.keys()].map((v) => [v, tally.get(levelOf(v))!]));
  for (let j = 0; j < values.length; j++) {
    const t = tallyOf.get(values[j]!)!;
    t.all++;
    if (g.flags[j]! & IDEAL) t.ideal++;
    if (g.flags[j]! & ELITE) t.elite++;
  }
  const rows: Level[] = levels.map((value) => {
    const withValue = tally.get(value)!;
    const a = withValue.ideal;
    const e = withValue.elite;
    const c = withValue.all - a;
    const shareAll = withValue.all / count.all;
    const shareIdeal = count.ideal > 0 ? a / count.ideal : 0;
    return {
      value,
      all: { customers: withValue.all, share: shareAll },
      ideal: { customers: a, share: shareIdeal },
      elite: { customers: e, share: count.elite > 0 ? e / count.elite : 0 },
      lift: count.ideal > 0 && shareAll > 0 ? shareIdeal / shareAll : null,
      p: fisherExact(a, count.ideal - a, c, restKnown - c),
      significant: false,
    };
  });
  return {
    summary: { kind: 'categorical', name: attr.name, source: attr.source, known: count, levels: rows.sort((x, y) => y.all.customers - x.all.customers || (x.value < y.value ? -1 : 1)) },
    raw: rows.filter((r) => eligible(r, count.ideal)).map((r) => ({ level: r.value, p: r.p })),
  };
}

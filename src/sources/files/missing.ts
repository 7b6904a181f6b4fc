/**
 * Everything a file needs, said at once: when the date, amount or customer column is not found,
 * one message lists every missing decision with its option, and each suggested column is checked
 * against the data first (its values are dates, numbers or names), with the convention it then
 * needs (`--date-format`, `--decimal`) when its values do not settle one. A header that looks
 * mis-decoded gets the code page with which it is recognised.
 */
import type { ColumnProfile } from './duckdb/engine.js';
import { DataError, quote } from '../../kernel/errors.js';
import { decideDateOrder, decideDecimalStyle } from './decide.js';
import { looksLikeData } from './dialect.js';
import type { FieldName } from './fields.js';
import { mapColumns, type ColumnMapping, type Kind } from './mapping.js';
import { describeEncodingHint, suggestEncoding } from './mojibake.js';

export interface ColumnProfiles {
  readonly number: ReadonlyMap<number, ColumnProfile>;
  readonly date: ReadonlyMap<number, ColumnProfile>;
  readonly name: ReadonlyMap<number, ColumnProfile>;
}

/** The fields a kind needs that the mapping does not have. */
export function missingFields(fields: Partial<Record<FieldName, ColumnMapping>>, kind: Kind): FieldName[] {
  const missing: FieldName[] = [];
  if (!fields.date) missing.push('date');
  if (!(fields.amount || (fields.quantity && fields.unit_price) || fields.credit || fields.debit)) missing.push('amount');
  const party = kind === 'bank' ? fields.customer || fields.counterparty || fields.text : fields.customer;
  if (!party) missing.push('customer');
  return missing;
}

const share = (p: ColumnProfile | undefined, fits: (p: ColumnProfile) => number): number => (p && p.nonEmpty > 0 ? fits(p) / p.nonEmpty : 0);
const dateFit = (p: ColumnProfile): number => p.nonEmpty - p.date.invalid - p.date.pending;
const numberFit = (p: ColumnProfile): number => p.number.integer + p.number.dot + p.number.comma + p.number.ambiguous;

/** The unused column whose values best fit, with at least half of its values fitting; `rank` orders first (higher is better). */
function best(free: readonly number[], profiles: ReadonlyMap<number, ColumnProfile>, fits: (p: ColumnProfile) => number, not: (i: number) => boolean = () => false, rank: (i: number) => number = () => 0): number | undefined {
  const scored = free.filter((i) => !not(i)).map((i) => ({ i, r: rank(i), s: share(profiles.get(i), fits), n: profiles.get(i)?.nonEmpty ?? 0 })).filter((c) => c.s >= 0.5 && c.n > 0);
  scored.sort((a, b) => b.r - a.r || b.s - a.s || b.n - a.n || a.i - b.i);
  return scored[0]?.i;
}

/** A header a user can pass back: short and not a line of data (a mis-split file's whole line is no column name). */
export function passableHeader(h: string): boolean {
  return h.trim() !== '' && h.length <= 60 && !/[|;\t]/.test(h) && !looksLikeData([h]);
}

/** A key or code by its header and values: whole numbers in a column called `…_id`, `…Id`, `…Nr`, `zip`, `phone`. */
export function keyLike(header: string, p: ColumnProfile | undefined): boolean {
  const whole = p !== undefined && p.number.dot + p.number.comma + p.number.ambiguous === 0;
  const named = /(^|[_\s.-])(id|key|nr|no|code|kode)$/i.test(header) || /[a-z]Id$/.test(header) || /^(id|key)$/i.test(header) || /number|nummer|postal|postcode|zip|phone|telefon|ean|sku/i.test(header);
  return whole && named;
}

const AMOUNT_HINT = /amount|value|price|total|sales|revenue|sum|betrag|bedrag|bel[oø]p|beløb|belob|összeg|osszeg|summa|suma|montant|importe|castka|částka|umsatz|net|gross|brutto|netto/i;
const NOT_AN_AMOUNT = /saldo|balance|egyenleg|kontostand|qty|quantity|count|units|antal|anzahl|menge|week|year|month|day|jahr|monat|tag|number|rate|kurs|koers/i;

/** People on the selling side (CRM owners and agents) and columns of things, not customers. */
const SELLING_SIDE = /owner|agent|sales ?rep|salesperson|seller|manager|assigned|representative|^rep$|created ?by|modified ?by|employee|staff|consultant|verkäufer|verkaeufer|sælger|saelger|säljare|saljare|selger|betreuer|ansvarlig|ansvarig/i;
const NOT_A_CUSTOMER = /product|item|sku|article|artikel|categor|kategor|stage|status|type|region|country|land|city|office|team|series|channel|source|campaign|description|comment|note/i;
const CUSTOMER_HINT = /account|company|client|customer|kunde|kund|asiakas|organi[sz]ation|^org|firm|business|buyer|member|household|payer|debtor|debitor|name|navn|namn|naam/i;
/** One missing decision in words, with its option and a checked column. */
function suggestion(field: FieldName, kind: Kind, headers: readonly string[], free: number[], p: ColumnProfiles): string {
  const name = (i: number): string => quote(headers[i] ?? '');
  const isDate = (i: number): boolean => share(p.date.get(i), dateFit) >= 0.5;
  if (field === 'date') {
    const i = best(free, p.date, dateFit);
    if (i === undefined) return 'no date column found; name it with --date COL';
    free.splice(free.indexOf(i), 1);
    const order = decideDateOrder({ nonEmpty: p.date.get(i)!.nonEmpty, ...p.date.get(i)!.date });
    return `no date column found; pass --date ${name(i)} (its values look like dates)${order.status === 'undecided' ? ` and --date-format dd.mm.yyyy or mm/dd/yyyy (${order.evidence})` : ''}`;
  }
  if (field === 'amount') {
    // A key (`household_id`) holds numbers too: passed over. A header that names money comes
    // first, one that names a balance, a count or a period last; then values with decimals.
    const decimals = (k: number): number => ((p.number.get(k)?.number.dot ?? 0) + (p.number.get(k)?.number.comma ?? 0) > 0 ? 1 : 0);
    const hint = (k: number): number => (NOT_AN_AMOUNT.test(headers[k] ?? '') ? -2 : AMOUNT_HINT.test(headers[k] ?? '') ? 2 : 0);
    const i = best(free, p.number, numberFit, (k) => isDate(k) || !passableHeader(headers[k] ?? '') || keyLike(headers[k] ?? '', p.number.get(k)), (k) => hint(k) + decimals(k));
    if (i === undefined) return 'no amount column found (nor quantity and unit price); name it with --amount COL';
    free.splice(free.indexOf(i), 1);
    const style = decideDecimalStyle({ nonEmpty: p.number.get(i)!.nonEmpty, ...p.number.get(i)!.number });
    return `no amount column found; pass --amount ${name(i)} (its values are numbers)${style.status === 'undecided' ? ` and --decimal dot or comma (${style.evidence})` : ''}`;
  }
  const namesFit = (q: ColumnProfile): number => q.nameLike;
  // A customer repeats across rows and is not a seller (`sales_agent`) or a product; a header that
  // names customers (`account`, `company`) comes first.
  const repeats = (k: number): boolean => {
    const q = p.name.get(k);
    return q !== undefined && (q.nonEmpty < 3 || q.distinct < q.nonEmpty);
  };
  const notCustomer = (k: number): boolean => {
    const h = headers[k] ?? '';
    return isDate(k) || share(p.number.get(k), numberFit) >= 0.5 || !passableHeader(h) || SELLING_SIDE.test(h) || (NOT_A_CUSTOMER.test(h) && !CUSTOMER_HINT.test(h)) || (kind !== 'bank' && !repeats(k));
  };
  const i = best(free, p.name, namesFit, notCustomer, (k) => (CUSTOMER_HINT.test(headers[k] ?? '') ? 1 : 0));
  if (kind === 'bank') {
    return i === undefined
      ? 'bank export without a text or counterparty column; name it with --text COL'
      : `bank export without a text or counterparty column; pass --counterparty ${name(i)} (its values are names)`;
  }
  if (i === undefined) {
    // A key of whole numbers that repeats and whose header names customers (`household_id`).
    const key = best(free, p.number, numberFit, (k) => !keyLike(headers[k] ?? '', p.number.get(k)) || !CUSTOMER_HINT.test(headers[k] ?? '') || !repeats(k) || SELLING_SIDE.test(headers[k] ?? ''));
    if (key !== undefined) return `no customer column found; pass --customer ${name(key)} (a key that repeats across rows)`;
  }
  return i === undefined
    ? 'no customer column found; name it with --customer COL, or pass --kind bank for a bank statement'
    : `no customer column found; pass --customer ${name(i)} (its values are names), or, for a bank statement, --kind bank --counterparty ${name(i)}`;
}

/**
 * The error that lists every missing decision of an input, or undefined when none is missing.
 * `used` are the columns the mapping took; `profiles` the shapes of all columns.
 */
export function missingDecisionsError(
  display: string,
  headers: readonly string[],
  kind: Kind,
  fields: Partial<Record<FieldName, ColumnMapping>>,
  encoding: string,
  profiles: ColumnProfiles,
  questions: ReadonlyMap<string, string> = new Map(),
): DataError | undefined {
  const missing = missingFields(fields, kind);
  if (missing.length === 0 && questions.size === 0) return undefined;
  const cols = headers.map((h) => `'${h}'`).join(', ');
  const hint = suggestEncoding(headers, encoding);
  if (hint && missing.length > 0) {
    const found = mapColumns(hint.columns).fields;
    const kindThen: Kind = kind === 'bank' || (!found.customer && (found.counterparty || found.text)) ? 'bank' : kind;
    const still = missingFields(found, kindThen);
    if (still.length === 0) {
      const names = missing.map((f) => describe(f, kindThen));
      const list = (joiner: string): string => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} ${joiner} ${names.at(-1)!}`);
      return new DataError(`${display}: no ${list('or')} column found; ${describeEncodingHint(hint)}, and the ${list('and')} column${names.length === 1 ? ' is' : 's are'} found`);
    }
  }
  const taken = new Set(Object.values(fields).map((m) => m.index));
  const free = headers.map((_, i) => i).filter((i) => !taken.has(i));
  // In pipeline order: each missing column, and the convention a column found by its values still needs.
  // A question the values left open (two columns equally plausible) is asked in its field's place.
  const parts = (['date', 'amount', 'direction', 'currency', 'customer'] as const).flatMap((f) => {
    const q = questions.get(f);
    if (q !== undefined) return [q];
    if (f === 'direction' || f === 'currency') return [];
    return missing.includes(f) ? [suggestion(f, kind, headers, free, profiles)] : conventionNeeded(f, fields, profiles);
  });
  if (hint) parts.unshift(describeEncodingHint(hint));
  const count = parts.length === 1 ? '' : `${parts.length} decisions are missing: `;
  return new DataError(`${display}: ${count}${parts.map((p, k) => (parts.length > 1 ? `(${k + 1}) ${p}` : p)).join('; ')} (columns are ${cols})`);
}

function describe(f: FieldName, kind: Kind): string {
  return f === 'customer' && kind === 'bank' ? 'counterparty' : f;
}

/** The convention a column the values chose still needs (`--date-format`, `--decimal`), said with the rest. */
function conventionNeeded(f: 'date' | 'amount' | 'customer', fields: Partial<Record<FieldName, ColumnMapping>>, p: ColumnProfiles): string[] {
  const m = fields[f];
  if (!m || m.reason.startsWith('option') || m.reason === 'map file') return [];
  if (f === 'date' && p.date.get(m.index)) {
    const order = decideDateOrder({ nonEmpty: p.date.get(m.index)!.nonEmpty, ...p.date.get(m.index)!.date });
    if (order.status === 'undecided') return [`the date column ${quote(m.column)} needs --date-format dd.mm.yyyy or mm/dd/yyyy (${order.evidence})`];
  }
  if (f === 'amount' && p.number.get(m.index)) {
    const style = decideDecimalStyle({ nonEmpty: p.number.get(m.index)!.nonEmpty, ...p.number.get(m.index)!.number });
    if (style.status === 'undecided') return [`the amount column ${quote(m.column)} needs --decimal dot or comma (${style.evidence})`];
  }
  return [];
}

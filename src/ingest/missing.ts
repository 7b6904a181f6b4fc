/**
 * Everything a file needs, said at once: when the date, amount or customer column is not found,
 * one message lists every missing decision with its option, and each suggested column is checked
 * against the data first (its values are dates, numbers or names), with the convention it then
 * needs (`--date-format`, `--decimal`) when its values do not settle one. A header that looks
 * mis-decoded gets the code page with which it is recognised.
 */
import type { ColumnProfile } from '../engine/engine.js';
import { DataError, quote } from '../errors.js';
import { decideDateOrder, decideDecimalStyle } from './decide.js';
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

/** The unused column whose values best fit, with at least half of its values fitting. */
function best(free: readonly number[], profiles: ReadonlyMap<number, ColumnProfile>, fits: (p: ColumnProfile) => number, not: (i: number) => boolean = () => false): number | undefined {
  const scored = free.filter((i) => !not(i)).map((i) => ({ i, s: share(profiles.get(i), fits), n: profiles.get(i)?.nonEmpty ?? 0 })).filter((c) => c.s >= 0.5 && c.n > 0);
  scored.sort((a, b) => b.s - a.s || b.n - a.n || a.i - b.i);
  return scored[0]?.i;
}

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
    const i = best(free, p.number, numberFit, isDate);
    if (i === undefined) return 'no amount column found (nor quantity and unit price); name it with --amount COL';
    free.splice(free.indexOf(i), 1);
    const style = decideDecimalStyle({ nonEmpty: p.number.get(i)!.nonEmpty, ...p.number.get(i)!.number });
    return `no amount column found; pass --amount ${name(i)} (its values are numbers)${style.status === 'undecided' ? ` and --decimal dot or comma (${style.evidence})` : ''}`;
  }
  const namesFit = (q: ColumnProfile): number => q.nameLike;
  const i = best(free, p.name, namesFit, (k) => isDate(k) || share(p.number.get(k), numberFit) >= 0.5);
  if (kind === 'bank') {
    return i === undefined
      ? 'bank export without a text or counterparty column; name it with --text COL'
      : `bank export without a text or counterparty column; pass --counterparty ${name(i)} (its values are names)`;
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
): DataError | undefined {
  const missing = missingFields(fields, kind);
  if (missing.length === 0) return undefined;
  const cols = headers.map((h) => `'${h}'`).join(', ');
  const hint = suggestEncoding(headers, encoding);
  if (hint) {
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
  const parts = missing.map((f) => suggestion(f, kind, headers, free, profiles));
  if (hint) parts.unshift(describeEncodingHint(hint));
  const count = parts.length === 1 ? '' : `${parts.length} decisions are missing: `;
  return new DataError(`${display}: ${count}${parts.map((p, k) => (parts.length > 1 ? `(${k + 1}) ${p}` : p)).join('; ')} (columns are ${cols})`);
}

function describe(f: FieldName, kind: Kind): string {
  return f === 'customer' && kind === 'bank' ? 'counterparty' : f;
}

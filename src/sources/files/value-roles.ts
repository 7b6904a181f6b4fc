/**
 * Roles decided from what a column holds when no header names it: a debit/credit flag, a currency
 * code, a date, a counterparty's name. A header is only a hint here (it ranks candidates the values
 * already qualified); two candidates the values leave equally plausible are an error naming the
 * option that settles it, never a silent pick. Pure: the profiles come from the engine.
 */
import type { ColumnProfile } from './duckdb/engine.js';
import { DataError, quote } from '../../kernel/errors.js';
import { flagMeaning } from './direction.js';
import { normaliseHeader } from './fields.js';
import { isCurrencyCode } from './iso4217.js';

export interface Column {
  readonly column: string;
  readonly index: number;
}

export interface ValueChoice {
  readonly column: string;
  readonly index: number;
  /** The evidence, for `inspect`: `values C (13) / D (15)`. */
  readonly evidence: string;
}

/** Pairs of flags that together make a direction column (lower case): incoming first. */
const FLAG_PAIRS: readonly (readonly [readonly string[], readonly string[]])[] = [
  [['c', 'cr', 'credit', 'crdt', 'k', 'kr', 'kredit', 'kreditas'], ['d', 'dr', 'debit', 'debet', 'dbit', 'debetas']],
  [['h', 'haben'], ['s', 'soll']],
  [['bij'], ['af']],
  [['inn'], ['ut']],
  [['ind'], ['ud']],
  [['in', 'incoming', 'inflow'], ['out', 'outgoing', 'outflow']],
  [['i'], ['o']],
  [['+'], ['-', '−']],
];

/** `C (13) / D (15)`: the counted values of a column, most frequent first. */
export function countedValues(p: ColumnProfile): string {
  return p.topValues.map((t) => (t.count > 0 ? `${t.value} (${t.count})` : t.value)).join(' / ');
}

/** Whether a column's values are the two flags of one debit/credit pair, both seen. */
export function holdsFlagPair(p: ColumnProfile | undefined): boolean {
  if (!p || p.nonEmpty === 0 || p.distinct > 4) return false;
  const values = [...new Set(p.topValues.map((t) => t.value.trim().toLowerCase()))];
  if (values.length < 2 || p.topValues.reduce((s, t) => s + t.count, 0) !== p.nonEmpty) return false;
  return FLAG_PAIRS.some(([inc, out]) => values.every((v) => inc.includes(v) || out.includes(v)) && values.some((v) => inc.includes(v)) && values.some((v) => out.includes(v)))
    && values.every((v) => flagMeaning(v) !== undefined);
}

const FLAG_HEADER = /credit|debit|debet|kredit|soll|haben|richtung|direction|afbij|bijaf|^dk$|^kd$|^cd$|^dc$|^sh$|^crdr$|^drcr$|inout|innut|indud/;
const FLAG_WORDS = new Set(['credit', 'debit', 'debet', 'kredit', 'crdt', 'dbit', 'incoming', 'outgoing', 'inflow', 'outflow']);

/**
 * A column of one flag only (an export of debits alone, `D` in every row): a direction column when
 * the flag is a word (`DEBIT`) or the header says so (`CreditDebet`). A lone letter under another
 * header could be anything.
 */
export function holdsOneFlag(p: ColumnProfile | undefined, header: string): boolean {
  const v = onlyFlag(p);
  return v !== undefined && (FLAG_WORDS.has(v) || FLAG_HEADER.test(normaliseHeader(header).norm));
}

/** The one flag of a pair that every non-empty value of a column is (lower case), if it is one. */
function onlyFlag(p: ColumnProfile | undefined): string | undefined {
  if (!p || p.nonEmpty === 0 || p.topValues.length !== 1 || p.topValues[0]!.count !== p.nonEmpty) return undefined;
  const v = p.topValues[0]!.value.trim().toLowerCase();
  return FLAG_PAIRS.some(([inc, out]) => inc.includes(v) || out.includes(v)) ? v : undefined;
}

/**
 * A column of one flag and blanks (John Lewis: `CR` on the payment received, nothing on the card's
 * purchases), beside amounts that are never negative: a direction column whose blank is the other
 * direction. `rows`: the rows the profile saw.
 */
export function holdsFlagAndBlanks(p: ColumnProfile | undefined, rows: number): boolean {
  const v = onlyFlag(p);
  return v !== undefined && p!.nonEmpty < rows && flagMeaning(v) !== undefined;
}

/** The amounts beside a flag column: whether any is negative (then the sign gives the direction). */
export interface AmountSigns {
  readonly rows: number;
  /** True when the amount column holds no negative value. */
  readonly unsigned: boolean;
}

/**
 * The one column whose values are debit/credit flags; an error when two are. Outside bank
 * statements (`strict`), single letters and signs (`I`/`O`, `+`/`-`: sizes, trends) count only
 * under a header that names a direction; flag words count anywhere. Beside amounts that are never
 * negative, a column of one flag and blanks is one too (blank: the other direction); a lone letter
 * or sign and blanks under a header that names no direction (a `C` may mark a cleared row) is asked
 * about with --direction, never read as revenue in silence.
 */
export function flagColumnByValues(free: readonly Column[], profiles: ReadonlyMap<number, ColumnProfile>, strict = false, amounts?: AmountSigns): ValueChoice | undefined {
  const letters = (c: Column): boolean => profiles.get(c.index)!.topValues.every((t) => t.value.trim().length === 1);
  const pairs = free.filter((c) => holdsFlagPair(profiles.get(c.index)) && !(strict && letters(c) && !FLAG_HEADER.test(normaliseHeader(c.column).norm)));
  let found = pairs.length > 0 ? pairs : free.filter((c) => holdsOneFlag(profiles.get(c.index), c.column));
  if (found.length === 0 && amounts?.unsigned === true) {
    const blanks = free.filter((c) => holdsFlagAndBlanks(profiles.get(c.index), amounts.rows));
    const unsure = blanks.find((c) => letters(c) && !FLAG_HEADER.test(normaliseHeader(c.column).norm));
    if (unsure) {
      const p = profiles.get(unsure.index)!;
      throw new DataError(`the amounts are never negative, and column ${quote(unsure.column)} holds one value, ${countedValues(p)}, and ${amounts.rows - p.nonEmpty} blanks: if it is a debit/credit flag (a blank the other way), name it with --direction ${quote(unsure.column)}`);
    }
    found = blanks;
  }
  if (found.length > 1) {
    const [a, b] = found.map((c) => quote(c.column));
    throw new DataError(`columns ${a} and ${b} both hold debit/credit flags (${countedValues(profiles.get(found[0]!.index)!)}; ${countedValues(profiles.get(found[1]!.index)!)}); name the one that gives the direction with --direction ${a}`);
  }
  const f = found[0];
  if (!f) return undefined;
  const p = profiles.get(f.index)!;
  const blanks = amounts !== undefined && p.nonEmpty < amounts.rows ? `, and ${amounts.rows - p.nonEmpty} blank${amounts.rows - p.nonEmpty === 1 ? '' : 's'}` : '';
  return { ...f, evidence: `its values are debit/credit flags: ${countedValues(p)}${blanks}` };
}

/** Whether every value of a column is an ISO 4217 currency code. */
export function holdsCurrencyCodes(p: ColumnProfile | undefined): boolean {
  if (!p || p.nonEmpty === 0 || p.distinct > 12) return false;
  if (p.topValues.reduce((s, t) => s + t.count, 0) !== p.nonEmpty) return false;
  return p.topValues.every((t) => isCurrencyCode(t.value));
}

/**
 * The currency column by its values (ISO 4217 codes). Among several: the one right after the amount
 * column, as exports write `Betrag;Währung`; else, when all hold the same single code, the first;
 * else an error naming --currency-col.
 */
export function currencyColumnByValues(free: readonly Column[], profiles: ReadonlyMap<number, ColumnProfile>, amountIndex: number | undefined): ValueChoice | undefined {
  const found = free.filter((c) => holdsCurrencyCodes(profiles.get(c.index)));
  if (found.length === 0) return undefined;
  const evidence = (c: Column, why = ''): ValueChoice => ({ ...c, evidence: `its values are ISO 4217 codes: ${countedValues(profiles.get(c.index)!)}${why}` });
  if (found.length === 1) return evidence(found[0]!);
  const next = found.find((c) => amountIndex !== undefined && c.index === amountIndex + 1);
  if (next) return evidence(next, '; the currency column right after the amount');
  const sets = new Set(found.map((c) => profiles.get(c.index)!.topValues.map((t) => t.value).sort().join('/')));
  if (sets.size === 1 && !found.some((c) => profiles.get(c.index)!.topValues.length > 1)) return evidence(found[0]!, `; ${found.slice(1).map((c) => quote(c.column)).join(', ')} hold${found.length === 2 ? 's' : ''} the same code`);
  const [a, b] = found.map((c) => quote(c.column));
  throw new DataError(`columns ${a} and ${b} both hold currency codes, and not the same ones; name the amount's currency column with --currency-col ${a}`);
}

/** Whether most values of a column read as dates (of one family of shapes or another). */
export function holdsDates(p: ColumnProfile | undefined): boolean {
  if (!p || p.nonEmpty === 0) return false;
  const d = p.date;
  const dated = d.iso + d.ymd + d.compact + d.dmy + d.mdy + d.dayMonthAmbiguous + d.dmon;
  return dated > 0 && dated + d.pending >= p.nonEmpty * 0.9;
}

/**
 * The rule among several date columns (documented in `inspect`): a booking or posting date first,
 * then a transaction or execution date, then one the header says nothing about; a value, interest,
 * due, payment or creation date never. Headers in the languages of the exports seen.
 */
const DATE_RANKS: readonly (readonly [number, RegExp])[] = [
  [9, /valu|wert|rente|interest|arvo|due|forfal|fällig|falli|paid|betal|zahlung|created|erstell|birth|geburt|start|end|expir/],
  [0, /buch|boek|book|bok|bog|post|kirjaus|zaúčt|zauct|umsatz/],
  [1, /trans|tranz|operac|exec|proveden|verricht|kauf|purchase|sale|order|invoice|rechnung|faktura/],
];

export function dateRank(header: string): number {
  const norm = normaliseHeader(header).norm;
  for (const [rank, re] of DATE_RANKS) if (re.test(norm)) return rank;
  return 2;
}

export const DATE_RULE = 'among date columns, a booking date before a transaction date before an unnamed one; value, due and payment dates are not transaction dates';

/** The transaction date by values and the rule above; an error when two columns tie. */
export function dateColumnByValues(free: readonly Column[], profiles: ReadonlyMap<number, ColumnProfile>): ValueChoice | undefined {
  const found = free.filter((c) => holdsDates(profiles.get(c.index))).map((c) => ({ ...c, rank: dateRank(c.column) })).filter((c) => c.rank < 9);
  if (found.length === 0) return undefined;
  const top = Math.min(...found.map((c) => c.rank));
  const best = found.filter((c) => c.rank === top);
  if (best.length > 1) {
    const [a, b] = best.map((c) => quote(c.column));
    throw new DataError(`columns ${a} and ${b} both hold dates and neither header says which is the booking or transaction date; name it with --date ${a}`);
  }
  const c = best[0]!;
  const others = found.filter((o) => o !== c).map((o) => quote(o.column));
  const p = profiles.get(c.index)!;
  return { column: c.column, index: c.index, evidence: `its values are dates (${p.nonEmpty - p.date.invalid} of ${p.nonEmpty})${others.length > 0 ? `; chosen over ${others.join(', ')}: ${DATE_RULE}` : ''}` };
}

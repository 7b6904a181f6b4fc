/**
 * Which way the money went, when an export gives positive amounts and a flag beside them:
 * `D/K` (Swedbank Baltics: K = credit), `Debit/Credit`, `Cr/Dr`, `C/D`, `S/H` (German Soll and
 * Haben), `Af Bij` (Dutch), `Inn/Ut`, `Ind/Ud`, …. Seen from the account holder: a credit is money
 * in (revenue), a debit money out. Pure: the engine applies the decided reading.
 *
 * A column is a flag column only when its values are flags: a column named `Direction` that holds
 * anything else is not used, and said so. A value that is no flag is never guessed: its row is
 * rejected with the value.
 */
import { quote } from '../../kernel/errors.js';

/** Flag values (lower case, trimmed) that mean money in. */
export const INCOMING_FLAGS: readonly string[] = [
  'k', 'kr', 'kredit', 'kreditas', 'credit', 'cr', 'c', 'crdt', 'h', 'haben', 'bij', 'inn', 'ind',
  'in', 'i', '+', 'incoming', 'inflow', 'deposit', 'gutschrift', 'insättning', 'indsat', 'innskudd',
];

/** Flag values (lower case, trimmed) that mean money out. */
export const OUTGOING_FLAGS: readonly string[] = [
  'd', 'dr', 'debet', 'debetas', 'debit', 'dbit', 's', 'soll', 'af', 'ut', 'ud', 'out', 'o', '-', '−',
  'outgoing', 'outflow', 'withdrawal', 'lastschrift', 'uttag', 'hævet', 'uttak',
];

export type FlagMeaning = 'incoming' | 'outgoing';

export function flagMeaning(value: string): FlagMeaning | undefined {
  const v = value.trim().toLowerCase();
  if (INCOMING_FLAGS.includes(v)) return 'incoming';
  if (OUTGOING_FLAGS.includes(v)) return 'outgoing';
  return undefined;
}

export type DirectionDecision =
  | {
      readonly status: 'flag';
      /** The values seen, as written, by meaning. */
      readonly incoming: readonly string[];
      readonly outgoing: readonly string[];
      readonly evidence: string;
    }
  | { readonly status: 'not-a-flag'; readonly evidence: string };

/**
 * Decides whether a column's most frequent values are debit/credit flags. `values` are the
 * column's distinct values (the most frequent ones, when there are many); `distinct` how many
 * there are. From an option the column is a flag column whatever its values (the rows whose value
 * is no flag are rejected); by name only when every value seen is a flag.
 */
export function decideDirection(column: string, values: readonly string[], distinct: number, fromOption: boolean): DirectionDecision {
  const seen = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
  const incoming = seen.filter((v) => flagMeaning(v) === 'incoming').sort();
  const outgoing = seen.filter((v) => flagMeaning(v) === 'outgoing').sort();
  const other = seen.filter((v) => flagMeaning(v) === undefined);
  // By name, a stray value or two (`?`) does not unmake a flag column: their rows are rejected.
  if (!fromOption && (other.length * 3 > seen.length || seen.length === 0 || distinct > seen.length)) {
    const why = seen.length === 0 ? 'it is empty' : other.length > 0 ? `${quote(other[0]!)} is no debit/credit flag` : 'it holds too many different values';
    return { status: 'not-a-flag', evidence: `column '${column}' is named like a debit/credit flag, but ${why}: amounts keep their sign` };
  }
  if (incoming.length === 0 && outgoing.length === 0) {
    return { status: 'not-a-flag', evidence: `column '${column}' (--direction) holds no debit/credit flag (like ${quote(other[0] ?? '')}); flags are K/D, C/D, Cr/Dr, H/S, Bij/Af, Inn/Ut, Ind/Ud, In/Out` };
  }
  const list = (xs: readonly string[], meaning: string): string => (xs.length > 0 ? `${xs.map((x) => quote(x)).join('/')} = ${meaning}` : '');
  const parts = [list(incoming, 'incoming (credit)'), list(outgoing, 'outgoing (debit)')].filter((p) => p !== '');
  return { status: 'flag', incoming, outgoing, evidence: `from the flag column '${column}': ${parts.join(', ')}; the amount's sign is ignored` };
}

/** How direction was decided when there is no flag column, for `inspect`. */
export function directionWithoutFlag(amountColumn: string | undefined, credit: string | undefined, debit: string | undefined): string {
  if (amountColumn === undefined && (credit !== undefined || debit !== undefined)) {
    return `from the columns ${[credit && `'${credit}' (incoming)`, debit && `'${debit}' (outgoing)`].filter(Boolean).join(' and ')}`;
  }
  return `from the sign of the amount${amountColumn ? ` in '${amountColumn}'` : ''} (negative is outgoing)`;
}

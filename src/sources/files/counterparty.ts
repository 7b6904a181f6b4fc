/**
 * Which column names a bank statement's counterparty, checked against the values: a column named
 * like a payer (`Avsändare`, `Mottagare`) that is empty or holds account numbers is passed over for
 * one that holds names (`Namn`), or for the text, and never suggested.
 */
import type { ColumnProfile } from './duckdb/engine.js';
import { DataError } from '../../kernel/errors.js';
import { FIELDS, normaliseHeader } from './fields.js';
import type { ColumnMapping } from './mapping.js';

/** Whether most of a column's values are names of people or firms. */
export function holdsNames(p: ColumnProfile | undefined): boolean {
  return p !== undefined && p.nonEmpty > 0 && p.nameLike >= p.nonEmpty / 2;
}

/** Columns that could hold the counterparty, best first: payer names, generic names, then text. */
export function counterpartyCandidates(others: readonly { column: string; index: number }[], textIndices: readonly number[]): ColumnMapping[] {
  const rank = (column: string): number => {
    const norm = normaliseHeader(column).norm;
    if (FIELDS.counterparty.primary.includes(norm)) return 0;
    if ((FIELDS.counterparty.secondary ?? []).includes(norm)) return 1;
    return -1;
  };
  const named = others
    .map((o) => ({ ...o, rank: rank(o.column) }))
    .filter((o) => o.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((o): ColumnMapping => ({ field: 'counterparty', column: o.column, index: o.index, reason: `${o.rank === 0 ? 'synonym' : 'secondary synonym'} '${normaliseHeader(o.column).norm}'` }));
  const texts = others
    .filter((o) => textIndices.includes(o.index))
    .map((o): ColumnMapping => ({ field: 'counterparty', column: o.column, index: o.index, reason: 'the bank text' }));
  return [...named, ...texts];
}

/**
 * Whether a column holds one value in every row the profile saw (`rows`): the account holder's own
 * name (KBC's `Naam`), not the parties the account deals with.
 */
export function holdsOneValueEverywhere(p: ColumnProfile | undefined, rows: number): boolean {
  return p !== undefined && p.nonEmpty > 0 && p.nonEmpty === rows && p.distinct === 1;
}

/**
 * The first candidate whose values are names, or undefined. One name in every row is the holder's:
 * never taken in place of a column named for the counterparty.
 */
export function firstWithNames(candidates: readonly ColumnMapping[], profiles: ReadonlyMap<number, ColumnProfile>, exclude: ReadonlySet<number>, rows: number): ColumnMapping | undefined {
  return candidates.find((c) => !exclude.has(c.index) && holdsNames(profiles.get(c.index)) && !holdsOneValueEverywhere(profiles.get(c.index), rows));
}

/** Headers that say a column is no party: a type, category, status, code, reference or free text. */
const NOT_A_PARTY = /typ|type|art$|umsatzart|kategor|categor|code|status|soort|wijze|method|kind|rubri|text|zweck|purpose|memo|omschrijving|descr|beschr|mededel|message|nachricht|meddel|reference|referen|ref$|notes?$|comment|kommentar|land|country|city|ort$|adres|address|iban|bic|konto|account$|rekening$|nummer|number|symbol|currency|valuta|währung|munt/;
/** Headers that hint at a party's name; each stem found adds to the rank. */
const PARTY_HINTS: readonly RegExp[] = [
  /empf|auftraggeber|beguenst|begünst|begunstig|zahlungs|partner|payee|payer|counter|tegen|opposite|beneficiar|merchant|handelaar|händler|haendler|vendor|modtag|mottag|afsend|avsänd|avsand|saaja|maksaja|protiúčt|protiuct|gavėj|mokėtoj|client|kunde|customer/,
  /name|naam|namn|navn|nimi|neve|název|nazev|holder|houder|inhaber/,
];

export interface PartyEvidence {
  readonly column: string;
  readonly index: number;
  readonly hints: number;
  readonly evidence: string;
}

/**
 * Whether a column's values look like names of payers and payees rather than purpose text: mostly
 * words, short (a mean under 40 characters), few runs of digits, and repeating across rows (fewer
 * distinct values than rows) without being a handful of categories.
 */
export function looksLikeParties(p: ColumnProfile | undefined): boolean {
  if (!p || p.nonEmpty < 2 || p.meanLength === undefined) return false;
  return p.nameLike >= p.nonEmpty * 0.6 && p.meanLength <= 40 && (p.digitRuns ?? 0) <= p.nonEmpty * 0.2 && p.distinct >= 2 && p.distinct < p.nonEmpty;
}

/** Headers of free text, which may hold a name too (`Naam / Omschrijving`: name or description). */
const FREE_TEXT = /text|zweck|purpose|memo|omschrijving|descr|beschr|mededel|message|nachricht|meddel/;

/**
 * One name on the rows a column fills, empty on the others (Oberbank's `Auftraggebername`: the payer
 * on the two payments received): a party of those rows, not the holder (whose name is on every
 * row), when the header names a payer or payee. Values alone cannot tell one payer from a holder.
 */
export function onePartyOnSomeRows(column: string, p: ColumnProfile | undefined, rows: number): boolean {
  if (!p || p.meanLength === undefined || p.distinct !== 1 || p.nonEmpty < 2 || p.nonEmpty >= rows) return false;
  return p.nameLike >= p.nonEmpty * 0.6 && p.meanLength <= 40 && (p.digitRuns ?? 0) <= p.nonEmpty * 0.2 && PARTY_HINTS[0]!.test(normaliseHeader(column).norm);
}

function partyHints(column: string): number {
  const norm = normaliseHeader(column).norm;
  if (NOT_A_PARTY.test(norm) && !PARTY_HINTS[0]!.test(norm)) {
    // A header that says "name or text" (ING NL's `Naam / Omschrijving`) rules nothing out: its
    // values decide, with no hint; a type, code or category name (`Rubrieknaam`) stays out.
    const nameOrText = PARTY_HINTS[1]!.test(norm) && FREE_TEXT.test(norm) && !NOT_A_PARTY.test(norm.replace(FREE_TEXT, ''));
    return nameOrText ? 0 : -1;
  }
  return PARTY_HINTS.filter((re) => re.test(norm)).length;
}

/**
 * The column that names the counterparty in place of the bank text, by its values: of the columns
 * whose values look like names, the one whose header hints most at a party. None when no column
 * qualifies or the text itself is as name-like as they are; an error when two tie.
 */
export function partyByValues(free: readonly { column: string; index: number }[], text: { column: string; index: number } | undefined, profiles: ReadonlyMap<number, ColumnProfile>, rows?: number): PartyEvidence | undefined {
  const textProfile = text ? profiles.get(text.index) : undefined;
  const found = free
    .filter((c) => c.index !== text?.index && (looksLikeParties(profiles.get(c.index)) || (rows !== undefined && onePartyOnSomeRows(c.column, profiles.get(c.index), rows))))
    .map((c) => ({ ...c, hints: partyHints(c.column) }))
    .filter((c) => c.hints >= 0);
  if (found.length === 0) return undefined;
  const top = Math.max(...found.map((c) => c.hints));
  const best = found.filter((c) => c.hints === top);
  if (best.length > 1) {
    const [a, b] = best.map((c) => `'${c.column}'`);
    throw new DataError(`columns ${a} and ${b} both hold short, repeating names${text ? ` (the bank text '${text.column}' is not used as the counterparty while they do)` : ''}; name the counterparty with --counterparty ${a}${text ? `, or keep the text with --counterparty '${text.column}'` : ''}`);
  }
  const c = best[0]!;
  const p = profiles.get(c.index)!;
  const about = (q: ColumnProfile): string => `${q.distinct} distinct in ${q.nonEmpty} rows${rows !== undefined && q.nonEmpty < rows ? ` (empty in ${rows - q.nonEmpty})` : ''}, ${Math.round(q.meanLength ?? 0)} characters on average`;
  // The text wins when it is itself as short and repeating: nothing says the other column is better.
  if (text && textProfile && looksLikeParties(textProfile) && (textProfile.meanLength ?? 0) <= (p.meanLength ?? 0) && top === 0) return undefined;
  return { column: c.column, index: c.index, hints: c.hints, evidence: `its values look like names (${about(p)})${text && textProfile ? `; the text '${text.column}' looks like purpose text (${about(textProfile)})` : ''}` };
}

/**
 * Which column names a bank statement's counterparty, checked against the values: a column named
 * like a payer (`Avsändare`, `Mottagare`) that is empty or holds account numbers is passed over for
 * one that holds names (`Namn`), or for the text, and never suggested.
 */
import type { ColumnProfile } from '../engine/engine.js';
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

/** The first candidate whose values are names, or undefined. */
export function firstWithNames(candidates: readonly ColumnMapping[], profiles: ReadonlyMap<number, ColumnProfile>, exclude: ReadonlySet<number>): ColumnMapping | undefined {
  return candidates.find((c) => !exclude.has(c.index) && holdsNames(profiles.get(c.index)));
}

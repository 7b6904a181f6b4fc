/** `segment score` as blocks, JSON (schema `score`) and CSV: prospects ranked by fit. */
import type { ProfileAttribute, Reason, ScoredProspect } from '../analyses/fit-score.js';
import type { DealsRead } from '../sources/files/deals.js';
import type { Profile } from '../sources/files/profile.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import type { ColumnKind, RowTable } from './document.js';
import { formatInt, fraction, plural } from './format.js';

function reasonText(r: Reason): string {
  return `${r.weight > 0 ? '+' : '−'} ${data(r.text)}`;
}

function existing(p: ScoredProspect): string {
  return p.existing === null ? '' : `customer: ${p.existing.group}${p.existing.abcClass ? `, ${p.existing.abcClass}` : ''}`;
}

/** The prospects file's own ID column (the deal/record ID field), if it has one. */
export function idColumn(read: DealsRead): string | null {
  return read.columns.find((c) => c.field === 'deal')?.name ?? null;
}

export const SCORING_METHOD = [
  'Only the traits the portrait found beyond chance count. A value adds ln(lift) (lift: its share among ideal customers ÷ its share among all); a value not beyond chance, or unknown, adds nothing.',
  'A numeric trait adds t × |ln(ratio of medians)|, t being where the value lies from the median of all customers (0) to that of the ideal ones (1), clamped to −1…1. A value no ideal customer has counts as if half of one had it.',
  'Score: 50 is neutral; 100 is the strongest ideal trait of every attribute, 0 the strongest non-ideal trait of every one (50 ± 50 × the sum ÷ the largest possible sum on that side). Traits are treated as independent (naive Bayes): the score ranks prospects, it is no probability.',
];

export function scoreBlocks(scored: readonly ScoredProspect[], read: DealsRead, profile: Profile, scoring: readonly ProfileAttribute[], top: number | undefined): Block[] {
  const limit = top ?? 20;
  const shown = scored.slice(0, limit);
  const customers = scored.filter((s) => s.existing !== null).length;
  const id = idColumn(read);
  return [
    heading('Fit with the ideal customer', 1),
    paragraph(
      `${plural(scored.length, 'prospect')} of ${data(read.file)} scored against the portrait of ${data(profile.file)}${profile.asOf ? ` (as of ${profile.asOf})` : ''}: ${scoring.length === 0 ? '**the portrait has no trait beyond chance, so every score is 50**' : `traits that count: ${scoring.map((a) => data(a.name)).join(', ')}`}. ${formatInt(customers)} of them are already customers (marked). ${read.rows.rejected > 0 ? `${plural(read.rows.rejected, 'row')} rejected.` : ''}`.trim(),
    ),
    table(
      ['#', ...(id !== null ? [data(id)] : []), 'company', 'score', 'already', 'why'],
      shown.map((s) => [
        String(s.rank),
        ...(id !== null ? [data(s.id ?? '')] : []),
        data(s.name ?? s.key ?? ''),
        String(s.score),
        existing(s),
        [...s.reasons.slice(0, 3).map(reasonText), ...(s.unknown.length > 0 ? [`unknown: ${s.unknown.map(data).join(', ')}`] : [])].join('<br>'),
      ]),
      ['right', ...(id !== null ? (['left'] as const) : []), 'left', 'right', 'left', 'left'],
      scored.length - shown.length,
      true,
    ),
    heading('How the score is computed'),
    list(SCORING_METHOD),
  ];
}

export function scoreJson(scored: readonly ScoredProspect[], read: DealsRead, profile: Profile, scoring: readonly ProfileAttribute[]) {
  return {
    schema: 'segment.score' as const,
    version: 1 as const,
    file: read.file,
    profile: profile.file,
    rows: { read: read.rows.read, used: read.rows.used, rejected: read.rows.rejected },
    traits: scoring.map((a) => a.name),
    method: [...SCORING_METHOD],
    id_column: idColumn(read),
    prospects: scored.map((s) => ({
      rank: s.rank,
      line: s.line,
      id: s.id,
      company: s.key,
      name: s.name,
      score: s.score,
      log_lift: fraction(s.raw),
      existing: s.existing === null ? null : { group: s.existing.group, abc_class: s.existing.abcClass },
      reasons: s.reasons.map((r) => ({ attribute: r.attribute, value: r.value, weight: fraction(r.weight), text: r.text })),
      unknown: [...s.unknown],
    })),
  };
}

const CSV_COLUMNS = ['rank', 'line', 'company', 'name', 'score', 'existing_group', 'abc_class', 'reasons', 'unknown'];

/**
 * One row per prospect. The file's own ID column comes after `line` under its own name (`Lead
 * ID`), so that a pipeline joins the scores back on the column it already has; `id` when that
 * name is one of ours.
 */
/** The prospects, a row each, ranked; with the file's deal id column when it has one. */
export function scoreRows(scored: readonly ScoredProspect[], id: string | null = null): RowTable {
  const idHeader = id === null ? [] : [CSV_COLUMNS.includes(id.toLowerCase()) ? 'id' : id];
  const names = [...CSV_COLUMNS.slice(0, 2), ...idHeader, ...CSV_COLUMNS.slice(2)];
  const kinds: Record<string, ColumnKind> = { rank: 'integer', line: 'integer', score: 'number' };
  return {
    name: 'prospects',
    columns: names.map((name, i) => ({ name, kind: (i === 2 && id !== null ? undefined : kinds[name]) ?? 'text' })),
    rows: scored.map((s) => [s.rank, s.line, ...(id === null ? [] : [s.id]), s.key, s.name, s.score, s.existing?.group, s.existing?.abcClass, s.reasons.map((r) => `${r.weight > 0 ? '+' : '-'} ${r.text}`).join('; '), s.unknown.join('; ')]),
  };
}

/**
 * What inspect shows of a workbook (its sheets, the one read and why, the cell types below the
 * header) and of a Parquet file (its typed columns), in place of a text export's encoding and
 * dialect lines.
 */
import type { InputReport } from '../sources/files/read.js';
import type { CellCounts } from '../sources/files/workbook.js';
import { formatInt } from './format.js';

const KIND_WORDS: Record<keyof CellCounts, [string, string]> = {
  number: ['number', 'numbers'],
  date: ['date', 'dates'],
  text: ['text', 'text'],
  boolean: ['true/false', 'true/false'],
  error: ['error (#N/A, …)', 'errors (#N/A, …)'],
  formula: ['formula (its saved value)', 'formulas (their saved values)'],
  formulaNoValue: ['formula without a saved value', 'formulas without a saved value'],
};

export function cellTypesText(counts: CellCounts): string {
  const parts = (Object.keys(KIND_WORDS) as (keyof CellCounts)[]).filter((k) => counts[k] > 0).map((k) => `${formatInt(counts[k])} ${KIND_WORDS[k][counts[k] === 1 ? 0 : 1]}`);
  return parts.length > 0 ? parts.join(', ') : 'empty';
}

/** Lines `[label, text]` for an input that was a workbook or a Parquet file; null for a text export. */
export function binaryInputLines(input: InputReport): [string, string][] | null {
  if (input.workbook) {
    const w = input.workbook;
    const sheets = w.sheets.map((s) => `${s.position}: '${s.name}'${s.hidden ? ' (hidden)' : ''}${s.rows === 0 ? ' (empty)' : s.table ? '' : ' (no table)'}`).join(', ');
    return [
      ['format', `workbook, ${w.sheets.length} sheet${w.sheets.length === 1 ? '' : 's'}: ${sheets}`],
      ['sheet', input.dialect.reason],
      ...w.cellTypes.map((c): [string, string] => ['cells', `${c.column}: ${cellTypesText(c)}`]),
    ];
  }
  if (input.parquet) return [['format', input.dialect.reason]];
  return null;
}

export function workbookJson(input: InputReport) {
  if (input.workbook) {
    const w = input.workbook;
    return {
      workbook: {
        sheets: w.sheets.map((s) => ({ position: s.position, name: s.name, hidden: s.hidden, rows: s.rows, table: s.table })),
        sheet: w.sheet,
        reason: w.reason,
        header_row: w.headerRow,
        cell_types: w.cellTypes.map((c) => ({ column: c.column, number: c.number, date: c.date, text: c.text, boolean: c.boolean, error: c.error, formula: c.formula, formula_no_value: c.formulaNoValue })),
      },
    };
  }
  if (input.parquet) return { parquet: { rows: input.parquet.rows, columns: input.parquet.columns.map((c) => ({ name: c.name, type: c.type })) } };
  return {};
}

/**
 * A workbook cell as the CSV reader will see it. Typed cells (numbers, dates) are exact: they are
 * written in a form the column's decided convention reads back unchanged, never guessed. Text
 * cells stay text, and go through the same rules as the values of a CSV export; their shapes are
 * counted here so that typed cells in the same column can be written in the text's convention.
 * Pure functions; exported for tests.
 */
import type { DateOrder, DecimalStyle } from './decide.js';

export type CellKind = 'number' | 'date' | 'text' | 'boolean' | 'error' | 'formula' | 'formulaNoValue';

export interface ReadCell {
  readonly kind: CellKind;
  /** For number: the number; date: days since 1970-01-01 (UTC); otherwise the text. */
  readonly value: number | string;
  /** A formula's cached result, as a number, date or text. */
  readonly result?: 'number' | 'date' | 'text';
}

/** Whether a number format shows a date (`dd.mm.yyyy`, `[$-406]d. mmmm yyyy`), not a number. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || /^general$/i.test(format)) return false;
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/^[#0.,\s%]*$/.test(bare);
}

const DAY_MS = 86_400_000;

/** A cell that points into a shared strings table the workbook does not have: a damaged file. */
export class MissingSharedString extends Error {}

/** An exceljs cell value to a ReadCell; null for an empty cell. */
export function readCell(value: unknown, numFmt: string | undefined, date1904: boolean): ReadCell | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', value: '#NUM!' };
  if (typeof value === 'string') return { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', value: '#DATE!' } : { kind: 'date', value: Math.floor(value.getTime() / DAY_MS) };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('error' in v) return { kind: 'error', value: String(v.error) };
    if (Array.isArray(v.richText)) return { kind: 'text', value: (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('') };
    if ('formula' in v || 'sharedFormula' in v) {
      const r = v.result;
      if (r === undefined || r === null || (typeof r === 'number' && Number.isNaN(r))) return { kind: 'formulaNoValue', value: '' };
      const inner = readCell(r, numFmt, date1904);
      if (!inner) return { kind: 'formulaNoValue', value: '' };
      // A formula's number result in a date format is a date serial (exceljs leaves it a number).
      if (inner.kind === 'number' && isDateFormat(numFmt)) return { kind: 'formula', value: serialToDays(inner.value as number, date1904), result: 'date' };
      return { kind: 'formula', value: inner.value, result: inner.kind === 'number' || inner.kind === 'date' ? inner.kind : 'text' };
    }
    if ('text' in v) return readCell(v.text, numFmt, date1904);
    // exceljs leaves the reference when the table is missing: it was written as '[object Object]'.
    if ('sharedString' in v) throw new MissingSharedString(`cell text #${String(v.sharedString)} is not in the workbook, which has no shared strings (xl/sharedStrings.xml)`);
  }
  return { kind: 'text', value: String(value) };
}

/** An Excel date serial to days since 1970-01-01 (the 1900 system counts its leap-year bug in). */
export function serialToDays(serial: number, date1904: boolean): number {
  return Math.floor(serial) - (date1904 ? 24_107 : 25_569);
}

/** How typed cells of one column are written. */
export interface ColumnPolicy {
  readonly decimal: Exclude<DecimalStyle, 'none'>;
  readonly dateOrder: DateOrder;
}

export const CANONICAL: ColumnPolicy = { decimal: 'dot', dateOrder: 'iso' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDays(days: number, order: DateOrder): string {
  const d = new Date(days * DAY_MS);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  switch (order) {
    case 'iso': return `${y}-${m}-${day}`;
    case 'ymd': return `${y}/${m}/${day}`;
    case 'compact': return `${y}${m}${day}`;
    case 'dmy': return `${day}.${m}.${y}`;
    case 'mdy': return `${m}/${day}/${y}`;
    case 'dmon': return `${day}-${MONTHS[d.getUTCMonth()]}-${y}`;
  }
}

/** A number as plain digits (no exponent, no grouping), with the given decimal separator. */
export function formatNumber(n: number, decimal: 'dot' | 'comma'): string {
  let s = String(n);
  if (/e/i.test(s)) s = Math.abs(n) >= 1e21 ? s : n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return decimal === 'comma' ? s.replace('.', ',') : s;
}

/** The cell's text in the converted file. Line breaks in a text cell become spaces (one row, one line). */
export function cellText(cell: ReadCell, policy: ColumnPolicy): string {
  const typed = cell.kind === 'formula' ? cell.result : cell.kind;
  if (typed === 'number') return formatNumber(cell.value as number, policy.decimal);
  if (typed === 'date') return formatDays(cell.value as number, policy.dateOrder);
  return String(cell.value).replace(/\r\n|\r|\n/g, ' ');
}

export function isTyped(cell: ReadCell): 'number' | 'date' | null {
  const typed = cell.kind === 'formula' ? cell.result : cell.kind;
  return typed === 'number' || typed === 'date' ? typed : null;
}

// Mirrors of the reader's number shapes (src/sources/files/duckdb/sql.ts): which decimal separator a text fits.
const DOT_OK = /^(([1-9]\d{0,2}(,\d{3})+|\d+)(\.\d+)?|\.\d+)$/;
const COMMA_OK = /^(([1-9]\d{0,2}(\.\d{3})+|\d+)(,\d+)?|,\d+)$/;

/** Shapes of the text cells of one column, and which typed cells it holds. */
export interface TextShapes {
  dot: number;
  comma: number;
  iso: number;
  dmy: number;
  mdy: number;
  dayMonthAmbiguous: number;
  ymd: number;
  compact: number;
  dmon: number;
  typedFraction: boolean;
  typedDate: boolean;
}

export function emptyShapes(): TextShapes {
  return { dot: 0, comma: 0, iso: 0, dmy: 0, mdy: 0, dayMonthAmbiguous: 0, ymd: 0, compact: 0, dmon: 0, typedFraction: false, typedDate: false };
}

export function countShape(shapes: TextShapes, cell: ReadCell): void {
  const typed = isTyped(cell);
  if (typed === 'number') {
    if (!Number.isInteger(cell.value)) shapes.typedFraction = true;
    return;
  }
  if (typed === 'date') {
    shapes.typedDate = true;
    return;
  }
  const t = String(cell.value).trim();
  const body = t.replace(/^[-+−(]+|[-)]+$/g, '').replace(/[\s\u00a0'’]|[A-Za-z]{3}$|^[A-Za-z]{3}|[€$£]|kr\.?/gi, '');
  if (/^\d+$/.test(body)) return;
  const dot = DOT_OK.test(body);
  const comma = COMMA_OK.test(body);
  if (dot && !comma) shapes.dot++;
  else if (comma && !dot) shapes.comma++;
  if (/^\d{4}-\d{1,2}-\d{1,2}([T ].*)?$/.test(t)) shapes.iso++;
  else if (/^\d{4}[./]\d{1,2}[./]\d{1,2}/.test(t)) shapes.ymd++;
  else if (/^(1[89]|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(t)) shapes.compact++;
  else if (/^\d{1,2}[ .-]?[A-Za-z]{3,9}\.?[ .-]?(\d{2}|\d{4})/.test(t)) shapes.dmon++;
  else {
    const m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})\.?([T ].*)?$/.exec(t);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > 12 && b <= 12) shapes.dmy++;
      else if (a <= 12 && b > 12) shapes.mdy++;
      else if (a <= 12 && b <= 12) shapes.dayMonthAmbiguous++;
    }
  }
}

/**
 * How to write a column's typed cells so that the convention its text cells settle reads them
 * back exactly; an option (--decimal, --date-format) decides where given.
 */
export function decidePolicy(s: TextShapes, decimal?: Exclude<DecimalStyle, 'none'>, dateOrder?: DateOrder): ColumnPolicy {
  const number = decimal ?? (s.comma > s.dot ? 'comma' : 'dot');
  let date: DateOrder = 'iso';
  if (dateOrder !== undefined) date = dateOrder;
  else {
    const dm = s.dmy + s.mdy + s.dayMonthAmbiguous;
    const families: [DateOrder | 'dm', number][] = [['iso', s.iso], ['ymd', s.ymd], ['compact', s.compact], ['dm', dm], ['dmon', s.dmon]];
    const [family, count] = families.reduce((best, f) => (f[1] > best[1] ? f : best));
    if (count > 0 && family !== 'dm') date = family;
    // Day-first or month-first only where the text settles it; otherwise ISO, and the reader
    // decides (or asks) as for a CSV export.
    else if (count > 0 && s.dmy + s.mdy > 0) date = s.dmy >= s.mdy ? 'dmy' : 'mdy';
  }
  return { decimal: number, dateOrder: date };
}

/** Whether writing the column's typed cells canonically would misread them under the policy. */
export function needsRewrite(s: TextShapes, policy: ColumnPolicy): boolean {
  return (s.typedFraction && policy.decimal !== 'dot') || (s.typedDate && policy.dateOrder !== 'iso');
}

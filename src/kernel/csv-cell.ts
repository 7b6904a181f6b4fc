/**
 * CSV cells that are safe to open in a spreadsheet. A cell that starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return can be run as a formula (CSV injection); such a cell gets a leading `'`
 * (OWASP's advice), unless it is a plain number, so that `-154.35` stays a negative number.
 */
import { withoutBidi } from './text.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d[\d ,.]*)?\d(e[-+]?\d+)?$/i;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // Bidi controls would reorder the row in a spreadsheet: shown as U+FFFD (../text.ts).
  let s = withoutBidi(typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (typeof v !== 'number' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n\t]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

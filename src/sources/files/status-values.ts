/**
 * What a status column holds: the words an order, invoice, deal or booking is in (`Shipped`,
 * `Cancelled`, `Paid`, `Pending`, `Won`). When two columns are named like the status (`STATUS` and
 * `STATE`), the one whose values are such words is it; a column of US states or regions is not.
 */
import { PENDING_WORDS } from './duckdb/sql.js';
import { VOID_PATTERN, WON_PATTERN } from './row-rules.js';

/** Order, invoice and booking states in the languages the field synonyms cover. */
const PROGRESS = new RegExp(
  '^(open|closed|new|shipped|delivered|dispatched|completed?|complete|done|paid|unpaid|overdue|partially paid|processing|in process|in progress|on hold|hold|resolved|disputed|refunded|returned|approved|rejected|declined|failed|active|inactive|draft|sent|booked|posted|cleared|settled|confirmed|accepted|fulfilled|unfulfilled|backordered|' +
    'betalt|ubetalt|afsendt|leveret|levererad|skickad|sendt|bezahlt|offen|geliefert|versendt|versandt|erledigt|gebucht|maksettu|avoin|toimitettu|betaald|open staand|geleverd|verzonden)$',
  'i',
);
const VOID = new RegExp(VOID_PATTERN, 'i');
const WON = new RegExp(WON_PATTERN, 'i');
const PENDING = new RegExp(`^(${PENDING_WORDS.join('|')})`, 'i');

/** Whether one value is a status word. */
export function isStatusWord(value: string): boolean {
  const v = value.trim().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  return PROGRESS.test(v) || VOID.test(v) || PENDING.test(v) || (WON.test(v) && !/^\d+$/.test(v) && !/^(true|false|yes|no|ja|nej)$/i.test(v));
}

/** The status words among a column's most frequent values. */
export function statusWords(values: readonly string[]): string[] {
  return values.filter(isStatusWord);
}

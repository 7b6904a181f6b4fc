/**
 * Summary rows of a bank statement: `Opening balance`, `Closing balance`, `Turnover`, `Saldo`,
 * `Summa`, … are lines the bank adds about the account, not transactions with anybody. Counted as
 * revenue they can dwarf it (a Swedbank Baltics statement's `Turnover` row is the sum of all its
 * credits). The rule: in a bank statement, a row whose counterparty, text or details column holds
 * nothing but such a label (optionally followed by a date or a number) is skipped, and counted.
 */

/** Labels of summary rows, lower case; spaces match any run of spaces. */
export const SUMMARY_LABELS: readonly string[] = [
  // English
  'opening balance', 'closing balance', 'starting balance', 'ending balance', 'balance',
  'balance brought forward', 'balance carried forward', 'brought forward', 'carried forward',
  'available balance', 'turnover', 'total', 'totals', 'sum', 'subtotal', 'total credits',
  'total debits',
  // Nordic
  'saldo', 'ingående saldo', 'utgående saldo', 'ingaende saldo', 'utgaende saldo', 'summa',
  'totalt', 'i alt', 'primo', 'ultimo', 'primosaldo', 'ultimosaldo', 'startsaldo', 'slutsaldo',
  'inngående saldo', 'utgående balanse', 'inngående balanse', 'omsætning', 'omsättning',
  'alkusaldo', 'loppusaldo', 'yhteensä',
  // German, Dutch
  'anfangssaldo', 'endsaldo', 'kontostand', 'umsatz', 'summe', 'beginsaldo', 'eindsaldo',
  'totaal',
  // Baltic
  'likutis', 'pradinis likutis', 'galutinis likutis', 'apyvarta', 'algsaldo', 'lõppsaldo',
  'käive', 'sākuma atlikums', 'beigu atlikums', 'apgrozījums',
];

function escapeWord(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+');
}

/**
 * The RE2 pattern (case-insensitive) of a summary label: the whole value, optionally followed by
 * a colon, a date or an amount (`Saldo 31.12.2023`, `Closing balance: 1 234,56`).
 */
export const SUMMARY_PATTERN = `(?i)^\\s*(${[...SUMMARY_LABELS].sort((a, b) => b.length - a.length).map(escapeWord).join('|')})\\s*[:.]?\\s*([-+0-9][-+0-9 .,/:]*)?\\s*(EUR|SEK|DKK|NOK|USD|GBP|kr)?\\s*$`;

/** The same rule in JavaScript, for tests and messages. */
export function isSummaryLabel(value: string): boolean {
  const js = SUMMARY_PATTERN.replace('(?i)', '');
  return new RegExp(js, 'i').test(value);
}

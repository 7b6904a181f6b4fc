/**
 * `--rates FILE`: exchange rates into the reporting currency (`--currency`), so that inputs in
 * different currencies can be added up, openly. A small CSV with a header: currency, rate (how
 * many units of the reporting currency one unit is worth) and, optionally, the date from which the
 * rate applies (the latest rate dated on or before a transaction is used).
 *
 *     currency,rate,date
 *     DKK,1.52,2024-01-01
 *     EUR,11.35
 */
import { readFile } from 'node:fs/promises';
import { DataError, UsageError, quote } from '../../kernel/errors.js';
import type { RateSpec } from './duckdb/row-rules-sql.js';

export interface Rates {
  readonly file: string;
  readonly rates: readonly RateSpec[];
}

const CURRENCY = ['currency', 'code', 'valuta', 'währung', 'from', 'fromcurrency'];
const RATE = ['rate', 'kurs', 'exchangerate', 'fx', 'fxrate', 'valutakurs', 'wechselkurs', 'torate'];
const DATE = ['date', 'validfrom', 'from_date', 'fromdate', 'dato', 'datum', 'since'];

function norm(h: string): string {
  return h.trim().toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, '');
}

/** Whether yyyy-mm-dd names a day of the calendar (between 1900 and 2100, as dates of the data). */
function isDay(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text && text >= '1900-01-01' && text <= '2100-12-31';
}

/** Parses the text of a rates file. Pure; exported for tests. */
export function parseRates(file: string, text: string): Rates {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0] ?? '';
  const delimiter = [';', '\t', ','].find((d) => header.includes(d)) ?? ',';
  const names = header.split(delimiter).map(norm);
  const find = (synonyms: readonly string[]): number => names.findIndex((n) => synonyms.includes(n));
  const [ci, ri, di] = [find(CURRENCY), find(RATE), find(DATE)];
  if (ci < 0 || ri < 0) {
    throw new DataError(`--rates ${file}: the header needs a currency and a rate column (found ${header.split(delimiter).map((h) => quote(h.trim())).join(', ')}); write it as currency,rate[,date]`);
  }
  const rates: RateSpec[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''));
    const where = `--rates ${file}:${i + 1}`;
    const currency = (cells[ci] ?? '').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new DataError(`${where}: ${quote(cells[ci] ?? '')} is not a three-letter currency code`);
    const rateText = (cells[ri] ?? '').replace(/\s/g, '');
    const rate = Number(delimiter !== ',' ? rateText.replace(',', '.') : rateText);
    if (!/^\d*[.,]?\d+$/.test(rateText) || !Number.isFinite(rate) || rate <= 0) {
      throw new DataError(`${where}: rate ${quote(cells[ri] ?? '')} of ${currency} is not a positive number`);
    }
    const dateText = di >= 0 ? (cells[di] ?? '') : '';
    // A real day, not only its shape: 2024-13-45 failed later, blamed on the transactions.
    if (dateText !== '' && (!/^\d{4}-\d{2}-\d{2}$/.test(dateText) || !isDay(dateText))) {
      throw new DataError(`${where}: date ${quote(dateText)} is not a yyyy-mm-dd date`);
    }
    const from = dateText === '' ? null : dateText;
    if (rates.some((r) => r.currency === currency && r.from === from)) {
      throw new DataError(`${where}: a second rate for ${currency}${from ? ` from ${from}` : ''}; keep one`);
    }
    rates.push({ currency, from, rate });
  }
  if (rates.length === 0) throw new DataError(`--rates ${file}: no rates (write one line per currency: currency,rate[,date])`);
  return { file, rates };
}

export async function readRatesFile(path: string): Promise<Rates> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--rates ${path}: no such file`);
  }
  return parseRates(path, text);
}

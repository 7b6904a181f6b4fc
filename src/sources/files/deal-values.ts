/**
 * Reading one deal value under the convention decided for its column: the same shapes the engine
 * reads transactions with (src/sources/files/duckdb/sql.ts), for the few thousand rows of a CRM export, which
 * are read into memory. A value that does not fit is undefined: the caller rejects the row.
 */
import { CURRENCY_CODES } from './fields.js';
import type { DateOrder, DecimalStyle } from './decide.js';

const NOISE = new RegExp(`KR\\.?|${CURRENCY_CODES.join('|')}|€|\\$|£|\\s|\\u00A0|\\u2007|\\u2009|\\u202F|'|’|,-$|\\.-$`, 'g');
/** Digits grouped by spaces or apostrophes other than in threes: no number (duckdb/sql.ts `BAD_GROUPING`). */
const BAD_GROUPING = /\d[\s\u00A0\u2007\u2009\u202F'’]{2,}\d|\d[\s\u00A0\u2007\u2009\u202F'’](\d{1,2}(\D|$)|\d{4})|(^|\D)\d{4,}[\s\u00A0\u2007\u2009\u202F'’]\d/;
const DOT_OK = /^(([1-9]\d{0,2}(,\d{3})+|\d+)(\.\d+)?|\.\d+)$/;
const COMMA_OK = /^(([1-9]\d{0,2}(\.\d{3})+|\d+)(,\d+)?|,\d+)$/;

/** A number written as `1.234,56 kr`, `(12.50)`, `-3`; undefined when it does not fit the style. */
export function parseNumberValue(raw: string, style: DecimalStyle): number | undefined {
  if (BAD_GROUPING.test(raw)) return undefined;
  const s = raw.trim().toUpperCase().replace(NOISE, '');
  if (s === '') return undefined;
  const negative = s.startsWith('-') || s.startsWith('−') || (s.startsWith('(') && s.endsWith(')')) || (s.length > 1 && s.endsWith('-'));
  const body = s.replace(/^[-+−(]+|[-)]+$/g, '');
  let value: number;
  if (style === 'dot') {
    if (!DOT_OK.test(body)) return undefined;
    value = Number(body.replaceAll(',', ''));
  } else if (style === 'comma') {
    if (!COMMA_OK.test(body)) return undefined;
    value = Number(body.replaceAll('.', '').replace(',', '.'));
  } else {
    if (!/^\d+$/.test(body)) return undefined;
    value = Number(body);
  }
  return Number.isFinite(value) ? (negative ? -value : value) : undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  mai: 5, okt: 10, dez: 12, des: 12, maj: 5, mär: 3, mrz: 3,
};

function isoOf(y: number, m: number, d: number): string | undefined {
  if (y < 100) y += y >= 69 ? 1900 : 2000;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const t = Date.UTC(y, m - 1, d);
  const date = new Date(t);
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A date (a time after it is ignored) as YYYY-MM-DD; undefined when it does not fit the order. */
export function parseDateValue(raw: string, order: DateOrder): string | undefined {
  const s = raw.trim();
  let m: RegExpExecArray | null;
  switch (order) {
    case 'iso':
      m = /^(\d{4})-(\d{1,2})-(\d{1,2})([T ].*)?$/.exec(s);
      return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
    case 'ymd':
      m = /^(\d{4})[./](\d{1,2})[./](\d{1,2})\.?(\s.*)?$/.exec(s);
      return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
    case 'compact':
      m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
      return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
    case 'dmy':
    case 'mdy': {
      m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})\.?([T ].*)?$/.exec(s);
      if (!m) return undefined;
      const [a, b] = [Number(m[1]), Number(m[2])];
      return order === 'dmy' ? isoOf(Number(m[3]), b, a) : isoOf(Number(m[3]), a, b);
    }
    case 'dmon': {
      m = /^(\d{1,2})[ .-]?([A-Za-zäÄ]{3,9})\.?[ .-]?(\d{2}|\d{4})([T ].*)?$/.exec(s);
      if (!m) return undefined;
      const month = MONTHS[m[2]!.slice(0, 3).toLowerCase()];
      return month === undefined ? undefined : isoOf(Number(m[3]), month, Number(m[1]));
    }
  }
}

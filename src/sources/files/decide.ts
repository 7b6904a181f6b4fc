/**
 * Conventions decided per column from counts of value shapes (the counts come from the engine,
 * over a sample or the whole column). Pure functions, so that every rule is unit-tested.
 *
 * A convention is settled only by values that fit one reading and not the other: `12,50` settles
 * decimal comma, `1,234.56` settles decimal point, `1,234` settles nothing. `25/12/2024` settles
 * day-first, `12/25/2024` month-first, `01/02/2024` nothing. When nothing settles a convention that
 * matters, the answer is "undecided" and the caller asks the user, never guesses.
 */
import { plural } from '../../kernel/text.js';
import type { DateOrder, DateShapeCounts, DecimalStyle, NumberShapeCounts } from './duckdb/conventions.js';

export type { DateOrder, DateShapeCounts, DecimalStyle, NumberShapeCounts };



export type Decision<T> =
  | { readonly status: 'decided'; readonly value: T; readonly evidence: string; readonly note?: string }
  | { readonly status: 'undecided'; readonly evidence: string };

export function decideDecimalStyle(c: NumberShapeCounts): Decision<DecimalStyle> {
  if (c.dot > 0 && c.comma === 0) {
    return { status: 'decided', value: 'dot', evidence: `${plural(c.dot, 'value')} like ${c.dotExample ?? '12.50'}` };
  }
  if (c.comma > 0 && c.dot === 0) {
    return { status: 'decided', value: 'comma', evidence: `${plural(c.comma, 'value')} like ${c.commaExample ?? '12,50'}` };
  }
  if (c.dot > 0 && c.comma > 0) {
    // Both readings have evidence: the column is mixed. The majority decides; the minority's
    // values are then rejected row by row (with line numbers), never reinterpreted.
    const dotWins = c.dot >= c.comma;
    const [win, lose] = dotWins ? [c.dot, c.comma] : [c.comma, c.dot];
    const loser = dotWins ? (c.commaExample ?? '') : (c.dotExample ?? '');
    return {
      status: 'decided',
      value: dotWins ? 'dot' : 'comma',
      evidence: `${plural(win, 'value')} fit a decimal ${dotWins ? 'point' : 'comma'}`,
      note: `${plural(lose, 'value')} (like ${loser}) fit only a decimal ${dotWins ? 'comma' : 'point'} and are rejected`,
    };
  }
  if (c.ambiguous > 0) {
    return {
      status: 'undecided',
      evidence: `${plural(c.ambiguous, 'value')} like ${c.ambiguousExample ?? '1,234'} read either way and none settles it`,
    };
  }
  return { status: 'decided', value: 'none', evidence: c.integer > 0 ? 'no decimal separator seen' : 'no values' };
}



const DATE_ORDER_NAMES: Record<DateOrder, string> = {
  iso: 'yyyy-mm-dd',
  ymd: 'yyyy/mm/dd',
  compact: 'yyyymmdd',
  dmy: 'dd.mm.yyyy (day first)',
  mdy: 'mm/dd/yyyy (month first)',
  dmon: 'dd-Mon-yyyy',
};

export function describeDateOrder(order: DateOrder): string {
  return DATE_ORDER_NAMES[order];
}

export function decideDateOrder(c: DateShapeCounts): Decision<DateOrder> {
  const dayMonth = c.dmy + c.mdy + c.dayMonthAmbiguous;
  const families: [DateOrder | 'dm', number][] = [
    ['iso', c.iso],
    ['ymd', c.ymd],
    ['compact', c.compact],
    ['dm', dayMonth],
    ['dmon', c.dmon],
  ];
  const [family, count] = families.reduce((best, f) => (f[1] > best[1] ? f : best));
  if (count === 0) {
    return c.nonEmpty === c.pending
      ? { status: 'decided', value: 'iso', evidence: 'no dates (only pending rows)' }
      : { status: 'undecided', evidence: `no value looks like a date (for example ${c.invalidExample ?? '?'})` };
  }
  if (family !== 'dm') {
    return { status: 'decided', value: family, evidence: `${plural(count, 'value')} like ${DATE_ORDER_NAMES[family]}` };
  }
  if (c.dmy > 0 && c.mdy === 0) {
    return { status: 'decided', value: 'dmy', evidence: `${plural(c.dmy, 'value')} with a day over 12, like ${c.dmyExample ?? ''}` };
  }
  if (c.mdy > 0 && c.dmy === 0) {
    return { status: 'decided', value: 'mdy', evidence: `${plural(c.mdy, 'value')} with a day over 12 in second place, like ${c.mdyExample ?? ''}` };
  }
  if (c.dmy > 0 && c.mdy > 0) {
    const dayFirst = c.dmy >= c.mdy;
    return {
      status: 'decided',
      value: dayFirst ? 'dmy' : 'mdy',
      evidence: `${plural(dayFirst ? c.dmy : c.mdy, 'value')} settle ${dayFirst ? 'day' : 'month'} first`,
      note: `${plural(dayFirst ? c.mdy : c.dmy, 'value')} (like ${dayFirst ? c.mdyExample : c.dmyExample}) only fit ${dayFirst ? 'month' : 'day'} first and are rejected`,
    };
  }
  return {
    status: 'undecided',
    evidence: `${plural(c.dayMonthAmbiguous, 'value')} like ${c.ambiguousExample ?? '01.02.2024'} read as day-first or month-first and no day is over 12`,
  };
}

/**
 * Reads a --date-format value. Accepts the shapes users write (`dd.mm.yyyy`, `mm/dd/yyyy`,
 * `yyyy-mm-dd`, `yyyymmdd`, `dd-mon-yyyy`) and the short names dmy, mdy, ymd, iso.
 */
export function parseDateFormatOption(text: string): DateOrder | undefined {
  const t = text.trim().toLowerCase();
  if (['dmy', 'day-first', 'dayfirst'].includes(t)) return 'dmy';
  if (['mdy', 'month-first', 'monthfirst'].includes(t)) return 'mdy';
  if (t === 'iso' || /^yyyy-mm-dd/.test(t) || t === '%y-%m-%d') return 'iso';
  if (t === 'ymd' || /^yyyy[./]mm[./]dd\.?$/.test(t)) return 'ymd';
  if (t === 'yyyymmdd' || t === 'compact') return 'compact';
  if (/^d{1,2}[-. /]mon[-. /]y{2,4}$/.test(t)) return 'dmon';
  if (/^d{1,2}[-./]m{1,2}[-./]y{2,4}$/.test(t) || /^%d[-./]%m[-./]%y$/i.test(t)) return 'dmy';
  if (/^m{1,2}[-./]d{1,2}[-./]y{2,4}$/.test(t) || /^%m[-./]%d[-./]%y$/i.test(t)) return 'mdy';
  return undefined;
}

/**
 * The row rules of an input, in the order they are tried (a row's fate is the first that matches),
 * each with the category and reason its rows are counted under.
 */
import type { ColumnProfile, FieldReading, RowRule, StagePlan } from './duckdb/engine.js';
import type { Dialect } from './dialect.js';
import { FIELDS, type FieldName } from './fields.js';
import { SUMMARY_PATTERN } from './summary-rows.js';
import type { Kind } from './mapping.js';
import type { ReadOptions } from './read-result.js';
import type { FieldMap } from './mapping.js';
import type { ColumnDecision } from './column-decisions.js';

export type Category = 'rejected' | 'skipped' | 'unattributed';

export interface RuleInfo {
  readonly category: Category;
  readonly reason: string;
  readonly column?: string;
}

export const WON_PATTERN = '^(closed[ _-]?won|won|vundet|vunnen|vunnet|gewonnen|voitettu|true|yes|ja|1)$';
const WON = new RegExp(WON_PATTERN, 'i');
/** Status values that void a CRM row (cancelled or credited invoices, lost deals). */
export const VOID_PATTERN =
  '^(cancel+ed|cancel+ation|void|voided|annul+ed|annul+eret|annul+erad|storniert|storno|makuleret|makulerad|kreditert|krediteret|krediterad|credited|deleted|slettet|raderad|lost|tabt|förlorad|tapt)$';

/** What the rules are decided from: the input's fields, their decisions and the sample's profiles. */
export interface RuleInputs {
  readonly dialect: Dialect;
  readonly kind: Kind;
  readonly fields: FieldMap;
  readonly byIndex: ReadonlyMap<number, ColumnProfile>;
  readonly labelColumns: readonly number[];
  readonly decisionOf: ReadonlyMap<FieldName, ColumnDecision>;
  readonly options: ReadOptions;
  readonly currency: { readonly declared?: string; readonly reporting?: string };
  readonly readings: readonly FieldReading[];
  readonly embeddedCurrency: string | null;
  readonly notes: string[];
}

export function rowRules(x: RuleInputs): { rules: RowRule[]; info: RuleInfo[]; conversion: StagePlan['conversion'] } {
  const { dialect, kind, fields, byIndex, labelColumns, decisionOf, options, currency, readings, embeddedCurrency, notes } = x;
  const rules: RowRule[] = [];
  const info: RuleInfo[] = [];
  const add = (rule: RowRule, category: Category, reason: string, column?: string): void => {
    rules.push(rule);
    info.push(column === undefined ? { category, reason } : { category, reason, column });
  };
  if (dialect.type === 'whitespace') add({ rule: 'malformed' }, 'rejected', `malformed row (not ${dialect.columns.length} fields)`);
  const pendingFields: FieldName[] = [];
  if (fields.date && (byIndex.get(fields.date.index)?.date.pending ?? 0) > 0) pendingFields.push('date');
  if (fields.status) pendingFields.push('status');
  if (pendingFields.length > 0) add({ rule: 'pending', fields: pendingFields }, 'skipped', 'pending (not yet booked)');
  if (kind === 'bank' && labelColumns.length > 0) {
    add({ rule: 'summary', indices: [...new Set(labelColumns)], pattern: SUMMARY_PATTERN }, 'skipped', "the bank's summary line (opening or closing balance, turnover, total), not a transaction");
  }
  if (fields.status && kind !== 'bank') {
    add({ rule: 'void', field: 'status', pattern: VOID_PATTERN }, 'skipped', `cancelled, void, credited or lost (${fields.status.column})`, fields.status.column);
  }
  if (fields.stage && kind !== 'bank') {
    const top = byIndex.get(fields.stage.index)?.topValues.map((t) => t.value) ?? [];
    const won = top.filter((v) => WON.test(v.trim()));
    if (won.length > 0 && won.length < top.length) {
      add(
        { rule: 'stage', index: fields.stage.index, won: [...new Set(won.map((w) => w.trim().toLowerCase()))] },
        'skipped',
        `deal not won (${fields.stage.column} is not ${won.join('/')})`,
        fields.stage.column,
      );
    } else if (won.length === 0) {
      notes.push(`stage column '${fields.stage.column}' has no 'won' values (${top.slice(0, 4).join(', ')}): all rows kept`);
    }
  }
  if (!fields.amount && !fields.quantity && (fields.credit || fields.debit)) {
    add({ rule: 'empty', field: 'amount' }, 'rejected', 'no amount (credit and debit both empty)', [fields.credit?.column, fields.debit?.column].filter(Boolean).join('/'));
  }
  for (const name of ['date', 'amount', 'quantity', 'unit_price', 'credit', 'debit', 'margin', 'cost', 'due_date', 'paid_date'] as const) {
    const f = fields[name];
    if (!f) continue;
    const spec = FIELDS[name];
    const required = name === 'date' || name === 'amount' || ((name === 'quantity' || name === 'unit_price') && !fields.amount);
    if (required) add({ rule: 'empty', field: name }, 'rejected', `empty ${spec.describe}`, f.column);
    const convention = decisionOf.get(name)?.convention;
    add({ rule: 'invalid', field: name }, 'rejected', `not a ${spec.type === 'date' ? 'date' : 'number'}${convention ? ` (${convention})` : ''}${spec.type === 'date' ? ' between 1900 and 2100' : ''}`, f.column);
  }
  const flag = readings.find((r) => r.field === 'direction')?.reading;
  if (fields.direction) {
    // A blank flag that means the other direction is no empty value.
    if (!(flag?.as === 'direction' && flag.blank !== undefined)) add({ rule: 'empty', field: 'direction' }, 'rejected', `empty ${FIELDS.direction.describe}`, fields.direction.column);
    add({ rule: 'invalid', field: 'direction' }, 'rejected', 'not a debit/credit flag (K/D, C/D, Cr/Dr, H/S, Bij/Af, Inn/Ut, In/Out)', fields.direction.column);
  }
  let conversion: StagePlan['conversion'];
  if (options.rates && currency.reporting !== undefined) {
    const own = readings.some((r) => r.field === 'currency') ? (currency.declared ?? null) : (embeddedCurrency ?? currency.declared ?? null);
    conversion = { reporting: currency.reporting, inputCurrency: own, rates: options.rates.rates };
    add({ rule: 'norate' }, 'rejected', `no exchange rate into ${currency.reporting} for the row's currency and date in --rates ${options.rates.file}`);
  } else if (options.currency !== undefined && readings.some((r) => r.field === 'currency')) {
    add({ rule: 'currency', keep: options.currency }, 'skipped', `other currency than ${options.currency}`);
  }
  if (kind === 'bank') {
    add({ rule: 'outgoing' }, 'skipped', 'outgoing payment (only incoming payments are revenue)');
    add({ rule: 'zero' }, 'skipped', 'zero amount');
  }
  add({ rule: 'unattributed' }, 'unattributed', 'no customer');

  return { rules, info, conversion };
}

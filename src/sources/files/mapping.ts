/**
 * Column mapping: which export column is which canonical field, and why. Pure: it sees header
 * names only; whether the values fit is checked later, against the data.
 */
import { DataError, UsageError } from '../../kernel/errors.js';
import { FIELD_NAMES, FIELDS, normaliseHeader, type FieldName } from './fields.js';
import { INPUT_KINDS } from '../../parameter-values.js';

export const KINDS = INPUT_KINDS;
export type Kind = (typeof KINDS)[number];

export type MappingSource = 'option' | 'map file';

export interface ColumnMapping {
  readonly field: FieldName;
  readonly column: string;
  readonly index: number;
  /** Why: `option --date`, `map file`, `synonym 'dato'`, `secondary synonym 'transaktionsdatum'`. */
  readonly reason: string;
}

/** The column each mapped field is read from. */
export type FieldMap = Partial<Record<FieldName, ColumnMapping>>;

export interface Mapping {
  readonly fields: Partial<Record<FieldName, ColumnMapping>>;
  /** Columns that are no transaction field: customer attribute candidates. */
  readonly others: readonly { column: string; index: number }[];
  /** Choices worth telling the user about (a primary synonym preferred over a secondary one). */
  readonly notes: readonly string[];
  /** A currency written into the amount column's header, as in `Betrag (EUR)`. */
  readonly headerCurrency?: string;
  /**
   * Fields that two or more columns fit equally well. Not an error yet: the values may tell them
   * apart (a currency column named `Valuta` that holds dates), and an unused field does not matter.
   */
  readonly ambiguous: Partial<Record<FieldName, readonly ColumnMapping[]>>;
}

export type Overrides = Partial<Record<FieldName, { column: string; source: MappingSource }>>;

/**
 * The weakest hint: a transaction field's synonym after a prefix that says "of the transaction"
 * (`trans_date`, `tran_amount`, `txn_amount`). Taken only when no synonym matched, and kept only
 * when the values fit the field (./plan-input.ts checks dates and amounts; a currency column's
 * values are checked for codes in ./column-decisions.ts).
 */
export const PREFIXED = 'prefixed synonym';
const PREFIXED_FIELDS: readonly FieldName[] = ['date', 'amount', 'currency'];
// English, and the Hungarian `Tranzakció összege` and Czech `Zaúčtovaná částka` (booked amount).
const TRANSACTION_PREFIXES = ['transaction', 'trans', 'tran', 'txn', 'trx', 'tx', 'order', 'sale', 'sales', 'purchase', 'invoice', 'booking', 'posting', 'receipt', 'basket', 'tranzakció', 'tranzakcio', 'zaúčtovaná', 'zauctovana'];

export function prefixedSynonym(norm: string, synonyms: readonly string[]): string | undefined {
  for (const p of TRANSACTION_PREFIXES) {
    if (norm.startsWith(p) && synonyms.includes(norm.slice(p.length))) return norm.slice(p.length);
  }
  return undefined;
}

function findColumn(headers: readonly string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const lower = wanted.toLowerCase();
  const caseless = headers.findIndex((h) => h.toLowerCase() === lower);
  if (caseless >= 0) return caseless;
  const norm = normaliseHeader(wanted).norm;
  return headers.findIndex((h) => normaliseHeader(h).norm === norm);
}

function listColumns(headers: readonly string[]): string {
  return headers.map((h) => `'${h}'`).join(', ');
}

/**
 * Maps header names onto fields. Overrides win; then synonyms, primary before secondary. A column
 * serves one field at most; fields are matched in FIELD_NAMES order, so that a `Customer name`
 * column is the key only when no id column exists.
 */
export function mapColumns(headers: readonly string[], overrides: Overrides = {}, named = false): Mapping {
  const fields: Partial<Record<FieldName, ColumnMapping>> = {};
  const ambiguous: Partial<Record<FieldName, ColumnMapping[]>> = {};
  const used = new Set<number>();
  const notes: string[] = [];
  const alsoFits: { field: FieldName; chosen: number; other: number }[] = [];

  for (const name of FIELD_NAMES) {
    const override = overrides[name];
    if (override === undefined) continue;
    const index = findColumn(headers, override.column);
    const how = override.source === 'option' ? `--${FIELDS[name].option}` : 'the map file';
    if (index < 0) {
      throw new UsageError(
        `column '${override.column}' given by ${how} is not in the header; columns are ${listColumns(headers)}`,
      );
    }
    if (used.has(index)) {
      const other = Object.values(fields).find((m) => m.index === index);
      throw new UsageError(
        `column '${headers[index]}' is given for both ${other?.field ?? 'another field'} and ${name}; give each field its own column`,
      );
    }
    used.add(index);
    fields[name] = {
      field: name,
      column: headers[index] ?? override.column,
      index,
      reason: override.source === 'option' ? `option ${how}` : 'map file',
    };
  }

  // Names the user gave with --columns: one that is a field's own name (`date`, `amount`) says
  // which column that field is, as an option would; other synonyms then do not compete for it.
  if (named) {
    for (const name of FIELD_NAMES) {
      const index = headers.findIndex((h) => h.trim().toLowerCase() === name);
      if (fields[name] !== undefined || index < 0 || used.has(index)) continue;
      used.add(index);
      fields[name] = { field: name, column: headers[index]!, index, reason: `named '${name}' by --columns` };
    }
  }

  const normalised = headers.map((h) => normaliseHeader(h));
  for (const name of FIELD_NAMES) {
    if (fields[name] !== undefined) continue;
    const spec = FIELDS[name];
    for (const [rank, synonyms] of [
      ['synonym', spec.primary],
      ['secondary synonym', spec.secondary ?? []],
      [PREFIXED, PREFIXED_FIELDS.includes(name) ? spec.primary : []],
    ] as const) {
      const matches = (norm: string): boolean => (rank === PREFIXED ? prefixedSynonym(norm, synonyms) !== undefined : synonyms.includes(norm));
      const hits = normalised
        .map((h, index) => ({ index, norm: h.norm }))
        .filter((h) => !used.has(h.index) && matches(h.norm));
      if (hits.length === 0) continue;
      if (hits.length > 1) {
        for (const h of hits) used.add(h.index);
        ambiguous[name] = hits.map((h) => ({ field: name, column: headers[h.index]!, index: h.index, reason: `${rank} '${h.norm}'` }));
        break;
      }
      const hit = hits[0]!;
      used.add(hit.index);
      fields[name] = {
        field: name,
        column: headers[hit.index]!,
        index: hit.index,
        reason: `${rank} '${hit.norm}'`,
      };
      if (rank === 'synonym' && spec.secondary) {
        const passed = normalised
          .map((h, index) => ({ index, norm: h.norm }))
          .filter((h) => !used.has(h.index) && spec.secondary!.includes(h.norm));
        for (const p of passed) alsoFits.push({ field: name, chosen: hit.index, other: p.index });
      }
      break;
    }
  }

  // Told only about columns that no other field took (`Company` is the customer name, not news).
  for (const a of alsoFits) {
    if (used.has(a.other)) continue;
    notes.push(
      `${a.field}: '${headers[a.chosen]}' is used; '${headers[a.other]}' also fits (use --${FIELDS[a.field].option} to choose it)`,
    );
  }
  const amountLike = fields.amount ?? fields.credit ?? fields.unit_price;
  const headerCurrency = amountLike ? normalised[amountLike.index]?.currency : undefined;
  const others = headers
    .map((column, index) => ({ column, index }))
    .filter((c) => !used.has(c.index));
  return headerCurrency ? { fields, others, notes, headerCurrency, ambiguous } : { fields, others, notes, ambiguous };
}

/** The error for a field that two columns fit, naming both and the option that settles it. */
export function ambiguityError(candidates: readonly ColumnMapping[]): DataError {
  const spec = FIELDS[candidates[0]!.field];
  const [a, b] = candidates.map((c) => `'${c.column}'`);
  const option = spec.option ? `--${spec.option}` : 'a map file';
  return new DataError(`columns ${a} and ${b} both look like the ${spec.describe}; name the one to use with ${option} ${a}`);
}

const LOYALTY_KEY = /^(member|medlem|card|kort|loyalty|kundekort)/;

/** The kind of export, from its mapped columns. Returns the kind and the reason, for `inspect`. */
export function detectKind(mapping: Mapping): { kind: Kind; reason: string } {
  const first = (name: FieldName): ColumnMapping | undefined => mapping.fields[name] ?? mapping.ambiguous[name]?.[0];
  const f = {
    balance: first('balance'),
    customer: mapping.fields.customer,
    counterparty: first('counterparty'),
    text: first('text'),
  };
  if (f.balance) return { kind: 'bank', reason: `balance column '${f.balance.column}'` };
  if (!f.customer && (f.counterparty || f.text)) {
    return { kind: 'bank', reason: 'no customer column, but a bank text or counterparty column' };
  }
  if (f.customer && LOYALTY_KEY.test(normaliseHeader(f.customer.column).norm)) {
    return { kind: 'loyalty', reason: `card/member key '${f.customer.column}'` };
  }
  return { kind: 'crm', reason: f.customer ? `customer column '${f.customer.column}'` : 'default' };
}

/** Checks that a mapping has what its kind needs, with a message that says what to pass. */
export function requireFields(mapping: Mapping, kind: Kind, headers: readonly string[]): void {
  const f = mapping.fields;
  const cols = listColumns(headers);
  if (!f.date) {
    throw new DataError(`no date column found; name it with --date COL (columns are ${cols})`);
  }
  const hasAmount = f.amount || (f.quantity && f.unit_price) || f.credit || f.debit;
  if (!hasAmount) {
    throw new DataError(
      `no amount column found (nor quantity and unit price); name it with --amount COL (columns are ${cols})`,
    );
  }
  if (kind === 'bank') {
    if (!f.customer && !f.counterparty && !f.text) {
      throw new DataError(
        `bank export without a text or counterparty column; name it with --text COL (columns are ${cols})`,
      );
    }
  } else if (!f.customer) {
    throw new DataError(
      `no customer column found; name it with --customer COL, or pass --kind bank for a bank statement (columns are ${cols})`,
    );
  }
}

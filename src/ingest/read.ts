/**
 * Reading inputs into the canonical transaction table: open, sniff, map, decide conventions from
 * the data, stage through the engine, and account for every row.
 */
import { stat } from 'node:fs/promises';
import { formatInt } from '../text.js';
import { csvCell } from '../csv-cell.js';
import { writeFileAtomically } from '../output.js';
import { DataError, SegmentError, UsageError, quote } from '../errors.js';
import type { ColumnProfile, Engine, FieldReading, InputProfile, InputReader, ProfileRequest, RowRule, StagePlan, StageResult } from '../engine/engine.js';
import {
  decideDateOrder,
  decideDecimalStyle,
  describeDateOrder,
  type DateOrder,
  type DecimalStyle,
  type Decision,
} from './decide.js';
import { describeDelimiter, sniffDialect, type Dialect } from './dialect.js';
import { FIELDS, type FieldName } from './fields.js';
import { planDirection } from './direction-plan.js';
import { SUMMARY_PATTERN } from './summary-rows.js';
import { missingDecisionsError, missingFields } from './missing.js';
import { counterpartyCandidates, firstWithNames, holdsNames } from './counterparty.js';
import type { Rates } from './rates.js';
import { settleCurrencies, type InputCurrency } from './currency.js';
import { findLines } from './lines.js';
import { ambiguityError, detectKind, mapColumns, requireFields, type ColumnMapping, type Kind, type Mapping, type Overrides } from './mapping.js';
import { checkGzip, openSource } from './source.js';
import { columnDecisions, type MapFileJson } from './write-map.js';
import { openBinaryInput, type OpenedInput } from './open-input.js';
import type { TempDir } from '../tempdir.js';

export interface ReadOptions {
  readonly kind?: Kind;
  readonly overrides: Overrides;
  readonly skip?: number;
  readonly delimiter?: string;
  readonly encoding?: string;
  readonly decimal?: Exclude<DecimalStyle, 'none'>;
  readonly dateOrder?: DateOrder;
  readonly columns?: readonly string[];
  readonly customerPattern?: string;
  readonly currency?: string;
  /** A fraction: 0.01 is 1%. */
  readonly maxRejectRate: number;
  readonly rejectsFile?: string;
  readonly sampleRows?: number;
  /** --pseudonymize: no raw record and no value of a text column in examples and the rejects file. */
  readonly withholdPersonal?: boolean;
  /** Count rows identical to another of the same file (stages each record: slower). */
  readonly countIdentical?: boolean;
  /** Settings of one input (`--map INPUT:FILE`), by the input as given; they win over the others. */
  readonly perInput?: ReadonlyMap<string, InputSettings>;
  /** `--rates FILE`: amounts in other currencies are converted into `currency`. */
  readonly rates?: Rates;
  /** --sheet: the workbook sheet to read, by name or 1-based position. */
  readonly sheet?: string;
}

/** What a map file can set for one input. */
export type InputSettings = Partial<Pick<ReadOptions, 'kind' | 'overrides' | 'skip' | 'delimiter' | 'encoding' | 'decimal' | 'dateOrder' | 'columns' | 'customerPattern' | 'currency'>> & {
  readonly mapFile?: string;
};

export interface Example {
  readonly line: number | null;
  readonly value: string | null;
}

export interface ReasonCount {
  readonly reason: string;
  readonly column?: string;
  readonly rows: number;
  readonly amount: number;
  readonly examples: readonly Example[];
}

export interface Accounting {
  readonly read: number;
  readonly used: number;
  readonly usedAmount: number;
  readonly rejected: number;
  readonly rejectedByReason: readonly ReasonCount[];
  readonly skipped: number;
  readonly skippedByRule: readonly ReasonCount[];
  readonly unattributed: number;
  readonly unattributedAmount: number;
  /** Rows identical to another of the same file (customer, date, amount, order): kept. Null when not counted. */
  readonly identicalWithinFile: number | null;
}

export interface ColumnReport {
  readonly index: number;
  readonly name: string;
  readonly role: 'field' | 'attribute' | 'ignored';
  readonly field?: FieldName;
  readonly why: string;
  readonly convention?: string;
  readonly evidence?: string;
}

export interface InputReport {
  readonly file: string;
  readonly kind: Kind;
  readonly kindReason: string;
  readonly encoding: string;
  readonly encodingReason: string;
  readonly compressed: boolean;
  readonly dialect: {
    readonly delimiter: string;
    readonly newline: string;
    readonly skip: number;
    readonly headerLine: number;
    readonly reason: string;
  };
  readonly columns: readonly ColumnReport[];
  readonly attributes: readonly { name: string; level: 'customer' | 'transaction' }[];
  readonly rows: Accounting;
  readonly customers: number;
  readonly orders: number;
  /** Used rows with a negative amount: netted against revenue, not counted as orders. */
  readonly refunds: { readonly rows: number; readonly amount: number };
  readonly currency: string | null;
  readonly currencies: readonly { currency: string; rows: number }[];
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly notes: readonly string[];
  /** How the direction of money (in or out) was decided. */
  readonly direction: string;
  /** The decisions that worked, as a map file (`inspect --write-map`). */
  readonly decisions: MapFileJson;
  /** A workbook's sheets, the one read and its cell types; a Parquet file's typed columns. */
  readonly workbook?: OpenedInput['workbook'];
  readonly parquet?: OpenedInput['parquet'];
}

export interface ReadResult {
  readonly inputs: readonly InputReport[];
  readonly total: Accounting;
  readonly currency: string | null;
  readonly warnings: readonly string[];
  /** Set when the rejected share is over the limit: commands report it with exit code 3. */
  readonly failure?: DataError;
  readonly attributeNames: readonly string[];
}

const DEFAULT_SAMPLE = 50_000;

type Category = 'rejected' | 'skipped' | 'unattributed';

interface RuleInfo {
  readonly category: Category;
  readonly reason: string;
  readonly column?: string;
}

const WON = /^(closed[ _-]?won|won|vundet|vunnen|vunnet|gewonnen|voitettu|true|yes|ja|1)$/i;
/** Status values that void a CRM row (cancelled or credited invoices, lost deals). */
const VOID_PATTERN =
  '^(cancel+ed|cancel+ation|void|voided|annul+ed|annul+eret|annul+erad|storniert|storno|makuleret|makulerad|kreditert|krediteret|krediterad|credited|deleted|slettet|raderad|lost|tabt|förlorad|tapt)$';

function numberDescription(style: DecimalStyle): string {
  return style === 'dot' ? 'decimal point' : style === 'comma' ? 'decimal comma' : 'whole numbers';
}

/** Decides each mapped value column's convention; undefined means the sample did not settle it. */
interface ColumnDecision {
  readonly field: FieldName;
  readonly index: number;
  readonly reading?: FieldReading['reading'];
  readonly convention?: string;
  readonly evidence?: string;
  readonly note?: string;
  readonly undecided?: string;
  readonly drop?: string;
}

function numberCounts(p: ColumnProfile) {
  return { nonEmpty: p.nonEmpty, ...p.number };
}

function dateCounts(p: ColumnProfile) {
  return { nonEmpty: p.nonEmpty, ...p.date };
}

function decideColumn(
  field: FieldName,
  index: number,
  profile: ColumnProfile,
  options: ReadOptions,
  fromOption: boolean,
  mainDate?: DateOrder,
): ColumnDecision {
  const spec = FIELDS[field];
  if (spec.type === 'number') {
    const counts = numberCounts(profile);
    const fitting = counts.integer + counts.dot + counts.comma + counts.ambiguous;
    if (!fromOption && counts.nonEmpty >= 3 && fitting < counts.nonEmpty / 2 && field !== 'amount') {
      return { field, index, drop: `its values are not numbers (like ${quote(counts.invalidExample ?? '')})` };
    }
    if (options.decimal !== undefined) {
      return { field, index, reading: { as: 'number', style: options.decimal }, convention: numberDescription(options.decimal), evidence: 'option --decimal' };
    }
    const d: Decision<DecimalStyle> = decideDecimalStyle(counts);
    if (d.status === 'undecided') return { field, index, undecided: d.evidence };
    return {
      field,
      index,
      reading: { as: 'number', style: d.value },
      convention: numberDescription(d.value),
      evidence: d.evidence,
      ...(d.note ? { note: d.note } : {}),
    };
  }
  if (spec.type === 'date') {
    const counts = dateCounts(profile);
    const fitting = counts.nonEmpty - counts.invalid;
    if (!fromOption && counts.nonEmpty >= 3 && fitting < counts.nonEmpty / 2 && field !== 'date') {
      return { field, index, drop: `its values are not dates (like ${quote(counts.invalidExample ?? '')})` };
    }
    if (options.dateOrder !== undefined) {
      return { field, index, reading: { as: 'date', order: options.dateOrder }, convention: describeDateOrder(options.dateOrder), evidence: 'option --date-format' };
    }
    const d = decideDateOrder(counts);
    if (d.status === 'undecided') {
      if (mainDate !== undefined && (mainDate === 'dmy' || mainDate === 'mdy') && counts.dayMonthAmbiguous > 0 && counts.dmy + counts.mdy === 0) {
        return {
          field,
          index,
          reading: { as: 'date', order: mainDate },
          convention: describeDateOrder(mainDate),
          evidence: 'as the transaction date column of the same file',
        };
      }
      return { field, index, undecided: d.evidence };
    }
    return {
      field,
      index,
      reading: { as: 'date', order: d.value },
      convention: describeDateOrder(d.value),
      evidence: d.evidence,
      ...(d.note ? { note: d.note } : {}),
    };
  }
  if (spec.type === 'currency') {
    if (!fromOption && profile.nonEmpty > 0 && profile.currencyLike < profile.nonEmpty * 0.9) {
      return { field, index, drop: `its values are not currency codes (like ${quote(profile.topValues[0]?.value ?? '')})` };
    }
    return { field, index, reading: { as: 'currency' } };
  }
  if (spec.type === 'key') return { field, index, reading: { as: 'key' } };
  return { field, index, reading: { as: 'text' } };
}

function undecidedError(display: string, column: string, field: FieldName, evidence: string): DataError {
  const spec = FIELDS[field];
  if (spec.type === 'number') {
    return new DataError(
      `${display}: column '${column}' (${spec.describe}): ${evidence}; pass --decimal dot or --decimal comma`,
    );
  }
  return new DataError(
    `${display}: column '${column}' (${spec.describe}): ${evidence}; pass --date-format dd.mm.yyyy or --date-format mm/dd/yyyy`,
  );
}

interface Planned {
  readonly plan: StagePlan;
  readonly info: readonly RuleInfo[];
  readonly columns: readonly ColumnReport[];
  readonly attributes: readonly { name: string; level: 'customer' | 'transaction' }[];
  readonly notes: readonly string[];
  readonly embeddedCurrency: string | null;
  /** How the direction of money (in or out) was decided, in words. */
  readonly direction: string;
  /** Where the input's own currency comes from, when it says one. */
  readonly currencySource: string | null;
}

type FieldMap = Partial<Record<FieldName, ColumnMapping>>;

/** Whether a column's values fit a field's type: most values read as numbers, dates or codes. */
function fits(type: string, p: ColumnProfile | undefined): boolean {
  if (!p || p.nonEmpty === 0) return false;
  if (type === 'number') return p.number.integer + p.number.dot + p.number.comma + p.number.ambiguous >= p.nonEmpty / 2;
  if (type === 'date') return p.nonEmpty - p.date.invalid >= p.nonEmpty / 2;
  if (type === 'currency') return p.currencyLike >= p.nonEmpty * 0.9;
  if (type === 'name') return p.nameLike >= p.nonEmpty / 2;
  return true;
}

function withFields(mapping: Mapping, fields: FieldMap): Mapping {
  return { ...mapping, fields };
}

async function planInput(
  engine: Engine,
  reader: InputReader,
  dialect: Dialect,
  options: ReadOptions,
  rowLevel: boolean,
  currency: { readonly declared?: string; readonly reporting?: string } = {},
  encoding = 'utf-8',
): Promise<Planned & { kind: Kind; kindReason: string }> {
  const display = reader.display;
  const headers = dialect.columns;
  let mapping: Mapping;
  try {
    mapping = mapColumns(headers, options.overrides);
  } catch (err) {
    if (err instanceof DataError) throw new DataError(`${display}: ${err.message}`);
    if (err instanceof UsageError) throw new UsageError(`${display}: ${err.message}`);
    throw err;
  }
  const detected = detectKind(mapping);
  const kind = options.kind ?? detected.kind;
  const kindReason = options.kind ? 'option --kind' : detected.reason;
  const notes = [...mapping.notes];
  const fields: FieldMap = { ...mapping.fields };
  // A header name given to several columns cannot say which one holds a field.
  for (const dup of dialect.duplicates ?? []) {
    const used = Object.values(fields).find((m) => m !== undefined && dup.columns.includes(m.index + 1));
    if (used) {
      throw new DataError(
        `${reader.display}: the header names '${dup.name}' ${dup.columns.length} times (columns ${dup.columns.join(' and ')}), and one of them would be the ${FIELDS[used.field].describe}; rename them in the export, or name all ${dialect.columns.length} columns with --columns a,b,… --skip ${dialect.headerLine}`,
      );
    }
  }
  const fail = (err: unknown): never => {
    if (err instanceof DataError) throw new DataError(`${display}: ${err.message}`);
    if (err instanceof UsageError) throw new UsageError(`${display}: ${err.message}`);
    throw err;
  };

  // Outside bank statements, text and name columns are attribute candidates like any other.
  const otherColumns: { column: string; index: number }[] = [...mapping.others];
  const ambiguous: Partial<Record<FieldName, readonly ColumnMapping[]>> = { ...mapping.ambiguous };
  const unused: FieldName[] = kind === 'bank' ? ['balance', 'value_date'] : ['balance', 'value_date', 'text', 'counterparty'];
  if (kind === 'bank' && (fields.counterparty || ambiguous.counterparty || options.overrides.customer)) unused.push('text');
  // Columns whose text can be a bank's own label (`Opening balance`, `Turnover`).
  const labelColumns: number[] = [];
  const releasedText: number[] = [];
  for (const f of unused) {
    const released = [...(fields[f] ? [fields[f]] : []), ...(ambiguous[f] ?? [])];
    delete ambiguous[f];
    if (f === 'text' || f === 'counterparty') {
      delete fields[f];
      otherColumns.push(...released.map((m) => ({ column: m.column, index: m.index })));
      labelColumns.push(...released.map((m) => m.index));
      if (f === 'text') releasedText.push(...released.map((m) => m.index));
    }
  }
  // Two columns fit one field: values may tell them apart (dates in a `Valuta` column, IBANs in a
  // `Counterparty` column); names and keys cannot be told apart.
  for (const [f, candidates] of Object.entries(ambiguous) as [FieldName, readonly ColumnMapping[]][]) {
    const t = FIELDS[f].type;
    if (t !== 'number' && t !== 'date' && t !== 'currency' && f !== 'counterparty') fail(ambiguityError(candidates));
  }

  const require = (): void => {
    try {
      requireFields(withFields(mapping, fields), kind, headers);
    } catch (err) {
      fail(err);
    }
  };

  const typeOf = (f: FieldName): ProfileRequest['as'] => {
    const t = FIELDS[f].type;
    if (t === 'number' || t === 'date' || t === 'currency') return t;
    return f === 'counterparty' ? 'name' : 'plain';
  };
  const requests = new Map<number, ProfileRequest>();
  const request = (m: ColumnMapping): void => {
    requests.set(m.index, { index: m.index, as: m.field === 'order' ? 'number' : typeOf(m.field) });
  };
  for (const m of Object.values(fields)) if (FIELDS[m.field].type !== 'ignored') request(m);
  for (const candidates of Object.values(ambiguous)) candidates.forEach(request);
  for (const o of otherColumns) if (!requests.has(o.index)) requests.set(o.index, { index: o.index, as: 'plain' });
  // Where the payer's name may be instead, when a column named like it holds none.
  const partyCandidates = kind === 'bank' ? counterpartyCandidates(otherColumns, releasedText) : [];
  for (const c of partyCandidates) requests.set(c.index, { index: c.index, as: 'name' });
  const keyIndex = (fields.customer ?? fields.counterparty ?? fields.text ?? ambiguous.counterparty?.[0])?.index;
  const sample = await engine.profile(reader, [...requests.values()], keyIndex, options.sampleRows ?? DEFAULT_SAMPLE);
  const byIndex = new Map(sample.columns.map((c) => [c.index, c]));

  const useParty = (chosen: ColumnMapping, passed: readonly ColumnMapping[]): void => {
    fields.counterparty = chosen;
    const at = otherColumns.findIndex((o) => o.index === chosen.index);
    if (at >= 0) otherColumns.splice(at, 1);
    notes.push(`counterparty: '${chosen.column}' is used (${chosen.reason}); ${passed.map((m) => `'${m.column}'`).join(', ')} also fit${passed.length === 1 ? 's' : ''} by name, but hold${passed.length === 1 ? 's' : ''} no names`);
  };
  for (const [f, candidates] of Object.entries(ambiguous) as [FieldName, readonly ColumnMapping[]][]) {
    const fitting = candidates.filter((m) => fits(f === 'counterparty' ? 'name' : FIELDS[f].type, byIndex.get(m.index)));
    if (f === 'counterparty' && fitting.length === 0) {
      const other = firstWithNames(partyCandidates, byIndex, new Set(candidates.map((m) => m.index)));
      if (other) {
        useParty(other, candidates);
        continue;
      }
      fail(new DataError(`columns ${candidates.map((m) => `'${m.column}'`).join(' and ')} look like the counterparty by their names, but hold no names, and no other column does; name the column with the payers' names with --counterparty COL, or the bank text with --text COL`));
    }
    if (fitting.length !== 1) fail(ambiguityError(fitting.length > 1 ? fitting : candidates));
    const chosen = fitting[0]!;
    fields[f] = chosen;
    const others = candidates.filter((m) => m !== chosen).map((m) => `'${m.column}'`).join(', ');
    const kindOfValue = f === 'counterparty' ? 'names' : FIELDS[f].type === 'currency' ? 'currency codes' : `${FIELDS[f].type}s`;
    notes.push(`${FIELDS[f].describe}: '${chosen.column}' is used; ${others} also fits by name, but its values are not ${kindOfValue}`);
  }
  const party = fields.counterparty;
  if (kind === 'bank' && party && !party.reason.startsWith('option') && party.reason !== 'map file' && !holdsNames(byIndex.get(party.index))) {
    const other = firstWithNames(partyCandidates, byIndex, new Set([party.index]));
    if (other) {
      otherColumns.push({ column: party.column, index: party.index });
      useParty(other, [party]);
    }
  }
  const direction = planDirection(fields, byIndex, options.overrides.direction !== undefined);
  if (direction.note) notes.push(direction.note);
  if (direction.error) fail(direction.error);
  if (!direction.reading) delete fields.direction;
  // A bank statement's customer is its counterparty, read from the name or else the text column.
  if (kind === 'bank' && !options.overrides.customer) {
    const party = fields.counterparty ?? fields.text;
    if (party) labelColumns.push(party.index);
    if (party) {
      delete fields.counterparty;
      delete fields.text;
      fields.customer = { ...party, field: 'customer', reason: `counterparty: ${party.reason}` };
    }
  }
  if (missingFields(fields, kind).length > 0) {
    // Every missing decision at once, each suggestion checked against the values.
    const all = headers.map((_, i) => i);
    const shapes = async (as: ProfileRequest['as']): Promise<Map<number, ColumnProfile>> =>
      new Map((await engine.profile(reader, all.map((index) => ({ index, as })), undefined, options.sampleRows ?? DEFAULT_SAMPLE)).columns.map((c) => [c.index, c]));
    const error = missingDecisionsError(display, headers, kind, fields, encoding, { number: await shapes('number'), date: await shapes('date'), name: await shapes('name') });
    if (error) throw error;
  }
  require();
  // Columns that are there but not needed: a unit price beside an amount, a cost beside a margin.
  if (fields.amount && fields.unit_price) {
    notes.push(`amount is read from '${fields.amount.column}'; '${fields.unit_price.column}' (unit price) is not used`);
    delete fields.unit_price;
  }
  if (fields.margin && fields.cost) {
    notes.push(`margin is read from '${fields.margin.column}'; '${fields.cost.column}' (cost) is not used`);
    delete fields.cost;
  }
  const valueFields = (Object.keys(fields) as FieldName[]).filter((f) => {
    const t = FIELDS[f].type;
    return t === 'number' || t === 'date' || t === 'currency';
  });

  const decide = (field: FieldName, profile: InputProfile, mainDate?: DateOrder): ColumnDecision => {
    const f = fields[field]!;
    const p = profile.columns.find((c) => c.index === f.index)!;
    return decideColumn(field, f.index, p, options, f.reason.startsWith('option') || f.reason === 'map file', mainDate);
  };
  const ordered = valueFields.sort((a, b) => (a === 'date' ? -1 : b === 'date' ? 1 : 0));
  let decisions: ColumnDecision[] = [];
  let mainDate: DateOrder | undefined;
  for (const field of ordered) {
    const d = decide(field, sample, mainDate);
    if (field === 'date' && d.reading?.as === 'date') mainDate = d.reading.order;
    decisions.push(d);
  }
  const undecided = decisions.filter((d) => d.undecided !== undefined);
  if (undecided.length > 0 && !sample.complete) {
    // The first rows did not settle a convention: look at every value of those columns.
    const full = await engine.profile(reader, undecided.map((d) => requests.get(d.index)!), undefined, undefined);
    decisions = decisions.map((d) => (d.undecided === undefined ? d : decide(d.field, full, mainDate)));
    for (const u of undecided) {
      if (decisions.find((d) => d.field === u.field)?.reading) notes.push(`${FIELDS[u.field].describe}: settled by reading the whole column`);
    }
  }
  for (const d of decisions) {
    if (d.undecided !== undefined) throw undecidedError(display, fields[d.field]!.column, d.field, d.undecided);
  }
  for (const d of decisions) {
    if (d.drop !== undefined) {
      notes.push(`column '${fields[d.field]!.column}' matches ${FIELDS[d.field].describe} by name, but ${d.drop}: not used`);
      delete fields[d.field];
    }
    if (d.note !== undefined) notes.push(`${FIELDS[d.field].describe}: ${d.note}`);
  }
  require();
  const decisionOf = new Map(decisions.filter((d) => d.drop === undefined).map((d) => [d.field, d]));

  const readings: FieldReading[] = [];
  for (const m of Object.values(fields)) {
    const spec = FIELDS[m.field];
    if (spec.type === 'ignored' || m.field === 'stage' || m.field === 'text' || m.field === 'counterparty' || m.field === 'direction') continue;
    if (m.field === 'customer') {
      const reading: FieldReading['reading'] =
        kind !== 'bank'
          ? { as: 'key' }
          : options.customerPattern !== undefined
            ? { as: 'counterparty', pattern: options.customerPattern }
            : { as: 'counterparty' };
      readings.push({ field: m.field, index: m.index, reading: reading });
      continue;
    }
    const d = decisionOf.get(m.field);
    // Order references are opaque text; only customer keys get the `17850.0` → `17850` reading.
    readings.push({ field: m.field, index: m.index, reading: d?.reading ?? { as: spec.type === 'key' && m.field !== 'order' ? 'key' : 'text' } });
  }

  if (direction.reading) readings.push(direction.reading);

  // Columns the CSV reader can type itself: faster, and a later value that does not convert is
  // rejected by the reader with its line (never reinterpreted).
  if (dialect.type === 'delimited') {
    for (let k = 0; k < readings.length; k++) {
      const r = readings[k]!;
      const p = byIndex.get(r.index);
      if (!p || p.nonEmpty === 0 || p.castable !== p.nonEmpty) continue;
      const numberDot = r.reading.as === 'number' && r.reading.style === 'dot';
      const isoDate = r.reading.as === 'date' && r.reading.order === 'iso';
      if (numberDot || isoDate) readings[k] = { ...r, typed: true };
    }
  }

  // A currency written into the amounts (`1.234,56 DKK`) when there is no currency column.
  let embeddedCurrency: string | null = null;
  const amountColumn = fields.amount ?? fields.credit ?? fields.unit_price;
  const amountProfile = amountColumn ? byIndex.get(amountColumn.index) : undefined;
  if (!fields.currency && amountColumn && amountProfile && amountProfile.number.codes.length > 0) {
    const codes = amountProfile.number.codes;
    if (codes.length > 1 && options.currency === undefined && !options.rates) {
      throw new DataError(
        `${display}: amounts are written in more than one currency (${codes.join(', ')}); keep one with --currency ${codes[0]}`,
      );
    }
    if (codes.length > 1) readings.push({ field: 'currency', index: amountColumn.index, reading: { as: 'code' } });
    else embeddedCurrency = codes[0] ?? null;
  }
  if (!fields.currency && embeddedCurrency === null && mapping.headerCurrency) embeddedCurrency = mapping.headerCurrency;

  // Rules, in the order they are tried; a row's fate is the first that matches.
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
  if (fields.direction) {
    add({ rule: 'empty', field: 'direction' }, 'rejected', `empty ${FIELDS.direction.describe}`, fields.direction.column);
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

  // Attribute candidates: the columns no field claimed.
  const attributes: { index: number; name: string; level: 'customer' | 'transaction' }[] = [];
  const columns: ColumnReport[] = [];
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i]!;
    const mapped = Object.values(fields).find((m) => m.index === i);
    if (mapped) {
      const d = decisionOf.get(mapped.field);
      const used = mapped.field !== 'stage' || rules.some((r) => r.rule === 'stage');
      columns.push({
        index: i,
        name,
        role: FIELDS[mapped.field].type === 'ignored' || !used ? 'ignored' : 'field',
        field: mapped.field,
        why: mapped.reason,
        ...(d?.convention ? { convention: d.convention } : {}),
        ...(d?.evidence ? { evidence: d.evidence } : {}),
      });
      continue;
    }
    const claimed = Object.values(mapping.fields).find((m) => m.index === i);
    if (claimed && !otherColumns.some((o) => o.index === i)) {
      columns.push({ index: i, name, role: 'ignored', field: claimed.field, why: `${claimed.reason}; not used here` });
      continue;
    }
    const p = byIndex.get(i);
    const variation = sample.perCustomerVariation.get(i);
    let why: string;
    if (!p || p.nonEmpty === 0) why = 'empty';
    else if (p.distinct > 1000 && (variation ?? 1) > 0.2) why = `free text (over 1,000 distinct values)`;
    else if (p.distinct <= 1 && sample.rows > 1) why = `one value only (${quote(p.topValues[0]?.value ?? '')})`;
    else {
      const level = variation !== undefined && variation > 0.05 ? 'transaction' : 'customer';
      attributes.push({ index: i, name, level });
      columns.push({
        index: i,
        name,
        role: 'attribute',
        why: level === 'customer' ? 'customer attribute' : "varies within a customer (the most frequent value is used)",
      });
      continue;
    }
    columns.push({ index: i, name, role: 'ignored', why });
  }

  // Numeric order references make a `C`-prefixed one a credit note (as in e-commerce exports).
  const orderProfile = fields.order ? byIndex.get(fields.order.index) : undefined;
  const cancellationPrefix = orderProfile !== undefined && orderProfile.number.integer >= orderProfile.nonEmpty / 2;
  const plan: StagePlan = {
    fields: readings,
    rules,
    cancellationPrefix,
    attributes: attributes.map(({ index, name }) => ({ index, name })),
    bank: kind === 'bank',
    grouped: !rowLevel,
    ...(conversion ? { conversion } : {}),
  };
  const currencySource = fields.currency ? 'its currency column' : embeddedCurrency !== null ? (mapping.headerCurrency === embeddedCurrency && amountProfile?.number.codes.length === 0 ? 'its header' : 'its amounts') : null;
  return { plan, info, columns, attributes: attributes.map(({ name, level }) => ({ name, level })), notes, embeddedCurrency, currencySource, kind, kindReason, direction: direction.description };
}

/** The read options of one input: its own settings (`--map INPUT:FILE`) win. */
function withSettings(options: ReadOptions, settings: InputSettings | undefined): ReadOptions {
  if (!settings) return options;
  const { mapFile: _, overrides, ...rest } = settings;
  return { ...options, ...rest, overrides: { ...options.overrides, ...overrides } };
}

/** What an input says about its currency itself (not what --currency says for every input). */
function ownCurrency(
  file: string,
  planned: Planned,
  staged: readonly { currency: string }[],
  filter: string | undefined,
  declared: string | undefined,
  mapFile: string | undefined,
  converting: boolean,
): InputCurrency {
  const column = planned.plan.fields.some((f) => f.field === 'currency');
  if (column) {
    const codes = filter !== undefined && !converting ? [filter] : staged.map((c) => c.currency);
    return { file, own: codes, source: 'its currency column', column };
  }
  if (planned.embeddedCurrency !== null) return { file, own: [planned.embeddedCurrency], source: planned.currencySource ?? 'its amounts', column };
  if (declared !== undefined) return { file, own: [declared], source: `--map ${file}:${mapFile ?? '…'}`, column };
  return { file, own: [], source: '', column };
}

function emptyAccounting(): Accounting {
  return { read: 0, used: 0, usedAmount: 0, rejected: 0, rejectedByReason: [], skipped: 0, skippedByRule: [], unattributed: 0, unattributedAmount: 0, identicalWithinFile: null };
}

function mergeReasons(a: readonly ReasonCount[], b: readonly ReasonCount[]): ReasonCount[] {
  const out = new Map<string, ReasonCount>();
  for (const r of [...a, ...b]) {
    const key = `${r.reason}\u0000${r.column ?? ''}`;
    const prev = out.get(key);
    out.set(key, prev ? { ...prev, rows: prev.rows + r.rows, amount: prev.amount + r.amount, examples: [...prev.examples, ...r.examples].slice(0, 5) } : r);
  }
  return [...out.values()];
}

export function addAccounting(a: Accounting, b: Accounting): Accounting {
  return {
    read: a.read + b.read,
    used: a.used + b.used,
    usedAmount: a.usedAmount + b.usedAmount,
    rejected: a.rejected + b.rejected,
    rejectedByReason: mergeReasons(a.rejectedByReason, b.rejectedByReason),
    skipped: a.skipped + b.skipped,
    skippedByRule: mergeReasons(a.skippedByRule, b.skippedByRule),
    unattributed: a.unattributed + b.unattributed,
    unattributedAmount: a.unattributedAmount + b.unattributedAmount,
    identicalWithinFile: a.identicalWithinFile === null ? b.identicalWithinFile : b.identicalWithinFile === null ? a.identicalWithinFile : a.identicalWithinFile + b.identicalWithinFile,
  };
}

async function accountFor(
  engine: Engine,
  reader: InputReader,
  planned: Planned,
  staged: StageResult,
): Promise<Accounting> {
  // Examples need the rejected rows themselves: the input is read again, only when there are some.
  const rejectRules = staged.byRule.filter((r) => planned.info[r.rule]?.category === 'rejected').map((r) => r.rule);
  const examples = await engine.rejectedExamples(reader, planned.plan, rejectRules, 3);
  const lines = await findLines(reader.path, reader.gzip, reader.dialect, examples.map((e) => e.ordinal), staged.refusedPositions);
  const line = (position: number, fallback: number): number => lines.byBytePosition.get(position) ?? fallback;
  const rejected: ReasonCount[] = [];
  const skipped: ReasonCount[] = [];
  let unattributed = 0;
  let unattributedAmount = 0;
  // Rows the reader could not split into the header's fields, by what went wrong.
  for (const { type, rows: count } of staged.malformedByType) {
    rejected.push({
      reason: malformedReason(type, reader.dialect.columns.length),
      rows: count,
      amount: 0,
      examples: staged.malformed
        .filter((m) => m.type === type)
        .slice(0, 3)
        .map((m) => ({ line: line(m.bytePosition, m.line), value: m.text })),
    });
  }
  // Values of a typed column that did not convert were refused by the reader: they are the
  // column's "not a number/date" rejects, like those found after reading.
  const invalidRule = (index: number): number =>
    planned.plan.rules.findIndex((rule) => rule.rule === 'invalid' && planned.plan.fields.find((f) => f.field === rule.field)?.index === index);
  const byRule = new Map(staged.byRule.map((r) => [r.rule, { ...r }]));
  const castExamples = new Map<number, Example[]>();
  for (const c of staged.castRejects) {
    const rule = invalidRule(c.index);
    // Every typed column has its "invalid" rule; if one ever did not, the rows must not vanish.
    if (rule < 0) throw new Error(`the reader refused ${c.rows} values of column ${c.index + 1}, which has no rule to count them under`);
    const entry = byRule.get(rule) ?? { rule, rows: 0, amount: 0 };
    entry.rows += c.rows;
    byRule.set(rule, entry);
    castExamples.set(rule, c.examples.map((e) => ({ line: line(e.bytePosition, e.line), value: e.value })));
  }
  for (const r of [...byRule.values()].sort((a, b) => a.rule - b.rule)) {
    const info = planned.info[r.rule];
    if (!info) continue;
    if (info.category === 'unattributed') {
      unattributed += r.rows;
      unattributedAmount += r.amount;
      continue;
    }
    const ex =
      info.category === 'rejected'
        ? [...(castExamples.get(r.rule) ?? []), ...examples.filter((e) => e.rule === r.rule).map((e) => ({ line: lines.byOrdinal.get(e.ordinal) ?? null, value: e.value }))]
            .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
            .slice(0, 3)
        : [];
    const entry: ReasonCount = { reason: info.reason, ...(info.column ? { column: info.column } : {}), rows: r.rows, amount: r.amount, examples: ex };
    (info.category === 'rejected' ? rejected : skipped).push(entry);
  }
  const sum = (xs: readonly ReasonCount[]): number => xs.reduce((s, x) => s + x.rows, 0);
  const castRows = staged.castRejects.reduce((s, c) => s + c.rows, 0);
  return {
    read: staged.accepted + staged.malformedCount + castRows,
    used: staged.used,
    usedAmount: staged.usedAmount,
    rejected: sum(rejected),
    rejectedByReason: rejected,
    skipped: sum(skipped),
    skippedByRule: skipped,
    unattributed,
    unattributedAmount,
    identicalWithinFile: staged.identicalWithinFile,
  };
}

function formatPercent(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;
}

export interface ReadContext {
  readonly engine: Engine;
  readonly temp: TempDir;
  readonly warn: (message: string) => void;
}

/**
 * Reads the inputs into the engine. An input file that changes or disappears while it is read (an
 * export still being written, a file moved away) fails the run cleanly: its rows could not all be
 * accounted for.
 */
export async function readTransactions(args: readonly string[], options: ReadOptions, ctx: ReadContext): Promise<ReadResult> {
  if (args.length === 0) throw new UsageError('no input files; give one or more CSV exports, or - for stdin');
  if (args.filter((a) => a === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const files = args.filter((a) => a !== '-');
  const before = await Promise.all(files.map((f) => stat(f).catch(() => undefined)));
  const changed = async (): Promise<DataError | undefined> => {
    for (let i = 0; i < files.length; i++) {
      const was = before[i];
      if (!was) continue;
      const now = await stat(files[i]!).catch(() => undefined);
      if (!now) return new DataError(`${files[i]}: the file disappeared while it was read; run again when it is in place`);
      if (now.size !== was.size || now.mtimeMs !== was.mtimeMs) {
        return new DataError(`${files[i]}: the file changed while it was read (${formatInt(was.size)} bytes, then ${formatInt(now.size)}); run again when the export is complete`);
      }
    }
    return undefined;
  };
  let result: ReadResult;
  try {
    result = await readAll(args, options, ctx);
  } catch (err) {
    throw (await changed()) ?? err;
  }
  const moved = await changed();
  if (moved) throw moved;
  return result;
}

async function readAll(args: readonly string[], options: ReadOptions, ctx: ReadContext): Promise<ReadResult> {
  const inputs: InputReport[] = [];
  const readers: { reader: InputReader; planned: Planned }[] = [];
  const own: InputCurrency[] = [];
  let id = 0;
  for (const arg of args) {
    const settings = options.perInput?.get(arg);
    const declared = settings?.currency;
    const inputOptions = withSettings(options, settings);
    const binary = await openBinaryInput(arg, ctx.temp, inputOptions, () => ({ tempDir: ctx.temp.dir() }));
    const source = binary?.source ?? (await openSource(arg, ctx.temp, inputOptions.encoding));
    const complete = !source.gzip && source.bytes <= source.head.length;
    const dialect = binary?.dialect ?? sniffDialect(source.display, source.head, complete, {
      ...(inputOptions.delimiter !== undefined ? { delimiter: inputOptions.delimiter } : {}),
      ...(inputOptions.skip !== undefined ? { skip: inputOptions.skip } : {}),
      ...(inputOptions.columns !== undefined ? { columns: inputOptions.columns } : {}),
    });
    const reader: InputReader = { id, display: source.display, path: source.readPath, gzip: source.gzip, dialect };
    id++;
    // Checked beside the staging; a damaged file fails the run whatever staging made of it.
    const intact = source.gzip ? checkGzip(source.readPath, source.display).then(() => undefined, (e: unknown) => e) : Promise.resolve(undefined);
    // Several inputs are matched record by record (overlapping exports); one is grouped.
    let planned: Awaited<ReturnType<typeof planInput>>;
    let staged: StageResult;
    let rows: Accounting;
    try {
      const reporting = options.rates ? options.currency : undefined;
      planned = await planInput(ctx.engine, reader, dialect, inputOptions, args.length > 1 || options.countIdentical === true, {
        ...(declared !== undefined ? { declared } : {}),
        ...(reporting !== undefined ? { reporting } : {}),
      }, source.encoding);
      staged = await ctx.engine.stage(reader, planned.plan);
      const damaged = await intact;
      if (damaged) throw damaged;
      rows = await accountFor(ctx.engine, reader, planned, staged);
    } catch (err) {
      const damaged = await intact;
      if (damaged) throw damaged;
      // The CSV reader gives up on some malformed files as a whole: a data error, not a crash.
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof SegmentError) && /^(Invalid Input|Conversion|Parser) Error/.test(message)) {
        throw new DataError(
          `${source.display}: the CSV reader could not read the file (${message.split('\n')[0]!.replace(/\.$/, '')}); check its delimiter, quoting and line ends, or pass --delimiter, --skip or --columns`,
        );
      }
      throw err;
    }
    const currencies = staged.currencies;
    if (currencies.length > 1 && inputOptions.currency === undefined && !options.rates) {
      throw new DataError(
        `${source.display}: the currency column holds ${currencies.length} currencies (${currencies.map((c) => `${c.currency}: ${formatInt(c.rows)} row${c.rows === 1 ? '' : 's'}`).join(', ')}); amounts in different currencies cannot be added up: keep one with --currency ${currencies[0]!.currency}`,
      );
    }
    const inputCurrencyLabel = (options.rates ? options.currency : undefined) ?? inputOptions.currency ?? currencies[0]?.currency ?? planned.embeddedCurrency ?? null;
    readers.push({ reader, planned });
    own.push(ownCurrency(source.display, planned, currencies, inputOptions.currency, declared, settings?.mapFile, options.rates !== undefined));
    inputs.push({
      file: source.display,
      kind: planned.kind,
      kindReason: planned.kindReason,
      encoding: source.encoding,
      encodingReason: source.encodingReason,
      compressed: source.compressed,
      dialect: {
        delimiter: dialect.type === 'whitespace' ? 'whitespace' : describeDelimiter(dialect.delimiter),
        newline: dialect.newline === '\r\n' ? 'CRLF' : dialect.newline === '\r' ? 'CR' : 'LF',
        skip: dialect.skip,
        headerLine: dialect.headerLine,
        reason: dialect.reason,
      },
      columns: planned.columns,
      attributes: planned.attributes,
      rows,
      customers: staged.customers,
      orders: staged.orders,
      refunds: staged.refunds,
      currency: inputCurrencyLabel,
      currencies,
      firstDate: staged.firstDate,
      lastDate: staged.lastDate,
      notes: [...(binary?.notes ?? []), ...planned.notes],
      direction: planned.direction,
      decisions: {
        kind: planned.kind,
        ...columnDecisions(planned.plan.fields, dialect.columns, planned.kind),
        ...(dialect.headerLine === 0 ? { columnNames: [...dialect.columns] } : {}),
        skip: dialect.skip,
        delimiter: dialect.type === 'whitespace' ? 'whitespace' : dialect.delimiter === '\t' ? 'tab' : dialect.delimiter,
        encoding: source.encoding,
        ...(inputCurrencyLabel !== null ? { currency: inputCurrencyLabel } : {}),
      },
      ...(binary?.workbook ? { workbook: binary.workbook } : {}),
      ...(binary?.parquet ? { parquet: binary.parquet } : {}),
    });
  }

  const combined = await ctx.engine.combine(readers.map((r) => r.reader.id));
  for (const dup of combined.crossInputDuplicates) {
    const i = inputs.findIndex((_, k) => readers[k]!.reader.id === dup.input);
    const input = inputs[i]!;
    const rows: Accounting = {
      ...input.rows,
      used: input.rows.used - dup.rows,
      usedAmount: input.rows.usedAmount - dup.amount,
      skipped: input.rows.skipped + dup.rows,
      skippedByRule: [...input.rows.skippedByRule, { reason: 'duplicate of a row in an earlier input (customer, date, amount, order)', rows: dup.rows, amount: dup.amount, examples: [] }],
    };
    inputs[i] = { ...input, rows };
  }

  if (options.withholdPersonal) {
    // --pseudonymize: examples show only values of number and date columns; a malformed line or a
    // text column's value could be a name or an e-mail address.
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k]!;
      const fieldOf = new Map(input.columns.map((c) => [c.name, c.field]));
      const keep = (column: string | undefined): boolean => column !== undefined && NON_PERSONAL_FIELDS.has(fieldOf.get(column) ?? 'text');
      const withhold = (list: readonly ReasonCount[]): ReasonCount[] =>
        list.map((x) => ({ ...x, examples: x.examples.map((e) => ({ ...e, value: keep(x.column) ? e.value : null })) }));
      inputs[k] = { ...input, rows: { ...input.rows, rejectedByReason: withhold(input.rows.rejectedByReason), skippedByRule: withhold(input.rows.skippedByRule) } };
    }
  }

  const total = inputs.map((i) => i.rows).reduce(addAccounting, emptyAccounting());
  const settled = settleCurrencies(own, options.currency, options.rates);
  const warnings: string[] = [];
  if (settled.conversion) warnings.push(settled.conversion);
  for (const input of inputs) {
    for (const note of input.notes) warnings.push(`${input.file}: ${note}`);
    if (input.rows.rejected > 0) {
      const first = input.rows.rejectedByReason[0];
      const ex = first?.examples[0];
      warnings.push(
        `${input.file}: ${formatInt(input.rows.rejected)} row${input.rows.rejected === 1 ? '' : 's'} rejected${first ? `, first: ${ex?.line !== undefined && ex.line !== null ? `line ${ex.line}: ` : ''}${first.reason}${first.column ? ` in '${first.column}'` : ''}${ex?.value !== undefined && ex.value !== null ? ` ${quote(ex.value)}` : ''}` : ''}`,
      );
    }
  }

  let failure: DataError | undefined;
  const rate = total.read > 0 ? total.rejected / total.read : 0;
  if (total.rejected > 0 && rate > options.maxRejectRate) {
    const input = inputs.find((i) => i.rows.rejected > 0)!;
    const first = input.rows.rejectedByReason[0]!;
    const ex = first.examples[0];
    const where = `${input.file}${ex?.line ? `:${ex.line}` : ''}`;
    // A value equal to its column's name is a header line in the middle: two exports appended.
    const repeated = first.column !== undefined && ex?.value?.trim().toLowerCase() === first.column.trim().toLowerCase() ? ' (a repeated header line: two exports appended? remove it)' : '';
    failure = new DataError(
      `${formatPercent(rate)} of rows rejected (${formatInt(total.rejected)} of ${formatInt(total.read)}), over the ${formatPercent(options.maxRejectRate)} limit; first: ${where}: ${first.reason}${first.column ? ` in column '${first.column}'` : ''}${ex?.value ? `, value ${quote(ex.value)}${repeated}` : ''}; fix the export or the mapping (segment inspect shows it), or raise --max-reject-rate`,
    );
  }

  if (options.rejectsFile !== undefined) {
    await writeRejects(options.rejectsFile, ctx.engine, readers, inputs, options.withholdPersonal === true);
  }
  const attributeNames = [...new Set(inputs.flatMap((i) => i.attributes.map((a) => a.name)))];
  return {
    inputs,
    total,
    currency: settled.currency,
    warnings,
    ...(failure ? { failure } : {}),
    attributeNames,
  };
}


/** A reader error type in words. */
function malformedReason(type: string, fields: number): string {
  const t = type.toUpperCase();
  if (t.includes('MISSING COLUMNS')) return `malformed row: fewer fields than the header's ${fields}`;
  if (t.includes('TOO MANY COLUMNS')) return `malformed row: more fields than the header's ${fields}`;
  if (t.includes('UNQUOTED') || t.includes('QUOTE')) return 'malformed row: a quote that is not closed or stray text after a quoted field';
  if (t.includes('LINE SIZE')) return 'malformed row: a line longer than 8 MB';
  if (t.includes('UNICODE') || t.includes('ENCODING')) return 'malformed row: not valid UTF-8';
  return `malformed row (${type.toLowerCase()})`;
}

/** Fields whose values are numbers, dates or codes, never personal data. */
const NON_PERSONAL_FIELDS: ReadonlySet<FieldName | undefined> = new Set<FieldName>(['date', 'amount', 'quantity', 'unit_price', 'margin', 'cost', 'currency', 'credit', 'debit', 'due_date', 'paid_date', 'status', 'stage']);

/** Writes every rejected row: file, line, column, reason, then the row's own fields. */
async function writeRejects(
  path: string,
  engine: Engine,
  readers: readonly { reader: InputReader; planned: Planned }[],
  inputs: readonly InputReport[],
  withhold: boolean,
): Promise<void> {
  const out: string[] = ['file,line,column,reason,value,record'];
  const WITHHELD = '(withheld: --pseudonymize)';
  for (let k = 0; k < readers.length; k++) {
    const { reader, planned } = readers[k]!;
    const input = inputs[k]!;
    // Rows the reader refused: malformed, or a typed column's value that did not convert.
    const refused = input.rows.rejected > 0 ? await engine.malformedRows(reader.id) : [];
    if (refused.length > 0) {
      const lines = await findLines(reader.path, reader.gzip, reader.dialect, [], refused.map((m) => m.bytePosition));
      for (const m of refused) {
        const field = m.index === null ? undefined : planned.plan.fields.find((f) => f.index === m.index);
        const rule = field ? planned.info[planned.plan.rules.findIndex((r) => r.rule === 'invalid' && r.field === field.field)] : undefined;
        out.push(
          [
            input.file,
            lines.byBytePosition.get(m.bytePosition) ?? m.line,
            rule?.column ?? '',
            rule ? rule.reason : malformedReason(m.type, reader.dialect.columns.length),
            rule ? m.error : '',
            withhold ? WITHHELD : m.text,
          ]
            .map(csvCell)
            .join(','),
        );
      }
    }
    const rejectRules = input.rows.rejectedByReason.length > 0 ? planned.info.map((info, i) => (info.category === 'rejected' ? i : -1)).filter((i) => i >= 0) : [];
    if (rejectRules.length === 0) continue;
    const records = await engine.rejectedRecords(reader, planned.plan, rejectRules, 1_000_000);
    const lines = await findLines(reader.path, reader.gzip, reader.dialect, records.map((r) => r.ordinal), []);
    for (const r of records) {
      const info = planned.info[r.rule]!;
      const col = planned.columns.find((c) => c.name === info.column);
      const value = col ? r.fields[col.index] ?? null : null;
      const record = withhold ? WITHHELD : r.fields.map((f) => csvCell(f)).join(reader.dialect.type === 'delimited' ? reader.dialect.delimiter : ' ');
      const shown = withhold && !NON_PERSONAL_FIELDS.has(col ? input.columns.find((c) => c.index === col.index)?.field : undefined) ? null : value;
      out.push([input.file, lines.byOrdinal.get(r.ordinal) ?? null, info.column ?? '', info.reason, shown, record].map(csvCell).join(','));
    }
  }
  writeFileAtomically(path, [out.join('\n'), '\n'], '--rejects');
}

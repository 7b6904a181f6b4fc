/**
 * Reading a CRM deals export (or a prospects export) with the machinery transactions are read
 * with: the source opened and transcoded, the dialect sniffed, each date and number column's
 * convention decided from all of its values, every row read by the engine's CSV reader. Then each
 * row is a deal, or rejected with its line and reason: nothing is lost silently.
 */
import { DataError, UsageError, quote } from '../../kernel/errors.js';
import type { ColumnProfile, ProfileRequest, TableReader } from './duckdb/engine.js';
import { formatInt, plural } from '../../kernel/text.js';
import type { TempDir } from '../../kernel/tempdir.js';
import { decideDateOrder, decideDecimalStyle, describeDateOrder, type DateOrder, type DecimalStyle } from './decide.js';
import { DEAL_FIELDS, dealOutcome, mapDealColumns, type DealColumn, type DealFieldName, type DealMapping, type DealOverrides, type Outcome } from './deal-fields.js';
import { parseDateValue, parseNumberValue } from './deal-values.js';
import { sniffDialect, type Dialect } from './dialect.js';
import { findLines } from './lines.js';
import { openSource } from './input-file.js';

export interface Deal {
  readonly line: number;
  readonly id: string | null;
  /** The company key as keys are read (`17850.0` is `17850`); null when the export has only names or the cell is empty. */
  readonly company: string | null;
  /** Null when the export has no name column or the cell is empty: a deal without a company is kept. */
  readonly companyName: string | null;
  readonly stage: string | null;
  readonly outcome: Outcome;
  readonly created: string | null;
  readonly closed: string | null;
  readonly amount: number | null;
  readonly channel: string | null;
  readonly category: string | null;
  readonly activities: number | null;
  readonly owner: string | null;
  /** The portrait fields: every column no deal field claimed, by header name; null when empty. */
  readonly attributes: Readonly<Record<string, string | null>>;
}

export interface DealReject {
  readonly line: number | null;
  readonly column: string | null;
  readonly reason: string;
  readonly value: string | null;
}

export interface DealsRead {
  readonly file: string;
  readonly encoding: string;
  readonly delimiter: string;
  readonly columns: readonly { readonly name: string; readonly field: DealFieldName | null; readonly why: string; readonly convention: string | null }[];
  readonly attributeNames: readonly string[];
  readonly deals: readonly Deal[];
  readonly rows: { readonly read: number; readonly used: number; readonly rejected: number; readonly byReason: readonly { reason: string; column: string | null; rows: number; examples: readonly DealReject[] }[] };
  readonly rejects: readonly DealReject[];
  readonly notes: readonly string[];
}

export interface DealReadOptions {
  /** `deals` needs a stage or status column; `prospects` only a company. */
  readonly mode: 'deals' | 'prospects';
  readonly overrides: DealOverrides;
  readonly label: string;
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly skip?: number;
  readonly decimal?: Exclude<DecimalStyle, 'none'>;
  readonly dateOrder?: DateOrder;
  /** A fraction: 0.01 is 1%. */
  readonly maxRejectRate: number;
}

type Conventions = Map<DealFieldName, { reading: DecimalStyle | DateOrder; convention: string }>;

/**
 * A date field found by its header must hold dates: the header is a hint, the values decide. A
 * column most of whose values are no date (`Created` holding user names) is no date field; it is
 * read as a portrait column, and a note says so. A few bad dates in a date column are rejected
 * row by row instead.
 */
type Dropped = { readonly column: DealColumn; readonly example: string | null };

function notDates(profile: { columns: readonly ColumnProfile[] }, dates: readonly DealColumn[], overrides: DealOverrides): Dropped[] {
  return dates.flatMap((f) => {
    const p = profile.columns.find((c) => c.index === f.index);
    if (!p || p.nonEmpty === 0 || overrides[f.field] !== undefined) return [];
    const dated = p.nonEmpty - p.date.invalid - p.date.pending;
    return dated > p.date.invalid ? [] : [{ column: f, example: p.date.invalidExample ?? null }];
  });
}

async function decideConventions(
  tables: TableReader,
  reader: Parameters<TableReader['profile']>[0],
  all: Partial<Record<DealFieldName, DealColumn>>,
  options: DealReadOptions,
): Promise<{ conventions: Conventions; dropped: Dropped[] }> {
  const found = Object.values(all).filter((f) => DEAL_FIELDS[f.field].type === 'date' || DEAL_FIELDS[f.field].type === 'number');
  const requests: ProfileRequest[] = found.map((f) => ({ index: f.index, as: DEAL_FIELDS[f.field].type === 'date' ? 'date' : 'number' }));
  const out: Conventions = new Map();
  if (requests.length === 0) return { conventions: out, dropped: [] };
  const profile = await tables.profile(reader, requests, undefined, undefined);
  const dropped = notDates(profile, found.filter((f) => DEAL_FIELDS[f.field].type === 'date'), options.overrides);
  const typed = found.filter((f) => !dropped.some((d) => d.column.index === f.index));
  const dates = typed.filter((f) => DEAL_FIELDS[f.field].type === 'date');
  // The date columns of one export share their order: evidence in one settles the others.
  let shared: DateOrder | undefined = options.dateOrder;
  const undecided: string[] = [];
  for (const f of dates) {
    if (shared !== undefined) break;
    const p = profile.columns.find((c) => c.index === f.index)!;
    const d = decideDateOrder({ nonEmpty: p.nonEmpty, ...p.date });
    if (d.status === 'decided' && p.nonEmpty > 0) shared = d.value;
    else if (p.nonEmpty > 0) undecided.push(`column '${f.column}' (${DEAL_FIELDS[f.field].describe}): ${d.evidence}`);
  }
  if (shared === undefined && undecided.length > 0) {
    throw new DataError(`${options.label}: ${undecided[0]}; pass --date-format dd.mm.yyyy or --date-format mm/dd/yyyy${options.label.startsWith('--') ? ' (in the deals map file: "dateFormat")' : ''}`);
  }
  for (const f of dates) out.set(f.field, { reading: shared ?? 'iso', convention: describeDateOrder(shared ?? 'iso') });
  for (const f of typed.filter((t) => DEAL_FIELDS[t.field].type === 'number')) {
    if (options.decimal !== undefined) {
      out.set(f.field, { reading: options.decimal, convention: `decimal ${options.decimal === 'dot' ? 'point' : 'comma'}` });
      continue;
    }
    const p = profile.columns.find((c) => c.index === f.index)!;
    const d = decideDecimalStyle({ nonEmpty: p.nonEmpty, ...p.number });
    if (d.status === 'undecided') throw new DataError(`${options.label}: column '${f.column}' (${DEAL_FIELDS[f.field].describe}): ${d.evidence}; pass --decimal dot or --decimal comma`);
    out.set(f.field, { reading: d.value, convention: d.value === 'none' ? 'whole numbers' : `decimal ${d.value === 'dot' ? 'point' : 'comma'}` });
  }
  return { conventions: out, dropped };
}

function requireColumns(fields: Partial<Record<DealFieldName, DealColumn>>, headers: readonly string[], options: DealReadOptions): void {
  const cols = headers.map((h) => `'${h}'`).join(', ');
  if (!fields.company && !fields.company_name) {
    throw new DataError(`${options.label}: no company column found (columns are ${cols}); name it in a map file: {"columns": {"company": "…"}}`);
  }
  if (options.mode === 'deals' && !fields.stage && !fields.status) {
    throw new DataError(`${options.label}: no stage or won/lost column found (columns are ${cols}); name it in a map file: {"columns": {"stage": "…"}}`);
  }
}

type Fields = Partial<Record<DealFieldName, DealColumn>>;


/** One row as a deal, or the reason it is rejected (the first value that does not read). */
function rowToDeal(
  r: { readonly key: string | null; readonly fields: readonly (string | null)[] },
  fields: Fields,
  others: DealMapping['others'],
  conventions: Conventions,
  mode: DealReadOptions['mode'],
): { deal: Omit<Deal, 'line'> } | { reject: Omit<DealReject, 'line'> } {
  const text = (f: DealFieldName): string | null => {
    const c = fields[f];
    const v = c ? r.fields[c.index] : null;
    return v === null || v === undefined || v.trim() === '' ? null : v.trim();
  };
  const reject = (f: DealFieldName, reason: string, value: string | null) => ({ reject: { column: fields[f]?.column ?? null, reason, value } });
  const values: Partial<Record<DealFieldName, number | string | null>> = {};
  for (const f of ['created', 'closed', 'amount', 'activities'] as const) {
    const raw = text(f);
    const conv = conventions.get(f);
    if (raw === null || !conv) {
      values[f] = null;
      continue;
    }
    const isDate = DEAL_FIELDS[f].type === 'date';
    const v = isDate ? parseDateValue(raw, conv.reading as DateOrder) : parseNumberValue(raw, conv.reading as DecimalStyle);
    if (v === undefined) return reject(f, `not a ${DEAL_FIELDS[f].type} (${conv.convention})${isDate ? ' between 1900 and 2100' : ''}`, raw);
    values[f] = v;
  }
  // A deal without a company is still a deal: the audit exists to flag it, the journey counts it.
  const company = fields.company ? r.key : null;
  const companyName = text('company_name');
  const stage = text('stage');
  const status = text('status');
  const outcome = dealOutcome(status, stage);
  if (mode === 'deals' && status === null && stage === null) return reject(fields.stage ? 'stage' : 'status', 'no stage or status', null);
  if (mode === 'deals' && fields.status && !fields.stage && status !== null && outcome === undefined) return reject('status', 'not won, lost or open', status);
  const attributes: Record<string, string | null> = {};
  for (const o of others) {
    const v = r.fields[o.index];
    attributes[o.column] = v === null || v === undefined || v.trim() === '' ? null : v.trim();
  }
  return {
    deal: {
      id: text('deal'),
      company,
      companyName,
      stage,
      outcome: outcome ?? 'open',
      created: values.created as string | null,
      closed: values.closed as string | null,
      amount: values.amount as number | null,
      channel: text('channel'),
      category: text('category'),
      activities: values.activities as number | null,
      owner: text('owner'),
      attributes,
    },
  };
}

function byReason(rejects: readonly DealReject[]): DealsRead['rows']['byReason'] {
  const out = new Map<string, { reason: string; column: string | null; rows: number; examples: DealReject[] }>();
  for (const r of rejects) {
    const k = `${r.reason}\u0000${r.column ?? ''}`;
    const e = out.get(k) ?? { reason: r.reason, column: r.column, rows: 0, examples: [] };
    e.rows++;
    if (e.examples.length < 3) e.examples.push(r);
    out.set(k, e);
  }
  return [...out.values()];
}

/** The note on rejected rows, or the error when they are over the limit. */
function rejectNotes(rejects: readonly DealReject[], read: number, label: string, maxRejectRate: number): string[] {
  const first = rejects[0];
  if (!first) return [];
  const where = first.line === null ? '' : `line ${first.line}: `;
  if (rejects.length / Math.max(1, read) > maxRejectRate) {
    throw new DataError(
      `${label}:${first.line ?? ''}: ${formatInt(rejects.length)} of ${formatInt(read)} rows rejected, over the ${(maxRejectRate * 100).toFixed(1)}% limit; first: ${first.reason}${first.column ? ` in column '${first.column}'` : ''}${first.value !== null ? `, value ${quote(first.value)}` : ''}; fix the export or the map file, or raise --max-reject-rate`,
    );
  }
  return [`${plural(rejects.length, 'row')} rejected, first: ${where}${first.reason}${first.column ? ` in '${first.column}'` : ''}${first.value !== null ? ` ${quote(first.value)}` : ''}`];
}

async function openCrm(arg: string, options: DealReadOptions, temp: TempDir) {
  const source = await openSource(arg, temp, options.encoding);
  const complete = !source.gzip && source.bytes <= source.head.length;
  let dialect: Dialect;
  try {
    dialect = sniffDialect(source.display, source.head, complete, {
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      ...(options.skip !== undefined ? { skip: options.skip } : {}),
    });
  } catch (err) {
    if (err instanceof DataError) throw new DataError(`${options.label} ${err.message}`);
    throw err;
  }
  const label = `${options.label} ${source.display}`;
  const mapping = (notDates: ReadonlySet<number>): DealMapping => {
    let m: DealMapping;
    try {
      m = mapDealColumns(dialect.columns, options.overrides, 'the map file', notDates);
    } catch (err) {
      if (err instanceof DataError) throw new DataError(`${label}: ${err.message}`);
      if (err instanceof UsageError) throw new UsageError(`${label}: ${err.message}`);
      throw err;
    }
    requireColumns(m.fields, dialect.columns, { ...options, label });
    return m;
  };
  const reader = { id: 3000 + nextId++, display: source.display, path: source.readPath, gzip: source.gzip, dialect };
  return { source, dialect, label, mapping, reader };
}

/**
 * The columns mapped by header, then checked by their values: a date field that holds no dates
 * is given up and the next column named like that field is tried, until the values agree.
 */
async function mapByValues(tables: TableReader, reader: Parameters<TableReader['profile']>[0], mapping: (notDates: ReadonlySet<number>) => DealMapping, options: DealReadOptions) {
  const notDates = new Set<number>();
  const dropped: Dropped[] = [];
  for (;;) {
    const m = mapping(notDates);
    const decided = await decideConventions(tables, reader, m.fields, options);
    if (decided.dropped.length === 0) return { mapping: m, conventions: decided.conventions, dropped };
    for (const d of decided.dropped) notDates.add(d.column.index);
    dropped.push(...decided.dropped);
  }
}

/**
 * The columns a deals export is read by as a sales file, when one file is given as both (its won
 * deals are the sales): the company as the customer, the deal amount, the close date as the
 * sale's date, and the won/lost status (else the stage) that keeps only won deals. By header,
 * as the deals are mapped; the sales reading then checks their values as it checks any column.
 */
export async function dealSalesColumns(arg: string, options: DealReadOptions, temp: TempDir): Promise<{ customer?: string; amount?: string; date?: string; stage?: string }> {
  const { mapping } = await openCrm(arg, options, temp);
  const f = mapping(new Set()).fields;
  const customer = (f.company ?? f.company_name)?.column;
  const stage = (f.status ?? f.stage)?.column;
  return {
    ...(customer !== undefined ? { customer } : {}),
    ...(f.amount ? { amount: f.amount.column } : {}),
    ...(f.closed ? { date: f.closed.column } : {}),
    ...(stage !== undefined ? { stage } : {}),
  };
}

/**
 * With no column named like the created date, the columns no field claimed whose every value is a
 * date: named in a note with the map file that settles it, never taken on a guess (a close,
 * expected-close or last-activity date looks the same).
 */
async function unnamedDates(tables: TableReader, reader: Parameters<TableReader['profile']>[0], mapping: DealMapping, mode: DealReadOptions['mode']): Promise<string[]> {
  if (mode !== 'deals' || mapping.fields.created || mapping.others.length === 0) return [];
  const profile = await tables.profile(reader, mapping.others.map((o) => ({ index: o.index, as: 'date' as const })), undefined, undefined);
  const dated = mapping.others.filter((o) => {
    const p = profile.columns.find((c) => c.index === o.index);
    return p !== undefined && p.nonEmpty > 0 && p.date.invalid === 0 && p.date.pending === 0;
  });
  if (dated.length === 0) return [];
  return [`no column is named like the created date; ${dated.map((d) => `'${d.column}'`).join(', ')} ${dated.length === 1 ? 'holds' : 'hold'} dates: if one is the created date, name it in a map file: {"columns": {"created": "${dated[0]!.column}"}}`];
}

/** Reads a deals or prospects export; throws a DataError when too many rows are rejected. */
export async function readCrmFile(arg: string, options: DealReadOptions, tables: TableReader, temp: TempDir): Promise<DealsRead> {
  const opened = await openCrm(arg, options, temp);
  const { source, dialect, label, reader } = opened;
  const { mapping, conventions, dropped } = await mapByValues(tables, reader, opened.mapping, { ...options, label });
  const fields = mapping.fields;
  const table = await tables.readTable(reader, (fields.company ?? fields.company_name)!.index);
  const results = table.rows.map((r) => rowToDeal(r, fields, mapping.others, conventions, options.mode));

  // Line numbers: every row's, since deals are listed by line (audit) and rejects must have one.
  const refused = table.refusedPositions ?? [];
  const lines = await findLines(reader.path, reader.gzip, dialect, table.rows.map((_, i) => i), refused);
  const lineOf = (ordinal: number): number => lines.byOrdinal.get(ordinal) ?? dialect.headerLine + 1 + ordinal;
  const rejects: DealReject[] = [
    ...refused.map((p) => ({ line: lines.byBytePosition.get(p) ?? null, column: null, reason: `malformed row (not ${dialect.columns.length} fields)`, value: null })),
    ...results.flatMap((x, i) => ('reject' in x ? [{ line: lineOf(i), ...x.reject }] : [])),
  ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const deals = results.flatMap((x, i) => ('deal' in x ? [{ line: lineOf(i), ...x.deal }] : []));
  const read = table.rows.length + refused.length;
  const notes = [
    ...(await unnamedDates(tables, reader, mapping, options.mode)),
    ...dropped.map((d) => `column '${d.column.column}' is named like the ${DEAL_FIELDS[d.column.field].describe} but holds no dates${d.example ? ` (like ${quote(d.example)})` : ''}: read as a portrait column; if it is the ${DEAL_FIELDS[d.column.field].describe}, name it in a map file: {"columns": {"${d.column.field}": "${d.column.column}"}}`),
    ...rejectNotes(rejects, read, label, options.maxRejectRate),
  ];
  const fieldOf = new Map(Object.values(fields).map((f) => [f.index, f]));
  return {
    file: source.display,
    encoding: source.encoding,
    delimiter: dialect.type === 'delimited' ? dialect.delimiter : 'whitespace',
    columns: dialect.columns.map((name, i) => {
      const f = fieldOf.get(i);
      return { name, field: f?.field ?? null, why: f?.reason ?? 'portrait field', convention: f ? (conventions.get(f.field)?.convention ?? null) : null };
    }),
    attributeNames: mapping.others.map((o) => o.column),
    deals,
    rows: { read, used: deals.length, rejected: rejects.length, byReason: byReason(rejects) },
    rejects,
    notes,
  };
}

let nextId = 0;

/**
 * The plan of one input: which column is which field, how each is read, the row rules in the order
 * they are tried, and the attribute columns. Decided from the header and a profile of the values.
 */

import { DataError, UsageError } from '../../kernel/errors.js';
import { formatInt } from '../../kernel/text.js';
import type { ColumnProfile, Engine, InputReader, ProfileRequest, StagePlan } from './duckdb/engine.js';
import { tooWide } from './too-wide.js';
import type { Dialect } from './dialect.js';
import { FIELDS, type FieldName } from './fields.js';
import { planDirection, signedCreditColumn } from './direction-plan.js';
import { missingDecisionsError, missingFields } from './missing.js';
import { counterpartyCandidates, firstWithNames, holdsNames } from './counterparty.js';
import { PREFIXED, ambiguityError, detectKind, mapColumns, requireFields, type ColumnMapping, type Kind, type Mapping } from './mapping.js';
import type { ColumnReport, ReadOptions } from './read-result.js';
import { decideConventions } from './column-decisions.js';
import type { FieldMap } from './mapping.js';
import { rowRules, type RuleInfo } from './row-rules.js';
import { columnRoles } from './column-roles.js';
import { fieldReadings } from './field-readings.js';
import { bankKindByValues, fieldsFromValues, ownAccountColumn, type Questions } from './plan-values.js';
import { statusWords } from './status-values.js';

const DEFAULT_SAMPLE = 50_000;
/**
 * The columns no field claims that are profiled as attribute candidates, in file order: the others
 * are ignored, said per column, so that time and memory do not grow with columns a run does not use.
 */
export const MAX_ATTRIBUTE_CANDIDATES = 100;

export interface Planned {
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

/** Whether a column's values fit a field's type: most values read as numbers, dates or codes. */
function fits(type: string, p: ColumnProfile | undefined): boolean {
  if (!p || p.nonEmpty === 0) return false;
  if (type === 'number') return p.number.integer + p.number.dot + p.number.comma + p.number.ambiguous >= p.nonEmpty / 2;
  if (type === 'date') return p.nonEmpty - p.date.invalid >= p.nonEmpty / 2;
  if (type === 'currency') return p.currencyLike >= p.nonEmpty * 0.9;
  if (type === 'name') return p.nameLike >= p.nonEmpty / 2;
  if (type === 'status') return statusWords(p.topValues.map((v) => v.value)).length > 0;
  return true;
}

function statusExample(p: ColumnProfile | undefined): string {
  return statusWords(p?.topValues.map((v) => v.value) ?? []).slice(0, 3).map((v) => `'${v}'`).join(', ');
}

function withFields(mapping: Mapping, fields: FieldMap): Mapping {
  return { ...mapping, fields };
}

export async function planInput(
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
  const wide = tooWide(display, headers.length);
  if (wide) throw wide;
  let mapping: Mapping;
  try {
    mapping = mapColumns(headers, options.overrides, options.columns !== undefined && dialect.headerLine === 0);
  } catch (err) {
    if (err instanceof DataError) throw new DataError(`${display}: ${err.message}`);
    if (err instanceof UsageError) throw new UsageError(`${display}: ${err.message}`);
    throw err;
  }
  const own = await ownAccountColumn(engine, reader, mapping, options);
  if (own) mapping = own.mapping;
  const detected = (detectKind(mapping).reason === 'default' ? await bankKindByValues(engine, reader, mapping, options) : undefined) ?? detectKind(mapping);
  const kind = options.kind ?? detected.kind;
  const kindReason = options.kind ? 'option --kind' : detected.reason;
  const notes = [...mapping.notes, ...(own ? [own.note] : [])];
  const fields: FieldMap = { ...mapping.fields };
  // Columns of one name are read as Name, Name_2. A currency column beside the amount is the
  // amount's (German ING: `Saldo;Währung;Betrag;Währung`); another field is asked for by name.
  for (const dup of dialect.duplicates ?? []) {
    const used = Object.values(fields).find((m) => m !== undefined && dup.columns.includes(m.index + 1));
    if (!used || used.reason.startsWith('option') || used.reason === 'map file') continue;
    const copies = dup.columns.map((c) => headers[c - 1]!);
    if (used.field === 'currency') continue;
    const option = FIELDS[used.field].option;
    throw new DataError(
      `${reader.display}: the header names '${dup.name}' ${dup.columns.length} times (columns ${dup.columns.join(' and ')}, read as ${copies.map((c) => `'${c}'`).join(' and ')}), and one of them would be the ${FIELDS[used.field].describe}; name the one to use with ${copies.map((c) => `--${option} '${c}'`).join(' or ')}`,
    );
  }
  const fail = (err: unknown): never => {
    if (err instanceof DataError) throw new DataError(`${display}: ${err.message}`);
    if (err instanceof UsageError) throw new UsageError(`${display}: ${err.message}`);
    throw err;
  };

  // Outside bank statements, text and name columns are attribute candidates like any other.
  const otherColumns: { column: string; index: number }[] = mapping.others.slice(0, MAX_ATTRIBUTE_CANDIDATES);
  const notProfiled = new Set(mapping.others.slice(MAX_ATTRIBUTE_CANDIDATES).map((o) => o.index));
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
    // Two bank texts are asked about only if no column names the counterparty (below).
    if (t !== 'number' && t !== 'date' && t !== 'currency' && f !== 'counterparty' && f !== 'status' && !(f === 'text' && kind === 'bank')) fail(ambiguityError(candidates));
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
    return f === 'counterparty' || (f === 'text' && kind === 'bank') ? 'name' : 'plain';
  };
  const requests = new Map<number, ProfileRequest>();
  const request = (m: ColumnMapping): void => {
    requests.set(m.index, { index: m.index, as: m.field === 'order' ? 'number' : typeOf(m.field) });
  };
  for (const m of Object.values(fields)) if (FIELDS[m.field].type !== 'ignored') request(m);
  for (const candidates of Object.values(ambiguous)) candidates.forEach(request);
  // A bank statement's other columns may name the counterparty: their name shapes are counted (in
  // the first 256 of a very wide file; the exact distinct count is a hash per column).
  otherColumns.forEach((o, k) => {
    if (!requests.has(o.index)) requests.set(o.index, { index: o.index, as: kind === 'bank' && k < 256 ? 'name' : 'plain' });
  });
  // Where the payer's name may be instead, when a column named like it holds none.
  const partyCandidates = kind === 'bank' ? counterpartyCandidates(otherColumns, releasedText) : [];
  for (const c of partyCandidates) requests.set(c.index, { index: c.index, as: 'name' });
  const keyIndex = (fields.customer ?? fields.counterparty ?? fields.text ?? ambiguous.counterparty?.[0])?.index;
  let sample = await engine.profile(reader, [...requests.values()], keyIndex, options.sampleRows ?? DEFAULT_SAMPLE);
  const byIndex = new Map(sample.columns.map((c) => [c.index, c]));

  // A name that only ends in a field's synonym (`tran_amount`) is taken when its values fit.
  for (const f of ['date', 'amount'] as const) {
    const m = fields[f];
    if (!m?.reason.startsWith(PREFIXED)) continue;
    const p = byIndex.get(m.index);
    if (fits(FIELDS[f].type, p)) {
      const fitting = f === 'date' ? p!.nonEmpty - p!.date.invalid : p!.number.integer + p!.number.dot + p!.number.comma + p!.number.ambiguous;
      fields[f] = { ...m, reason: `${m.reason}, and ${fitting} of ${p!.nonEmpty} values are ${f === 'date' ? 'dates' : 'numbers'}` };
      continue;
    }
    delete fields[f];
    otherColumns.push({ column: m.column, index: m.index });
    notes.push(`${FIELDS[f].describe}: '${m.column}' ends in a synonym, but its values are not ${f === 'date' ? 'dates' : 'numbers'}: not used`);
  }

  const pending: Questions = new Map();
  const useParty = (chosen: ColumnMapping, passed: readonly ColumnMapping[]): void => {
    fields.counterparty = chosen;
    const at = otherColumns.findIndex((o) => o.index === chosen.index);
    if (at >= 0) otherColumns.splice(at, 1);
    notes.push(`counterparty: '${chosen.column}' is used (${chosen.reason}); ${passed.map((m) => `'${m.column}'`).join(', ')} also fit${passed.length === 1 ? 's' : ''} by name, but hold${passed.length === 1 ? 's' : ''} no names`);
  };
  let texts: readonly ColumnMapping[] = [];
  for (const [f, candidates] of Object.entries(ambiguous) as [FieldName, readonly ColumnMapping[]][]) {
    if (f === 'text') {
      texts = candidates;
      continue;
    }
    const fitting = candidates.filter((m) => fits(f === 'counterparty' ? 'name' : f === 'status' ? 'status' : FIELDS[f].type, byIndex.get(m.index)));
    if (f === 'counterparty' && fitting.length === 0) {
      const other = firstWithNames(partyCandidates, byIndex, new Set(candidates.map((m) => m.index)), sample.rows);
      if (other) {
        useParty(other, candidates);
        continue;
      }
      fail(new DataError(`columns ${candidates.map((m) => `'${m.column}'`).join(' and ')} look like the counterparty by their names, but hold no names, and no other column does; name the column with the payers' names with --counterparty COL, or the bank text with --text COL`));
    }
    if (fitting.length !== 1) {
      // Asked with every other missing decision, so that one run's fixes are all there is to do.
      if (f === 'date' || f === 'amount' || f === 'currency') {
        pending.set(f, ambiguityError(fitting.length > 1 ? fitting : candidates).message);
        continue;
      }
      fail(ambiguityError(fitting.length > 1 ? fitting : candidates));
    }
    const chosen = fitting[0]!;
    fields[f] = chosen;
    const others = candidates.filter((m) => m !== chosen).map((m) => `'${m.column}'`).join(', ');
    if (f === 'status') {
      const passed = candidates.filter((m) => m !== chosen).map((m) => `'${m.column}' (like ${byIndex.get(m.index)?.topValues[0]?.value ?? 'nothing'})`).join(', ');
      notes.push(`${FIELDS[f].describe}: '${chosen.column}' is used: its values are status words (${statusExample(byIndex.get(chosen.index))}); ${passed} also fits by name, but holds none`);
      continue;
    }
    const kindOfValue = f === 'counterparty' ? 'names' : FIELDS[f].type === 'currency' ? 'currency codes' : `${FIELDS[f].type}s`;
    notes.push(`${FIELDS[f].describe}: '${chosen.column}' is used; ${others} also fits by name, but its values are not ${kindOfValue}`);
  }
  const party = fields.counterparty;
  if (kind === 'bank' && party && !party.reason.startsWith('option') && party.reason !== 'map file' && !holdsNames(byIndex.get(party.index))) {
    const other = firstWithNames(partyCandidates, byIndex, new Set([party.index]), sample.rows);
    if (other) {
      otherColumns.push({ column: party.column, index: party.index });
      useParty(other, [party]);
    }
  }
  const signed = signedCreditColumn(fields, byIndex);
  if (signed) notes.push(signed);
  let questions: Questions = new Map();
  try {
    ({ sample, questions } = await fieldsFromValues({ engine, reader, headers, duplicates: dialect.duplicates ?? [], headerCurrency: mapping.headerCurrency, kind, fields, options, sampleRows: DEFAULT_SAMPLE, otherColumns, requests, byIndex, notes }, sample));
  } catch (err) {
    fail(err);
  }
  for (const [f, q] of pending) if (!questions.has(f)) questions.set(f, q);
  if (texts.length > 0) {
    // With the counterparty's names in a column of their own, the bank text is not needed.
    if (fields.counterparty || fields.customer) {
      otherColumns.push(...texts.map((m) => ({ column: m.column, index: m.index })));
      notes.push(`bank text: ${texts.map((m) => `'${m.column}'`).join(' and ')} both look like it, and neither is needed: the counterparty is '${(fields.counterparty ?? fields.customer)!.column}'`);
    } else if (!questions.has('customer')) questions.set('customer', ambiguityError(texts).message);
  }
  const direction = planDirection(fields, byIndex, options.overrides.direction !== undefined, sample.rows);
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
  if (missingFields(fields, kind).length > 0 || questions.size > 0) {
    // Every missing decision at once, each suggestion checked against the values.
    const all = headers.map((_, i) => i).filter((i) => !notProfiled.has(i));
    const shapes = async (as: ProfileRequest['as']): Promise<Map<number, ColumnProfile>> =>
      new Map((await engine.profile(reader, all.map((index) => ({ index, as })), undefined, options.sampleRows ?? DEFAULT_SAMPLE)).columns.map((c) => [c.index, c]));
    const error = missingDecisionsError(display, headers, kind, fields, encoding, { number: await shapes('number'), date: await shapes('date'), name: await shapes('name') }, questions);
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

  const decisions = await decideConventions({ engine, reader, fields, valueFields, sample, requests, options, notes });
  require();
  const decisionOf = new Map(decisions.filter((d) => d.drop === undefined).map((d) => [d.field, d]));

  const { readings, embeddedCurrency, amountProfile } = fieldReadings({ display, dialect, kind, fields, mapping, byIndex, decisionOf, options, direction: direction.reading });

  const { rules, info, conversion } = rowRules({ dialect, kind, fields, byIndex, labelColumns, decisionOf, options, currency, readings, embeddedCurrency, notes });

  const { attributes, columns } = columnRoles({ headers, fields, mapping, otherColumns, byIndex, sample, decisionOf, rules, notProfiled });
  if (notProfiled.size > 0) notes.push(`${formatInt(notProfiled.size)} columns are not looked at: only the first ${MAX_ATTRIBUTE_CANDIDATES} columns that are no field are attribute candidates`);

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

/**
 * Fills the fields no header named from what the columns hold (./value-roles.ts,
 * ./counterparty.ts): the transaction date, the currency column, the debit/credit flag and a bank
 * statement's counterparty. Each choice goes into the mapping with its evidence as the reason, so
 * that `inspect` shows it; a tie between two columns is an error naming the option.
 */
import type { ColumnProfile, Engine, InputProfile, InputReader, ProfileRequest } from './duckdb/engine.js';
import { DataError } from '../../kernel/errors.js';
import { partyByValues } from './counterparty.js';
import type { FieldName } from './fields.js';
import type { ColumnMapping, FieldMap, Kind, Mapping } from './mapping.js';
import type { ReadOptions } from './read-result.js';
import { currencyColumnByValues, dateColumnByValues, flagColumnByValues, holdsCurrencyCodes, type Column } from './value-roles.js';

export interface ValueContext {
  readonly engine: Engine;
  readonly reader: InputReader;
  readonly headers: readonly string[];
  /** Header names given to several columns (1-based positions), read as Name, Name_2. */
  readonly duplicates: readonly { readonly name: string; readonly columns: readonly number[] }[];
  readonly kind: Kind;
  /** The currency the amount column's header names, if any. */
  readonly headerCurrency: string | undefined;
  readonly fields: FieldMap;
  readonly options: ReadOptions;
  readonly sampleRows: number;
  /** The columns that are attribute candidates; a column given a role leaves them. */
  readonly otherColumns: { column: string; index: number }[];
  readonly requests: Map<number, ProfileRequest>;
  readonly byIndex: Map<number, ColumnProfile>;
  readonly notes: string[];
}

/** The questions the values leave open (two columns equally plausible), by the field they are about. */
export type Questions = Map<'date' | 'amount' | 'currency' | 'direction' | 'customer', string>;

/**
 * Fills date, currency, direction and counterparty from values; returns the sample with any
 * re-profiled column, and the questions to ask (all at once, with the other missing decisions).
 */
export async function fieldsFromValues(x: ValueContext, sample: InputProfile): Promise<{ sample: InputProfile; questions: Questions }> {
  const questions: Questions = new Map();
  const asking = <T>(about: 'date' | 'currency' | 'direction' | 'customer', decide: () => T): T | undefined => {
    try {
      return decide();
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      questions.set(about, err.message);
      return undefined;
    }
  };
  const { fields, options, byIndex } = x;
  const overridden = (f: FieldName): boolean => x.options.overrides[f] !== undefined;
  const free = (): Column[] => {
    const taken = new Set(Object.values(fields).map((m) => m.index));
    return x.headers.map((column, index) => ({ column, index })).filter((c) => !taken.has(c.index));
  };
  const take = (field: FieldName, c: { column: string; index: number; evidence: string }, as: ProfileRequest['as']): void => {
    fields[field] = { field, column: c.column, index: c.index, reason: c.evidence } satisfies ColumnMapping;
    const at = x.otherColumns.findIndex((o) => o.index === c.index);
    if (at >= 0) x.otherColumns.splice(at, 1);
    x.requests.set(c.index, { index: c.index, as });
  };
  let profile = sample;
  const replace = (p: ColumnProfile): void => {
    byIndex.set(p.index, p);
    profile = { ...profile, columns: [...profile.columns.filter((c) => c.index !== p.index), p] };
  };

  if (!fields.date && !overridden('date')) {
    const candidates = free();
    if (candidates.length > 0) {
      const dates = await x.engine.profile(x.reader, candidates.map((c) => ({ index: c.index, as: 'date' })), undefined, options.sampleRows ?? x.sampleRows);
      const byDate = new Map(dates.columns.map((c) => [c.index, c]));
      const chosen = asking('date', () => dateColumnByValues(candidates, byDate));
      if (chosen) {
        take('date', chosen, 'date');
        replace(byDate.get(chosen.index)!);
      }
    }
  }
  // A currency written into the amount's header (`Betrag (EUR)`) is the amount's: a column of codes
  // beside it is another amount's (N26's `Fremdwährung`).
  if (!fields.currency && !overridden('currency') && x.headerCurrency === undefined) {
    const chosen = asking('currency', () => currencyColumnByValues(free(), byIndex, fields.amount?.index));
    if (chosen) {
      take('currency', chosen, 'currency');
      // Every value was checked to be a code above: the column reads as currency codes.
      const p = byIndex.get(chosen.index)!;
      replace({ ...p, currencyLike: p.nonEmpty });
    }
  }
  besideAmount(x, take, replace);
  const hasAmount = fields.amount !== undefined || (fields.quantity !== undefined && fields.unit_price !== undefined);
  if (!fields.direction && !overridden('direction') && hasAmount) {
    const amountProfile = fields.amount ? byIndex.get(fields.amount.index) : undefined;
    const unsigned = amountProfile !== undefined && amountProfile.nonEmpty > 0 && amountProfile.number.negative === 0;
    const chosen = asking('direction', () => flagColumnByValues(free(), byIndex, x.kind !== 'bank', { rows: profile.rows, unsigned }));
    if (chosen) take('direction', chosen, 'plain');
  }
  // Naming the bank text (--text) says which column is the text, not that it names the payers.
  const partyGiven = overridden('customer') || overridden('counterparty');
  if (x.kind === 'bank' && !fields.counterparty && !fields.customer && !partyGiven) {
    const chosen = asking('customer', () => partyByValues(free(), fields.text, byIndex, profile.rows));
    if (chosen) {
      take('counterparty', chosen, 'name');
      if (fields.text) x.notes.push(`counterparty: '${chosen.column}' is used, not the bank text '${fields.text.column}': ${chosen.evidence}`);
    }
  }
  return { sample: profile, questions };
}

/**
 * Of two currency columns of one name (German ING: `Saldo;Währung;Betrag;Währung`), the amount's is
 * the copy right after the amount column.
 */
function besideAmount(x: ValueContext, take: (field: FieldName, c: { column: string; index: number; evidence: string }, as: ProfileRequest['as']) => void, replace: (p: ColumnProfile) => void): void {
  const { fields } = x;
  const cur = fields.currency;
  const amount = fields.amount;
  if (!cur || !amount || cur.reason.startsWith('option') || cur.reason === 'map file' || cur.index === amount.index + 1) return;
  const dup = x.duplicates.find((d) => d.columns.includes(cur.index + 1) && d.columns.includes(amount.index + 2));
  const beside = amount.index + 1;
  const p = x.byIndex.get(beside);
  if (!dup || !holdsCurrencyCodes(p)) return;
  x.otherColumns.push({ column: cur.column, index: cur.index });
  take('currency', { column: x.headers[beside]!, index: beside, evidence: `by position: the header names '${dup.name}' ${dup.columns.length} times; the copy right after the amount '${amount.column}' is its currency` }, 'currency');
  replace({ ...p!, currencyLike: p!.nonEmpty });
  const stale = x.notes.findIndex((n) => n.startsWith(`currency: '${cur.column}' is used`));
  if (stale >= 0) x.notes.splice(stale, 1);
}

/**
 * A customer column found by a generic name (`accountName`, `Company`) that holds one value in every
 * row, beside a text or counterparty column, names the account the export is of (a ledger's own
 * collective), not its customers: it is not used, and the kind is decided without it.
 */
export async function ownAccountColumn(engine: Engine, reader: InputReader, mapping: Mapping, options: ReadOptions): Promise<{ mapping: Mapping; note: string } | undefined> {
  const c = mapping.fields.customer;
  const party = mapping.fields.text ?? mapping.fields.counterparty ?? mapping.ambiguous.text?.[0] ?? mapping.ambiguous.counterparty?.[0];
  if (c?.reason.startsWith('secondary synonym') !== true || !party || options.kind !== undefined) return undefined;
  const p = (await engine.profile(reader, [{ index: c.index, as: 'plain' }], undefined, options.sampleRows ?? 50_000)).columns[0];
  if (!p || p.nonEmpty < 3 || p.distinct !== 1) return undefined;
  const { customer: _, ...fields } = mapping.fields;
  const value = p.topValues[0]?.value ?? '';
  return {
    mapping: { ...mapping, fields, others: [...mapping.others, { column: c.column, index: c.index }] },
    note: `customer: '${c.column}' holds one value ('${value}') in all ${p.nonEmpty} rows: the account the export is of, not its customers; not used (name it with --customer '${c.column}' if it is)`,
  };
}

/**
 * An export with no customer column and no bank column by name is a bank statement when its values
 * say so: a column holds a debit/credit flag pair beside an amount (ING NL's `Af Bij`: Af / Bij). The
 * kind and its evidence, or undefined.
 */
export async function bankKindByValues(engine: Engine, reader: InputReader, mapping: Mapping, options: ReadOptions): Promise<{ kind: Kind; reason: string } | undefined> {
  const f = mapping.fields;
  if (options.kind !== undefined || f.customer || !(f.amount || (f.credit && f.debit))) return undefined;
  const columns: Column[] = [...mapping.others, ...(f.direction ? [{ column: f.direction.column, index: f.direction.index }] : [])];
  if (columns.length === 0) return undefined;
  const sample = await engine.profile(reader, columns.map((c) => ({ index: c.index, as: 'plain' })), undefined, options.sampleRows ?? 50_000);
  const byIndex = new Map(sample.columns.map((c) => [c.index, c]));
  try {
    const flag = flagColumnByValues(columns, byIndex, true);
    if (flag) return { kind: 'bank', reason: `no customer column, and the values of '${flag.column}' are debit/credit flags (${flag.evidence.replace(/^[^:]*: /, '')}): a bank statement` };
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
  }
  return f.credit && f.debit ? creditAndDebit(engine, reader, f.credit, f.debit, options) : undefined;
}

/**
 * Money in and money out in two columns of numbers, filled on different rows (KBC's `credit` and
 * `debet`): a statement of an account. Only as many values in both together as there are rows.
 */
async function creditAndDebit(engine: Engine, reader: InputReader, credit: ColumnMapping, debit: ColumnMapping, options: ReadOptions): Promise<{ kind: Kind; reason: string } | undefined> {
  const sample = await engine.profile(reader, [credit, debit].map((c) => ({ index: c.index, as: 'number' })), undefined, options.sampleRows ?? 50_000);
  const [c, d] = [credit, debit].map((m) => sample.columns.find((p) => p.index === m.index));
  const numbers = (p: ColumnProfile | undefined): boolean => p !== undefined && p.nonEmpty > 0 && p.number.integer + p.number.dot + p.number.comma + p.number.ambiguous === p.nonEmpty;
  if (!numbers(c) || !numbers(d) || c!.nonEmpty + d!.nonEmpty > sample.rows) return undefined;
  return { kind: 'bank', reason: `no customer column, and money in '${credit.column}' (${c!.nonEmpty} value${c!.nonEmpty === 1 ? '' : 's'}) and out '${debit.column}' (${d!.nonEmpty}) on different rows: an account statement` };
}

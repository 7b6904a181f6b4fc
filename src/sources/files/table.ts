/**
 * Side tables of the report: a CRM customers (accounts) export whose columns become customer
 * attributes, and the staff's picks of their best customers. Read by the same sniffer and engine
 * reader as transactions; only the column roles differ.
 */
import { DataError, UsageError, quote } from '../../kernel/errors.js';
import type { TableReader } from './duckdb/engine.js';
import type { TempDir } from '../../kernel/tempdir.js';
import { sniffDialect, type Dialect } from './dialect.js';
import { FIELDS, normaliseHeader } from './fields.js';
import { findHeader } from './deal-fields.js';
import { mapColumns } from './mapping.js';
import { openSource } from './input-file.js';

export interface SideTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly keyIndex: number;
  readonly rows: readonly { readonly key: string | null; readonly fields: readonly (string | null)[] }[];
  readonly malformed: number;
}

const PICKED_BY = ['pickedby', 'picked', 'who', 'by', 'staff', 'employee', 'seller', 'salesrep', 'owner', 'medarbejder', 'sælger', 'saelger', 'säljare', 'saljare', 'selger', 'ansat', 'anställd', 'person', 'name'];
const REASON = ['reason', 'why', 'comment', 'comments', 'note', 'notes', 'begrundelse', 'motivering', 'kommentar', 'anledning', 'grund', 'årsak', 'arsak'];

let nextId = 1000;

async function open(arg: string, label: string, temp: TempDir, opened?: Awaited<ReturnType<typeof openSource>>) {
  const source = opened ?? (await openSource(arg, temp));
  const complete = !source.gzip && source.bytes <= source.head.length;
  let dialect: Dialect;
  try {
    dialect = sniffDialect(source.display, source.head, complete);
  } catch (err) {
    if (err instanceof DataError) throw new DataError(`${label} ${err.message}`);
    throw err;
  }
  return { source, dialect, reader: { id: nextId++, display: source.display, path: source.readPath, gzip: source.gzip, dialect } };
}

/** How the key column of a customers file is found. */
export interface CustomersKeyHint {
  /** `--customers-key COLUMN`: the key column, named. */
  readonly key?: string;
  /** The transactions' customer columns (`household_id`): a column of that name is the key. */
  readonly transactionColumns?: readonly string[];
  /** The transactions' customer keys: among several candidate columns, the values decide. */
  readonly customerKeys?: ReadonlySet<string>;
}

/** A key as compared for choosing the key column: trimmed, `17850.0` as `17850` (the join itself reads keys in the engine). */
function looseKey(v: string | null | undefined): string | null {
  const t = v?.trim() ?? '';
  return t === '' ? null : t.replace(/^(-?\d+)\.0+$/, '$1');
}

/** How many distinct values of column `i` are customer keys of the transactions. */
function keysMatched(rows: readonly { readonly fields: readonly (string | null)[] }[], i: number, keys: ReadonlySet<string>): number {
  const seen = new Set<string>();
  for (const r of rows) {
    const k = looseKey(r.fields[i]);
    if (k !== null && keys.has(k)) seen.add(k);
  }
  return seen.size;
}

/**
 * A customers export: the customer key column and the rest. The key is the column named by
 * --customers-key; else a column named like the transactions' customer column, or by the customer
 * synonyms; among several, the one whose values match more customer keys. With none by name, the
 * column whose values match the most customer keys, said in a note.
 */
export async function readCustomersTable(arg: string, tables: TableReader, temp: TempDir, hint: CustomersKeyHint = {}): Promise<SideTable & { nameIndex: number | undefined; notes: readonly string[] }> {
  const { source, dialect, reader } = await open(arg, '--customers', temp);
  const columns = dialect.columns;
  const list = columns.map((c) => `'${c}'`).join(', ');
  const mapping = mapColumns(columns);
  const notes: string[] = [];
  let keyIndex: number;
  let table: Awaited<ReturnType<TableReader['readTable']>> | undefined;
  let readWith = -1;
  if (hint.key !== undefined) {
    keyIndex = findHeader(columns, hint.key);
    if (keyIndex < 0) throw new UsageError(`--customers-key '${hint.key}' is not a column of ${source.display}; its columns are ${list}`);
  } else {
    const byName = [...(hint.transactionColumns ?? []).map((c) => findHeader(columns, c)), mapping.fields.customer?.index ?? mapping.ambiguous.customer?.[0]?.index ?? -1];
    const candidates = [...new Set(byName.filter((i) => i >= 0))];
    const keys = hint.customerKeys;
    if (candidates.length === 1 || (candidates.length > 1 && keys === undefined)) keyIndex = candidates[0]!;
    else {
      readWith = candidates[0] ?? 0;
      table = await tables.readTable(reader, readWith);
      const rows = table.rows;
      const scored = (candidates.length > 0 ? candidates : columns.map((_, i) => i)).map((i) => ({ i, matched: keys ? keysMatched(rows, i, keys) : 0 }));
      // The best by matched keys; a tie goes to the earlier candidate (the transactions' own column name first).
      const best = scored.reduce((a, b) => (b.matched > a.matched ? b : a));
      if (candidates.length === 0) {
        if (best.matched === 0) {
          throw new DataError(
            `--customers ${source.display}: no customer key column found: none of its columns (${list}) is named like the transactions' customer column or holds its keys${keys && keys.size > 0 ? ` (like ${quote([...keys][0]!)})` : ''}; name the key column with --customers-key`,
          );
        }
        notes.push(`${source.display}: key column '${columns[best.i]}' chosen by its values (${best.matched} of its keys are customers of the transactions); name another with --customers-key`);
      }
      keyIndex = best.i;
    }
  }
  // Read again under a new reader id (its rejects table is per id) when the key is another column.
  if (table === undefined || keyIndex !== readWith) table = await tables.readTable(table === undefined ? reader : { ...reader, id: nextId++ }, keyIndex);
  return { file: source.display, columns, keyIndex, rows: table.rows, malformed: table.malformed, nameIndex: mapping.fields.customer_name?.index === keyIndex ? undefined : mapping.fields.customer_name?.index, notes };
}

export interface Pick {
  readonly customer: string;
  readonly pickedBy: string | null;
  readonly reason: string | null;
}

const CUSTOMER_SYNONYMS = [...FIELDS.customer.primary, ...(FIELDS.customer.secondary ?? []), ...FIELDS.customer_name.primary];

/**
 * A picks file of one column, just names or keys, one a line (no delimiter on any line): the
 * names, without a header line when the first line is a customer column's name. Null otherwise.
 */
export function oneColumnPicks(text: string): string[] | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0 || lines.some((l) => /[,;\t|]/.test(l))) return null;
  const names = lines.map((l) => l.replace(/^"(.*)"$/, '$1').replace(/""/g, '"').trim()).filter((l) => l !== '');
  if (names.length > 0 && CUSTOMER_SYNONYMS.includes(normaliseHeader(names[0]!).norm)) names.shift();
  return names;
}

/** The staff's picks: customer (key or name), who picked, and why; or a one-column list of names. */
export async function readPicksTable(arg: string, tables: TableReader, temp: TempDir): Promise<{ file: string; picks: Pick[]; malformed: number }> {
  const opened = await openSource(arg, temp);
  // A list of names is small: well inside the decoded head that the source keeps (1 MB).
  const single = !opened.compressed && opened.bytes < 1 << 19 ? oneColumnPicks(opened.head) : null;
  if (single) return { file: opened.display, picks: single.map((customer) => ({ customer, pickedBy: null, reason: null })), malformed: 0 };
  const { source, dialect, reader } = await open(arg, '--picks', temp, opened);
  const norms = dialect.columns.map((c) => normaliseHeader(c).norm);
  const customerSynonyms = CUSTOMER_SYNONYMS;
  const customer = norms.findIndex((n) => customerSynonyms.includes(n));
  if (customer < 0) {
    throw new DataError(
      `--picks ${source.display}: no customer column found (columns are ${dialect.columns.map((c) => `'${c}'`).join(', ')}); write it as customer,picked_by,reason`,
    );
  }
  const who = norms.findIndex((n, i) => i !== customer && PICKED_BY.includes(n));
  const reason = norms.findIndex((n, i) => i !== customer && REASON.includes(n));
  const table = await tables.readTable(reader, customer);
  const picks: Pick[] = [];
  table.rows.forEach((r) => {
    const raw = r.fields[customer];
    if (raw === null || raw === undefined || raw.trim() === '') return;
    picks.push({
      customer: r.key ?? raw.trim(),
      pickedBy: who >= 0 ? (r.fields[who] ?? null) : null,
      reason: reason >= 0 ? (r.fields[reason] ?? null) : null,
    });
  });
  return { file: source.display, picks, malformed: table.malformed };
}

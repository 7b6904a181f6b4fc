/**
 * Side tables of the report: a CRM customers (accounts) export whose columns become customer
 * attributes, and the staff's picks of their best customers. Read by the same sniffer and engine
 * reader as transactions; only the column roles differ.
 */
import { DataError } from '../errors.js';
import type { Engine } from '../engine/engine.js';
import type { TempDir } from '../tempdir.js';
import { sniffDialect, type Dialect } from './dialect.js';
import { FIELDS, normaliseHeader } from './fields.js';
import { mapColumns } from './mapping.js';
import { openSource } from './source.js';

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

/** A customers export: the customer key column (by the same synonyms as transactions) and the rest. */
export async function readCustomersTable(arg: string, engine: Engine, temp: TempDir): Promise<SideTable & { nameIndex: number | undefined }> {
  const { source, dialect, reader } = await open(arg, '--customers', temp);
  const mapping = mapColumns(dialect.columns);
  const key = mapping.fields.customer ?? mapping.ambiguous.customer?.[0];
  if (!key) {
    throw new DataError(
      `--customers ${source.display}: no customer key column found (columns are ${dialect.columns.map((c) => `'${c}'`).join(', ')}); it needs a column such as customer_id with the keys of the transactions`,
    );
  }
  const table = await engine.readTable(reader, key.index);
  return { file: source.display, columns: dialect.columns, keyIndex: key.index, rows: table.rows, malformed: table.malformed, nameIndex: mapping.fields.customer_name?.index };
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
export async function readPicksTable(arg: string, engine: Engine, temp: TempDir): Promise<{ file: string; picks: Pick[]; malformed: number }> {
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
  const table = await engine.readTable(reader, customer);
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

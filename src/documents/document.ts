/**
 * What a command's result is for the formats (src/formats/): a Document. Each part is made only
 * when a format asks for it, so that a JSON run never builds tables and a table never builds the
 * 200,000 rows of a JSON document. A part a document does not have is a format it does not take
 * (`formatsOf`).
 *
 * What a format decides (terminal width, colour, --top as given, where the bytes go) reaches a
 * document only as these arguments: a document decides what to show, never how or where.
 */
import type { Block } from './blocks.js';
import type { PlacedChart } from './chart-specs.js';

/** What every part is shaped by: --top as given (undefined: the document's own default for the format). */
export interface Shape {
  readonly top: number | undefined;
}

/** What a table of rows is shaped by: --top, and whether the format types its cells by column kind. */
export interface RowShape extends Shape {
  /**
   * Parquet and workbooks type each cell by its column's kind; CSV and NDJSON do not, so a document
   * may leave every kind `text` for them (and skip what typing costs: the analyses' kinds come from
   * the JSON schemas, whose zod module is ~0.8 MB to load).
   */
  readonly typed: boolean;
}

/** The text formats: the terminal table (`width` columns, 80 when piped), or Markdown and HTML (documents, no limit). */
export interface BlockTarget extends Shape {
  readonly terminal: boolean;
  readonly width: number;
}

/** How a value of a column is typed in Parquet and shown in a workbook. */
export type ColumnKind = 'text' | 'integer' | 'number' | 'money' | 'share' | 'date' | 'boolean';

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** A flat table: CSV, Parquet and workbook rows (cells in the order of `columns`; null is empty). */
export interface RowTable {
  /** What a row is (a workbook's sheet name): `customers`, `moved`. */
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: Iterable<readonly unknown[]>;
}

/** A document that lays itself out for a terminal (inspect): the format gives it the tools. */
export interface TerminalTarget {
  readonly width: number;
  readonly color: boolean;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly warning: (s: string) => string;
  /** A bordered table (cli-table3), plain without colour. */
  readonly table: (head: readonly string[], rows: readonly (readonly string[])[]) => string;
  /** Wraps at spaces (lines after the first start with `indent`). */
  readonly wrap: (text: string, width: number, indent?: string) => string;
  readonly visibleWidth: (text: string) => number;
}

export interface Document {
  /** The command, for messages (`report has no csv`). */
  readonly command: string;
  /** The title of an HTML page or a workbook's sheet. */
  readonly title: string;
  /** The date a workbook says it was made (the as-of date): never the clock. */
  readonly date?: string;
  /** table, md (and html with charts). */
  readonly blocks?: (target: BlockTarget) => readonly Block[];
  /** table, when the document lays out a terminal itself instead of blocks. */
  readonly terminal?: (target: TerminalTarget) => string;
  /** json: the document, possibly with `LazyRows` written one by one. */
  readonly json?: (shape: Shape) => unknown;
  /** ndjson: one object per line (default: the rows as objects keyed by column). */
  readonly objects?: (shape: Shape) => Iterable<unknown>;
  /** csv, parquet, xlsx (and ndjson without objects). */
  readonly rows?: (shape: RowShape) => RowTable | Promise<RowTable>;
  /** html (and md with --charts): the charts, each placed at the end of its section. */
  readonly charts?: () => Promise<readonly PlacedChart[]>;
}

/** Rows as objects keyed by column name (NDJSON of a document without its own objects). */
export function* rowObjects(table: RowTable): Generator<Record<string, unknown>> {
  for (const row of table.rows) yield Object.fromEntries(table.columns.map((c, i) => [c.name, row[i] ?? null]));
}

/** Objects as rows of `columns` (a value not in `columns` is left out). */
export function objectRows(columns: readonly Column[], objects: Iterable<Record<string, unknown>>): Iterable<unknown[]> {
  return {
    *[Symbol.iterator]() {
      for (const o of objects) yield columns.map((c) => o[c.name] ?? null);
    },
  };
}

/** Columns typed by what they hold (for rows no schema describes): numbers, booleans, else text. */
export function columnsByValues(names: readonly string[], objects: readonly Record<string, unknown>[]): Column[] {
  return names.map((name) => {
    const values = objects.map((o) => o[name]).filter((v) => v !== null && v !== undefined);
    const all = (type: string): boolean => values.length > 0 && values.every((v) => typeof v === type);
    return { name, kind: all('boolean') ? 'boolean' : all('number') ? 'number' : 'text' };
  });
}

/** Named columns of one kind each, for tables whose writer knows what it writes. */
export function columns(spec: Readonly<Record<string, ColumnKind>>): Column[] {
  return Object.entries(spec).map(([name, kind]) => ({ name, kind }));
}

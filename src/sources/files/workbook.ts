/**
 * Reading a workbook sheet (.xlsx, .xlsm): streamed with exceljs and written as a UTF-8 CSV file
 * whose line N is the sheet's row N (rows above the header and empty rows become empty lines,
 * which the CSV reader passes over), so that everything after it (mapping, conventions, staging,
 * accounting, the line numbers of rejected rows) is that of a CSV export.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { DataError, UsageError, quote } from '../../kernel/errors.js';
import { plural } from '../../kernel/text.js';
import type { TempDir } from '../../kernel/tempdir.js';
import type { DateOrder, DecimalStyle } from './decide.js';
import type { DelimitedDialect } from './dialect.js';
import { readWorkbookStructure, type SheetInfo, type WorkbookStructure } from './workbook-structure.js';
import { sheetRows } from './workbook-sheet-rows.js';
import {
  CANONICAL,
  cellText,
  countShape,
  decidePolicy,
  emptyShapes,
  needsRewrite,
  readCell,
  type CellKind,
  type ColumnPolicy,
  type ReadCell,
  type TextShapes,
} from './workbook-cells.js';

export interface WorkbookOptions {
  readonly sheet?: string;
  readonly skip?: number;
  readonly columns?: readonly string[];
  readonly decimal?: Exclude<DecimalStyle, 'none'>;
  readonly dateOrder?: DateOrder;
}

export type CellCounts = Record<CellKind, number>;

/** What inspect shows of a workbook. */
export interface WorkbookReport {
  readonly sheets: readonly { position: number; name: string; hidden: boolean; rows: number; table: boolean }[];
  readonly sheet: string;
  readonly reason: string;
  readonly headerRow: number;
  /** Per column: the kinds of cell seen below the header. */
  readonly cellTypes: readonly ({ column: string } & CellCounts)[];
}

export interface ConvertedWorkbook {
  readonly path: string;
  readonly dialect: DelimitedDialect;
  readonly report: WorkbookReport;
  readonly notes: readonly string[];
}

type Row = { number: number; cells: (ReadCell | null)[] };

const HEADER_SCAN = 50;

function zeroCounts(): CellCounts {
  return { number: 0, date: 0, text: 0, boolean: 0, error: 0, formula: 0, formulaNoValue: 0 };
}

function csvField(s: string): string {
  return /[",]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

function filled(row: Row): number {
  return row.cells.filter((c) => c !== null).length;
}

/** The header row: the first with more than half as many cells as the fullest of the first rows. */
function findHeader(rows: readonly Row[], display: string, sheet: string, options: WorkbookOptions): Row | undefined {
  if (options.columns !== undefined) return undefined;
  if (options.skip !== undefined) return rows.find((r) => r.number === options.skip! + 1) ?? { number: options.skip + 1, cells: [] };
  const most = Math.max(0, ...rows.map(filled));
  const header = rows.find((r) => filled(r) * 2 > most && filled(r) >= 2);
  if (!header) throw new DataError(`${display}: sheet ${quote(sheet)} has no header row (a row of 2 or more cells); pick another sheet with --sheet, or name the columns with --columns a,b,…`);
  if (header.cells.some((c) => c !== null && c.kind !== 'text')) {
    const at = header.cells.findIndex((c) => c !== null && c.kind !== 'text');
    throw new DataError(`${display}: sheet ${quote(sheet)} row ${header.number} looks like data, not a header (cell ${columnLetters(at + 1)}${header.number} is a ${header.cells[at]!.kind}); name the columns with --columns a,b,… (and --skip N for the rows above them)`);
  }
  return header;
}

export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Header names: empty cells inside a merged range take the range's name (`Amount_2`), others `columnN`. */
function headerNames(header: Row | undefined, sheet: SheetInfo, options: WorkbookOptions, width: number): { names: string[]; named: string[]; duplicates: { name: string; columns: number[] }[] } {
  if (options.columns !== undefined) return { names: [...options.columns], named: [], duplicates: [] };
  const names: string[] = [];
  const named: string[] = [];
  const seen = new Map<string, number[]>();
  for (let i = 0; i < width; i++) {
    const cell = header?.cells[i];
    let base = cell ? cellText(cell, CANONICAL).trim() : '';
    let why = '';
    if (base === '') {
      const merge = sheet.merges.find(([row, from, to]) => row === header?.number && from - 1 < i && i <= to - 1);
      const owner = merge ? header?.cells[merge[1] - 1] : undefined;
      base = owner ? cellText(owner, CANONICAL).trim() : `column${i + 1}`;
      why = owner ? 'merged' : 'empty';
    }
    const at = seen.get(base.toLowerCase()) ?? [];
    seen.set(base.toLowerCase(), [...at, i + 1]);
    const name = at.length === 0 ? base : `${base}_${at.length + 1}`;
    if (why) named.push(`${columnLetters(i + 1)} ${quote(name)} (${why})`);
    names.push(name);
  }
  // Header texts given to several columns, as in a CSV export: no field may be read from them.
  const duplicates = [...seen.values()].filter((at) => at.length > 1 && header?.cells[at[1]! - 1]).map((at) => ({ name: names[at[0]! - 1]!, columns: at }));
  return { names, named, duplicates };
}

interface Pass {
  readonly names: string[];
  readonly headerRow: number;
  readonly shapes: TextShapes[];
  readonly counts: CellCounts[];
  readonly beyond: number;
  readonly dataRows: number;
  readonly breaks: number;
  readonly named: string[];
  readonly duplicates: { name: string; columns: number[] }[];
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** One streamed pass over the sheet: rows to CSV lines, typed cells written by `policies`. */
async function convertPass(
  path: string,
  csvPath: string,
  structure: WorkbookStructure,
  display: string,
  options: WorkbookOptions,
  policies: readonly ColumnPolicy[] | undefined,
): Promise<Pass> {
  const sheet = structure.chosen;
  const out = createWriteStream(csvPath);
  const pending: Row[] = [];
  let header: Row | undefined;
  let decided = false;
  let names: string[] = [];
  let named: string[] = [];
  let duplicates: { name: string; columns: number[] }[] = [];
  let line = 1;
  let shapes: TextShapes[] = [];
  let counts: CellCounts[] = [];
  let beyond = 0;
  let dataRows = 0;
  let breaks = 0;
  let firstData = 1;
  const emit = async (row: Row): Promise<void> => {
    let gap = '';
    for (; line < row.number; line++) gap += '\n';
    if (gap) await write(out, gap);
    if (row.number < firstData || !row.cells.some((c) => c !== null)) return;
    const fields: string[] = [];
    for (let i = 0; i < names.length; i++) {
      const cell = row.cells[i] ?? null;
      if (!cell) {
        fields.push('');
        continue;
      }
      if (row.number === header?.number) {
        fields.push(csvField(names[i]!));
        continue;
      }
      counts[i]![cell.kind]++;
      countShape(shapes[i]!, cell);
      if (cell.kind === 'text' && /[\r\n]/.test(String(cell.value))) breaks++;
      fields.push(csvField(cellText(cell, policies?.[i] ?? CANONICAL)));
    }
    if (row.number !== header?.number) {
      dataRows++;
      beyond += row.cells.slice(names.length).filter((c) => c !== null).length;
    }
    await write(out, `${fields.join(',')}\n`);
    line = row.number + 1;
  };
  const decide = async (): Promise<void> => {
    decided = true;
    header = findHeader(pending, display, sheet.name, options);
    const skip = options.columns !== undefined ? options.skip ?? 0 : (header?.number ?? 1) - 1;
    firstData = skip + 1;
    const width = options.columns?.length ?? Math.max(header?.cells.length ?? 0, ...sheet.merges.filter(([r]) => r === header?.number).map(([, , to]) => to));
    ({ names, named, duplicates } = headerNames(header, sheet, options, width));
    shapes = names.map(() => emptyShapes());
    counts = names.map(() => zeroCounts());
    for (const r of pending) await emit(r);
    pending.length = 0;
  };
  try {
    for await (const r of sheetRows(path, display, structure)) {
      const cells: (ReadCell | null)[] = [];
      r.eachCell((cell, col) => {
        const c = readCell(cell.value, cell.numFmt, structure.date1904);
        if (c) cells[col - 1] = c;
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      const row = { number: r.number, cells };
      if (decided) await emit(row);
      else {
        pending.push(row);
        if (pending.length >= HEADER_SCAN) await decide();
      }
    }
    if (!decided) await decide();
  } finally {
    out.end();
    await once(out, 'close').catch(() => undefined);
  }
  return { names, headerRow: header?.number ?? 0, shapes, counts, beyond, dataRows, breaks, named, duplicates };
}

/** Reads the workbook's chosen sheet into a CSV file in `temp`. */
export async function convertWorkbook(path: string, display: string, temp: TempDir, options: WorkbookOptions): Promise<ConvertedWorkbook> {
  const structure = await readWorkbookStructure(path, display, options.sheet !== undefined ? { sheet: options.sheet } : {});
  const csvPath = await temp.file('sheet.csv');
  let pass = await convertPass(path, csvPath, structure, display, options, undefined);
  const policies = pass.shapes.map((s) => decidePolicy(s, options.decimal, options.dateOrder));
  if (pass.shapes.some((s, i) => needsRewrite(s, policies[i]!))) {
    // Text cells settle another convention than the canonical one: typed cells are written in it.
    pass = await convertPass(path, csvPath, structure, display, options, policies);
  }
  if (pass.names.length === 0) throw new DataError(`${display}: sheet ${quote(structure.chosen.name)} has no columns`);
  if (options.columns !== undefined && options.columns.length === 0) throw new UsageError('--columns names no columns');
  const notes: string[] = [];
  const sheetName = quote(structure.chosen.name);
  if (structure.alsoTables.length > 0) notes.push(`sheet ${sheetName} is read (${structure.reason}); ${structure.alsoTables.map(quote).join(', ')} also ${structure.alsoTables.length === 1 ? 'holds' : 'hold'} a table: pick one with --sheet`);
  if (pass.named.length > 0) notes.push(`sheet ${sheetName}: header cells named: ${pass.named.join(', ')}`);
  const noValue = pass.counts.reduce((s, c) => s + c.formulaNoValue, 0);
  if (noValue > 0) notes.push(`sheet ${sheetName}: ${plural(noValue, 'formula cell')} with no saved value (the workbook was not calculated when saved) read as empty; open it in Excel and save it again`);
  if (pass.beyond > 0) notes.push(`sheet ${sheetName}: ${plural(pass.beyond, 'cell')} right of the header's last column (${columnLetters(pass.names.length)}) not read`);
  if (pass.breaks > 0) notes.push(`sheet ${sheetName}: line breaks in ${plural(pass.breaks, 'text cell')} read as spaces`);
  const headerRow = pass.headerRow;
  const skip = headerRow > 0 ? headerRow - 1 : options.skip ?? 0;
  const reason =
    `sheet ${sheetName} (${structure.reason})` +
    (headerRow > 0 ? `; header on row ${headerRow}${headerRow > 1 ? (options.skip !== undefined ? `; --skip ${options.skip}` : `; ${plural(headerRow - 1, 'row')} above it skipped`) : ''}` : '; columns named with --columns');
  const dialect: DelimitedDialect = { type: 'delimited', delimiter: ',', quote: '"', newline: '\n', skip, headerLine: headerRow, columns: pass.names, reason, ...(pass.duplicates.length > 0 ? { duplicates: pass.duplicates } : {}) };
  return {
    path: csvPath,
    dialect,
    notes,
    report: {
      sheets: structure.sheets.map(({ position, name, hidden, rows, table }) => ({ position, name, hidden, rows, table })),
      sheet: structure.chosen.name,
      reason: structure.reason,
      headerRow,
      cellTypes: pass.names.map((column, i) => ({ column, ...pass.counts[i]! })),
    },
  };
}

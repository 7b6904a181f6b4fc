/**
 * The rows of a workbook's chosen sheet, parsed by exceljs's sheet reader from entries inflated
 * by ./zip.ts: shared strings first, then styles, then the sheet, whatever order they are stored in.
 *
 * exceljs's WorkbookReader is not used to walk the archive. Its unzipper Parse stream says 'end'
 * once the file has been read, not once its entries have been handed over, and exceljs stops at
 * that 'end': on a busy machine the entries stored after the sheets (styles.xml, workbook.xml)
 * were dropped, so date cells came out as plain numbers. It also spooled sheets to temporary
 * files and deleted the ones not read while a stream was still opening them (ENOENT).
 */
import { Readable } from 'node:stream';
import { DataError } from '../../kernel/errors.js';
import { WORKBOOK_LIMITS, type WorkbookStructure } from './workbook-structure.js';
import { ZipProblem, entryChunks, readZipDirectory, type ZipEntry } from './zip.js';

export interface SheetRow {
  readonly number: number;
  eachCell(f: (cell: { value: unknown; numFmt?: string }, col: number) => void): void;
}

/** The parts of exceljs's WorkbookReader used: its entry parsers, which fill it for the sheet reader. */
interface ExcelReader {
  properties: unknown;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<string>, sheetNo: string): Iterable<{ value: AsyncIterable<SheetRow> }>;
}

/** An entry's text, decoded across chunk boundaries (a character may straddle two). */
async function* entryStrings(path: string, entry: ZipEntry): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of entryChunks(path, entry, WORKBOOK_LIMITS.totalBytes)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export async function* sheetRows(path: string, display: string, structure: WorkbookStructure): AsyncGenerator<SheetRow> {
  try {
    const entries = new Map((await readZipDirectory(path)).map((e) => [e.name, e]));
    const sheetEntry = entries.get(structure.chosen.entry);
    if (!sheetEntry) throw new ZipProblem(`sheet part ${structure.chosen.entry} is missing: a damaged workbook`);
    const { default: ExcelJS } = await import('exceljs');
    const options = { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' } as const;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, options) as unknown as ExcelReader;
    reader.properties = { model: { date1904: structure.date1904 } };
    const strings = entries.get('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(Readable.from(entryStrings(path, strings)))) void _;
    const styles = entries.get('xl/styles.xml');
    if (styles) await reader._parseStyles(Readable.from(entryStrings(path, styles)));
    const sheetNo = /sheet(\d+)\.xml$/.exec(sheetEntry.name)?.[1] ?? '1';
    for (const { value: sheet } of reader._parseWorksheet(entryStrings(path, sheetEntry), sheetNo)) yield* sheet;
  } catch (err) {
    if (err instanceof ZipProblem) throw new DataError(`${display}: ${err.message}`);
    throw err;
  }
}

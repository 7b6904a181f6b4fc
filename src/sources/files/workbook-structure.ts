/**
 * A workbook's structure, read from its ZIP entries before any cell: the sheets in tab order
 * (with hidden ones marked), each sheet's rows, merged ranges and whether it holds a table, and
 * which sheet is read and why. Every entry is inflated and counted here once (see ./zip.ts), so
 * that a zip bomb is refused before the workbook reader starts.
 */
import { DataError, UsageError, quote } from '../../kernel/errors.js';
import { formatInt } from '../../kernel/text.js';
import { ZipProblem, entryChunks, entryText, readZipDirectory, type ZipEntry } from './zip.js';

/** Limits a workbook's entries must stay within: beyond them it is refused, not read. */
export const WORKBOOK_LIMITS = {
  /** Inflated bytes of all entries together (a sheet of a million rows is some 200 MB). */
  totalBytes: 3 * 1024 ** 3,
  /** Inflated bytes per compressed byte of a large entry; sheet XML compresses 10-40 times. */
  ratio: 200,
  /** Entries under this size may compress as well as they like. */
  ratioFrom: 16 * 1024 ** 2,
};

export interface SheetInfo {
  /** 1-based position in the workbook's tab order. */
  readonly position: number;
  readonly name: string;
  readonly hidden: boolean;
  /** The sheet's entry in the archive, e.g. `xl/worksheets/sheet2.xml`. */
  readonly entry: string;
  readonly rows: number;
  /** Whether a row with 3 or more values has another row with values below it. */
  readonly table: boolean;
  /** Merged ranges that start in a row, as 1-based [row, first column, last column]. */
  readonly merges: readonly (readonly [number, number, number])[];
}

export interface WorkbookStructure {
  readonly sheets: readonly SheetInfo[];
  readonly chosen: SheetInfo;
  readonly reason: string;
  /** Other sheets with a table, when the first was taken without being named. */
  readonly alsoTables: readonly string[];
  readonly date1904: boolean;
}

function xmlDecode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const map: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] !== '#') return map[e.toLowerCase()] ?? '';
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? xmlDecode(m[2] ?? m[3] ?? '') : undefined;
}

/** Column letters to a 1-based number: `A` 1, `AA` 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? { col: columnNumber(m[1]!), row: Number(m[2]) } : null;
}

interface SheetScan {
  rows: number;
  table: boolean;
  merges: [number, number, number][];
}

const SCAN_ROWS = 50;

/** Rows, merged ranges and the value counts of the first rows, from a sheet's XML as it inflates. */
async function scanSheet(chunks: AsyncIterable<Buffer>): Promise<SheetScan> {
  const decoder = new TextDecoder();
  const tags = /<row[\s>/]|<v[\s>]|<is[\s>]|<mergeCell\s[^>]*>/g;
  const counts: number[] = [];
  let rows = 0;
  let carry = '';
  const merges: [number, number, number][] = [];
  const scan = (text: string): void => {
    for (const m of text.matchAll(tags)) {
      const t = m[0];
      if (t.startsWith('<row')) {
        rows++;
        if (rows <= SCAN_ROWS) counts.push(0);
      } else if (t.startsWith('<mergeCell')) {
        const [from, to] = (attribute(t, 'ref') ?? '').split(':').map(cellRef);
        if (from && to) merges.push([from.row, from.col, to.col]);
      } else if (rows <= SCAN_ROWS && counts.length > 0) {
        counts[counts.length - 1]!++;
      }
    }
  };
  for await (const chunk of chunks) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf('>') + 1;
    scan(text.slice(0, cut));
    carry = text.slice(cut);
  }
  scan(carry + decoder.decode());
  const header = counts.findIndex((c) => c >= 3);
  const table = header >= 0 && (counts.slice(header + 1).some((c) => c >= 2) || rows > SCAN_ROWS);
  return { rows, table, merges };
}

function refuse(display: string, problem: string): DataError {
  return new DataError(`${display}: ${problem}`);
}

/** Refuses entries that declare sizes past the limits (a zip bomb) before inflating any. */
function checkDeclared(display: string, entries: readonly ZipEntry[]): void {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size >= WORKBOOK_LIMITS.ratioFrom && e.size > e.compressedSize * WORKBOOK_LIMITS.ratio) {
      throw refuse(display, `entry ${e.name} would inflate ${formatInt(Math.round(e.size / Math.max(1, e.compressedSize)))} times (${formatInt(e.size)} bytes from ${formatInt(e.compressedSize)}): a zip bomb, not a workbook; not read`);
    }
  }
  if (total > WORKBOOK_LIMITS.totalBytes) {
    throw refuse(display, `the workbook would inflate to ${formatInt(total)} bytes, over the ${formatInt(WORKBOOK_LIMITS.totalBytes)} segment reads; export the sheet as CSV`);
  }
}

function notWorkbook(display: string, names: ReadonlySet<string>): DataError {
  if (names.has('xl/workbook.bin')) return refuse(display, 'an Excel binary workbook (.xlsb), which segment does not read; in Excel use File → Save As → Excel Workbook (.xlsx) or CSV UTF-8');
  if (names.has('word/document.xml')) return refuse(display, 'a Word document, not a workbook or a CSV export; export the data as .xlsx or CSV');
  if (names.has('ppt/presentation.xml')) return refuse(display, 'a PowerPoint presentation, not a workbook or a CSV export');
  if (names.has('content.xml') && names.has('mimetype')) return refuse(display, 'an OpenDocument file (.ods), not an Excel workbook; in LibreOffice use File → Save As → Excel 2007-365 (.xlsx) or CSV');
  return refuse(display, 'a ZIP archive, not an Excel workbook (it has no xl/workbook.xml); unpack it and give the export inside');
}

export interface SheetRequest {
  /** --sheet as given: a name, or a 1-based position. */
  readonly sheet?: string;
}

function listSheets(sheets: readonly SheetInfo[]): string {
  return sheets.map((s) => `${s.position}: ${quote(s.name)}${s.hidden ? ' (hidden)' : ''}${s.table ? '' : s.rows === 0 ? ' (empty)' : ' (no table)'}`).join(', ');
}

function pickSheet(display: string, sheets: readonly SheetInfo[], request: SheetRequest): Pick<WorkbookStructure, 'chosen' | 'reason' | 'alsoTables'> {
  if (request.sheet !== undefined) {
    const wanted = request.sheet.trim();
    const byName = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    const byPosition = /^\d+$/.test(wanted) ? sheets.find((s) => s.position === Number(wanted)) : undefined;
    const chosen = byName ?? byPosition;
    if (!chosen) throw new UsageError(`${display}: --sheet ${quote(wanted)}: no such sheet; the sheets are ${listSheets(sheets)}`);
    return { chosen, reason: `option --sheet ${wanted}${chosen.hidden ? ' (a hidden sheet)' : ''}`, alsoTables: [] };
  }
  const visible = sheets.filter((s) => !s.hidden);
  const tables = visible.filter((s) => s.table);
  const chosen = tables[0];
  if (!chosen) {
    if (sheets.every((s) => s.rows === 0)) throw refuse(display, sheets.length === 1 ? `the workbook's only sheet, ${quote(sheets[0]!.name)}, is empty` : `the workbook's ${sheets.length} sheets are empty`);
    throw refuse(display, `no visible sheet holds a table (a row of 3 or more cells with rows below it); the sheets are ${listSheets(sheets)}; pick one with --sheet NAME`);
  }
  const skipped = visible.filter((s) => s.position < chosen.position);
  const reason =
    skipped.length === 0
      ? visible.length === 1 ? 'the only sheet' : 'the first sheet, which holds a table'
      : `the first sheet with a table (${skipped.map((s) => quote(s.name)).join(', ')} ${skipped.length === 1 ? 'has' : 'have'} none)`;
  return { chosen, reason, alsoTables: tables.slice(1).map((s) => s.name) };
}

/**
 * The workbook's sheets and the one to read. Throws a DataError for an archive that is no
 * workbook, has no sheets, or would inflate past the limits.
 */
export async function readWorkbookStructure(path: string, display: string, request: SheetRequest): Promise<WorkbookStructure> {
  try {
    const entries = await readZipDirectory(path);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const workbookEntry = byName.get('xl/workbook.xml');
    if (!workbookEntry) throw notWorkbook(display, new Set(byName.keys()));
    checkDeclared(display, entries);
    const workbookXml = await entryText(path, workbookEntry, 16 * 1024 ** 2);
    const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
    const relsXml = relsEntry ? await entryText(path, relsEntry, 16 * 1024 ** 2) : '';
    const targets = new Map<string, string>();
    for (const m of relsXml.matchAll(/<Relationship\s[^>]*>/g)) {
      const id = attribute(m[0], 'Id');
      const target = attribute(m[0], 'Target');
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const date1904 = /<workbookPr\s[^>]*date1904\s*=\s*["'](1|true)["']/.test(workbookXml);
    const declared = [...workbookXml.matchAll(/<sheet\s[^>]*>/g)].map((m, i) => ({
      position: i + 1,
      name: attribute(m[0], 'name') ?? `Sheet${i + 1}`,
      hidden: /^(hidden|veryHidden)$/.test(attribute(m[0], 'state') ?? ''),
      entry: targets.get(attribute(m[0], 'r:id') ?? '') ?? `xl/worksheets/sheet${i + 1}.xml`,
    }));
    if (declared.length === 0) throw refuse(display, 'a workbook with no sheets; open it in Excel, add the data and save it again, or export CSV');
    const scans = new Map<string, SheetScan>();
    // Every entry is inflated once: sheets are scanned, the others only counted.
    for (const e of entries) {
      const sheet = declared.find((s) => s.entry === e.name);
      if (sheet) scans.set(e.name, await scanSheet(entryChunks(path, e, WORKBOOK_LIMITS.totalBytes)));
      else for await (const _ of entryChunks(path, e, WORKBOOK_LIMITS.totalBytes)) void _;
    }
    const sheets: SheetInfo[] = declared.map((s) => {
      const scan = scans.get(s.entry);
      return { ...s, rows: scan?.rows ?? 0, table: scan?.table ?? false, merges: scan?.merges ?? [] };
    });
    const missing = sheets.find((s) => !byName.has(s.entry));
    const picked = pickSheet(display, sheets, request);
    if (missing && missing === picked.chosen) throw refuse(display, `sheet ${quote(missing.name)} is listed, but its part ${missing.entry} is missing: a damaged workbook`);
    if (picked.chosen.rows === 0) throw refuse(display, `sheet ${quote(picked.chosen.name)} is empty; the sheets are ${listSheets(sheets)}`);
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(picked.chosen.entry)) {
      throw refuse(display, `sheet ${quote(picked.chosen.name)} is stored as ${picked.chosen.entry}, which the workbook reader cannot read; open the file in Excel and save it again`);
    }
    return { sheets, ...picked, date1904 };
  } catch (err) {
    if (err instanceof ZipProblem) throw refuse(display, err.message);
    throw err;
  }
}

/**
 * Inputs that are not text: a workbook (.xlsx, .xlsm) or a Parquet file, told by their first
 * bytes, each turned into a UTF-8 CSV copy with its dialect decided here. Text exports return
 * null and are opened as before (./source.ts, ./dialect.ts).
 */
import { closeSync, constants, openSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { onCleanup } from '../../kernel/cleanup.js';
import { parquetToCsv, isParquet, type ParquetColumn } from './duckdb/parquet-reader.js';
import type { EngineSettings } from './duckdb/engine.js';
import { DataError, SegmentError, UsageError } from '../../kernel/errors.js';
import type { TempDir } from '../../kernel/tempdir.js';
import type { DelimitedDialect } from './dialect.js';
import type { Source } from './input-file.js';
import { tooWide } from './too-wide.js';
// Types only: the workbook reader (and its zip and XML code) is loaded when a workbook is read.
import type { WorkbookOptions, WorkbookReport } from './workbook.js';

export interface OpenedInput {
  readonly source: Source;
  readonly dialect: DelimitedDialect;
  readonly notes: readonly string[];
  readonly format: 'xlsx' | 'parquet';
  readonly workbook?: WorkbookReport;
  readonly parquet?: { readonly columns: readonly ParquetColumn[]; readonly rows: number };
}

/**
 * A named pipe with no writer blocks the open of it in a worker thread, and Node's exit waits for
 * that thread: Ctrl-C could not end the run. On a signal, the pipe is opened for writing (without
 * waiting) and closed, which lets the open return, so that the exit completes.
 */
async function releaseOnSignal(path: string): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (!st?.isFIFO()) return;
  onCleanup(() => {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  });
}

async function firstBytes(path: string): Promise<Buffer | null> {
  await releaseOnSignal(path);
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    if ((await handle.stat()).isDirectory()) throw new UsageError(`${path}: is a folder; give the export file`);
    const buf = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buf, 0, 8, 0);
    const { size } = await handle.stat();
    return size === 0 ? null : buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function source(arg: string, readPath: string, kind: string): Source {
  return { arg, display: arg, readPath, gzip: false, compressed: false, encoding: 'utf-8', encodingReason: `${kind}: text is Unicode`, head: '', bytes: 0 };
}

/**
 * A workbook the XML reader gives up on (flipped bytes, an unknown entity, a cell reference past
 * the last column): a data error naming the file, not a crash. Errors of segment's own code pass.
 */
function damagedWorkbook(arg: string, err: unknown, isMissingSharedString: (e: Error) => boolean): unknown {
  if (!(err instanceof Error) || err instanceof SegmentError || (!isMissingSharedString(err) && !/node_modules[\\/](exceljs|saxes)[\\/]/.test(err.stack ?? ''))) return err;
  return new DataError(`${arg}: the workbook is damaged (${err.message.split('\n')[0]!.replace(/\.$/, '')}); open it in Excel and save it again, or export CSV`);
}

/** A workbook or Parquet input as a CSV copy, or null for a text export (and stdin). */
export async function openBinaryInput(
  arg: string,
  temp: TempDir,
  options: WorkbookOptions & { delimiter?: string; encoding?: string },
  settings: () => EngineSettings,
): Promise<OpenedInput | null> {
  if (arg === '-') return null;
  const head = await firstBytes(arg);
  if (!head) return null;
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const parquet = isParquet(head);
  if (!zip && !parquet) {
    if (options.sheet !== undefined) throw new UsageError(`${arg}: --sheet is for workbooks (.xlsx), and this is a text export`);
    return null;
  }
  if (options.delimiter !== undefined || options.encoding !== undefined) {
    throw new UsageError(`${arg}: --delimiter and --encoding are for text exports; a ${zip ? 'workbook' : 'Parquet file'} has neither`);
  }
  if (zip) {
    const [{ convertWorkbook }, { MissingSharedString }] = await Promise.all([import('./workbook.js'), import('./workbook-cells.js')]);
    const converted = await convertWorkbook(arg, arg, temp, options).catch((err: unknown) => {
      throw damagedWorkbook(arg, err, (e) => e instanceof MissingSharedString);
    });
    return { source: source(arg, converted.path, 'a workbook'), dialect: converted.dialect, notes: converted.notes, format: 'xlsx', workbook: converted.report };
  }
  if (options.sheet !== undefined) throw new UsageError(`${arg}: --sheet is for workbooks (.xlsx), and this is a Parquet file`);
  if (options.skip !== undefined || options.columns !== undefined) throw new UsageError(`${arg}: --skip and --columns are for text exports; a Parquet file names its columns`);
  const out = await temp.file('parquet.csv');
  let copy: Awaited<ReturnType<typeof parquetToCsv>>;
  try {
    copy = await parquetToCsv(arg, out, settings());
  } catch (err) {
    const message = (err as Error).message.split('\n')[0]!;
    throw new DataError(`${arg}: not a readable Parquet file (${message}); export it again, or export CSV`);
  }
  if (copy.columns.length === 0) throw new DataError(`${arg}: the Parquet file has no columns`);
  const wide = tooWide(arg, copy.columns.length);
  if (wide) throw wide;
  const types = copy.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  const dialect: DelimitedDialect = {
    type: 'delimited', delimiter: ',', quote: '"', newline: '\n', skip: 0, headerLine: 0,
    columns: copy.columns.map((c) => c.name),
    reason: `a Parquet file: ${copy.columns.length} typed columns (${types}); line N is row N`,
  };
  return { source: source(arg, out, 'a Parquet file'), dialect, notes: [], format: 'parquet', parquet: copy };
}

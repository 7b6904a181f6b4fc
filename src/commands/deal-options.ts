/**
 * What the CRM commands (journey, audit, score, report --deals) share: the deals map file (the
 * columns and reading conventions of a deals or prospects export), --stages, and reading the file.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../kernel/errors.js';
import type { TableReader } from '../sources/files/duckdb/engine.js';
import { parseDateFormatOption } from '../sources/files/decide.js';
import { DEAL_FIELD_NAMES, type DealOverrides } from '../sources/files/deal-fields.js';
import type { DealReadOptions, DealsRead } from '../sources/files/deals.js';
import { parseDelimiterOption } from '../sources/files/dialect.js';
import type { TempDir } from '../kernel/tempdir.js';
import { parseOption, type RawOptions } from './options-table.js';

export interface DealMapFile {
  columns?: DealOverrides;
  delimiter?: string;
  encoding?: string;
  skip?: number;
  decimal?: 'dot' | 'comma';
  dateFormat?: string;
}

/** Reads and checks a deals map file: `{"columns": {"stage": "Phase", …}, "decimal": "comma", …}`. */
export async function readDealMap(path: string | undefined, option: string): Promise<DealMapFile> {
  if (path === undefined) return {};
  const { z } = await import('zod');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`${option} ${path}: no such file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${option} ${path}: not valid JSON (${(err as Error).message})`);
  }
  const columns = z.strictObject(Object.fromEntries(DEAL_FIELD_NAMES.map((f) => [f, z.string().min(1).optional()])));
  const schema = z.strictObject({
    columns: columns.optional(),
    delimiter: z.string().optional(),
    encoding: z.string().optional(),
    skip: z.int().min(0).optional(),
    decimal: z.enum(['dot', 'comma']).optional(),
    dateFormat: z.string().optional(),
  });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const known = issue.path[0] === 'columns' ? DEAL_FIELD_NAMES.join(', ') : Object.keys(schema.shape).join(', ');
      throw new UsageError(`${option} ${path}: unknown key '${[...issue.path, (issue as { keys: string[] }).keys[0]].join('.')}'; known keys: ${known}`);
    }
    throw new UsageError(`${option} ${path}: key '${issue.path.join('.') || 'top level'}': ${issue.message}`);
  }
  return parsed.data as DealMapFile;
}

/** The reading options of a deals or prospects file given on the command line (see CRM_READ_OPTIONS). */
export type RawDealOptions = RawOptions<'encoding' | 'delimiter' | 'skip' | 'decimal' | 'dateFormat' | 'maxRejectRate'>;

/** Reading options of a deals or prospects file from its map file and, where given, the command line. */
export function dealReadOptions(map: DealMapFile, mode: DealReadOptions['mode'], label: string, raw: RawDealOptions = {}): DealReadOptions {
  const dateText = raw.dateFormat ?? map.dateFormat;
  const dateOrder = dateText === undefined ? undefined : parseDateFormatOption(dateText);
  if (dateText !== undefined && dateOrder === undefined) throw new UsageError(`date format '${dateText}' is not one; use dd.mm.yyyy, mm/dd/yyyy, yyyy-mm-dd, yyyymmdd or dd-mon-yyyy`);
  const delimiter = raw.delimiter ?? map.delimiter;
  const skipText = raw.skip ?? (map.skip === undefined ? undefined : String(map.skip));
  if (skipText !== undefined && !/^\d+$/.test(skipText)) throw new UsageError(`--skip takes a whole number, not '${skipText}'`);
  const encoding = raw.encoding ?? map.encoding;
  const decimal = (raw.decimal ?? map.decimal) as 'dot' | 'comma' | undefined;
  if (decimal !== undefined && decimal !== 'dot' && decimal !== 'comma') throw new UsageError(`--decimal is dot or comma, not '${String(decimal)}'`);
  return {
    mode,
    label,
    overrides: map.columns ?? {},
    maxRejectRate: parseOption('maxRejectRate', raw.maxRejectRate) as number,
    ...(encoding !== undefined ? { encoding } : {}),
    ...(delimiter !== undefined ? { delimiter: parseDelimiterOption(delimiter) } : {}),
    ...(skipText !== undefined ? { skip: Number(skipText) } : {}),
    ...(decimal !== undefined ? { decimal } : {}),
    ...(dateOrder !== undefined ? { dateOrder } : {}),
  };
}

/** `--stages "New,Qualified,Proposal"`: the open stages in pipeline order. */
export function parseStages(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const stages = text.split(',').map((s) => s.trim());
  if (stages.some((s) => s === '')) throw new UsageError(`--stages takes stage names separated by commas, not '${text}'`);
  const lower = stages.map((s) => s.toLowerCase());
  const dup = lower.find((s, i) => lower.indexOf(s) !== i);
  if (dup !== undefined) throw new UsageError(`--stages names '${dup}' twice`);
  return stages;
}

export async function readDeals(arg: string, options: DealReadOptions, tables: TableReader, temp: TempDir): Promise<DealsRead> {
  const { readCrmFile } = await import('../sources/files/deals.js');
  return readCrmFile(arg, options, tables, temp);
}

/** `--rejects FILE` of a deals or prospects file: file, line, column, reason, value. */
export async function writeDealRejects(path: string, read: DealsRead): Promise<void> {
  const { writeFileAtomically } = await import('../kernel/output.js');
  const { csvCell } = await import('../kernel/csv-cell.js');
  const lines = ['file,line,column,reason,value', ...read.rejects.map((r) => [read.file, r.line, r.column, r.reason, r.value].map(csvCell).join(','))];
  writeFileAtomically(path, [`${lines.join('\n')}\n`], '--rejects');
}

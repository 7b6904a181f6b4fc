/**
 * Options shared by the commands that read transactions, and their parsing. Kept light (no zod,
 * no engine) so that building the command line costs nothing; the map file is validated lazily.
 */
import type { Pseudonymizer } from '../kernel/pseudonymize.js';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../kernel/errors.js';
import { parseDateFormatOption, type DateOrder } from '../sources/files/decide.js';
import { parseDelimiterOption } from '../sources/files/dialect.js';
import { FIELD_NAMES, OVERRIDABLE_FIELDS, type FieldName } from '../sources/files/fields.js';
import { KINDS, type Kind, type Overrides } from '../sources/files/mapping.js';
import type { InputSettings, ReadOptions } from '../sources/files/read.js';
import type { EngineLimits } from '../sources/files/side-files.js';
import { splitMapOptions } from './input-settings.js';
import { optionalWholeNumber } from '../kernel/number-options.js';
import { camel, parseOption, type FIELDS, type FieldOverrideOptions, type RawOptions, type READ_OPTIONS } from './options-table.js';

/** The reading options as commander gives them (see READ_OPTIONS), with the column overrides. */
export type RawReadOptions = RawOptions<Exclude<(typeof READ_OPTIONS)[number], typeof FIELDS>> & FieldOverrideOptions;

/**
 * The pseudonymizer of --pseudonymize, or null. Its key comes from --pseudonymize-key-file or
 * SEGMENT_PSEUDONYM_KEY; without one the run is refused: a default key would make the
 * pseudonyms reversible by anyone.
 */
export async function parsePseudonymizer(raw: RawReadOptions, env = process.env): Promise<Pseudonymizer | null> {
  if (!raw.pseudonymize) {
    if (raw.pseudonymizeKeyFile !== undefined) throw new UsageError('--pseudonymize-key-file is given without --pseudonymize');
    return null;
  }
  let key: Buffer;
  if (raw.pseudonymizeKeyFile !== undefined) {
    try {
      key = Buffer.from((await readFile(raw.pseudonymizeKeyFile, 'utf8')).trim(), 'utf8');
    } catch (err) {
      throw new UsageError(`--pseudonymize-key-file ${raw.pseudonymizeKeyFile}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  } else if (env.SEGMENT_PSEUDONYM_KEY !== undefined && env.SEGMENT_PSEUDONYM_KEY !== '') {
    key = Buffer.from(env.SEGMENT_PSEUDONYM_KEY, 'utf8');
  } else {
    throw new UsageError('--pseudonymize needs a secret key: pass --pseudonymize-key-file FILE or set SEGMENT_PSEUDONYM_KEY (there is no default key, so that nobody else can reverse the pseudonyms)');
  }
  if (key.length < 16) throw new UsageError(`the --pseudonymize key is ${key.length} bytes long; use at least 16 (for example: openssl rand -hex 32 > key.txt)`);
  const { makePseudonymizer } = await import('../kernel/pseudonymize.js');
  return makePseudonymizer(key);
}

interface MapFile {
  kind?: Kind;
  columns?: Partial<Record<FieldName, string>>;
  columnNames?: string[];
  skip?: number;
  delimiter?: string;
  encoding?: string;
  decimal?: 'dot' | 'comma';
  dateFormat?: string;
  customerPattern?: string;
  currency?: string;
}

async function readMapFile(path: string): Promise<MapFile> {
  const { z } = await import('zod');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--map ${path}: no such file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--map ${path}: not valid JSON (${(err as Error).message})`);
  }
  const fieldKeys = Object.fromEntries(
    FIELD_NAMES.filter((f) => OVERRIDABLE_FIELDS.some((o) => o.name === f)).map((f) => [f, z.string().min(1).optional()]),
  );
  const schema = z.strictObject({
    kind: z.enum(KINDS).optional(),
    columns: z.strictObject(fieldKeys).optional(),
    columnNames: z.array(z.string()).optional(),
    skip: z.int().min(0).optional(),
    delimiter: z.string().optional(),
    encoding: z.string().optional(),
    decimal: z.enum(['dot', 'comma']).optional(),
    dateFormat: z.string().optional(),
    customerPattern: z.string().optional(),
    currency: z.string().regex(/^[A-Za-z]{3}$/).optional(),
  });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'top level';
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
      const known = issue.path[0] === 'columns' ? Object.keys(fieldKeys) : Object.keys(schema.shape);
      throw new UsageError(`--map ${path}: unknown key '${prefix}${keys[0]}'; known keys: ${known.join(', ')}`);
    }
    throw new UsageError(`--map ${path}: key '${where}': ${issue.message}`);
  }
  // Checked here, so that the error names the map file rather than --delimiter.
  if (parsed.data.delimiter !== undefined) {
    try {
      parseDelimiterOption(parsed.data.delimiter);
    } catch (err) {
      if (err instanceof UsageError) throw new UsageError(`--map ${path}: key 'delimiter': ${err.message.replace(/^--delimiter /, '')}`);
      throw err;
    }
  }
  return parsed.data as MapFile;
}

/** What a map file sets, as read options (per input, or for every input). */
function mapSettings(map: MapFile): InputSettings {
  const overrides: Overrides = {};
  for (const [field, column] of Object.entries(map.columns ?? {})) {
    if (column !== undefined) overrides[field as FieldName] = { column, source: 'map file' };
  }
  const dateOrder = map.dateFormat !== undefined ? parseDateFormatOption(map.dateFormat) : undefined;
  if (map.dateFormat !== undefined && dateOrder === undefined) {
    throw new UsageError(`--map: dateFormat '${map.dateFormat}' is not a date format; use dd.mm.yyyy, mm/dd/yyyy, yyyy-mm-dd, yyyymmdd or dd-mon-yyyy`);
  }
  return {
    overrides,
    ...(map.kind !== undefined ? { kind: map.kind } : {}),
    ...(map.skip !== undefined ? { skip: map.skip } : {}),
    ...(map.delimiter !== undefined ? { delimiter: parseDelimiterOption(map.delimiter) } : {}),
    ...(map.encoding !== undefined ? { encoding: map.encoding } : {}),
    ...(map.decimal !== undefined ? { decimal: map.decimal } : {}),
    ...(dateOrder !== undefined ? { dateOrder } : {}),
    ...(map.columnNames !== undefined ? { columns: map.columnNames } : {}),
    ...(map.customerPattern !== undefined ? { customerPattern: map.customerPattern } : {}),
    ...(map.currency !== undefined ? { currency: map.currency.toUpperCase() } : {}),
  };
}

/** Per-input map files (`--map INPUT:FILE`), by the input as written on the command line. */
async function perInputSettings(maps: readonly { input: string; file: string }[]): Promise<Map<string, InputSettings>> {
  const out = new Map<string, InputSettings>();
  for (const { input, file } of maps) {
    if (out.has(input)) throw new UsageError(`--map ${input}:${file}: ${input} already has a map file; give each input one`);
    out.set(input, { ...mapSettings(await readMapFile(file)), mapFile: file });
  }
  return out;
}

export async function parseReadOptions(raw: RawReadOptions, files: readonly string[] = []): Promise<ReadOptions> {
  const maps = splitMapOptions(raw.map, files);
  const map = maps.global !== undefined ? await readMapFile(maps.global) : {};
  const perInput = await perInputSettings(maps.perInput);
  // A map file for every input that names a currency says what the inputs are in. With --currency
  // (the reporting or kept currency) beside it, it must not be dropped: the inputs without their
  // own map are declared in it, as `--map INPUT:FILE` would, so --rates converts them or the
  // mismatch is refused. Before, --currency replaced it and DKK amounts were reported as SEK.
  if (map.currency !== undefined && raw.currency !== undefined && map.currency.toUpperCase() !== raw.currency.toUpperCase()) {
    for (const file of files) {
      if (!perInput.has(file)) perInput.set(file, { currency: map.currency.toUpperCase(), mapFile: maps.global! });
    }
  }
  const rates = raw.rates !== undefined ? await (await import('../sources/files/rates.js')).readRatesFile(raw.rates) : undefined;
  const overrides: Overrides = {};
  for (const [field, column] of Object.entries(map.columns ?? {})) {
    if (column !== undefined) overrides[field as FieldName] = { column, source: 'map file' };
  }
  for (const f of OVERRIDABLE_FIELDS) {
    const value = raw[camel(f.option!)];
    if (typeof value === 'string') overrides[f.name] = { column: value, source: 'option' };
  }
  const dateFormatText = raw.dateFormat ?? map.dateFormat;
  let dateOrder: DateOrder | undefined;
  if (dateFormatText !== undefined) {
    dateOrder = parseDateFormatOption(dateFormatText);
    if (dateOrder === undefined) {
      throw new UsageError(`--date-format: '${dateFormatText}' is not a date format; use dd.mm.yyyy, mm/dd/yyyy, yyyy-mm-dd, yyyymmdd or dd-mon-yyyy`);
    }
  }
  const delimiterText = raw.delimiter ?? map.delimiter;
  const columnsText = raw.columns !== undefined ? raw.columns.split(',').map((c) => c.trim()) : map.columnNames;
  const skip = (parseOption('skip', raw.skip) as number | undefined) ?? map.skip;
  const encoding = raw.encoding ?? map.encoding;
  const decimal = (raw.decimal ?? map.decimal) as 'dot' | 'comma' | undefined;
  const kind = (raw.kind ?? map.kind) as Kind | undefined;
  const customerPattern = raw.customerPattern ?? map.customerPattern;
  const currency = (raw.currency ?? map.currency)?.toUpperCase();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    throw new UsageError(`--currency takes a three-letter code such as DKK, not '${currency}'`);
  }
  if (rates !== undefined && currency === undefined) {
    throw new UsageError(`--rates ${rates.file} needs --currency CODE: the currency the rates convert into (the reporting currency)`);
  }
  // Rows profiled to decide how each column is read; smaller only in tests, to reach values past it.
  const sampleRows = process.env.SEGMENT_SAMPLE_ROWS !== undefined ? optionalWholeNumber('SEGMENT_SAMPLE_ROWS', process.env.SEGMENT_SAMPLE_ROWS) : undefined;
  return {
    overrides,
    ...(sampleRows !== undefined ? { sampleRows } : {}),
    ...(raw.pseudonymize ? { withholdPersonal: true } : {}),
    maxRejectRate: parseOption('maxRejectRate', raw.maxRejectRate) as number,
    ...(kind !== undefined ? { kind } : {}),
    ...(skip !== undefined ? { skip } : {}),
    ...(delimiterText !== undefined ? { delimiter: parseDelimiterOption(delimiterText) } : {}),
    ...(encoding !== undefined ? { encoding } : {}),
    ...(decimal !== undefined ? { decimal } : {}),
    ...(dateOrder !== undefined ? { dateOrder } : {}),
    ...(columnsText !== undefined ? { columns: columnsText } : {}),
    ...(customerPattern !== undefined ? { customerPattern } : {}),
    ...(currency !== undefined ? { currency } : {}),
    ...(raw.rejects !== undefined ? { rejectsFile: raw.rejects } : {}),
    ...(perInput.size > 0 ? { perInput } : {}),
    ...(rates !== undefined ? { rates } : {}),
    ...(raw.sheet !== undefined ? { sheet: raw.sheet } : {}),
  };
}

/** --temp-dir, --memory-limit and --threads, parsed: how an embedded engine runs (the transactions' or the side files'). */
export function parseEngineLimits(raw: { tempDir?: string | undefined; memoryLimit?: string | undefined; threads?: string | undefined }): EngineLimits {
  const threads = parseOption('threads', raw.threads) as number | undefined;
  if (raw.memoryLimit !== undefined && !/^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i.test(raw.memoryLimit)) {
    throw new UsageError(`--memory-limit takes a size such as 2GB or 512MB, not '${raw.memoryLimit}'`);
  }
  return {
    ...(raw.tempDir !== undefined ? { tempDir: raw.tempDir } : {}),
    ...(raw.memoryLimit !== undefined ? { memoryLimit: raw.memoryLimit } : {}),
    ...(threads !== undefined ? { threads } : {}),
  };
}

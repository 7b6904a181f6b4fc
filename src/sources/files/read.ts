/**
 * Reading inputs into the canonical transaction table: open, sniff, map, decide conventions from
 * the data, stage through the engine, and account for every row.
 */
import { stat } from 'node:fs/promises';
import { formatInt } from '../../kernel/text.js';
import { DataError, SegmentError, UsageError, quote } from '../../kernel/errors.js';
import type { Engine, InputReader, StageResult } from './duckdb/engine.js';
import { describeDelimiter, sniffDialect } from './dialect.js';
import { settleCurrencies, type InputCurrency } from './currency.js';
import { checkGzip, openSource } from './input-file.js';
import { columnDecisions } from './write-map.js';
import { openBinaryInput } from './open-input.js';
import type { TempDir } from '../../kernel/tempdir.js';
import type { Accounting, InputReport, InputSettings, ReadOptions, ReadResult, ReasonCount } from './read-result.js';
import { planInput, type Planned } from './plan-input.js';
import { accountFor, addAccounting, emptyAccounting } from './accounting.js';
import { NON_PERSONAL_FIELDS, writeRejects } from './rejects-file.js';

export type * from './read-result.js';
export { addAccounting };

/** The read options of one input: its own settings (`--map INPUT:FILE`) win. */
function withSettings(options: ReadOptions, settings: InputSettings | undefined): ReadOptions {
  if (!settings) return options;
  const { mapFile: _, overrides, ...rest } = settings;
  return { ...options, ...rest, overrides: { ...options.overrides, ...overrides } };
}

/** What an input says about its currency itself (not what --currency says for every input). */
function ownCurrency(
  file: string,
  planned: Planned,
  staged: readonly { currency: string }[],
  filter: string | undefined,
  declared: string | undefined,
  mapFile: string | undefined,
  converting: boolean,
): InputCurrency {
  const column = planned.plan.fields.some((f) => f.field === 'currency');
  if (column) {
    const codes = filter !== undefined && !converting ? [filter] : staged.map((c) => c.currency);
    return { file, own: codes, source: 'its currency column', column };
  }
  if (planned.embeddedCurrency !== null) return { file, own: [planned.embeddedCurrency], source: planned.currencySource ?? 'its amounts', column };
  if (declared !== undefined) return { file, own: [declared], source: `--map ${file}:${mapFile ?? '…'}`, column };
  return { file, own: [], source: '', column };
}

function formatPercent(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;
}

export interface ReadContext {
  readonly engine: Engine;
  readonly temp: TempDir;
  readonly warn: (message: string) => void;
}

/**
 * Reads the inputs into the engine. An input file that changes or disappears while it is read (an
 * export still being written, a file moved away) fails the run cleanly: its rows could not all be
 * accounted for.
 */
export async function readTransactions(args: readonly string[], options: ReadOptions, ctx: ReadContext): Promise<ReadResult> {
  if (args.length === 0) throw new UsageError('no input files; give one or more CSV exports, or - for stdin');
  if (args.filter((a) => a === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const files = args.filter((a) => a !== '-');
  const before = await Promise.all(files.map((f) => stat(f).catch(() => undefined)));
  const changed = async (): Promise<DataError | undefined> => {
    for (let i = 0; i < files.length; i++) {
      const was = before[i];
      if (!was) continue;
      const now = await stat(files[i]!).catch(() => undefined);
      if (!now) return new DataError(`${files[i]}: the file disappeared while it was read; run again when it is in place`);
      if (now.size !== was.size || now.mtimeMs !== was.mtimeMs) {
        return new DataError(`${files[i]}: the file changed while it was read (${formatInt(was.size)} bytes, then ${formatInt(now.size)}); run again when the export is complete`);
      }
    }
    return undefined;
  };
  let result: ReadResult;
  try {
    result = await readAll(args, options, ctx);
  } catch (err) {
    throw (await changed()) ?? err;
  }
  const moved = await changed();
  if (moved) throw moved;
  return result;
}

async function readAll(args: readonly string[], options: ReadOptions, ctx: ReadContext): Promise<ReadResult> {
  const inputs: InputReport[] = [];
  const readers: { reader: InputReader; planned: Planned }[] = [];
  const own: InputCurrency[] = [];
  let id = 0;
  for (const arg of args) {
    const settings = options.perInput?.get(arg);
    const declared = settings?.currency;
    const inputOptions = withSettings(options, settings);
    const binary = await openBinaryInput(arg, ctx.temp, inputOptions, () => ({ tempDir: ctx.temp.dir() }));
    const source = binary?.source ?? (await openSource(arg, ctx.temp, inputOptions.encoding));
    const complete = !source.gzip && source.bytes <= source.head.length;
    const dialect = binary?.dialect ?? sniffDialect(source.display, source.head, complete, {
      ...(inputOptions.delimiter !== undefined ? { delimiter: inputOptions.delimiter } : {}),
      ...(inputOptions.skip !== undefined ? { skip: inputOptions.skip } : {}),
      ...(inputOptions.columns !== undefined ? { columns: inputOptions.columns } : {}),
    });
    const reader: InputReader = { id, display: source.display, path: source.readPath, gzip: source.gzip, dialect };
    id++;
    // Checked beside the staging; a damaged file fails the run whatever staging made of it.
    const intact = source.gzip ? checkGzip(source.readPath, source.display).then(() => undefined, (e: unknown) => e) : Promise.resolve(undefined);
    // Several inputs are matched record by record (overlapping exports); one is grouped.
    let planned: Awaited<ReturnType<typeof planInput>>;
    let staged: StageResult;
    let rows: Accounting;
    try {
      const reporting = options.rates ? options.currency : undefined;
      planned = await planInput(ctx.engine, reader, dialect, inputOptions, args.length > 1 || options.countIdentical === true, {
        ...(declared !== undefined ? { declared } : {}),
        ...(reporting !== undefined ? { reporting } : {}),
      }, source.encoding);
      staged = await ctx.engine.stage(reader, planned.plan);
      const damaged = await intact;
      if (damaged) throw damaged;
      rows = await accountFor(ctx.engine, reader, planned, staged);
    } catch (err) {
      const damaged = await intact;
      if (damaged) throw damaged;
      // The CSV reader gives up on some malformed files as a whole: a data error, not a crash.
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof SegmentError) && /^(Invalid Input|Conversion|Parser) Error/.test(message)) {
        throw new DataError(
          `${source.display}: the CSV reader could not read the file (${message.split('\n')[0]!.replace(/\.$/, '')}); check its delimiter, quoting and line ends, or pass --delimiter, --skip or --columns`,
        );
      }
      throw err;
    }
    const currencies = staged.currencies;
    if (currencies.length > 1 && inputOptions.currency === undefined && !options.rates) {
      throw new DataError(
        `${source.display}: the currency column holds ${currencies.length} currencies (${currencies.map((c) => `${c.currency}: ${formatInt(c.rows)} row${c.rows === 1 ? '' : 's'}`).join(', ')}); amounts in different currencies cannot be added up: keep one with --currency ${currencies[0]!.currency}`,
      );
    }
    const inputCurrencyLabel = (options.rates ? options.currency : undefined) ?? inputOptions.currency ?? currencies[0]?.currency ?? planned.embeddedCurrency ?? null;
    readers.push({ reader, planned });
    own.push(ownCurrency(source.display, planned, currencies, inputOptions.currency, declared, settings?.mapFile, options.rates !== undefined));
    inputs.push({
      file: source.display,
      kind: planned.kind,
      kindReason: planned.kindReason,
      encoding: source.encoding,
      encodingReason: source.encodingReason,
      compressed: source.compressed,
      dialect: {
        delimiter: dialect.type === 'whitespace' ? 'whitespace' : describeDelimiter(dialect.delimiter),
        newline: dialect.newline === '\r\n' ? 'CRLF' : dialect.newline === '\r' ? 'CR' : 'LF',
        skip: dialect.skip,
        headerLine: dialect.headerLine,
        reason: dialect.reason,
      },
      columns: planned.columns,
      attributes: planned.attributes,
      rows,
      customers: staged.customers,
      orders: staged.orders,
      refunds: staged.refunds,
      currency: inputCurrencyLabel,
      currencies,
      firstDate: staged.firstDate,
      lastDate: staged.lastDate,
      notes: [...(binary?.notes ?? []), ...planned.notes],
      direction: planned.direction,
      decisions: {
        kind: planned.kind,
        ...columnDecisions(planned.plan.fields, dialect.columns, planned.kind),
        ...(dialect.headerLine === 0 ? { columnNames: [...dialect.columns] } : {}),
        skip: dialect.skip,
        delimiter: dialect.type === 'whitespace' ? 'whitespace' : dialect.delimiter === '\t' ? 'tab' : dialect.delimiter,
        encoding: source.encoding,
        ...(inputCurrencyLabel !== null ? { currency: inputCurrencyLabel } : {}),
      },
      ...(binary?.workbook ? { workbook: binary.workbook } : {}),
      ...(binary?.parquet ? { parquet: binary.parquet } : {}),
    });
  }

  const combined = await ctx.engine.combine(readers.map((r) => r.reader.id));
  for (const dup of combined.crossInputDuplicates) {
    const i = inputs.findIndex((_, k) => readers[k]!.reader.id === dup.input);
    const input = inputs[i]!;
    const rows: Accounting = {
      ...input.rows,
      used: input.rows.used - dup.rows,
      usedAmount: input.rows.usedAmount - dup.amount,
      skipped: input.rows.skipped + dup.rows,
      skippedByRule: [...input.rows.skippedByRule, { reason: 'duplicate of a row in an earlier input (customer, date, amount, order)', rows: dup.rows, amount: dup.amount, examples: [] }],
    };
    inputs[i] = { ...input, rows };
  }

  if (options.withholdPersonal) {
    // --pseudonymize: examples show only values of number and date columns; a malformed line or a
    // text column's value could be a name or an e-mail address.
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k]!;
      const fieldOf = new Map(input.columns.map((c) => [c.name, c.field]));
      const keep = (column: string | undefined): boolean => column !== undefined && NON_PERSONAL_FIELDS.has(fieldOf.get(column) ?? 'text');
      const withhold = (list: readonly ReasonCount[]): ReasonCount[] =>
        list.map((x) => ({ ...x, examples: x.examples.map((e) => ({ ...e, value: keep(x.column) ? e.value : null })) }));
      inputs[k] = { ...input, rows: { ...input.rows, rejectedByReason: withhold(input.rows.rejectedByReason), skippedByRule: withhold(input.rows.skippedByRule) } };
    }
  }

  const total = inputs.map((i) => i.rows).reduce(addAccounting, emptyAccounting());
  const settled = settleCurrencies(own, options.currency, options.rates);
  const warnings: string[] = [];
  if (settled.conversion) warnings.push(settled.conversion);
  for (const input of inputs) {
    for (const note of input.notes) warnings.push(`${input.file}: ${note}`);
    if (input.rows.rejected > 0) {
      const first = input.rows.rejectedByReason[0];
      const ex = first?.examples[0];
      warnings.push(
        `${input.file}: ${formatInt(input.rows.rejected)} row${input.rows.rejected === 1 ? '' : 's'} rejected${first ? `, first: ${ex?.line !== undefined && ex.line !== null ? `line ${ex.line}: ` : ''}${first.reason}${first.column ? ` in '${first.column}'` : ''}${ex?.value !== undefined && ex.value !== null ? ` ${quote(ex.value)}` : ''}` : ''}`,
      );
    }
  }

  let failure: DataError | undefined;
  const rate = total.read > 0 ? total.rejected / total.read : 0;
  if (total.rejected > 0 && rate > options.maxRejectRate) {
    const input = inputs.find((i) => i.rows.rejected > 0)!;
    const first = input.rows.rejectedByReason[0]!;
    const ex = first.examples[0];
    const where = `${input.file}${ex?.line ? `:${ex.line}` : ''}`;
    // A value equal to its column's name is a header line in the middle: two exports appended.
    const repeated = first.column !== undefined && ex?.value?.trim().toLowerCase() === first.column.trim().toLowerCase() ? ' (a repeated header line: two exports appended? remove it)' : '';
    failure = new DataError(
      `${formatPercent(rate)} of rows rejected (${formatInt(total.rejected)} of ${formatInt(total.read)}), over the ${formatPercent(options.maxRejectRate)} limit; first: ${where}: ${first.reason}${first.column ? ` in column '${first.column}'` : ''}${ex?.value ? `, value ${quote(ex.value)}${repeated}` : ''}; fix the export or the mapping (segment inspect shows it), or raise --max-reject-rate`,
    );
  }

  if (options.rejectsFile !== undefined) {
    await writeRejects(options.rejectsFile, ctx.engine, readers, inputs, options.withholdPersonal === true);
  }
  const attributeNames = [...new Set(inputs.flatMap((i) => i.attributes.map((a) => a.name)))];
  return {
    inputs,
    total,
    currency: settled.currency,
    warnings,
    ...(failure ? { failure } : {}),
    attributeNames,
  };
}

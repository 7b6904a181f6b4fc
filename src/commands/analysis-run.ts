/**
 * The shared run of the analysis commands: parse → read → summarise in the engine → analyse →
 * render. Each command file only declares its examples and which view it shows.
 */
import { jsonChunks } from '../render/json.js';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { View } from '../render/views.js';
import { parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import { emit, warn, type CommandIO } from './context.js';
import type { RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from './clickhouse-source.js';
import { parsePseudonymizer, type RawReadOptions } from './options.js';
import { ANALYSIS_OPTIONS, CLICKHOUSE_OPTIONS, CUSTOMERS_OPTIONS, OUTPUT_OPTIONS, READ_OPTIONS, addOptions, parseOption, type RawOptions } from './options-table.js';

export type Format = 'table' | 'md' | 'json' | 'csv' | 'ndjson' | 'parquet' | 'html';

/** The formats of the analysis commands; the first is the default. */
const FORMATS = ['table', 'md', 'json', 'csv', 'ndjson', 'parquet'] as const satisfies readonly Format[];

/** The output options as commander gives them (see OUTPUT_OPTIONS); `format` has its default. */
export type OutputOptions<F extends string = Format> = RawOptions<'json' | 'top' | 'output'> & { format: F; color?: boolean };

/** Parquet is binary: written to a file only, never to a terminal or a pipe by accident. */
export function requireBinaryOutput(format: Format, output: string | undefined): void {
  if (format === 'parquet' && (output === undefined || output === '-')) {
    throw new UsageError('--format parquet writes a binary file: give --output FILE.parquet (or use --format ndjson or csv for a pipe)');
  }
}

/** One JSON object per line: for jq -c, databases and queues. */
export function* ndjsonChunks(rows: Iterable<unknown>): Generator<string> {
  // In batches of about 64 KB, as the JSON array's lines (one chunk per row cost more than the writing).
  let batch = '';
  for (const row of rows) {
    batch += `${JSON.stringify(row)}\n`;
    if (batch.length >= 65_536) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

export function parseTop(value: string | undefined): number | undefined {
  return parseOption('top', value) as number | undefined;
}

const OPTIONS = [...ANALYSIS_OPTIONS, ...OUTPUT_OPTIONS, ...CUSTOMERS_OPTIONS, ...READ_OPTIONS, ...CLICKHOUSE_OPTIONS] as const;
type AnalysisCommandOptions = RawReadOptions & RawClickHouseOptions & RawAnalysisOptions & OutputOptions & RawOptions<(typeof CUSTOMERS_OPTIONS)[number]>;

export function analysisCommand(name: View, description: string, examples: string, io: () => CommandIO): Command {
  const cmd = new Command(name).description(description).argument('[files...]', 'CSV/TXT exports (optionally gzipped; - for stdin), .xlsx workbooks or Parquet files; none with --engine clickhouse').addHelpText('before', examples);
  addOptions(cmd, OPTIONS, { name, formats: FORMATS, grouped: true });
  cmd.action(async (files: string[], opts: AnalysisCommandOptions) => {
    await runAnalysis(name, io(), files, opts);
  });
  return cmd;
}

async function runAnalysis(view: View, io: CommandIO, files: readonly string[], opts: AnalysisCommandOptions): Promise<void> {
  const format: Format = opts.json ? 'json' : opts.format;
  const top = parseTop(opts.top);
  requireBinaryOutput(format, opts.output);
  const params = await parseAnalysisOptions(opts);
  const pseudonyms = await parsePseudonymizer(opts);
  await withSource(io, files, opts, async ({ engine, read }) => {
    const { analyseTransactions } = await import('../analysis/run.js');
    const run = await analyseTransactions(engine, read, params);
    const { excluded } = run;
    const warnings = [...run.warnings];
    let named = run.analysis;
    if (opts.customers !== undefined) {
      const { joinCustomersFile, withDisplayNames } = await import('./customers-file.js');
      const joined = await joinCustomersFile(opts.customers, engine, named, { tempDir: opts.tempDir, key: opts.customersKey, read });
      warnings.push(...joined.warnings);
      if (!pseudonyms) named = withDisplayNames(named, joined.names);
    }
    const analysis = pseudonyms ? (await import('../analysis/pseudonyms.js')).pseudonymizeAnalysis(named, pseudonyms) : named;
    for (const w of warnings) warn(io, w);
    const ctx = { read, excluded, top, warnings };
    // JSON loads only its own renderer: the table and CSV writers (cli-table3, papaparse) are
    // modules a JSON run would load for nothing.
    if (format === 'json' || format === 'ndjson') {
      const { viewJson } = await import('../render/view-json.js');
      const doc = viewJson(view, analysis, ctx);
      await emit(io, format === 'json' ? jsonChunks(doc) : ndjsonChunks(doc.customers), opts.output);
      return;
    }
    const views = await import('../render/views.js');
    if (format === 'csv') {
      await emit(io, views.viewCsv(view, analysis, top), opts.output);
      return;
    }
    if (format === 'parquet') {
      const { head, rows } = views.viewTable(view, analysis, top);
      const { outputColumns } = await import('../render/output-columns.js');
      const { writeParquet } = await import('../engine/parquet-writer.js');
      await writeParquet(outputColumns(view, head, rows), rows, opts.output!, {});
      return;
    }
    const blocks = views.viewBlocks(view, analysis, { ...ctx, documentWarnings: format === 'md' });
    const { renderMarkdown, renderTerminal } = await import('../render/blocks.js');
    if (format === 'md') {
      await emit(io, renderMarkdown(blocks), opts.output);
      return;
    }
    const { wantColor, makeStyle } = await import('../render/style.js');
    const color = opts.output === undefined && wantColor(io.stdout, opts.color);
    // A terminal's own width; 80 for pipes and files, so that their text is the same everywhere.
    const width = opts.output === undefined && io.stdout.isTTY && io.stdout.columns > 0 ? io.stdout.columns : 80;
    await emit(io, renderTerminal(blocks, color, makeStyle(color), width), opts.output);
  }, { format });
}

/**
 * The shared run of the analysis commands: parse → read → summarise in the engine → analyse →
 * render. Each command file only declares its examples and which view it shows.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { View } from '../documents/views.js';
import { addAnalysisOptions, parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import { warn, type CommandIO } from './context.js';
import { planOutput, writeDocument } from '../formats/index.js';
import { addHelpGroups } from './help-groups.js';
import { optionalWholeNumber } from './number-options.js';
import { addClickHouseOptions, type RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from './clickhouse-source.js';
import { addCustomersOptions, addReadOptions, parsePseudonymizer, type RawReadOptions } from './options.js';

export type Format = 'table' | 'md' | 'json' | 'csv' | 'ndjson' | 'parquet' | 'html';

export interface OutputOptions {
  format: Format;
  json?: boolean;
  top?: string;
  output?: string;
  color?: boolean;
}

export function addOutputOptions(cmd: Command, formats: readonly Format[], fallback: Format, top = 'customers listed (default: 20 in tables and Markdown, all in JSON and CSV)'): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices([...formats]).default(fallback))
    .option('--json', 'short for --format json')
    .option('--top <n>', top)
    .option('--output <file>', 'write the result to a file instead of stdout');
}

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
  return optionalWholeNumber('top', value);
}

export function analysisCommand(name: View, summary: string, description: string, examples: string, io: () => CommandIO): Command {
  const cmd = new Command(name).summary(summary).description(description).argument('[files...]', 'CSV/TXT exports (optionally gzipped; - for stdin), .xlsx workbooks or Parquet files; none with --engine clickhouse').addHelpText('before', examples);
  addAnalysisOptions(cmd);
  addOutputOptions(cmd, ['table', 'md', 'json', 'csv', 'ndjson', 'parquet'], 'table');
  addCustomersOptions(cmd, 'names where the transactions have none');
  addReadOptions(cmd);
  addClickHouseOptions(cmd);
  addHelpGroups(cmd);
  cmd.action(async (files: string[], opts: RawReadOptions & RawClickHouseOptions & RawAnalysisOptions & OutputOptions & { customers?: string; customersKey?: string }) => {
    await runAnalysis(name, io(), files, opts);
  });
  return cmd;
}

async function runAnalysis(view: View, io: CommandIO, files: readonly string[], opts: RawReadOptions & RawClickHouseOptions & RawAnalysisOptions & OutputOptions & { customers?: string; customersKey?: string }): Promise<void> {
  const format: Format = opts.json ? 'json' : opts.format;
  const plan = planOutput({ ...opts, format }, io.stdout);
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
    const { viewDocument } = await import('../documents/analysis-view.js');
    await writeDocument(viewDocument(view, analysis, { read, excluded, warnings }), plan);
  }, { format });
}

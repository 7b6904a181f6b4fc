/**
 * The shared run of the analysis commands: parse → read → summarise in the engine → analyse →
 * render. Each command file only declares its examples and which view it shows.
 */
import { Command } from 'commander';
import type { View } from '../documents/views.js';
import { parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import { runIO, warn, type CommandIO } from './context.js';
import { planOutput, writeDocument, type FormatName } from '../formats/index.js';
import type { RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from '../sources/open.js';
import { parseSourceOptions } from './source-options.js';
import { parsePseudonymizer, parseEngineLimits, type RawReadOptions } from './options.js';
import { ANALYSIS_OPTIONS, CLICKHOUSE_OPTIONS, CUSTOMERS_OPTIONS, OUTPUT_OPTIONS, READ_OPTIONS, addOptions, type RawOptions } from './options-table.js';

export type Format = FormatName;

/** The formats of the analysis commands; the first is the default. */
const FORMATS = ['table', 'md', 'json', 'csv', 'ndjson', 'parquet', 'xlsx'] as const satisfies readonly Format[];

/** The output options as commander gives them (see OUTPUT_OPTIONS); `format` is undefined when not given (planOutput decides). */
export type OutputOptions<F extends string = Format> = RawOptions<'json' | 'top' | 'output'> & { format?: F; color?: boolean };

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
  const plan = planOutput({ ...opts, formats: FORMATS }, io.stdout);
  const params = await parseAnalysisOptions(opts);
  const pseudonyms = await parsePseudonymizer(opts);
  const spec = await parseSourceOptions(opts, files);
  const sideFiles = parseEngineLimits(opts);
  await withSource(spec, runIO(io, plan.format), async ({ source, read }) => {
    const { analyseTransactions } = await import('../analyses/run.js');
    const run = await analyseTransactions(source, read, params);
    const { excluded } = run;
    const warnings = [...run.warnings];
    let named = run.analysis;
    if (opts.customers !== undefined) {
      const { withCustomersFile } = await import('../analyses/customers-file.js');
      const joined = await withCustomersFile(named, { file: opts.customers, key: opts.customersKey, sideFiles, read, pseudonymized: pseudonyms !== null });
      warnings.push(...joined.join.warnings);
      named = joined.analysis;
    }
    const analysis = pseudonyms ? (await import('../analyses/pseudonyms.js')).pseudonymizeAnalysis(named, pseudonyms) : named;
    for (const w of warnings) warn(io, w);
    const { viewDocument } = await import('../documents/analysis-view.js');
    await writeDocument(viewDocument(view, analysis, { read, excluded, warnings }), plan);
  });
}

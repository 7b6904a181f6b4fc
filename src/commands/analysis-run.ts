/**
 * The shared run of the analysis commands: parse → read → summarise in the engine → analyse →
 * render. Each command file only declares its examples and which view it shows.
 */
import { jsonChunks } from '../render/json.js';
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { View } from '../render/views.js';
import { addAnalysisOptions, parseAnalysisOptions, resolveDates, type RawAnalysisOptions } from './analysis-options.js';
import { emit, warn, type CommandIO } from './context.js';
import { addClickHouseOptions, type RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from './clickhouse-source.js';
import { addReadOptions, parsePseudonymizer, type RawReadOptions } from './options.js';

export type Format = 'table' | 'md' | 'json' | 'csv';

export interface OutputOptions {
  format: Format;
  json?: boolean;
  top?: string;
  output?: string;
  color?: boolean;
}

export function addOutputOptions(cmd: Command, formats: readonly Format[], fallback: Format): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices([...formats]).default(fallback))
    .option('--json', 'short for --format json')
    .option('--top <n>', 'customers listed (default: 20 in tables and Markdown, all in JSON and CSV)')
    .option('--output <file>', 'write the result to a file instead of stdout');
}

export function parseTop(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--top takes a whole number, not '${value}'`);
  return Number(value);
}

export function analysisCommand(name: View, summary: string, description: string, examples: string, io: () => CommandIO): Command {
  const cmd = new Command(name).summary(summary).description(description).argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin (none with --engine clickhouse)').addHelpText('before', examples);
  addAnalysisOptions(cmd);
  addOutputOptions(cmd, ['table', 'md', 'json', 'csv'], 'table');
  addReadOptions(cmd);
  addClickHouseOptions(cmd);
  cmd.action(async (files: string[], opts: RawReadOptions & RawClickHouseOptions & RawAnalysisOptions & OutputOptions) => {
    await runAnalysis(name, io(), files, opts);
  });
  return cmd;
}

async function runAnalysis(view: View, io: CommandIO, files: readonly string[], opts: RawReadOptions & RawClickHouseOptions & RawAnalysisOptions & OutputOptions): Promise<void> {
  const format: Format = opts.json ? 'json' : opts.format;
  const top = parseTop(opts.top);
  const params = await parseAnalysisOptions(opts);
  const pseudonyms = await parsePseudonymizer(opts);
  await withSource(io, files, opts, async ({ engine, read }) => {
    const { analyseTransactions } = await import('../analysis/run.js');
    const run = await analyseTransactions(engine, read, params);
    const { warnings, excluded } = run;
    const analysis = pseudonyms ? (await import('../analysis/pseudonyms.js')).pseudonymizeAnalysis(run.analysis, pseudonyms) : run.analysis;
    for (const w of warnings) warn(io, w);
    const views = await import('../render/views.js');
    const ctx = { read, excluded, top, warnings };
    if (format === 'json') {
      await emit(io, jsonChunks(views.viewJson(view, analysis, ctx)), opts.output);
      return;
    }
    if (format === 'csv') {
      await emit(io, views.viewCsv(view, analysis, top), opts.output);
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
    await emit(io, renderTerminal(blocks, color, makeStyle(color)), opts.output);
  }, { format });
}

/**
 * `segment changes`: classifies every customer as of two dates with the analysis the single-date
 * commands run (`analyseTransactions` with --as-of each date) and shows who moved.
 */
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { addAnalysisOptions, parseAnalysisOptions, parseDate, type RawAnalysisOptions } from './analysis-options.js';
import { parseTop, type OutputOptions } from './analysis-run.js';
import { emit, warn, type CommandIO } from './context.js';
import { addClickHouseOptions, type RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from './clickhouse-source.js';
import { addReadOptions, parsePseudonymizer, type RawReadOptions } from './options.js';

/** Customers listed per table when --top is not given. */
const CHANGES_TOP = 20;

const EXAMPLES = `Examples:
  segment changes sales.csv --from 2024-06-30 --to 2024-12-31       who entered and left the top, alerts
  segment changes sales.csv --from 2024-06-30 --format md > changes.md
  segment changes sales.csv --from 2024-06-30 --format ndjson | jq -c 'select(.alerts != [])'
  segment changes sales.csv --from 2024-06-30 --window-start 2023-01-01 --json

Each date is classified exactly as \`segment report --as-of DATE\` (and abc, xyz, rfm, pareto) would
classify it, with the same options: the difference of two runs, never another method.
`;

/** The single-date options that mean something else here (the two dates) are left out. */
const DATE_OPTIONS = new Set(['--as-of', '--from', '--to']);

interface ChangesOptions extends RawReadOptions, RawClickHouseOptions, Omit<RawAnalysisOptions, 'asOf' | 'from' | 'to'>, Omit<OutputOptions, 'format'> {
  from: string;
  to?: string;
  windowStart?: string;
  format: 'table' | 'md' | 'json' | 'csv' | 'ndjson';
}

export function changesCommand(io: () => CommandIO): Command {
  const cmd = new Command('changes')
    .summary('who moved between two dates: ideal and elite in and out, class and segment transitions, alerts')
    .description('Classify every customer as of two dates, from the same inputs and options, and show the movements between them.')
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES)
    .requiredOption('--from <date>', 'the earlier date (YYYY-MM-DD): customers as of then')
    .option('--to <date>', 'the later date (default: the latest transaction date)')
    .option('--window-start <date>', 'first day of both windows, as --from of the single-date commands (default: the first transaction)');
  const analysis = addAnalysisOptions(new Command());
  for (const o of analysis.options) if (!DATE_OPTIONS.has(o.long ?? '')) cmd.addOption(o);
  cmd
    .addOption(new Option('--format <format>', 'output format (csv and ndjson: one moved customer per row)').choices(['table', 'md', 'json', 'csv', 'ndjson']).default('table'))
    .option('--json', 'short for --format json')
    .option('--top <n>', `customers listed per table (default: ${CHANGES_TOP}; all in JSON, CSV and NDJSON)`)
    .option('--output <file>', 'write the result to a file instead of stdout');
  addReadOptions(cmd);
  addClickHouseOptions(cmd);
  cmd.action(async (files: string[], opts: ChangesOptions) => {
    await runChanges(io(), files, opts);
  });
  return cmd;
}

async function runChanges(io: CommandIO, files: readonly string[], opts: ChangesOptions): Promise<void> {
  const format = opts.json ? 'json' : opts.format;
  const top = parseTop(opts.top) ?? CHANGES_TOP;
  const from = parseDate('from', opts.from)!;
  const to = parseDate('to', opts.to);
  if (to !== undefined && to <= from) throw new UsageError(`--to ${to} must be after --from ${from}`);
  // The single-date parse, with each date as --as-of: the same validation, the same parameters.
  const { from: _f, to: _t, windowStart, ...rest } = opts;
  const raw: RawAnalysisOptions = { ...rest, ...(windowStart !== undefined ? { from: windowStart } : {}) };
  const fromParams = await parseAnalysisOptions({ ...raw, asOf: from });
  const pseudonyms = await parsePseudonymizer(opts);
  await withSource(io, files, opts, async ({ engine, read }) => {
    const { analyseTransactions } = await import('../analysis/run.js');
    const { compareSnapshots, snapshotOf, snapshotWarnings } = await import('../analysis/changes.js');
    const range = await engine.dateRange();
    if (range.first !== null && from < range.first) {
      throw new UsageError(`--from ${from} is before the first transaction (${range.first}): nobody is classified as of then`);
    }
    const toDate = to ?? range.last ?? from;
    if (toDate <= from) throw new UsageError(`--from ${from} is not before the latest transaction (${toDate}); give a later --to`);
    const toParams = await parseAnalysisOptions({ ...raw, asOf: toDate });
    const runs = [await analyseTransactions(engine, read, fromParams), await analyseTransactions(engine, read, toParams)] as const;
    const anonymous = pseudonyms ? (await import('../analysis/pseudonyms.js')).pseudonymizeAnalysis : null;
    const [a, b] = runs.map((r) => (anonymous && pseudonyms ? anonymous(r.analysis, pseudonyms) : r.analysis)) as [typeof runs[0]['analysis'], typeof runs[0]['analysis']];
    const { plural } = await import('../text.js');
    const warnings = snapshotWarnings(
      { asOf: from, warnings: runs[0].warnings, afterTo: runs[0].excluded.afterTo },
      { asOf: toDate, warnings: runs[1].warnings, afterTo: runs[1].excluded.afterTo },
      (rows, date) => `${plural(rows, 'transaction')} after ${date} `,
    );
    for (const w of warnings) warn(io, w);
    const changes = compareSnapshots(snapshotOf(a), snapshotOf(b));
    const render = await import('../documents/changes.js');
    if (format === 'ndjson') return emit(io, render.changesNdjson(changes), opts.output);
    if (format === 'csv') return emit(io, render.changesCsv(changes), opts.output);
    const rule = render.windowRule(changes);
    if (format === 'json') {
      const { jsonChunks } = await import('../formats/json-text.js');
      const { inputsJson } = await import('../documents/views.js');
      const doc = {
        schema: render.CHANGES_SCHEMA.name,
        version: render.CHANGES_SCHEMA.version,
        currency: read.currency,
        inputs: inputsJson({ read, excluded: runs[1].excluded, top: undefined, warnings }),
        ...render.changesObject(changes, rule, []),
        warnings,
      };
      return emit(io, jsonChunks(doc), opts.output);
    }
    const blocks = render.changesBlocks(changes, { top, rule, width: format === 'md' ? Infinity : render.TERMINAL_WIDTH });
    const { renderMarkdown } = await import('../formats/markdown.js');
      const { renderTerminal } = await import('../formats/terminal.js');
    if (format === 'md') return emit(io, renderMarkdown(blocks), opts.output);
    const { wantColor, makeStyle } = await import('../formats/style.js');
    const color = opts.output === undefined && wantColor(io.stdout, opts.color);
    return emit(io, renderTerminal(blocks, color, makeStyle(color)), opts.output);
  }, { format });
}

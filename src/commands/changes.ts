/**
 * `segment changes`: classifies every customer as of two dates with the analysis the single-date
 * commands run (`analyseTransactions` with --as-of each date) and shows who moved.
 */
import { Command } from 'commander';
import { UsageError } from '../kernel/errors.js';
import { parseAnalysisOptions, parseDate, type RawAnalysisOptions } from './analysis-options.js';
import type { OutputOptions } from './analysis-run.js';
import { runIO, warn, type CommandIO } from './context.js';
import { planOutput, writeDocument } from '../formats/index.js';
import type { RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from '../sources/open.js';
import { parseSourceOptions } from './source-options.js';
import { parsePseudonymizer, type RawReadOptions } from './options.js';
import { ANALYSIS_OPTIONS, CLICKHOUSE_OPTIONS, OUTPUT_OPTIONS, READ_OPTIONS, WINDOW_OPTIONS, addOptions, type RawOptions } from './options-table.js';

const EXAMPLES = `Examples:
  segment changes sales.csv --from 2024-06-30 --to 2024-12-31       who entered and left the top, alerts
  segment changes sales.csv --from 2024-06-30 --format md > changes.md
  segment changes sales.csv --from 2024-06-30 --format ndjson | jq -c 'select(.alerts != [])'
  segment changes sales.csv --from 2024-06-30 --window-start 2023-01-01 --json

Each date is classified exactly as \`segment report --as-of DATE\` (and abc, xyz, rfm, pareto) would
classify it, with the same options: the difference of two runs, never another method.
`;

/** The formats of `segment changes`; the first is the default. */
const FORMATS = ['table', 'md', 'json', 'csv', 'ndjson', 'parquet', 'xlsx'] as const;
/** --from and --to are the two dates here; the single-date commands' window starts at --window-start. */
const OPTIONS = ['from', 'to', 'windowStart', ...ANALYSIS_OPTIONS.filter((o) => !(WINDOW_OPTIONS as readonly string[]).includes(o)), ...OUTPUT_OPTIONS, ...READ_OPTIONS, ...CLICKHOUSE_OPTIONS] as const;

type ChangesOptions = RawReadOptions & RawClickHouseOptions & Omit<RawAnalysisOptions, 'asOf' | 'from' | 'to'> & OutputOptions<(typeof FORMATS)[number]> & RawOptions<'to' | 'windowStart'> & { from: string };

export function changesCommand(io: () => CommandIO): Command {
  const cmd = new Command('changes')
    .description('Classify every customer as of two dates, from the same inputs and options, and show the movements between them.')
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'changes', formats: FORMATS });
  cmd.action(async (files: string[], opts: ChangesOptions) => {
    await runChanges(io(), files, opts);
  });
  return cmd;
}

async function runChanges(io: CommandIO, files: readonly string[], opts: ChangesOptions): Promise<void> {
  const plan = planOutput({ ...opts, formats: FORMATS }, io.stdout);
  const from = parseDate('from', opts.from)!;
  const to = parseDate('to', opts.to);
  if (to !== undefined && to <= from) throw new UsageError(`--to ${to} must be after --from ${from}`);
  // The single-date parse, with each date as --as-of: the same validation, the same parameters.
  const { from: _f, to: _t, windowStart, ...rest } = opts;
  const raw: RawAnalysisOptions = { ...rest, ...(windowStart !== undefined ? { from: windowStart } : {}) };
  const fromParams = await parseAnalysisOptions({ ...raw, asOf: from });
  const pseudonyms = await parsePseudonymizer(opts);
  const spec = await parseSourceOptions(opts, files);
  await withSource(spec, runIO(io, plan.format), async ({ source, read }) => {
    const { analyseTransactions } = await import('../analyses/run.js');
    const { compareSnapshots, snapshotOf, snapshotWarnings } = await import('../analyses/changes.js');
    const range = await source.dateRange();
    if (range.first !== null && from < range.first) {
      throw new UsageError(`--from ${from} is before the first transaction (${range.first}): nobody is classified as of then`);
    }
    const toDate = to ?? range.last ?? from;
    if (toDate <= from) throw new UsageError(`--from ${from} is not before the latest transaction (${toDate}); give a later --to`);
    const toParams = await parseAnalysisOptions({ ...raw, asOf: toDate });
    const runs = [await analyseTransactions(source, read, fromParams), await analyseTransactions(source, read, toParams)] as const;
    const anonymous = pseudonyms ? (await import('../analyses/pseudonyms.js')).pseudonymizeAnalysis : null;
    const [a, b] = runs.map((r) => (anonymous && pseudonyms ? anonymous(r.analysis, pseudonyms) : r.analysis)) as [typeof runs[0]['analysis'], typeof runs[0]['analysis']];
    const { plural } = await import('../kernel/text.js');
    const warnings = snapshotWarnings(
      { asOf: from, warnings: runs[0].warnings, afterTo: runs[0].excluded.afterTo },
      { asOf: toDate, warnings: runs[1].warnings, afterTo: runs[1].excluded.afterTo },
      (rows, date) => `${plural(rows, 'transaction')} after ${date} `,
    );
    for (const w of warnings) warn(io, w);
    const changes = compareSnapshots(snapshotOf(a), snapshotOf(b));
    const { changesDocument } = await import('../documents/changes-document.js');
    await writeDocument(changesDocument({ changes, read, excluded: runs[1].excluded, warnings }), plan);
  });
}

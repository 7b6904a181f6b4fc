/** `segment cohorts`: retention triangles by the period of each customer's first order. */
import { Command } from 'commander';
import { parseDate } from './analysis-options.js';
import { UsageError } from '../errors.js';
import { warn, type CommandIO } from './context.js';
import { planOutput, writeDocument } from '../formats/index.js';
import { withSource } from './clickhouse-source.js';
import type { RawReadOptions } from './options.js';
import { CLICKHOUSE_OPTIONS, READ_OPTIONS, addOptions, type RawOptions } from './options-table.js';
import type { CohortPeriod } from '../engine/customer-periods.js';

const EXAMPLES = `Examples:
  segment cohorts sales.csv                          monthly cohorts: who comes back, and what they spend
  segment cohorts sales.csv --by quarter --format md > cohorts.md
  segment cohorts sales.csv --from 2023-01-01 --format csv   one row per cohort and period, for a pivot table
  segment cohorts sales.csv --json | jq '.cohorts[] | {cohort, customers}'
`;

/** The formats of `segment cohorts`; the first is the default. */
const FORMATS = ['table', 'md', 'json', 'csv', 'ndjson', 'parquet', 'xlsx'] as const;
const OPTIONS = ['by', 'from', 'to', 'format', 'json', 'output', ...READ_OPTIONS, ...CLICKHOUSE_OPTIONS] as const;

type CohortOptions = RawReadOptions & RawOptions<'from' | 'to' | 'json' | 'output'> & {
  /** --by is the cohort period here (the option table's variant for cohorts). */
  by: CohortPeriod;
  format: (typeof FORMATS)[number];
  color?: boolean;
};

export function cohortsCommand(io: () => CommandIO): Command {
  const cmd = new Command('cohorts')
    .description("Cohorts by the month, quarter or year of each customer's first order: for each period since, the active customers, the retention share, the revenue and the revenue per original customer.")
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'cohorts', formats: FORMATS });
  cmd.action(async (files: string[], opts: CohortOptions) => {
    await runCohorts(io(), files, opts);
  });
  return cmd;
}

async function runCohorts(io: CommandIO, files: readonly string[], opts: CohortOptions): Promise<void> {
  const format = opts.json ? 'json' : opts.format;
  const plan = planOutput({ ...opts, format }, io.stdout);
  const from = parseDate('from', opts.from);
  const to = parseDate('to', opts.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  await withSource(io, files, opts, async ({ engine, read }) => {
    const { cohortAnalysis, periodOf } = await import('../analysis/cohorts.js');
    const range = await engine.dateRange();
    if (range.first === null || range.last === null) throw new UsageError('no transactions with a customer to put in cohorts');
    const start = from !== undefined && from > range.first ? from : range.first;
    const end = to !== undefined && to < range.last ? to : range.last;
    if (start > end) throw new UsageError(`the window ${start} to ${end} has no transactions`);
    const rows = await engine.customerPeriods({ ...(from !== undefined ? { from } : {}), to: end, period: opts.by });
    const result = cohortAnalysis(rows, opts.by, periodOf(end, opts.by));
    const next = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const prev = new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const window = {
      from: start,
      to: end,
      startsWithData: start === range.first,
      firstPartial: periodOf(prev, opts.by) === periodOf(start, opts.by),
      lastPartial: periodOf(next, opts.by) === periodOf(end, opts.by),
    };
    for (const w of read.warnings) warn(io, w);
    const { cohortsDocument } = await import('../documents/cohorts-document.js');
    await writeDocument(cohortsDocument(result, window, read), plan);
  }, { format });
}

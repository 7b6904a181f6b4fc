/** `segment cohorts`: retention triangles by the period of each customer's first order. */
import { Command } from 'commander';
import { parseDate } from './analysis-options.js';
import { UsageError } from '../kernel/errors.js';
import { runIO, warn, type CommandIO } from './context.js';
import { planOutput, writeDocument } from '../formats/index.js';
import { withSource } from '../sources/open.js';
import { parseSourceOptions } from './source-options.js';
import type { RawReadOptions } from './options.js';
import { CLICKHOUSE_OPTIONS, READ_OPTIONS, addOptions, type RawOptions } from './options-table.js';
import type { CohortPeriod } from '../sources/source.js';

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
  format?: (typeof FORMATS)[number];
  color?: boolean;
};

export function cohortsCommand(io: () => CommandIO): Command {
  const cmd = new Command('cohorts')
    .description("Cohorts by the month, quarter or year of each customer's first order: for each period since, the active customers, the retention share, the revenue and the revenue per original customer.")
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'cohorts', formats: FORMATS });
  cmd.action(async (files: string[], opts: CohortOptions) => {
    await cohortsAction(io(), files, opts);
  });
  return cmd;
}

async function cohortsAction(io: CommandIO, files: readonly string[], opts: CohortOptions): Promise<void> {
  const plan = planOutput({ ...opts, formats: FORMATS }, io.stdout);
  const from = parseDate('from', opts.from);
  const to = parseDate('to', opts.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const spec = await parseSourceOptions(opts, files);
  await withSource(spec, runIO(io, plan.format), async ({ source, read }) => {
    const { runCohorts } = await import('../analyses/cohorts.js');
    const { result, window } = await runCohorts(source, { by: opts.by, from, to });
    for (const w of read.warnings) warn(io, w);
    const { cohortsDocument } = await import('../documents/cohorts-document.js');
    await writeDocument(cohortsDocument(result, window, read), plan);
  });
}

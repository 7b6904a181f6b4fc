import { Command } from 'commander';
import { UsageError } from '../kernel/errors.js';
import type { ClvValue, ModelChoice, SpendModelChoice, TimeUnit } from '../analyses/models/clv.js';
import { parseDate } from './analysis-options.js';
import type { OutputOptions } from './analysis-run.js';
import { runIO, warn, type CommandIO } from './context.js';
import { planOutput, writeDocument } from '../formats/index.js';
import type { RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from '../sources/open.js';
import { parseSourceOptions } from './source-options.js';
import type { RawReadOptions } from './options.js';
import { CLICKHOUSE_OPTIONS, OUTPUT_OPTIONS, READ_OPTIONS, addOptions, optionRow, parseOption, type RawOptions } from './options-table.js';

const EXAMPLES = `Examples:
  segment clv sales.csv                                    P(alive), expected purchases and CLV over the next 365 days
  segment clv sales.csv --as-of 2024-06-30 --horizon 180 --discount-rate 0.1
  segment clv sales.csv --holdout-from 2024-01-01          fit before the date, compare with what happened after it
  segment clv sales.csv --model auto --holdout-from 2024-01-01   fit BG/NBD, MBG/NBD and Pareto/NBD; keep the best in the holdout
  segment clv sales.csv --value margin                     CLV in margin: the spend model fitted on the mean repeat margin
  segment clv sales.csv --spend-model none                 purchases and P(alive) only, no money
  segment clv cdnow.txt --columns master,customer,date,cds,amount --time-unit week --holdout-from 1997-10-01
  segment clv sales.csv --holdout-from 2024-01-01 --format html --output clv.html   with the P(alive), diagnostics and holdout charts
  segment clv sales.csv --json | jq '.customers[] | select(.p_alive < 0.5) | .customer'
`;

/** The formats of `segment clv`; the first is the default. */
const FORMATS = ['table', 'md', 'json', 'csv', 'html', 'ndjson', 'parquet', 'xlsx'] as const;
const OPTIONS = [
  'asOf', 'from', 'holdoutFrom', 'model', 'spendModel', 'value', 'timeUnit', 'horizon', 'discountRate', 'intervals', 'seed', 'newCustomer',
  ...OUTPUT_OPTIONS, ...READ_OPTIONS, ...CLICKHOUSE_OPTIONS,
] as const;
type ClvCommandOptions = RawReadOptions & RawClickHouseOptions & OutputOptions<(typeof FORMATS)[number]> & RawOptions<'asOf' | 'from' | 'holdoutFrom' | 'timeUnit' | 'horizon' | 'discountRate' | 'model' | 'spendModel' | 'value' | 'newCustomer' | 'intervals' | 'seed'>;

/** --intervals and --seed as the bootstrap takes them; undefined without --intervals. */
export function parseIntervals(opts: { intervals?: string; seed?: string }): { replicates: number; seed: number } | undefined {
  if (opts.intervals === undefined) return undefined;
  return { replicates: parseOption('intervals', opts.intervals) as number, seed: parseOption('seed', opts.seed) as number };
}

/** Checks the --clv options before any file is read: the numbers, and nothing without --clv. */
export function checkClvOptions(opts: { clv?: boolean; horizon?: string; discountRate?: string; model?: string; intervals?: string; seed?: string }): void {
  if (!opts.clv && (opts.discountRate !== undefined || opts.model !== undefined || opts.intervals !== undefined || (opts.horizon !== undefined && opts.horizon !== optionRow('horizon').default))) {
    throw new UsageError('--horizon, --discount-rate, --model and --intervals are for --clv');
  }
  if (opts.clv) {
    parseClvNumbers(opts);
    parseIntervals(opts);
  }
}

export function parseClvNumbers(opts: { horizon?: string; discountRate?: string }): { horizonDays: number; discountRate: number } {
  return {
    horizonDays: parseOption('horizon', opts.horizon) as number,
    discountRate: parseOption('discountRate', opts.discountRate) as number,
  };
}

export function clvCommand(io: () => CommandIO): Command {
  const cmd = new Command('clv')
    .description(
      'Predicted customer value: the BG/NBD model (how many purchases, and P(alive)) and the Gamma-Gamma model (how much per purchase), fitted by maximum likelihood on the purchase days up to the as-of date; CLV over the horizon, ranked.',
    )
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'clv', formats: FORMATS });
  cmd.action(async (files: string[], opts: ClvCommandOptions) => {
    const out = io();
    const plan = planOutput({ ...opts, formats: FORMATS }, out.stdout);
    const numbers = parseClvNumbers(opts);
    const asOf = parseDate('as-of', opts.asOf);
    const from = parseDate('from', opts.from);
    const holdoutFrom = parseDate('holdout-from', opts.holdoutFrom);
    const intervals = parseIntervals(opts);
    if (asOf !== undefined && holdoutFrom !== undefined) throw new UsageError('--as-of and --holdout-from exclude each other: with a holdout, the calibration ends the day before --holdout-from');
    if (from !== undefined && holdoutFrom !== undefined && holdoutFrom <= from) throw new UsageError(`--holdout-from ${holdoutFrom} must be after --from ${from}`);
    const clv = { name: 'clv' };
    const value = parseOption('value', opts.value, clv) as ClvValue;
    if (value === 'margin' && opts.engine === 'clickhouse') throw new UsageError('--value margin is not available with --engine clickhouse yet (its summary has no first-day margin): run clv on an export file, or leave out --value margin');
    if (value === 'margin' && opts.newCustomer) throw new UsageError('--new-customer is in revenue only: leave out --value margin or --new-customer');
    if (value === 'margin' && opts.spendModel === 'none') throw new UsageError('--value margin is for the spend model: leave it out with --spend-model none');
    const spec = await parseSourceOptions(opts, files);
    await withSource(spec, runIO(out, plan.format), async ({ source }) => {
      const { runClv } = await import('../analyses/clv-run.js');
      const run = await runClv(source, { diagnostics: true, unit: parseOption('timeUnit', opts.timeUnit, clv) as TimeUnit, model: parseOption('model', opts.model, clv) as ModelChoice, spendModel: parseOption('spendModel', opts.spendModel, clv) as SpendModelChoice, value, ...(opts.newCustomer ? { newCustomer: true } : {}), ...(intervals ? { intervals } : {}), ...numbers, ...(asOf ? { asOf } : {}), ...(from ? { from } : {}), ...(holdoutFrom ? { holdoutFrom } : {}) });
      for (const w of run.warnings) warn(out, w);
      const { clvDocument } = await import('../documents/clv-document.js');
      await writeDocument(clvDocument(run), plan);
    });
  });
  return cmd;
}

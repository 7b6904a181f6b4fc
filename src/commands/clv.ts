import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { ClvValue, ModelChoice, SpendModelChoice, TimeUnit } from '../models/clv.js';
import { parseDate } from './analysis-options.js';
import { addOutputOptions, parseTop, type OutputOptions } from './analysis-run.js';
import { emit, warn, type CommandIO } from './context.js';
import { addClickHouseOptions, type RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from './clickhouse-source.js';
import { dayCount, wholeNumber, yearlyRate } from './number-options.js';
import { addReadOptions, type RawReadOptions } from './options.js';

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

interface ClvCommandOptions extends RawReadOptions, RawClickHouseOptions, OutputOptions {
  asOf?: string;
  from?: string;
  holdoutFrom?: string;
  timeUnit?: TimeUnit;
  horizon?: string;
  discountRate?: string;
  model?: ModelChoice;
  spendModel?: SpendModelChoice;
  value?: ClvValue;
  newCustomer?: boolean;
  intervals?: string;
  seed?: string;
}

/** The CLV options' defaults, shown by --help and used by `clv` and `report --clv` alike. */
export const CLV_DEFAULTS = { horizon: '365', discountRate: '0' } as const;

/** --clv and its options, shared by `report` and `customers` (`what`: what --clv adds; `intervals`: whether it shows bootstrap bounds). */
export function addClvOptions(cmd: Command, what: string, intervals: boolean): Command {
  cmd
    .option('--clv', what)
    .option('--horizon <days>', 'with --clv: days ahead that CLV covers', CLV_DEFAULTS.horizon)
    .option('--discount-rate <rate>', `with --clv: yearly discount rate for CLV (default ${CLV_DEFAULTS.discountRate})`)
    .addOption(new Option('--model <model>', 'with --clv: purchase model (as segment clv --model)').choices(['bgnbd', 'mbgnbd', 'pnbd', 'auto']));
  if (intervals) cmd.option('--intervals <n>', 'with --clv: bootstrap intervals (as segment clv --intervals)').option('--seed <n>', 'with --intervals: the seed of the resampling', '1');
  return cmd;
}

/** --intervals and --seed as the bootstrap takes them; undefined without --intervals. */
export function parseIntervals(opts: { intervals?: string; seed?: string }): { replicates: number; seed: number } | undefined {
  if (opts.intervals === undefined) return undefined;
  return { replicates: wholeNumber('intervals', opts.intervals, { min: 2, max: 10_000 }), seed: wholeNumber('seed', opts.seed ?? '1') };
}

/** Checks the --clv options before any file is read: the numbers, and nothing without --clv. */
export function checkClvOptions(opts: { clv?: boolean; horizon?: string; discountRate?: string; model?: string; intervals?: string; seed?: string }): void {
  if (!opts.clv && (opts.discountRate !== undefined || opts.model !== undefined || opts.intervals !== undefined || (opts.horizon !== undefined && opts.horizon !== CLV_DEFAULTS.horizon))) {
    throw new UsageError('--horizon, --discount-rate, --model and --intervals are for --clv');
  }
  if (opts.clv) {
    parseClvNumbers(opts);
    parseIntervals(opts);
  }
}

export function parseClvNumbers(opts: { horizon?: string; discountRate?: string }): { horizonDays: number; discountRate: number } {
  return {
    horizonDays: dayCount('horizon', opts.horizon ?? CLV_DEFAULTS.horizon, 36_525),
    discountRate: yearlyRate('discount-rate', opts.discountRate ?? CLV_DEFAULTS.discountRate, 10),
  };
}

export function clvCommand(io: () => CommandIO): Command {
  const cmd = new Command('clv')
    .summary('who is still alive, and what each customer is likely to bring (BG/NBD, MBG/NBD, Pareto/NBD; Gamma-Gamma)')
    .description(
      'Predicted customer value: the BG/NBD model (how many purchases, and P(alive)) and the Gamma-Gamma model (how much per purchase), fitted by maximum likelihood on the purchase days up to the as-of date; CLV over the horizon, ranked.',
    )
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES)
    .option('--as-of <date>', 'end of the calibration period, YYYY-MM-DD (default: the latest transaction date)')
    .option('--from <date>', 'first day of the calibration period (default: the first transaction)')
    .option('--holdout-from <date>', 'fit on the purchases before this date and compare predictions with the purchases from it to the end of the data')
    .addOption(new Option('--model <model>', 'purchase model: bgnbd (BG/NBD), mbgnbd (MBG/NBD: one-time buyers can have left), pnbd (Pareto/NBD), auto (fit all three; pick by holdout error with --holdout-from, else by likelihood)').choices(['bgnbd', 'mbgnbd', 'pnbd', 'auto']).default('bgnbd'))
    .addOption(new Option('--spend-model <model>', 'spend model: gamma-gamma, or none for expected purchases and P(alive) without money').choices(['gamma-gamma', 'none']).default('gamma-gamma'))
    .addOption(new Option('--value <value>', 'money the spend model and CLV are in: revenue (net), or margin (the input\'s margin or cost column; Gamma-Gamma on the mean repeat margin)').choices(['revenue', 'margin']).default('revenue'))
    .addOption(new Option('--time-unit <unit>', 'time unit of x, t_x, T and the model parameters').choices(['day', 'week', 'month']).default('day'))
    .option('--horizon <days>', 'days ahead that expected purchases and CLV cover', CLV_DEFAULTS.horizon)
    .option('--discount-rate <rate>', `yearly discount rate for CLV, e.g. 0.1 or 10% (default ${CLV_DEFAULTS.discountRate})`)
    .option('--intervals <n>', 'bootstrap over customers with this many resamples: an 80% interval for each customer\'s expected purchases and CLV, and for the totals')
    .option('--seed <n>', 'with --intervals: the seed of the resampling (the same seed, the same intervals)', '1')
    .option('--new-customer', 'also the expected value of a newly acquired customer over the horizon (first purchase + expected repeat purchases × spend), for acquisition budgets');
  addOutputOptions(cmd, ['table', 'md', 'json', 'csv', 'html'], 'table');
  addReadOptions(cmd);
  addClickHouseOptions(cmd);
  cmd.action(async (files: string[], opts: ClvCommandOptions) => {
    const out = io();
    const format = opts.json ? 'json' : opts.format;
    const top = parseTop(opts.top);
    const numbers = parseClvNumbers(opts);
    const asOf = parseDate('as-of', opts.asOf);
    const from = parseDate('from', opts.from);
    const holdoutFrom = parseDate('holdout-from', opts.holdoutFrom);
    const intervals = parseIntervals(opts);
    if (asOf !== undefined && holdoutFrom !== undefined) throw new UsageError('--as-of and --holdout-from exclude each other: with a holdout, the calibration ends the day before --holdout-from');
    if (from !== undefined && holdoutFrom !== undefined && holdoutFrom <= from) throw new UsageError(`--holdout-from ${holdoutFrom} must be after --from ${from}`);
    const value = opts.value ?? 'revenue';
    if (value === 'margin' && opts.engine === 'clickhouse') throw new UsageError('--value margin is not available with --engine clickhouse yet (its summary has no first-day margin): run clv on an export file, or leave out --value margin');
    if (value === 'margin' && opts.newCustomer) throw new UsageError('--new-customer is in revenue only: leave out --value margin or --new-customer');
    if (value === 'margin' && opts.spendModel === 'none') throw new UsageError('--value margin is for the spend model: leave it out with --spend-model none');
    await withSource(out, files, opts, async ({ engine }) => {
      const { runClv } = await import('../analysis/clv-run.js');
      const run = await runClv(engine, { diagnostics: true, unit: opts.timeUnit ?? 'day', model: opts.model ?? 'bgnbd', spendModel: opts.spendModel ?? 'gamma-gamma', value, ...(opts.newCustomer ? { newCustomer: true } : {}), ...(intervals ? { intervals } : {}), ...numbers, ...(asOf ? { asOf } : {}), ...(from ? { from } : {}), ...(holdoutFrom ? { holdoutFrom } : {}) });
      for (const w of run.warnings) warn(out, w);
      const render = await import('../documents/clv.js');
      if (format === 'json') {
        const { jsonChunks } = await import('../formats/json-text.js');
        await emit(out, jsonChunks(render.clvJson(run, top)), opts.output);
        return;
      }
      if (format === 'csv') {
        await emit(out, render.clvCsv(run, top), opts.output);
        return;
      }
      const blocks = render.clvBlocks(run, top);
      if (format === 'html') {
        const { clvHtml } = await import('./clv-html.js');
        await emit(out, await clvHtml(run, blocks), opts.output);
        return;
      }
      const { renderMarkdown } = await import('../formats/markdown.js');
      const { renderTerminal } = await import('../formats/terminal.js');
      if (format === 'md') {
        await emit(out, renderMarkdown(blocks), opts.output);
        return;
      }
      const { wantColor, makeStyle } = await import('../formats/style.js');
      const color = opts.output === undefined && wantColor(out.stdout, opts.color);
      await emit(out, renderTerminal(blocks, color, makeStyle(color)), opts.output);
    }, { format });
  });
  return cmd;
}

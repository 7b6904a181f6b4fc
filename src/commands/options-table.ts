/**
 * THE option table: every option of every command, declared once: its flag, help text, --help
 * group, default, choices, how its value is read, and what else is derived from it (the options
 * only export files have, the option another requires). A command lists the NAMES of its options
 * (`addOptions`); the commander options, the help groups, the defaults and the parsed types all
 * come from here. Where one flag means a little more or less in one command (its help text, its
 * default), the difference is a variant beside the option, not a second declaration.
 *
 * Why in commands/ and not a root file of src/: the table reads the field overrides from
 * sources/files/fields.ts (each field's own option name is declared there, with its synonyms) and the
 * input kinds from sources/files/mapping.ts, and the base layer imports nothing above it. Light to import
 * (no zod, no engine): `segment --help` and every run load it.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../kernel/errors.js';
import { OVERRIDABLE_FIELDS } from '../sources/files/fields.js';
import {
  ABC_BASES, ABC_METHODS, CLV_VALUES, COHORT_PERIODS, INPUT_KINDS, MONETARY_VALUES, PERIODS, PURCHASE_MODELS, QUANTILE_CONVENTIONS, SPEND_MODELS, TIME_UNITS, XYZ_MEASURES, XYZ_SPANS,
} from '../parameter-values.js';
import { amount, dayCount, optionalWholeNumber, percentage, seconds, wholeNumber, yearlyRate } from '../kernel/number-options.js';
import { CHANGES_TOP as CHANGES_TABLE_TOP } from '../documents/changes-document.js';

/** The --help headings, in the order they are shown. Options without a group are about reading. */
export const HELP_GROUPS = ['Common options:', 'ABC, XYZ and Pareto:', 'RFM:', 'Reading the inputs:', 'Engine:', 'Privacy:'] as const;
export type HelpGroup = (typeof HELP_GROUPS)[number];
const READING: HelpGroup = 'Reading the inputs:';

export interface OptionRow {
  /** Commander's flags: `--xyz-min-periods <n>`, `--attributes <column...>`, `--one-off`. */
  readonly flag: string;
  readonly help: string;
  /** The --help heading of the commands whose help is grouped (default: reading the inputs). */
  readonly group?: HelpGroup;
  /** The value when the option is not given (shown by --help). `formats`: the command's first format. */
  readonly default?: string;
  /** The value when the option is not given, said in `help` rather than set as commander's default. */
  readonly fallback?: string;
  readonly choices?: readonly string[] | 'formats';
  /** Repeatable: every value is kept, in order. */
  readonly repeatable?: true;
  readonly required?: true;
  /** Only export files have what it decides: refused with --engine clickhouse. */
  readonly files?: true;
  /** Meaningless without this other option: the run is refused, with this message. */
  readonly requires?: { readonly option: string; readonly message: string };
  /** From the raw string to the value (the default when not given); errors name `--name`. */
  readonly parse?: (value: string, name: string) => unknown;
  /** Where a command's option says a little more or less (help, default): by command name, or by `variant`. */
  readonly variants?: Readonly<Record<string, Partial<Omit<OptionRow, 'variants'>>>>;
}

/** The default of --max-reject-rate (percent), for the transactions and the deals reader. */
const MAX_REJECT_RATE = '1';
const CLV_MODELS = [...PURCHASE_MODELS, 'auto'] as const;
const DISCOUNT_RATE = '0';
/** Customers listed per table by `segment changes` when --top is not given. */
const CHANGES_TOP = String(CHANGES_TABLE_TOP);

/** The reading options of the commands that read only a CRM file (audit, score): variant `crm`. */
const CRM = 'crm';

export const OPTIONS = {
  // The program's own options.
  debug: { flag: '--debug', help: 'show stack traces of errors' },
  quiet: { flag: '-q, --quiet', help: 'print nothing on stderr but errors: no warnings, no progress' },
  color: { flag: '--no-color', help: 'no colour, even on a terminal' },

  // Output.
  format: {
    flag: '--format <format>', help: 'output format', group: 'Common options:', choices: 'formats', default: 'formats',
    variants: { changes: { help: 'output format (csv and ndjson: one moved customer per row)' } },
  },
  json: { flag: '--json', help: 'short for --format json', group: 'Common options:' },
  top: {
    flag: '--top <n>', help: 'customers listed (default: 20 in tables and Markdown, all in JSON and CSV)', group: 'Common options:',
    parse: (v, name) => optionalWholeNumber(name, v),
    variants: {
      report: { help: 'ideal customers listed in the ranking (default: 50 in Markdown and HTML, all in JSON)' },
      changes: { help: `customers listed per table (default: ${CHANGES_TOP}; all in JSON, CSV and NDJSON)`, fallback: CHANGES_TOP },
    },
  },
  output: { flag: '--output <file>', help: 'write the result to a file instead of stdout', group: 'Common options:', variants: { schema: { help: 'write the schema to a file instead of stdout' } } },
  excel: { flag: '--excel', help: "CSV for Excel in a Nordic or German locale: ';' between fields, decimal comma, UTF-8 byte order mark", group: 'Common options:' },

  // Side inputs of the report and the analysis commands.
  customers: {
    flag: '--customers <file>', help: 'a CRM customers (accounts, contacts) export keyed like the transactions: names where the transactions have none', group: 'Common options:',
    variants: { report: { help: 'a CRM customers (accounts, contacts) export keyed like the transactions: its columns become attributes' } },
  },
  customersKey: {
    flag: '--customers-key <column>', help: "the key column of the --customers file (default: one named like the transactions' customer column, or customer_id and its synonyms)", group: 'Common options:',
    requires: { option: 'customers', message: '--customers-key names the key column of the --customers file: pass --customers FILE too' },
  },
  picks: { flag: '--picks <file>', help: "the staff's picks of their best customers: customer, picked_by, reason", group: 'Common options:' },
  attributes: { flag: '--attributes <column...>', help: "the only attribute columns of the portrait (an input's line-level column gives each customer's most frequent value)", group: 'Common options:' },
  excludeAttributes: { flag: '--exclude-attributes <column...>', help: 'attribute columns to leave out of the portrait', group: 'Common options:' },
  keepAttribute: { flag: '--keep-attribute <column...>', help: 'with --pseudonymize: keep this attribute column although it looks personal', group: 'Privacy:' },
  previous: { flag: '--previous <file>', help: 'a saved report (segment report --json) to compare with: adds "What changed since …"', group: 'Common options:' },
  charts: { flag: '--charts <dir>', help: 'with --format md: write the charts as SVG files into this folder and link them' },
  deals: { flag: '--deals <file>', help: 'a CRM deals export: adds "How they found us and how long it took" (see segment journey)' },
  dealsMap: {
    flag: '--deals-map <file>', help: 'JSON map of the --deals file: columns and reading conventions',
    variants: { journey: { help: 'JSON map of the deals file: columns and reading conventions' } },
  },

  // The window and the analyses.
  asOf: {
    flag: '--as-of <date>', help: "date recency is measured from: YYYY-MM-DD or 'today' (default: the latest transaction date)", group: 'Common options:',
    variants: { clv: { help: 'end of the calibration period, YYYY-MM-DD (default: the latest transaction date)' } },
  },
  from: {
    flag: '--from <date>', help: 'first day of the window (default: the first transaction)', group: 'Common options:',
    variants: {
      clv: { help: 'first day of the calibration period (default: the first transaction)' },
      changes: { help: 'the earlier date (YYYY-MM-DD): customers as of then', required: true },
    },
  },
  to: {
    flag: '--to <date>', help: 'last day of the window (default: the as-of date)', group: 'Common options:',
    variants: {
      cohorts: { help: 'last day of the window (default: the latest transaction)' },
      changes: { help: 'the later date (default: the latest transaction date)' },
    },
  },
  windowStart: { flag: '--window-start <date>', help: 'first day of both windows, as --from of the single-date commands (default: the first transaction)' },
  by: {
    // A fallback, not commander's default: a given --by is kept for one-off purchases too.
    flag: '--by <value>', help: `what ABC ranks by (default: ${ABC_BASES[0]}; avg-check for one-off purchases)`, group: 'ABC, XYZ and Pareto:', choices: ABC_BASES, fallback: ABC_BASES[0],
    variants: { cohorts: { flag: '--by <period>', help: 'cohort period', choices: COHORT_PERIODS, default: 'month' } },
  },
  method: { flag: '--method <method>', help: 'ABC method', group: 'ABC, XYZ and Pareto:', choices: ABC_METHODS, default: 'cumulative' },
  limits: { flag: '--limits <a,b>', help: 'ABC limits in percent: cumulative value (default 80,95) or, with --method count, share of customers (default 20,50)', group: 'ABC, XYZ and Pareto:' },
  period: { flag: '--period <period>', help: 'XYZ period', group: 'ABC, XYZ and Pareto:', choices: PERIODS, default: 'month' },
  xyzBy: { flag: '--xyz-by <value>', help: 'what XYZ measures per period', group: 'ABC, XYZ and Pareto:', choices: XYZ_MEASURES, default: 'revenue' },
  xyzSpan: { flag: '--xyz-span <span>', help: "periods counted: from the customer's first ('customer') or the whole window", group: 'ABC, XYZ and Pareto:', choices: XYZ_SPANS, default: 'customer' },
  xyzLimits: { flag: '--xyz-limits <x,y>', help: 'coefficient-of-variation limits: X ≤ x < Y ≤ y < Z', group: 'ABC, XYZ and Pareto:', default: '0.5,1.0' },
  xyzMinPeriods: {
    flag: '--xyz-min-periods <n>', help: 'fewer periods than this in the span: no XYZ class', group: 'ABC, XYZ and Pareto:', default: '3',
    parse: (v, name) => wholeNumber(name, v, { min: 1, max: 1000 }),
  },
  monetary: { flag: '--monetary <kind>', help: 'RFM monetary value: total revenue or average check', group: 'RFM:', choices: MONETARY_VALUES, default: 'total' },
  bins: { flag: '--bins <n>', help: 'RFM scores 1..n', group: 'RFM:', default: '5', parse: (v, name) => wholeNumber(name, v, { min: 2, max: 10 }) },
  rCuts: { flag: '--r-cuts <days,…>', help: 'RFM recency cut points in days, instead of quantiles (n-1 ascending numbers)', group: 'RFM:' },
  fCuts: { flag: '--f-cuts <orders,…>', help: 'RFM frequency cut points, instead of quantiles', group: 'RFM:' },
  mCuts: { flag: '--m-cuts <amounts,…>', help: 'RFM monetary cut points, instead of quantiles', group: 'RFM:' },
  quantiles: {
    flag: '--quantiles <convention>', help: "RFM quantile scores: 'ties' (equal values score the same) or 'r' (as the R package rfm: type-7 breaks, findInterval)", group: 'RFM:',
    choices: QUANTILE_CONVENTIONS, default: 'ties',
  },
  segments: { flag: '--segments <file|preset>', help: "RFM segment rules: a JSON file, 'default' or 'rfm-package' (R package rfm 0.3.0)", group: 'RFM:', default: 'default' },
  ideal: { flag: '--ideal <percent>', help: 'share of customers that are ideal', group: 'ABC, XYZ and Pareto:', default: '20', parse: (v, name) => percentage(name, v, { min: 0.01 }) },
  elite: { flag: '--elite <percent>', help: 'share of customers that are elite', group: 'ABC, XYZ and Pareto:', default: '4', parse: (v, name) => percentage(name, v, { min: 0.01 }) },
  oneOffThreshold: {
    flag: '--one-off-threshold <percent>', help: 'purchases are one-off when this share of customers bought once', group: 'ABC, XYZ and Pareto:', default: '80',
    parse: (v, name) => percentage(name, v),
  },
  oneOff: { flag: '--one-off', help: 'treat purchases as one-off: ABC on the average check, no XYZ, no RFM frequency', group: 'ABC, XYZ and Pareto:' },
  costPerOrder: {
    flag: '--cost-per-order <amount>', help: 'cost to serve one order: gives contribution and the minimum cost-effective order', group: 'Common options:',
    parse: (v, name) => amount(name, v),
  },

  // Predicted value (segment clv, and --clv of report and customers).
  clv: {
    flag: '--clv', help: 'add the predicted-value columns p_alive, expected_purchases, clv, churn_risk, spend_tier, expected_next_order (as segment clv)',
    variants: { report: { help: 'add P(alive) and predicted CLV (as segment clv) to the ranking, and the groups "ideal but probably gone" and "rising"' } },
  },
  holdoutFrom: { flag: '--holdout-from <date>', help: 'fit on the purchases before this date and compare predictions with the purchases from it to the end of the data' },
  model: {
    flag: '--model <model>', help: 'with --clv: purchase model (as segment clv --model)', choices: CLV_MODELS,
    variants: {
      clv: {
        help: 'purchase model: bgnbd (BG/NBD), mbgnbd (MBG/NBD: one-time buyers can have left), pnbd (Pareto/NBD), auto (fit all three; pick by holdout error with --holdout-from, else by likelihood)',
        default: 'bgnbd',
      },
    },
  },
  spendModel: { flag: '--spend-model <model>', help: 'spend model: gamma-gamma, or none for expected purchases and P(alive) without money', choices: SPEND_MODELS, default: 'gamma-gamma' },
  value: {
    flag: '--value <value>', help: "money the spend model and CLV are in: revenue (net), or margin (the input's margin or cost column; Gamma-Gamma on the mean repeat margin)",
    choices: CLV_VALUES, default: 'revenue',
  },
  timeUnit: { flag: '--time-unit <unit>', help: 'time unit of x, t_x, T and the model parameters', choices: TIME_UNITS, default: 'day' },
  horizon: {
    flag: '--horizon <days>', help: 'with --clv: days ahead that CLV covers', default: '365', parse: (v, name) => dayCount(name, v, 36_525),
    variants: { clv: { help: 'days ahead that expected purchases and CLV cover' } },
  },
  // Its default is a fallback, not commander's default: a given --discount-rate is how `report`
  // and `customers` know it was asked for without --clv.
  discountRate: {
    flag: '--discount-rate <rate>', help: `with --clv: yearly discount rate for CLV (default ${DISCOUNT_RATE})`, fallback: DISCOUNT_RATE, parse: (v, name) => yearlyRate(name, v, 10),
    variants: { clv: { help: `yearly discount rate for CLV, e.g. 0.1 or 10% (default ${DISCOUNT_RATE})` } },
  },
  intervals: {
    flag: '--intervals <n>', help: 'with --clv: bootstrap intervals (as segment clv --intervals)', parse: (v, name) => wholeNumber(name, v, { min: 2, max: 10_000 }),
    variants: { clv: { help: "bootstrap over customers with this many resamples: an 80% interval for each customer's expected purchases and CLV, and for the totals" } },
  },
  seed: {
    flag: '--seed <n>', help: 'with --intervals: the seed of the resampling', default: '1', parse: (v, name) => wholeNumber(name, v),
    variants: { clv: { help: 'with --intervals: the seed of the resampling (the same seed, the same intervals)' } },
  },
  newCustomer: { flag: '--new-customer', help: 'also the expected value of a newly acquired customer over the horizon (first purchase + expected repeat purchases × spend), for acquisition budgets' },

  // CRM files (journey, audit, score).
  sales: { flag: '--sales <files...>', help: 'the sales (transactions, invoices) exports the customers are classified from (none with --engine clickhouse)' },
  dealsRejects: { flag: '--deals-rejects <file>', help: 'write the rejected rows of the deals file to this CSV file (file, line, column, reason, value)' },
  group: { flag: '--group <column>', help: 'a deals column that groups customers (B2B/B2C, market, segment)' },
  require: { flag: '--require <fields>', help: 'comma-separated columns (or deal fields: owner, amount, channel, category, …) that must be filled in', required: true },
  afterStage: { flag: '--after-stage <stage>', help: 'the qualification stage: deals at it or later are checked (default: qualified)' },
  stages: { flag: '--stages <list>', help: 'the open stages in pipeline order, comma-separated' },
  strict: { flag: '--strict', help: 'exit with code 3 when any deal is incomplete (for a nightly job)' },
  profile: { flag: '--profile <report.json>', help: 'a report saved with segment report --format json', required: true },

  // Reading the inputs. The field overrides (--customer, --date, …) are FIELD_OPTIONS, below.
  kind: { flag: '--kind <kind>', help: 'kind of every input, instead of detecting it', choices: INPUT_KINDS },
  map: {
    flag: '--map <file>', help: 'JSON mapping file: columns and reading conventions (see README); INPUT:FILE for one input only (repeatable)', repeatable: true,
    variants: { [CRM]: { help: 'JSON map of the file: {"columns": {"stage": "Phase", …}, "decimal": "comma", "dateFormat": "dd.mm.yyyy"}', repeatable: undefined } },
  },
  sheet: { flag: '--sheet <name|n>', help: 'workbooks (.xlsx): the sheet to read, by name or position (default: the first visible one with a table)', files: true },
  skip: { flag: '--skip <n>', help: 'lines before the header (default: detected)', files: true, parse: (v, name) => optionalWholeNumber(name, v) },
  delimiter: {
    flag: '--delimiter <char>', help: "field delimiter: ',' ';' tab '|' or whitespace (default: detected)", files: true,
    variants: { [CRM]: { help: "field delimiter: ',' ';' tab '|' (default: detected)" } },
  },
  encoding: { flag: '--encoding <name>', help: 'utf-8, utf-16le, windows-1252, iso-8859-15, … (default: detected)', files: true },
  columns: { flag: '--columns <names>', help: 'comma-separated column names, for a file without a header row', files: true },
  decimal: {
    flag: '--decimal <style>', help: 'decimal separator of number columns (default: decided from the data)', choices: ['dot', 'comma'], files: true,
    // The CRM reader says the choices in its help and checks the value itself (one message for the option and the map file).
    variants: { [CRM]: { help: 'decimal separator of number columns: dot or comma (default: decided from the data)', choices: undefined } },
  },
  dateFormat: { flag: '--date-format <format>', help: 'dd.mm.yyyy, mm/dd/yyyy, yyyy-mm-dd, yyyymmdd (default: decided from the data)', files: true },
  customerPattern: { flag: '--customer-pattern <regex>', help: 'bank statements: regular expression (RE2) whose first group is the customer in the text', files: true },
  currency: { flag: '--currency <code>', help: 'keep only rows in this currency (when an input holds several); with --rates, the reporting currency' },
  rejects: {
    flag: '--rejects <file>', help: 'write rejected rows to this CSV file (file, line, column, reason, value, record)', files: true,
    variants: { [CRM]: { help: 'write rejected rows to this CSV file (file, line, column, reason, value)' } },
  },
  rates: { flag: '--rates <file>', help: 'CSV of currency,rate[,date]: converts amounts in other currencies into --currency', files: true },
  maxRejectRate: { flag: '--max-reject-rate <percent>', help: 'fail with exit code 3 when more rows than this are rejected', default: MAX_REJECT_RATE, parse: (v, name) => percentage(name, v) },
  memoryLimit: { flag: '--memory-limit <size>', help: "engine memory limit, such as '2GB' (default: 80% of RAM)", group: 'Engine:' },
  tempDir: {
    flag: '--temp-dir <dir>', help: 'where the engine spills to disk and inputs are staged (default: system temp)', group: 'Engine:',
    variants: { [CRM]: { help: 'where the input is staged (default: system temp)' } },
  },
  threads: { flag: '--threads <n>', help: 'engine threads (default: all cores)', group: 'Engine:', parse: (v, name) => optionalWholeNumber(name, v) },
  pseudonymize: { flag: '--pseudonymize', help: 'replace customer keys and names in every output with keyed pseudonyms; drop personal attribute columns', group: 'Privacy:' },
  pseudonymizeKeyFile: { flag: '--pseudonymize-key-file <file>', help: 'the secret key of --pseudonymize (or set SEGMENT_PSEUDONYM_KEY)', group: 'Privacy:' },
  writeMap: { flag: '--write-map <file>', help: 'save the decisions that worked (kind, columns, conventions, currency) as a map file for --map' },

  // ClickHouse.
  engine: { flag: '--engine <engine>', help: 'where the transactions are: duckdb (export files, in-process) or clickhouse (a server)', choices: ['duckdb', 'clickhouse'], default: 'duckdb' },
  url: { flag: '--url <url>', help: 'ClickHouse HTTP(S) address, such as http://127.0.0.1:8123 (no credentials in it)' },
  user: { flag: '--user <name>', help: "ClickHouse user (default: the server's default user)" },
  passwordFile: { flag: '--password-file <file>', help: 'file holding the ClickHouse password (or set SEGMENT_CLICKHOUSE_PASSWORD)' },
  table: { flag: '--table <name>', help: 'ClickHouse table (database.table), MergeTree or Distributed' },
  query: { flag: '--query <sql>', help: 'a read-only SELECT instead of --table' },
  caFile: { flag: '--ca-file <file>', help: "with an https --url: PEM file of the authority that signed the server's certificate (default: the system's)" },
  timeout: { flag: '--timeout <seconds>', help: 'ClickHouse request timeout in seconds', default: '300', parse: (v, name) => seconds(name, v) },
  create: { flag: '--create', help: 'create the table (MergeTree, documented schema) when it does not exist' },

  // segment schema.
  list: { flag: '--list', help: 'list the schema names' },
} as const satisfies Record<string, OptionRow>;

export type OptionName = keyof typeof OPTIONS;

/** Commander's name of an option's value: `customer-name` is `customerName`. */
export function camel(option: string): string {
  return option.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The column overrides (--customer, --date, …), one per field that has an option (sources/files/fields.ts). */
export const FIELD_OPTIONS: Readonly<Record<string, OptionRow>> = Object.fromEntries(
  OVERRIDABLE_FIELDS.map((f) => [camel(f.option!), { flag: `--${f.option} <column>`, help: `column holding the ${f.describe}` }]),
);

/** In a list of option names: the column overrides, in the order of the fields. */
export const FIELDS = '...fields';
type ListedName = OptionName | typeof FIELDS;

// The option lists several commands share (names, not declarations).
export const OUTPUT_OPTIONS = ['format', 'json', 'top', 'output'] as const satisfies readonly OptionName[];
export const CUSTOMERS_OPTIONS = ['customers', 'customersKey'] as const satisfies readonly OptionName[];
export const WINDOW_OPTIONS = ['asOf', 'from', 'to'] as const satisfies readonly OptionName[];
export const ANALYSIS_OPTIONS = [
  ...WINDOW_OPTIONS, 'by', 'method', 'limits', 'period', 'xyzBy', 'xyzSpan', 'xyzLimits', 'xyzMinPeriods', 'monetary', 'bins', 'rCuts', 'fCuts', 'mCuts', 'quantiles',
  'segments', 'ideal', 'elite', 'oneOffThreshold', 'oneOff', 'costPerOrder',
] as const satisfies readonly OptionName[];
export const ENGINE_OPTIONS = ['memoryLimit', 'tempDir', 'threads'] as const satisfies readonly OptionName[];
export const PRIVACY_OPTIONS = ['pseudonymize', 'pseudonymizeKeyFile'] as const satisfies readonly OptionName[];
export const READ_OPTIONS = [
  'kind', 'map', FIELDS, 'sheet', 'skip', 'delimiter', 'encoding', 'columns', 'decimal', 'dateFormat', 'customerPattern', 'currency', 'rates', 'rejects', 'maxRejectRate',
  ...ENGINE_OPTIONS, ...PRIVACY_OPTIONS,
] as const satisfies readonly ListedName[];
export const CLICKHOUSE_OPTIONS = ['engine', 'url', 'user', 'passwordFile', 'table', 'query', 'caFile', 'timeout'] as const satisfies readonly OptionName[];
/** --clv of report; customers adds the bootstrap's --intervals and --seed. */
export const CLV_OPTIONS = ['clv', 'horizon', 'discountRate', 'model'] as const satisfies readonly OptionName[];
/** The reading options of a command that reads one CRM file (audit, score): with `variant: 'crm'`. */
export const CRM_READ_OPTIONS = ['map', 'skip', 'delimiter', 'encoding', 'decimal', 'dateFormat', 'rejects', 'maxRejectRate', 'tempDir'] as const satisfies readonly OptionName[];

/** What an option is in one command: the row with that command's (or its variant's) differences. */
export function optionRow(name: string, command?: { readonly name: string; readonly variant?: string }): OptionRow {
  const row: OptionRow | undefined = (OPTIONS as Record<string, OptionRow>)[name] ?? FIELD_OPTIONS[name];
  if (row === undefined) throw new Error(`no option '${name}' in the option table`);
  const variant = command ? (row.variants?.[command.name] ?? (command.variant !== undefined ? row.variants?.[command.variant] : undefined)) : undefined;
  return variant ? { ...row, ...variant } : row;
}

/** Every option name a list stands for, the column overrides spelled out. */
export function expandNames(names: readonly ListedName[]): string[] {
  return names.flatMap((n) => (n === FIELDS ? Object.keys(FIELD_OPTIONS) : [n]));
}

/** The long flag of an option (`--xyz-min-periods`), for messages. */
export function longFlag(name: string): string {
  return /--[\w-]+/.exec(optionRow(name).flag)![0];
}

export interface CommandOptions {
  /** The command, for its variants (help, default) of an option. */
  readonly name: string;
  readonly variant?: string;
  /** The command's output formats: --format's choices, the first its default. */
  readonly formats?: readonly string[];
  /** Show --help in groups (the commands with many options). */
  readonly grouped?: boolean;
}

/** Adds the named options to a command, in order, as the table declares them. */
export function addOptions(cmd: Command, names: readonly ListedName[], command: CommandOptions): Command {
  for (const name of expandNames(names)) {
    const row = optionRow(name, command);
    const option = new Option(row.flag, row.help);
    const choices = row.choices === 'formats' ? command.formats : row.choices;
    if (choices !== undefined) option.choices([...choices]);
    const value = row.default === 'formats' ? command.formats?.[0] : row.default;
    if (value !== undefined) option.default(value);
    if (row.repeatable) option.argParser((v: string, previous: string | string[] | undefined) => [...(previous === undefined ? [] : Array.isArray(previous) ? previous : [previous]), v]);
    if (row.required) option.makeOptionMandatory();
    cmd.addOption(option);
    if (row.default === 'formats') {
      // --help shows the command's default format, but planOutput applies it, after --json and the
      // --output file's extension (src/formats/index.ts chooseFormat): not given is left undefined.
      cmd.hook('preAction', (c) => {
        if (c.getOptionValueSource(name) === 'default') c.setOptionValueWithSource(name, undefined, 'default');
      });
    }
    const needs = row.requires;
    if (needs !== undefined) {
      cmd.hook('preAction', (c) => {
        const o = c.opts();
        if (o[name] !== undefined && o[needs.option] === undefined) throw new UsageError(needs.message);
      });
    }
  }
  if (command.grouped) groupHelp(cmd);
  return cmd;
}

/** Puts each option into its help group, and orders the options so that groups come in order. */
function groupHelp(cmd: Command): void {
  const groupOf = (o: Option): HelpGroup => optionRow(o.attributeName()).group ?? READING;
  for (const option of cmd.options) option.helpGroup(groupOf(option));
  // Commander lists groups in the order their first option was added: sort, keeping each group's order.
  const ranked = cmd.options.map((option, i) => ({ option, i, group: HELP_GROUPS.indexOf(groupOf(option)) }));
  ranked.sort((a, b) => a.group - b.group || a.i - b.i);
  (cmd.options as Option[]).splice(0, cmd.options.length, ...ranked.map((r) => r.option));
  cmd.helpOption('-h, --help', 'show this help');
}

/** An option's value as its row reads it: the given string, or its default; undefined when neither. */
export function parseOption(name: OptionName, value: string | undefined, command?: { readonly name: string }): unknown {
  const row = optionRow(name, command);
  const text = value ?? (row.default === 'formats' ? undefined : (row.default ?? row.fallback));
  if (text === undefined || row.parse === undefined) return text;
  return row.parse(text, longFlag(name).slice(2));
}

/** The options only export files have (a ClickHouse table's typed columns decide none of them). */
export const FILE_ONLY_OPTIONS: readonly OptionName[] = (Object.keys(OPTIONS) as OptionName[]).filter((n) => (OPTIONS[n] as OptionRow).files === true);

// The parsed types: what commander gives each option, derived from its row.
type Row<N extends OptionName> = (typeof OPTIONS)[N];
type ValueOf<R> = R extends { readonly repeatable: true }
  ? string | string[]
  : R extends { readonly choices: readonly (infer C)[] }
    ? C
    : R extends { readonly flag: `${string}...>` }
      ? string[]
      : R extends { readonly flag: `${string}<${string}` }
        ? string
        : boolean;

/** The raw options of a command that has the options `N`, as commander hands them to the action. */
export type RawOptions<N extends OptionName> = { [P in N]?: ValueOf<Row<P>> };

/** The column overrides by option name (`customerName`), and whatever else commander adds. */
export type FieldOverrideOptions = { [column: string]: unknown };

/** `segment customers`: one sheet of customers, a row each, as CSV (also for Excel) or .xlsx. */
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { addAnalysisOptions, parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import { emit, warn, type CommandIO } from './context.js';
import { addClickHouseOptions, type RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from './clickhouse-source.js';
import { addHelpGroups } from './help-groups.js';
import { addCustomersOptions, addReadOptions, parsePseudonymizer, type RawReadOptions } from './options.js';

const EXAMPLES = `Examples:
  segment customers sales.csv > customers.csv                       a row per customer, all figures
  segment customers invoices.csv --customers accounts.csv --excel --output kunder.csv
  segment customers invoices.csv --format xlsx --output customers.xlsx
  segment customers sales.csv | grep ',elite,'                       the elite, for a mailing

Columns: customer, name (from --customers where the transactions have none), rank, revenue, share,
orders, avg_check, margin and margin_rate (when known), contribution (--cost-per-order),
first_date, last_date, recency_days, abc_class, xyz_class, abc_xyz, r, f, m, rfm_score, segment,
group (elite, ideal or empty), on_time_share and mean_days_late (with due and paid dates), and
flags: the report's "who we don't need" groups, or "ideal, but pays late: fix the terms".
`;

interface CustomersOptions extends RawReadOptions, RawClickHouseOptions, RawAnalysisOptions {
  customers?: string;
  customersKey?: string;
  format: 'csv' | 'xlsx';
  excel?: boolean;
  output?: string;
}

export function customersCommand(io: () => CommandIO): Command {
  const cmd = new Command('customers')
    .summary('one sheet of customers: figures, classes, scores, group and flags (CSV or .xlsx)')
    .description('One row per customer with everything the analyses say about them: revenue, orders, ABC, XYZ, RFM scores and segment, ideal or elite, and the report\'s flags.')
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'xlsx']).default('csv'))
    .option('--excel', "CSV for Excel in a Nordic or German locale: ';' between fields, decimal comma, UTF-8 byte order mark")
    .option('--output <file>', 'write the result to a file instead of stdout');
  addCustomersOptions(cmd, 'names where the transactions have none');
  addAnalysisOptions(cmd);
  addReadOptions(cmd);
  addClickHouseOptions(cmd);
  addHelpGroups(cmd);
  cmd.action(async (files: string[], opts: CustomersOptions) => {
    const out = io();
    if (opts.excel && opts.format !== 'csv') throw new UsageError('--excel is for --format csv; an .xlsx workbook needs no locale conventions');
    if (opts.format === 'xlsx' && (opts.output === undefined || opts.output === '-') && out.stdout.isTTY) {
      throw new UsageError('--format xlsx writes a binary workbook: pass --output FILE.xlsx, or redirect stdout to a file');
    }
    const params = await parseAnalysisOptions(opts);
    const pseudonyms = await parsePseudonymizer(opts);
    await withSource(out, files, opts, async ({ engine, read }) => {
      const { analyseTransactions } = await import('../analysis/run.js');
      const run = await analyseTransactions(engine, read, params);
      const warnings = [...run.warnings];
      let analysis = run.analysis;
      if (opts.customers !== undefined) {
        const { joinCustomersFile, withDisplayNames } = await import('./customers-file.js');
        const joined = await joinCustomersFile(opts.customers, engine, analysis, { tempDir: opts.tempDir, key: opts.customersKey, read });
        warnings.push(...joined.warnings);
        if (!pseudonyms) analysis = withDisplayNames(analysis, joined.names);
      }
      if (pseudonyms) analysis = (await import('../analysis/pseudonyms.js')).pseudonymizeAnalysis(analysis, pseudonyms);
      for (const w of warnings) warn(out, w);
      const { customerSheet } = await import('../analysis/customer-sheet.js');
      const sheet = customerSheet(analysis);
      const render = await import('../render/customer-sheet.js');
      const body = opts.format === 'xlsx' ? await render.customerSheetXlsx(sheet, analysis.params.asOf) : render.customerSheetCsv(sheet, opts.excel === true);
      await emit(out, body, opts.output);
    }, { format: opts.format });
  });
  return cmd;
}

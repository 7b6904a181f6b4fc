/** `segment customers`: one sheet of customers, a row each, as CSV (also for Excel) or .xlsx. */
import { Command } from 'commander';
import { HIGH_ALIVE, LOW_ALIVE, predictedColumns } from '../analyses/customer-clv.js';
import { planOutput, writeDocument } from '../formats/index.js';
import { checkClvOptions, parseClvNumbers, parseIntervals } from './clv.js';
import { parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import { runIO, warn, type CommandIO } from './context.js';
import type { RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from '../sources/open.js';
import { parseSourceOptions } from './source-options.js';
import { parsePseudonymizer, parseEngineLimits, type RawReadOptions } from './options.js';
import { ANALYSIS_OPTIONS, CLICKHOUSE_OPTIONS, CLV_OPTIONS, CUSTOMERS_OPTIONS, READ_OPTIONS, addOptions, type RawOptions } from './options-table.js';

/** The formats of the customer sheet; the first is the default. */
const FORMATS = ['csv', 'xlsx', 'json', 'ndjson', 'parquet', 'table', 'md'] as const;
const OPTIONS = ['format', 'json', 'top', 'excel', 'output', ...CUSTOMERS_OPTIONS, ...CLV_OPTIONS, 'intervals', 'seed', ...ANALYSIS_OPTIONS, ...READ_OPTIONS, ...CLICKHOUSE_OPTIONS] as const;

const EXAMPLES = `Examples:
  segment customers sales.csv > customers.csv                       a row per customer, all figures
  segment customers invoices.csv --customers accounts.csv --excel --output kunder.csv
  segment customers invoices.csv --format xlsx --output customers.xlsx
  segment customers sales.csv | grep ',elite,'                       the elite, for a mailing
  segment customers sales.csv --clv --format xlsx --output crm.xlsx  with P(alive), CLV, churn risk, next order
  segment customers sales.csv --clv --format ndjson | jq -c 'select(.churn_risk == "high")'

Columns: customer, name (from --customers where the transactions have none), rank, revenue, share,
orders, avg_check, margin and margin_rate (when known), contribution (--cost-per-order),
first_date, last_date, recency_days, abc_class, xyz_class, abc_xyz, r, f, m, rfm_score, segment,
group (elite, ideal or empty), on_time_share and mean_days_late (with due and paid dates), and
flags: the report's "who we don't need" groups, or "ideal, but pays late: fix the terms".
With --clv: p_alive, expected_purchases and clv (as segment clv), churn_risk (from P(alive): high
below ${LOW_ALIVE}, medium below ${HIGH_ALIVE}, else low), spend_tier (CLV terciles among repeat buyers) and
expected_next_order (the as-of date plus the expected time to the next purchase, given alive).
`;

type CustomersOptions = RawReadOptions & RawClickHouseOptions & RawAnalysisOptions & RawOptions<'json' | 'top' | 'excel' | 'output' | 'intervals' | 'seed' | (typeof CUSTOMERS_OPTIONS)[number] | (typeof CLV_OPTIONS)[number]> & {
  format?: (typeof FORMATS)[number];
  color?: boolean;
};

export function customersCommand(io: () => CommandIO): Command {
  const cmd = new Command('customers')
    .description('One row per customer with everything the analyses say about them: revenue, orders, ABC, XYZ, RFM scores and segment, ideal or elite, and the report\'s flags.')
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'customers', formats: FORMATS, grouped: true });
  cmd.action(async (files: string[], opts: CustomersOptions) => {
    const out = io();
    const plan = planOutput({ ...opts, formats: FORMATS }, out.stdout);
    checkClvOptions(opts);
    const params = await parseAnalysisOptions(opts);
    const pseudonyms = await parsePseudonymizer(opts);
    const intervals = opts.clv ? parseIntervals(opts) : undefined;
    const clvSettings = opts.clv ? { ...(opts.model ? { model: opts.model } : {}), ...(intervals ? { intervals } : {}), ...parseClvNumbers(opts) } : undefined;
    const spec = await parseSourceOptions(opts, files);
    const sideFiles = parseEngineLimits(opts);
    await withSource(spec, runIO(out, plan.format), async ({ source, read }) => {
      const { analyseTransactions } = await import('../analyses/run.js');
      const run = await analyseTransactions(source, read, params);
      const warnings = [...run.warnings];
      let analysis = run.analysis;
      if (opts.customers !== undefined) {
        const { withCustomersFile } = await import('../analyses/customers-file.js');
        const joined = await withCustomersFile(analysis, { file: opts.customers, key: opts.customersKey, sideFiles, read, pseudonymized: pseudonyms !== null });
        warnings.push(...joined.join.warnings);
        analysis = joined.analysis;
      }
      const clv = clvSettings ? await predictedColumns(source, analysis.params, clvSettings, warnings) : undefined;
      const clvColumns = clv && pseudonyms ? new Map([...clv.columns].map(([k, v]) => [pseudonyms.customer(k), v])) : clv?.columns;
      if (pseudonyms) analysis = (await import('../analyses/pseudonyms.js')).pseudonymizeAnalysis(analysis, pseudonyms);
      for (const w of warnings) warn(out, w);
      const { customerSheet } = await import('../analyses/customer-sheet.js');
      const sheet = customerSheet(analysis, clvColumns);
      const { customersDocument } = await import('../documents/customers-document.js');
      await writeDocument(customersDocument({ sheet, asOf: analysis.params.asOf, method: clv?.method ?? [], warnings }), plan);
    });
  });
  return cmd;
}

import { planOutput, writeDocument } from '../formats/index.js';
import { Command } from 'commander';
import { customerKeys } from '../analysis/customer-table.js';
import { inputAttributes } from '../analysis/report-inputs.js';
import type { AccountsMatch } from '../analysis/report.js';
import { parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import type { OutputOptions } from './analysis-run.js';
import { warn, type CommandIO } from './context.js';
import type { RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from './clickhouse-source.js';
import { parsePseudonymizer, type RawReadOptions } from './options.js';
import { ANALYSIS_OPTIONS, CLICKHOUSE_OPTIONS, CLV_OPTIONS, OUTPUT_OPTIONS, READ_OPTIONS, addOptions, type RawOptions } from './options-table.js';
import { DataError, UsageError, quote } from '../errors.js';
import { checkStdinOnce } from './stdin.js';
import { plural } from '../documents/format.js';
import { monthlyRevenueOf, reportFormat } from './report-charts.js';
import type { Engine } from '../engine/engine.js';
import type { ClvResult } from '../models/clv.js';
import { checkClvOptions, parseClvNumbers } from './clv.js';

/** The models for --clv; a fit that fails leaves the report whole, with the reason. */
async function predictedValue(
  engine: Engine,
  p: { asOf: string; windowStart: string },
  opts: ReportOptions,
  warnings: string[],
): Promise<{ result: ClvResult; method: string[] } | { failure: string }> {
  const { runClv } = await import('../analysis/clv-run.js');
  const { clvMethodItems } = await import('../documents/clv.js');
  try {
    const run = await runClv(engine, { asOf: p.asOf, from: p.windowStart, unit: 'day', ...(opts.model ? { model: opts.model } : {}), ...parseClvNumbers(opts) });
    // The window's own warnings are the report's already; the models' are new.
    warnings.push(...run.result.warnings.map((w) => `--clv: ${w}`));
    return { result: run.result, method: clvMethodItems(run) };
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    warnings.push(`--clv: no prediction: ${err.message}`);
    return { failure: err.message };
  }
}

/** The formats of the report; the first is the default (see `reportFormat` for --output FILE.html). */
const FORMATS = ['md', 'json', 'html', 'table', 'ndjson', 'csv', 'parquet', 'xlsx'] as const;
const REPORT_OPTIONS = ['customers', 'customersKey', 'picks', 'attributes', 'excludeAttributes', 'keepAttribute', 'previous', 'charts', 'deals', 'dealsMap'] as const;
const OPTIONS = [...REPORT_OPTIONS, ...CLV_OPTIONS, ...ANALYSIS_OPTIONS, ...OUTPUT_OPTIONS, ...READ_OPTIONS, ...CLICKHOUSE_OPTIONS] as const;

const EXAMPLES = `Examples:
  segment report sales.csv > report.md                                   the ideal-customer profile
  segment report invoices.csv --customers accounts.csv --picks picks.csv --output report.md
  segment report invoices.csv --cost-per-order 45 --as-of 2024-12-31
  segment report sales.csv --json | jq '.ranking[] | select(.group == "elite") | .name'
  segment report sales.csv --previous last-week.json > report.md      what changed since the saved JSON
  segment report invoices.csv --customers accounts.csv --output report.html    HTML with charts (from the extension)
  segment report sales.csv --format md --charts charts > report.md        Markdown, charts as SVG files in charts/
  segment report invoices.csv --customers accounts.csv --deals hubspot-deals.csv > report.md

Sections: what was read; headline; the ranked ideal customers; ABC×XYZ matrix and RFM segments;
portrait of the ideal customer (attributes from the inputs and --customers, with lift and a test
of chance); persona cards; the accounts against the staff's picks (--picks: customer, picked_by,
reason); who we don't need; method. With --deals (a CRM deals export): how they found us and how
long it took (channels that bring ideal customers, days to a won deal; see segment journey).

HTML (--format html, or --output FILE.html): one self-contained file, no request leaves it, with
six charts drawn in: the Pareto curve, the ABC×XYZ and R×F heatmaps, the RFM segments, revenue
per month of the ideal customers against the rest, and the portrait's lifts.
`;

type ReportOptions = RawReadOptions & RawClickHouseOptions & RawAnalysisOptions & OutputOptions<(typeof FORMATS)[number]> & RawOptions<(typeof REPORT_OPTIONS)[number] | (typeof CLV_OPTIONS)[number]>;

export function reportCommand(io: () => CommandIO): Command {
  const cmd = new Command('report')
    .description('The ideal-customer report: who the ideal customers are, what they have in common, and who we are wrong about.')
    .argument('[files...]', 'CSV/TXT exports, optionally gzipped; - for stdin; none with --engine clickhouse')
    .addHelpText('before', EXAMPLES)
    .addHelpText('after', '\nThe format is md unless --format or --json says otherwise, or --output names a .html file.');
  addOptions(cmd, OPTIONS, { name: 'report', formats: FORMATS, grouped: true });
  cmd.action(async (files: string[], opts: ReportOptions) => {
    const out = io();
    const format = reportFormat(opts, cmd.getOptionValueSource('format') === 'cli');
    const plan = planOutput({ ...opts, format }, out.stdout);
    const params = await parseAnalysisOptions(opts);
    const pseudonyms = await parsePseudonymizer(opts);
    checkClvOptions(opts);
    if (opts.keepAttribute !== undefined && !pseudonyms) throw new UsageError('--keep-attribute is for --pseudonymize, which drops attribute columns that look personal');
    checkStdinOnce([...files.map((f) => ({ what: 'an input', value: f })), { what: '--customers', value: opts.customers }, { what: '--picks', value: opts.picks }, { what: '--previous', value: opts.previous }, { what: '--deals', value: opts.deals }]);
    const previousReport = opts.previous !== undefined ? await (await import('./report-previous.js')).loadPreviousReport(opts.previous) : null;
    await withSource(out, files, opts, async ({ engine, read }) => {
      const { analyseTransactions } = await import('../analysis/run.js');
      const { buildReport } = await import('../analysis/report.js');
      const run = await analyseTransactions(engine, read, params);
      // Summed on the real keys, before any pseudonyms; only when the charts are drawn.
      const monthly = () => monthlyRevenueOf(engine, run.analysis);
      const warnings = [...run.warnings];
      const clv = opts.clv ? await predictedValue(engine, run.analysis.params, opts, warnings) : undefined;
      let analysis = run.analysis;
      const keys = new Set(customerKeys(analysis));

      // Attributes from the inputs' own columns (a customer's most frequent value).
      const attributes = inputAttributes(await engine.customerAttributes(), read.attributeNames, keys);

      let accounts: AccountsMatch | null = null;
      let picks = null;
      let deals: { read: import('../ingest/deals.js').DealsRead; journey: import('../analysis/journey.js').Journey } | null = null;
      if (opts.deals !== undefined) {
        const { dealReadOptions, readDealMap, readDeals } = await import('./deal-options.js');
        const { journey } = await import('../analysis/journey.js');
        const { TempDir } = await import('../tempdir.js');
        const temp = new TempDir(opts.tempDir);
        try {
          const dealOptions = dealReadOptions(await readDealMap(opts.dealsMap, '--deals-map'), 'deals', '--deals', { ...(opts.maxRejectRate !== undefined ? { maxRejectRate: opts.maxRejectRate } : {}) });
          const dealsRead = await readDeals(opts.deals, dealOptions, engine, temp);
          for (const n of dealsRead.notes) warnings.push(`${dealsRead.file}: ${n}`);
          deals = { read: dealsRead, journey: journey(dealsRead.deals, analysis.customers) };
        } finally {
          temp.remove();
        }
      }
      if (opts.customers !== undefined) {
        const { joinCustomersFile, withDisplayNames } = await import('./customers-file.js');
        const joined = await joinCustomersFile(opts.customers, engine, analysis, { tempDir: opts.tempDir, key: opts.customersKey, read });
        accounts = joined.accounts;
        warnings.push(...joined.warnings);
        // The customers file is the CRM's record: its attributes win over an input column of the same name.
        for (const attr of joined.attributes) attributes.set(attr.name, attr);
        // Display names from the CRM where the transactions have none.
        if (!pseudonyms) analysis = withDisplayNames(analysis, joined.names);
      }
      if (opts.picks !== undefined) {
        const { readPicksTable } = await import('../ingest/table.js');
        const { TempDir } = await import('../tempdir.js');
        const temp = new TempDir(opts.tempDir);
        try {
          picks = await readPicksTable(opts.picks, engine, temp);
        } finally {
          temp.remove();
        }
        if (picks.malformed > 0) warnings.push(`${picks.file}: ${plural(picks.malformed, 'malformed row')} ${picks.malformed === 1 ? 'is' : 'are'} not read`);
      }
      // Line-level columns of the inputs (values that vary within a customer) are no traits.
      const { chooseAttributes } = await import('../analysis/report-inputs.js');
      const lineLevel = new Set(read.inputs.flatMap((i) => i.attributes.filter((a) => a.level === 'transaction').map((a) => a.name)));
      const leftOut = chooseAttributes(attributes, lineLevel, { only: opts.attributes, exclude: opts.excludeAttributes });
      if (pseudonyms) {
        // Joined on the real keys above; from here on only pseudonyms. Personal columns go.
        const { pseudonymizeReportInputs } = await import('../analysis/report-inputs.js');
        const p = pseudonymizeReportInputs({ analysis, attributes, accounts, picks, deals }, pseudonyms, new Set(opts.keepAttribute ?? []));
        ({ analysis, accounts, picks, deals } = p);
        warnings.push(...p.warnings);
        leftOut.push(...p.leftOut);
      }
      const clvInput = clv && pseudonyms && 'result' in clv
        ? { ...clv, result: { ...clv.result, customers: clv.result.customers.map((c) => ({ ...c, key: pseudonyms.customer(c.key), name: '' })) } }
        : clv;
      const previous = previousReport ? await (await import('./report-previous.js')).comparePrevious(previousReport, analysis, read) : null;
      if (previous) warnings.push(...previous.warnings.map((w) => `--previous ${previousReport!.file}: ${w}`));
      const model = buildReport({ analysis, attributes: [...attributes.values()], leftOut, accounts, picks, ...(clvInput ? { clv: clvInput } : {}) });
      if (model.picks) {
        const { plain } = await import('../documents/blocks.js');
        const { unmatchedHint } = await import('../documents/report.js');
        for (const u of model.picks.unmatched) {
          warnings.push(`${model.picks.file}: the pick ${quote(u.customer)}${u.pickedBy ? ` (by ${u.pickedBy})` : ''} matches no customer by key or name; ${plain(unmatchedHint(u.nearest))}`);
        }
      }
      for (const w of warnings) warn(out, w);
      const { reportDocument } = await import('../documents/report-document.js');
      await writeDocument(reportDocument({ model, ctx: { read, excluded: run.excluded, warnings }, previous, deals, monthly }), plan);
    }, { format });
  });
  return cmd;
}

import { planOutput, writeDocument } from '../formats/index.js';
import { Command } from 'commander';
import type { ReportSettings } from '../analyses/report-run.js';
import type { DealReadOptions } from '../sources/files/deals.js';
import { parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import type { OutputOptions } from './analysis-run.js';
import { runIO, warn, type CommandIO } from './context.js';
import type { RawClickHouseOptions } from './clickhouse-options.js';
import { withSource } from '../sources/open.js';
import { parseSourceOptions } from './source-options.js';
import { parsePseudonymizer, parseEngineLimits, type RawReadOptions } from './options.js';
import { ANALYSIS_OPTIONS, CLICKHOUSE_OPTIONS, CLV_OPTIONS, OUTPUT_OPTIONS, READ_OPTIONS, addOptions, type RawOptions } from './options-table.js';
import { UsageError } from '../kernel/errors.js';
import { checkStdinOnce } from './stdin.js';
import { checkClvOptions, parseClvNumbers } from './clv.js';

/** The formats of the report; the first is the default (--output FILE.html picks html: formats/index.ts chooseFormat). */
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
    .addHelpText('after', '\nThe format is md unless --format or --json says otherwise, or the --output file\nnames another the report writes: report.html, report.json, ranking.csv, ...');
  addOptions(cmd, OPTIONS, { name: 'report', formats: FORMATS, grouped: true });
  cmd.action(async (files: string[], opts: ReportOptions) => {
    const out = io();
    const plan = planOutput({ ...opts, formats: FORMATS }, out.stdout);
    const settings = await reportSettings(opts);
    checkStdinOnce([...files.map((f) => ({ what: 'an input', value: f })), { what: '--customers', value: opts.customers }, { what: '--picks', value: opts.picks }, { what: '--previous', value: opts.previous }, { what: '--deals', value: opts.deals }]);
    const previousReport = opts.previous !== undefined ? await (await import('./report-previous.js')).loadPreviousReport(opts.previous) : null;
    const deals = opts.deals !== undefined ? { file: opts.deals, options: await dealOptions(opts) } : undefined;
    const spec = await parseSourceOptions(opts, files);
    await withSource(spec, runIO(out, plan.format), async ({ source, read }) => {
      const { runReport } = await import('../analyses/report-run.js');
      // The CLV wording and the comparison with a saved report are loaded only when asked for.
      const clvMethod = settings.clv ? (await import('../documents/clv.js')).clvMethodItems : () => [];
      const comparePrevious = previousReport ? (await import('../documents/previous-comparison.js')).comparePrevious : undefined;
      const run = await runReport(source, read, { ...settings, deals }, { clvMethod, previous: previousReport && comparePrevious ? (analysis) => comparePrevious(previousReport, analysis, read) : undefined });
      for (const w of run.warnings) warn(out, w);
      const { reportDocument } = await import('../documents/report-document.js');
      const { model, previous, monthly, warnings, excluded } = run;
      await writeDocument(reportDocument({ model, ctx: { read, excluded, warnings }, previous, deals: run.deals, monthly }), plan);
    });
  });
  return cmd;
}

/** The report's options, parsed before any file is opened. */
async function reportSettings(opts: ReportOptions): Promise<Omit<ReportSettings, 'deals'>> {
  const params = await parseAnalysisOptions(opts);
  const pseudonyms = await parsePseudonymizer(opts);
  checkClvOptions(opts);
  if (opts.keepAttribute !== undefined && !pseudonyms) throw new UsageError('--keep-attribute is for --pseudonymize, which drops attribute columns that look personal');
  return {
    params,
    sideFiles: parseEngineLimits(opts),
    ...(opts.customers !== undefined ? { customers: { file: opts.customers, key: opts.customersKey } } : {}),
    ...(opts.picks !== undefined ? { picks: opts.picks } : {}),
    ...(opts.clv ? { clv: { ...(opts.model ? { model: opts.model } : {}), ...parseClvNumbers(opts) } } : {}),
    attributes: { only: opts.attributes, exclude: opts.excludeAttributes },
    pseudonyms,
    keepAttributes: opts.keepAttribute ?? [],
  };
}

/** --deals-map and the reading options of --deals (read before the inputs: a usage error comes before any file is opened). */
async function dealOptions(opts: ReportOptions): Promise<DealReadOptions> {
  const { dealReadOptions, readDealMap } = await import('./deal-options.js');
  return dealReadOptions(await readDealMap(opts.dealsMap, '--deals-map'), 'deals', '--deals', { ...(opts.maxRejectRate !== undefined ? { maxRejectRate: opts.maxRejectRate } : {}) });
}

import { Command } from 'commander';
import { UsageError } from '../kernel/errors.js';
import { planOutput, writeDocument } from '../formats/index.js';
import { parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import type { OutputOptions } from './analysis-run.js';
import { runIO, warn, type CommandIO } from './context.js';
import { type RawClickHouseOptions, wantsClickHouse } from './clickhouse-options.js';
import { withSource } from '../sources/open.js';
import { parseSourceOptions } from './source-options.js';
import { dealReadOptions, readDealMap, readDeals, writeDealRejects } from './deal-options.js';
import { parsePseudonymizer, parseEngineLimits, type RawReadOptions } from './options.js';
import { ANALYSIS_OPTIONS, CLICKHOUSE_OPTIONS, OUTPUT_OPTIONS, READ_OPTIONS, addOptions, optionRow, type RawOptions } from './options-table.js';

const EXAMPLES = `Examples:
  segment journey deals.csv --sales invoices.csv                 channels, days and activities to a won deal
  segment journey hubspot-deals.csv --sales 2023.csv 2024.csv --group Market --format md
  segment journey pipedrive.csv --sales sales.csv --deals-map deals-map.json --json
  segment journey sales_pipeline.csv --sales sales_pipeline.csv   one file: its won deals are the sales

The deals export (HubSpot, Pipedrive, Salesforce or any CRM: one row per deal) is joined to the
customers of the sales files by company key (or name). Shown per product category and customer
group (ideal or other, ABC class, RFM segment, --group COLUMN): deals, won, win rate, days from
created to won and activities before a won deal (median and quartiles). Per channel: the share
of ideal customers among the customers it won first, its lift over all won customers, and
whether that is beyond chance (the portrait's test). Deals without a company are counted in the
outcomes and matched to no customer.

Read options (--map, --decimal, …) apply to the sales files; the deals file's columns and
conventions are detected, or given in --deals-map FILE:
  {"columns": {"stage": "Phase", "channel": "Kilde"}, "decimal": "comma", "dateFormat": "dd.mm.yyyy"}
`;

/** The formats of `segment journey`; the first is the default. */
const FORMATS = ['table', 'md', 'json', 'csv', 'ndjson', 'parquet', 'xlsx'] as const;
const OPTIONS = ['sales', 'dealsMap', 'dealsRejects', 'group', ...ANALYSIS_OPTIONS, ...OUTPUT_OPTIONS, ...READ_OPTIONS, ...CLICKHOUSE_OPTIONS] as const;

type JourneyOptions = RawReadOptions & RawClickHouseOptions & RawAnalysisOptions & OutputOptions<(typeof FORMATS)[number]> & RawOptions<'sales' | 'dealsMap' | 'dealsRejects' | 'group'>;

/**
 * One file as both the deals and the sales: its won deals are the sales. Unless the sales columns
 * are named (--customer, --amount, --date, --stage, --map, --columns), they are the deals' company,
 * amount, close date and status or stage, and a note on stderr says so.
 */
async function readDealsAsSales(file: string, dealOptions: import('../sources/files/deals.js').DealReadOptions, opts: JourneyOptions, out: CommandIO): Promise<void> {
  const named = ['customer', 'customerName', 'amount', 'date', 'stage', 'status', 'map', 'columns'].some((k) => opts[k] !== undefined);
  if (named) return;
  const { dealSalesColumns } = await import('../sources/files/deals.js');
  const { TempDir } = await import('../kernel/tempdir.js');
  const temp = new TempDir(opts.tempDir);
  try {
    const columns = await dealSalesColumns(file, dealOptions, temp);
    Object.assign(opts, columns);
    const said = Object.entries(columns).map(([option, column]) => `--${option} '${column}'`).join(' ');
    warn(out, `${file} is both the deals and the sales file: its won deals are the sales, read with ${said}`);
  } finally {
    temp.remove();
  }
}

export function journeyCommand(io: () => CommandIO): Command {
  const cmd = new Command('journey')
    .description('How they found us and how long it took: a CRM deals export against the customers of the sales files.')
    .argument('<deals>', 'the CRM deals export (CSV), optionally gzipped')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'journey', formats: FORMATS });
  cmd.action(async (dealsFile: string, opts: JourneyOptions) => {
    const out = io();
    const plan = planOutput({ ...opts, formats: FORMATS }, out.stdout);
    if (opts.sales === undefined && !wantsClickHouse(opts)) throw new UsageError(`required option '${optionRow('sales').flag}' not specified (or read the sales from a server with --engine clickhouse)`);
    const sales = opts.sales ?? [];
    if (dealsFile === '-' && sales.includes('-')) throw new UsageError('stdin (-) can be read only once: give the deals file by its name to use it also as a sales file');
    const params = await parseAnalysisOptions(opts);
    const pseudonyms = await parsePseudonymizer(opts);
    const map = await readDealMap(opts.dealsMap, '--deals-map');
    const dealOptions = dealReadOptions(map, 'deals', 'deals', { ...(opts.maxRejectRate !== undefined ? { maxRejectRate: opts.maxRejectRate } : {}) });
    // Only when it is the one sales file: the columns would be given to every sales file.
    if (sales.length === 1 && sales[0] === dealsFile) await readDealsAsSales(dealsFile, dealOptions, opts, out);
    const spec = await parseSourceOptions(opts, sales);
    const sideFiles = parseEngineLimits(opts);
    await withSource(spec, runIO(out, plan.format), async ({ source, read }) => {
      const { analyseTransactions } = await import('../analyses/run.js');
      const { journey } = await import('../analyses/journey.js');
      const { withSideFiles } = await import('../sources/files/side-files.js');
      const run = await analyseTransactions(source, read, params);
      const deals = await withSideFiles(sideFiles, (tables, temp) => readDeals(dealsFile, dealOptions, tables, temp));
      const { findHeader } = await import('../sources/files/deal-fields.js');
      const { attributeKey } = await import('../sources/files/deal-fields.js');
      const named = opts.group === undefined ? -1 : findHeader(deals.attributeNames, opts.group);
      const groupIndex = opts.group === undefined || named >= 0 ? named : deals.attributeNames.findIndex((c) => attributeKey(c) === attributeKey(opts.group!));
      if (opts.dealsRejects !== undefined) await writeDealRejects(opts.dealsRejects, deals);
      if (opts.group !== undefined && groupIndex < 0) {
        throw new UsageError(`--group '${opts.group}' is not a portrait column of ${deals.file}; its columns are ${deals.attributeNames.map((c) => `'${c}'`).join(', ')}`);
      }
      for (const w of [...run.warnings, ...deals.notes.map((n) => `${deals.file}: ${n}`)]) warn(out, w);
      let j = journey(deals.deals, run.analysis.customers, groupIndex >= 0 ? { groupColumn: deals.attributeNames[groupIndex]! } : {});
      // Matched on the real keys; the companies named in the output are pseudonymized.
      if (pseudonyms) j = { ...j, match: { ...j.match, wonWithoutPurchases: j.match.wonWithoutPurchases.map((k) => pseudonyms.customer(k)).sort() } };
      if (j.match.companiesMatched === 0 && j.match.companies > 0) {
        warn(out, `${deals.file}: none of its ${j.match.companies} companies matches a customer of the sales files: are they keyed by another id? Name the key column in --deals-map ({"columns": {"company": "…"}})`);
      }
      const { journeyDocument } = await import('../documents/deals-documents.js');
      await writeDocument(journeyDocument(j, deals), plan);
    });
  });
  return cmd;
}

/**
 * `segment report`'s work, from the read transactions to the report's model: the analysis, --clv,
 * the input's attributes, --deals, the --customers join, --picks, the choice of attributes,
 * --pseudonymize, --previous, and every warning in the order it is printed. The command parses
 * the options into `ReportSettings`; the documents draw the result.
 */
import type { Source } from '../sources/source.js';
import { DataError } from '../kernel/errors.js';
import type { DealReadOptions, DealsRead } from '../sources/files/deals.js';
import type { ReadResult } from '../sources/files/read-result.js';
import type { EngineLimits } from '../sources/files/side-files.js';
import type { Pseudonymizer } from '../kernel/pseudonymize.js';
import type { Analysis } from './analysis.js';
import type { ClvOptions, ClvRun } from './clv-run.js';
import { customerKeys, tableOf } from './customer-table.js';
import type { Journey } from './journey.js';
import type { MonthRevenue } from './monthly.js';
import { unmatchedPickWarnings } from './picks.js';
import type { AccountsMatch, ReportInputs as ModelInputs, ReportModel } from './report.js';
import { inputAttributes, type ReportInputs } from './report-inputs.js';
import type { AnalysisRun } from './run.js';
import type { StaticParams } from './window.js';

/** The report's options, parsed. */
export interface ReportSettings {
  readonly params: StaticParams;
  /** How the side files (--customers, --picks, --deals) are read: their own engine's temp folder and limits. */
  readonly sideFiles?: EngineLimits | undefined;
  readonly customers?: { readonly file: string; readonly key?: string | undefined } | undefined;
  readonly picks?: string | undefined;
  readonly deals?: { readonly file: string; readonly options: DealReadOptions } | undefined;
  readonly clv?: Pick<ClvOptions, 'model' | 'horizonDays' | 'discountRate'> | undefined;
  readonly attributes: { readonly only?: readonly string[] | undefined; readonly exclude?: readonly string[] | undefined };
  readonly pseudonyms: Pseudonymizer | null;
  readonly keepAttributes: readonly string[];
}

/** What the run needs from the layers above it: wording is the documents'. */
export interface ReportHooks<P> {
  /** The Method section's items for a CLV fit (documents/clv.ts `clvMethodItems`). */
  readonly clvMethod: (run: ClvRun) => string[];
  /** --previous: this run's analysis (as shown: pseudonymised where asked) against the saved report, with its warnings. */
  readonly previous?: ((analysis: Analysis) => P) | undefined;
}

export type ReportDeals = NonNullable<ReportInputs['deals']>;

export interface ReportRun<P> {
  readonly model: ReportModel;
  readonly previous: P | null;
  readonly deals: ReportDeals | null;
  /** Monthly revenue of the ideal customers and the rest, summed on the real keys: asked for only when the charts are drawn. */
  readonly monthly: () => Promise<MonthRevenue[]>;
  readonly warnings: string[];
  readonly excluded: AnalysisRun['excluded'];
}

export async function runReport<P extends { readonly warnings: readonly string[] }>(source: Source, read: ReadResult, settings: ReportSettings, hooks: ReportHooks<P>): Promise<ReportRun<P>> {
  const { analyseTransactions } = await import('./run.js');
  const { buildReport } = await import('./report.js');
  const run = await analyseTransactions(source, read, settings.params);
  const warnings = [...run.warnings];
  const clv = settings.clv ? await predictedValue(source, run.analysis.params, settings.clv, hooks.clvMethod, warnings) : undefined;
  const inputs = await joinedInputs(source, read, run.analysis, settings, warnings);
  // Line-level columns of the inputs (values that vary within a customer) are no traits.
  const { chooseAttributes, pseudonymizeReportInputs } = await import('./report-inputs.js');
  const lineLevel = new Set(read.inputs.flatMap((i) => i.attributes.filter((a) => a.level === 'transaction').map((a) => a.name)));
  const leftOut = chooseAttributes(inputs.attributes, lineLevel, settings.attributes);
  let { analysis, accounts, picks, deals } = inputs;
  const pseudonyms = settings.pseudonyms;
  if (pseudonyms) {
    // Joined on the real keys above; from here on only pseudonyms. Personal columns go.
    const p = pseudonymizeReportInputs(inputs, pseudonyms, new Set(settings.keepAttributes));
    ({ analysis, accounts, picks, deals } = p);
    warnings.push(...p.warnings);
    leftOut.push(...p.leftOut);
  }
  const clvInput = clv && pseudonyms && 'result' in clv ? { ...clv, result: { ...clv.result, customers: clv.result.customers.map((c) => ({ ...c, key: pseudonyms.customer(c.key), name: '' })) } } : clv;
  const previous = hooks.previous ? hooks.previous(analysis) : null;
  if (previous) warnings.push(...previous.warnings);
  const model = buildReport({ analysis, attributes: [...inputs.attributes.values()], leftOut, accounts, picks, ...(clvInput ? { clv: clvInput } : {}) });
  if (model.picks) warnings.push(...unmatchedPickWarnings(model.picks));
  return { model, previous, deals, monthly: () => monthlyRevenueOf(source, run.analysis), warnings, excluded: run.excluded };
}

/** The models for --clv; a fit that fails leaves the report whole, with the reason. */
async function predictedValue(source: Source, p: { asOf: string; windowStart: string }, clv: NonNullable<ReportSettings['clv']>, method: ReportHooks<unknown>['clvMethod'], warnings: string[]): Promise<NonNullable<ModelInputs['clv']>> {
  const { runClv } = await import('./clv-run.js');
  try {
    const run = await runClv(source, { asOf: p.asOf, from: p.windowStart, unit: 'day', ...(clv.model ? { model: clv.model } : {}), horizonDays: clv.horizonDays, discountRate: clv.discountRate });
    // The window's own warnings are the report's already; the models' are new.
    warnings.push(...run.result.warnings.map((w) => `--clv: ${w}`));
    return { result: run.result, method: method(run) };
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    warnings.push(`--clv: no prediction: ${err.message}`);
    return { failure: err.message };
  }
}

/** The input's attributes, --deals, --customers and --picks, read and joined on the real keys. */
async function joinedInputs(source: Source, read: ReadResult, first: Analysis, settings: ReportSettings, warnings: string[]): Promise<ReportInputs> {
  let analysis = first;
  // Attributes from the inputs' own columns (a customer's most frequent value).
  const attributes = inputAttributes(await source.customerAttributes(), read.attributeNames, new Set(customerKeys(analysis)));
  let accounts: AccountsMatch | null = null;
  let picks: ReportInputs['picks'] = null;
  const deals = settings.deals ? await readDeals(settings.deals, settings.sideFiles ?? {}, analysis, warnings) : null;
  if (settings.customers) {
    const { withCustomersFile } = await import('./customers-file.js');
    const { join, analysis: named } = await withCustomersFile(analysis, { ...settings.customers, sideFiles: settings.sideFiles, read, pseudonymized: settings.pseudonyms !== null });
    accounts = join.accounts;
    warnings.push(...join.warnings);
    // The customers file is the CRM's record: its attributes win over an input column of the same name.
    for (const attr of join.attributes) attributes.set(attr.name, attr);
    analysis = named;
  }
  if (settings.picks !== undefined) {
    const { readPicksTable } = await import('../sources/files/table.js');
    const { withSideFiles } = await import('../sources/files/side-files.js');
    const { plural } = await import('../kernel/text.js');
    picks = await withSideFiles(settings.sideFiles ?? {}, (tables, temp) => readPicksTable(settings.picks!, tables, temp));
    if (picks.malformed > 0) warnings.push(`${picks.file}: ${plural(picks.malformed, 'malformed row')} ${picks.malformed === 1 ? 'is' : 'are'} not read`);
  }
  return { analysis, attributes, accounts, picks, deals };
}

/** --deals: the CRM's deals and the journey of the analysis's customers through them. */
async function readDeals(deals: NonNullable<ReportSettings['deals']>, sideFiles: EngineLimits, analysis: Analysis, warnings: string[]): Promise<{ read: DealsRead; journey: Journey }> {
  const { readCrmFile } = await import('../sources/files/deals.js');
  const { withSideFiles } = await import('../sources/files/side-files.js');
  const { journey } = await import('./journey.js');
  const read = await withSideFiles(sideFiles, (tables, temp) => readCrmFile(deals.file, deals.options, tables, temp));
  for (const n of read.notes) warnings.push(`${read.file}: ${n}`);
  return { read, journey: journey(read.deals, analysis.customers) };
}

/** Monthly revenue of the ideal customers and the rest (keys as the source has them: before pseudonyms). */
export async function monthlyRevenueOf(source: Source, analysis: Analysis): Promise<MonthRevenue[]> {
  const { monthlyRevenue } = await import('./monthly.js');
  const p = analysis.params;
  const table = tableOf(analysis);
  const ideal = table.ideal().map((i) => table.key(i));
  const periods = await source.revenueByPeriod({ from: p.windowStart, to: p.windowEnd, period: 'month' }, ideal);
  return monthlyRevenue(periods, p.windowStart, p.windowEnd);
}

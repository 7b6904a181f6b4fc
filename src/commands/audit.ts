import { Command } from 'commander';
import { DataError, UsageError } from '../kernel/errors.js';
import type { Requirement } from '../analyses/audit.js';
import { DEAL_FIELD_NAMES, findHeader } from '../sources/files/deal-fields.js';
import type { Deal, DealsRead } from '../sources/files/deals.js';
import { plural } from '../documents/format.js';
import { planOutput, writeDocument } from '../formats/index.js';
import type { OutputOptions } from './analysis-run.js';
import { warn, type CommandIO } from './context.js';
import { parseEngineLimits } from './options.js';
import { withSideFiles } from '../sources/files/side-files.js';
import { CRM_READ_OPTIONS, OUTPUT_OPTIONS, addOptions, type RawOptions } from './options-table.js';
import { dealReadOptions, parseStages, readDealMap, readDeals, writeDealRejects, type RawDealOptions } from './deal-options.js';

const EXAMPLES = `Examples:
  segment audit deals.csv --require Industry,"Company size","Contact role"
  segment audit pipedrive.csv --require "Organization - Industry" --after-stage "Proposal Made" \\
      --stages "Lead In,Qualified,Proposal Made,Negotiations Started"
  segment audit deals.csv --require industry,owner --strict --format csv > incomplete.csv   (nightly cron: exit 3 when any)

The deals at or past the qualification stage (open deals at --after-stage or later, and won
deals) with a required field empty: counted by field, owner and stage, and listed with their
line. The check to run before making the ideal-customer fields mandatory in the CRM.

Stage order: --stages in pipeline order, or the default vocabulary (HubSpot, Pipedrive and
Salesforce defaults and their Nordic and German names) in four steps: new (Lead In, Appointment
scheduled, Prospecting, …), qualified (Qualified to buy, Qualification, Needs analysis, …),
proposal (Proposal Made, Proposal/Price Quote, Decision maker bought-in, …), negotiation
(Negotiations Started, Negotiation/Review, Contract sent, …). --after-stage defaults to qualified.
An open stage in neither is refused with the --stages and --after-stage to pass, in pipeline
order as far as the data tells (check it). Deals without a company are in scope and lack it when
it is required. --strict also exits 3 when a row could not be read.
`;

/** A value as one shell word: as it is when nothing in it needs quoting, else in single quotes. */
function shellWord(value: string): string {
  return /^[\w.,:/+@%-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** Each --require name as a deal field (owner, amount, …) or a column of the file. */
function requirementsFor(names: readonly string[], read: DealsRead): Requirement[] {
  const columns = read.columns.map((c) => c.name);
  return names.map((name) => {
    const index = findHeader(columns, name);
    const column = index >= 0 ? read.columns[index]! : undefined;
    const field = column?.field ?? (index < 0 ? DEAL_FIELD_NAMES.find((f) => f === name.toLowerCase()) : undefined);
    if (field === 'company' || field === 'company_name') {
      // The company is there when either its key or its name is.
      return { name: column?.name ?? name, value: (d: Deal) => d.company ?? d.companyName };
    }
    if (field !== undefined && field !== null) {
      const key = field === 'deal' ? 'id' : field;
      return { name: column?.name ?? name, value: (d: Deal) => (d as unknown as Record<string, string | number | null>)[key] ?? null };
    }
    if (column === undefined) throw new UsageError(`--require '${name}' is not a column of ${read.file}; its columns are ${columns.map((c) => `'${c}'`).join(', ')}`);
    return { name: column.name, value: (d: Deal) => d.attributes[column.name] ?? null };
  });
}

/** The formats of `segment audit`; the first is the default. */
const FORMATS = ['table', 'md', 'json', 'csv', 'ndjson', 'parquet', 'xlsx'] as const;
const OPTIONS = ['require', 'afterStage', 'stages', 'strict', ...OUTPUT_OPTIONS, ...CRM_READ_OPTIONS] as const;

type AuditOptions = RawDealOptions & OutputOptions<(typeof FORMATS)[number]> & RawOptions<'afterStage' | 'stages' | 'strict' | 'rejects' | 'tempDir'> & { require: string; map?: string };

export function auditCommand(io: () => CommandIO): Command {
  const cmd = new Command('audit')
    .description('The qualification audit: deals at or past a stage with required fields empty, by field, owner and stage.')
    .argument('<deals>', 'the CRM deals export (CSV), optionally gzipped; - for stdin')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'audit', variant: 'crm', formats: FORMATS });
  cmd.action(async (file: string, opts: AuditOptions) => {
    const out = io();
    const plan = planOutput({ ...opts, formats: FORMATS }, out.stdout);
    const order = parseStages(opts.stages);
    const names = opts.require.split(',').map((s) => s.trim());
    if (names.some((n) => n === '')) throw new UsageError(`--require takes column names separated by commas, not '${opts.require}'`);
    const { DEFAULT_STAGES, stageStep } = await import('../sources/files/deal-fields.js');
    const afterStage = opts.afterStage ?? (order ? undefined : 'qualified');
    if (afterStage === undefined) throw new UsageError('with --stages, name the qualification stage with --after-stage STAGE');
    const afterStep = order ? stageStep(afterStage, order) : Math.max(DEFAULT_STAGES.findIndex((s) => s.step === afterStage.toLowerCase()), stageStep(afterStage, undefined));
    if (afterStep < 0) {
      throw new UsageError(`--after-stage '${afterStage}' is not ${order ? `in --stages (${order.join(', ')})` : `a stage of the default vocabulary (steps ${DEFAULT_STAGES.map((s) => s.step).join(', ')}); pass --stages in pipeline order`}`);
    }
    const map = await readDealMap(opts.map, '--map');
    const readOptions = dealReadOptions(map, 'deals', 'audit', opts);
    await withSideFiles(parseEngineLimits(opts), async (tables, temp) => {
      const read = await readDeals(file, readOptions, tables, temp);
      if (opts.rejects !== undefined) await writeDealRejects(opts.rejects, read);
      for (const n of read.notes) warn(out, `${read.file}: ${n}`);
      const { audit, suggestStages, unknownStages } = await import('../analyses/audit.js');
      const unknown = unknownStages(read.deals, order);
      if (unknown.length > 0) {
        const suggested = suggestStages(read.deals, order);
        throw new DataError(
          `${read.file}: ${unknown.length === 1 ? 'the open stage' : `${unknown.length} open stages`} ${unknown.slice(0, 4).map((u) => `'${u.stage}' (${plural(u.deals, 'deal')})`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the ${order ? '--stages list' : 'default stage vocabulary'}; pass every open stage in pipeline order and the qualification stage: --stages ${shellWord(suggested.stages.join(','))} --after-stage ${shellWord(opts.afterStage ?? suggested.afterStage)} (check the order: ${order ? 'the stages not in your list are at its end' : 'stages the vocabulary does not know are placed by the age of their deals'})`,
        );
      }
      const requirements = requirementsFor(names, read);
      const a = audit(read.deals, requirements, afterStage, afterStep, order);
      const { auditDocument } = await import('../documents/deals-documents.js');
      await writeDocument(auditDocument(a, read), plan);
      if (opts.strict && a.incomplete > 0) {
        throw new DataError(`${a.incomplete} of ${a.inScope} deals at or past '${afterStage}' lack a required field (--strict)`);
      }
      // A row that could not be read is a deal nobody checked: a nightly job must not report it as fine.
      if (opts.strict && read.rows.rejected > 0) {
        throw new DataError(`${read.file}: ${plural(read.rows.rejected, 'row')} could not be read, so ${read.rows.rejected === 1 ? 'its deal is' : 'their deals are'} not checked (--strict); list them with --rejects FILE`);
      }
    });
  });
  return cmd;
}

import { jsonChunks } from '../render/json.js';
import { Command } from 'commander';
import type { Attribute } from '../analysis/portrait.js';
import type { AccountsMatch } from '../analysis/report.js';
import { addAnalysisOptions, parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import { addOutputOptions, parseTop, type OutputOptions } from './analysis-run.js';
import { emit, warn, withTransactions, type CommandIO } from './context.js';
import { addHelpGroups } from './help-groups.js';
import { addReadOptions, parsePseudonymizer, type RawReadOptions } from './options.js';
import { UsageError, quote } from '../errors.js';
import { checkStdinOnce } from './stdin.js';
import { plural } from '../render/format.js';

const EXAMPLES = `Examples:
  segment report sales.csv > report.md                                   the ideal-customer profile
  segment report invoices.csv --customers accounts.csv --picks picks.csv --output report.md
  segment report invoices.csv --cost-per-order 45 --as-of 2024-12-31
  segment report sales.csv --json | jq '.ranking[] | select(.group == "elite") | .name'
  segment report sales.csv --previous last-week.json > report.md      what changed since the saved JSON

Sections: what was read; headline; the ranked ideal customers; ABC×XYZ matrix and RFM segments;
portrait of the ideal customer (attributes from the inputs and --customers, with lift and a test
of chance); persona cards; the accounts against the staff's picks (--picks: customer, picked_by,
reason); who we don't need; method.
`;

interface ReportOptions extends RawReadOptions, RawAnalysisOptions, OutputOptions {
  customers?: string;
  picks?: string;
  keepAttribute?: string[];
  previous?: string;
}

export function reportCommand(io: () => CommandIO): Command {
  const cmd = new Command('report')
    .summary('the ideal-customer report: ranking, portrait, personas, picks (Markdown or JSON)')
    .description('The ideal-customer report: who the ideal customers are, what they have in common, and who we are wrong about.')
    .argument('<files...>', 'CSV/TXT exports, optionally gzipped; - for stdin')
    .addHelpText('before', EXAMPLES)
    .option('--customers <file>', 'a CRM customers (accounts, contacts) export keyed like the transactions: its columns become attributes')
    .option('--picks <file>', "the staff's picks of their best customers: customer, picked_by, reason")
    .option('--keep-attribute <column...>', 'with --pseudonymize: keep this attribute column although it looks personal')
    .option('--previous <file>', 'a saved report (segment report --json) to compare with: adds "What changed since …"');
  addAnalysisOptions(cmd);
  addOutputOptions(cmd, ['md', 'json'], 'md', 'ideal customers listed in the ranking (default: 50 in Markdown, all in JSON)');
  addReadOptions(cmd);
  addHelpGroups(cmd);
  cmd.action(async (files: string[], opts: ReportOptions) => {
    const out = io();
    const format = opts.json ? 'json' : opts.format;
    const top = parseTop(opts.top);
    const params = await parseAnalysisOptions(opts);
    const pseudonyms = await parsePseudonymizer(opts);
    if (opts.keepAttribute !== undefined && !pseudonyms) throw new UsageError('--keep-attribute is for --pseudonymize, which drops attribute columns that look personal');
    checkStdinOnce([...files.map((f) => ({ what: 'an input', value: f })), { what: '--customers', value: opts.customers }, { what: '--picks', value: opts.picks }, { what: '--previous', value: opts.previous }]);
    const previousReport = opts.previous !== undefined ? await (await import('./report-previous.js')).loadPreviousReport(opts.previous) : null;
    await withTransactions(out, files, opts, async ({ engine, read }) => {
      const { analyseTransactions } = await import('../analysis/run.js');
      const { buildReport } = await import('../analysis/report.js');
      const run = await analyseTransactions(engine, read, params);
      const warnings = [...run.warnings];
      let analysis = run.analysis;
      const keys = new Set(analysis.customers.map((c) => c.key));

      // Attributes from the inputs' own columns (a customer's most frequent value).
      const fromInputs = await engine.customerAttributes();
      const attributes = new Map<string, Attribute>();
      for (const name of read.attributeNames) {
        const values = new Map<string, string>();
        for (const [key, attrs] of fromInputs) {
          const v = attrs.get(name);
          if (v !== undefined && keys.has(key)) values.set(key, v);
        }
        attributes.set(name, { name, source: 'inputs', values });
      }

      let accounts: AccountsMatch | null = null;
      let picks = null;
      if (opts.customers !== undefined) {
        const { joinCustomersFile, withDisplayNames } = await import('./customers-file.js');
        const joined = await joinCustomersFile(opts.customers, engine, analysis, opts.tempDir);
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
      if (pseudonyms) {
        // Joined on the real keys above; from here on only pseudonyms. Personal columns go.
        const { personalColumn } = await import('../pseudonymize.js');
        const { pseudonymizeAnalysis } = await import('../analysis/pseudonyms.js');
        const { pickMatcher } = await import('../analysis/picks.js');
        const kept = new Set(opts.keepAttribute ?? []);
        for (const [name, attr] of attributes) {
          const why = kept.has(name) ? null : personalColumn(name, [...attr.values.values()]);
          if (why !== null) {
            attributes.delete(name);
            warnings.push(`--pseudonymize: attribute column '${name}' is left out: ${why} (keep it with --keep-attribute '${name}')`);
            continue;
          }
          attributes.set(name, { ...attr, values: new Map([...attr.values].map(([k, v]) => [pseudonyms.customer(k), v])) });
        }
        if (accounts) {
          accounts = {
            ...accounts,
            unmatchedAccounts: accounts.unmatchedAccounts.map((k) => pseudonyms.customer(k)).sort(),
            customersWithoutAccount: accounts.customersWithoutAccount.map((k) => pseudonyms.customer(k)),
          };
        }
        if (picks) {
          // A pick names a customer by key or by name: resolved on the real ones, then replaced.
          const match = pickMatcher(analysis.customers);
          picks = {
            ...picks,
            picks: picks.picks.map((pick) => ({
              customer: pseudonyms.customer(match(pick.customer)?.key ?? pick.customer),
              pickedBy: pick.pickedBy === null ? null : pseudonyms.staff(pick.pickedBy),
              reason: null,
            })),
          };
        }
        analysis = pseudonymizeAnalysis(analysis, pseudonyms);
      }
      const previous = previousReport ? await (await import('./report-previous.js')).comparePrevious(previousReport, analysis, read) : null;
      if (previous) warnings.push(...previous.warnings.map((w) => `--previous ${previousReport!.file}: ${w}`));
      const model = buildReport({ analysis, attributes: [...attributes.values()], accounts, picks });
      if (model.picks) {
        const { plain } = await import('../render/blocks.js');
        const { unmatchedHint } = await import('../render/report.js');
        for (const u of model.picks.unmatched) {
          warnings.push(`${model.picks.file}: the pick ${quote(u.customer)}${u.pickedBy ? ` (by ${u.pickedBy})` : ''} matches no customer by key or name; ${plain(unmatchedHint(u.nearest))}`);
        }
      }
      for (const w of warnings) warn(out, w);
      const ctx = { read, excluded: run.excluded, top, warnings };
      const { reportBlocks, reportJson } = await import('../render/report.js');
      if (format === 'json') {
        await emit(out, jsonChunks(previous ? { ...reportJson(model, ctx), changes: previous.json } : reportJson(model, ctx)), opts.output);
      } else {
        const { renderMarkdown } = await import('../render/blocks.js');
        const blocks = reportBlocks(model, ctx);
        await emit(out, renderMarkdown(previous ? (await import('./report-previous.js')).withChangesSection(blocks, previous.blocks) : blocks), opts.output);
      }
    }, { format });
  });
  return cmd;
}

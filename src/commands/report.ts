import { jsonChunks } from '../render/json.js';
import { Command } from 'commander';
import type { Attribute } from '../analysis/portrait.js';
import type { AccountsMatch } from '../analysis/report.js';
import { addAnalysisOptions, parseAnalysisOptions, type RawAnalysisOptions } from './analysis-options.js';
import { addOutputOptions, parseTop, type OutputOptions } from './analysis-run.js';
import { emit, warn, withTransactions, type CommandIO } from './context.js';
import { addReadOptions, parsePseudonymizer, type RawReadOptions } from './options.js';
import { UsageError, quote } from '../errors.js';
import { checkStdinOnce } from './stdin.js';

const EXAMPLES = `Examples:
  segment report sales.csv > report.md                                   the ideal-customer profile
  segment report invoices.csv --customers accounts.csv --picks picks.csv --output report.md
  segment report invoices.csv --cost-per-order 45 --as-of 2024-12-31
  segment report sales.csv --json | jq '.ranking[] | select(.group == "elite") | .name'

Sections: what was read; headline; the ranked ideal customers; ABC×XYZ matrix and RFM segments;
portrait of the ideal customer (attributes from the inputs and --customers, with lift and a test
of chance); persona cards; the accounts against the staff's picks (--picks: customer, picked_by,
reason); who we don't need; method.
`;

interface ReportOptions extends RawReadOptions, RawAnalysisOptions, OutputOptions {
  customers?: string;
  picks?: string;
  keepAttribute?: string[];
}

export function reportCommand(io: () => CommandIO): Command {
  const cmd = new Command('report')
    .summary('the ideal-customer report: ranking, portrait, personas, picks (Markdown or JSON)')
    .description('The ideal-customer report: who the ideal customers are, what they have in common, and who we are wrong about.')
    .argument('<files...>', 'CSV/TXT exports, optionally gzipped; - for stdin')
    .addHelpText('before', EXAMPLES)
    .option('--customers <file>', 'a CRM customers (accounts, contacts) export keyed like the transactions: its columns become attributes')
    .option('--picks <file>', "the staff's picks of their best customers: customer, picked_by, reason")
    .option('--keep-attribute <column...>', 'with --pseudonymize: keep this attribute column although it looks personal');
  addAnalysisOptions(cmd);
  addOutputOptions(cmd, ['md', 'json'], 'md');
  addReadOptions(cmd);
  cmd.action(async (files: string[], opts: ReportOptions) => {
    const out = io();
    const format = opts.json ? 'json' : opts.format;
    const top = parseTop(opts.top);
    const params = await parseAnalysisOptions(opts);
    const pseudonyms = await parsePseudonymizer(opts);
    if (opts.keepAttribute !== undefined && !pseudonyms) throw new UsageError('--keep-attribute is for --pseudonymize, which drops attribute columns that look personal');
    checkStdinOnce([...files.map((f) => ({ what: 'an input', value: f })), { what: '--customers', value: opts.customers }, { what: '--picks', value: opts.picks }]);
    await withTransactions(out, files, opts, async ({ engine, read }) => {
      const { analyseTransactions } = await import('../analysis/run.js');
      const { buildReport } = await import('../analysis/report.js');
      const { readCustomersTable, readPicksTable } = await import('../ingest/table.js');
      const { TempDir } = await import('../tempdir.js');
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

      const temp = new TempDir(opts.tempDir);
      let accounts: AccountsMatch | null = null;
      let picks = null;
      try {
        if (opts.customers !== undefined) {
          const table = await readCustomersTable(opts.customers, engine, temp);
          const names = new Map<string, string>();
          const columns = table.columns.map((name, i) => ({ name, i })).filter(({ i }) => i !== table.keyIndex && i !== table.nameIndex);
          const values = columns.map(() => new Map<string, string>());
          const seen = new Set<string>();
          for (const row of table.rows) {
            if (row.key === null || !keys.has(row.key)) continue;
            seen.add(row.key);
            if (table.nameIndex !== undefined && row.fields[table.nameIndex]) names.set(row.key, row.fields[table.nameIndex]!);
            columns.forEach(({ i }, k) => {
              const v = row.fields[i];
              if (v !== null && v !== undefined && v.trim() !== '') values[k]!.set(row.key!, v.trim());
            });
          }
          // The customers file is the CRM's record: its attributes win over an input column of the same name.
          columns.forEach(({ name }, k) => attributes.set(name, { name, source: table.file, values: values[k]! }));
          const fileKeys = [...new Set(table.rows.map((r) => r.key).filter((k): k is string => k !== null))];
          accounts = {
            file: table.file,
            rows: table.rows.length,
            matched: seen.size,
            unmatchedAccounts: fileKeys.filter((k) => !keys.has(k)).sort(),
            customersWithoutAccount: analysis.customers.filter((c) => !seen.has(c.key)).map((c) => c.key),
            malformed: table.malformed,
          };
          if (accounts.malformed > 0) warnings.push(`${table.file}: ${accounts.malformed} malformed rows are not read`);
          if (accounts.matched === 0 && fileKeys.length > 0) {
            warnings.push(
              `${table.file}: none of its ${fileKeys.length} customer keys (like ${quote(fileKeys[0]!)}) matches a customer of the transactions (like ${quote(analysis.customers[0]?.key ?? '')}): is it keyed by another id? Its attributes are not used`,
            );
          } else if (accounts.unmatchedAccounts.length > 0) warnings.push(`${table.file}: ${accounts.unmatchedAccounts.length} customer keys have no transactions`);
          // Display names from the CRM where the transactions have none.
          if (names.size > 0 && !pseudonyms) {
            analysis = { ...analysis, customers: analysis.customers.map((c) => (c.name === c.key && names.has(c.key) ? { ...c, name: names.get(c.key)! } : c)) };
          }
        }
        if (opts.picks !== undefined) {
          picks = await readPicksTable(opts.picks, engine, temp);
          if (picks.malformed > 0) warnings.push(`${picks.file}: ${picks.malformed} malformed rows are not read`);
        }
      } finally {
        temp.remove();
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
      for (const w of warnings) warn(out, w);
      const model = buildReport({ analysis, attributes: [...attributes.values()], accounts, picks });
      const ctx = { read, excluded: run.excluded, top, warnings };
      const { reportBlocks, reportJson } = await import('../render/report.js');
      if (format === 'json') {
        await emit(out, jsonChunks(reportJson(model, ctx)), opts.output);
      } else {
        const { renderMarkdown } = await import('../render/blocks.js');
        await emit(out, renderMarkdown(reportBlocks(model, ctx)), opts.output);
      }
    }, { format });
  });
  return cmd;
}

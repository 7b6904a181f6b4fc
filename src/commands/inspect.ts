import { planOutput, writeDocument } from '../formats/index.js';
import { Command } from 'commander';
import { parsePseudonymizer, type RawReadOptions } from './options.js';
import { READ_OPTIONS, addOptions, type RawOptions } from './options-table.js';
import { runIO, type CommandIO } from './context.js';
import { withSource } from '../sources/open.js';
import { parseFilesOptions } from './source-options.js';

const EXAMPLES = `Examples:
  segment inspect sales.csv                      how a CRM export is read
  segment inspect kontoudtog.csv --kind bank     a bank statement: counterparties become customers
  segment inspect a.csv b.csv --format json      per input and in total, for machines
  segment inspect export.csv --date Bokföringsdatum --decimal comma
  segment inspect export.csv --encoding windows-1250 --write-map bank.json   then: --map bank.json
  segment inspect invoices.xlsx --sheet 2        a workbook: its sheets, the one read, its cell types
  gunzip -c big.csv.gz | segment inspect -       stdin

What it shows: kind, encoding, delimiter, header line; each column with the field it maps to and
why; number and date conventions with the evidence that settled them; rows read, used, rejected
(by reason, with line numbers), skipped (by rule) and unattributed; customers, orders, currency,
date span. Use it to debug a mapping before running an analysis.
`;

/** The formats of `segment inspect`; the first is the default. */
const FORMATS = ['table', 'json', 'md', 'ndjson', 'csv', 'parquet', 'xlsx'] as const;
const OPTIONS = [...READ_OPTIONS, 'format', 'json', 'output', 'writeMap'] as const;

type InspectOptions = RawReadOptions & RawOptions<'json' | 'output' | 'writeMap'> & { format?: (typeof FORMATS)[number]; color?: boolean };

export function inspectCommand(io: () => CommandIO): Command {
  const cmd = new Command('inspect')
    .description('Show how segment reads each input and accounts for every row.')
    .argument('<files...>', 'CSV/TXT exports (optionally gzipped; - for stdin), .xlsx workbooks or Parquet files')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'inspect', formats: FORMATS });
  cmd.action(async (files: string[], opts: InspectOptions) => {
    const out = io();
    const plan = planOutput({ ...opts, formats: FORMATS }, out.stdout);
    // Inspect shows no customer keys; the key is still required, as for every command.
    await parsePseudonymizer(opts);
    // Inspect counts identical rows too: it stages every record, not groups of them.
    const spec = await parseFilesOptions(opts, files, { failOnRejects: false, countIdentical: true });
    const failure = await withSource(
      spec,
      runIO(out, plan.format),
      async ({ read }) => {
        // Notes and rejects are part of the inspection itself, not repeated on stderr.
        const { inspectDocument } = await import('../documents/inspect.js');
        if (opts.writeMap !== undefined) (await import('../sources/files/write-map.js')).writeMapFile(opts.writeMap, read.inputs);
        await writeDocument(inspectDocument(read), plan);
        return read.failure;
      },
    );
    // The inspection is shown first: it is how a user finds out why rows were rejected.
    if (failure) throw failure;
  });
  return cmd;
}

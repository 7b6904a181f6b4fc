/**
 * segment load: exports read with all of the ingestion (encodings, locale numbers, rules,
 * rejects, overlapping exports matched), appended as typed transactions to a ClickHouse table.
 * Each row carries its file's content hash in `source`: a file already loaded is skipped, so a
 * nightly re-run never doubles rows.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Command } from 'commander';
import { DataError, UsageError } from '../kernel/errors.js';
import { checkIdentifier } from '../sources/clickhouse/names.js';
import { formatInt, formatMoney } from '../documents/format.js';
import { parseClickHouseTarget, type RawClickHouseOptions } from './clickhouse-options.js';
import { emit, runIO, warn, type CommandIO } from './context.js';
import { withFiles } from '../sources/open.js';
import { parseFilesOptions } from './source-options.js';
import type { RawReadOptions } from './options.js';
import { CLICKHOUSE_OPTIONS, READ_OPTIONS, addOptions, type RawOptions } from './options-table.js';

const EXAMPLES = `Examples:
  segment load invoices-2026-12-01.csv --engine clickhouse --url https://ch.example:8443 --user segment --password-file ~/.ch-pass --table sales.tx
  segment load *.csv --engine clickhouse --url http://127.0.0.1:8123 --table tx --create
  segment abcxyz --engine clickhouse --url http://127.0.0.1:8123 --table tx      then analyse on the server

Each file's rows are tagged with a hash of its content; a file loaded before is skipped, so running
the same nightly job twice leaves one copy. --create makes a MergeTree table with the documented
schema (README, "More data than one machine"); a Distributed table is created by you on the cluster.
`;

/** A load appends to a table: no --query. */
const OPTIONS = [...READ_OPTIONS, ...CLICKHOUSE_OPTIONS.filter((o) => o !== 'query'), 'create'] as const;

type LoadOptions = RawReadOptions & RawClickHouseOptions & RawOptions<'create'>;

async function fileTag(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 32);
}

export function loadCommand(io: () => CommandIO): Command {
  const cmd = new Command('load')
    .description('Read exports as every command does and append the used transactions to a ClickHouse table.')
    .argument('<files...>', 'CSV/TXT exports, optionally gzipped')
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'load' });
  cmd.action(async (files: string[], opts: LoadOptions) => runLoad(io(), files, opts));
  return cmd;
}

async function runLoad(io: CommandIO, files: readonly string[], opts: LoadOptions): Promise<void> {
  if (opts.engine !== 'clickhouse') throw new UsageError('load writes to a server: give --engine clickhouse --url URL --table NAME');
  if (files.includes('-')) throw new UsageError('load reads files, not stdin: a file is recognised by its content hash when it is loaded again');
  if (opts.table === undefined) throw new UsageError('load needs --table NAME');
  const table = checkIdentifier(opts.table, '--table');
  const target = await parseClickHouseTarget(opts);
  const { ClickHouseConnection } = await import('../sources/clickhouse/connection.js');
  const { createMergeTreeSql, TRANSACTION_COLUMNS } = await import('../sources/clickhouse/schema.js');
  const db = ClickHouseConnection.open(target);
  try {
    if (opts.create) await db.command(createMergeTreeSql(table));
    const have = new Set((await db.describe(`\`${table.split('.').join('`.`')}\``)).map((c) => c.name));
    const missing = TRANSACTION_COLUMNS.map(([n]) => n).filter((n) => !have.has(n));
    if (missing.length > 0) throw new DataError(`table ${table} at ${db.where} lacks the columns ${missing.join(', ')} of the schema load writes; see the README or use --create with a new table`);
    const tags = await Promise.all(files.map(fileTag));
    const quoted = tags.map((t) => `'${t}'`).join(', ');
    const loaded = new Set((await db.rows<{ source: string }>(`SELECT DISTINCT source FROM \`${table.split('.').join('`.`')}\` WHERE source IN (${quoted})`)).map((r) => r.source));
    const todo = files.map((f, i) => ({ file: f, tag: tags[i]! })).filter((x) => !loaded.has(x.tag));
    const lines: string[] = files.filter((_, i) => loaded.has(tags[i]!)).map((f) => `${f}: loaded before, skipped`);
    if (todo.length > 0) {
      const spec = await parseFilesOptions(opts, todo.map((t) => t.file), { countIdentical: true });
      await withFiles(spec, runIO(io, 'table'), async ({ engine, read }) => {
        for (const w of read.warnings) warn(io, w);
        const { TempDir } = await import('../kernel/tempdir.js');
        const temp = new TempDir(opts.tempDir);
        try {
          const csv = await temp.file('load.csv');
          const rows = await engine.exportTransactions(csv, todo.map((t) => t.tag), read.currency);
          await db.insertCsv(table, TRANSACTION_COLUMNS.map(([n]) => n), createReadStream(csv));
          lines.push(`${todo.map((t) => t.file).join(', ')}: ${formatInt(rows)} transactions (${formatMoney(read.total.usedAmount)}) loaded into ${table} at ${db.where}`);
        } finally {
          temp.remove();
        }
      });
    }
    await emit(io, lines.join('\n'), undefined);
  } finally {
    await db.close();
  }
}

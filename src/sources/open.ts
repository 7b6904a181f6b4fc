/**
 * The one place a run's source is opened: export files read into the embedded DuckDB engine
 * (files/read.ts), or a typed ClickHouse table (clickhouse/). The command has parsed every option
 * into a SourceSpec before (commands/source-options.ts); here the source is opened, its rows read
 * or accounted for, `fn` runs on it, and everything is closed whatever happens. The engines are
 * loaded on first use, so that a command's --help loads neither.
 */
import { DataError } from '../kernel/errors.js';
import { startProgress } from '../kernel/progress.js';
import { TempDir } from '../kernel/tempdir.js';
import { plural } from '../kernel/text.js';
import type { ClickHouseRelation } from './clickhouse/clickhouse-source.js';
import type { ClickHouseTarget } from './clickhouse/names.js';
import type { Engine } from './files/duckdb/contract.js';
import type { Overrides } from './files/mapping.js';
import type { ReadOptions, ReadResult } from './files/read-result.js';
import type { EngineLimits } from './files/side-files.js';
import type { Source } from './source.js';

/** Export files, and how they and the engine are read (every option parsed). */
export interface FilesSpec {
  readonly kind: 'files';
  readonly files: readonly string[];
  readonly options: ReadOptions;
  /** --temp-dir, --memory-limit, --threads: the embedded engine's, as for side files. */
  readonly engine: EngineLimits;
  /** Rejects over --max-reject-rate fail the run before `fn` runs (not for inspect, which shows them first). */
  readonly failOnRejects: boolean;
}

/** A ClickHouse table or SELECT (checked), the server, and the column overrides (--customer, …). */
export interface ClickHouseSpec {
  readonly kind: 'clickhouse';
  readonly target: ClickHouseTarget;
  readonly relation: ClickHouseRelation;
  readonly overrides: Overrides;
}

export type SourceSpec = FilesSpec | ClickHouseSpec;

/** Where a run reports while the source is read: the progress line (on a terminal only) and warnings. */
export interface RunIO {
  readonly showProgress: boolean;
  readonly stderr: NodeJS.WriteStream;
  /** The progress line's prefix, such as `segment report`. */
  readonly prefix: string;
  readonly warn: (message: string) => void;
}

/** What the analyses read from: the source, and the accounting of its rows. */
export interface Opened {
  readonly source: Source;
  readonly read: ReadResult;
}

/** Opens the source the spec names, reads it, runs `fn`, and closes it. */
export async function withSource<T>(spec: SourceSpec, io: RunIO, fn: (opened: Opened) => Promise<T>): Promise<T> {
  if (spec.kind === 'clickhouse') return withClickHouse(spec, io, fn);
  return withFiles(spec, io, ({ engine, read }) => fn({ source: engine, read }));
}

/**
 * Export files staged in the embedded engine. `fn` gets the files' Engine, more than a Source:
 * `segment load` exports the staged rows from it.
 */
export async function withFiles<T>(spec: FilesSpec, io: RunIO, fn: (opened: { engine: Engine; read: ReadResult }) => Promise<T>): Promise<T> {
  const { files, engine: limits } = spec;
  const temp = new TempDir(limits.tempDir);
  const { openEngine } = await import('./files/duckdb/engine.js');
  const { readTransactions } = await import('./files/read.js');
  const engine = await openEngine({
    tempDir: temp.dir(),
    ...(limits.memoryLimit !== undefined ? { memoryLimit: limits.memoryLimit } : {}),
    ...(limits.threads !== undefined ? { threads: limits.threads } : {}),
    ...(io.showProgress ? { progress: true } : {}),
  });
  const progress = startProgress(io.showProgress, { stream: io.stderr, prefix: io.prefix, percent: () => engine.progress() });
  try {
    progress.stage(`reading ${files.length === 1 ? files[0] : `${files.length} files`}`);
    const read = await readTransactions(files, spec.options, { engine, temp, warn: io.warn });
    if (read.failure && spec.failOnRejects) throw read.failure;
    progress.stage('analysing');
    return await fn({ engine, read });
  } finally {
    progress.stop();
    engine.close();
    temp.remove();
  }
}

/** A ClickHouse table: its columns mapped, its rows accounted for on the server, the summaries asked of it. */
async function withClickHouse<T>(spec: ClickHouseSpec, io: RunIO, fn: (opened: Opened) => Promise<T>): Promise<T> {
  const { relation } = spec;
  const { ClickHouseConnection } = await import('./clickhouse/connection.js');
  const { ClickHouseSource } = await import('./clickhouse/clickhouse-source.js');
  const { clickHouseReadResult, mapTableColumns } = await import('./clickhouse/mapping.js');
  const db = ClickHouseConnection.open({ ...spec.target, progress: io.showProgress });
  const progress = startProgress(io.showProgress, { stream: io.stderr, prefix: io.prefix, percent: () => db.progress() });
  try {
    progress.stage(`reading ${db.where}`);
    const from = 'table' in relation ? `\`${relation.table.split('.').join('`.`')}\`` : `(${relation.query})`;
    const columns = mapTableColumns(await db.describe(from), spec.overrides);
    const source = new ClickHouseSource(db, relation, columns);
    await source.open();
    const where = `${db.where} ${'table' in relation ? relation.table : '(query)'}`;
    const accounting = await source.accounting();
    if (accounting.currencies.length > 1) {
      const list = accounting.currencies.map((c) => `${c.currency}: ${plural(c.rows, 'row')}`).join(', ');
      throw new DataError(`${where}: the currency column holds ${accounting.currencies.length} currencies (${list}); amounts in different currencies cannot be added up: keep one in --query (WHERE currency = '${accounting.currencies[0]!.currency}')`);
    }
    const read = clickHouseReadResult(where, accounting);
    if (read.total.used === 0) throw new DataError(`${where}: no usable rows (a customer, a date and an amount)`);
    progress.stage('analysing on the server');
    return await fn({ source, read });
  } finally {
    progress.stop();
    await db.close();
  }
}

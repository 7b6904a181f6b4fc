/**
 * Writing result rows as a Parquet file: the rows go to DuckDB as newline-delimited JSON with
 * declared column types, and DuckDB writes the Parquet file beside the target, renamed over it
 * when complete (an interrupted run leaves the previous file intact). Self-contained: a DuckDB
 * instance of its own, closed when done.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { onCleanup } from '../../../kernel/cleanup.js';
import { openDuckDb } from './duckdb.js';
import type { EngineSettings } from './engine.js';
import { ident, lit } from './sql.js';

export type ParquetType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'DATE';

export interface OutputColumn {
  readonly name: string;
  readonly type: ParquetType;
}

export async function writeParquet(columns: readonly OutputColumn[], rows: Iterable<Record<string, unknown>>, path: string, settings: Omit<EngineSettings, 'tempDir'>): Promise<void> {
  const dir = dirname(path);
  const json = join(dir, `.${basename(path)}.${process.pid}.ndjson`);
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const discard = (): void => {
    void rm(json, { force: true });
    void rm(temp, { force: true });
  };
  const forget = onCleanup(discard);
  try {
    const out = createWriteStream(json);
    // A write error (a full disk) may come while nothing waits on the stream: kept, then thrown.
    let failed: Error | undefined;
    out.on('error', (err) => {
      failed ??= err;
    });
    for (const row of rows) {
      if (failed) break;
      const line = `${JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, row[c.name] ?? null])))}\n`;
      if (!out.write(line)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    }
    out.end();
    if (!out.closed) await once(out, 'close');
    if (failed) throw failed;
    const db = await openDuckDb({ ...settings, tempDir: dir });
    try {
      const declared = columns.map((c) => `${lit(c.name)}: ${lit(c.type)}`).join(', ');
      const select = columns.length > 0 ? columns.map((c) => ident(c.name)).join(', ') : '*';
      await db.run(`COPY (SELECT ${select} FROM read_json(${lit(json)}, format='newline_delimited', columns={${declared}})) TO ${lit(temp)} (FORMAT parquet)`);
    } finally {
      db.close();
    }
    await rename(temp, path);
  } finally {
    await rm(json, { force: true });
    await rm(temp, { force: true });
    forget();
  }
}

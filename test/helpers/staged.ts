/** Export files read into a DuckDB engine as a run reads them, for tests of what runs over the source. */
import { tmpdir } from 'node:os';
import { TempDir } from '../../src/kernel/tempdir.js';
import { DuckDbEngine } from '../../src/sources/files/duckdb/duckdb-engine.js';
import { readTransactions } from '../../src/sources/files/read.js';
import type { ReadOptions, ReadResult } from '../../src/sources/files/read-result.js';

export interface Staged {
  readonly engine: DuckDbEngine;
  readonly read: ReadResult;
  /** Closes the engine and removes its temporary folder. */
  close(): void;
}

/** Reads `files` (no rejects allowed unless `options` says otherwise) into a one-thread engine. */
export async function stageFiles(files: readonly string[], options: Partial<ReadOptions> = {}): Promise<Staged> {
  const engine = await DuckDbEngine.open({ tempDir: tmpdir(), threads: 1 });
  const temp = new TempDir(tmpdir());
  const read = await readTransactions(files, { overrides: {}, maxRejectRate: 0, ...options }, { engine, temp, warn: () => undefined });
  return {
    engine,
    read,
    close: () => {
      engine.close();
      temp.remove();
    },
  };
}

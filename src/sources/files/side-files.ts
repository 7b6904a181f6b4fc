/**
 * Side files (--customers, --picks, --deals, the CRM commands' deals and prospects files) are
 * export files whatever the transactions' source is: an embedded DuckDB engine of their own reads
 * them, opened for the step that names one and closed after it. The transactions' source (files
 * or ClickHouse) is never asked to read them, so a Source needs no member for them.
 */
import type { TableReader } from './duckdb/engine.js';
import { TempDir } from '../../kernel/tempdir.js';

/** How an embedded engine runs: where it spills and how much it may take (--temp-dir, --memory-limit, --threads, parsed). */
export interface EngineLimits {
  readonly tempDir?: string | undefined;
  readonly memoryLimit?: string | undefined;
  readonly threads?: number | undefined;
}

/** Runs `fn` with a reader of side files and a temporary folder, and closes both whatever happens. */
export async function withSideFiles<T>(settings: EngineLimits, fn: (tables: TableReader, temp: TempDir) => Promise<T>): Promise<T> {
  const { openEngine } = await import('./duckdb/engine.js');
  const temp = new TempDir(settings.tempDir);
  try {
    const engine = await openEngine({
      tempDir: temp.dir(),
      ...(settings.memoryLimit !== undefined ? { memoryLimit: settings.memoryLimit } : {}),
      ...(settings.threads !== undefined ? { threads: settings.threads } : {}),
    });
    try {
      return await fn(engine, temp);
    } finally {
      engine.close();
    }
  } finally {
    temp.remove();
  }
}

/**
 * The engine's thread count around the profile, which runs on one thread (./duckdb-profile.ts).
 * Setting it back right after the profile cost two statements and a wake-up of the threads per
 * input, on a 10-row file a fifth of the start-up's SQL time (BENCHMARKS.md, issue 28). An input
 * its sample read whole is small: one read window of the CSV reader and one row group once
 * staged, which DuckDB works on with one thread whatever the setting. So the setting comes back
 * only before something bigger is read: an input with more rows than its sample, a side file.
 */
import type { Db } from './duckdb.js';

export class ThreadSetting {
  private single = false;

  /** `configured`: the engine's setting (--threads), or undefined for DuckDB's default. */
  constructor(
    private readonly db: Db,
    private readonly configured: number | undefined,
  ) {}

  /** The statement to run before a query that must see its rows in order ('' when it already does). */
  oneThread(): string {
    if (this.single || this.configured === 1) return '';
    this.single = true;
    return 'SET threads = 1;\n';
  }

  /** The engine's own setting again, if a query left it at one thread. */
  async restore(): Promise<void> {
    if (!this.single) return;
    this.single = false;
    // RESET: DuckDB's default, as when the engine opened without a setting.
    await this.db.run(this.configured === undefined ? 'RESET threads' : `SET threads = ${this.configured}`);
  }
}

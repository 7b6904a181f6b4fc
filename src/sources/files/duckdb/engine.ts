/**
 * The files' engine as the floors above see it (reading files, side files, sources/open.ts): the
 * staging contract (contract.ts) and the way to open the in-process engine. The DuckDB engine is
 * loaded on first use, so that commands that never touch rows (schema, --help) start without it.
 */
import type { Engine, EngineSettings } from './contract.js';

export type * from './contract.js';

export async function openEngine(settings: EngineSettings): Promise<Engine> {
  const { DuckDbEngine } = await import('./duckdb-engine.js');
  return DuckDbEngine.open(settings);
}

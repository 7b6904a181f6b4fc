/**
 * The DuckDB connection behind the engine. Imported lazily (the native module costs ~100 ms to
 * load), so that `segment --help` and usage errors stay fast.
 */
// A plain import: the shipped CLI is bundled (scripts/bundle.mjs), which inlines this CommonJS
// package (~190 files) and leaves only its native binding to Node. Unbundled (tsc's dist/, the
// tests), Node scans the package's files for their exports first, about 90 ms.
import { DuckDBInstance, version as duckdbVersion, type DuckDBConnection } from '@duckdb/node-api';
import type { EngineSettings } from './contract.js';

export type Row = Record<string, unknown>;

/** How a column of a typed read arrives: 32-bit integers (NULL: 0), doubles (NULL: NaN), or text. */
export type ColumnKind = 'int' | 'double' | 'text';
export type TypedColumn = Int32Array | Float64Array | (string | null)[];

export interface Db {
  all<T = Row>(sql: string): Promise<T[]>;
  /**
   * A result as typed arrays, one per named column, read straight from DuckDB's vectors: no value
   * objects, no per-row conversion (the fastest way to move 100,000s of customers into JavaScript).
   */
  typed(sql: string, kinds: Readonly<Record<string, ColumnKind>>): Promise<{ rows: number; columns: Record<string, TypedColumn> }>;
  /** A result as columns: cheaper than row objects for large results. */
  columns(sql: string): Promise<Record<string, unknown[]>>;
  run(sql: string): Promise<void>;
  close(): void;
  /** Percentage of the running query, or -1. */
  progress(): number;
  readonly version: string;
}

/** Turns BIGINT/HUGEINT results into numbers: counts here are far below 2^53. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date) return value;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function toNumber(v: unknown, none: number): number {
  return v === null ? none : typeof v === 'number' ? v : Number(v);
}

/** What a numeric vector of the DuckDB Node API holds: its values and a validity bitmap (null: all valid). */
interface NumericVector {
  readonly items?: unknown;
  readonly validity?: { readonly data: BigUint64Array | null; readonly offset: number };
}

/**
 * Copies a chunk's numeric vector into `target` at `offset` in one typed-array copy, nulls as
 * `none`; false when the vector is not of that array type (the caller then reads item by item).
 * Item by item, every value's validity was a BigInt test: most of moving 200,000 customers' 25
 * columns into JavaScript.
 */
function copyNumbers<T extends Float64Array | Int32Array>(vector: unknown, type: new (...args: never[]) => T, target: T, offset: number, n: number, none: number): boolean {
  const { items, validity } = vector as NumericVector;
  if (!(items instanceof type) || items.length < n || !validity) return false;
  target.set(items.subarray(0, n), offset);
  const data = validity.data;
  if (data === null) return true;
  // The bitmap as 32-bit words (little-endian, as DuckDB writes it): bit i of the chunk is row i.
  const words = new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
  for (let i = 0; i < n; i++) {
    const bit = validity.offset + i;
    if (((words[bit >>> 5]! >>> (bit & 31)) & 1) === 0) target[offset + i] = none;
  }
  return true;
}

/** SEGMENT_SQL_LOG=1 prints every statement with its time to stderr (for debugging and profiling). */
function log(sql: string, started: number): void {
  if (!process.env.SEGMENT_SQL_LOG) return;
  const ms = (performance.now() - started).toFixed(0);
  process.stderr.write(`-- ${ms} ms\n${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.SEGMENT_SQL_LOG) > 1 ? undefined : 300)}\n`);
}

export async function openDuckDb(settings: EngineSettings): Promise<Db> {
  const options: Record<string, string> = {
    // segment never opens a network connection: no extension is fetched or loaded behind our back.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    temp_directory: settings.tempDir,
  };
  if (settings.memoryLimit !== undefined) options.memory_limit = settings.memoryLimit;
  if (settings.threads !== undefined) options.threads = String(settings.threads);
  const instance = await DuckDBInstance.create(':memory:', options);
  const connection: DuckDBConnection = await instance.connect();
  if (settings.progress) {
    // Tracked for our own progress line; DuckDB's own bar would write to the terminal itself.
    await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  }
  return {
    version: duckdbVersion(),
    async all<T>(sql: string): Promise<T[]> {
      const started = performance.now();
      const reader = await connection.runAndReadAll(sql);
      log(sql, started);
      return reader.getRowObjectsJS().map((r) => plain(r) as T);
    },
    async columns(sql: string): Promise<Record<string, unknown[]>> {
      const started = performance.now();
      const reader = await connection.runAndReadAll(sql);
      log(sql, started);
      return reader.getColumnsObjectJS() as Record<string, unknown[]>;
    },
    async typed(sql: string, kinds: Readonly<Record<string, ColumnKind>>): Promise<{ rows: number; columns: Record<string, TypedColumn> }> {
      const started = performance.now();
      const result = await connection.run(sql);
      const rows = Number(result.rowCount);
      const names = result.columnNames();
      const columns: Record<string, TypedColumn> = {};
      const targets = names.map((name) => {
        const kind = kinds[name];
        const target: TypedColumn | undefined =
          kind === 'int' ? new Int32Array(rows) : kind === 'double' ? new Float64Array(rows) : kind === 'text' ? new Array<string | null>(rows) : undefined;
        if (target) columns[name] = target;
        return { kind, target };
      });
      let offset = 0;
      for (let k = 0; k < result.chunkCount; k++) {
        const chunk = result.getChunk(k);
        const n = chunk.rowCount;
        for (let ci = 0; ci < targets.length; ci++) {
          const { kind, target } = targets[ci]!;
          if (!target) continue;
          const vector = chunk.getColumnVector(ci);
          if (kind === 'double' && copyNumbers(vector, Float64Array, target as Float64Array, offset, n, NaN)) continue;
          if (kind === 'int' && copyNumbers(vector, Int32Array, target as Int32Array, offset, n, 0)) continue;
          if (kind === 'double') {
            const t = target as Float64Array;
            for (let i = 0; i < n; i++) t[offset + i] = toNumber(vector.getItem(i), NaN);
          } else if (kind === 'int') {
            const t = target as Int32Array;
            for (let i = 0; i < n; i++) t[offset + i] = toNumber(vector.getItem(i), 0);
          } else {
            const t = target as (string | null)[];
            for (let i = 0; i < n; i++) {
              const v = vector.getItem(i);
              t[offset + i] = v === null ? null : String(v);
            }
          }
        }
        offset += n;
      }
      log(sql, started);
      return { rows, columns };
    },
    async run(sql: string): Promise<void> {
      const started = performance.now();
      await connection.run(sql);
      log(sql, started);
    },
    progress(): number {
      return connection.progress.percentage;
    },
    close(): void {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

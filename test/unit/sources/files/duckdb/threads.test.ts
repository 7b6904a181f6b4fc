// The engine's thread setting around the profile (src/sources/files/duckdb/threads.ts): the profile
// runs on one thread; the engine's own setting is back before anything bigger than a sample is read.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../../../src/sources/files/duckdb/duckdb-engine.js';
import { readTransactions } from '../../../../../src/sources/files/read.js';
import { TempDir } from '../../../../../src/kernel/tempdir.js';
import { sniffDialect } from '../../../../../src/sources/files/dialect.js';

const temp = new TempDir();
afterAll(() => temp.remove());

const rows = 40;
const file = join(temp.dir(), 'orders.csv');
writeFileSync(
  file,
  `${['customer,date,amount', ...Array.from({ length: rows }, (_, i) => `c${i % 7},2024-0${1 + (i % 9)}-1${i % 10},${10 + i}.50`)].join('\n')}\n`,
);

async function threadsAfterRead(threads: number | undefined, sampleRows: number): Promise<{ before: number; after: number; afterSide: number }> {
  const engine = await DuckDbEngine.open({ tempDir: tmpdir(), ...(threads !== undefined ? { threads } : {}) });
  const setting = async (): Promise<number> => Number((await engine.query<{ t: unknown }>(`SELECT current_setting('threads') AS t`))[0]?.t);
  try {
    const before = await setting();
    const read = await readTransactions([file], { overrides: {}, maxRejectRate: 0, sampleRows }, { engine, temp, warn: () => undefined });
    expect(read.inputs[0]?.rows.used).toBe(rows);
    const after = await setting();
    const dialect = sniffDialect(file, readFileSync(file, 'utf8'), true);
    await engine.readTable({ id: 9, display: 'side', path: file, gzip: false, dialect }, 0);
    return { before, after, afterSide: await setting() };
  } finally {
    engine.close();
  }
}

describe('the thread setting around the profile', () => {
  it('is back to the engine setting once an input with more rows than its sample is staged', async () => {
    expect(await threadsAfterRead(2, 10)).toEqual({ before: 2, after: 2, afterSide: 2 });
  });
  it('is back to DuckDB default when the engine has no setting', async () => {
    const r = await threadsAfterRead(undefined, 10);
    expect(r.after).toBe(r.before);
  });
  it('stays at one thread after a small input its sample read whole, until a side file is read', async () => {
    expect(await threadsAfterRead(2, 1000)).toEqual({ before: 2, after: 1, afterSide: 2 });
  });
  it('never changes an engine set to one thread', async () => {
    expect(await threadsAfterRead(1, 10)).toEqual({ before: 1, after: 1, afterSide: 1 });
  });
});

/** `predictedColumns` (moved from `customers --clv`): the columns by customer key, the models' warnings marked --clv, and a failed fit that leaves the columns empty with the reason. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { customerKeys } from '../../../src/analysis/analysis.js';
import { predictedColumns } from '../../../src/analysis/customer-clv.js';
import { analyseTransactions } from '../../../src/analysis/run.js';
import { parseAnalysisOptions } from '../../../src/commands/analysis-options.js';
import { DuckDbEngine } from '../../../src/engine/duckdb-engine.js';
import { readTransactions } from '../../../src/ingest/read.js';
import { TempDir } from '../../../src/tempdir.js';

const dir = mkdtempSync(join(tmpdir(), 'segment-customer-clv-'));
const opened: { engine: DuckDbEngine; temp: TempDir }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    o.engine.close();
    o.temp.remove();
  }
});

async function analysed(name: string, lines: string[]) {
  const path = join(dir, name);
  writeFileSync(path, `customer_id,order_id,date,amount\n${lines.join('\n')}\n`);
  const engine = await DuckDbEngine.open({ tempDir: tmpdir(), threads: 1 });
  const temp = new TempDir(tmpdir());
  opened.push({ engine, temp });
  const read = await readTransactions([path], { overrides: {}, maxRejectRate: 0 }, { engine, temp, warn: () => undefined });
  return { engine, analysis: (await analyseTransactions(engine, read, await parseAnalysisOptions({}))).analysis };
}

const day = (n: number): string => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const CLV = { horizonDays: 365, discountRate: 0.1 };

describe('predictedColumns', () => {
  it('gives every customer its columns, and marks the models\' warnings --clv', async () => {
    // 30 customers: buyer c buys every (7 + c) days until day 200 + 10c, some amounts varying.
    const lines = Array.from({ length: 30 }, (_, c) => Array.from({ length: Math.floor((200 + 10 * c) / (7 + c)) }, (_, k) => `C${c},O${c}-${k},${day(k * (7 + c))},${(20 + ((c * 7 + k * 3) % 11) * 5).toFixed(2)}`)).flat();
    const { engine, analysis } = await analysed('many.csv', lines);
    const warnings: string[] = [];
    const r = await predictedColumns(engine, analysis.params, CLV, warnings);
    expect([...r.columns.keys()].sort()).toEqual([...customerKeys(analysis)].sort());
    expect(r.method.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.startsWith('--clv: '))).toBe(true);
  });

  it('leaves the columns empty, with the reason, when there is nothing to fit', async () => {
    const { engine, analysis } = await analysed('once.csv', ['C1,O1,2023-01-05,10.00', 'C2,O2,2023-02-05,20.00']);
    const warnings: string[] = [];
    const r = await predictedColumns(engine, analysis.params, CLV, warnings);
    expect(r).toEqual({ columns: new Map(), method: [] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^--clv: no prediction, the CLV columns are empty: \S/);
  });
});

// The profile's one statement (src/sources/files/duckdb/duckdb-profile.ts, issue 28): the shape
// counts, the counted values of columns with few values and the variation within customers. The
// values and the variation were two statements of their own: checked by hand on a small file, and
// against those two statements (the oracle, as they were) on fixtures.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine, readerSql } from '../../../../../src/sources/files/duckdb/duckdb-engine.js';
import type { ColumnProfile, InputProfile, InputReader, ProfileRequest } from '../../../../../src/sources/files/duckdb/contract.js';
import { sniffDialect } from '../../../../../src/sources/files/dialect.js';
import { TempDir } from '../../../../../src/kernel/tempdir.js';
import { fixture } from '../../../../helpers/cli.js';

const temp = new TempDir();
let engine: DuckDbEngine;
let ids = 0;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ tempDir: tmpdir() });
});
afterAll(() => {
  engine.close();
  temp.remove();
});

function reader(path: string): InputReader {
  return { id: ids++, display: path, path, gzip: false, dialect: sniffDialect(path, readFileSync(path, 'utf8'), true) };
}

const SMALL = `customer,status,amount,name,ref
a,paid,10,Alice Smith,r01
a,open,20,Alice Smith,r02
a,paid,30,Alice Smith,r03
b,paid,40,Bob Jones,r04
b,paid,50,Bob Jones,r05
c,open,60,Carol King,r06
d, ,70,Dan Brown,r07
e,void,80,Eve Adams,r08
e,open,90,Eve Adams,r09
f,paid,100,Frank Hall,r10
f,paid,110,Frank Hall,r11
,paid,120,Nobody,r12
,open,130,Nobody,r13
g,open,140,Gina Lee,r14
g,open,150,Gina Lee,r15
`;

describe('the profile of a sample', () => {
  let profile: InputProfile;
  const byIndex = (i: number): ColumnProfile => profile.columns.find((c) => c.index === i)!;
  beforeAll(async () => {
    const path = join(temp.dir(), 'small.csv');
    writeFileSync(path, SMALL);
    const requests: ProfileRequest[] = [
      { index: 0, as: 'plain' },
      { index: 1, as: 'plain' },
      { index: 2, as: 'number' },
      { index: 3, as: 'name' },
      { index: 4, as: 'plain' },
    ];
    profile = await engine.profile(reader(path), requests, 0, 1000);
  });

  it('counts the values of a column with few of them, most frequent first, blanks left out', () => {
    expect(profile.rows).toBe(15);
    expect(profile.complete).toBe(true);
    expect(byIndex(1).topValues).toEqual([
      { value: 'paid', count: 7 },
      { value: 'open', count: 6 },
      { value: 'void', count: 1 },
    ]);
  });

  it('orders equal counts by value, and decides a name column by its exact distinct count', () => {
    expect(byIndex(3).distinct).toBe(8);
    expect(byIndex(3).topValues.map((v) => `${v.value} ${v.count}`)).toEqual([
      'Alice Smith 3', 'Bob Jones 2', 'Eve Adams 2', 'Frank Hall 2', 'Gina Lee 2', 'Nobody 2', 'Carol King 1', 'Dan Brown 1',
    ]);
  });

  it('leaves the sketch of a column with many values uncounted', () => {
    expect(byIndex(4).distinct).toBeGreaterThan(12);
    expect(byIndex(4).topValues.every((v) => v.count === 0)).toBe(true);
  });

  it('gives each other column the share of customers with two rows or more (blank keys left out) that have several values', () => {
    // a, b, e, f and g have two rows or more; a and e have two statuses.
    expect([...profile.perCustomerVariation]).toEqual([
      [1, 0.4],
      [2, 1],
      [3, 0],
      [4, 1],
    ]);
  });

  it('counts no values and no variation over a whole file (no sample)', async () => {
    const path = join(temp.dir(), 'small.csv');
    const whole = await engine.profile(reader(path), [{ index: 1, as: 'plain' }, { index: 2, as: 'number' }], 0, undefined);
    expect(whole.perCustomerVariation.size).toBe(0);
    expect(whole.columns[0]!.topValues.every((v) => v.count === 0)).toBe(true);
  });
});

/** The two statements the profile's values and variation came from before issue 28, over the sample table they read. */
async function oracle(input: InputReader, limit: number, columns: readonly ColumnProfile[], customer: number): Promise<{ counted: Map<number, string[]>; variation: [number, number][] }> {
  const id = input.id;
  await engine.query(`CREATE OR REPLACE TEMP TABLE sample_${id} AS ${readerSql(input, { ignoreErrors: true })} LIMIT ${limit}`);
  const few = columns.filter((c) => c.nonEmpty > 0 && c.distinct <= 12);
  const counted = new Map<number, string[]>();
  if (few.length > 0) {
    const parts = few.map((c) => `SELECT ${c.index} AS i, seg_blank(c${c.index}) AS v FROM sample_${id}`);
    const rows = await engine.query<{ i: unknown; v: string; n: unknown }>(
      `SELECT i, v, count(*) AS n FROM (${parts.join(' UNION ALL ')}) WHERE v IS NOT NULL GROUP BY i, v QUALIFY row_number() OVER (PARTITION BY i ORDER BY count(*) DESC, v) <= 24 ORDER BY i, n DESC, v`,
    );
    for (const r of rows) counted.set(Number(r.i), [...(counted.get(Number(r.i)) ?? []), `${r.v} ${Number(r.n)}`]);
  }
  const others = columns.map((c) => c.index).filter((i) => i !== customer);
  const [v] = await engine.query<Record<string, unknown>>(
    `SELECT ${others.map((i) => `avg(CASE WHEN v${i} > 1 THEN 1 ELSE 0 END) AS s${i}`).join(', ')}
     FROM (SELECT ${others.map((i) => `count(DISTINCT c${i}) AS v${i}`).join(', ')} FROM sample_${id} WHERE seg_blank(c${customer}) IS NOT NULL GROUP BY c${customer} HAVING count(*) >= 2)`,
  );
  const variation = others.filter((i) => v?.[`s${i}`] !== null && v?.[`s${i}`] !== undefined).map((i): [number, number] => [i, Number(v![`s${i}`])]);
  return { counted, variation };
}

describe('the profile against the statements it folds', () => {
  const KINDS: ProfileRequest['as'][] = ['plain', 'number', 'date', 'name', 'currency'];
  it.each([
    ['real/crm/sales_pipeline.csv', 1, 3000],
    ['orders-status-state.csv', 3, 50_000],
    ['crm-invoices.csv', 1, 50_000],
    ['loyalty-baskets.csv', 0, 50_000],
    ['store-lines.csv', 3, 50_000],
  ])('%s', async (name, customer, limit) => {
    const input = reader(fixture(name));
    const requests = input.dialect.columns.map((_, index) => ({ index, as: KINDS[index % KINDS.length]! }));
    const profile = await engine.profile(input, requests, customer, limit);
    const expected = await oracle(input, limit, profile.columns, customer);
    expect(expected.counted.size).toBeGreaterThan(0);
    expect(expected.variation.length).toBeGreaterThan(0);
    const counted = new Map(profile.columns.filter((c) => c.topValues.some((v) => v.count > 0)).map((c) => [c.index, c.topValues.map((v) => `${v.value} ${v.count}`)]));
    expect(counted).toEqual(expected.counted);
    expect([...profile.perCustomerVariation]).toEqual(expected.variation);
  });
});

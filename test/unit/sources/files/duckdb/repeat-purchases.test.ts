// Purchase occasions in the engine's summary (issue 25): a day whose net is zero with goods (free
// goods, a $0.00 order) is a purchase; a day of refunds only is not. CDNOW keeps all 2,357.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../../../src/sources/files/duckdb/duckdb-engine.js';
import type { CustomerSummary } from '../../../../../src/sources/files/duckdb/engine.js';
import { readTransactions } from '../../../../../src/sources/files/read.js';
import { TempDir } from '../../../../../src/kernel/tempdir.js';
import { fixture } from '../../../../helpers/cli.js';
import { runInProcess } from '../../../../helpers/in-process.js';
import { CLV_OCCASIONS, OCCASIONS_ARGS, occasionsOf } from '../../../../helpers/clv-occasions.js';

const temp = new TempDir();
afterAll(() => temp.remove());
let files = 0;

async function summarise(csv: string): Promise<Map<string, CustomerSummary>> {
  const file = join(temp.dir(), `in-${++files}.csv`);
  writeFileSync(file, csv);
  const engine = await DuckDbEngine.open({ tempDir: tmpdir() });
  try {
    await readTransactions([file], { overrides: {}, maxRejectRate: 0.5 }, { engine, temp, warn: () => undefined });
    const s = await engine.customerSummary({ to: '2024-12-31', asOf: '2024-12-31', period: 'month' });
    return new Map(s.customers.map((c) => [c.customer, c]));
  } finally {
    engine.close();
  }
}

describe('purchase occasions', () => {
  it('with a quantity: net zero and quantity positive is a purchase; refunds only, or quantity zero, is not', async () => {
    const s = await summarise(
      [
        'customer,date,amount,quantity',
        // a: a free first order, then a paid one.
        'a,2024-01-05,0.00,1', 'a,2024-02-05,20.00,1',
        // b: a refund-only day between two purchases, and a last day with a zero line of no goods.
        'b,2024-01-10,30.00,2', 'b,2024-02-10,-10.00,-1', 'b,2024-03-10,15.00,1', 'b,2024-04-10,0.00,0',
        // c: refunds only.
        'c,2024-01-02,-5.00,-1',
      ].join('\n'),
    );
    expect(s.get('a')).toMatchObject({ purchaseDays: 2, firstDayRevenue: 0, firstPurchaseDate: '2024-01-05', lastPurchaseDate: '2024-02-05' });
    expect(s.get('b')).toMatchObject({ purchaseDays: 2, firstDayRevenue: 30, firstPurchaseDate: '2024-01-10', lastPurchaseDate: '2024-03-10' });
    expect(s.get('c')).toMatchObject({ purchaseDays: 0 });
  });

  it('without a quantity: a $0.00 day is a purchase unless it nets a refund to zero', async () => {
    const s = await summarise(['customer,date,amount', 'a,2024-01-05,0.00', 'a,2024-02-05,20.00', 'b,2024-01-10,30.00', 'b,2024-03-10,12.00', 'b,2024-03-10,-12.00'].join('\n'));
    expect(s.get('a')).toMatchObject({ purchaseDays: 2, firstPurchaseDate: '2024-01-05' });
    expect(s.get('b')).toMatchObject({ purchaseDays: 1, lastPurchaseDate: '2024-01-10' });
  });

  // The same files are loaded into ClickHouse by test/cli/clickhouse.test.ts, which holds that engine to these figures.
  for (const [file, expected] of Object.entries(CLV_OCCASIONS)) {
    it(`segment clv on fixtures/${file}: the hand-computed first and last purchase days and repeat purchases`, async () => {
      const r = await runInProcess(['clv', fixture(file), ...OCCASIONS_ARGS]);
      expect(r.code, r.stderr).toBe(0);
      expect(occasionsOf(r.stdout, expected)).toEqual(expected);
    });
  }

  it('CDNOW: all 2,357 customers, the 8 with a $0.00 first purchase included, and the paper’s fit', async () => {
    const r = await runInProcess(['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week', '--as-of', '1997-09-30', '--json', '--top', '1']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.customers_without_purchase_day).toBe(0);
    expect(out.spend_model.customers).toBe(946);
    const p = out.purchase_model.parameters;
    expect([p.r, p.alpha, p.a, p.b].map((v: number) => Number(v.toFixed(4)))).toEqual([0.2426, 4.4136, 0.7929, 2.4259]);
    expect(out.purchase_model.log_likelihood).toBeCloseTo(-9582.43, 2);
  });
});

/**
 * src/analyses/report-clv.ts in-process: the ideal customers' predictions, "probably gone" and
 * "rising", counted by hand from the customers below.
 */
import { describe, expect, it } from 'vitest';
import { failedClv, reportClv } from '../../../src/analyses/report-clv.js';
import type { ClvCustomer, ClvResult } from '../../../src/analyses/models/clv.js';
import { customerRow } from '../../helpers/analysis-fixtures.js';

const clv = (key: string, pAlive: number, value: number | null): ClvCustomer => ({ key, name: key, pAlive, clv: value, expectedPurchases: 1 }) as unknown as ClvCustomer;
const result = (customers: ClvCustomer[]): ClvResult => ({ customers }) as unknown as ClvResult;

describe('reportClv', () => {
  // Ideal i1, i2, i3 (ranking order); i3 has no modelled history.
  // Predicted, by CLV: n1 900, i1 800, n2 700, i2 300, n3 200, zz 100 (zz: not among the rows).
  const rows = ['i1', 'i2', 'i3', 'n1', 'n2', 'n3'].map((k, i) => customerRow(k, { revenue: (i + 1) * 10 }));
  const ranking = rows.slice(0, 3);
  const run = (cs: ClvCustomer[]) => reportClv(ranking, rows, result(cs), ['m1', 'm2']);
  const six = [clv('n1', 0.9, 900), clv('i1', 0.2, 800), clv('n2', 0.9, 700), clv('i2', 0.5, 300), clv('n3', 0.1, 200), clv('zz', 0.9, 100)];

  it('pairs each ideal customer with its prediction, in ranking order', () => {
    const r = run(six);
    expect(r.ideal.map((c) => c?.key ?? null)).toEqual(['i1', 'i2', null]);
    expect(r.method).toEqual(['m1', 'm2']);
    expect(r.failure).toBeNull();
    expect(r.result!.customers).toHaveLength(6);
  });

  it('probably gone: ideal with P(alive) below 0.5 (0.5 itself is not)', () => {
    const [gone] = run(six).groups;
    expect(gone).toMatchObject({ label: 'Ideal but probably gone', rule: 'in the ideal group, P(alive) below 0.5', revenue: 10, predicted: 800 });
    expect(gone!.customers.map((m) => [m.row.key, m.clv.key])).toEqual([['i1', 'i1']]);
  });

  it('rising: the top 20% by predicted CLV (rounded up) who are not ideal', () => {
    // Six predicted: the top ⌈1.2⌉ = 2 are n1 and i1; i1 is ideal.
    const [, rising] = run(six).groups;
    expect(rising).toMatchObject({ label: 'Rising', rule: 'in the top 20% by predicted CLV, not in the ideal group today', revenue: 40, predicted: 900 });
    expect(rising!.customers.map((m) => m.row.key)).toEqual(['n1']);
    // Five: the top 1 only; eleven: the top 3 (n1, i1, n2), a CLV of null counting 0.
    expect(run(six.slice(0, 5)).groups[1]!.customers.map((m) => m.row.key)).toEqual(['n1']);
    const eleven = [clv('n1', 0.9, null), clv('i1', 0.9, 1), clv('n2', 0.9, 700), ...Array.from({ length: 8 }, (_, i) => clv(`x${i}`, 0.9, 1))];
    expect(run(eleven).groups[1]).toMatchObject({ revenue: 90, predicted: 700 });
    expect(run(eleven).groups[1]!.customers.map((m) => m.row.key)).toEqual(['n1', 'n2']);
    // A predicted customer with no row is left out.
    expect(run([clv('zz', 0.9, 5), clv('n1', 0.9, 4), clv('n2', 0.9, 3), clv('n3', 0.9, 2), clv('i1', 0.9, 1)]).groups[1]!.customers).toEqual([]);
  });

  it('without a prediction, says why and has nothing else', () => {
    expect(failedClv('no repeat buyers')).toEqual({ result: null, method: [], ideal: [], groups: [], failure: 'no repeat buyers' });
  });
});

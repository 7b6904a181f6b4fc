/** Tests of src/commands/abc.ts. */
import { describe, expect, it } from 'vitest';
import { json } from '../../helpers/json.js';

const CRM = 'fixtures/crm-invoices.csv';

describe('abc', () => {
  it('classes the CRM fixture by revenue, the crossing customer in A', async () => {
    const d = await json(['abc', CRM], 'abc');
    expect(d.as_of).toBe('2024-12-02');
    expect(d.summary.totals).toEqual({ customers: 7, revenue: 269600, margin: 73975, orders: 23, non_positive: 0 });
    // 128,200 + 86,800 = 79.7% < 80%: Fyns Tømrer (38,300) crosses the limit and is A.
    expect(d.customers.map((c: any) => `${c.name}:${c.abc_class}`)).toEqual([
      'Nordbyg ApS:A', 'Aarhus Elektro:A', 'Fyns Tømrer A/S:A', 'Lund Rådgivning:B', 'Hansen Design:C', 'Café Solsikke:C', 'Bager Bent:C',
    ]);
    expect(d.customers[0]).toMatchObject({ revenue: 128200, orders: 9, avg_check: 14244.44, margin: 38460, recency_days: 17 });
    // Hansen Design: 3,200 + 2,800 − 2,800 (credit note): 2 orders.
    expect(d.customers.find((c: any) => c.name === 'Hansen Design')).toMatchObject({ revenue: 3200, orders: 2 });
  });
  it('ranks by margin, average check or orders', async () => {
    const margin = await json(['abc', CRM, '--by', 'margin'], 'abc');
    expect(margin.customers[0]).toMatchObject({ name: 'Nordbyg ApS', value: 38460 });
    const check = await json(['abc', CRM, '--by', 'avg-check'], 'abc');
    expect(check.customers[0]).toMatchObject({ name: 'Aarhus Elektro', value: 21700 });
  });
});

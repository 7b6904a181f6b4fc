/** Tests of src/commands/pareto.ts. */
import { describe, expect, it } from 'vitest';
import { json } from '../../helpers/json.js';

const CRM = 'fixtures/crm-invoices.csv';

describe('pareto', () => {
  it('measures the ideal and elite groups and gives 101 Lorenz points', async () => {
    const d = await json(['pareto', CRM], 'pareto');
    const p = d.summary.pareto;
    // ⌈20% of 7⌉ = 2 ideal, ⌈4% of 7⌉ = 1 elite.
    expect(p.ideal).toMatchObject({ customers: 2, value: 215000 });
    expect(p.elite).toMatchObject({ customers: 1, value: 128200 });
    expect(p.lorenz).toHaveLength(101);
    expect(d.customers.filter((c: any) => c.group !== null).map((c: any) => c.group)).toEqual(['elite', 'ideal']);
    expect(d.summary.pareto_margin).not.toBeNull();
  });
});

/** Tests of src/commands/xyz.ts. */
import { describe, expect, it } from 'vitest';
import { json } from '../../helpers/json.js';

const CRM = 'fixtures/crm-invoices.csv';

describe('xyz', () => {
  it('quarterly revenue of a customer invoiced every other month is regular', async () => {
    const d = await json(['xyz', CRM, '--period', 'quarter'], 'xyz');
    const nordbyg = d.customers.find((c: any) => c.name === 'Nordbyg ApS');
    // Quarters 2023Q1..2024Q4: 26,600 13,300 12,900 15,200 13,800 14,400 16,100 15,900.
    expect(nordbyg.periods).toBe(8);
    expect(nordbyg.cv).toBeCloseTo(0.258533, 6);
    expect(nordbyg.xyz_class).toBe('X');
  });
});

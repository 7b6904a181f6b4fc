/** The generator's Online-Retail-shaped lines (for the benchmark). */
import { describe, expect, it } from 'vitest';
import { generate } from '../src/gen/generate.js';

describe('generate --level retail', () => {
  it('writes the Online Retail columns, a time of day, and the same orders as line items', async () => {
    const retail = generate({ rows: 400, seed: 3, level: 'retail' });
    const lines = generate({ rows: 400, seed: 3, level: 'lines' });
    expect(retail.header).toBe('InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Country');
    let text = '';
    await retail.rows((c) => {
      text += c;
    });
    const rows = text.trimEnd().split('\n');
    expect(rows).toHaveLength(400);
    for (const r of rows) expect(r).toMatch(/^C?\d+,\d+,\d{4}-\d{2}-\d{2} (0[89]|1[0-7]):[0-5]\d:00,-?\d+,\d+\.\d{2},[A-Z]{2}$/);
    let plain = '';
    await lines.rows((c) => {
      plain += c;
    });
    // Same orders, customers, dates, quantities and prices; only the columns differ.
    const key = (r: string): string => r.split(',').slice(0, 5).map((v, i) => (i === 2 ? v.slice(0, 10) : v)).join(',');
    expect(rows.map(key)).toEqual(plain.trimEnd().split('\n').map(key));
  });
});

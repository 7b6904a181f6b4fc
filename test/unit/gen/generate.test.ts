import { describe, expect, it } from 'vitest';
import { generate, staffPicks } from '../../../src/gen/generate.js';

async function text(options: Parameters<typeof generate>[0]): Promise<string> {
  const g = generate(options);
  const parts: string[] = [`${g.header}\n`];
  await g.rows((c) => {
    parts.push(c);
  });
  return parts.join('');
}

describe('generator', () => {
  it('writes exactly the rows asked for', async () => {
    for (const rows of [1, 7, 1000]) {
      const lines = (await text({ rows, seed: 3 })).trimEnd().split('\n');
      expect(lines.length).toBe(rows + 1);
    }
  });
  it('gives the same bytes for the same seed, and others for another seed', async () => {
    const a = await text({ rows: 2000, seed: 11 });
    expect(await text({ rows: 2000, seed: 11 })).toBe(a);
    expect(await text({ rows: 2000, seed: 12 })).not.toBe(a);
  });
  it('covers the months asked for, in date order', async () => {
    const lines = (await text({ rows: 5000, seed: 1, start: '2021-03', months: 24 })).trimEnd().split('\n').slice(1);
    const dates = lines.map((l) => l.split(',')[2]!);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]! >= '2021-03-01').toBe(true);
    expect(dates.at(-1)! <= '2023-02-28').toBe(true);
    expect(dates.at(-1)! >= '2022-12-01').toBe(true);
  });
  it('has credit notes: C-prefixed references with negative quantities', async () => {
    const lines = (await text({ rows: 20000, seed: 2 })).split('\n').filter((l) => l.startsWith('C'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(Number(l.split(',')[3])).toBeLessThan(0);
  });
  it('makes revenue heavy-tailed: the top 20% of customers bring most of it', async () => {
    const g = generate({ rows: 30000, seed: 5 });
    await g.rows(() => undefined);
    const revenue = [...g.totals.revenue].filter((v) => v > 0).sort((a, b) => b - a);
    const total = revenue.reduce((s, v) => s + v, 0);
    const top = revenue.slice(0, Math.ceil(revenue.length * 0.2)).reduce((s, v) => s + v, 0);
    expect(top / total).toBeGreaterThan(0.6);
    expect(top / total).toBeLessThan(0.95);
  });
  it('writes invoices with payment dates, and picks that name real customers', async () => {
    const g = generate({ rows: 500, seed: 9, level: 'invoices', payments: true });
    expect(g.header).toBe('invoice_no,customer_id,invoice_date,amount,margin,due_date,paid_date');
    await g.rows(() => undefined);
    const ids = new Set(g.customers.map((c) => c.id));
    const picks = staffPicks(g, 9).slice(1);
    expect(picks.length).toBeGreaterThan(3);
    for (const p of picks) {
      expect(p.split(',')).toHaveLength(3);
      expect(ids.has(p.split(',')[0]!)).toBe(true);
    }
  });
});

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

/** segment report end to end: the JSON report against its schema, unprofitable ideal customers, portrait attributes, codes, wording. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portrait } from '../../../src/analyses/portrait.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { runInProcess } from '../../helpers/in-process.js';
import { customerRow } from '../../helpers/analysis-fixtures.js';

const row = customerRow;

const SAMPLE = ['fixtures/sample/invoices.csv', '--customers', 'fixtures/sample/customers.csv', '--picks', 'fixtures/sample/picks.csv'];

describe('the bundled sample', () => {
  // The pinned Markdown and JSON reports (stdout, stderr, exit code) are golden cases: test/cases/report/0002, 0003.
  it('gives a JSON report valid against its schema, byte for byte the same each run', async () => {
    const [a, b] = await Promise.all([runInProcess(['report', ...SAMPLE, '--json']), runInProcess(['report', ...SAMPLE, '--json'])]);
    expect(a.stdout).toBe(b.stdout);
    // The renderers' marks for data never reach JSON.
    expect(a.stdout).not.toMatch(/[\uE000\uE001]/);
    const doc = JSON.parse(a.stdout) as unknown;
    const parsed = SCHEMAS.report.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    const d = doc as { ranking: unknown[]; customers: { revenue: number }[]; summary: { totals: { revenue: number } } };
    // Money reconciles: the customers add up to the total.
    const total = d.customers.reduce((s, c) => s + c.revenue, 0);
    expect(Math.round(total * 100) / 100).toBe(d.summary.totals.revenue);
  });
  it('prints its JSON Schema', async () => {
    const r = await runInProcess(['schema', 'report']);
    expect(JSON.parse(r.stdout)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
  });
});

describe('ideal but unprofitable (issue 24)', () => {
  // 25 customers, three invoices each; the largest (C01, elite) and the fourth (C04, ideal) lose
  // money on every invoice. Ideal: the top 5; elite: the top 1.
  const lines = ['invoice_no,customer_id,invoice_date,amount,margin'];
  let n = 1;
  for (let c = 1; c <= 25; c++) {
    const amount = 1000 - c * 30;
    const margin = c === 1 ? -660.25 : c === 4 ? -10 : amount * 0.3;
    for (const month of ['01', '05', '09']) lines.push(`${n++},C${String(c).padStart(2, '0')},2024-${month}-15,${amount.toFixed(2)},${margin.toFixed(2)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'segment-losses-'));
  const file = join(dir, 'invoices.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);

  it('gets its own line, a flag in the ranking and beside the shortlisted names', async () => {
    const r = await runInProcess(['report', file]);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('**Ideal, but loses money: fix the price or the cost to serve**: 2 ideal customers (5,550.00 revenue, margin -2,010.75 in all) lose money;');
    expect(md).toContain('C01 (elite, margin -1,980.75), C04 (ideal, margin -30.00).');
    const first = md.split('\n').find((l) => l.startsWith('| 1 | C01 |'))!;
    expect(first.endsWith('| **loses money** |')).toBe(true);
    // The shortlist starts with C01, but never without the flag beside it.
    expect(md).toMatch(/\*\*Shortlist for interviews and personas\*\* \(5: the top of the ranking\): C01 \(\*\*loses money\*\*: margin -1,980\.75\), C02, C03, C04 \(\*\*loses money\*\*: margin -30\.00\), C05/);
    expect(md).toMatch(/Call: C01 \(\*\*loses money\*\*\), C02/);
  });
  it('flags them in the JSON', async () => {
    const r = await runInProcess(['report', file, '--json']);
    const doc = JSON.parse(r.stdout) as { ranking: { customer: string; loses_money: boolean }[]; shortlist: { customer: string; loses_money: boolean }[]; ideal_unprofitable: { customers: number; margin: number; examples: { customer: string; margin: number }[] } };
    const parsed = SCHEMAS.report.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    expect(doc.ranking.filter((c) => c.loses_money).map((c) => c.customer)).toEqual(['C01', 'C04']);
    expect(doc.shortlist[0]).toEqual({ customer: 'C01', name: 'C01', loses_money: true });
    expect(doc.ideal_unprofitable).toMatchObject({ customers: 2, margin: -2010.75, examples: [{ customer: 'C01', margin: -1980.75 }, { customer: 'C04', margin: -30 }] });
  });
});

describe('codes are categories', () => {
  const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
  const rows = keys.map((k, i) => row(k, { pareto: i < 6 ? 'ideal' : null }));
  // 14 distinct values over 30 customers: more than 12 (a number could be compared by medians), not an identifier.
  const kindOf = (name: string, value: (i: number) => string) => portrait(rows, [{ name, source: 't', values: new Map(keys.map((k, i) => [k, value(i % 14)])) }]).attributes[0]?.kind;
  it('by their values: five-digit codes, years, leading zeros; by the header only over whole numbers', () => {
    expect(kindOf('place', (i) => String(41000 + i * 37))).toBe('categorical');
    expect(kindOf('born', (i) => String(1950 + i))).toBe('categorical');
    expect(kindOf('area', (i) => `0${100 + i}`)).toBe('categorical');
    expect(kindOf('zip', (i) => String(100 + i * 7))).toBe('categorical');
    expect(kindOf('employees', (i) => String(2 + i * 7))).toBe('numeric');
    expect(kindOf('Number of employees', (i) => String(2 + i * 7))).toBe('numeric');
    expect(kindOf('Customer Number', (i) => String(2 + i * 7))).toBe('categorical');
    expect(kindOf('birthYear', (i) => String(2 + i * 7))).toBe('categorical');
    expect(kindOf('turnover', (i) => String(10000 + i * 1000))).toBe('numeric');
    expect(kindOf('zip', (i) => `${100 + i}.5`)).toBe('numeric');
  });
});

describe('the report', () => {
  const SAMPLE = ['fixtures/sample/invoices.csv'];
  const gini = (text: string): string => /The Gini coefficient is [0-9.]+: [^.]*\./.exec(text)?.[0] ?? '';

  it('says what is concentrated by the ABC basis, not always revenue', async () => {
    const orders = await runInProcess(['report', ...SAMPLE, '--by', 'orders']);
    expect(orders.code).toBe(0);
    expect(gini(orders.stdout)).toMatch(/: orders are (concentrated in few customers|moderately concentrated|spread fairly evenly)\.$/);
    const margin = await runInProcess(['report', ...SAMPLE, '--by', 'margin']);
    expect(gini(margin.stdout)).toMatch(/: margin is /);
    const revenue = await runInProcess(['report', ...SAMPLE]);
    expect(gini(revenue.stdout)).toMatch(/: revenue is /);
  });

  it('shows the RFM segments in section 4 without the score cut points', async () => {
    const r = await runInProcess(['report', ...SAMPLE]);
    const section = r.stdout.slice(r.stdout.indexOf('## 4.'), r.stdout.indexOf('## 5.'));
    expect(section).toContain('### RFM segments');
    expect(section).toContain('| segment');
    expect(section).not.toContain('Scores and their cut points');
  });
});

describe('segment report with unmatched picks, end to end', () => {
  it('warns on stderr with the nearest names, and reads a one-column picks file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-picks-'));
    const picks = join(dir, 'picks.txt');
    writeFileSync(picks, 'Nordbyg ApS\nNordbyg\nJon Doe\n');
    const r = await runInProcess(['report', 'fixtures/crm-invoices.csv', '--picks', picks, '--as-of', '2025-06-30']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("the pick 'Jon Doe' matches no customer by key or name; no customer has a similar name or key");
    expect(r.stderr).toContain("the pick 'Nordbyg' matches no customer by key or name; nearest Nordbyg ApS");
    expect(r.stderr).toMatch(/the as-of date 2025-06-30 is 210 days after the last transaction \(2024-12-02\)/);
    expect(r.stdout).toContain('**Picks that match no customer**');
    expect(r.stdout).toContain('- Jon Doe: no customer has a similar name or key');
    expect(r.stdout).toMatch(/Picks file .*picks\.txt: 2 picks match no customer \(Nordbyg, Jon Doe\); see section 7\./);
  });
});

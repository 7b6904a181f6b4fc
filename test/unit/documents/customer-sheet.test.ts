/** `segment customers`: one sheet of customers as CSV, Excel-flavoured CSV and .xlsx. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../../helpers/in-process.js';

describe('segment customers', () => {
  it('gives a row per customer with classes, scores, group and flags, names from --customers', async () => {
    const r = await runInProcess(['customers', 'fixtures/sample/invoices.csv', '--customers', 'fixtures/sample/customers.csv']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('customer,name,rank,revenue,share,orders,avg_check,margin,margin_rate,first_date,last_date,recency_days,abc_class,xyz_class,abc_xyz,r,f,m,rfm_score,segment,group,on_time_share,mean_days_late,flags');
    expect(lines).toHaveLength(1 + 197);
    // The elite customer who pays late is flagged as one to keep on better terms.
    expect(lines[1]).toBe('100015,Gran VVS AB,1,333890.39,0.0746,115,2903.39,94675.19,0.2836,2023-02-13,2024-12-26,5,A,Y,AY,5,5,5,555,Champions,elite,0.009,27,"ideal, but pays late: fix the terms"');
  });
  it('writes an .xlsx workbook that exceljs reads back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-xlsx-'));
    const file = join(dir, 'customers.xlsx');
    const r = await runInProcess(['customers', 'fixtures/crm-invoices.csv', '--format', 'xlsx', '--output', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('customers')!;
    expect(ws.rowCount).toBe(8);
    expect(ws.getRow(2).getCell(2).value).toBe('Nordbyg ApS');
    expect(ws.getRow(2).getCell(4).value).toBe(128200);
  });
  it('refuses --excel with --format xlsx', async () => {
    const r = await runInProcess(['customers', 'fixtures/crm-invoices.csv', '--format', 'xlsx', '--excel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^segment customers: --excel is for --format csv/);
  });
});

describe('--customers on an analysis command, and grouped --help', () => {
  it('names the customers of `segment abc` from the customers file', async () => {
    const r = await runInProcess(['abc', 'fixtures/sample/invoices.csv', '--customers', 'fixtures/sample/customers.csv', '--json', '--top', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).customers[0]).toMatchObject({ customer: '100015', name: 'Gran VVS AB' });
    expect(r.stderr).toContain('fixtures/sample/customers.csv: 3 customer keys have no transactions');
  });
  it('lists the options in groups, common first, with the defaults that hold', async () => {
    const r = await runInProcess(['report', '--help']);
    expect(r.code).toBe(0);
    const headings = r.stdout.split('\n').filter((l) => /^[A-Z][^:]*:$/.test(l));
    expect(headings).toEqual(['Examples:', 'Arguments:', 'Common options:', 'ABC, XYZ and Pareto:', 'RFM:', 'Reading the inputs:', 'Engine:', 'Privacy:', 'Options:']);
    expect(r.stdout).toMatch(/--top <n>\s+ideal customers listed in the ranking\s+\(default: 50 in\s+Markdown/);
  });
});

describe('--customers joins on the key users expect', () => {
  // Loyalty baskets keyed by household_id (as dunnhumby's), and a demographics file keyed alike.
  const dir = mkdtempSync(join(tmpdir(), 'segment-customers-key-'));
  const tx = join(dir, 'baskets.csv');
  const baskets = Array.from({ length: 60 }, (_, i) => `${(i % 12) + 1},${1000 + i},2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')},${(10 + ((i * 37) % 90)).toFixed(2)}`);
  writeFileSync(tx, `household_id,basket_id,day,sales_value\n${baskets.join('\n')}\n`);
  const income = (h: number): string => ['Under 15K', '15-24K', '25-34K', '35-49K'][h % 4]!;
  const demo = (key: string): string => {
    const path = join(dir, `demo-${key}.csv`);
    writeFileSync(path, `${key},income_desc\n${Array.from({ length: 14 }, (_, i) => `${i + 1},${income(i + 1)}`).join('\n')}\n`);
    return path;
  };
  const read = ['--customer', 'household_id', '--amount', 'sales_value', '--date', 'day'];
  const customersFile = async (args: string[]) => {
    const r = await runInProcess(['report', tx, ...read, ...args, '--json']);
    return { ...r, doc: r.code === 0 ? JSON.parse(r.stdout) : null };
  };
  it('joins on the column named like the transactions\' customer column (household_id)', async () => {
    const r = await customersFile(['--customers', demo('household_id')]);
    expect(r.code, r.stderr).toBe(0);
    // 12 households buy; the file has 14, 2 without baskets.
    expect(r.doc.read.customers_file).toMatchObject({ rows: 14, matched: 12, unmatched_keys: ['13', '14'], customers_without_row: 0 });
    expect(r.doc.portrait.attributes.map((a: { name: string }) => a.name)).toEqual(['income_desc']);
  });
  it('joins on the column --customers-key names, in any case', async () => {
    const r = await customersFile(['--customers', demo('hh'), '--customers-key', 'HH']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.doc.read.customers_file).toMatchObject({ rows: 14, matched: 12 });
    expect(r.stderr).not.toMatch(/chosen by its values/);
  });
  it('without a name to go by, takes the column whose values are the customer keys, and says so', async () => {
    const r = await customersFile(['--customers', demo('hh')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.doc.read.customers_file).toMatchObject({ matched: 12 });
    expect(r.stderr).toContain(`${join(dir, 'demo-hh.csv')}: key column 'hh' chosen by its values (12 of its keys are customers of the transactions); name another with --customers-key\n`);
  });
  it('refuses a --customers-key that is no column, and one without --customers', async () => {
    const none = await runInProcess(['abc', tx, ...read, '--customers', demo('household_id'), '--customers-key', 'hh_key']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(`segment abc: --customers-key 'hh_key' is not a column of ${join(dir, 'demo-household_id.csv')}; its columns are 'household_id', 'income_desc'\n`);
    const alone = await runInProcess(['customers', tx, ...read, '--customers-key', 'household_id']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe('segment customers: --customers-key names the key column of the --customers file: pass --customers FILE too\n');
  });
});

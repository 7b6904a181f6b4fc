/** `segment customers`: one sheet of customers as CSV, Excel-flavoured CSV and .xlsx. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerSheetCsv } from '../src/render/customer-sheet.js';
import { runCli } from './helpers/cli.js';

describe('customerSheetCsv', () => {
  const sheet = { columns: [{ key: 'name', kind: 'text' as const }, { key: 'revenue', kind: 'money' as const }], rows: [['Nordbyg; ApS', 1234.5], ['=cmd', -2.25]] };
  it('writes plain CSV', () => {
    expect(customerSheetCsv(sheet, false)).toBe("name,revenue\nNordbyg; ApS,1234.5\n'=cmd,-2.25\n");
  });
  it('writes CSV for Excel in a Nordic locale: BOM, semicolons, decimal commas, CRLF', () => {
    expect(customerSheetCsv(sheet, true)).toBe("\uFEFFname;revenue\r\n\"Nordbyg; ApS\";1234,5\r\n'=cmd;-2,25\r\n");
  });
});

describe('segment customers', () => {
  it('gives a row per customer with classes, scores, group and flags, names from --customers', async () => {
    const r = await runCli(['customers', 'fixtures/sample/invoices.csv', '--customers', 'fixtures/sample/customers.csv']);
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
    const r = await runCli(['customers', 'fixtures/crm-invoices.csv', '--format', 'xlsx', '--output', file]);
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
    const r = await runCli(['customers', 'fixtures/crm-invoices.csv', '--format', 'xlsx', '--excel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^segment customers: --excel is for --format csv/);
  });
});

describe('--customers on an analysis command, and grouped --help', () => {
  it('names the customers of `segment abc` from the customers file', async () => {
    const r = await runCli(['abc', 'fixtures/sample/invoices.csv', '--customers', 'fixtures/sample/customers.csv', '--json', '--top', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).customers[0]).toMatchObject({ customer: '100015', name: 'Gran VVS AB' });
    expect(r.stderr).toContain('fixtures/sample/customers.csv: 3 customer keys have no transactions');
  });
  it('lists the options in groups, common first, with the defaults that hold', async () => {
    const r = await runCli(['report', '--help']);
    expect(r.code).toBe(0);
    const headings = r.stdout.split('\n').filter((l) => /^[A-Z][^:]*:$/.test(l));
    expect(headings).toEqual(['Examples:', 'Arguments:', 'Common options:', 'ABC, XYZ and Pareto:', 'RFM:', 'Reading the inputs:', 'Engine:', 'Privacy:', 'Options:']);
    expect(r.stdout).toMatch(/--top <n>\s+ideal customers listed in the ranking\s+\(default: 50 in\s+Markdown/);
  });
});

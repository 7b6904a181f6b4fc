/** Workbook and Parquet input end to end: the same invoices as CSV, .xlsx and Parquet give the same results. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../../helpers/in-process.js';
import { writeInvoicesCsv, writeInvoicesParquet, writeInvoicesWorkbook } from '../../../helpers/workbooks.js';

const tmp = mkdtempSync(join(tmpdir(), 'segment-wb-'));
const CSV = join(tmp, 'invoices.csv');
const XLSX = join(tmp, 'invoices.xlsx');
const PARQUET = join(tmp, 'invoices.parquet');

beforeAll(async () => {
  writeInvoicesCsv(CSV);
  await writeInvoicesWorkbook(XLSX);
  await writeInvoicesParquet(PARQUET);
});

describe('the same invoices as CSV, workbook and Parquet', () => {
  it('give byte-identical customer rows in every analysis command', async () => {
    // abcxyz holds abc's and xyz's columns; report is compared as JSON below.
    for (const command of ['abcxyz', 'rfm', 'pareto']) {
      const [csv, xlsx, parquet] = await Promise.all([CSV, XLSX, PARQUET].map((f) => runInProcess([command, f, '--format', 'csv'])));
      expect(csv!.code, csv!.stderr).toBe(0);
      expect(xlsx!.stderr).toBe(csv!.stderr.replaceAll(CSV, XLSX));
      expect(xlsx!.stdout, command).toBe(csv!.stdout);
      expect(parquet!.stdout, command).toBe(csv!.stdout);
      expect(xlsx!.code).toBe(0);
      expect(parquet!.code).toBe(0);
    }
  });
  it('give the same report, apart from the names of the inputs', async () => {
    const docs = await Promise.all([CSV, XLSX, PARQUET].map(async (f) => {
      const r = await runInProcess(['report', f, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).read.inputs[0].file).toBe(f);
      return r.stdout.replaceAll(f, '<input>');
    }));
    expect(docs[1]).toEqual(docs[0]);
    expect(docs[2]).toEqual(docs[0]);
  });
  it('account for every row alike', async () => {
    const docs = await Promise.all([CSV, XLSX, PARQUET].map(async (f) => {
      const r = await runInProcess(['inspect', f, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    }));
    const total = docs.map((d) => d.total);
    expect(total[0]).toMatchObject({ read: 14, used: 14, rejected: 0 });
    expect(total[1]).toEqual(total[0]);
    expect(total[2]).toEqual(total[0]);
  });
});

describe('workbook rules', () => {
  const ROWS = join(tmp, 'rows.xlsx');
  beforeAll(async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Salg');
    ws.getCell('A1').value = 'Salg';
    ws.getRow(2).values = ['Kunde', 'Dato', 'Beløb', null, 'Note'];
    ws.mergeCells('C2:D2');
    ws.getRow(3).values = ['K1', new Date(Date.UTC(2024, 0, 5)), 100, 1, 'a'];
    ws.getRow(4).values = ['K2', new Date(Date.UTC(2024, 1, 6)), 200, 2, 'b'];
    // Row 5 is empty; row 6's amount is no number.
    ws.getRow(6).values = ['K3', new Date(Date.UTC(2024, 2, 7)), 'ikke et tal', 3, 'c'];
    ws.getRow(7).values = ['K1', new Date(Date.UTC(2024, 3, 8)), { formula: 'C3*2', result: 200 }, 4, 'd'];
    ws.getRow(8).values = ['K2', new Date(Date.UTC(2024, 4, 9)), { formula: 'C4*2' }, 5, 'e'];
    await wb.xlsx.writeFile(ROWS);
  });
  it('numbers rejected rows by the sheet\'s rows, names merged header cells, reads cached formula values', async () => {
    const r = await runInProcess(['inspect', ROWS, '--json', '--max-reject-rate', '50']);
    expect(r.code, r.stderr).toBe(0);
    const input = JSON.parse(r.stdout).inputs[0];
    expect(input.columns.map((c: any) => c.name)).toEqual(['Kunde', 'Dato', 'Beløb', 'Beløb_2', 'Note']);
    expect(input.rows).toMatchObject({ read: 5, used: 3, rejected: 2, used_amount: 500 });
    const lines = input.rows.rejected_by_reason.flatMap((x: any) => x.examples.map((e: any) => `${e.line}:${e.value}`));
    expect(lines.sort()).toEqual(['6:ikke et tal', '8:null']);
    expect(input.workbook).toMatchObject({ sheet: 'Salg', header_row: 2 });
    expect(input.workbook.cell_types[2]).toMatchObject({ number: 2, text: 1, formula: 1, formula_no_value: 1 });
    expect(input.notes.join('\n')).toMatch(/1 formula cell with no saved value/);
    expect(input.notes.join('\n')).toMatch(/D 'Beløb_2' \(merged\)/);
  });
  it('reads styles and the workbook part stored after the sheet, with the shared strings before it', async () => {
    // A sheet met once shared strings are known was parsed at once by exceljs's archive reader,
    // before the styles that say its numbers are dates: the dates came out as serial numbers.
    const { reorderZip } = await import('../../../helpers/zip.js');
    const late = join(tmp, 'styles-last.xlsx');
    const last = (n: string): number => (n === 'xl/styles.xml' || n === 'xl/workbook.xml' ? 2 : n.startsWith('xl/worksheets/') ? 1 : 0);
    await reorderZip(XLSX, late, (names) => names.filter((n) => !n.endsWith('/')).sort((a, b) => last(a) - last(b)));
    const [csv, xlsx] = await Promise.all([CSV, late].map((f) => runInProcess(['abcxyz', f, '--format', 'csv'])));
    expect(xlsx!.code, xlsx!.stderr).toBe(0);
    expect(xlsx!.stdout).toBe(csv!.stdout);
  });
  it('reads a hidden sheet only when named, and lists the sheets for a name it does not know', async () => {
    const named = await runInProcess(['inspect', XLSX, '--sheet', 'Skjult', '--json']);
    expect(named.code, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout).inputs[0].workbook).toMatchObject({ sheet: 'Skjult', reason: 'option --sheet Skjult (a hidden sheet)' });
    const unknown = await runInProcess(['inspect', XLSX, '--sheet', 'Nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`segment inspect: ${XLSX}: --sheet 'Nope': no such sheet; the sheets are 1: 'Forside' (no table), 2: 'Fakturaer', 3: 'Skjult' (hidden)\n`);
  });
});

describe('a large sheet', () => {
  it('is streamed: 100,000 rows read within a 64 MB JavaScript heap', async () => {
    // npm run bench is where a million rows are timed; this checks that the sheet is never held whole.
    const { millionRowSheet, oneSheetWorkbook } = await import('../../../helpers/zip.js');
    const path = join(tmp, 'large.xlsx');
    oneSheetWorkbook(path, millionRowSheet(100_000));
    const r = await runInProcess(['inspect', path, '--json'], { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(r.code, r.stderr).toBe(0);
    const input = JSON.parse(r.stdout).inputs[0];
    expect(input.rows).toMatchObject({ read: 100_000, used: 100_000, rejected: 0 });
    expect(input.customers).toBe(50_000);
  }, 180_000);
});

/**
 * Test inputs made here rather than committed: the same Danish invoices as a CSV export, a
 * workbook (a cover sheet, a title line, date cells in a Danish format, numbers as numbers and
 * some as text with decimal commas, a formula, a hidden sheet) and a Parquet file.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';

/** Invoice, customer, name, date (y, m, d), amount; amounts as text are written with a decimal comma. */
export const INVOICES: readonly [string, string, string, [number, number, number], number, 'number' | 'text' | 'formula'][] = [
  ['F-1001', 'K01', 'Nordbyg ApS', [2023, 1, 15], 12500, 'number'],
  ['F-1002', 'K02', 'Hansen Design', [2023, 2, 20], 3200.5, 'text'],
  ['F-1003', 'K03', 'Fyns Tømrer A/S', [2023, 3, 2], 8900.25, 'number'],
  ['F-1004', 'K01', 'Nordbyg ApS', [2023, 4, 15], 14100, 'formula'],
  ['F-1005', 'K04', 'Café Solsikke', [2023, 5, 28], 450.75, 'number'],
  ['F-1006', 'K02', 'Hansen Design', [2023, 7, 1], 1234.5, 'text'],
  ['F-1007', 'K03', 'Fyns Tømrer A/S', [2023, 8, 19], 7600, 'number'],
  ['F-1008', 'K01', 'Nordbyg ApS', [2023, 9, 30], 9800.1, 'number'],
  ['F-1009', 'K05', 'Bager Bent', [2023, 10, 5], 320, 'number'],
  ['F-1010', 'K04', 'Café Solsikke', [2023, 11, 11], 610.4, 'text'],
  ['F-1011', 'K01', 'Nordbyg ApS', [2023, 12, 14], 15250.6, 'number'],
  ['F-1012', 'K03', 'Fyns Tømrer A/S', [2024, 1, 22], 5400, 'number'],
  ['F-1013', 'K02', 'Hansen Design', [2024, 2, 13], -1234.5, 'number'],
  ['F-1014', 'K05', 'Bager Bent', [2024, 3, 1], 280.3, 'text'],
];

const pad = (n: number): string => String(n).padStart(2, '0');
const danishDate = ([y, m, d]: [number, number, number]): string => `${pad(d)}-${pad(m)}-${y}`;
const commaNumber = (n: number): string => {
  const [whole, frac] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+$)/g, '.')},${frac}`;
};

export function writeInvoicesCsv(path: string): void {
  const lines = ['Fakturanr;Kundenr;Kundenavn;Dato;Beløb'];
  for (const [inv, id, name, date, amount] of INVOICES) lines.push([inv, id, name, danishDate(date), commaNumber(amount)].join(';'));
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

export async function writeInvoicesWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Forside');
  cover.getCell('A1').value = 'Fakturaoversigt';
  cover.getCell('A3').value = 'Udskrevet af regnskabssystemet';
  const ws = wb.addWorksheet('Fakturaer');
  ws.getCell('A1').value = 'Fakturaer 2023-2024';
  ws.getRow(3).values = ['Fakturanr', 'Kundenr', 'Kundenavn', 'Dato', 'Beløb'];
  INVOICES.forEach(([inv, id, name, [y, m, d], amount, as], i) => {
    const row = ws.getRow(4 + i);
    const value = as === 'text' ? commaNumber(amount) : as === 'formula' ? { formula: `${amount / 2}*2`, result: amount } : amount;
    row.values = [inv, id, name, new Date(Date.UTC(y, m - 1, d)), value];
    row.getCell(4).numFmt = 'dd-mm-yyyy';
  });
  const hidden = wb.addWorksheet('Skjult', { state: 'hidden' });
  hidden.addRow(['Kunde', 'Dato', 'Beløb']);
  hidden.addRow(['X', new Date(Date.UTC(2024, 0, 1)), 1]);
  await wb.xlsx.writeFile(path);
}

export async function writeInvoicesParquet(path: string): Promise<void> {
  const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const values = INVOICES.map(([inv, id, name, [y, m, d], amount]) => `('${inv}', '${id}', '${name}', DATE '${y}-${pad(m)}-${pad(d)}', ${amount}::DOUBLE)`).join(', ');
  await con.run(`COPY (SELECT * FROM (VALUES ${values}) t("Fakturanr", "Kundenr", "Kundenavn", "Dato", "Beløb")) TO '${path}' (FORMAT parquet)`);
  con.closeSync();
  db.closeSync();
}

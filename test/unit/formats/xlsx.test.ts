import { describe, expect, it } from 'vitest';
import { columns } from '../../../src/documents/document.js';
import { workbook } from '../../../src/formats/xlsx.js';

describe('the xlsx format', () => {
  it('writes a sheet named by the rows, numbers as numbers with formats by kind, text as text', async () => {
    const table = { name: 'customers', columns: columns({ customer: 'text', revenue: 'money', share: 'share', nested: 'text' }), rows: [['C1', 1234.5, 0.25, { a: 1 }], ['=C2', -2, null, null]] };
    const bytes = await workbook(table, '2024-12-31');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.getWorksheet('customers')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'customer', 'revenue', 'share', 'nested']);
    expect(ws.getCell('B2').value).toBe(1234.5);
    expect(ws.getCell('B2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C2').numFmt).toBe('0.0%');
    expect(ws.getCell('D2').value).toBe('{"a":1}');
    expect(ws.getCell('A3').value).toBe('=C2');
    expect(book.created?.toISOString()).toBe('2024-12-31T00:00:00.000Z');
  });
});

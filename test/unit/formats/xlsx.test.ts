import { afterEach, describe, expect, it, vi } from 'vitest';
import { columns } from '../../../src/documents/document.js';
import { stampZipDates, workbook } from '../../../src/formats/xlsx.js';

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

  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the same bytes whenever it runs: every part dated the as-of date, not the clock', async () => {
    const table = { name: 'customers', columns: columns({ customer: 'text', revenue: 'money' }), rows: [['C1', 1]] };
    const at = async (now: string): Promise<Buffer> => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(now));
      try {
        return await workbook(table, '2024-12-31');
      } finally {
        vi.useRealTimers();
      }
    };
    const [a, b] = [await at('2026-01-02T03:04:06Z'), await at('2030-07-08T09:10:12Z')];
    expect(a.equals(b)).toBe(true);
    // DOS date 2024-12-31 at 00:00 in the first local header (time at byte 10, date at 12).
    expect([a.readUInt16LE(10), a.readUInt16LE(12)]).toEqual([0, ((2024 - 1980) << 9) | (12 << 5) | 31]);
  });

  it('refuses what is not a zip archive rather than writing into it', () => {
    expect(() => stampZipDates(Buffer.from('not a zip'), '2024-12-31')).toThrow('not a zip archive');
  });
});

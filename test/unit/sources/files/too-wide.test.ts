/**
 * Wide files (issue 26.2): 5,004 columns crashed DuckDB after minutes, 1,000 took 50 s and 2.3 GB.
 * A file over the documented column count is refused at once with one line; under it, only the
 * fields and the first 100 other columns are profiled and staged, the rest said to be not looked at.
 * Generated here (not committed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../../helpers/in-process.js';
import { oneSheetWorkbook, deflated } from '../../../helpers/zip.js';

const tmp = mkdtempSync(join(tmpdir(), 'segment-wide-'));

/** A CSV of `n` columns: customer, date, amount and n - 3 small numbers, 3 rows. */
function wideCsv(n: number): string {
  const header = ['customer_id', 'date', 'amount', ...Array.from({ length: n - 3 }, (_, i) => `extra_${i}`)];
  const rows = [0, 1, 2].map((r) => [`C${r}`, `2024-01-0${r + 1}`, '10.50', ...Array.from({ length: n - 3 }, (_, i) => String((i * 7 + r) % 100))]);
  return `${[header, ...rows].map((x) => x.join(',')).join('\n')}\n`;
}

function columnName(n: number): string {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

beforeAll(() => {
  writeFileSync(join(tmp, 'wide-5004.csv'), wideCsv(5004));
  writeFileSync(join(tmp, 'wide-1000.csv'), wideCsv(1000));
  // The widest sheet a workbook can have: 16,384 columns.
  const cell = (ref: string, v: string): string => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const row = (r: number, value: (c: number) => string): string => `<row r="${r}">${Array.from({ length: 16_384 }, (_, c) => cell(`${columnName(c)}${r}`, value(c))).join('')}</row>`;
  const header = row(1, (c) => ['customer_id', 'date', 'amount'][c] ?? `x${c}`);
  const data = [2, 3].map((r) => row(r, (c) => [`C${r}`, `2024-01-0${r}`, '10.50'][c] ?? String(c)));
  oneSheetWorkbook(join(tmp, 'wide.xlsx'), deflated('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}${data.join('')}</sheetData></worksheet>`));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('wide files', () => {
  it('refuses a CSV of 5,004 columns with one line and exit 3', async () => {
    const r = await runInProcess(['rfm', join(tmp, 'wide-5004.csv')]);
    expect(r.code).toBe(3);
    expect(r.stderr.replaceAll(tmp, '<tmp>')).toBe(
      'segment rfm: <tmp>/wide-5004.csv: 5,004 columns, more than the 2,000 segment reads; export only the columns you need (customer, date, amount and a few attributes)\n',
    );
  });

  it('refuses a workbook of 16,384 columns the same way', async () => {
    const r = await runInProcess(['inspect', join(tmp, 'wide.xlsx')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/wide\.xlsx: 16,384 columns, more than the 2,000 segment reads; export only the columns you need/);
  });

  it('reads 1,000 columns, profiling only the first 100 that are no field, and says so', async () => {
    const r = await runInProcess(['inspect', join(tmp, 'wide-1000.csv'), '--json']);
    expect(r.code).toBe(0);
    const input = (JSON.parse(r.stdout) as { inputs: { columns: { name: string; role: string; why: string }[]; notes: string[] }[] }).inputs[0]!;
    expect(input.columns).toHaveLength(1000);
    const looked = input.columns.filter((c) => c.why !== 'not looked at (past the first 100 attribute candidates)');
    // customer, date, amount and extra_0 … extra_99.
    expect(looked.map((c) => c.name)).toEqual(['customer_id', 'date', 'amount', ...Array.from({ length: 100 }, (_, i) => `extra_${i}`)]);
    expect(input.notes).toContain('897 columns are not looked at: only the first 100 columns that are no field are attribute candidates');
  });
});

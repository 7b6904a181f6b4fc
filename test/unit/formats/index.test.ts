import { describe, expect, it } from 'vitest';
import { heading, paragraph, table } from '../../../src/documents/blocks.js';
import { columns, type Document } from '../../../src/documents/document.js';
import { FORMATS, chooseFormat, formatsOf, outputWidth, planOutput, wantColor, writeDocument } from '../../../src/formats/index.js';
import { sink } from '../../helpers/sink.js';

const tty = (columns = 120) => sink({ isTTY: true, columns });

describe('planOutput: everything about the output, decided once', () => {
  it('gives a table a terminal its own width, and 80 columns to pipes and files', () => {
    expect(outputWidth(tty(132), undefined)).toBe(132);
    expect(outputWidth(sink(), undefined)).toBe(80);
    expect(outputWidth(tty(132), 'out.txt')).toBe(80);
    // A terminal that says no width gets 80 too.
    expect(outputWidth(tty(0), undefined)).toBe(80);
    expect(planOutput({ formats: FORMATS, format: 'table' }, tty(100), {}).width).toBe(100);
  });

  it('colours only a terminal written to directly, never with NO_COLOR, TERM=dumb or --no-color', () => {
    expect(wantColor(tty(), undefined, undefined, {})).toBe(true);
    expect(wantColor(sink(), undefined, undefined, {})).toBe(false);
    expect(wantColor(tty(), 'out.txt', undefined, {})).toBe(false);
    expect(wantColor(tty(), undefined, false, {})).toBe(false);
    expect(wantColor(tty(), undefined, undefined, { NO_COLOR: '1' })).toBe(false);
    // An empty NO_COLOR is not set (no-color.org).
    expect(wantColor(tty(), undefined, undefined, { NO_COLOR: '' })).toBe(true);
    expect(wantColor(tty(), undefined, undefined, { TERM: 'dumb' })).toBe(false);
  });

  it('reads --top as a whole number and refuses anything else, naming the value', () => {
    expect(planOutput({ formats: FORMATS, format: 'table', top: '7' }, sink()).top).toBe(7);
    expect(planOutput({ formats: FORMATS, format: 'table', top: ' 7 ' }, sink()).top).toBe(7);
    expect(planOutput({ formats: FORMATS, format: 'table', top: 3 }, sink()).top).toBe(3);
    expect(planOutput({ formats: FORMATS, format: 'table' }, sink()).top).toBeUndefined();
    expect(() => planOutput({ formats: FORMATS, format: 'table', top: '-1' }, sink())).toThrow("--top takes a whole number, not '-1'");
    expect(() => planOutput({ formats: FORMATS, format: 'table', top: '2.5' }, sink())).toThrow("--top takes a whole number, not '2.5'");
  });

  it('refuses Parquet to stdout, and a workbook to a terminal (a pipe may take it)', () => {
    expect(() => planOutput({ formats: FORMATS, format: 'parquet' }, sink())).toThrow('--format parquet writes a binary file: give --output FILE.parquet (or use --format ndjson or csv for a pipe)');
    expect(() => planOutput({ formats: FORMATS, format: 'parquet', output: '-' }, sink())).toThrow('--format parquet writes a binary file');
    expect(planOutput({ formats: FORMATS, format: 'parquet', output: 'x.parquet' }, sink()).output).toBe('x.parquet');
    expect(() => planOutput({ formats: FORMATS, format: 'xlsx' }, tty())).toThrow('--format xlsx writes a binary workbook: pass --output FILE.xlsx, or redirect stdout to a file');
    expect(planOutput({ formats: FORMATS, format: 'xlsx' }, sink()).format).toBe('xlsx');
  });

  it('chooses the format: --json, else --format, else the --output extension the command writes, else its first', () => {
    const analysis = ['table', 'md', 'json', 'csv', 'ndjson', 'parquet', 'xlsx'] as const;
    expect(chooseFormat({ formats: analysis })).toBe('table');
    expect(chooseFormat({ formats: ['md', 'json', 'html'] })).toBe('md');
    expect(chooseFormat({ formats: analysis, json: true, format: 'csv' })).toBe('json');
    expect(chooseFormat({ formats: analysis, format: 'csv', output: 'x.xlsx' })).toBe('csv');
    const byExtension = ['a.xlsx', 'b.PARQUET', 'c.csv', 'd.json', 'e.ndjson', 'f.jsonl', 'g.md', 'h.txt', 'i', 'j.html', 'k.csv.gz'].map((output) => chooseFormat({ formats: analysis, output }));
    expect(byExtension).toEqual(['xlsx', 'parquet', 'csv', 'json', 'ndjson', 'ndjson', 'md', 'table', 'table', 'table', 'table']);
    expect(chooseFormat({ formats: ['md', 'json', 'html'], output: 'report.HTM' })).toBe('html');
    expect(planOutput({ formats: ['md', 'html'], output: 'r.html' }, sink()).format).toBe('html');
  });

  it('gives --charts to Markdown only, and a folder', () => {
    expect(planOutput({ formats: ['md', 'html'], charts: 'c' }, sink()).chartsDir).toBe('c');
    expect(() => planOutput({ formats: ['md', 'html'], output: 'r.html', charts: 'c' }, sink())).toThrow('--charts writes SVG files for the Markdown report (--format md); the HTML report has its charts inline');
    expect(() => planOutput({ formats: ['md', 'json'], json: true, charts: 'c' }, sink())).toThrow('the JSON report has no charts');
    expect(() => planOutput({ formats: ['md'], charts: ' ' }, sink())).toThrow('--charts takes a folder, such as --charts charts');
  });

  it('takes --excel for CSV only', () => {
    expect(planOutput({ formats: FORMATS, format: 'csv', excel: true }, sink()).excel).toBe(true);
    expect(() => planOutput({ formats: FORMATS, format: 'xlsx', excel: true }, sink())).toThrow('--excel is for --format csv; an .xlsx workbook needs no locale conventions');
  });
});

describe('formatsOf and writeDocument', () => {
  const blocksOnly: Document = { command: 'b', title: 'B', blocks: () => [heading('B', 1)] };
  const full: Document = { ...blocksOnly, json: () => ({}), rows: () => ({ name: 'r', columns: columns({ a: 'text' }), rows: [] }), charts: async () => [] };

  it('says which formats a document can be written in, from the parts it has', () => {
    expect(formatsOf(blocksOnly)).toEqual(['table', 'md']);
    expect(formatsOf(full)).toEqual(['table', 'md', 'json', 'ndjson', 'csv', 'parquet', 'xlsx', 'html']);
    expect(formatsOf({ command: 'j', title: 'J', json: () => ({}) })).toEqual(['json']);
  });

  it('refuses, as a bug, a format the document has no part for', async () => {
    await expect(writeDocument(blocksOnly, planOutput({ formats: FORMATS, format: 'csv' }, sink()))).rejects.toThrow('segment b has no csv output (it writes table, md)');
  });

  it('gives the table format the planned width and the document its --top', async () => {
    const seen: unknown[] = [];
    const doc: Document = {
      command: 'w',
      title: 'W',
      blocks: (t) => {
        seen.push(t);
        return [paragraph('word '.repeat(40).trim()), table(['a'], [['1']])];
      },
    };
    const out = tty(40);
    await writeDocument(doc, planOutput({ formats: FORMATS, format: 'table', top: '5' }, out, { NO_COLOR: '1' }));
    expect(seen).toEqual([{ top: 5, terminal: true, width: 40 }]);
    expect(Math.max(...out.text().split('\n').map((l) => l.length))).toBeLessThanOrEqual(40);
    const md = sink();
    await writeDocument(doc, planOutput({ formats: FORMATS, format: 'md' }, md));
    expect(seen[1]).toEqual({ top: undefined, terminal: false, width: Number.POSITIVE_INFINITY });
    expect(md.text()).toBe(`${'word '.repeat(40).trim()}\n\n| a |\n| --- |\n| 1 |\n`);
  });
});

import { describe, expect, it } from 'vitest';
import { columns, type Document } from '../../../src/documents/document.js';
import { csvLines } from '../../../src/formats/csv.js';
import { FORMATS, planOutput, writeDocument } from '../../../src/formats/index.js';
import { sink } from '../../helpers/sink.js';

const table = { name: 'customers', columns: columns({ name: 'text', revenue: 'money' }), rows: [['Nordbyg; ApS', 1234.5], ['=cmd', -2.25]] };

describe('the CSV format', () => {
  it('writes plain CSV: a header, a line per row, formulas neutralised', () => {
    expect([...csvLines(table, false)].join('')).toBe("name,revenue\nNordbyg; ApS,1234.5\n'=cmd,-2.25\n");
  });

  it('writes CSV for Excel in a Nordic locale: BOM, semicolons, decimal commas, CRLF', () => {
    expect([...csvLines(table, true)].join('')).toBe("\uFEFFname;revenue\r\n\"Nordbyg; ApS\";1234,5\r\n'=cmd;-2,25\r\n");
  });

  it('neutralises formulas, keeps numbers (negative ones too), quotes separators and writes nested values as JSON', () => {
    const t = {
      name: 'x',
      columns: columns({ name: 'text', revenue: 'number', note: 'text' }),
      rows: [
        ['=HYPERLINK("http://x","click")', -154.35, '-154.35'],
        ['@SUM(A1)', 10, 'a,b'],
        ['+1+1', 0, null],
        ['\tx', 1e-5, '-2+3'],
        ['nested', 1, { a: 1 }],
      ],
    };
    expect([...csvLines(t, false)].join('')).toBe(
      'name,revenue,note\n' +
        `"'=HYPERLINK(""http://x"",""click"")",-154.35,-154.35\n` +
        `'@SUM(A1),10,"a,b"\n` +
        `'+1+1,0,\n` +
        `"'\tx",0.00001,'-2+3\n` +
        `nested,1,"{""a"":1}"\n`,
    );
  });

  it('writes a header alone when there are no rows', () => {
    expect([...csvLines({ name: 'x', columns: columns({ a: 'text', b: 'integer' }), rows: [] }, false)].join('')).toBe('a,b\n');
  });

  it('is written in chunks of about 64 KB, never one string of every row', () => {
    const many = { name: 'x', columns: columns({ a: 'text' }), rows: Array.from({ length: 20_000 }, (_, i) => [`row ${i}`]) };
    const chunks = [...csvLines(many, false)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('').split('\n')).toHaveLength(20_002);
  });

  it('writes a document through writeDocument with the planned context', async () => {
    const out = sink();
    const doc: Document = { command: 't', title: 't', rows: (s) => ({ ...table, rows: table.rows.slice(0, s.top) }) };
    await writeDocument(doc, planOutput({ formats: FORMATS, format: 'csv', top: '1' }, out));
    expect(out.text()).toBe('name,revenue\nNordbyg; ApS,1234.5\n');
  });
});

import { describe, expect, it } from 'vitest';
import type { CustomerSheet } from '../../../src/analyses/customer-sheet.js';
import { CUSTOMERS_TOP, customersDocument } from '../../../src/documents/customers-document.js';
import { formatsOf } from '../../../src/formats/index.js';
import { jsonText } from '../../../src/formats/json-text.js';

const sheet: CustomerSheet = {
  columns: [
    { key: 'customer', kind: 'text' },
    { key: 'name', kind: 'text' },
    { key: 'rank', kind: 'integer' },
    { key: 'revenue', kind: 'money' },
    { key: 'segment', kind: 'text' },
    { key: 'share', kind: 'share' },
  ],
  rows: Array.from({ length: 30 }, (_, i) => [`C${i + 1}`, i === 0 ? 'Bager & Søn' : `C${i + 1}`, i + 1, 1000 - i, 'Champions', 0.01]),
};
const doc = customersDocument({ sheet, asOf: '2024-12-31', method: ['CLV: BG/NBD'], warnings: ['a warning'] });

describe('the customers document', () => {
  it('is written in every format but HTML (it has no charts)', () => {
    expect(formatsOf(doc)).toEqual(['table', 'md', 'json', 'ndjson', 'csv', 'parquet', 'xlsx']);
  });

  it('shows the top of the sheet in its main columns in a table, 20 unless --top says otherwise', () => {
    const blocks = doc.blocks!({ top: undefined, terminal: true, width: 80 });
    const table = blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ head: ['rank', 'customer', 'name', 'revenue', 'segment'], more: 30 - CUSTOMERS_TOP });
    expect(table?.kind === 'table' && table.rows).toHaveLength(CUSTOMERS_TOP);
    const top5 = doc.blocks!({ top: 5, terminal: true, width: 80 }).find((b) => b.kind === 'table');
    expect(top5?.kind === 'table' && top5.rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
    // The method always; the warnings in Markdown only (a terminal has them on stderr).
    expect(blocks.some((b) => b.kind === 'heading' && b.text === 'Method')).toBe(true);
    expect(blocks.some((b) => b.kind === 'heading' && b.text === 'Warnings')).toBe(false);
    expect(doc.blocks!({ top: undefined, terminal: false, width: Infinity }).some((b) => b.kind === 'heading' && b.text === 'Warnings')).toBe(true);
  });

  it('leaves the name column out of a table when every name is the key', () => {
    const keyed = customersDocument({ sheet: { ...sheet, rows: sheet.rows.map((r) => [r[0]!, r[0]!, ...r.slice(2)]) }, asOf: '2024-12-31', method: [], warnings: [] });
    const table = keyed.blocks!({ top: undefined, terminal: true, width: 80 }).find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.head).toEqual(['rank', 'customer', 'revenue', 'segment']);
  });

  it('gives every customer to JSON, NDJSON and the rows, or the first --top', async () => {
    const json = JSON.parse(jsonText(doc.json!({ top: undefined })));
    expect(json).toMatchObject({ command: 'customers', as_of: '2024-12-31', method: ['CLV: BG/NBD'], warnings: ['a warning'] });
    expect(json.customers).toHaveLength(30);
    expect(json.customers[0]).toEqual({ customer: 'C1', name: 'Bager & Søn', rank: 1, revenue: 1000, segment: 'Champions', share: 0.01 });
    expect(JSON.parse(jsonText(doc.json!({ top: 3 }))).customers).toHaveLength(3);
    expect([...doc.objects!({ top: undefined })]).toHaveLength(30);
    expect([...doc.objects!({ top: 2 })]).toEqual([json.customers[0], json.customers[1]]);
    const rows = await doc.rows!({ top: 4, typed: true });
    expect(rows.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['customer:text', 'name:text', 'rank:integer', 'revenue:money', 'segment:text', 'share:share']);
    expect([...rows.rows]).toHaveLength(4);
  });
});

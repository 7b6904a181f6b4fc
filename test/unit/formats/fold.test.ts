/** A terminal of 80 columns: prose wrapped at word boundaries, wide tables folded into parts. */
import { describe, expect, it } from 'vitest';
import { foldTable, keyColumns, visibleWidth, wrapText } from '../../../src/formats/fold.js';
import { renderTable } from '../../../src/formats/cli-table.js';
import { table, paragraph, list } from '../../../src/documents/blocks.js';
import { renderTerminal } from '../../../src/formats/terminal.js';
import { makeStyle } from '../../../src/formats/style.js';
import { runInProcess } from '../../helpers/in-process.js';

const widest = (text: string) => Math.max(...text.split('\n').map(visibleWidth));

describe('wrapText', () => {
  it('breaks at spaces, never inside a word, with a hanging indent', () => {
    expect(wrapText('aaa bbb ccc ddd', 7)).toBe('aaa bbb\nccc ddd');
    expect(wrapText('aaa bbb ccc', 5, '  ')).toBe('aaa\n  bbb\n  ccc');
    // A word wider than the line stays whole.
    expect(wrapText('a 1234567890 b', 5)).toBe('a\n1234567890\nb');
    expect(wrapText('', 10)).toBe('');
  });
  it('counts escape codes as nothing', () => {
    expect(visibleWidth('\u001B[1mbold\u001B[22m')).toBe(4);
    expect(wrapText('\u001B[1maaa\u001B[22m bbb', 7)).toBe('\u001B[1maaa\u001B[22m bbb');
  });
});

describe('foldTable', () => {
  const head = ['rank', 'customer', 'revenue', 'share', 'cumulative', 'orders', 'avg. check', 'tenure', 'last purchase', 'ABC×XYZ', 'RFM', 'segment'];
  const rows = [['1', 'Nordbyg ApS', '128,200.00', '47.6%', '47.6%', '9', '14,244.44', '1.9 y', '2024-11-15', 'AZ', '555', 'Champions']];
  const render = (columns: readonly number[]) => renderTable(columns.map((c) => head[c]!), rows.map((r) => columns.map((c) => r[c]!)));
  it('leaves a table that fits as it is', () => {
    expect(foldTable(head, 500, render)).toBe(render(head.map((_, i) => i)));
  });
  it('folds a wide table into parts of at most 80 columns, each repeating rank and customer, numbers whole', () => {
    const folded = foldTable(head, 80, render);
    expect(widest(folded)).toBeLessThanOrEqual(80);
    const parts = folded.split('\n\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part).toMatch(/rank .* customer/);
    for (const cell of rows[0]!) expect(folded).toContain(cell);
  });
  it('keeps a rank and the name beside it, or just the first column', () => {
    expect(keyColumns(['#', 'customer', 'x'])).toBe(2);
    expect(keyColumns(['segment', 'customers', 'x'])).toBe(1);
    expect(keyColumns(['', 'X regular', 'Y'])).toBe(1);
  });
});

describe('renderTerminal at 80 columns', () => {
  it('wraps prose and list items and folds tables', () => {
    const long = 'word '.repeat(40).trim();
    const out = renderTerminal([paragraph(long), list([long]), table(['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)], [['1', '2', '3']])], false, makeStyle(false));
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(out).toContain('\n    word');
    expect(out.match(/a{30}/g)).toHaveLength(2);
  });
});

describe('every analysis command at 80 columns', () => {
  it('fits abcxyz and rfm of the CRM fixture in 80 columns, the matrix folded', async () => {
    for (const command of ['abcxyz', 'rfm']) {
      const r = await runInProcess([command, 'fixtures/crm-invoices.csv']);
      expect(r.code, r.stderr).toBe(0);
      expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    }
  });
});

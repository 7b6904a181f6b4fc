/** Safe outputs: Markdown and terminal text that data cannot break, CSV that spreadsheets cannot run, JSON that parses back. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { data, list, paragraph, table } from '../../../src/documents/blocks.js';
import { mdData, renderMarkdown } from '../../../src/formats/markdown.js';
import { renderTerminal } from '../../../src/formats/terminal.js';
import { csvCell } from '../../../src/kernel/csv-cell.js';
import { jsonChunks, jsonText } from '../../../src/formats/json-text.js';
import { formatDecimal, shareDigits } from '../../../src/documents/format.js';
import { runInProcess } from '../../helpers/in-process.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOSTILE = '<img src=x onerror=alert(1)> | 0';

describe('Markdown', () => {
  it('escapes a hostile name in a table cell: no HTML, no extra cell', () => {
    const md = renderMarkdown([table(['#', 'customer'], [['1', data(HOSTILE)]])]);
    const row = md.trim().split('\n')[2]!;
    // Escaped with backslashes, not HTML entities: the Markdown reads as written (issue 24).
    expect(row).toBe('| 1 | \\<img src=x onerror=alert(1)\\> \\| 0 |');
    // Three unescaped pipes: the row has exactly two cells.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(3);
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).not.toContain('&lt;');
  });

  it('keeps authored emphasis but not the data\'s: backticks, stars, brackets, line breaks', () => {
    const md = renderMarkdown([paragraph(`**${data('*Acme* `rm -rf` [x](http://evil)\nnext')}** buys`)]);
    expect(md).toBe('**\\*Acme\\* \\`rm -rf\\` \\[x\\](http://evil) next** buys\n');
  });

  it('never lets data start a new line, a heading or a list item', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const md = renderMarkdown([list([`customer ${data(name)}`])]);
        expect(md.split('\n').filter((l) => l !== '')).toHaveLength(1);
        expect(md).not.toMatch(/(?<!\\)<[\p{L}!/?]/iu);
        // No HTML entity in Markdown: an `&` that could start one is escaped.
        expect(md).not.toMatch(/(?<!\\)&#?[\p{L}\p{N}]+;/u);
        expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u001b]/);
      }),
    );
  });

  it('mdData leaves ordinary names alone', () => {
    expect(mdData('Nordbyg ApS')).toBe('Nordbyg ApS');
    expect(mdData('Bager & Søn')).toBe('Bager & Søn');
    expect(mdData('P&amp;G <b>')).toBe('P\\&amp;G \\<b\\>');
    expect(mdData('p < 0.05, 3 > 2')).toBe('p < 0.05, 3 \\> 2');
  });
});

describe('terminal', () => {
  it('shows control characters of the data as �, so a name cannot send escape codes', () => {
    const out = renderTerminal([paragraph(`name ${data('evil\u001b[2J\u0007')}`)], false, new Chalk({ level: 0 }));
    expect(out).toBe('name evil�[2J�\n');
  });
  it('shows bidi controls of the data as �, so a name cannot reverse the figures after it (issue 26)', () => {
    const out = renderTerminal([table(['customer', 'revenue'], [[data('Evil\u202E AB'), '1,250.00'], [data('\u2066x\u2069\u200F'), '3.00']])], false, new Chalk({ level: 0 }));
    expect(out).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    expect(out).toContain('Evil� AB');
    expect(renderMarkdown([paragraph(data('a\u202Eb\u202Dc\u202Ad'))])).toBe('a�b�c�d\n');
    expect(mdData('\u2067RTL\u2069')).toBe('�RTL�');
  });
  it('keeps stars in names literal while authored bold is styled', () => {
    const out = renderTerminal([paragraph(`**${data('A*B**C**')}**`)], true, new Chalk({ level: 1 }));
    expect(out).toBe('\u001b[1mA*B**C**\u001b[22m\n');
  });
});

describe('CSV cells', () => {
  it('neutralises formulas (OWASP): =, +, -, @, tab and carriage return', () => {
    expect(csvCell('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });
  it('leaves numbers, negative ones included, as numbers', () => {
    expect(csvCell(-154.35)).toBe('-154.35');
    expect(csvCell('-154.35')).toBe('-154.35');
    expect(csvCell('-154,35')).toBe('"-154,35"');
    expect(csvCell('+45')).toBe('+45');
    expect(csvCell('1e-5')).toBe('1e-5');
    expect(csvCell(null)).toBe('');
  });
  it('shows bidi controls as �, so a spreadsheet cannot show a row reversed (issue 26)', () => {
    expect(csvCell('Evil\u202E AB')).toBe('Evil� AB');
    expect(csvCell('\u2066=1+1\u2069')).toBe('�=1+1�');
    expect(csvCell('שלום')).toBe('שלום');
  });
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('JSON output', () => {
  it('parses back to the same value, with one customer per line', () => {
    const value = { schema: 'x', n: 1, empty: [], nested: { a: [1, 2], b: null, c: {} }, customers: [{ k: 'a', v: 1 }, { k: 'b"', v: null }] };
    const text = jsonText(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('\n    {"k":"a","v":1},\n    {"k":"b\\"","v":null}\n  ]');
  });
  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = [...jsonChunks(v)].join('');
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});

describe('escape codes in the input', () => {
  it('reach neither the inspection table nor an error message', async () => {
    const file = 'fixtures/bad/escape-codes-in-header.csv';
    const table = await runInProcess(['inspect', file, '--customer', 'customer\u001b[2J']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('customer\uFFFD[2J');
    expect(table.stdout).not.toContain('\u001b');
    const error = await runInProcess(['inspect', file]);
    expect(error.code).toBe(3);
    expect(error.stderr).toContain("'customer\\x1B[2J'");
    expect(error.stderr).not.toContain('\u001b');
  });
});

describe('shares (issue 24)', () => {
  it('get enough decimals to tell the shown customers apart', () => {
    expect(shareDigits([0.075, 0.066])).toBe(1);
    expect(shareDigits([0.000145, 0.00012, 0])).toBe(3);
    expect(shareDigits([0.0012, 0.0005])).toBe(1);
    expect(shareDigits([0.00049])).toBe(3);
    expect(shareDigits([1e-9])).toBe(4);
    expect(shareDigits([])).toBe(1);
  });
  it('the top customers of 4,000 are not all 0.0%', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-shares-'));
    const file = join(dir, 'sales.csv');
    const lines = ['customer,date,amount'];
    for (let c = 0; c < 4000; c++) lines.push(`K${c},2024-0${1 + (c % 9)}-10,${(100 + c * 0.01).toFixed(2)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const report = await runInProcess(['report', file, '--top', '5']);
    expect(report.code).toBe(0);
    // K3999: 139.99 of 479,980.00 = 0.0292%; K3995: 139.95 = 0.0292% too, K3000: 0.0271%.
    expect(report.stdout).toMatch(/^\| 1 \| K3999 \| elite \| 139\.99 \| 0\.029% \|/m);
    const abc = await runInProcess(['abc', file, '--format', 'md', '--top', '3']);
    expect(abc.stdout).toMatch(/^\| 1 \| K3999 \| 139\.99 \| 0\.029% \|/m);
  });
});

describe('numbers for people', () => {
  it('formatDecimal groups thousands as formatInt and formatMoney do', () => {
    expect(formatDecimal(11669.8, 1)).toBe('11,669.8');
    expect(formatDecimal(-1234567.891, 2)).toBe('-1,234,567.89');
    expect(formatDecimal(-0.0004, 3)).toBe('0.000');
    expect(formatDecimal(0.5, 0)).toBe('1');
    expect(formatDecimal(999.96, 1)).toBe('1,000.0');
  });
});

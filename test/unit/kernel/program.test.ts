/** Golden end-to-end cases: stdout, stderr and exit code of the CLI as a user runs it. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

const E = 'fixtures/errors';
const cases: [string, string[], number, string][] = [
  ['no header row', ['inspect', `${E}/no-header.csv`], 3,
    `segment inspect: ${E}/no-header.csv: line 1 looks like data, not a header; name the 4 columns with --columns a,b,…`],
  ['day and month cannot be told apart', ['inspect', `${E}/ambiguous-date.csv`], 3,
    `segment inspect: ${E}/ambiguous-date.csv: column 'date' (transaction date): 4 values like 01/02/2023 read as day-first or month-first and no day is over 12; pass --date-format dd.mm.yyyy or --date-format mm/dd/yyyy`],
  ['decimal separator cannot be told', ['inspect', `${E}/ambiguous-decimal.csv`], 3,
    `segment inspect: ${E}/ambiguous-decimal.csv: column 'amount' (signed amount): 3 values like 1,234 read either way and none settles it; pass --decimal dot or --decimal comma`],
  ['two candidate columns', ['inspect', `${E}/two-amount-columns.csv`], 3,
    `segment inspect: ${E}/two-amount-columns.csv: columns 'amount' and 'total' both look like the signed amount; name the one to use with --amount 'amount' (columns are 'customer', 'date', 'amount', 'total')`],
  ['several currencies', ['inspect', `${E}/mixed-currency.csv`], 3,
    `segment inspect: ${E}/mixed-currency.csv: the currency column holds 3 currencies (DKK: 2 rows, EUR: 1 row, SEK: 1 row); amounts in different currencies cannot be added up: keep one with --currency DKK`],
  ['no customer column', ['inspect', `${E}/no-customer.csv`], 3,
    `segment inspect: ${E}/no-customer.csv: no customer column found; name it with --customer COL, or pass --kind bank for a bank statement (columns are 'date', 'amount', 'note')`],
  ['empty file', ['inspect', `${E}/empty.csv`], 3, `segment inspect: ${E}/empty.csv: the file is empty`],
  ['no table', ['inspect', `${E}/no-table.csv`], 3,
    `segment inspect: ${E}/no-table.csv: found no table (a header line followed by lines with the same number of fields; tried ',' ';' tab '|' and aligned columns); pass --delimiter and --skip`],
  ['map file with an unknown key', ['inspect', 'fixtures/crm-invoices.csv', '--map', `${E}/bad-map.json`], 2,
    `segment inspect: --map ${E}/bad-map.json: unknown key 'columns.custmer'; known keys: customer, customer_name, date, amount, order, quantity, unit_price, margin, cost, currency, text, counterparty, credit, debit, status, stage, due_date, paid_date, direction`],
  ['missing file', ['inspect', 'nonexistent.csv'], 2, 'segment inspect: nonexistent.csv: no such file'],
  ['override naming no column', ['inspect', 'fixtures/loyalty-baskets.csv', '--date', 'Dato2'], 2,
    "segment inspect: fixtures/loyalty-baskets.csv: column 'Dato2' given by --date is not in the header; columns are 'Medlemsnummer', 'Butikk', 'Dato', 'Beløp', 'Kanal'"],
  ['bad number option', ['inspect', 'fixtures/crm-invoices.csv', '--skip', 'x'], 2, "segment inspect: --skip takes a whole number, not 'x'"],
  ['stdin twice', ['inspect', '-', '-'], 2, 'segment inspect: stdin (-) can be read only once'],
  ['stdin for the input and --customers', ['report', '-', '--customers', '-'], 2,
    'segment report: stdin (-) can be read only once, but an input and --customers are both -; write all but one of them to a file first'],
  ['unknown encoding', ['inspect', 'fixtures/crm-invoices.csv', '--encoding', 'klingon'], 2,
    "segment inspect: unknown encoding 'klingon'; use utf-8, utf-16le, utf-16be, windows-1252 (latin-1), iso-8859-15, iso-8859-13, …"],
  ['bad date format', ['inspect', 'fixtures/crm-invoices.csv', '--date-format', 'tomorrow'], 2,
    "segment inspect: --date-format: 'tomorrow' is not a date format; use dd.mm.yyyy, mm/dd/yyyy, yyyy-mm-dd, yyyymmdd or dd-mon-yyyy"],
  ['bad reject rate', ['inspect', 'fixtures/crm-invoices.csv', '--max-reject-rate', 'abc'], 2,
    "segment inspect: --max-reject-rate takes a percentage such as 1 or 0.5%, not 'abc'"],
  ['bad kind', ['inspect', 'fixtures/crm-invoices.csv', '--kind', 'xyz'], 2,
    "segment inspect: option '--kind <kind>' argument 'xyz' is invalid. Allowed choices are crm, bank, loyalty. (see --help)"],
  ['unknown option', ['inspect', '--bogus', 'x.csv'], 2, "segment inspect: unknown option '--bogus' (see --help)"],
  ['no input', ['inspect'], 2, "segment inspect: missing required argument 'files' (see --help)"],
  ['unknown command', ['frobnicate'], 2, "segment: unknown command 'frobnicate' (see --help)"],
];

describe('error paths', () => {
  it.each(cases)('%s', async (_name, args, code, stderr) => {
    const r = await runInProcess(args);
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code, stderr: `${stderr}\n`, stdout: '' });
  });
  it('shows no stack trace without --debug, and one with it', async () => {
    const plain = await runInProcess(['inspect', `${E}/empty.csv`]);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runInProcess(['inspect', `${E}/empty.csv`, '--debug']);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.code).toBe(3);
  });
});

describe('help and version', () => {
  it('leads with examples', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Examples:\n  segment inspect')).toBe(true);
    const sub = await runInProcess(['inspect', '--help']);
    expect(sub.stdout.startsWith('Examples:\n')).toBe(true);
  });
  it("prints package.json's version", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await runInProcess(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });
});

describe('output', () => {
  it('has no colour codes when not on a terminal', async () => {
    const r = await runInProcess(['inspect', 'fixtures/crm-invoices.csv'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
  it('writes to --output and nothing to stdout', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'segment-out-'));
    const r = await runInProcess(['inspect', 'fixtures/crm-invoices.csv', '--json', '--output', join(dir, 'o.json')]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8'))).toMatchObject({ schema: 'segment.inspect', version: 1 });
  });
});

/**
 * Reading the fixtures end to end (`segment inspect --json`): every row accounted for, and the
 * figures of each fixture checked against a hand count.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

interface Rows {
  read: number;
  used: number;
  used_amount: number;
  rejected: number;
  skipped: number;
  unattributed: number;
  unattributed_amount: number;
  identical_within_file: number;
  skipped_by_rule: { reason: string; rows: number; amount: number }[];
  rejected_by_reason: { reason: string; column: string | null; rows: number; examples: { line: number | null; value: string | null }[] }[];
}
interface Inspect {
  schema: string;
  inputs: {
    file: string;
    kind: string;
    encoding: string;
    customers: number;
    orders: number;
    currency: string | null;
    refunds: { rows: number; amount: number };
    columns: { name: string; field: string | null; role: string; convention: string | null }[];
    rows: Rows;
    first_date: string | null;
    last_date: string | null;
  }[];
  total: Rows;
  warnings: string[];
}

async function inspect(args: string[], stdin?: string | Buffer): Promise<Inspect> {
  const r = await runInProcess(['inspect', '--json', ...args], stdin === undefined ? {} : { stdin });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Inspect;
}

function balanced(rows: Rows): void {
  expect(rows.read).toBe(rows.used + rows.rejected + rows.skipped + rows.unattributed);
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'segment-test-'));
}

describe('fixtures: every row is used, rejected, skipped or unattributed', () => {
  it('e-commerce line items with cancellations', async () => {
    const r = await inspect([fixture('ecommerce-lines.csv')]);
    const i = r.inputs[0]!;
    balanced(i.rows);
    expect(i.kind).toBe('crm');
    expect(i.rows).toMatchObject({ read: 30, used: 28, rejected: 0, skipped: 0, unattributed: 2, unattributed_amount: 27.45, identical_within_file: 2 });
    expect(i.customers).toBe(11);
    // 21 invoices; the three C-invoices are credit notes, netted but no orders.
    expect(i.orders).toBe(21);
    expect(i.refunds).toEqual({ rows: 3, amount: -111.75 });
    expect(i.rows.used_amount).toBe(1765.71);
    expect(i.columns.find((c) => c.name === 'Country')?.role).toBe('attribute');
  });

  it('CRM invoices with margin, due and paid dates', async () => {
    const i = (await inspect([fixture('crm-invoices.csv')])).inputs[0]!;
    balanced(i.rows);
    expect(i.rows).toMatchObject({ read: 24, used: 24, used_amount: 269600 });
    expect(i.orders).toBe(23);
    expect(i.currency).toBe('DKK');
    const fields = Object.fromEntries(i.columns.map((c) => [c.name, c.field ?? c.role]));
    expect(fields).toMatchObject({ 'Customer ID': 'customer', Company: 'customer_name', Margin: 'margin', 'Due Date': 'due_date', 'Paid Date': 'paid_date', Industry: 'attribute', Employees: 'attribute', Region: 'attribute' });
  });

  it('Danish bank statement: Windows-1252, decimal comma, dd.mm.yyyy, pending rows', async () => {
    const i = (await inspect([fixture('danske-kontoudtog.csv')])).inputs[0]!;
    balanced(i.rows);
    expect(i.kind).toBe('bank');
    expect(i.encoding).toBe('windows-1252');
    expect(i.columns.find((c) => c.name === 'Beløb')).toMatchObject({ field: 'amount', convention: 'decimal comma' });
    expect(i.columns.find((c) => c.name === 'Dato')?.convention).toMatch(/day first/);
    expect(i.rows).toMatchObject({ read: 12, used: 7, used_amount: 60430.5, rejected: 0, skipped: 5 });
    expect(Object.fromEntries(i.rows.skipped_by_rule.map((s) => [s.reason.split(' (')[0], s.rows]))).toEqual({ pending: 2, 'outgoing payment': 3 });
    // `Indbetaling Nordbyg ApS` and `Indbetaling NORDBYG APS` are one customer.
    expect(i.customers).toBe(3);
  });

  it('Swedish bank statement: BOM, preamble line, booking date preferred and said', async () => {
    const r = await inspect([fixture('swedbank-kontoutdrag.csv')]);
    const i = r.inputs[0]!;
    balanced(i.rows);
    expect(i.columns.find((c) => c.name === 'Bokföringsdag')?.field).toBe('date');
    expect(i.rows).toMatchObject({ read: 8, used: 6, used_amount: 39850, skipped: 2 });
    expect(i.customers).toBe(3);
    expect(i.currency).toBe('SEK');
    expect(r.warnings.join('\n')).toMatch(/'Transaktionsdag' also fits/);
  });

  it('orders with STATUS and STATE columns: the status is the column of status words, not the US states', async () => {
    const r = await inspect([fixture('orders-status-state.csv')]);
    const input = r.inputs[0]!;
    expect(input.columns.find((c) => c.name === 'STATUS')?.field).toBe('status');
    expect(input.columns.find((c) => c.name === 'STATE')?.field).not.toBe('status');
    // Hand count: six orders, one Cancelled left out; 1000.50 + 300.25 + 199.75 + 80 + 20.
    expect(input.rows).toMatchObject({ read: 6, used: 5, used_amount: 1600.5, skipped: 1 });
    balanced(input.rows);
  });
  it('transactions headed trans_date and tran_amount: a synonym after a transaction prefix, kept because the values fit', async () => {
    const r = await inspect([fixture('loyalty-prefixed-headers.csv')]);
    const input = r.inputs[0]!;
    expect(input.columns.filter((c) => c.field === 'date' || c.field === 'amount').map((c) => [c.name, c.field])).toEqual([['trans_date', 'date'], ['tran_amount', 'amount']]);
    // Hand count: 39 + 90 + 80 + 105 + 21 from three customers, 2012-03-30 to 2015-01-14.
    expect(input.rows).toMatchObject({ read: 5, used: 5, used_amount: 335 });
    expect(input).toMatchObject({ customers: 3, first_date: '2012-03-30', last_date: '2015-01-14' });
    // The same names over values that are no dates or numbers are not taken.
    const dir = mkdtempSync(join(tmpdir(), 'segment-prefixed-'));
    const codes = join(dir, 'codes.csv');
    writeFileSync(codes, 'customer_id,trans_date,tran_amount\nC1,T-A,5\nC2,T-B,6\nC1,T-C,7\n');
    const refused = await runInProcess(['inspect', codes]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/no date column found/);
  });
  it('loyalty baskets: amounts like "1 234,50 kr" with no-break spaces', async () => {
    const i = (await inspect([fixture('loyalty-baskets.csv')])).inputs[0]!;
    balanced(i.rows);
    expect(i.kind).toBe('loyalty');
    expect(i.rows).toMatchObject({ read: 12, used: 11, unattributed: 1, unattributed_amount: 45, used_amount: 7601.75 });
    expect(i.customers).toBe(4);
    expect(i.orders).toBe(10);
  });
});

describe('inputs from anywhere', () => {
  it('reads stdin given as -', async () => {
    const r = await inspect(['-'], readFileSync(fixture('crm-invoices.csv')));
    expect(r.inputs[0]).toMatchObject({ file: '<stdin>' });
    expect(r.inputs[0]!.rows.used).toBe(24);
  });
  it('reads gzip, also from stdin', async () => {
    const dir = tmp();
    const gz = gzipSync(readFileSync(fixture('ecommerce-lines.csv')));
    writeFileSync(join(dir, 'lines.csv.gz'), gz);
    expect((await inspect([join(dir, 'lines.csv.gz')])).inputs[0]!.rows.used_amount).toBe(1765.71);
    expect((await inspect(['-'], gz)).inputs[0]!.rows.used_amount).toBe(1765.71);
  });
  it('reads UTF-16 with a byte order mark', async () => {
    const dir = tmp();
    const text = '\ufeffKunde;Dato;Beløb\nA;05.01.2023;1.234,50\nB;13.01.2023;99,00\n';
    writeFileSync(join(dir, 'u16.csv'), Buffer.from(text, 'utf16le'));
    const i = (await inspect([join(dir, 'u16.csv')])).inputs[0]!;
    expect(i.encoding).toBe('utf-16le');
    expect(i.rows.used_amount).toBe(1333.5);
  });
  it('maps a Latin-1 Beløb header like the UTF-8 one', async () => {
    const dir = tmp();
    const text = 'Kunde;Dato;Beløb\nA;13.01.2023;1.234,50\n';
    writeFileSync(join(dir, 'latin1.csv'), Buffer.from(text, 'latin1'));
    writeFileSync(join(dir, 'utf8.csv'), Buffer.from(text, 'utf8'));
    const [a, b] = await Promise.all([inspect([join(dir, 'latin1.csv')]), inspect([join(dir, 'utf8.csv')])]);
    expect(a.inputs[0]!.columns.map((c) => c.field)).toEqual(b.inputs[0]!.columns.map((c) => c.field));
    expect(a.inputs[0]!.rows.used_amount).toBe(1234.5);
  });
});

describe('several inputs', () => {
  it('counts the same export given twice once, and says how many rows were dropped', async () => {
    const r = await inspect([fixture('crm-invoices.csv'), fixture('crm-invoices.csv')]);
    balanced(r.total);
    expect(r.total.used).toBe(24);
    expect(r.total.used_amount).toBe(269600);
    expect(r.inputs[1]!.rows.skipped_by_rule).toEqual([expect.objectContaining({ rows: 24, amount: 269600 })]);
  });
  it('keeps identical rows inside one file but drops the overlap of two', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.csv'), 'customer,date,amount\nA,2023-01-01,10\nA,2023-01-01,10\nB,2023-01-02,5\n');
    writeFileSync(join(dir, 'b.csv'), 'customer,date,amount\nA,2023-01-01,10\nB,2023-01-02,5\nC,2023-01-03,7\n');
    const r = await inspect([join(dir, 'a.csv'), join(dir, 'b.csv')]);
    // a: A twice (real), B; b: A once and B (already seen), C new.
    expect(r.total.used).toBe(4);
    expect(r.total.used_amount).toBe(32);
    expect(r.inputs[0]!.rows.identical_within_file).toBe(1);
    expect(r.inputs[1]!.rows.skipped).toBe(2);
    balanced(r.total);
  });
});

describe('rejected rows', () => {
  it('are named with their physical line, also after a quoted field that spans lines', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.csv'), 'customer,date,amount,note\nA,2023-01-01,10,"two\nlines"\n\nB,2023-01-02,oops,x\nC,2023-01-03,7,y\nD,2023-01-04,8,z,extra\nE,2023-01-05,9,w\n');
    const r = await runInProcess(['inspect', '--json', '--max-reject-rate', '100', '--rejects', join(dir, 'rejects.csv'), join(dir, 'x.csv')]);
    expect(r.code).toBe(0);
    const i = (JSON.parse(r.stdout) as Inspect).inputs[0]!;
    balanced(i.rows);
    expect(i.rows.rejected).toBe(2);
    const bad = i.rows.rejected_by_reason.find((x) => x.column === 'amount')!;
    expect(bad.examples).toEqual([{ line: 5, value: 'oops' }]);
    const malformed = i.rows.rejected_by_reason.find((x) => x.reason.startsWith('malformed'))!;
    expect(malformed.examples[0]!.line).toBe(7);
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects[0]).toBe('file,line,column,reason,value,record');
    expect(rejects.slice(1).map((l) => l.split(',')[1])).toEqual(['7', '5']);
  });
  it('past the sample, a value that does not fit the column is rejected with its line, never reread', async () => {
    // The first 6 rows decide: decimal-point amounts and ISO dates, which the CSV reader then types
    // itself. Later values that do not convert are the reader's rejects, mapped back to lines.
    const dir = tmp();
    const good = Array.from({ length: 6 }, (_, i) => `C${i % 3},2023-01-0${i + 1},${10 + i}.50`);
    writeFileSync(join(dir, 'x.csv'), ['customer,date,amount', ...good, 'C1,2023-02-01,"12,50"', 'C2,2023-02-30,7.25', 'C0,2023-02-03,abc', 'C1,2023-02-04,8.00', ''].join('\n'));
    const r = await runInProcess(['inspect', '--json', '--max-reject-rate', '100', '--rejects', join(dir, 'rejects.csv'), join(dir, 'x.csv')], { env: { SEGMENT_SAMPLE_ROWS: '6' } });
    expect(r.code).toBe(0);
    const i = (JSON.parse(r.stdout) as Inspect).inputs[0]!;
    balanced(i.rows);
    expect(i.rows).toMatchObject({ read: 10, used: 7, rejected: 3, used_amount: 10.5 + 11.5 + 12.5 + 13.5 + 14.5 + 15.5 + 8 });
    const amount = i.rows.rejected_by_reason.find((x) => x.column === 'amount')!;
    expect(amount.rows).toBe(2);
    expect(amount.examples).toEqual([{ line: 8, value: '12,50' }, { line: 10, value: 'abc' }]);
    const date = i.rows.rejected_by_reason.find((x) => x.column === 'date')!;
    expect(date.examples).toEqual([{ line: 9, value: '2023-02-30' }]);
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects.slice(1).map((l) => l.split(',').slice(1, 3).join(',')).sort()).toEqual(['10,amount', '8,amount', '9,date']);
  });
  it('fail the run with exit code 3 over the limit, after showing the inspection', async () => {
    const r = await runInProcess(['inspect', fixture('errors/bad-dates.csv')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/2 {2}rejected/);
    expect(r.stderr).toBe(
      "segment inspect: 40.0% of rows rejected (2 of 5), over the 1.00% limit; first: fixtures/errors/bad-dates.csv:3: not a date (yyyy-mm-dd) between 1900 and 2100 in column 'date', value '2023-13-45'; fix the export or the mapping (segment inspect shows it), or raise --max-reject-rate\n",
    );
  });
});

describe('decisions from values, not header names (fixtures/values/)', () => {
  const fieldOf = (i: Inspect['inputs'][number], name: string): string | null | undefined => i.columns.find((c) => c.name === name)?.field;
  const whyOf = (i: Inspect['inputs'][number], name: string): string | undefined => (i.columns.find((c) => c.name === name) as { why?: string } | undefined)?.why;

  it('Knab (NL): direction from CreditDebet C/D with all amounts positive, counterparty, currency and date by their values', async () => {
    const i = (await inspect([fixture('values/knab-nl.csv')])).inputs[0]! as Inspect['inputs'][number] & { direction: string };
    balanced(i.rows);
    expect(i.kind).toBe('bank');
    expect(fieldOf(i, 'CreditDebet')).toBe('direction');
    expect(i.direction).toContain("'CreditDebet' (values C (6) / D (4))");
    expect(whyOf(i, 'CreditDebet')).toBe('its values are debit/credit flags: C (6) / D (4)');
    expect(fieldOf(i, 'Tegenrekeninghouder')).toBe('customer');
    expect(fieldOf(i, 'Valutacode')).toBe('currency');
    // Booking date before transaction date, as documented; the value date is never the date.
    expect(fieldOf(i, 'Boekdatum')).toBe('date');
    expect(whyOf(i, 'Boekdatum')).toMatch(/chosen over 'Transactiedatum': among date columns, a booking date before a transaction date/);
    // Hand count: the 4 D rows (827.75, 45, 1,250, 45) are outgoing; of the 6 C rows, interest has no counterparty.
    expect(i.rows).toMatchObject({ read: 10, used: 5, used_amount: 785.5, skipped: 4, unattributed: 1, unattributed_amount: 0.12 });
    expect(i.customers).toBe(3);
    expect(i.currency).toBe('EUR');
  });

  it('German ING: 14 preamble lines, two Währung columns, payer column not the purpose text', async () => {
    const i = (await inspect([fixture('values/ing-de-umsatzanzeige.csv')])).inputs[0]!;
    balanced(i.rows);
    expect(i.columns.map((c) => c.name)).toContain('Währung_2');
    expect(fieldOf(i, 'Buchung')).toBe('date');
    expect(fieldOf(i, 'Auftraggeber/Empfänger')).toBe('customer');
    expect(fieldOf(i, 'Verwendungszweck')).toBe('text');
    // The currency beside Betrag is the amount's.
    expect(fieldOf(i, 'Währung_2')).toBe('currency');
    // Acme 2 × 3,784.22, Beta 2 × 1,250, Gamma 480; three payments out.
    expect(i.rows).toMatchObject({ read: 8, used: 5, used_amount: 10548.44, skipped: 3 });
    expect(i.customers).toBe(3);
  });

  it('a ledger with signed amounts, a type column of DEBIT/CREDIT and oppositeAccountName', async () => {
    // Two amount columns: asked, and the fix works as printed.
    const asked = await runInProcess(['inspect', fixture('values/opencollective-ledger.csv')]);
    expect(asked.code).toBe(3);
    expect(asked.stderr).toContain("columns 'amount' and 'netAmount' both look like the signed amount; name the one to use with --amount 'amount'");
    const r = await inspect([fixture('values/opencollective-ledger.csv'), '--amount', 'amount']);
    const i = r.inputs[0]! as Inspect['inputs'][number] & { notes: string[] };
    // accountName is the collective itself (one value), not its backers.
    expect(i.notes.join('\n')).toContain("customer: 'accountName' holds one value ('Webpack') in all 8 rows");
    expect(fieldOf(i, 'accountName')).toBeNull();
    balanced(i.rows);
    expect(fieldOf(i, 'type')).toBe('direction');
    expect(fieldOf(i, 'oppositeAccountName')).toBe('customer');
    expect(fieldOf(i, 'datetime')).toBe('date');
    // Jane 5 + 5, Acme 100 + 100, Bob 20 + 5; an expense and a host fee are debits.
    expect(i.rows).toMatchObject({ read: 8, used: 6, used_amount: 235, skipped: 2 });
    expect(i.customers).toBe(3);
  });
});

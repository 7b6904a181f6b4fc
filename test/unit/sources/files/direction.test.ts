/**
 * Money that must be right on bank files: direction from a debit/credit flag, the bank's summary
 * lines skipped by their rule, bank codes stripped from counterparty names. Small fixtures built
 * like the exports that showed each problem (fixtures/bank/), read in-process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { DuckDbEngine } from '../../../../src/sources/files/duckdb/duckdb-engine.js';
import { decideDirection, flagMeaning } from '../../../../src/sources/files/direction.js';
import { readTransactions, type ReadOptions, type ReadResult } from '../../../../src/sources/files/read.js';
import { isSummaryLabel } from '../../../../src/sources/files/summary-rows.js';
import { lit } from '../../../../src/sources/files/duckdb/sql.js';
import { TempDir } from '../../../../src/kernel/tempdir.js';
import { fixture } from '../../../helpers/cli.js';
import type { SummaryResult } from '../../../../src/sources/files/duckdb/engine.js';

const temps: TempDir[] = [];
afterAll(() => {
  for (const t of temps) t.remove();
});

/** Reads the files in an engine of their own; the summary over everything read. */
async function read(files: string[], options: Partial<ReadOptions> = {}): Promise<{ result: ReadResult; summary: SummaryResult; engine: DuckDbEngine }> {
  const engine = await DuckDbEngine.open({ tempDir: tmpdir() });
  const temp = new TempDir();
  temps.push(temp);
  try {
    const result = await readTransactions(files, { overrides: {}, maxRejectRate: 0.01, ...options }, { engine, temp, warn: () => undefined });
    const last = result.inputs.map((i) => i.lastDate).filter((d): d is string => d !== null).sort().at(-1) ?? '2024-12-31';
    const summary = await engine.customerSummary({ to: last, asOf: last, period: 'month' });
    return { result, summary, engine };
  } finally {
    engine.close();
  }
}

const revenueByName = (s: SummaryResult): Record<string, number> => Object.fromEntries(s.customers.map((c) => [c.name, c.revenue]));

describe('direction from a debit/credit flag column', () => {
  it('reads the flags of the common exports, and nothing else', () => {
    for (const v of ['K', 'C', 'Cr', 'CREDIT', 'Kredit', 'H', 'Bij', 'Inn', 'Ind', 'I']) expect(flagMeaning(v), v).toBe('incoming');
    for (const v of ['D', 'Dr', 'Debit', 'Debet', 'S', 'Af', 'Ut', 'Ud', 'O']) expect(flagMeaning(v), v).toBe('outgoing');
    for (const v of ['', 'Moms', 'X', '12']) expect(flagMeaning(v), v).toBeUndefined();
  });

  it('takes a column named like a flag only when its values are flags', () => {
    expect(decideDirection('D/K', ['K', 'D'], 2, false)).toMatchObject({ status: 'flag', incoming: ['K'], outgoing: ['D'] });
    expect(decideDirection('Direction', ['north', 'south'], 2, false).status).toBe('not-a-flag');
    // One stray value among flags: still a flag column (that row is rejected); mostly others: not.
    expect(decideDirection('D/K', ['K', 'D', '?'], 3, false).status).toBe('flag');
    expect(decideDirection('D/K', ['K', 'x', 'y'], 3, false).status).toBe('not-a-flag');
    expect(decideDirection('D/K', [], 0, false).status).toBe('not-a-flag');
    // From --direction, values that are no flag are rejected row by row, not a reason to ignore the column.
    expect(decideDirection('Typ', ['K', 'X'], 2, true)).toMatchObject({ status: 'flag', incoming: ['K'] });
    expect(decideDirection('Typ', ['X', 'Y'], 2, true).status).toBe('not-a-flag');
  });

  it('a column named Inflow that holds signed amounts is the signed amount, not incoming money (bank2ynab test_headers)', async () => {
    const { result, summary } = await read([fixture('bank/signed-inflow.csv')]);
    const input = result.inputs[0]!;
    expect(input.columns.find((c) => c.name === 'Inflow')?.field).toBe('amount');
    // Hand count: three receipts (490 + 110.50 + 75), three payments out (-33.87, -23.55, -800).
    expect(input.rows).toMatchObject({ read: 6, used: 3, usedAmount: 675.5, skipped: 3 });
    expect(revenueByName(summary)).toEqual({ 'Anna Berg': 600.5, 'Karl Lund': 75 });
    expect(input.notes.join('\n')).toMatch(/'Inflow' is read as a signed amount.*3 of 6 values are negative.*--credit 'Inflow'/);
  });

  it('a D/K statement: credited invoices are revenue, debits are skipped, customers are the payers', async () => {
    const { result, summary } = await read([fixture('bank/sek-dk-statement.csv')]);
    const input = result.inputs[0]!;
    expect(input.direction).toMatch(/flag column 'D\/K' \(values K \(6\) \/ D \(4\)\): 'K' = incoming/);
    expect(input.columns.find((c) => c.name === 'Beneficiary/Payer')?.field).toBe('customer');
    // Six credited invoices from three companies (hand count), four debits skipped.
    expect(input.rows).toMatchObject({ read: 10, used: 6, usedAmount: 50700, skipped: 4, unattributed: 0, rejected: 0 });
    expect(input.rows.skippedByRule).toEqual([expect.objectContaining({ reason: expect.stringMatching(/^outgoing/), rows: 4, amount: -16098 })]);
    expect(revenueByName(summary)).toEqual({ 'Byggbolaget AB': 35100, 'Målarfirman Öst AB': 8100, 'Nordic Konsult AB': 7500 });
  });

  it('a card statement: a column of CR and blanks beside amounts never negative gives the direction (blank = a purchase)', async () => {
    const { result, summary } = await read([fixture('bank/card-cr-blank.csv')]);
    const input = result.inputs[0]!;
    expect(input.direction).toMatch(/flag column 'column4' \(values CR \(2\)\): 'CR' = incoming \(credit\), blank \(4\) = outgoing/);
    // Two payments received (1,100 + 50, hand count); three purchases skipped as outgoing, one pending.
    expect(input.rows).toMatchObject({ read: 6, used: 2, usedAmount: 1150, rejected: 0, skipped: 4 });
    // The bank's own word 'PAYMENT' is stripped from the name, as on every bank text.
    expect(revenueByName(summary)).toEqual({ 'RECEIVED - THANK YOU': 1150 });
  });

  it('a lone letter and blanks beside amounts never negative is asked about with --direction, and that fix reads it', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'segment-dir-'));
    const file = join(dir, 'cleared.csv');
    writeFileSync(file, 'Date,Description,Amount,Cleared\n2019-12-02,Shop A,10.00,\n2019-12-03,Shop B,20.00,C\n2019-12-13,Shop C,5.00,\n');
    await expect(read([file])).rejects.toThrow("name it with --direction 'Cleared'");
    const { result } = await read([file], { overrides: { direction: { column: 'Cleared', source: 'option' } } });
    expect(result.inputs[0]!.rows).toMatchObject({ read: 3, used: 1, usedAmount: 20, rejected: 0, skipped: 2 });
  });

  it('no customer column but a flag pair (ING NL Af Bij): a bank statement, read without options, payers from Naam / Omschrijving', async () => {
    const { result, summary } = await read([fixture('bank/ing-nl-af-bij.csv')]);
    const input = result.inputs[0]!;
    expect(input.kind).toBe('bank');
    expect(input.kindReason).toMatch(/'Af Bij' are debit\/credit flags \(Bij \(3\) \/ Af \(2\)\)/);
    expect(input.columns.find((c) => c.name === 'Naam / Omschrijving')?.field).toBe('customer');
    // Three credits from two payers (hand count), two debits skipped.
    expect(input.rows).toMatchObject({ read: 5, used: 3, usedAmount: 500.5, rejected: 0, skipped: 2 });
    expect(revenueByName(summary)).toEqual({ 'Bakkerij De Vries': 200.5, 'Jansen Installatie BV': 300 });
  });

  it('no customer column but money in and out in two number columns on different rows (KBC card): an account statement, merchants from values', async () => {
    const { result, summary } = await read([fixture('bank/card-credit-debet.csv')]);
    const input = result.inputs[0]!;
    expect(input.kind).toBe('bank');
    expect(input.kindReason).toBe("no customer column, and money in 'credit' (2 values) and out 'debet' (2) on different rows: an account statement");
    expect(input.columns.find((c) => c.name === 'Handelaar')?.field).toBe('customer');
    expect(input.rows).toMatchObject({ read: 4, used: 2, usedAmount: 47.77, rejected: 0, skipped: 2 });
    expect(Object.values(revenueByName(summary)).sort()).toEqual([12, 35.77]);
  });

  it('--direction names the flag column, and a value that is no flag is rejected with its line', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'segment-dir-'));
    const file = join(dir, 'typ.csv');
    writeFileSync(file, 'Datum;Namn;Belopp;Typ\n2024-01-02;Alfa AB;100,00;K\n2024-01-03;Beta AB;50,00;D\n2024-01-04;Alfa AB;30,00;?\n');
    const { result } = await read([file], { overrides: { direction: { column: 'Typ', source: 'option' } }, maxRejectRate: 1 });
    const rows = result.inputs[0]!.rows;
    expect(rows).toMatchObject({ read: 3, used: 1, usedAmount: 100, rejected: 1, skipped: 1 });
    expect(rows.rejectedByReason[0]).toMatchObject({ column: 'Typ', examples: [{ line: 4, value: '?' }] });
  });

  it('without a flag column, inspect says the sign of the amount decides', async () => {
    const { result } = await read([fixture('danske-kontoudtog.csv')]);
    expect(result.inputs[0]!.direction).toBe("from the sign of the amount in 'Beløb' (negative is outgoing)");
  });
});

describe("the bank's summary lines", () => {
  it('are labels alone, maybe with a date or an amount', () => {
    for (const v of ['Opening balance', 'Closing balance', 'Turnover', 'Saldo', 'SUMMA', 'Ingående saldo', 'Saldo 31.12.2023', 'Closing balance: 1 234,56', 'Total']) {
      expect(isSummaryLabel(v), v).toBe(true);
    }
    for (const v of ['Saldo Byggbolaget AB', 'Total Construction Ltd', 'Turnover consulting AB', 'Jensen ApS', '']) expect(isSummaryLabel(v), v).toBe(false);
  });

  it('are skipped by a stated rule, not counted as unattributed revenue', async () => {
    const { result, summary } = await read([fixture('bank/eur-summary-rows.csv')]);
    const rows = result.inputs[0]!.rows;
    // Opening balance, two turnover lines, closing balance; one debit (postage).
    expect(rows).toMatchObject({ read: 9, used: 4, usedAmount: 4115, skipped: 5, unattributed: 0, unattributedAmount: 0 });
    expect(rows.skippedByRule.find((r) => r.reason.startsWith("the bank's summary line"))).toMatchObject({ rows: 4 });
    expect(revenueByName(summary)).toEqual({ 'UAB Statyba': 3915, 'Jonas Jonaitis': 200 });
  });
});

describe('money rules of the staging SQL, on one statement (fixtures/bank/money-rules.csv)', () => {
  // A SEK statement with a D/K flag: Alfa 1,000 + 200 (K); Beta -50,00 flagged K; Gamma -30,00
  // flagged D; Delta "Invoice total" in the details, K; the bank's "Saldo 31.01.2024" line.
  let got: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    got = await read([fixture('bank/money-rules.csv')]);
  });

  it('a row with a direction flag and a negative amount counts by the flag: -50,00 K is +50', () => {
    expect(revenueByName(got.summary)['Beta AB']).toBe(50);
    // The outgoing row is skipped at its amount with the flag's sign, whatever the sign written.
    const outgoing = got.result.inputs[0]!.rows.skippedByRule.find((r) => r.reason.startsWith('outgoing'));
    expect(outgoing).toMatchObject({ rows: 1, amount: -30 });
  });

  it('a summary label is recognised only as the whole value: "Invoice total" in the details is a transaction', () => {
    expect(revenueByName(got.summary)).toEqual({ 'Alfa AB': 1200, 'Beta AB': 50, 'Delta AB': 700 });
    const rows = got.result.inputs[0]!.rows;
    expect(rows).toMatchObject({ read: 6, used: 4, usedAmount: 1950, skipped: 2, rejected: 0, unattributed: 0 });
    expect(rows.skippedByRule.find((r) => r.reason.startsWith("the bank's summary line"))).toMatchObject({ rows: 1, amount: 1820 });
    expect(isSummaryLabel('Invoice total')).toBe(false);
  });
});

describe('counterparty names lose trailing bank codes', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await DuckDbEngine.open({ tempDir: tmpdir() });
  });
  afterAll(() => engine.close());
  it.each([
    ['Jonas Jonaitis | AGBLLT2XXXX | LT154010042403333333', 'Jonas Jonaitis'],
    ['UAB Statyba | 300333333 | 300333333 | CBVILT2XXXX | LT727044060003333333', 'UAB Statyba'],
    ['Nordic Konsult AB | HANDSESS | SE4550000000058398257466', 'Nordic Konsult AB'],
    ['Nordic Konsult AB SE4550000000058398257466', 'Nordic Konsult AB'],
    ['Baltic Trade AGBLLT2X', 'Baltic Trade'],
    // An upper-case word is no bank code without a `|` before it.
    ['ACME HOLDINGS', 'ACME HOLDINGS'],
    ['Alfa | Beta AB', 'Alfa | Beta AB'],
  ])('%s is %s', async (raw, party) => {
    const [row] = await engine.query<{ v: unknown }>(`SELECT seg_counterparty(${lit(raw)}) AS v`);
    expect(row?.v).toBe(party);
  });
});

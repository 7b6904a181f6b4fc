/**
 * Messages that lead somewhere: every missing decision at once with checked suggestions, the
 * code page of a mis-decoded header, a counterparty column chosen by its values, a truncated
 * gzip, and "no transactions with a customer" saying why. Read in-process on small fixtures.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngine } from '../../../../src/sources/files/duckdb/duckdb-engine.js';
import { readTransactions, type ReadOptions, type ReadResult } from '../../../../src/sources/files/read.js';
import { noCustomerTransactions } from '../../../../src/sources/files/explain-empty.js';
import { suggestEncoding } from '../../../../src/sources/files/mojibake.js';
import { checkStdinOnce } from '../../../../src/commands/stdin.js';
import { TempDir } from '../../../../src/kernel/tempdir.js';
import { fixture } from '../../../helpers/cli.js';

const temps: TempDir[] = [];
afterAll(() => {
  for (const t of temps) t.remove();
});
const dir = mkdtempSync(join(tmpdir(), 'segment-msg-'));

async function read(files: string[], options: Partial<ReadOptions> = {}): Promise<ReadResult> {
  const engine = await DuckDbEngine.open({ tempDir: tmpdir() });
  const temp = new TempDir();
  temps.push(temp);
  try {
    return await readTransactions(files, { overrides: {}, maxRejectRate: 0.01, ...options }, { engine, temp, warn: () => undefined });
  } finally {
    engine.close();
  }
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A Czech statement's header in Windows-1250 bytes, as the bank writes it. */
const CZECH = Buffer.concat([
  Buffer.from('"Polo', 'latin1'), Buffer.from([0x9e]), Buffer.from('ka";"Datum za', 'latin1'), Buffer.from([0xfa, 0xe8]),
  Buffer.from('tov', 'latin1'), Buffer.from([0xe1]), Buffer.from('n', 'latin1'), Buffer.from([0xed]), Buffer.from('";"', 'latin1'),
  Buffer.from([0xc8, 0xe1]), Buffer.from('stka CZK";"N', 'latin1'), Buffer.from([0xe1]), Buffer.from('zev proti', 'latin1'),
  Buffer.from([0xfa, 0xe8]), Buffer.from('tu"\n"1";"2024/01/05";"1500,00";"Novák s.r.o."\n"2";"2024/01/20";"-300,00";"Telefónica"\n', 'latin1'),
]);

describe('every missing decision at once', () => {
  it('a Czech statement read as Windows-1252 gets the code page that finds its columns', async () => {
    const path = file('czech.csv', CZECH);
    await expect(read([path])).rejects.toThrow(/the column names look mis-decoded \('Datum zaúètování' reads 'Datum zaúčtování' in windows-1250\): pass --encoding windows-1250/);
    // The suggestion is checked: with it, the file reads.
    const ok = await read([path], { encoding: 'windows-1250' });
    expect(ok.inputs[0]).toMatchObject({ kind: 'bank', currency: 'CZK' });
    expect(ok.inputs[0]!.rows).toMatchObject({ read: 2, used: 1, usedAmount: 1500, skipped: 1 });
  });

  it('lists each missing column with a column whose values fit, and the convention it needs', async () => {
    const path = file('de.csv', 'Tag;Kunde;Wert\n01.02.2024;K1;1,234\n02.03.2024;K2;2,500\n');
    await expect(read([path])).rejects.toThrow(
      "2 decisions are missing: (1) the date column 'Tag' needs --date-format dd.mm.yyyy or mm/dd/yyyy (2 values like 01.02.2024 read as day-first or month-first and no day is over 12); (2) no amount column found; pass --amount 'Wert' (its values are numbers) and --decimal dot or comma (2 values like 1,234 read either way and none settles it) (columns are 'Tag', 'Kunde', 'Wert')",
    );
  });

  it('asks a question the values leave open together with the missing columns, in pipeline order, and the fixes work as printed', async () => {
    const path = file('two-dates.csv', 'Tag;Am;Kunde;Wert\n01.02.2024;13.02.2024;K1;1,234\n02.03.2024;14.03.2024;K2;2,500\n03.03.2024;15.03.2024;K1;3,500\n');
    await expect(read([path])).rejects.toThrow(
      "2 decisions are missing: (1) columns 'Tag' and 'Am' both hold dates and neither header says which is the booking or transaction date; name it with --date 'Tag'; (2) no amount column found; pass --amount 'Wert' (its values are numbers) and --decimal dot or comma (3 values like 1,234 read either way and none settles it)",
    );
    const ok = await read([path], { overrides: { date: { column: 'Tag', source: 'option' }, amount: { column: 'Wert', source: 'option' } }, decimal: 'comma', dateOrder: 'dmy' });
    expect(ok.inputs[0]!.rows).toMatchObject({ read: 3, used: 3, usedAmount: 7.234 });
  });

  it('asks which of two amount columns with every other missing decision, not alone before them', async () => {
    const path = file('two-amounts.csv', 'Kunde;Tag;bedrag;bedrag in EUR\nK1;01.02.2024;12,50;12,50\nK2;02.03.2024;20,00;20,00\nK1;03.03.2024;30,00;30,00\n');
    await expect(read([path])).rejects.toThrow(
      "2 decisions are missing: (1) the date column 'Tag' needs --date-format dd.mm.yyyy or mm/dd/yyyy (3 values like 01.02.2024 read as day-first or month-first and no day is over 12); (2) columns 'bedrag' and 'bedrag in EUR' both look like the signed amount; name the one to use with --amount 'bedrag'",
    );
    const ok = await read([path], { overrides: { amount: { column: 'bedrag', source: 'option' } }, dateOrder: 'dmy' });
    expect(ok.inputs[0]!.rows).toMatchObject({ read: 3, used: 3, usedAmount: 62.5 });
  });

  it('suggests no encoding when another code page recognises nothing more', () => {
    expect(suggestEncoding(['Datum', 'Beløb', 'Tekst'], 'windows-1252')).toBeUndefined();
    expect(suggestEncoding(['date', 'amount'], 'windows-1252')).toBeUndefined();
  });
});

describe('suggested columns are plausible for their role, and work as printed', () => {
  const option = (column: string) => ({ column, source: 'option' as const });
  it('a loyalty export: the amount is sales_value, not the household_id key; the key is the customer', async () => {
    const path = fixture('values/completejourney-transactions.csv');
    // sales_value is found as the amount by its prefixed name and its values; only the customer is asked.
    await expect(read([path])).rejects.toThrow("no customer column found; pass --customer 'household_id' (a key that repeats across rows)");
    const ok = await read([path], { overrides: { customer: option('household_id') } });
    // Hand count: 900 1.49, 1228 1.43, 906 11.27, 1058 6.07.
    expect(ok.inputs[0]!.rows).toMatchObject({ read: 10, used: 10, usedAmount: 20.26 });
    expect(ok.inputs[0]!.customers).toBe(4);
  });
  it('a CRM export: the customer is the account, not the sales agent', async () => {
    const path = fixture('values/maven-crm-pipeline.csv');
    await expect(read([path])).rejects.toThrow("pass --customer 'account' (its values are names)");
    const ok = await read([path], { overrides: { amount: option('close_value'), customer: option('account') } });
    expect(ok.inputs[0]!.customers).toBe(8);
    expect(ok.inputs[0]!.rows).toMatchObject({ read: 10, used: 9, usedAmount: 9376 });
  });
  it('a Hungarian statement: the transaction amount, not the balance beside it', async () => {
    const path = fixture('values/hu-w80844.csv');
    // Found by its name (összeg, after the tranzakció prefix) and its values, not the balance (Egyenleg).
    const ok = await read([path]);
    expect(ok.inputs[0]!.columns.find((c) => c.field === 'amount')?.name).toBe('Tranzakció összege');
    expect(ok.inputs[0]!.rows).toMatchObject({ read: 2, used: 1, usedAmount: 1290, skipped: 1 });
  });
  it('never suggests a whole raw line as a column', async () => {
    const path = file('raw.csv', 'K|32000|244081|EUR\n| POS 6,49 AT K1 09.03. 09:53|20190311|FORSTINGER |-89.30|\n| POS 7,96 AT K1 09.03. 10:15|20190311|DER MANN|-109.53|\n| POS 4,50 AT K2 09.03. 12:50|20190311|C&A STORE|-61.92|\n');
    const err = await read([path]).catch((e: Error) => e);
    expect(String(err)).not.toMatch(/--customer '\|/);
    expect(String(err)).toMatch(/--columns a,b,… --skip 1/);
  });
});

describe('the counterparty column is chosen by its values', () => {
  it('an empty Avsändare and a Mottagare of account numbers are passed over for Namn, and never suggested', async () => {
    const r = await read([fixture('bank/nordea-se-empty-sender.csv')]);
    const input = r.inputs[0]!;
    expect(input.columns.find((c) => c.field === 'customer')?.name).toBe('Namn');
    expect(input.notes).toContain("counterparty: 'Namn' is used (secondary synonym 'namn'); 'Avsändare', 'Mottagare' also fit by name, but hold no names");
    expect(input.rows).toMatchObject({ used: 3, usedAmount: 28400, unattributed: 0 });
  });
});

describe('a truncated or corrupt gzip', () => {
  it('is a data error naming the file, also when the damage is past the first megabyte', async () => {
    const lines = ['customer_id,date,amount'];
    for (let i = 0; i < 200_000; i++) lines.push(`C${i % 997},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${(i % 500) + 0.5}`);
    const whole = gzipSync(`${lines.join('\n')}\n`);
    const big = file('big.csv.gz', whole.subarray(0, Math.floor(whole.length * 0.8)));
    await expect(read([big])).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/big.csv.gz: the gzip file is truncated or corrupt/) });
    const small = file('small.csv.gz', gzipSync(readFileSync(fixture('crm-invoices.csv'))).subarray(0, 300));
    await expect(read([small])).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/small.csv.gz: the gzip file is truncated or corrupt/) });
  });
});

describe('no transactions with a customer', () => {
  it('names the file and what became of its rows, with a way to look closer', async () => {
    const path = file('out.csv', 'Dato;Tekst;Beløb;Saldo\n01.02.2024;Husleje;-8.000,00;100,00\n25.02.2024;Telia;-500,00;50,00\n');
    const r = await read([path]);
    expect(noCustomerTransactions(r.inputs).message).toBe(
      `no transactions with a customer to analyse: ${path}: 2 rows read: all 2 skipped as outgoing payment (only incoming payments are revenue) (a statement of payments made, or positive amounts with a debit/credit flag column? name it with --direction COL); see how each row is read with segment inspect ${path}`,
    );
  });
});

describe('inspect --write-map', () => {
  it('saves the decisions that worked, and --map FILE reads the export the same way', async () => {
    const { writeMapFile } = await import('../../../../src/sources/files/write-map.js');
    const { parseReadOptions } = await import('../../../../src/commands/options.js');
    const first = await read([fixture('danske-kontoudtog.csv')]);
    const mapPath = join(dir, 'danske.json');
    writeMapFile(mapPath, first.inputs);
    expect(JSON.parse(readFileSync(mapPath, 'utf8'))).toEqual({
      kind: 'bank', columns: { date: 'Dato', amount: 'Beløb', status: 'Status', counterparty: 'Tekst' },
      decimal: 'comma', dateFormat: 'dd.mm.yyyy', skip: 0, delimiter: ';', encoding: 'windows-1252',
    });
    const again = await read([fixture('danske-kontoudtog.csv')], await parseReadOptions({ map: mapPath }, [fixture('danske-kontoudtog.csv')]));
    expect(again.inputs[0]!.rows).toEqual(first.inputs[0]!.rows);
    expect(() => writeMapFile(mapPath, [...first.inputs, ...first.inputs])).toThrow(/one input, and 2 are given/);
  });
});

describe('stdin', () => {
  it('can be read once', () => {
    expect(() => checkStdinOnce([{ what: 'an input', value: '-' }, { what: '--customers', value: '-' }])).toThrow('stdin (-) can be read only once, but an input and --customers are both -');
    expect(() => checkStdinOnce([{ what: 'an input', value: '-' }, { what: '--customers', value: 'a.csv' }])).not.toThrow();
  });
});

/** `--customers FILE` read over a DuckDB engine and joined on the key: which column is the key, and the temporary folder. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analyses/analysis.js';
import { customerColumns, joinCustomersFile, withCustomersFile } from '../../../src/analyses/customers-file.js';
import type { ReadResult } from '../../../src/sources/files/read-result.js';
import { analysisParams, summary } from '../../helpers/analysis-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'segment-customers-file-'));
const file = (name: string, text: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A read whose inputs name their customer columns so (the hint for the customers file's key). */
const readWith = (...inputs: { name: string; role: 'field' | 'attribute'; field?: string }[][]): ReadResult => ({ inputs: inputs.map((columns) => ({ columns })) }) as unknown as ReadResult;

const analysis = analyse([summary('H1', 10, 3, 300), summary('H2', 20, 2, 200), summary('H3', 30, 1, 100)], analysisParams());

describe('customerColumns', () => {
  it("lists the inputs' customer, customer-name and counterparty columns once each, in input order", () => {
    const read = readWith(
      [
        { name: 'household_id', role: 'field', field: 'customer' },
        { name: 'amount', role: 'field', field: 'amount' },
        { name: 'hh_name', role: 'field', field: 'customer_name' },
        { name: 'region', role: 'attribute' },
      ],
      [
        { name: 'payee', role: 'field', field: 'counterparty' },
        { name: 'household_id', role: 'field', field: 'customer' },
        { name: 'customer', role: 'attribute' },
      ],
    );
    expect(customerColumns(read)).toEqual(['household_id', 'hh_name', 'payee']);
    expect(customerColumns(undefined)).toEqual([]);
  });
});

describe('joinCustomersFile', () => {
  // Both columns hold the customers' keys: a tie, which the transactions' own column name decides.
  const TWO_KEYS = file('two-keys.csv', 'customer_id,household_id,tier\nH1,H1,gold\nH2,H2,silver\nX9,H3,bronze\n');
  it("takes as key the column named like the transactions' customer column", async () => {
    const read = readWith([{ name: 'household_id', role: 'field', field: 'customer' }]);
    const j = await joinCustomersFile(TWO_KEYS, analysis, { read });
    expect(j.accounts).toMatchObject({ rows: 3, matched: 3 });
    expect(j.attributes.map((a) => a.name)).toEqual(['customer_id', 'tier']);
    expect([...j.attributes[1]!.values]).toEqual([['H1', 'gold'], ['H2', 'silver'], ['H3', 'bronze']]);
  });
  it('without that hint takes the column the customer synonyms find', async () => {
    const j = await joinCustomersFile(TWO_KEYS, analysis);
    expect(j.accounts).toMatchObject({ rows: 3, matched: 2, unmatchedAccounts: ['X9'], customersWithoutAccount: ['H3'] });
    expect(j.attributes.map((a) => a.name)).toEqual(['household_id', 'tier']);
  });
  it('takes the column named by --customers-key', async () => {
    const j = await joinCustomersFile(TWO_KEYS, analysis, { key: 'HOUSEHOLD_ID' });
    expect(j.accounts).toMatchObject({ matched: 3 });
    expect(j.attributes.map((a) => a.name)).toEqual(['customer_id', 'tier']);
  });
  it("with no column named as a key, takes the one holding the analysis's keys", async () => {
    const byValues = file('by-values.csv', 'acct,tier\nH2,silver\nH3,bronze\nZ1,none\n');
    const j = await joinCustomersFile(byValues, analysis);
    expect(j.accounts).toMatchObject({ rows: 3, matched: 2, unmatchedAccounts: ['Z1'] });
    expect(j.attributes.map((a) => a.name)).toEqual(['tier']);
    expect(j.warnings.join('\n')).toMatch(/key column 'acct' chosen by its values \(2 of its keys/);
  });
  it('removes its temporary folder, also when the file is refused', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'segment-customers-temp-'));
    // Latin-1 is transcoded through a temporary file.
    const latin = file('latin1.csv', Buffer.from('customer_id,by\nH1,K\xf8benhavn\nH2,\xc5rhus\n', 'latin1'));
    const j = await joinCustomersFile(latin, analysis, { sideFiles: { tempDir: parent } });
    expect([...j.attributes[0]!.values]).toEqual([['H1', 'København'], ['H2', 'Århus']]);
    expect(readdirSync(parent)).toEqual([]);
    await expect(joinCustomersFile(latin, analysis, { sideFiles: { tempDir: parent }, key: 'nope' })).rejects.toThrow(/--customers-key 'nope' is not a column/);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('withCustomersFile', () => {
  const NAMED = file('named.csv', 'customer_id,company\nH1,Hansen AB\nH2,Berg Oy\n');
  const nameOf = (a: { customers: readonly { key: string; name: string }[] }, key: string): string | undefined => a.customers.find((c) => c.key === key)?.name;
  it("gives the customers the CRM's names where the transactions have none, with the join", async () => {
    const named = await withCustomersFile(analysis, { file: NAMED, read: readWith(), pseudonymized: false });
    expect([nameOf(named.analysis, 'H1'), nameOf(named.analysis, 'H2'), nameOf(named.analysis, 'H3')]).toEqual(['Hansen AB', 'Berg Oy', 'H3']);
    expect(named.join.accounts).toMatchObject({ rows: 2, matched: 2 });
  });
  it('leaves the names alone under --pseudonymize (the pseudonyms replace them), and still joins', async () => {
    const named = await withCustomersFile(analysis, { file: NAMED, read: readWith(), pseudonymized: true });
    expect(named.analysis).toBe(analysis);
    expect(named.join.accounts).toMatchObject({ rows: 2, matched: 2 });
  });
});

/** `--customers FILE` read over a DuckDB engine and joined on the key: which column is the key, and the temporary folder. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analyses/analysis.js';
import { customerColumns, joinCustomersFile } from '../../../src/analyses/customers-file.js';
import { DuckDbEngine } from '../../../src/engine/duckdb-engine.js';
import type { ReadResult } from '../../../src/ingest/read-result.js';
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
let engine: DuckDbEngine;

beforeAll(async () => {
  engine = await DuckDbEngine.open({ tempDir: tmpdir(), threads: 1 });
});
afterAll(() => engine.close());

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
    const j = await joinCustomersFile(TWO_KEYS, engine, analysis, { read });
    expect(j.accounts).toMatchObject({ rows: 3, matched: 3 });
    expect(j.attributes.map((a) => a.name)).toEqual(['customer_id', 'tier']);
    expect([...j.attributes[1]!.values]).toEqual([['H1', 'gold'], ['H2', 'silver'], ['H3', 'bronze']]);
  });
  it('without that hint takes the column the customer synonyms find', async () => {
    const j = await joinCustomersFile(TWO_KEYS, engine, analysis);
    expect(j.accounts).toMatchObject({ rows: 3, matched: 2, unmatchedAccounts: ['X9'], customersWithoutAccount: ['H3'] });
    expect(j.attributes.map((a) => a.name)).toEqual(['household_id', 'tier']);
  });
  it('takes the column named by --customers-key', async () => {
    const j = await joinCustomersFile(TWO_KEYS, engine, analysis, { key: 'HOUSEHOLD_ID' });
    expect(j.accounts).toMatchObject({ matched: 3 });
    expect(j.attributes.map((a) => a.name)).toEqual(['customer_id', 'tier']);
  });
  it("with no column named as a key, takes the one holding the analysis's keys", async () => {
    const byValues = file('by-values.csv', 'acct,tier\nH2,silver\nH3,bronze\nZ1,none\n');
    const j = await joinCustomersFile(byValues, engine, analysis);
    expect(j.accounts).toMatchObject({ rows: 3, matched: 2, unmatchedAccounts: ['Z1'] });
    expect(j.attributes.map((a) => a.name)).toEqual(['tier']);
    expect(j.warnings.join('\n')).toMatch(/key column 'acct' chosen by its values \(2 of its keys/);
  });
  it('removes its temporary folder, also when the file is refused', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'segment-customers-temp-'));
    // Latin-1 is transcoded through a temporary file.
    const latin = file('latin1.csv', Buffer.from('customer_id,by\nH1,K\xf8benhavn\nH2,\xc5rhus\n', 'latin1'));
    const j = await joinCustomersFile(latin, engine, analysis, { tempDir: parent });
    expect([...j.attributes[0]!.values]).toEqual([['H1', 'København'], ['H2', 'Århus']]);
    expect(readdirSync(parent)).toEqual([]);
    await expect(joinCustomersFile(latin, engine, analysis, { tempDir: parent, key: 'nope' })).rejects.toThrow(/--customers-key 'nope' is not a column/);
    expect(readdirSync(parent)).toEqual([]);
  });
});

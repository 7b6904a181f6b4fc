/** Tests of src/analyses/customers-join.ts: a CRM customers table joined to the analysis's customers. */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analyses/analysis.js';
import { joinCustomers } from '../../../src/analyses/customers-join.js';
import { analysisParams, summary } from '../../helpers/analysis-fixtures.js';

/** Three customers of the transactions: ann, bob, cat (in rank order). */
const analysis = () => analyse([summary('ann', 30, 5, 300), summary('bob', 30, 5, 200), summary('cat', 30, 5, 100)], analysisParams());

type Row = { key: string | null; fields: (string | null)[] };
const row = (...fields: (string | null)[]): Row => ({ key: fields[0] ?? null, fields });

describe('joinCustomers', () => {
  it('takes the attributes (trimmed, blanks left out, the last row that has a value wins), the names, and counts both sides', () => {
    const table = {
      file: 'crm.csv', columns: ['id', 'name', 'industry', 'size'], keyIndex: 0, nameIndex: 1, malformed: 2, notes: ['crm.csv: a note'],
      rows: [
        row('ann', 'Ann Ltd', ' Retail ', '10'),
        row('bob', '', 'Food', '  '),
        row('zed', 'Zed', 'X', '1'),
        row(null, 'Nobody', 'Y', '2'),
        row(null, 'Nobody 2', 'Y', '3'),
        row('ann', 'Ann 2', null, '20'),
      ],
    };
    const j = joinCustomers(table, analysis());
    expect(j.accounts).toEqual({ file: 'crm.csv', rows: 6, matched: 2, unmatchedAccounts: ['zed'], customersWithoutAccount: ['cat'], malformed: 2 });
    expect(j.attributes).toEqual([
      { name: 'industry', source: 'crm.csv', values: new Map([['ann', 'Retail'], ['bob', 'Food']]) },
      { name: 'size', source: 'crm.csv', values: new Map([['ann', '20']]) },
    ]);
    expect([...j.attributes[0]!.values]).toEqual([['ann', 'Retail'], ['bob', 'Food']]);
    // bob's empty name gives no name; ann's last row's name wins
    expect([...j.names]).toEqual([['ann', 'Ann 2']]);
    expect(j.warnings).toEqual([
      'crm.csv: a note',
      'crm.csv: 2 malformed rows are not read',
      'crm.csv: 1 customer key has no transactions',
      "crm.csv: 1 row repeats the customer key of an earlier row (1 key: 'ann'); for each column, the value of the last row that has one is used",
    ]);
  });

  it('says so when no key matches, and shows at most five repeated keys', () => {
    // no name column: every column but the key is an attribute
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
    const table = {
      file: 'crm.csv', columns: ['key', 'region'], keyIndex: 0, nameIndex: undefined, malformed: 1,
      rows: [...keys.map((k) => row(k, 'North')), ...keys.map((k) => row(k, 'South')), row('k1', 'East')],
    };
    const j = joinCustomers(table, analysis());
    expect(j.accounts.matched).toBe(0);
    expect(j.accounts.unmatchedAccounts).toEqual(keys);
    expect(j.accounts.customersWithoutAccount).toEqual(['ann', 'bob', 'cat']);
    expect(j.attributes).toEqual([{ name: 'region', source: 'crm.csv', values: new Map() }]);
    expect(j.names.size).toBe(0);
    expect(j.warnings).toEqual([
      'crm.csv: 1 malformed row is not read',
      "crm.csv: none of its 6 customer keys (like 'k1') matches a customer of the transactions (like 'ann'): is it keyed by another id? Its attributes are not used",
      // k1 three times (2 repeats), the other five twice: 7 rows repeat 6 keys
      "crm.csv: 7 rows repeat the customer key of an earlier row (6 keys: 'k1', 'k2', 'k3', 'k4', 'k5', …); for each column, the value of the last row that has one is used",
    ]);
  });

  it('counts several keys without transactions; no warnings for a clean file', () => {
    const table = {
      file: 'crm.csv', columns: ['name', 'id'], keyIndex: 1, nameIndex: 0, malformed: 0,
      rows: [row(null, 'ann'), row(null, 'bob'), row(null, 'cat'), row(null, 'x'), row(null, 'y')].map((r) => ({ ...r, key: r.fields[1]! })),
    };
    const j = joinCustomers(table, analysis());
    expect(j.accounts.matched).toBe(3);
    expect(j.attributes).toEqual([]);
    expect(j.warnings).toEqual(['crm.csv: 2 customer keys have no transactions']);
    const clean = joinCustomers({ ...table, rows: table.rows.slice(0, 3) }, analysis());
    expect(clean.warnings).toEqual([]);
    expect(clean.accounts.customersWithoutAccount).toEqual([]);
    expect(clean.accounts.unmatchedAccounts).toEqual([]);
  });
});

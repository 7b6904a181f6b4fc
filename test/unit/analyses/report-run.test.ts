/** `runReport`, in-process: the report's warnings in the order the command prints them, --picks, --deals, --previous and --pseudonymize. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../../src/analyses/analysis.js';
import { customerKeys } from '../../../src/analyses/customer-table.js';
import { unmatchedHint, unmatchedPickWarnings } from '../../../src/analyses/picks.js';
import { runReport, type ReportSettings } from '../../../src/analyses/report-run.js';
import { parseAnalysisOptions } from '../../../src/commands/analysis-options.js';
import type { DuckDbEngine } from '../../../src/sources/files/duckdb/duckdb-engine.js';
import type { ReadResult } from '../../../src/sources/files/read-result.js';
import { fewRepeatBuyersCsv } from '../../helpers/few-repeat-buyers.js';
import { stageFiles, type Staged } from '../../helpers/staged.js';
import { makePseudonymizer } from '../../../src/kernel/pseudonymize.js';

const dir = mkdtempSync(join(tmpdir(), 'segment-report-run-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Ten customers, C0 the biggest; names so that a misspelt pick has a nearest customer.
const NAMES = ['Acme Tools', 'Birch Bakery', 'Cobalt Cafe', 'Delta Dairy', 'Elm Electric', 'Fjord Fish', 'Granite Garage', 'Harbor Hotel', 'Iris Inn', 'Juniper Joinery'];
const INVOICES = file(
  'invoices.csv',
  `customer_id,customer_name,order_id,date,amount\n${NAMES.flatMap((name, c) =>
    Array.from({ length: 12 - c }, (_, m) => `C${c},${name},O${c}-${m},2024-${String(m + 1).padStart(2, '0')}-15,${((10 - c) * 100 + m).toFixed(2)}`),
  ).join('\n')}\n`,
);
const PICKS = file('picks.csv', 'customer,picked_by,reason\nC0,Anna,big\nAcme Tols,Bo,loyal\nNobody Known,,friendly\n');
const DEALS = file(
  'deals.csv',
  `Record ID,Associated Company ID,Deal Stage,Create Date,Close Date,Amount,Original Source\n${NAMES.map((_, c) => `${9000 + c},C${c},Closed won,2023-0${(c % 9) + 1}-01,2023-12-0${(c % 9) + 1},1000.00,Referral`).join('\n')}\n9100,C1,Closed won,not a date,2023-12-01,10.00,Referral\n`,
);

let staged: Staged;
let engine: DuckDbEngine;
let read: ReadResult;

beforeAll(async () => {
  staged = await stageFiles([INVOICES]);
  ({ engine, read } = staged);
});
afterAll(() => staged.close());

const settings = async (over: Partial<ReportSettings> = {}): Promise<ReportSettings> => ({
  params: await parseAnalysisOptions({}),
  attributes: {},
  pseudonyms: null,
  keepAttributes: [],
  ...over,
});
const hooks = { clvMethod: () => ['method'] };

describe('runReport', () => {
  it('warns of each pick that matches no customer, with the nearest customer when one is near', async () => {
    const run = await runReport(engine, read, await settings({ picks: PICKS }), hooks);
    const picked = run.warnings.filter((w) => w.includes('the pick'));
    expect(picked).toEqual([
      `${PICKS}: the pick 'Acme Tols' (by Bo) matches no customer by key or name; nearest Acme Tools (C0)`,
      `${PICKS}: the pick 'Nobody Known' matches no customer by key or name; no customer has a similar name or key`,
    ]);
    expect(run.model.picks?.picks).toBe(3);
    expect(run.previous).toBeNull();
    expect(run.deals).toBeNull();
  });

  it('gives --previous the analysis as shown (pseudonymised) and prints its warnings before the picks\'', async () => {
    const pseudonyms = makePseudonymizer(Buffer.from('a-secret-key-of-32-characters!!!'));
    let seen: Analysis | undefined;
    const previous = (analysis: Analysis) => {
      seen = analysis;
      return { warnings: ['--previous old.json: from the hook'] };
    };
    const run = await runReport(engine, read, await settings({ picks: PICKS, pseudonyms }), { ...hooks, previous });
    expect(customerKeys(seen!)).toContain(pseudonyms.customer('C0'));
    expect(customerKeys(seen!)).not.toContain('C0');
    const at = run.warnings.indexOf('--previous old.json: from the hook');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(run.warnings.slice(at + 1).every((w) => w.includes('the pick'))).toBe(true);
    expect(run.warnings.slice(at + 1)).toHaveLength(2);
    expect(run.previous).toEqual({ warnings: ['--previous old.json: from the hook'] });
  });

  it('reads --deals, notes its rejected rows under its file name, and follows the customers\' journeys', async () => {
    const deals = { file: DEALS, options: { mode: 'deals' as const, label: '--deals', overrides: {}, maxRejectRate: 0.5 } };
    const run = await runReport(engine, read, await settings({ deals }), hooks);
    expect(run.deals?.read.deals).toHaveLength(NAMES.length);
    const notes = run.deals!.read.notes;
    expect(notes.length).toBeGreaterThan(0);
    expect(run.warnings.filter((w) => w.startsWith(`${DEALS}: `))).toEqual(notes.map((n) => `${DEALS}: ${n}`));
    expect(run.deals?.journey).toBeDefined();
  });

  it('sums the monthly revenue on the real keys: the ideal customers and the rest make the whole', async () => {
    const run = await runReport(engine, read, await settings({ pseudonyms: makePseudonymizer(Buffer.from('a-secret-key-of-32-characters!!!')) }), hooks);
    const months = await run.monthly();
    const total = months.reduce((s, m) => s + m.ideal + m.rest, 0);
    const expected = NAMES.reduce((s, _, c) => s + Array.from({ length: 12 - c }, (_, m) => (10 - c) * 100 + m).reduce((a, b) => a + b, 0), 0);
    expect(total).toBeCloseTo(expected, 6);
    expect(months.some((m) => m.ideal > 0)).toBe(true);
  });
});

describe('unmatchedHint', () => {
  const c = (key: string, name: string) => ({ key, name }) as Parameters<typeof unmatchedHint>[0][number];
  it('names the nearest customers, their key when it differs from the name, marked by the given function', () => {
    expect(unmatchedHint([c('C1', 'Acme'), c('Bo', 'Bo')], (s) => `[${s}]`)).toBe('nearest [Acme] ([C1]), [Bo]');
    expect(unmatchedHint([])).toBe('no customer has a similar name or key');
  });
  it('drops the documents\' data marks from a plain warning', () => {
    const w = unmatchedPickWarnings({ file: 'p.csv', picks: 1, unmatched: [{ customer: 'X', pickedBy: null, nearest: [c('k', 'A\uE000B')] }], agreed: [], notBacked: [], unpicked: [] } as unknown as Parameters<typeof unmatchedPickWarnings>[0]);
    expect(w).toEqual(["p.csv: the pick 'X' matches no customer by key or name; nearest AB (k)"]);
  });
});

describe('runReport, the side inputs', () => {
  const CUSTOMERS = file('customers.csv', 'customer_id,industry,region\nC0,Retail,North\nC1,Health,South\nC2,Retail,North\nX1,Retail,East\n');
  it('joins --customers: its accounts, its warnings, its columns as attributes of the portrait', async () => {
    const run = await runReport(engine, read, await settings({ customers: { file: CUSTOMERS } }), hooks);
    expect(run.model.accounts).toMatchObject({ rows: 4, matched: 3, unmatchedAccounts: ['X1'] });
    expect(run.model.attributeSources).toEqual([
      { name: 'industry', source: CUSTOMERS },
      { name: 'region', source: CUSTOMERS },
    ]);
    expect(run.model.ranking.map((c) => c.name)).toEqual(['Acme Tools', 'Birch Bakery']);
  });
  it('--attributes and --exclude-attributes choose among the columns, the left-out ones said with why', async () => {
    const run = await runReport(engine, read, await settings({ customers: { file: CUSTOMERS }, attributes: { exclude: ['Region'] } }), hooks);
    expect(run.model.attributeSources.map((a) => a.name)).toEqual(['industry']);
    expect(run.model.portrait.leftOut).toEqual([{ name: 'region', why: 'left out by --exclude-attributes' }]);
  });
  it('with --pseudonymize keys the joined columns by pseudonym and keeps the names out', async () => {
    const pseudonyms = makePseudonymizer(Buffer.from('a-secret-key-of-32-characters!!!'));
    const run = await runReport(engine, read, await settings({ customers: { file: CUSTOMERS }, pseudonyms }), hooks);
    expect(run.model.accounts?.unmatchedAccounts).toEqual([pseudonyms.customer('X1')]);
    expect(run.model.ranking.map((c) => [c.key, c.name])).toEqual([
      [pseudonyms.customer('C0'), pseudonyms.customer('C0')],
      [pseudonyms.customer('C1'), pseudonyms.customer('C1')],
    ]);
  });
  it('counts malformed rows of --picks: one "is", two "are" not read', async () => {
    const rows = 'customer,picked_by,reason\nC0,Anna,big\nC1,Bo,kind\nC2,Cy,ok\nC3,Di,ok\nC4,Ed,ok\nC5,Flo,ok\n';
    const one = file('picks-one.csv', `${rows}C6,Gus,x,y\n`);
    const two = file('picks-two.csv', `${rows}C6,Gus,x,y\nC7,Hal,x,y\n`);
    const w1 = (await runReport(engine, read, await settings({ picks: one }), hooks)).warnings;
    expect(w1.filter((w) => w.includes('malformed'))).toEqual([`${one}: 1 malformed row is not read`]);
    const w2 = (await runReport(engine, read, await settings({ picks: two }), hooks)).warnings;
    expect(w2.filter((w) => w.includes('malformed'))).toEqual([`${two}: 2 malformed rows are not read`]);
    const none = (await runReport(engine, read, await settings({ picks: PICKS }), hooks)).warnings;
    expect(none.filter((w) => w.includes('malformed'))).toEqual([]);
  });
  it('--clv whose fit fails: the report stays whole, with the reason in a warning and in the model', async () => {
    const clv = { horizonDays: 365, discountRate: 0.1 };
    const run = await runReport(engine, read, await settings({ clv }), { clvMethod: () => ['the method'] });
    const failure = run.model.clv!.failure!;
    expect(failure).toMatch(/^the purchase model \(BG\/NBD\) could not/);
    expect(run.model.clv).toEqual({ result: null, method: [], ideal: [], groups: [], failure });
    expect(run.warnings.filter((w) => w.startsWith('--clv'))).toEqual([`--clv: no prediction: ${failure}`]);
    expect(run.model.ranking).toHaveLength(2);
  });
});

describe('runReport --clv on the CDNOW sample', () => {
  let staged: Staged;
  let cdnow: DuckDbEngine;
  let cdnowRead: ReadResult;
  beforeAll(async () => {
    staged = await stageFiles(['fixtures/cdnow/cdnow-sample.txt'], { columns: ['master', 'customer', 'date', 'cds', 'amount'] });
    ({ engine: cdnow, read: cdnowRead } = staged);
  });
  afterAll(() => staged.close());
  it('fits the models, takes the method from the hook, and keys their customers by pseudonym with --pseudonymize', async () => {
    const pseudonyms = makePseudonymizer(Buffer.from('a-secret-key-of-32-characters!!!'));
    let asked = 0;
    const clvMethod = (run: { result: { customers: readonly unknown[] } }) => {
      asked++;
      return [`${run.result.customers.length} customers`];
    };
    const run = await runReport(cdnow, cdnowRead, await settings({ clv: { horizonDays: 365, discountRate: 0.1 }, pseudonyms }), { clvMethod });
    const clv = run.model.clv!;
    expect(clv.failure).toBeNull();
    expect(asked).toBe(1);
    expect(clv.method).toEqual([`${clv.result!.customers.length} customers`]);
    expect(clv.result!.customers.every((c) => c.key.startsWith('C-') && c.name === '')).toBe(true);
    expect(clv.ideal.length).toBe(run.model.ranking.length);
    expect(clv.ideal.every((c) => c !== null)).toBe(true);
    expect(run.warnings.filter((w) => w.startsWith('--clv'))).toEqual(clv.result!.warnings.map((w) => `--clv: ${w}`));
    const plain = await runReport(cdnow, cdnowRead, await settings({ clv: { horizonDays: 365, discountRate: 0.1 } }), { clvMethod });
    expect(plain.model.clv!.result!.customers.map((c) => pseudonyms.customer(c.key))).toEqual(clv.result!.customers.map((c) => c.key));
  });

  it('passes --clv’s model on, and prefixes the models’ own warnings with --clv', async () => {
    const run = await runReport(cdnow, cdnowRead, await settings({ clv: { model: 'pnbd', horizonDays: 365, discountRate: 0.1 } }), hooks);
    expect(run.model.clv!.result!.purchase.model).toBe('pnbd');
    // Ten repeat buyers, the minimum, and four one-time buyers: the models warn.
    const small = await stageFiles([file('few.csv', fewRepeatBuyersCsv())]);
    try {
      const few = await runReport(small.engine, small.read, await settings({ clv: { horizonDays: 365, discountRate: 0.1 } }), hooks);
      const own = few.model.clv!.result!.warnings;
      expect(own.length).toBeGreaterThan(0);
      expect(few.warnings.filter((w) => w.startsWith('--clv'))).toEqual(own.map((w) => `--clv: ${w}`));
      // Transactions without names: --customers' names show, but never beside pseudonyms.
      const accounts = file('few-accounts.csv', `customer_id,company,region\n${Array.from({ length: 10 }, (_, c) => `R${c},Rowan ${c} AB,North`).join('\n')}\n`);
      const named = await runReport(small.engine, small.read, await settings({ customers: { file: accounts } }), hooks);
      expect(named.model.ranking.map((c) => c.name)).toEqual(named.model.ranking.map((c) => `Rowan ${c.key.slice(1)} AB`));
      expect(named.model.ranking.length).toBeGreaterThan(0);
      const pseudonyms = makePseudonymizer(Buffer.from('a-secret-key-of-32-characters!!!'));
      const hidden = await runReport(small.engine, small.read, await settings({ customers: { file: accounts }, pseudonyms }), hooks);
      expect(hidden.model.ranking.length).toBe(named.model.ranking.length);
      expect(hidden.model.ranking.every((c) => c.name === c.key && c.key.startsWith('C-'))).toBe(true);
    } finally {
      small.close();
    }
  });
});

/** Deals ingestion and the journey: synonyms, outcomes, values, quartiles, and planted facts found. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomerRow } from '../../../../src/analyses/analysis.js';
import { journey } from '../../../../src/analyses/journey.js';
import { quartiles, quantileSorted } from '../../../../src/analyses/quartiles.js';
import { analyseTransactions } from '../../../../src/analyses/run.js';
import { parseAnalysisOptions } from '../../../../src/commands/analysis-options.js';
import { openEngine, type Engine } from '../../../../src/sources/files/duckdb/engine.js';
import { PLANTED } from '../../../../src/gen/deals.js';
import { dealOutcome, mapDealColumns, stageStep } from '../../../../src/sources/files/deal-fields.js';
import { parseDateValue, parseNumberValue } from '../../../../src/sources/files/deal-values.js';
import { readCrmFile, type Deal } from '../../../../src/sources/files/deals.js';
import { readTransactions } from '../../../../src/sources/files/read.js';
import { TempDir } from '../../../../src/kernel/tempdir.js';
import { SCHEMAS } from '../../../../src/schemas.js';
import { journeyJson } from '../../../../src/documents/journey.js';
import { writeCrmFiles, type CrmFiles } from '../../../helpers/crm.js';

describe('deal columns', () => {
  it('finds the HubSpot, Pipedrive and Salesforce fields by their English headers', () => {
    const hub = mapDealColumns(['Record ID', 'Deal Name', 'Associated Company ID', 'Deal Stage', 'Pipeline', 'Create Date', 'Close Date', 'Amount', 'Original Source', 'Number of Sales Activities', 'Deal owner', 'Industry']);
    expect(Object.fromEntries(Object.entries(hub.fields).map(([k, v]) => [k, v.column]))).toEqual({
      deal: 'Record ID', company: 'Associated Company ID', stage: 'Deal Stage', category: 'Pipeline', created: 'Create Date', closed: 'Close Date',
      amount: 'Amount', channel: 'Original Source', activities: 'Number of Sales Activities', owner: 'Deal owner',
    });
    expect(hub.others.map((o) => o.column)).toEqual(['Deal Name', 'Industry']);
    const pd = mapDealColumns(['Deal - Title', 'Deal - Organization', 'Deal - Stage', 'Deal - Status', 'Deal - Deal created', 'Deal - Won time', 'Deal - Value', 'Deal - Source channel', 'Deal - Total activities']);
    expect(pd.fields.company_name?.column).toBe('Deal - Organization');
    expect(pd.fields.created?.column).toBe('Deal - Deal created');
    expect(pd.fields.closed?.column).toBe('Deal - Won time');
    expect(pd.fields.status?.column).toBe('Deal - Status');
    expect(pd.fields.activities?.column).toBe('Deal - Total activities');
    const sf = mapDealColumns(['Opportunity Name', 'Account ID', 'Stage', 'Created Date', 'Close Date', 'Lead Source', 'Won']);
    expect([sf.fields.stage?.column, sf.fields.created?.column, sf.fields.closed?.column, sf.fields.channel?.column, sf.fields.status?.column]).toEqual(['Stage', 'Created Date', 'Close Date', 'Lead Source', 'Won']);
  });
  it('knows the Microsoft Dynamics opportunity headers', () => {
    const m = mapDealColumns(['Topic', 'Potential Customer', 'Status Reason', 'Created On', 'Actual Close Date', 'Actual Revenue', 'Owner']);
    expect(Object.keys(m.fields).sort()).toEqual(['amount', 'closed', 'company_name', 'created', 'owner', 'status']);
    expect(dealOutcome('Out-Sold', null)).toBe('lost');
  });
  it('knows the Nordic and German words', () => {
    const m = mapDealColumns(['Kundenummer', 'Fase', 'Oprettet', 'Lukkedato', 'Beløb', 'Kilde', 'Ansvarlig']);
    expect(Object.keys(m.fields).sort()).toEqual(['amount', 'channel', 'closed', 'company', 'created', 'owner', 'stage']);
    const de = mapDealColumns(['Kundennummer', 'Verkaufsphase', 'Erstellt am', 'Abschlussdatum', 'Wert', 'Quelle', 'Besitzer']);
    expect(Object.keys(de.fields).sort()).toEqual(['amount', 'channel', 'closed', 'company', 'created', 'owner', 'stage']);
  });
  it('takes the created date by its name in English, Nordic, German and Dutch exports, and Maven\'s engage_date', () => {
    for (const name of ['engage_date', 'Created On', 'Opprettet', 'Oprettet', 'Skapad', 'Luotu', 'Erstellt am', 'Angelegt am', 'Aangemaakt op']) {
      expect(mapDealColumns(['Account', 'Stage', name]).fields.created?.column, name).toBe(name);
    }
    const maven = mapDealColumns(['opportunity_id', 'sales_agent', 'product', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value']);
    expect(Object.fromEntries(Object.entries(maven.fields).map(([k, v]) => [k, v.column]))).toEqual({
      deal: 'opportunity_id', company_name: 'account', stage: 'deal_stage', created: 'engage_date', closed: 'close_date', amount: 'close_value', category: 'product', owner: 'sales_agent',
    });
  });
  it('refuses two columns that fit one field, and a map column that is not there', () => {
    expect(() => mapDealColumns(['Customer', 'Stage', 'Stage Name'].concat(['stage']))).toThrow(/both look like the deal stage/);
    expect(() => mapDealColumns(['a', 'b'], { stage: 'Phase' })).toThrow(/'Phase' given for stage .* columns are 'a', 'b'/);
  });
});

describe('outcomes and stages', () => {
  it('reads won and lost from a status or the stage, in several languages', () => {
    expect(dealOutcome('won', 'Negotiations Started')).toBe('won');
    expect(dealOutcome(null, 'Closed won')).toBe('won');
    expect(dealOutcome(null, 'Closed Lost')).toBe('lost');
    expect(dealOutcome('Vundet', null)).toBe('won');
    expect(dealOutcome('förlorad', null)).toBe('lost');
    expect(dealOutcome('verloren', null)).toBe('lost');
    expect(dealOutcome('open', 'Lead In')).toBe('open');
    expect(dealOutcome(null, 'Proposal')).toBeUndefined();
  });
  it("reads Salesforce's Won = false as open while the stage is open", () => {
    expect(dealOutcome('false', 'Prospecting')).toBe('open');
    expect(dealOutcome('false', 'Closed Lost')).toBe('lost');
    expect(dealOutcome('true', 'Closed Won')).toBe('won');
    expect(dealOutcome('false', null)).toBe('lost');
  });
  it('orders stages by --stages or the default vocabulary', () => {
    expect(stageStep('Qualified to buy', undefined)).toBe(1);
    expect(stageStep('contract sent', undefined)).toBe(3);
    expect(stageStep('Demo booked', undefined)).toBe(-1);
    expect(stageStep('demo booked', ['New', 'Demo booked', 'Won'])).toBe(1);
  });
});

describe('deal values', () => {
  it('reads numbers under the decided style', () => {
    expect(parseNumberValue('1.234,50', 'comma')).toBe(1234.5);
    expect(parseNumberValue('1,234.50', 'dot')).toBe(1234.5);
    expect(parseNumberValue('€ 12,5', 'comma')).toBe(12.5);
    expect(parseNumberValue('(12.50)', 'dot')).toBe(-12.5);
    expect(parseNumberValue('12.5', 'comma')).toBeUndefined();
    expect(parseNumberValue('abc', 'dot')).toBeUndefined();
    expect(parseNumberValue('17', 'none')).toBe(17);
  });
  it('refuses digits grouped by spaces other than in threes, as the SQL reading does (issue 26.3)', () => {
    expect(parseNumberValue('46 70 123 45 67', 'none')).toBeUndefined();
    expect(parseNumberValue('1\u2009 2345,00', 'comma')).toBeUndefined();
    expect(parseNumberValue("1'23.50", 'dot')).toBeUndefined();
    expect(parseNumberValue('1 234 567', 'none')).toBe(1234567);
    expect(parseNumberValue("1'234.50", 'dot')).toBe(1234.5);
  });
  it('reads dates under the decided order, and refuses impossible ones', () => {
    expect(parseDateValue('2024-03-01 10:15', 'iso')).toBe('2024-03-01');
    expect(parseDateValue('01.03.2024', 'dmy')).toBe('2024-03-01');
    expect(parseDateValue('03/01/2024', 'mdy')).toBe('2024-03-01');
    expect(parseDateValue('31.02.2024', 'dmy')).toBeUndefined();
    expect(parseDateValue('12-Dec-2019', 'dmon')).toBe('2019-12-12');
    expect(parseDateValue('20240301', 'compact')).toBe('2024-03-01');
    expect(parseDateValue('soon', 'iso')).toBeUndefined();
  });
});

describe('quartiles', () => {
  it("matches R's quantile() type 7", () => {
    // R: quantile(c(1, 2, 3, 4)) gives 1.75, 2.5, 3.25; quantile(c(1, 2, 3, 4, 10)) gives 2, 3, 4.
    expect(quartiles([4, 1, 3, 2])).toEqual({ n: 4, q1: 1.75, median: 2.5, q3: 3.25 });
    expect(quartiles([10, 1, 2, 3, 4])).toEqual({ n: 5, q1: 2, median: 3, q3: 4 });
    expect(quantileSorted([7], 0.25)).toBe(7);
  });
  it('has none for no values', () => {
    expect(quartiles([])).toBeNull();
    expect(quantileSorted([], 0.5)).toBeUndefined();
  });
});

function customer(key: string, ideal: boolean): CustomerRow {
  return {
    key, name: `Name ${key}`, firstDate: '2022-01-01', lastDate: '2024-12-01', tenureDays: 1000, recencyDays: 30, orders: 10, transactions: 10,
    revenue: 100, refunds: 0, margin: null, marginRate: null, avgCheck: 10, nonPositive: false, abcValue: 100, rank: 1, share: 0.01,
    cumulativeShare: 0.01, abcClass: ideal ? 'A' : 'C', periods: 36, cv: 0.3, xyzClass: 'X', xyzReason: null, r: 5, f: 5, m: 5, rfmScore: '555',
    segment: 'Champions', pareto: ideal ? 'ideal' : null, contribution: null, belowBreakEven: null, punctuality: null,
  };
}

function deal(line: number, company: string, over: Partial<Deal> = {}): Deal {
  return { line, id: null, company, companyName: null, stage: null, outcome: 'won', created: '2024-01-01', closed: '2024-01-11', amount: 100, channel: 'Web', category: 'A', activities: 3, owner: null, attributes: {}, ...over };
}

describe('journey by hand', () => {
  it('counts outcomes, days and activities per category, and matches customers', () => {
    const customers = [customer('1', true), customer('2', false), customer('3', false)];
    const deals = [
      deal(2, '1', { closed: '2024-01-11', activities: 2 }),
      deal(3, '2', { closed: '2024-01-21', activities: 4 }),
      deal(4, '3', { closed: '2024-02-10', activities: 9, category: 'B' }),
      deal(5, '9', { outcome: 'lost', closed: '2024-03-01' }),
      deal(6, '9', { outcome: 'open', closed: null }),
    ];
    const j = journey(deals, customers);
    const a = j.rows.find((r) => r.dimension === 'category' && r.value === 'A')!;
    // A: won 2 (10 and 20 days), lost 1, open 1: win rate 2 / 3.
    expect([a.deals, a.won, a.lost, a.open]).toEqual([4, 2, 1, 1]);
    expect(a.winRate).toBeCloseTo(2 / 3, 12);
    expect(a.daysToWon).toEqual({ n: 2, q1: 12.5, median: 15, q3: 17.5 });
    expect(a.activitiesToWon?.median).toBe(3);
    expect(j.rows.find((r) => r.dimension === 'ideal' && r.value === 'not a customer')?.deals).toBe(2);
    expect(j.match).toMatchObject({ companies: 4, companiesMatched: 3, customersWithoutDeal: 0, wonWithoutPurchases: [] });
  });
  it('counts deals without a company in the outcomes, and not as a company', () => {
    const noCompany = (line: number, over: Partial<Deal>) => deal(line, '', { company: null, companyName: null, ...over });
    const deals = [deal(2, '1'), noCompany(3, { outcome: 'open', closed: null }), noCompany(4, { outcome: 'won' }), deal(5, '9')];
    const j = journey(deals, [customer('1', true)]);
    expect([j.totals.deals, j.totals.won, j.totals.open]).toEqual([4, 3, 1]);
    // Companies 1 and 9; the won deal without a company is no "company without purchases".
    expect(j.match).toMatchObject({ deals: 4, dealsMatched: 1, companies: 2, companiesMatched: 1, wonWithoutPurchases: ['9'], dealsWithoutCompany: 2 });
    expect(j.rows.find((r) => r.dimension === 'ideal' && r.value === 'not a customer')?.deals).toBe(3);
  });
  it('matches by name when the export has no company key', () => {
    const j = journey([deal(2, '', { company: null, companyName: ' name  1 ' })], [customer('1', true)]);
    expect(j.match.by).toBe('name');
    expect(j.match.dealsMatched).toBe(1);
  });
  it('gives no days for a deal closed before it was created', () => {
    const j = journey([deal(2, '1', { created: '2024-02-01', closed: '2024-01-01' })], [customer('1', true)]);
    expect(j.daysUnknown).toBe(1);
  });
  it('a deal won on the day it was created took 0 days, and its days are known', () => {
    const j = journey([deal(2, '1', { created: '2024-03-05', closed: '2024-03-05' })], [customer('1', true)]);
    expect(j.daysUnknown).toBe(0);
    expect(j.rows.find((r) => r.dimension === 'category' && r.value === 'A')!.daysToWon).toEqual({ n: 1, q1: 0, median: 0, q3: 0 });
    expect(j.channels.find((c) => c.channel === 'Web')!.medianDaysToWon).toBe(0);
  });
  it('a customer with two won deals counts once, under the channel of the first won deal by close date', () => {
    // The later-closed deal comes first in the file and was created first: neither the line nor
    // the created date decides, only the close date.
    const j = journey(
      [
        deal(2, '1', { channel: 'Referral', created: '2024-01-01', closed: '2024-06-01' }),
        deal(3, '1', { channel: 'Web', created: '2024-02-01', closed: '2024-03-01' }),
        deal(4, '2', { channel: 'Referral', created: '2024-01-01', closed: '2024-02-01' }),
      ],
      [customer('1', true), customer('2', false)],
    );
    const won = Object.fromEntries(j.channels.map((c) => [c.channel, [c.won, c.wonCustomers, c.idealCustomers]]));
    // Deals are counted per channel; customers once, where they first came from.
    expect(won).toEqual({ Referral: [2, 1, 0], Web: [1, 1, 1] });
    expect(j.channels.reduce((s, c) => s + c.wonCustomers, 0)).toBe(2);
  });
});

describe('journey on generated CRM exports', () => {
  let files: CrmFiles;
  let engine: Engine;
  let temp: TempDir;
  let customers: readonly CustomerRow[];
  beforeAll(async () => {
    files = await writeCrmFiles();
    temp = new TempDir();
    engine = await openEngine({ tempDir: temp.dir() });
    const read = await readTransactions([files.invoices], { overrides: {}, maxRejectRate: 0.01 }, { engine, temp, warn: () => undefined });
    customers = (await analyseTransactions(engine, read, await parseAnalysisOptions({}))).analysis.customers;
  }, 60_000);
  afterAll(() => {
    engine.close();
    temp.remove();
    rmSync(files.dir, { recursive: true, force: true });
  });
  for (const style of ['hubspot', 'pipedrive', 'salesforce'] as const) {
    it(`finds the planted channel and the slow category in a ${style} export`, async () => {
      const read = await readCrmFile(files.deals[style], { mode: 'deals', label: 'deals', overrides: {}, maxRejectRate: 0.01 }, engine, temp);
      expect(read.rows.rejected).toBe(0);
      expect(read.rows.used).toBe(read.rows.read);
      const j = journey(read.deals, customers);
      expect(j.totals.open).toBeGreaterThan(0);
      expect(j.match.wonWithoutPurchases).toEqual([]);
      const referral = j.channels.find((c) => c.channel === PLANTED.idealChannel)!;
      expect(referral.significant).toBe(true);
      expect(referral.lift).toBeGreaterThan(2);
      const top = [...j.channels].sort((x, y) => y.idealCustomers - x.idealCustomers)[0]!;
      expect(top.channel).toBe(PLANTED.idealChannel);
      expect(j.sentence).toMatch(/^The ideal customers come through Referral \(/);
      const days = (v: string) => j.rows.find((r) => r.dimension === 'category' && r.value === v)!.daysToWon!.median;
      expect(days(PLANTED.slowCategory)).toBeGreaterThan(3 * days(PLANTED.fastCategory));
      expect(SCHEMAS.journey.safeParse(journeyJson(j, read)).success).toBe(true);
    });
  }
  it('reads a Danish export in Windows-1252 with semicolons, decimal commas and day-first dates', async () => {
    const path = join(files.dir, 'dk.csv');
    const text = 'Kundenummer;Fase;Oprettet;Lukkedato;Beløb;Kilde;Branche\n100001;Vundet;03.01.2024;25.01.2024;1.234,50;Messe;Byg\n100002;Tabt;04.01.2024;20.02.2024;99,95;Web;Detail\n100003;Tilbud;13.01.2024;;500;Web;\n';
    writeFileSync(path, Buffer.from(text, 'latin1'));
    const read = await readCrmFile(path, { mode: 'deals', label: 'deals', overrides: {}, maxRejectRate: 0.01 }, engine, temp);
    expect(read.encoding).toBe('windows-1252');
    expect(read.deals.map((d) => [d.line, d.outcome, d.created, d.closed, d.amount, d.channel])).toEqual([
      [2, 'won', '2024-01-03', '2024-01-25', 1234.5, 'Messe'],
      [3, 'lost', '2024-01-04', '2024-02-20', 99.95, 'Web'],
      [4, 'open', '2024-01-13', null, 500, 'Web'],
    ]);
    expect(read.deals[0]!.attributes).toEqual({ Branche: 'Byg' });
    expect(read.columns.find((c) => c.name === 'Beløb')?.convention).toBe('decimal comma');
  });
  it('takes a date field only when its column holds dates: the header is a hint', async () => {
    const path = join(files.dir, 'nl.csv');
    // 'Created' holds who created the deal; 'Aangemaakt op' holds the dates.
    writeFileSync(path, 'Deal,Bedrijf,Fase,Created,Aangemaakt op,Bedrag\nA,Alfa BV,Gewonnen,Ann,03-01-2024,100\nB,Beta BV,Verloren,Bo,14-01-2024,50\n');
    const read = await readCrmFile(path, { mode: 'deals', label: 'deals', overrides: {}, maxRejectRate: 0.01 }, engine, temp);
    expect(read.columns.map((c) => [c.name, c.field])).toEqual([['Deal', 'deal'], ['Bedrijf', 'company_name'], ['Fase', 'stage'], ['Created', null], ['Aangemaakt op', 'created'], ['Bedrag', 'amount']]);
    expect(read.deals.map((d) => [d.created, d.outcome, d.attributes.Created])).toEqual([['2024-01-03', 'won', 'Ann'], ['2024-01-14', 'lost', 'Bo']]);
    expect(read.notes).toEqual([`column 'Created' is named like the created date but holds no dates (like 'Ann'): read as a portrait column; if it is the created date, name it in a map file: {"columns": {"created": "Created"}}`]);
  });
  it('names the date columns when none is named like the created date, and takes none of them', async () => {
    const path = join(files.dir, 'unnamed-dates.csv');
    writeFileSync(path, 'Deal,Company,Stage,Opened,Closing,Amount\nA,Alfa,Closed won,2024-01-03,2024-02-01,100\nB,Beta,Lead In,2024-01-14,,50\n');
    const read = await readCrmFile(path, { mode: 'deals', label: 'deals', overrides: {}, maxRejectRate: 0.01 }, engine, temp);
    expect(read.deals.map((d) => d.created)).toEqual([null, null]);
    expect(read.notes).toEqual([`no column is named like the created date; 'Opened', 'Closing' hold dates: if one is the created date, name it in a map file: {"columns": {"created": "Opened"}}`]);
    const named = await readCrmFile(path, { mode: 'deals', label: 'deals', overrides: { created: 'Opened' }, maxRejectRate: 0.01 }, engine, temp);
    expect([named.deals.map((d) => d.created), named.notes]).toEqual([['2024-01-03', '2024-01-14'], []]);
  });
  it('refuses dates that read either way, asking for --date-format', async () => {
    const path = join(files.dir, 'ambiguous.csv');
    writeFileSync(path, 'Deal Stage,Associated Company ID,Create Date\nClosed won,100001,01/02/2024\nClosed won,100002,03/04/2024\n');
    await expect(readCrmFile(path, { mode: 'deals', label: 'deals', overrides: {}, maxRejectRate: 0.01 }, engine, temp)).rejects.toThrow(/column 'Create Date' \(created date\): 2 values like 01\/02\/2024 read as day-first or month-first.*pass --date-format dd\.mm\.yyyy or --date-format mm\/dd\/yyyy/);
  });
  it('rejects a bad date with its line and keeps the rest', async () => {
    const path = join(files.dir, 'bad.csv');
    writeFileSync(path, 'Deal Stage,Associated Company ID,Create Date,Close Date\nClosed won,100001,2024-01-05,2024-02-01\nClosed won,100002,2024-13-45,2024-02-01\n"Closed\nwon",100003,2024-01-05,2024-02-01\nClosed lost,,2024-01-05,2024-02-01\n');
    const read = await readCrmFile(path, { mode: 'deals', label: 'deals', overrides: {}, maxRejectRate: 1 }, engine, temp);
    expect(read.rows).toMatchObject({ read: 4, used: 3, rejected: 1 });
    expect(read.rejects).toEqual([{ line: 3, column: 'Create Date', reason: 'not a date (yyyy-mm-dd) between 1900 and 2100', value: '2024-13-45' }]);
    // A deal without a company is a deal: kept, with no company (the audit flags it, the journey counts it).
    expect(read.deals.find((d) => d.line === 6)).toMatchObject({ company: null, companyName: null, outcome: 'lost' });
    await expect(readCrmFile(path, { mode: 'deals', label: 'deals', overrides: {}, maxRejectRate: 0.01 }, engine, temp)).rejects.toThrow(/bad\.csv:3: 1 of 4 rows rejected, over the 1\.0% limit/);
  });
});

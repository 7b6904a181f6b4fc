/** The report's parts by hand (portrait, picks, ranking), and the bundled sample's report pinned. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerRow } from '../../../src/analysis/analysis.js';
import { comparePicks, shortlist } from '../../../src/analysis/picks.js';
import { personaCards } from '../../../src/analysis/personas.js';
import { portrait } from '../../../src/analysis/portrait.js';
import { rankIdeal } from '../../../src/analysis/report.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { runInProcess } from '../../helpers/in-process.js';
import { customerRow } from '../../helpers/analysis-fixtures.js';

const row = customerRow;

// 20 customers, the first 5 ideal (the first of them elite).
const customers: CustomerRow[] = Array.from({ length: 20 }, (_, i) =>
  row(`k${String(i).padStart(2, '0')}`, { rank: i + 1, pareto: i === 0 ? 'elite' : i < 5 ? 'ideal' : null, abcValue: 100 - i, revenue: 100 - i }),
);
const industry = new Map<string, string>(customers.map((c, i) => [c.key, i < 4 || i === 5 || i === 6 ? 'Construction' : 'Retail']));

describe('portrait', () => {
  it('gives shares, lift and Fisher p by hand', () => {
    const p = portrait(customers, [{ name: 'industry', source: 'test', values: industry }], { minCount: 3 });
    const summary = p.attributes[0]!;
    expect(summary.kind).toBe('categorical');
    if (summary.kind !== 'categorical') return;
    const construction = summary.levels.find((l) => l.value === 'Construction')!;
    // Ideal: 4 of 5 in construction (80%); all: 6 of 20 (30%): lift 2.67.
    expect(construction.ideal).toEqual({ customers: 4, share: 0.8 });
    expect(construction.all).toEqual({ customers: 6, share: 0.3 });
    expect(construction.elite).toEqual({ customers: 1, share: 1 });
    expect(construction.lift).toBeCloseTo(8 / 3, 12);
    // scipy.stats.fisher_exact([[4, 1], [2, 13]]).pvalue
    expect(construction.p).toBeCloseTo(0.01393188854489164, 12);
    // Two levels tested (Construction, Retail): 0.0139 × 2 < 0.05.
    expect(p.tests).toBe(2);
    expect(construction.significant).toBe(true);
    expect(p.findings[0]!.sentence).toBe("80% of ideal customers have industry 'Construction', against 30% of all customers: 2.7×.");
  });
  it('requires the minimum count before calling a difference beyond chance', () => {
    const p = portrait(customers, [{ name: 'industry', source: 'test', values: industry }], { minCount: 5 });
    expect(p.findings).toEqual([]);
    expect(p.tests).toBe(0);
  });
  it('compares medians of numbers with Mann-Whitney', () => {
    const employees = new Map(customers.map((c, i) => [c.key, String([100, 120, 90, 150, 200][i] ?? [10, 12, 8, 15, 20, 11, 9, 14, 13, 10, 12, 16, 18, 7, 11][i - 5])]));
    const p = portrait(customers, [{ name: 'employees', source: 'test', values: employees }]);
    const s = p.attributes[0]!;
    expect(s.kind).toBe('numeric');
    if (s.kind !== 'numeric') return;
    expect(s.median).toEqual({ all: 13.5, ideal: 120, elite: 100 });
    // scipy.stats.mannwhitneyu(ideal, rest, method='asymptotic').pvalue
    expect(s.p).toBeCloseTo(0.001223803879446207, 5);
    expect(s.significant).toBe(true);
  });
  it('skips identifiers and names', () => {
    const names = new Map(customers.map((c) => [c.key, `Company ${c.key}`]));
    expect(portrait(customers, [{ name: 'company', source: 'test', values: names }]).skipped).toEqual([{ name: 'company', why: '20 different values: a name or an identifier, not a trait' }]);
  });
});

describe('picks against the accounts', () => {
  const late = row('late', { rank: 12, pareto: null, abcClass: 'C', xyzClass: 'Z', segment: 'At Risk', recencyDays: 400, punctuality: { invoices: 6, onTimeShare: 0.1, meanDaysLate: 35 } });
  const all = [...customers.slice(0, 11), late, ...customers.slice(11)];
  const picks = [
    { customer: 'k01', pickedBy: 'Anna', reason: 'big' },
    { customer: 'LATE', pickedBy: 'Bo', reason: 'friendly' },
    { customer: 'nobody', pickedBy: 'Bo', reason: 'gone' },
  ];
  const cmp = comparePicks('picks.csv', picks, all);
  it('sorts picks into agreed, not backed and unmatched, matching names case-insensitively', () => {
    expect(cmp.agreed.map((a) => a.customer.key)).toEqual(['k01']);
    expect(cmp.notBacked.map((a) => a.customer.key)).toEqual(['late']);
    expect(cmp.unmatched).toEqual([{ customer: 'nobody', pickedBy: 'Bo', nearest: [] }]);
  });
  it('gives the real figures of a pick the accounts do not back', () => {
    expect(cmp.notBacked[0]!.why).toEqual([
      'small: class C, rank 12 of 21',
      'lapsed: at risk, last purchase 400 days ago',
      'late payer: 10% of invoices paid on time, 35 days late on average',
      'erratic buyer (Z)',
    ]);
  });
  it('lists the ideal customers nobody picked, and shortlists the agreed first', () => {
    expect(cmp.unpicked.map((c) => c.key)).toEqual(['k00', 'k02', 'k03', 'k04']);
    const ranking = rankIdeal(all);
    expect(shortlist(ranking, cmp).map((c) => c.key)).toEqual(['k01', 'k00', 'k02', 'k03', 'k04']);
    expect(shortlist(ranking, null).map((c) => c.key)).toEqual(['k00', 'k01', 'k02', 'k03', 'k04']);
  });
});

describe('ranking of the ideal customers', () => {
  it('puts the elite first, then value, then regularity, then recency', () => {
    const xs = [
      row('a', { pareto: 'ideal', abcValue: 50, xyzClass: 'Z', cv: 1.5 }),
      row('b', { pareto: 'ideal', abcValue: 50, xyzClass: 'X', cv: 0.2, recencyDays: 90 }),
      row('c', { pareto: 'ideal', abcValue: 50, xyzClass: 'X', cv: 0.2, recencyDays: 10 }),
      row('d', { pareto: 'elite', abcValue: 60 }),
      row('e', { pareto: null, abcValue: 70 }),
    ];
    expect(rankIdeal(xs).map((c) => c.key)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('persona cards', () => {
  it('fill what the attributes say and ask the rest, one card per market', () => {
    const market = new Map(customers.map((c, i) => [c.key, i < 3 ? 'B2B' : 'B2G']));
    const ranking = rankIdeal(customers);
    const cards = personaCards(ranking, customers, [
      { name: 'market', source: 't', values: market },
      { name: 'industry', source: 't', values: industry },
    ], ranking.slice(0, 2));
    expect(cards.map((c) => [c.title, c.customers])).toEqual([['The ideal B2B customer', 3], ['The ideal B2G customer', 2]]);
    const work = cards[0]!.sections[0]!.fields;
    expect(work.find((f) => f.label === 'Industry')).toMatchObject({ value: 'Construction', prompt: null });
    expect(work.find((f) => f.label === 'Role')).toMatchObject({ value: null, prompt: "What is our contact's role, and who else decides?" });
    expect(cards[0]!.interview.map((c) => c.customer)).toEqual(['k00', 'k01']);
    // The B2G group has nobody on the shortlist: its own top customers are listed.
    expect(cards[1]!.interview.map((c) => c.customer)).toEqual(['k03', 'k04']);
    expect(cards[1]!.note).toMatch(/too few to generalise/);
  });
});

describe('persona cards, by rule', () => {
  const fields = (card: { sections: readonly { fields: readonly { label: string; value: string | null }[] }[] }) =>
    Object.fromEntries(card.sections.flatMap((s) => s.fields).map((f) => [f.label, f.value]));

  it("a persona of one ideal customer takes that customer's value as its trait", () => {
    // k00 is the only ideal customer; its industry (Construction) is held by 6 of all 20.
    const one = customers.map((c, i) => ({ ...c, pareto: i === 0 ? ('elite' as const) : null }));
    const employees = new Map(one.map((c, i) => [c.key, String(10 + i)]));
    const [card] = personaCards(rankIdeal(one), one, [
      { name: 'industry', source: 't', values: industry },
      { name: 'employees', source: 't', values: employees },
    ], []);
    expect(card!.customers).toBe(1);
    const f = fields(card!);
    expect(f.Industry).toBe('Construction');
    // A number of one customer is that number, not a median.
    expect(f['Company size']).toBe('10');
  });

  it('"% buy regularly" counts the X and the Y customers', () => {
    // Of the five ideal customers: X, Y, Y, Z and one without a class: 3 of 5 buy regularly.
    const classes = ['X', 'Y', 'Y', 'Z', null] as const;
    const mixed = customers.map((c, i) => (i < 5 ? { ...c, xyzClass: classes[i]! } : c));
    const [card] = personaCards(rankIdeal(mixed), mixed, [], []);
    expect(fields(card!).Behaviour).toMatch(/; 60% buy regularly \(X or Y\)/);
  });
});

const SAMPLE = ['fixtures/sample/invoices.csv', '--customers', 'fixtures/sample/customers.csv', '--picks', 'fixtures/sample/picks.csv'];

describe('the bundled sample', () => {
  // The pinned Markdown and JSON reports (stdout, stderr, exit code) are golden cases: test/cases/report/0002, 0003.
  it('gives a JSON report valid against its schema, byte for byte the same each run', async () => {
    const [a, b] = await Promise.all([runInProcess(['report', ...SAMPLE, '--json']), runInProcess(['report', ...SAMPLE, '--json'])]);
    expect(a.stdout).toBe(b.stdout);
    // The renderers' marks for data never reach JSON.
    expect(a.stdout).not.toMatch(/[\uE000\uE001]/);
    const doc = JSON.parse(a.stdout) as unknown;
    const parsed = SCHEMAS.report.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    const d = doc as { ranking: unknown[]; customers: { revenue: number }[]; summary: { totals: { revenue: number } } };
    // Money reconciles: the customers add up to the total.
    const total = d.customers.reduce((s, c) => s + c.revenue, 0);
    expect(Math.round(total * 100) / 100).toBe(d.summary.totals.revenue);
  });
  it('prints its JSON Schema', async () => {
    const r = await runInProcess(['schema', 'report']);
    expect(JSON.parse(r.stdout)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
  });
});

describe('ideal but unprofitable (issue 24)', () => {
  // 25 customers, three invoices each; the largest (C01, elite) and the fourth (C04, ideal) lose
  // money on every invoice. Ideal: the top 5; elite: the top 1.
  const lines = ['invoice_no,customer_id,invoice_date,amount,margin'];
  let n = 1;
  for (let c = 1; c <= 25; c++) {
    const amount = 1000 - c * 30;
    const margin = c === 1 ? -660.25 : c === 4 ? -10 : amount * 0.3;
    for (const month of ['01', '05', '09']) lines.push(`${n++},C${String(c).padStart(2, '0')},2024-${month}-15,${amount.toFixed(2)},${margin.toFixed(2)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'segment-losses-'));
  const file = join(dir, 'invoices.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);

  it('gets its own line, a flag in the ranking and beside the shortlisted names', async () => {
    const r = await runInProcess(['report', file]);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('**Ideal, but loses money: fix the price or the cost to serve**: 2 ideal customers (5,550.00 revenue, margin -2,010.75 in all) lose money;');
    expect(md).toContain('C01 (elite, margin -1,980.75), C04 (ideal, margin -30.00).');
    const first = md.split('\n').find((l) => l.startsWith('| 1 | C01 |'))!;
    expect(first.endsWith('| **loses money** |')).toBe(true);
    // The shortlist starts with C01, but never without the flag beside it.
    expect(md).toMatch(/\*\*Shortlist for interviews and personas\*\* \(5: the top of the ranking\): C01 \(\*\*loses money\*\*: margin -1,980\.75\), C02, C03, C04 \(\*\*loses money\*\*: margin -30\.00\), C05/);
    expect(md).toMatch(/Call: C01 \(\*\*loses money\*\*\), C02/);
  });
  it('flags them in the JSON', async () => {
    const r = await runInProcess(['report', file, '--json']);
    const doc = JSON.parse(r.stdout) as { ranking: { customer: string; loses_money: boolean }[]; shortlist: { customer: string; loses_money: boolean }[]; ideal_unprofitable: { customers: number; margin: number; examples: { customer: string; margin: number }[] } };
    const parsed = SCHEMAS.report.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    expect(doc.ranking.filter((c) => c.loses_money).map((c) => c.customer)).toEqual(['C01', 'C04']);
    expect(doc.shortlist[0]).toEqual({ customer: 'C01', name: 'C01', loses_money: true });
    expect(doc.ideal_unprofitable).toMatchObject({ customers: 2, margin: -2010.75, examples: [{ customer: 'C01', margin: -1980.75 }, { customer: 'C04', margin: -30 }] });
  });
});

describe('portrait attributes (issue 24)', () => {
  // 60 customers of a store, one line per order line: Row ID, Quarter ID, Order Line, Sub-Category
  // and Discount vary within a customer; Segment, Postal Code and Birth Year are the customer's.
  const STORE = 'fixtures/store-lines.csv';
  type Doc = { portrait: { test: string; left_out: { name: string; why: string }[]; attributes: { name: string; kind: string; median: unknown }[] }; method: string[] };

  it('leaves out line-level columns, says so in the Method, and does not count them as tests', async () => {
    const r = await runInProcess(['report', STORE, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.portrait.left_out.map((l) => l.name)).toEqual(['Row ID', 'Quarter ID', 'Order Line', 'Sub-Category', 'Discount']);
    expect(doc.portrait.left_out.every((l) => l.why.startsWith('line-level: its value varies within a customer'))).toBe(true);
    expect(doc.portrait.attributes.map((a) => a.name)).toEqual(['Segment', 'Postal Code', 'Birth Year']);
    // Only Segment has levels with 5 ideal customers, seen or expected: one test, not one per line-level column.
    expect(doc.portrait.test).toMatch(/over 1 tests/);
    expect(doc.method.find((m) => m.startsWith('Portrait: left out'))).toMatch(/'Row ID', 'Quarter ID', 'Order Line', 'Sub-Category', 'Discount' \(line-level.*--attributes or --exclude-attributes/);
  });
  it('inspect says the same of each line-level column', async () => {
    const doc = JSON.parse((await runInProcess(['inspect', STORE, '--json'])).stdout) as { inputs: { columns: { name: string; why: string }[] }[] };
    expect(doc.inputs[0]!.columns.find((c) => c.name === 'Discount')!.why).toBe("varies within a customer: line-level, left out of the report's portrait unless named in --attributes");
  });
  it('reads postal codes and years as categories, never as medians', async () => {
    const r = await runInProcess(['report', STORE]);
    const doc = JSON.parse((await runInProcess(['report', STORE, '--json'])).stdout) as Doc;
    expect(doc.portrait.attributes.filter((a) => a.kind === 'numeric')).toEqual([]);
    expect(r.stdout).not.toMatch(/median [\d,]+\.5\b|\b1,9\d\d\.5\b/);
    expect(r.stdout).toContain('**Postal Code** (inputs; known for 60 customers');
  });
  it('lets --attributes and --exclude-attributes choose, and names the columns when one is unknown', async () => {
    const only = JSON.parse((await runInProcess(['report', STORE, '--attributes', 'sub-category', 'Segment', '--json'])).stdout) as Doc;
    expect(only.portrait.attributes.map((a) => a.name)).toEqual(['Segment', 'Sub-Category']);
    expect(only.portrait.left_out.find((l) => l.name === 'Postal Code')).toEqual({ name: 'Postal Code', why: 'not named in --attributes' });
    const without = JSON.parse((await runInProcess(['report', STORE, '--exclude-attributes', 'Birth Year', '--json'])).stdout) as Doc;
    expect(without.portrait.attributes.map((a) => a.name)).toEqual(['Segment', 'Postal Code']);
    const bad = await runInProcess(['report', STORE, '--exclude-attributes', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("segment report: --exclude-attributes 'nope' is not an attribute column; they are 'Row ID', 'Segment', 'Postal Code', 'Birth Year', 'Quarter ID', 'Order Line', 'Sub-Category', 'Discount'\n");
  });
});

describe('codes are categories', () => {
  const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
  const rows = keys.map((k, i) => row(k, { pareto: i < 6 ? 'ideal' : null }));
  // 14 distinct values over 30 customers: more than 12 (a number could be compared by medians), not an identifier.
  const kindOf = (name: string, value: (i: number) => string) => portrait(rows, [{ name, source: 't', values: new Map(keys.map((k, i) => [k, value(i % 14)])) }]).attributes[0]?.kind;
  it('by their values: five-digit codes, years, leading zeros; by the header only over whole numbers', () => {
    expect(kindOf('place', (i) => String(41000 + i * 37))).toBe('categorical');
    expect(kindOf('born', (i) => String(1950 + i))).toBe('categorical');
    expect(kindOf('area', (i) => `0${100 + i}`)).toBe('categorical');
    expect(kindOf('zip', (i) => String(100 + i * 7))).toBe('categorical');
    expect(kindOf('employees', (i) => String(2 + i * 7))).toBe('numeric');
    expect(kindOf('Number of employees', (i) => String(2 + i * 7))).toBe('numeric');
    expect(kindOf('Customer Number', (i) => String(2 + i * 7))).toBe('categorical');
    expect(kindOf('birthYear', (i) => String(2 + i * 7))).toBe('categorical');
    expect(kindOf('turnover', (i) => String(10000 + i * 1000))).toBe('numeric');
    expect(kindOf('zip', (i) => `${100 + i}.5`)).toBe('numeric');
  });
});

describe('the report', () => {
  const SAMPLE = ['fixtures/sample/invoices.csv'];
  const gini = (text: string): string => /The Gini coefficient is [0-9.]+: [^.]*\./.exec(text)?.[0] ?? '';

  it('says what is concentrated by the ABC basis, not always revenue', async () => {
    const orders = await runInProcess(['report', ...SAMPLE, '--by', 'orders']);
    expect(orders.code).toBe(0);
    expect(gini(orders.stdout)).toMatch(/: orders are (concentrated in few customers|moderately concentrated|spread fairly evenly)\.$/);
    const margin = await runInProcess(['report', ...SAMPLE, '--by', 'margin']);
    expect(gini(margin.stdout)).toMatch(/: margin is /);
    const revenue = await runInProcess(['report', ...SAMPLE]);
    expect(gini(revenue.stdout)).toMatch(/: revenue is /);
  });

  it('shows the RFM segments in section 4 without the score cut points', async () => {
    const r = await runInProcess(['report', ...SAMPLE]);
    const section = r.stdout.slice(r.stdout.indexOf('## 4.'), r.stdout.indexOf('## 5.'));
    expect(section).toContain('### RFM segments');
    expect(section).toContain('| segment');
    expect(section).not.toContain('Scores and their cut points');
  });
});

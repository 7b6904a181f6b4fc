/** The report's parts by hand (portrait, picks, ranking), and the bundled sample's report pinned. */
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../src/analysis/analysis.js';
import { comparePicks, shortlist } from '../src/analysis/picks.js';
import { personaCards } from '../src/analysis/personas.js';
import { portrait } from '../src/analysis/portrait.js';
import { rankIdeal } from '../src/analysis/report.js';
import { SCHEMAS } from '../src/schemas.js';
import { runCli } from './helpers/cli.js';
import { golden } from './helpers/golden.js';
import { customerRow } from './helpers/analysis-fixtures.js';

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
  it('gives the pinned Markdown report', async () => {
    const r = await runCli(['report', ...SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('segment report: warning: fixtures/sample/customers.csv: 3 customer keys have no transactions\n');
    golden('report-sample.md', r.stdout);
  });
  it('gives the pinned JSON report, valid against its schema, byte for byte the same each run', async () => {
    const [a, b] = await Promise.all([runCli(['report', ...SAMPLE, '--json']), runCli(['report', ...SAMPLE, '--json'])]);
    expect(a.stdout).toBe(b.stdout);
    // The renderers' marks for data never reach JSON.
    expect(a.stdout).not.toMatch(/[\uE000\uE001]/);
    const doc = JSON.parse(a.stdout) as unknown;
    const parsed = SCHEMAS.report.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    golden('report-sample.json', a.stdout);
    const d = doc as { ranking: unknown[]; customers: { revenue: number }[]; summary: { totals: { revenue: number } } };
    // Money reconciles: the customers add up to the total.
    const total = d.customers.reduce((s, c) => s + c.revenue, 0);
    expect(Math.round(total * 100) / 100).toBe(d.summary.totals.revenue);
  });
  it('prints its JSON Schema', async () => {
    const r = await runCli(['schema', 'report']);
    expect(JSON.parse(r.stdout)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
  });
});

/** Tests of src/analyses/personas.ts. */
/**
 * src/analyses/personas.ts in-process. Twenty customers k00–k19, the first six ideal; the p-values
 * are scipy's (1.17.1):
 *   fisher_exact([[6,0],[2,12]]).pvalue = 0.000722394   Industry: Retail
 *   fisher_exact([[4,2],[1,13]]).pvalue = 0.013931889   Role: CEO
 *   mannwhitneyu([40,55,60,70,80,120], [5,10,15,20,25,30,35,45,50,65,75,90,8,12],
 *                method='asymptotic', use_continuity=True).pvalue = 0.023319349   Employees
 *   fisher_exact([[5,7],[0,28]]).pvalue = 0.001203633; fisher_exact([[7,5],[3,25]]).pvalue = 0.003288968   Sector A, B
 */
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../../../src/analyses/analysis.js';
import { marketAttribute, personaCards } from '../../../src/analyses/personas.js';
import { rankIdeal } from '../../../src/analyses/report.js';
import { fisherExact } from '../../../src/analyses/stats.js';
import { customerRow } from '../../helpers/analysis-fixtures.js';
import type { Attribute } from '../../../src/analyses/portrait.js';

const row = customerRow;

// 20 customers, the first 5 ideal (the first of them elite).
const customers: CustomerRow[] = Array.from({ length: 20 }, (_, i) =>
  row(`k${String(i).padStart(2, '0')}`, { rank: i + 1, pareto: i === 0 ? 'elite' : i < 5 ? 'ideal' : null, abcValue: 100 - i, revenue: 100 - i }),
);

const industry = new Map<string, string>(customers.map((c, i) => [c.key, i < 4 || i === 5 || i === 6 ? 'Construction' : 'Retail']));

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

const ideal = customers.filter((c) => c.pareto !== null);

describe('persona cards, their wording', () => {
  const field = (values: Map<string, string>, label: string) =>
    personaCards(ideal, customers, [{ name: 'country', source: 't', values }], ideal).at(0)!.sections.flatMap((s) => s.fields).find((f) => f.label === label)!;

  it('name a value only when it is beyond chance, not for its lift alone (issue 24)', () => {
    // Ideal: Norway 2 of 5 (40%) against 2 of 20 (10%): 4.0×, but two customers are no evidence.
    // The most common among the ideal, the UK, is given instead, marked not distinct.
    const country = new Map(customers.map((c, i) => [c.key, i === 3 || i === 4 ? 'Norway' : i === 5 ? 'Spain' : 'United Kingdom']));
    expect(field(country, 'Location')).toMatchObject({
      value: 'United Kingdom',
      distinct: false,
      evidence: 'country: the most common, 60% of them, against 85% of all customers (0.7×); not beyond chance',
    });
  });
  it('say "not distinct" with the most common value when nothing is over-represented', () => {
    // Ideal: UK 4 of 5 (80%) against 18 of 20 (90%): 0.9×; Spain 1 of 5 (4.0×) is one customer only.
    const under = new Map(customers.map((c, i) => [c.key, i < 5 ? (i < 4 ? 'United Kingdom' : 'Spain') : i < 19 ? 'United Kingdom' : 'France']));
    expect(field(under, 'Location')).toMatchObject({ value: 'United Kingdom', distinct: false, evidence: 'country: the most common, 80% of them, against 90% of all customers (0.9×); not beyond chance' });
  });
  it('never make a rare value a trait: "Income: 250K+" held by 8 of 338 ideal customers', () => {
    // 1,690 customers, 338 ideal. 250K+: 8 of the ideal (2.4%) against 20 of all (1.2%): 2.0×,
    // Fisher p = 0.043 before any correction. The most common income among the ideal is 50-75K.
    const many: CustomerRow[] = Array.from({ length: 1690 }, (_, i) => row(`c${String(i).padStart(4, '0')}`, { pareto: i < 338 ? 'ideal' : null }));
    const income = new Map(many.map((c, i) => [c.key, i < 338 ? (i < 8 ? '250K+' : i < 200 ? '50-75K' : '75-100K') : i < 350 ? '250K+' : i < 1100 ? '50-75K' : '75-100K']));
    const idealOnes = many.filter((c) => c.pareto !== null);
    const card = personaCards(idealOnes, many, [{ name: 'income', source: 't', values: income }], idealOnes, { tests: 3, alpha: 0.05, minCount: 5 })[0]!;
    const f = card.sections.flatMap((s) => s.fields).find((x) => x.label === 'Income')!;
    expect(f.value).toBe('50-75K');
    expect(f.distinct).toBe(false);
  });
  it('name a value that is beyond chance as a trait, with its p', () => {
    // Ideal: Norway 5 of 5 against 5 of 20. scipy.stats.fisher_exact([[5, 0], [0, 15]]).pvalue = 6.45e-5.
    const country = new Map(customers.map((c, i) => [c.key, i < 5 ? 'Norway' : 'United Kingdom']));
    expect(field(country, 'Location')).toMatchObject({ value: 'Norway', distinct: true, evidence: 'country: 100% of them, against 25% of all customers (4.0×); p < 0.0001' });
  });
  it('ask for the job to be done beside goals, fears and objections', () => {
    const card = personaCards(ideal, customers, [], ideal)[0]!;
    const goals = card.sections.find((s) => s.heading === 'Goals, fears and objections')!;
    expect(goals.fields.map((f) => f.label)).toEqual(['Main goal', 'Fears', 'Objections', 'Job to be done']);
    expect(goals.fields[3]!.prompt).toMatch(/^When …, |^When … \(/);
    expect(goals.fields[3]!.prompt).toMatch(/they want to … .*so that …/);
  });
});

describe('each rule by hand', () => {
const keys = Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, '0')}`);

const attr = (name: string, values: readonly (string | undefined)[], ks: readonly string[] = keys): Attribute => ({
  name,
  source: 'customers',
  values: new Map(ks.flatMap((k, i) => (values[i] === undefined ? [] : [[k, values[i]!] as [string, string]]))),
});

const rep = (v: string, n: number): string[] => Array.from({ length: n }, () => v);

// Ideal k00–k05: revenue 1500, 1200, 1100, 1000, 900, 800 (median 1050); average check 10, 20, –, 40,
// 50, 60 (median 40); margin rate 25%, 35% (median 30%); tenure 365, 700, 800, 900, 1000, 2000 days
// (median 850 = 2.3 years); XYZ X, Y, Z, –, X, Z (3 of 6 regular); on time 50%, 90%, 70% (median 70%).
const idealOver: Partial<CustomerRow>[] = [
  { revenue: 1500, avgCheck: 10, marginRate: 0.25, tenureDays: 365, xyzClass: 'X', punctuality: { invoices: 4, onTimeShare: 0.5, meanDaysLate: 3 } },
  { revenue: 1200, avgCheck: 20, marginRate: 0.35, tenureDays: 700, xyzClass: 'Y', punctuality: { invoices: 4, onTimeShare: 0.9, meanDaysLate: 3 } },
  { revenue: 1100, avgCheck: null, tenureDays: 800, xyzClass: 'Z', punctuality: { invoices: 4, onTimeShare: 0.7, meanDaysLate: 3 } },
  { revenue: 1000, avgCheck: 40, tenureDays: 900, xyzClass: null, margin: -5 },
  { revenue: 900, avgCheck: 50, tenureDays: 1000, xyzClass: 'X' },
  { revenue: 800, avgCheck: 60, tenureDays: 2000, xyzClass: 'Z' },
];

const all: CustomerRow[] = keys.map((k, i) => customerRow(k, { name: `Name ${k}`, pareto: i < 6 ? 'ideal' : null, ...(idealOver[i] ?? { revenue: 10 }) }));

const ideal = all.slice(0, 6);

const industry = attr('Industry', [...rep('Retail', 8), ...rep('Bank', 12)]);

const employees = attr('Employees', ['40', '55', '60', '70', '80', '120', '5', '10', '15', '20', '25', '30', '35', '45', '50', '65', '75', '90', '8', '12']);

const region = attr('Region', [...rep('South', 3), ...rep('North', 3), ...rep('North', 7), ...rep('South', 7)]);

const role = attr('Job title', [...rep('CEO', 4), ...rep('CFO', 2), 'CEO', ...rep('CFO', 13)]);

const attributes = [industry, employees, region, role];

const fieldsOf = (card: { sections: readonly { fields: readonly { label: string }[] }[] }) => new Map(card.sections.flatMap((s) => s.fields.map((f) => [f.label, f] as const)));

describe('personaCards: one card for the ideal customers', () => {
  it('fills each section in the method\'s order, with the data\'s evidence or the interview question', () => {
    const [card, ...rest] = personaCards(ideal, all, attributes, []);
    expect(rest).toEqual([]);
    expect(card).toMatchObject({ title: 'The ideal customer', market: null, customers: 6, note: null });
    expect(card!.sections.map((s) => [s.heading, s.fields.map((f) => f.label)])).toEqual([
      ['Work', ['Company size', 'Financials', 'Type', 'Industry', 'Role']],
      ['Demographics', ['Age', 'Income', 'Location', 'Education', 'Family']],
      ['Goals, fears and objections', ['Main goal', 'Fears', 'Objections', 'Job to be done']],
      ['Values and why they chose us', ['Behaviour', 'Core values', 'Why us']],
    ]);
    const f = fieldsOf(card!);
    expect(f.get('Company size')).toEqual({
      label: 'Company size', value: 'median 65', prompt: null, distinct: true,
      evidence: 'Employees, 6 of 6 customers; all customers: median 42.5; Mann-Whitney p = 0.0233',
    });
    expect(f.get('Financials')).toEqual({ label: 'Financials', value: 'median revenue with us 1,050, median average check 40, median margin rate 30%', evidence: '6 ideal customers in the accounts', prompt: null, distinct: null });
    expect(f.get('Type')).toEqual({ label: 'Type', value: null, evidence: null, prompt: 'Which market are they in: B2B, B2C or B2G?', distinct: null });
    expect(f.get('Industry')).toEqual({ label: 'Industry', value: 'Retail', evidence: 'Industry: 100% of them, against 40% of all customers (2.5×); p = 0.0007', prompt: null, distinct: true });
    // CEO: 4 of 6 against 5 of 20 (2.7×), but fewer than 5 hold it.
    expect(f.get('Role')).toEqual({ label: 'Role', value: 'CEO', evidence: 'Job title: the most common, 67% of them, against 25% of all customers (2.7×); held by fewer than 5, too few to tell', prompt: null, distinct: false });
    // North and South 3 each, as among all: the first by name, as context.
    expect(f.get('Location')).toEqual({ label: 'Location', value: 'North', evidence: 'Region: the most common, 50% of them, against 50% of all customers (1.0×); not beyond chance', prompt: null, distinct: false });
    expect([...f.values()].filter((x) => x.value === null).map((x) => [x.label, x.prompt])).toEqual([
      ['Type', 'Which market are they in: B2B, B2C or B2G?'],
      ['Age', 'How old is the person we deal with?'],
      ['Income', 'What is their income level?'],
      ['Education', 'What is their education?'],
      ['Family', 'What is their family situation?'],
      ['Main goal', 'What is their main goal, and how do we help them reach it? A secondary goal?'],
      ['Fears', 'What do they fear about our product or about switching, and how do we answer it?'],
      ['Objections', 'What objections did they raise before buying, and what answered them?'],
      ['Job to be done', 'When … (the situation that makes them buy), they want to … (what they try to get done), so that … (the outcome they are after). Ask for the last time it happened.'],
      ['Core values', 'What matters most to them in a supplier?'],
      ['Why us', 'Why did they choose us, and why do they stay?'],
    ]);
    expect([...f.values()].filter((x) => x.value === null).every((x) => x.evidence === null && x.distinct === null)).toBe(true);
    expect(f.get('Behaviour')).toEqual({ label: 'Behaviour', value: 'with us for a median of 2.3 years; 50% buy regularly (X or Y); median 70% of invoices paid on time', evidence: 'the accounts', prompt: null, distinct: null });
    // Without a shortlist: the top three, the one losing money flagged.
    expect(card!.interview).toEqual([
      { customer: 'k00', name: 'Name k00', losesMoney: false },
      { customer: 'k01', name: 'Name k01', losesMoney: false },
      { customer: 'k02', name: 'Name k02', losesMoney: false },
    ]);
  });

  it('calls the shortlisted members of the group, in shortlist order', () => {
    const [card] = personaCards(ideal, all, attributes, [all[3]!, all[10]!, all[1]!]);
    expect(card!.interview).toEqual([
      { customer: 'k03', name: 'Name k03', losesMoney: true },
      { customer: 'k01', name: 'Name k01', losesMoney: false },
    ]);
  });

  it('applies the portrait\'s Bonferroni count and minimum count', () => {
    // Three tests: Employees 0.0233 × 3 = 0.07 is no trait; Industry 0.0007 × 3 still is.
    const f = fieldsOf(personaCards(ideal, all, attributes, [], { tests: 3, alpha: 0.05, minCount: 5 })[0]!);
    expect(f.get('Company size')).toMatchObject({ value: 'median 65', distinct: false, evidence: 'Employees, 6 of 6 customers; all customers: median 42.5; Mann-Whitney p = 0.0233, not beyond chance' });
    expect(f.get('Industry')).toMatchObject({ value: 'Retail', distinct: true });
    // 100 tests: Industry 0.072 is no trait; held by 6 ≥ 5, so "not beyond chance".
    const g = fieldsOf(personaCards(ideal, all, attributes, [], { tests: 100, alpha: 0.05, minCount: 5 })[0]!);
    expect(g.get('Industry')).toMatchObject({ value: 'Retail', distinct: false, evidence: 'Industry: the most common, 100% of them, against 40% of all customers (2.5×); not beyond chance' });
    // A minimum of 4: CEO (held by 4) is a trait.
    const h = fieldsOf(personaCards(ideal, all, attributes, [], { tests: 1, alpha: 0.05, minCount: 4 })[0]!);
    expect(h.get('Role')).toMatchObject({ value: 'CEO', distinct: true, evidence: 'Job title: 67% of them, against 25% of all customers (2.7×); p = 0.0139' });
    // A minimum of 7: too few to test the employees.
    const k = fieldsOf(personaCards(ideal, all, attributes, [], { tests: 1, alpha: 0.05, minCount: 7 })[0]!);
    expect(k.get('Company size')).toMatchObject({ value: 'median 65', distinct: false, evidence: 'Employees, 6 of 6 customers; all customers: median 42.5; too few to test (fewer than 7)' });
    // Tests counted as at least one.
    const z = fieldsOf(personaCards(ideal, all, attributes, [], { tests: 0, alpha: 0.0008, minCount: 5 })[0]!);
    expect(z.get('Industry')).toMatchObject({ distinct: true });
  });

  it('edges: p equal to alpha, a test at exactly the minimum count, a common value held by exactly the minimum', () => {
    // p × tests must be below alpha: equal is not beyond chance.
    const pIndustry = fisherExact(6, 0, 2, 12);
    expect(fieldsOf(personaCards(ideal, all, attributes, [], { tests: 1, alpha: pIndustry, minCount: 5 })[0]!).get('Industry')).toMatchObject({ distinct: false });
    // Six numbers and a minimum of 6: tested.
    expect(fieldsOf(personaCards(ideal, all, attributes, [], { tests: 1, alpha: 0.05, minCount: 6 })[0]!).get('Company size')!.evidence).toContain('Mann-Whitney p = 0.0233');
    // CEO: 4 of the group, a minimum of 4, not beyond chance at 100 tests: "not beyond chance", not "fewer than".
    expect(fieldsOf(personaCards(ideal, all, attributes, [], { tests: 100, alpha: 0.05, minCount: 4 })[0]!).get('Role')!.evidence).toBe(
      'Job title: the most common, 67% of them, against 25% of all customers (2.7×); not beyond chance',
    );
  });

  it('compares with the other customers\' numbers only, and counts the members with a value', () => {
    // k06 has "n/a" for 5: mannwhitneyu(ideal, the other 13 numbers) p = 0.031651; the median of the 19 numbers is 45.
    const na = attr('Employees', ['40', '55', '60', '70', '80', '120', 'n/a', '10', '15', '20', '25', '30', '35', '45', '50', '65', '75', '90', '8', '12']);
    expect(fieldsOf(personaCards(ideal, all, [na], [])[0]!).get('Company size')!.evidence).toBe('Employees, 6 of 6 customers; all customers: median 45; Mann-Whitney p = 0.0317');
    // k01 has no value: 1 of 2.
    const gap = attr('Employees', ['40', undefined, '60', '70', '80', '120', '5', '10', '15', '20', '25', '30', '35', '45', '50', '65', '75', '90', '8', '12']);
    expect(fieldsOf(personaCards(all.slice(0, 2), all, [gap], [])[0]!).get('Company size')).toMatchObject({ value: '40' });
    expect(fieldsOf(personaCards(all.slice(0, 2), all, [gap], [])[0]!).get('Company size')!.evidence).toMatch(/^Employees, 1 of 2 customers;/);
    // Shares among customers with a value: 1 of 1 in the group, 1 of 19 among all (19×).
    const half = attr('Region', ['North', undefined, ...rep('South', 18)]);
    expect(fieldsOf(personaCards(all.slice(0, 2), all, [half], [])[0]!).get('Location')!.evidence).toBe('Region: the most common, 100% of them, against 5% of all customers (19.0×); held by fewer than 5, too few to tell');
  });

  it('the most common value of equal counts is the first by name, in any order', () => {
    const r2 = attr('Region', [...rep('North', 3), ...rep('South', 3), ...rep('North', 7), ...rep('South', 7)]);
    expect(fieldsOf(personaCards(ideal, all, [r2], [])[0]!).get('Location')).toMatchObject({ value: 'North' });
  });

  it('rounds money to whole units', () => {
    const two = [customerRow('a', { revenue: 1000, avgCheck: null }), customerRow('b', { revenue: 1000.5, avgCheck: null })];
    expect(fieldsOf(personaCards(two, two, [], [])[0]!).get('Financials')!.value).toBe('median revenue with us 1,000');
  });

  it('asks every question when no attribute fills a field', () => {
    const f = fieldsOf(personaCards(ideal, all, [], [])[0]!);
    expect(['Company size', 'Industry', 'Role', 'Location'].map((l) => f.get(l)!.prompt)).toEqual([
      'How many people work there? How many report to our contact?',
      'Which industry, and what do they make or sell?',
      "What is our contact's role, and who else decides?",
      'Where are they based?',
    ]);
  });

  it('a group of one takes that customer\'s value, and says it is too few to generalise from', () => {
    const [card] = personaCards([all[0]!], all, attributes, []);
    expect(card!.note).toBe('only 1 ideal customer: too few to generalise from; read it as a description of them');
    const f = fieldsOf(card!);
    expect(f.get('Company size')).toMatchObject({ value: '40', evidence: 'Employees, 1 of 1 customer; all customers: median 42.5; too few to test (fewer than 5)' });
    expect(f.get('Financials')).toMatchObject({ value: 'median revenue with us 1,500, median average check 10, median margin rate 25%', evidence: '1 ideal customer in the accounts' });
    expect(f.get('Behaviour')!.value).toBe('with us for a median of 1.0 years; 100% buy regularly (X or Y); median 50% of invoices paid on time');
    const two = personaCards(all.slice(4, 6), all, attributes, [])[0]!;
    expect(two.note).toBe('only 2 ideal customers: too few to generalise from; read it as a description of them');
    // No average check, margin rate or punctuality: those parts are left out.
    expect(fieldsOf(two).get('Financials')!.value).toBe('median revenue with us 850, median average check 55');
    expect(fieldsOf(two).get('Behaviour')!.value).toBe('with us for a median of 4.1 years; 50% buy regularly (X or Y)');
    const plain = personaCards([customerRow('p', { avgCheck: null, revenue: 7 })], [customerRow('p', { avgCheck: null, revenue: 7 })], [], [])[0]!;
    expect(fieldsOf(plain).get('Financials')!.value).toBe('median revenue with us 7');
    const five = personaCards(all.slice(0, 5), all, attributes, [])[0]!;
    expect(five.note).toBeNull();
  });

  it('has no card without ideal customers', () => {
    expect(personaCards([], all, attributes, [])).toEqual([]);
  });
});

describe('personaCards: the attribute that fills a field', () => {
  // Forty customers, twelve ideal. Sector: ideal A ×5, B ×7; the others B ×3, C ×25.
  // A: 42% against 13% (3.3×), p 0.0012; B: 58% against 25% (2.3×), p 0.0033: both traits, A by lift.
  const many = Array.from({ length: 40 }, (_, i) => customerRow(`c${String(i).padStart(2, '0')}`, { pareto: i < 12 ? 'ideal' : null }));
  const mk = many.map((c) => c.key);
  const sector = attr('Sector', [...rep('A', 5), ...rep('B', 7), ...rep('B', 3), ...rep('C', 25)], mk);
  // Trade: ideal X ×6, Y ×6; the others X ×14, Y ×14: nothing distinct.
  const trade = attr('Trade', [...rep('Y', 6), ...rep('X', 6), ...rep('X', 14), ...rep('Y', 14)], mk);

  it('takes the strongest trait by lift, not by count', () => {
    const f = fieldsOf(personaCards(many.slice(0, 12), many, [sector], [])[0]!);
    expect(f.get('Industry')).toMatchObject({ value: 'A', distinct: true, evidence: 'Sector: 42% of them, against 13% of all customers (3.3×); p = 0.0012' });
  });

  it('takes the first attribute with a trait; if none has one, the first that describes the group', () => {
    const f = fieldsOf(personaCards(many.slice(0, 12), many, [trade, sector], [])[0]!);
    expect(f.get('Industry')).toMatchObject({ value: 'A', distinct: true });
    const g = fieldsOf(personaCards(many.slice(0, 12), many, [trade, attr('Industry', rep('Z', 40), mk)], [])[0]!);
    expect(g.get('Industry')).toMatchObject({ value: 'X', distinct: false, evidence: 'Trade: the most common, 50% of them, against 50% of all customers (1.0×); not beyond chance' });
  });

  it('the stronger lift wins whatever the names', () => {
    // B ×5 ideal (3.3×), A ×7 ideal and ×3 others (2.3×): B.
    const swapped = attr('Sector', [...rep('B', 5), ...rep('A', 7), ...rep('A', 3), ...rep('C', 25)], mk);
    expect(fieldsOf(personaCards(many.slice(0, 12), many, [swapped], [])[0]!).get('Industry')).toMatchObject({ value: 'B', distinct: true });
  });

  it('a value under-represented beyond chance is never a trait', () => {
    // Twenty in the group: C ×5 and D1–D5 ×3 each; the twenty others all C. C: 25% against 62.5% (0.4×),
    // fisher_exact([[5,15],[20,0]]) p = 7.7e-7, held by 5: still only the most common value.
    const g = Array.from({ length: 40 }, (_, i) => customerRow(`g${String(i).padStart(2, '0')}`, { pareto: i < 20 ? 'ideal' : null }));
    const vals = [...rep('C', 5), ...Array.from({ length: 15 }, (_, i) => `D${Math.floor(i / 3) + 1}`), ...rep('C', 20)];
    const f = fieldsOf(personaCards(g.slice(0, 20), g, [attr('Sector', vals, g.map((c) => c.key))], [])[0]!);
    expect(f.get('Industry')).toMatchObject({ value: 'C', distinct: false, evidence: 'Sector: the most common, 25% of them, against 63% of all customers (0.4×); not beyond chance' });
  });

  it('a p below 0.0001 is said as such', () => {
    // Ideal all A, the others all B: p = 1 / C(40, 12).
    const sep = attr('Sector', [...rep('A', 12), ...rep('B', 28)], mk);
    expect(fieldsOf(personaCards(many.slice(0, 12), many, [sep], [])[0]!).get('Industry')!.evidence).toBe('Sector: 100% of them, against 30% of all customers (3.3×); p < 0.0001');
  });

  it('ties in lift and count go by name', () => {
    // Ideal: B ×6, A ×6; the others C ×28: both 50% against 15% (3.3×).
    const tie = attr('Sector', [...rep('B', 6), ...rep('A', 6), ...rep('C', 28)], mk);
    expect(fieldsOf(personaCards(many.slice(0, 12), many, [tie], [])[0]!).get('Industry')).toMatchObject({ value: 'A', distinct: true });
  });

  it('a numeric attribute nobody in the group has a number for describes nothing', () => {
    const nums = attr('Headcount', ['n/a', ...Array.from({ length: 39 }, (_, i) => String(i + 1))], mk);
    const f = fieldsOf(personaCards([many[0]!], many, [nums], [])[0]!);
    expect(f.get('Company size')).toMatchObject({ value: null, prompt: 'How many people work there? How many report to our contact?' });
  });

  it('a numeric attribute of every customer is not tested against an empty rest', () => {
    const nums = attr('Headcount', Array.from({ length: 40 }, (_, i) => String(i + 1)), mk);
    const f = fieldsOf(personaCards(many, many, [nums], [])[0]!);
    expect(f.get('Company size')).toMatchObject({ value: 'median 20.5', distinct: false });
    expect(f.get('Company size')!.evidence).not.toContain('Mann-Whitney');
  });
});

describe('personaCards by market', () => {
  const cs = ['m1', 'm2', 'm3', 'm4', 'o1', 'o2'].map((k) => customerRow(k));
  const market = attr('Market', ['B2B', 'B2B', 'B2C', undefined, ' b2c', 'Other'], cs.map((c) => c.key));

  it('finds the market column when 80% of its values are B2B, B2C or B2G', () => {
    expect(marketAttribute([industry, market])).toBe(market);
    const fewer = attr('Kind', ['B2B', 'B2B', 'B2C', 'Other', 'b2g', 'Other'], cs.map((c) => c.key));
    expect(marketAttribute([fewer])).toBeUndefined();
    expect(marketAttribute([attr('Empty', [])])).toBeUndefined();
  });

  it('gives a card per market of the ideal customers, by name, and one for those without a market', () => {
    const cards = personaCards(cs.slice(0, 4), cs, [market], []);
    expect(cards.map((c) => [c.title, c.market, c.customers, c.interview.map((i) => i.customer)])).toEqual([
      ['The ideal B2B customer', 'B2B', 2, ['m1', 'm2']],
      ['The ideal B2C customer', 'B2C', 1, ['m3']],
      ['The ideal customer, market unknown', null, 1, ['m4']],
    ]);
    expect(fieldsOf(cards[0]!).get('Type')).toEqual({ label: 'Type', value: 'B2B', evidence: 'market column', prompt: null, distinct: null });
    // Cards by market name, whatever the ranking order.
    expect(personaCards([cs[2]!, cs[0]!, cs[1]!], cs, [market], []).map((c) => c.market)).toEqual(['B2B', 'B2C']);
    // Everyone with a market: no "unknown" card.
    expect(personaCards(cs.slice(0, 3), cs, [market], []).map((c) => c.title)).toEqual(['The ideal B2B customer', 'The ideal B2C customer']);
  });
});
});

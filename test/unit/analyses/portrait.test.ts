/**
 * Cases that kill the mutants of src/analyses/portrait.ts that the other tests let live (issue 19,
 * TESTING.md): the sentences of findings (more, less, none), their order, numbers as exports write
 * them, when an attribute is numeric, an identifier or has too many values, and the thresholds.
 */
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../../../src/analyses/analysis.js';
import { attributeNumber, OTHER, portrait, type Attribute } from '../../../src/analyses/portrait.js';
import { customerRow } from '../../helpers/analysis-fixtures.js';
import { runInProcess } from '../../helpers/in-process.js';

// 40 customers, the first 10 ideal, the first 2 of them elite.
const key = (i: number) => `k${String(i).padStart(2, '0')}`;
const customers: CustomerRow[] = Array.from({ length: 40 }, (_, i) => customerRow(key(i), { pareto: i < 2 ? 'elite' : i < 10 ? 'ideal' : null }));
const attribute = (name: string, value: (i: number) => string | undefined): Attribute => ({
  name,
  source: 'test',
  values: new Map(customers.flatMap((c, i) => (value(i) === undefined ? [] : [[c.key, value(i)!] as const]))),
});
// Every ideal customer is in the North, 5 of the 30 others; 1 of the ideal is big, 24 of the others.
const region = attribute('region', (i) => (i < 15 ? 'North' : 'South'));
const size = attribute('size', (i) => (i < 10 ? (i < 1 ? 'big' : 'small') : i < 34 ? 'big' : 'small'));
const employees = attribute('employees', (i) => String(i < 10 ? 100 + i : i - 9));

describe('the findings of a portrait', () => {
  // Computed inside each test, not when the file is collected: Stryker counts a mutant as
  // covered only by the tests that run its code.
  const found = () => portrait(customers, [size, region, employees]);
  it('say what the ideal customers have more of, less of, and none of, in words', () => {
    const p = found();
    expect(p.findings.map((f) => f.sentence)).toEqual([
      'The median employees of ideal customers is 104.5, against 20.5 for all customers: 5.1×.',
      "100% of ideal customers have region 'North', against 38% of all customers: 2.7×.",
      "90% of ideal customers have size 'small', against 38% of all customers: 2.4×.",
      "No ideal customer has region 'South', against 63% of all customers.",
      "Only 10% of ideal customers have size 'big', against 63% of all customers: 0.2×.",
    ]);
  });
  it('carry the attribute, the value, the lift and the p-value (scipy), five tests counted', () => {
    const p = found();
    expect(p.tests).toBe(5);
    expect(p.findings.map((f) => [f.attribute, f.value])).toEqual([['employees', null], ['region', 'North'], ['size', 'small'], ['region', 'South'], ['size', 'big']]);
    const [numeric, north, , south, big] = p.findings;
    expect(numeric!.lift).toBeCloseTo(104.5 / 20.5, 12);
    expect(north!.lift).toBeCloseTo(1 / (15 / 40), 12);
    expect(south!.lift).toBe(0);
    expect(big!.lift).toBeCloseTo(0.1 / (25 / 40), 12);
    // scipy.stats.fisher_exact([[10, 0], [5, 25]]) and ([[1, 9], [24, 6]]); mannwhitneyu(asymptotic).
    expect(north!.p).toBeCloseTo(3.5426917979599494e-6, 15);
    expect(big!.p).toBeCloseTo(0.00015115485004629117, 14);
    expect(numeric!.p).toBeCloseTo(3.01793408604098e-6, 8);
    expect(p).toMatchObject({ minCount: 5, alpha: 0.05, skipped: [] });
  });
  it('order the attributes as given and the levels by how many customers have them', () => {
    const p = found();
    expect(p.attributes.map((a) => [a.name, a.kind, a.source])).toEqual([['size', 'categorical', 'test'], ['region', 'categorical', 'test'], ['employees', 'numeric', 'test']]);
    const r = p.attributes[1]!;
    if (r.kind !== 'categorical') throw new Error('categorical');
    expect(r.known).toEqual({ all: 40, ideal: 10, elite: 2 });
    expect(r.levels.map((l) => [l.value, l.all, l.ideal, l.elite, l.significant])).toEqual([
      ['South', { customers: 25, share: 0.625 }, { customers: 0, share: 0 }, { customers: 0, share: 0 }, true],
      ['North', { customers: 15, share: 0.375 }, { customers: 10, share: 1 }, { customers: 2, share: 1 }, true],
    ]);
    const e = p.attributes[2]!;
    if (e.kind !== 'numeric') throw new Error('numeric');
    expect(e).toMatchObject({ known: { all: 40, ideal: 10, elite: 2 }, median: { all: 20.5, ideal: 104.5, elite: 100.5 }, significant: true });
    expect(e.ratio).toBeCloseTo(104.5 / 20.5, 12);
  });
  it('put levels with as many customers in the order of their values', () => {
    const even = portrait(customers, [attribute('tier', (i) => (i % 2 === 0 ? 'b' : 'a'))]);
    const t = even.attributes[0]!;
    expect(t.kind === 'categorical' && t.levels.map((l) => l.value)).toEqual(['a', 'b']);
  });
  it('order findings with the same lift by p', () => {
    // zone 'in': all 10 ideal of 20 (lift 2, p 0.00044); area 'x': 5 of the 10 ideal, 10 of 40 (lift 2, p 0.085).
    const zone = attribute('zone', (i) => (i < 20 ? 'in' : 'out'));
    const area = attribute('area', (i) => (i < 5 || (i >= 10 && i < 15) ? 'x' : 'y'));
    const q = portrait(customers, [area, zone], { alpha: 1 });
    expect(q.findings.map((f) => `${f.attribute} ${f.value}`)).toEqual(['zone in', 'area x', 'zone out', 'area y']);
    expect(q.findings[1]!.p).toBeCloseTo(0.0851976122686699, 12);
  });
  it('order equally strong findings by p, then by attribute', () => {
    const twin = attribute('area', (i) => (i < 15 ? 'North' : 'South'));
    // Given in the reverse order of their names: the tie-break has to reorder them.
    const q = portrait(customers, [region, twin]);
    expect(q.findings.map((f) => `${f.attribute} ${f.value}`)).toEqual(['area North', 'region North', 'area South', 'region South']);
  });
});

describe('what counts as beyond chance', () => {
  it('needs the corrected p below alpha, strictly', () => {
    // North's and South's p is 3.54e-6; with two tests 7.09e-6.
    const p = Math.min(...portrait(customers, [region]).findings.map((f) => f.p));
    expect(portrait(customers, [region], { alpha: 2 * p }).findings).toEqual([]);
    expect(portrait(customers, [region], { alpha: 2 * p * (1 + 1e-9) }).findings).toHaveLength(2);
  });
  it('needs at least minCount ideal customers with the value, seen or expected', () => {
    // South: none of the 10 ideal seen, 6.25 expected from its 62.5% share.
    const six = portrait(customers, [region], { minCount: 6 });
    expect(six.tests).toBe(2);
    const seven = portrait(customers, [region], { minCount: 7 });
    expect(seven.tests).toBe(1);
    expect(seven.findings.map((f) => f.value)).toEqual(['North']);
    expect(portrait(customers, [region], { minCount: 10 }).tests).toBe(1);
    expect(portrait(customers, [region], { minCount: 11 }).tests).toBe(0);
  });
  it('tests a number only with minCount ideal customers who have it', () => {
    const some = attribute('employees', (i) => (i < 3 || i >= 10 ? String(i < 10 ? 100 + i : i - 9) : undefined));
    const q = portrait(customers, [some], { minCount: 3 });
    expect(q.tests).toBe(1);
    expect(q.attributes[0]).toMatchObject({ kind: 'numeric', known: { all: 33, ideal: 3, elite: 2 }, median: { ideal: 101, elite: 100.5 } });
    const r = portrait(customers, [some], { minCount: 4 });
    expect(r.tests).toBe(0);
    expect(r.attributes[0]).toMatchObject({ p: 1, significant: false });
  });
  it('calls nothing beyond chance when no test could be made', () => {
    // Ten ideal customers have a value, but only six a number: fewer than minCount 8, so no test.
    const few = attribute('staff', (i) => (i >= 6 && i < 10 ? 'n/a' : String(i < 10 ? 100 + i : i)));
    const q = portrait(customers, [few], { minCount: 8 });
    expect(q.tests).toBe(0);
    expect(q.attributes[0]).toMatchObject({ kind: 'numeric', known: { ideal: 10 }, p: 1, significant: false });
    expect(q.findings).toEqual([]);
  });
  it('has no shares among ideal or elite customers who have no value', () => {
    const q = portrait(customers, [attribute('channel', (i) => (i < 10 ? undefined : i < 25 ? 'web' : 'shop'))]);
    const c = q.attributes[0]!;
    if (c.kind !== 'categorical') throw new Error('categorical');
    expect(c.known).toEqual({ all: 30, ideal: 0, elite: 0 });
    expect(c.levels.map((l) => [l.value, l.ideal.share, l.elite.share, l.lift])).toEqual([['shop', 0, 0, null], ['web', 0, 0, null]]);
    expect(q.tests).toBe(0);
  });
  it('has no ratio, and no finding, when the median of all is 0', () => {
    const zeros = attribute('debt', (i) => String(i < 10 ? i + 1 : i < 35 ? 0 : i));
    const q = portrait(customers, [zeros]);
    expect(q.attributes[0]).toMatchObject({ kind: 'numeric', median: { all: 0 }, ratio: null, significant: false });
    expect(q.findings).toEqual([]);
  });
});

describe('the kind of an attribute', () => {
  const n = (i: number) => String(i + 1);
  it('is numeric when 90% of the values are numbers and more than 12 differ', () => {
    const mostly = portrait(customers, [attribute('x', (i) => (i < 36 ? n(i) : 'n/a'))]).attributes[0]!;
    expect(mostly.kind).toBe('numeric');
    // Medians and Mann-Whitney of the numbers only: 1..36 (18.5), ideal 1..10 against 11..36 (scipy).
    expect(mostly).toMatchObject({ known: { all: 40 }, median: { all: 18.5, ideal: 5.5 } });
    expect(mostly.kind === 'numeric' && mostly.p).toBeCloseTo(4.790610006155035e-6, 8);
    // 35 of 40 numbers: not numeric, and 36 different values make it an identifier.
    expect(portrait(customers, [attribute('x', (i) => (i < 35 ? n(i) : `t${i}`))]).skipped).toEqual([{ name: 'x', why: '40 different values: a name or an identifier, not a trait' }]);
    expect(portrait(customers, [attribute('x', (i) => String(i % 13))]).attributes[0]?.kind).toBe('numeric');
    expect(portrait(customers, [attribute('x', (i) => String(i % 12))]).attributes[0]?.kind).toBe('categorical');
  });
  it('is an identifier with more different values than half the customers who have one, past ten', () => {
    expect(portrait(customers, [attribute('id', (i) => (i < 11 ? `x${i}` : undefined))]).skipped).toHaveLength(1);
    expect(portrait(customers, [attribute('id', (i) => (i < 10 ? `x${i}` : undefined))]).skipped).toEqual([]);
    expect(portrait(customers, [attribute('id', (i) => `x${i % 20}`)]).skipped).toEqual([]);
    expect(portrait(customers, [attribute('id', (i) => `x${i % 21}`)]).skipped).toHaveLength(1);
  });
  it('is skipped when nobody has a value', () => {
    expect(portrait(customers, [attribute('none', () => undefined)])).toMatchObject({ attributes: [], skipped: [{ name: 'none', why: 'no customer has a value' }], tests: 0 });
  });
  it('gathers the rarest values past 30 in one level', () => {
    const many: CustomerRow[] = Array.from({ length: 70 }, (_, i) => customerRow(`m${String(i).padStart(2, '0')}`, { pareto: i < 5 ? 'ideal' : null }));
    // The common value sorts last by name; the rare ones come out of name order (v02, v04, …, v01,
    // v03, …), so that only the tie-break by name decides which of them stand alone.
    const attr = (distinct: number): Attribute => {
      const names = Array.from({ length: distinct - 1 }, (_, j) => `v${String(j + 1).padStart(2, '0')}`);
      const order = [...names.filter((_, j) => j % 2 === 1), ...names.filter((_, j) => j % 2 === 0)];
      const first = 70 - order.length;
      return { name: 'city', source: 'test', values: new Map(many.map((c, i) => [c.key, i < first ? 'zz' : order[i - first]!])) };
    };
    const of = (distinct: number) => {
      const s = portrait(many, [attr(distinct)]).attributes[0]!;
      return s.kind === 'categorical' ? s.levels.map((l) => `${l.value}:${l.all.customers}`) : [];
    };
    const thirtyOne = of(31);
    expect(thirtyOne).toHaveLength(30);
    expect(thirtyOne[0]).toBe('zz:40');
    expect(thirtyOne[1]).toBe(`${OTHER}:2`);
    // The 28 rarest that stand alone are the first by name, whatever order they came in.
    expect(thirtyOne.slice(2)).toEqual(Array.from({ length: 28 }, (_, j) => `v${String(j + 1).padStart(2, '0')}:1`));
    expect(thirtyOne).not.toContain('v29:1');
    const thirty = of(30);
    expect(thirty).toHaveLength(30);
    expect(thirty).not.toContain(`${OTHER}:2`);
    expect(thirty[29]).toBe('v29:1');
  });
});

describe('numbers as exports write them', () => {
  it.each([
    ['45', 45], [' 7 ', 7], ['3.14', 3.14], ['2,75', 2.75], ['1 200', 1200], ['1\u00a0200', 1200], ['12,5', 12.5], ['12.5', 12.5], ['-3', -3], ['0', 0],
  ])('%j is %d', (text, value) => {
    expect(attributeNumber(text)).toBe(value);
  });
  it.each(['', 'abc', '1.2.3', '12.', '.5', 'x12', '12x', '+3', '1,2,3', '--1'])('%j is not a number', (text) => {
    expect(attributeNumber(text)).toBeUndefined();
  });
});

describe('the wording of shares and lifts', () => {
  // 100 customers, 20 ideal; shares of all and of the ideal chosen to hit each rounding rule.
  const many: CustomerRow[] = Array.from({ length: 100 }, (_, i) => customerRow(`n${String(i).padStart(2, '0')}`, { pareto: i < 20 ? 'ideal' : null }));
  const sentences = (value: (i: number) => string, minCount = 5): string[] =>
    portrait(many, [{ name: 'kind', source: 'test', values: new Map(many.map((c, i) => [c.key, value(i)])) }], { minCount, alpha: 1 }).findings.map((f) => f.sentence);
  it('gives small shares to a tenth of a percent and large lifts without decimals', () => {
    // 'rare': 1 of 20 ideal (5%), 1 of 100 (1%): lift 5. 'top': 19 of 20 ideal, 19 of 100: lift 5.
    // 'w': the 80 others, 0 ideal.
    const s = sentences((i) => (i === 0 ? 'rare' : i < 20 ? 'top' : 'w'), 1);
    expect(s).toContain("5.0% of ideal customers have kind 'rare', against 1.0% of all customers: 5.0×.");
    expect(s).toContain("95% of ideal customers have kind 'top', against 19% of all customers: 5.0×.");
    expect(s).toContain("No ideal customer has kind 'w', against 80% of all customers.");
  });
  it('writes a tenfold lift as 10×, and 10% as 10%', () => {
    const s = sentences((i) => (i < 10 ? 'ten' : 'w'));
    // 10 of 20 ideal (50%) against 10 of 100 (10%): 5.0×; and 'w' 10 of 20 against 90%.
    expect(s[0]).toBe("50% of ideal customers have kind 'ten', against 10% of all customers: 5.0×.");
    const t = portrait(
      Array.from({ length: 100 }, (_, i) => customerRow(`t${String(i).padStart(2, '0')}`, { pareto: i < 10 ? 'ideal' : null })),
      [{ name: 'kind', source: 'test', values: new Map(Array.from({ length: 100 }, (_, i) => [`t${String(i).padStart(2, '0')}`, i < 10 ? 'only' : 'w'])) }],
      { alpha: 1 },
    ).findings.map((f) => f.sentence);
    expect(t[0]).toBe("100% of ideal customers have kind 'only', against 10% of all customers: 10×.");
  });
  it('writes numbers with thousands separators and at most two decimals', () => {
    const big = attribute('revenue', (i) => String(i < 10 ? 12_000 + i * 100 : i * 10 + 0.125));
    const s = portrait(customers, [big]).findings[0]!.sentence;
    // Medians 12,450 and 295.125 (shown to two decimals); 42.2 is written without decimals.
    expect(s).toBe('The median revenue of ideal customers is 12,450, against 295.13 for all customers: 42×.');
  });
});

describe('the portrait corrects for the number of tests (Bonferroni)', () => {
  const row = (key: string, pareto: CustomerRow['pareto']): CustomerRow => customerRow(key, { pareto });
  // 40 customers, 8 ideal. 'North': 6 of the 8 ideal, 9 of the 32 others: Fisher p = 0.0358.
  // Two levels are tested, so the corrected p is 0.0715: not beyond chance at 5%.
  const customers = Array.from({ length: 40 }, (_, i) => row(`k${String(i).padStart(2, '0')}`, i < 8 ? 'ideal' : null));
  const region = new Map(customers.map((c, i) => [c.key, (i < 8 ? i < 6 : i < 17) ? 'North' : 'South']));
  it('does not call an uncorrected p of 3.6% a finding when two values were tested', () => {
    const p = portrait(customers, [{ name: 'region', source: 'test', values: region }]);
    expect(p.tests).toBe(2);
    const north = p.attributes[0]!.kind === 'categorical' ? p.attributes[0]!.levels.find((l) => l.value === 'North')! : undefined;
    expect(north?.p).toBeCloseTo(0.03576355588739489, 12);
    expect(north?.significant).toBe(false);
    expect(p.findings).toEqual([]);
  });
  it('calls it a finding at a level that the correction allows', () => {
    const p = portrait(customers, [{ name: 'region', source: 'test', values: region }], { alpha: 0.1 });
    expect(p.findings.map((f) => f.value)).toContain('North');
  });
});

describe('twenty customers, five ideal', () => {
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
});

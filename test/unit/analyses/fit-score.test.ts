/** Fit scores by hand, the profile read from a saved report, and planted traits found in generated prospects. */
/**
 * src/analyses/fit-score.ts in-process: which traits count, the range of the sum, and scores
 * worked out by hand (ln values in the comments).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreProspects, scoreRange, type ProfileAttribute, type ProspectInput, scoringAttributes, type ProfileLevel } from '../../../src/analyses/fit-score.js';
import { attributeKey } from '../../../src/sources/files/deal-fields.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { runInProcess } from '../../helpers/in-process.js';
import { writeCrmFiles, type CrmFiles } from '../../helpers/crm.js';
import fc from 'fast-check';
import { OTHER } from '../../../src/analyses/portrait.js';

const industry: ProfileAttribute = {
  kind: 'categorical',
  name: 'industry',
  idealKnown: 10,
  levels: [
    { value: 'Construction', lift: 2, significant: true, idealCustomers: 6, allShare: 0.3 },
    { value: 'Retail', lift: 0.5, significant: true, idealCustomers: 1, allShare: 0.2 },
    { value: 'Consulting', lift: 1.5, significant: false, idealCustomers: 3, allShare: 0.2 },
  ],
};
const employees: ProfileAttribute = { kind: 'numeric', name: 'employees', medianAll: 20, medianIdeal: 80, ratio: 4, significant: true };

function prospect(line: number, values: Record<string, string | null>): ProspectInput {
  return { line, id: null, key: `p${line}`, name: null, values: new Map(Object.entries(values)), existing: null };
}

describe('fit score', () => {
  it('scales the sum of log-lifts from 0 to 100 around a neutral 50', () => {
    expect(scoreRange([industry, employees])).toEqual({ max: Math.log(2) + Math.log(4), min: Math.log(0.5) - Math.log(4) });
    const [best, mid, neutral, worst] = [
      prospect(2, { industry: 'Construction', employees: '80' }),
      prospect(3, { industry: 'Construction', employees: '20' }),
      prospect(4, { industry: 'Consulting', employees: null }),
      prospect(5, { industry: 'retail', employees: '1' }),
    ];
    const s = scoreProspects([neutral, worst, mid, best], [industry, employees]);
    expect(s.map((x) => [x.line, x.score])).toEqual([
      [2, 100],
      // ln 2 of ln 2 + ln 4: 50 + 50 / 3.
      [3, Math.round(50 + (50 * Math.log(2)) / Math.log(8))],
      [4, 50],
      // Retail (ln 0.5) and employees at t = -19/60 of the way: below neutral.
      [5, Math.round(50 - (50 * (Math.log(0.5) - (19 / 60) * Math.log(4))) / (Math.log(0.5) - Math.log(4)))],
    ]);
    expect(s[2]!.reasons).toEqual([]);
    expect(s[2]!.unknown).toEqual(['employees']);
    expect(s[3]!.reasons[0]!.text).toBe("industry 'retail': 0.5× as common among ideal customers as among all");
  });
  it('gives everyone 50 when the portrait found nothing beyond chance', () => {
    const none: ProfileAttribute = { ...industry, levels: industry.levels.map((l) => ({ ...l, significant: false })) } as ProfileAttribute;
    expect(scoreProspects([prospect(2, { industry: 'Construction' })], [none])[0]!.score).toBe(50);
    expect(scoreProspects([], [industry])).toEqual([]);
  });
  it('weighs a value no ideal customer has as half an ideal customer', () => {
    const zero: ProfileAttribute = { kind: 'categorical', name: 'x', idealKnown: 10, levels: [{ value: 'a', lift: 0, significant: true, idealCustomers: 0, allShare: 0.5 }] };
    const s = scoreProspects([prospect(2, { x: 'a' })], [zero]);
    expect(s[0]!.raw).toBeCloseTo(Math.log(0.5 / 10 / 0.5), 12);
    expect(s[0]!.score).toBe(0);
  });
  it('matches columns to attributes by name without the owner word', () => {
    expect(attributeKey('Organization - Industry')).toBe('industry');
    expect(attributeKey('contact_role')).toBe(attributeKey('Person - Role'));
    expect(attributeKey('Company')).toBe('company');
  });
});

describe('segment score on generated prospects', () => {
  let files: CrmFiles;
  beforeAll(async () => {
    files = await writeCrmFiles();
    const r = await runInProcess(['report', files.invoices, '--customers', files.accounts, '--format', 'json', '--output', join(files.dir, 'report.json'), '-q']);
    expect(r.code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(files.dir, { recursive: true, force: true }));
  it('ranks prospects with the ideal traits first and marks existing customers', async () => {
    const r = await runInProcess(['score', files.prospects, '--profile', join(files.dir, 'report.json'), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(SCHEMAS.score.safeParse(json).success).toBe(true);
    const report = JSON.parse((await import('node:fs')).readFileSync(join(files.dir, 'report.json'), 'utf8'));
    type P = { score: number; rank: number; company: string; existing: { group: string } | null; reasons: { attribute: string; value: string; weight: number }[] };
    const prospects: P[] = json.prospects;
    // The generator makes large firms and construction worth more: the portrait finds them.
    expect(json.traits).toContain('size_band');
    const top = prospects.slice(0, 10);
    expect(top.every((p) => p.reasons.some((x) => x.weight > 0))).toBe(true);
    expect(prospects.map((p) => p.rank)).toEqual(prospects.map((_, i) => i + 1));
    const groupOf = new Map<string, string>(report.customers.map((c: { customer: string; group: string | null }) => [c.customer, c.group ?? 'other']));
    const marked = prospects.filter((p) => p.existing !== null);
    expect(marked.length).toBeGreaterThan(0);
    for (const p of marked) expect(p.existing!.group).toBe(groupOf.get(p.company));
    expect(prospects.filter((p) => p.existing === null).every((p) => !groupOf.has(p.company))).toBe(true);
  });
  it("keeps the prospects' own ID column (Lead ID) in every format, so the scores join back to the CRM", async () => {
    const leads = join(files.dir, 'leads.csv');
    const [head, ...rows] = readFileSync(files.prospects, 'utf8').trimEnd().split('\n');
    writeFileSync(leads, `${[`Lead ID,${head}`, ...rows.map((r, i) => `L-${String(i + 1).padStart(4, '0')},${r}`)].join('\n')}\n`);
    const profile = join(files.dir, 'report.json');
    const idOfLine = (line: number): string => `L-${String(line - 1).padStart(4, '0')}`;
    const json = JSON.parse((await runInProcess(['score', leads, '--profile', profile, '--json'])).stdout);
    expect(SCHEMAS.score.safeParse(json).success).toBe(true);
    expect(json.id_column).toBe('Lead ID');
    expect(json.prospects).toHaveLength(rows.length);
    for (const p of json.prospects) expect(p.id).toBe(idOfLine(p.line));
    const csv = (await runInProcess(['score', leads, '--profile', profile, '--format', 'csv'])).stdout.trimEnd().split('\n');
    expect(csv[0]).toBe('rank,line,Lead ID,company,name,score,existing_group,abc_class,reasons,unknown');
    for (const l of csv.slice(1)) {
      const [, line, id] = l.split(',');
      expect(id).toBe(idOfLine(Number(line)));
    }
    const md = (await runInProcess(['score', leads, '--profile', profile, '--format', 'md', '--top', '3'])).stdout;
    expect(md).toMatch(/\n\| # \| Lead ID \| company \| score \|/);
    expect(md).toContain(`| 1 | ${json.prospects[0].id} | `);
    // Without an ID column the CSV is as before.
    expect((await runInProcess(['score', files.prospects, '--profile', profile, '--format', 'csv'])).stdout.split('\n')[0]).toBe('rank,line,company,name,score,existing_group,abc_class,reasons,unknown');
  });
  it('refuses a profile that is not a saved report', async () => {
    const r = await runInProcess(['score', files.prospects, '--profile', files.accounts]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^segment score: --profile .*accounts\.csv: not valid JSON .*segment report --format json\n$/);
  });
});

describe('fit score invariants', () => {
  const attrs: ProfileAttribute[] = [
    { kind: 'categorical', name: 'a', idealKnown: 20, levels: [{ value: 'x', lift: 2.5, significant: true, idealCustomers: 10, allShare: 0.2 }, { value: 'y', lift: 0, significant: true, idealCustomers: 0, allShare: 0.3 }, { value: 'z', lift: 1.2, significant: false, idealCustomers: 5, allShare: 0.2 }] },
    { kind: 'numeric', name: 'n', medianAll: 10, medianIdeal: 40, ratio: 4, significant: true },
  ];
  it('stays within 0–100, ranks by the sum, and an unknown value never moves the score', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: fc.constantFrom('x', 'y', 'z', 'w', null), n: fc.option(fc.integer({ min: 0, max: 500 }).map(String)) }), { maxLength: 30 }), (rows) => {
        const prospects = rows.map((r, i) => ({ line: i + 2, id: null, key: String(i), name: null, values: new Map(Object.entries(r)), existing: null }));
        const s = scoreProspects(prospects, attrs);
        expect(s.map((x) => x.rank)).toEqual(s.map((_, i) => i + 1));
        for (let i = 0; i < s.length; i++) {
          expect(s[i]!.score).toBeGreaterThanOrEqual(0);
          expect(s[i]!.score).toBeLessThanOrEqual(100);
          if (i > 0) expect(s[i - 1]!.raw).toBeGreaterThanOrEqual(s[i]!.raw);
          if (s[i]!.reasons.length === 0) expect(s[i]!.score).toBe(50);
        }
      }),
    );
  });
});

describe('each rule by hand', () => {
const level = (value: string, lift: number | null, significant = true, allShare = 0.25): ProfileLevel => ({ value, lift, significant, idealCustomers: 1, allShare });

const numeric = (name: string, over: Partial<{ medianAll: number | null; medianIdeal: number | null; ratio: number | null; significant: boolean }> = {}): ProfileAttribute => ({
  kind: 'numeric', name, medianAll: 10, medianIdeal: 30, ratio: 3, significant: true, ...over,
});

// industry: Retail ln 2, Bank ln 0.5, None (lift 0: as if half of 10 ideal customers had it, of a
// share of 0.25) ln(0.05 / 0.25) = ln 0.2, Other not significant, other values ln 1.5.
// size: medians 10 (all) and 30 (ideal), ratio 3: up to ± ln 3.
// Largest sum ln 2 + ln 3 = ln 6; smallest ln 0.2 − ln 3 = ln(1/15).
const industry: ProfileAttribute = {
  kind: 'categorical', name: 'industry', idealKnown: 10,
  levels: [level('Retail', 2), level('Bank', 0.5), level('None', 0), level('Other', 3, false), level(OTHER, 1.5)],
};

const size = numeric('size');

const attributes: ProfileAttribute[] = [
  industry,
  size,
  { kind: 'categorical', name: 'region', idealKnown: 10, levels: [level('North', 4, false), level('South', null, true)] },
  numeric('age', { significant: false }),
  numeric('staff', { medianIdeal: 10, ratio: 1 }),
  numeric('turnover', { ratio: null }),
  numeric('debt', { ratio: 0 }),
];

const prospect = (line: number, values: Record<string, string | null>): ProspectInput => ({ line, id: `L${line}`, key: null, name: `P${line}`, values: new Map(Object.entries(values)), existing: null });

describe('scoringAttributes and scoreRange', () => {
  it('counts a categorical attribute with a significant level that has a lift, and a numeric one beyond chance with a ratio above 0 and different medians', () => {
    expect(scoringAttributes(attributes).map((a) => a.name)).toEqual(['industry', 'size']);
  });

  it('the range is the best and worst level of each categorical attribute plus ± |ln ratio| of each numeric one', () => {
    const r = scoreRange(attributes);
    expect(r.max).toBeCloseTo(Math.log(6), 12);
    expect(r.min).toBeCloseTo(Math.log(1 / 15), 12);
    // Only raising levels: the smallest stays 0 for them; only lowering: the largest does.
    expect(scoreRange([{ kind: 'categorical', name: 'x', idealKnown: 4, levels: [level('a', 2), level('b', 4)] }])).toEqual({ max: Math.log(4), min: 0 });
    expect(scoreRange([{ kind: 'categorical', name: 'x', idealKnown: 4, levels: [level('a', 0.5), level('b', 0.25)] }])).toEqual({ max: 0, min: Math.log(0.25) });
    // A ratio below 1 counts by its size: medians 30 (all) and 10 (ideal).
    expect(scoreRange([numeric('n', { medianAll: 30, medianIdeal: 10, ratio: 1 / 3 })]).max).toBeCloseTo(Math.log(3), 12);
    expect(scoreRange([])).toEqual({ max: 0, min: 0 });
  });

  it('a value no ideal customer has weighs as if half of one had it, of at least one ideal customer and a share of at least 1e-9', () => {
    // idealKnown 0 counts as 1: ln(0.5 / 1 / 0.25) = ln 2, as the one significant level.
    expect(scoreRange([{ kind: 'categorical', name: 'x', idealKnown: 0, levels: [level('a', 0, true, 0.25)] }]).max).toBeCloseTo(Math.log(2), 12);
    expect(scoreRange([{ kind: 'categorical', name: 'x', idealKnown: 2, levels: [level('a', 0, true, 0)] }]).max).toBeCloseTo(Math.log(0.25 / 1e-9), 6);
  });
});

describe('scoreProspects', () => {
  const prospects = [
    prospect(2, { industry: 'retail ', size: '30' }), // ln 2 + ln 3 = the largest sum: 100
    prospect(3, { industry: 'None', size: '-10' }), // t = (−10 − 10) / 20 = −1: ln 0.2 − ln 3, the smallest: 0
    prospect(4, {}), // nothing known: 50
    prospect(5, { industry: 'Other', size: '20' }), // not significant; t = 0.5: 0.5 ln 3 → 50 + 50 × 0.5493 / 1.7918 = 65.33
    prospect(6, { industry: 'Mining', size: '10' }), // other values ln 1.5; t = 0 adds nothing → 50 + 50 × 0.4055 / 1.7918 = 61.31
    prospect(7, { industry: 'Bank', size: 'n/a' }), // ln 0.5, size not a number → 50 − 50 × (−0.6931) / (−2.7081) = 37.20
    prospect(8, { industry: '  ', size: '1 000', region: 'North' }), // t clamped to 1: ln 3 → 50 + 50 × 1.0986 / 1.7918 = 80.66
    prospect(1, { industry: null }), // nothing known, an earlier line than 4: before it
  ];
  const run = () => scoreProspects(prospects, attributes);

  it('scores 0–100 around 50 and ranks by the sum, then by line', () => {
    const s = run();
    expect(s.map((p) => [p.line, p.rank, p.score])).toEqual([
      [2, 1, 100],
      [8, 2, 81],
      [5, 3, 65],
      [6, 4, 61],
      [1, 5, 50],
      [4, 6, 50],
      [7, 7, 37],
      [3, 8, 0],
    ]);
    expect(s[0]!.raw).toBeCloseTo(Math.log(6), 12);
    expect(s[7]!.raw).toBeCloseTo(Math.log(1 / 15), 12);
    expect(s[2]!.raw).toBeCloseTo(0.5 * Math.log(3), 12);
    expect(s[0]).toMatchObject({ id: 'L2', name: 'P2', key: null, existing: null });
  });

  it('gives the reasons, biggest first, in words', () => {
    const s = run();
    const of = (line: number) => s.find((p) => p.line === line)!;
    expect(of(2).reasons.map((r) => [r.attribute, r.value, r.text])).toEqual([
      ['size', '30', 'size 30: the median of ideal customers is 30, of all customers 10'],
      ['industry', 'retail ', "industry 'retail ': 2.0× as common among ideal customers as among all"],
    ]);
    expect(of(2).reasons[1]!.weight).toBeCloseTo(Math.log(2), 12);
    expect(of(3).reasons.map((r) => [r.attribute, r.text])).toEqual([
      ['industry', "industry 'None': no ideal customer has it"],
      ['size', 'size -10: the median of ideal customers is 30, of all customers 10'],
    ]);
    expect(of(3).reasons[0]!.weight).toBeCloseTo(Math.log(0.2), 12);
    expect(of(3).reasons[1]!.weight).toBeCloseTo(-Math.log(3), 12);
    expect(of(6).reasons.map((r) => r.text)).toEqual(["industry 'Mining': 1.5× as common among ideal customers as among all"]);
    expect(of(5).reasons.map((r) => r.attribute)).toEqual(['size']);
    expect(of(7).reasons.map((r) => r.attribute)).toEqual(['industry']);
  });

  it('lists the counting attributes whose value is empty, blank or absent as unknown', () => {
    const s = run();
    const of = (line: number) => s.find((p) => p.line === line)!;
    expect(of(4).unknown).toEqual(['industry', 'size']);
    expect(of(1).unknown).toEqual(['industry', 'size']);
    expect(of(8).unknown).toEqual(['industry']);
    expect(of(2).unknown).toEqual([]);
  });

  it('says a lift of 10 or more without decimals; equal weights by attribute name', () => {
    const attrs: ProfileAttribute[] = [
      { kind: 'categorical', name: 'b', idealKnown: 3, levels: [level('x', 12)] },
      { kind: 'categorical', name: 'a', idealKnown: 3, levels: [level('y', 12)] },
    ];
    const [p] = scoreProspects([prospect(2, { a: 'y', b: 'x' })], attrs);
    expect(p!.reasons.map((r) => r.text)).toEqual(["a 'y': 12× as common among ideal customers as among all", "b 'x': 12× as common among ideal customers as among all"]);
    expect(p!.score).toBe(100);
    // The same in the other order of attributes; and a lift of exactly 10 is "10×".
    const ordered: ProfileAttribute[] = [
      { kind: 'categorical', name: 'a', idealKnown: 3, levels: [level('y', 10)] },
      { kind: 'categorical', name: 'b', idealKnown: 3, levels: [level('x', 10)] },
    ];
    const [q] = scoreProspects([prospect(2, { a: 'y', b: 'x' })], ordered);
    expect(q!.reasons.map((r) => r.text)).toEqual(["a 'y': 10× as common among ideal customers as among all", "b 'x': 10× as common among ideal customers as among all"]);
  });

  it('matches a value to a level without case or surrounding spaces on either side', () => {
    const attrs: ProfileAttribute[] = [{ kind: 'categorical', name: 'industry', idealKnown: 3, levels: [level(' Retail ', 2)] }];
    expect(scoreProspects([prospect(2, { industry: 'RETAIL' })], attrs)[0]!.reasons.map((r) => r.attribute)).toEqual(['industry']);
  });

  it('without a trait that counts, everyone is 50', () => {
    const s = scoreProspects([prospect(2, { region: 'North' }), prospect(3, { age: '99' })], attributes.slice(2));
    expect(s.map((p) => [p.line, p.score, p.raw, p.reasons.length, p.unknown.length])).toEqual([
      [2, 50, 0, 0, 0],
      [3, 50, 0, 0, 0],
    ]);
    // A sum on one side with no room on that side stays 50: only raising levels, a lowering value is impossible;
    // and an unknown value without an "other values" level adds nothing.
    const up: ProfileAttribute[] = [{ kind: 'categorical', name: 'x', idealKnown: 4, levels: [level('a', 2)] }];
    expect(scoreProspects([prospect(2, { x: 'zzz' })], up)[0]).toMatchObject({ score: 50, raw: 0, reasons: [] });
  });

  it('a numeric trait below the median of all lowers the score in proportion, and a value past the ideal median counts as the ideal one', () => {
    // t = (4 − 10) / 20 = −0.3 → −0.3 ln 3; score 50 − 50 × (−0.3296) / (−2.7081) = 43.91 → 44.
    const [low] = scoreProspects([prospect(2, { size: '4' })], attributes);
    expect(low!.raw).toBeCloseTo(-0.3 * Math.log(3), 12);
    expect(low!.score).toBe(44);
    // Ideal median below all: medians 30 (all) and 10 (ideal); 0 is past the ideal side, t = 1.
    const [past] = scoreProspects([prospect(2, { n: '0' })], [numeric('n', { medianAll: 30, medianIdeal: 10, ratio: 1 / 3 })]);
    expect(past!.raw).toBeCloseTo(Math.log(3), 12);
    expect(past!.score).toBe(100);
  });
});
});

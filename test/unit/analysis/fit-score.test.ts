/** Fit scores by hand, the profile read from a saved report, and planted traits found in generated prospects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreProspects, scoreRange, type ProfileAttribute, type ProspectInput } from '../../../src/analysis/fit-score.js';
import { attributeKey } from '../../../src/ingest/deal-fields.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { runInProcess } from '../../helpers/in-process.js';
import { writeCrmFiles, type CrmFiles } from '../../helpers/crm.js';
import fc from 'fast-check';

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

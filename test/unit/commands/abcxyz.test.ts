/** The analysis commands end to end: JSON checked by hand and against the schemas, golden text. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMAS, type SchemaName } from '../../../src/schemas.js';
import { generate } from '../../../src/gen/generate.js';
import { runInProcess } from '../../helpers/in-process.js';

const CRM = 'fixtures/crm-invoices.csv';

async function json(args: string[], schema: SchemaName): Promise<Record<string, any>> {
  const r = await runInProcess([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as unknown;
  const parsed = SCHEMAS[schema].safeParse(doc);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
  return doc as Record<string, any>;
}

describe('abc', () => {
  it('classes the CRM fixture by revenue, the crossing customer in A', async () => {
    const d = await json(['abc', CRM], 'abc');
    expect(d.as_of).toBe('2024-12-02');
    expect(d.summary.totals).toEqual({ customers: 7, revenue: 269600, margin: 73975, orders: 23, non_positive: 0 });
    // 128,200 + 86,800 = 79.7% < 80%: Fyns Tømrer (38,300) crosses the limit and is A.
    expect(d.customers.map((c: any) => `${c.name}:${c.abc_class}`)).toEqual([
      'Nordbyg ApS:A', 'Aarhus Elektro:A', 'Fyns Tømrer A/S:A', 'Lund Rådgivning:B', 'Hansen Design:C', 'Café Solsikke:C', 'Bager Bent:C',
    ]);
    expect(d.customers[0]).toMatchObject({ revenue: 128200, orders: 9, avg_check: 14244.44, margin: 38460, recency_days: 17 });
    // Hansen Design: 3,200 + 2,800 − 2,800 (credit note): 2 orders.
    expect(d.customers.find((c: any) => c.name === 'Hansen Design')).toMatchObject({ revenue: 3200, orders: 2 });
  });
  it('ranks by margin, average check or orders', async () => {
    const margin = await json(['abc', CRM, '--by', 'margin'], 'abc');
    expect(margin.customers[0]).toMatchObject({ name: 'Nordbyg ApS', value: 38460 });
    const check = await json(['abc', CRM, '--by', 'avg-check'], 'abc');
    expect(check.customers[0]).toMatchObject({ name: 'Aarhus Elektro', value: 21700 });
  });
});

describe('xyz', () => {
  it('quarterly revenue of a customer invoiced every other month is regular', async () => {
    const d = await json(['xyz', CRM, '--period', 'quarter'], 'xyz');
    const nordbyg = d.customers.find((c: any) => c.name === 'Nordbyg ApS');
    // Quarters 2023Q1..2024Q4: 26,600 13,300 12,900 15,200 13,800 14,400 16,100 15,900.
    expect(nordbyg.periods).toBe(8);
    expect(nordbyg.cv).toBeCloseTo(0.258533, 6);
    expect(nordbyg.xyz_class).toBe('X');
  });
});

describe('rfm', () => {
  it('scores within 1..5 and names a segment for everybody', async () => {
    const d = await json(['rfm', CRM], 'rfm');
    for (const c of d.customers) {
      for (const s of [c.r, c.f, c.m]) expect(s).toBeGreaterThanOrEqual(1);
      expect(c.segment).not.toBe('Others');
    }
    expect(d.summary.rfm.segments.reduce((s: number, x: any) => s + x.customers, 0)).toBe(7);
  });
  it('takes cut points and a segments file, and refuses a bad one naming the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-rfm-'));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify([{ name: 'Everyone', r: [1, 5], f: [1, 5], m: [1, 5] }, { name: 'Never', r: [5, 5], f: [5, 5], m: [5, 5] }]));
    const d = await json(['rfm', CRM, '--r-cuts', '30,90,180,365', '--segments', join(dir, 'rules.json')], 'rfm');
    expect(d.customers.every((c: any) => c.segment === 'Everyone')).toBe(true);
    expect(d.summary.rfm.rules_never_matching).toEqual(['Never']);
    expect(d.customers.find((c: any) => c.name === 'Nordbyg ApS').r).toBe(5);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ name: 'X', r: [1, 5], f: [1, 5], money: [1, 5] }]));
    const bad = await runInProcess(['rfm', CRM, '--segments', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^segment rfm: --segments .*bad\.json: unknown key '0\.money'/);
  });
});

describe('pareto', () => {
  it('measures the ideal and elite groups and gives 101 Lorenz points', async () => {
    const d = await json(['pareto', CRM], 'pareto');
    const p = d.summary.pareto;
    // ⌈20% of 7⌉ = 2 ideal, ⌈4% of 7⌉ = 1 elite.
    expect(p.ideal).toMatchObject({ customers: 2, value: 215000 });
    expect(p.elite).toMatchObject({ customers: 1, value: 128200 });
    expect(p.lorenz).toHaveLength(101);
    expect(d.customers.filter((c: any) => c.group !== null).map((c: any) => c.group)).toEqual(['elite', 'ideal']);
    expect(d.summary.pareto_margin).not.toBeNull();
  });
});

describe('output', () => {
  it('is byte-identical for the same input', async () => {
    const a = await runInProcess(['abcxyz', CRM, '--json']);
    const b = await runInProcess(['abcxyz', CRM, '--json']);
    expect(a.stdout).toBe(b.stdout);
  });
  // The ABC×XYZ table and Markdown of the CRM fixture are golden cases: test/cases/abcxyz/0001, 0002.
  it('writes one CSV row per customer', async () => {
    const r = await runInProcess(['rfm', CRM, '--format', 'csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('customer,name,recency_days,frequency,monetary,r,f,m,rfm_score,segment,revenue,rank');
    expect(lines).toHaveLength(8);
  });
  it('leaves out transactions after the as-of date and says so', async () => {
    const r = await runInProcess(['abc', CRM, '--as-of', '2023-12-31', '--json']);
    const d = JSON.parse(r.stdout);
    // F-1014 (a credit note of −2,800) to F-1024.
    expect(d.excluded.after_window).toEqual({ rows: 11, amount: 135400 });
    expect(r.stderr).toMatch(/11 transactions after 2023-12-31 \(135,400\.00\) are left out/);
    expect(d.summary.totals.revenue).toBe(269600 - 135400);
  });
  it('refuses bad analysis options with exit code 2', async () => {
    for (const [args, message] of [
      [['--limits', '80'], '--limits takes 2 numbers'],
      [['--as-of', '2024-02-30'], '--as-of takes a date as YYYY-MM-DD'],
      [['--elite', '30'], '--elite (30%) cannot be larger than --ideal'],
      [['--r-cuts', '90,30,180,365'], '--r-cuts must be ascending'],
    ] as const) {
      const r = await runInProcess(['abc', CRM, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const noMargin = await runInProcess(['abc', 'fixtures/loyalty-baskets.csv', '--by', 'margin']);
    expect(noMargin).toMatchObject({ code: 2, stdout: '' });
    expect(noMargin.stderr).toBe('segment abc: --by margin needs a margin or a cost column in the input; name it with --margin COL or --cost COL\n');
  });
});

describe('invariants end to end', () => {
  it('shuffling the input rows changes nothing', async () => {
    const g = generate({ rows: 4000, seed: 21 });
    const parts: string[] = [];
    await g.rows((c) => {
      parts.push(c);
    });
    const lines = parts.join('').trimEnd().split('\n');
    // A deterministic shuffle.
    const shuffled = lines.map((l, i) => ({ l, k: (i * 7919) % lines.length })).sort((a, b) => a.k - b.k).map((x) => x.l);
    const dir = mkdtempSync(join(tmpdir(), 'segment-shuffle-'));
    writeFileSync(join(dir, 'a.csv'), `${g.header}\n${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${g.header}\n${shuffled.join('\n')}\n`);
    for (const cmd of ['abcxyz', 'rfm']) {
      const [a, b] = await Promise.all([runInProcess([cmd, join(dir, 'a.csv'), '--json']), runInProcess([cmd, join(dir, 'b.csv'), '--json'])]);
      const strip = (s: string) => ({ ...JSON.parse(s), inputs: null });
      expect(strip(b.stdout)).toEqual(strip(a.stdout));
    }
  });
});

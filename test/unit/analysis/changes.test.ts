/**
 * `segment changes`: movements known by construction (fixtures/changes-shop.csv), the output
 * against two single-date `--as-of` runs, and the accounting invariants as properties.
 *
 * The fixture, as of 2024-06-30 (10 customers) and 2024-12-31 (11):
 * - F-FALLS buys 3,000 on the 25th of each month January to June, then never again: as of June the
 *   most recent, most frequent and biggest (R5 F5 M5, Champions, elite); as of December 189 days
 *   quiet (R1), overtaken in orders by H1-H4 (F3), still big (M5): At Risk, and ideal, not elite.
 * - N-NEW first buys in August, 10,000 a month to December: new, and the elite as of December,
 *   152 days after the first purchase.
 * - H1-H4 buy monthly March to December (1,000-1,300); L1-L4 in February and December; X-ONCE once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, columnTotal, rowTotal, NEW, GONE, type Snapshot, type Standing, type Transitions } from '../../../src/analysis/changes.js';
import { snapshotOf } from '../../../src/analysis/changes.js';
import { analyseTransactions } from '../../../src/analysis/run.js';
import { parseAnalysisOptions } from '../../../src/commands/analysis-options.js';
import { DuckDbEngine } from '../../../src/engine/duckdb-engine.js';
import { readTransactions } from '../../../src/ingest/read.js';
import { SCHEMAS, changesLineSchema } from '../../../src/schemas.js';
import { TempDir } from '../../../src/tempdir.js';
import { runInProcess } from '../../helpers/in-process.js';

const SHOP = 'fixtures/changes-shop.csv';

async function cliJson(args: string[]): Promise<Record<string, any>> {
  const r = await runInProcess([...args, '--json', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
}

describe('segment changes on movements built into the fixture', () => {
  let doc: Record<string, any>;
  let reports: Record<string, any>[];
  beforeAll(async () => {
    [doc, ...reports] = await Promise.all([
      cliJson(['changes', SHOP, '--from', '2024-06-30', '--to', '2024-12-31']),
      cliJson(['report', SHOP, '--as-of', '2024-06-30']),
      cliJson(['report', SHOP, '--as-of', '2024-12-31']),
    ]);
  });

  it('validates against its schema', () => {
    const parsed = SCHEMAS.changes.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
  });

  it('sees the Champion fall to At Risk, and raises both alerts', () => {
    const f = doc.moved.find((m: any) => m.customer === 'F-FALLS');
    expect(f.from).toMatchObject({ group: 'elite', segment: 'Champions', r: 5, revenue: 18000 });
    expect(f.to).toMatchObject({ group: 'ideal', segment: 'At Risk', r: 1, revenue: 18000 });
    expect(f.changes).toContain('Champions → At Risk');
    const alert = doc.alerts.find((a: any) => a.customer === 'F-FALLS');
    expect(alert.kinds).toEqual(['fell-to-risk', 'recency-drop']);
    expect(doc.elite.left.map((m: any) => m.customer)).toEqual(['F-FALLS']);
  });

  it('sees the new customer enter the elite in its first year', () => {
    expect(doc.elite).toMatchObject({ from: 1, to: 1, stayed: 0 });
    expect(doc.elite.entered).toEqual([{ customer: 'N-NEW', name: 'N-NEW', revenue_from: 0, revenue_to: 50000 }]);
    expect(doc.ideal.entered.map((m: any) => m.customer)).toEqual(['N-NEW']);
    expect(doc.ideal).toMatchObject({ from: 2, to: 3, left: [], stayed: 2 });
    const n = doc.moved.find((m: any) => m.customer === 'N-NEW');
    expect(n).toMatchObject({ from: null, changes: ['new'], alerts: ['new-in-ideal'] });
    expect(n.to).toMatchObject({ group: 'elite', tenure_days: 152 });
    // In every matrix N-NEW is the only customer in the "new" row, and nobody is gone.
    for (const t of Object.values(doc.transitions) as any[]) {
      expect(t.cells.filter((c: any) => c.from === NEW).reduce((s: number, c: any) => s + c.customers, 0)).toBe(1);
      expect(t.cells.filter((c: any) => c.to === GONE).reduce((s: number, c: any) => s + c.customers, 0)).toBe(0);
    }
  });

  it('classifies each date exactly as `report --as-of` that date does', () => {
    const [then, now] = reports.map((r) => new Map(r.customers.map((c: any) => [c.customer, c])));
    const moved = new Map(doc.moved.map((m: any) => [m.customer, m]));
    const pick = (c: any) => (c ? { group: c.group, abc_class: c.abc_class, xyz_class: c.xyz_class, segment: c.segment, r: c.r, revenue: c.revenue, tenure_days: c.tenure_days } : null);
    expect(doc.from).toMatchObject({ as_of: reports[0]!.as_of, window: { from: reports[0]!.window.from, to: reports[0]!.window.to }, customers: then!.size });
    expect(doc.to).toMatchObject({ as_of: reports[1]!.as_of, window: { from: reports[1]!.window.from, to: reports[1]!.window.to }, customers: now!.size });
    for (const key of new Set([...then!.keys(), ...now!.keys()])) {
      const m = moved.get(key) as any;
      const [a, b] = [pick(then!.get(key)), pick(now!.get(key))];
      if (m) {
        expect(m.from, String(key)).toEqual(a);
        expect(m.to, String(key)).toEqual(b);
      } else {
        // Not moved: the same group, classes and segment at both dates.
        const same = ({ group, abc_class, xyz_class, segment }: any) => ({ group, abc_class, xyz_class, segment });
        expect(same(a), String(key)).toEqual(same(b));
      }
    }
  });

  it('writes one NDJSON object per moved customer, and terminal tables within 100 columns', async () => {
    const nd = await runInProcess(['changes', SHOP, '--from', '2024-06-30', '--to', '2024-12-31', '--format', 'ndjson', '--quiet']);
    expect(nd.code, nd.stderr).toBe(0);
    const lines = nd.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.customer)).toEqual(doc.moved.map((m: any) => m.customer));
    for (const l of lines) expect(changesLineSchema.safeParse(l).success).toBe(true);
    const text = await runInProcess(['changes', SHOP, '--from', '2024-06-30', '--to', '2024-12-31', '--quiet']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Champions → At Risk');
    const tableLines = text.stdout.split('\n').filter((l) => /^[│┌├└]/.test(l));
    expect(tableLines.length).toBeGreaterThan(20);
    expect(Math.max(...tableLines.map((l) => [...l].length))).toBeLessThanOrEqual(100);
  });

  it('refuses dates in the wrong order, and a --from before the data', async () => {
    const r = await runInProcess(['changes', SHOP, '--from', '2024-06-30', '--to', '2024-01-31']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('segment changes: --to 2024-01-31 must be after --from 2024-06-30\n');
    const early = await runInProcess(['changes', SHOP, '--from', '2023-06-30']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('before the first transaction (2024-01-03)');
  });
});

// ---------------------------------------------------------------------------------------------

function sumsHold(t: Transitions, from: Snapshot, to: Snapshot): void {
  const rows = t.rows.filter((r) => r !== NEW).reduce((s, r) => s + rowTotal(t, r), 0);
  const columns = t.columns.filter((c) => c !== GONE).reduce((s, c) => s + columnTotal(t, c), 0);
  expect(rows).toBe(from.customers.length);
  expect(columns).toBe(to.customers.length);
  expect(t.cells).toHaveLength(t.rows.length * t.columns.length);
}

function invariants(from: Snapshot, to: Snapshot): void {
  const ch = compareSnapshots(from, to);
  const ideal = (s: Snapshot) => s.customers.filter((c) => c.group !== null).length;
  const elite = (s: Snapshot) => s.customers.filter((c) => c.group === 'elite').length;
  expect(ch.ideal!.entered.length - ch.ideal!.left.length).toBe(ideal(to) - ideal(from));
  expect(ch.elite!.entered.length - ch.elite!.left.length).toBe(elite(to) - elite(from));
  expect(ch.ideal!.stayed.length + ch.ideal!.left.length).toBe(ideal(from));
  for (const t of [ch.abc, ch.xyz, ch.rfm]) if (t) sumsHold(t, from, to);
}

const standing = fc.record({
  key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  revenue: fc.integer({ min: -100, max: 10_000 }),
  abcClass: fc.constantFrom('A', 'B', 'C' as const),
  xyzClass: fc.constantFrom('X', 'Y', 'Z', null),
  segment: fc.constantFrom('Champions', 'At Risk', 'Lost', 'Others'),
  r: fc.integer({ min: 1, max: 5 }),
  group: fc.constantFrom('elite', 'ideal', null),
  tenureDays: fc.integer({ min: 0, max: 800 }),
});
const snapshot = fc.uniqueArray(standing, { selector: (s) => s.key, maxLength: 8 }).map(
  (customers): Snapshot => ({
    asOf: '2024-01-01',
    windowStart: '2023-01-01',
    windowEnd: '2024-01-01',
    customers: customers.map((c) => ({ ...c, name: c.key }) as Standing),
    segments: ['Champions', 'At Risk', 'Lost'],
    carries: { abc: true, xyz: true, rfm: true, groups: true },
  }),
);

describe('changes: the alert rules, by hand', () => {
  const at = (over: Partial<Standing>): Standing => ({
    key: 'k', name: 'k', revenue: 1000, abcClass: 'A', xyzClass: 'X', segment: 'Loyal Customers', r: 4, group: 'ideal', tenureDays: 800, ...over,
  });
  const snap = (s: Standing): Snapshot => ({
    asOf: '2024-12-31', windowStart: '2022-01-01', windowEnd: '2024-12-31', customers: [s],
    segments: ['Champions', 'Loyal Customers', 'At Risk', 'Lost'], carries: { abc: true, xyz: true, rfm: true, groups: true },
  });
  const alertsOf = (from: Partial<Standing>, to: Partial<Standing>) => compareSnapshots(snap(at(from)), snap(at(to))).alerts.map((a) => ({ kinds: a.kinds, reasons: a.reasons }));

  it('an ideal customer whose R score drops by exactly the threshold (4 → 2) gets the recency-drop alert', () => {
    expect(alertsOf({ r: 4 }, { r: 2 })).toEqual([{ kinds: ['recency-drop'], reasons: ['R 4 → 2'] }]);
    // One less than the threshold is no alert.
    expect(alertsOf({ r: 4 }, { r: 3 })).toEqual([]);
  });

  it('an ideal customer moving from one risk segment to another (At Risk → Lost) gets no fell-to-risk alert', () => {
    expect(alertsOf({ segment: 'At Risk' }, { segment: 'Lost' })).toEqual([]);
    expect(alertsOf({ segment: "Can't Lose Them" }, { segment: 'Hibernating' })).toEqual([]);
    // Into risk from outside it: the alert.
    expect(alertsOf({ segment: 'Loyal Customers' }, { segment: 'Lost' })).toEqual([{ kinds: ['fell-to-risk'], reasons: ['Loyal Customers → Lost'] }]);
  });
});

describe('changes: invariants', () => {
  it('for any two snapshots, entered − left is the change in size and every matrix sums to each date', () => {
    fc.assert(fc.property(snapshot, snapshot, invariants), { numRuns: 300 });
  });

  describe('through the real pipeline, for any table and two dates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-changes-'));
    const temp = new TempDir();
    let engine: DuckDbEngine;
    beforeAll(async () => {
      engine = await DuckDbEngine.open({ tempDir: tmpdir(), threads: 1 });
    });
    afterAll(() => {
      engine.close();
      temp.remove();
    });
    let fileNo = 0;
    const rows = fc.array(
      fc.record({ c: fc.integer({ min: 0, max: 14 }), day: fc.integer({ min: 0, max: 700 }), cents: fc.integer({ min: -20_000, max: 500_000 }) }),
      { minLength: 10, maxLength: 80 },
    );
    const day = (n: number): string => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    it('holds for the snapshots the single-date analysis gives', async () => {
      await fc.assert(
        fc.asyncProperty(rows, fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 400 }), async (table, cut, gap) => {
          const path = join(dir, `t${fileNo++}.csv`);
          const lines = table.filter((r) => r.cents !== 0).map((r, i) => `C${r.c},O${i},${day(r.day)},${(r.cents / 100).toFixed(2)}`);
          writeFileSync(path, `customer_id,order_id,date,amount\n${lines.join('\n')}\n`);
          const read = await readTransactions([path], { overrides: {}, maxRejectRate: 1 }, { engine, temp, warn: () => undefined });
          const range = await engine.dateRange();
          const from = day(cut);
          if (range.first === null || from < range.first) return;
          const at = async (asOf: string) => snapshotOf((await analyseTransactions(engine, read, await parseAnalysisOptions({ asOf }))).analysis);
          invariants(await at(from), await at(day(cut + gap)));
        }),
        { numRuns: 12 },
      );
    });
  });

  it('says which run a warning belongs to, and does not call the later snapshot\'s transactions left out (issue 24)', async () => {
    const r = await runInProcess(['changes', SHOP, '--from', '2024-06-30', '--to', '2024-11-30', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'segment changes: warning: as of 2024-06-30: the data covers 5.9 months (2024-01-03 to 2024-06-30); the method asks for 2-3 years, so regularity and recency are less reliable',
      'segment changes: warning: as of 2024-11-30: the data covers 10.9 months (2024-01-03 to 2024-11-30); the method asks for 2-3 years, so regularity and recency are less reliable',
      'segment changes: warning: as of 2024-11-30: 9 transactions after 2024-11-30 (16,600.00) are left out',
    ]);
    // Not: "33 transactions after 2024-06-30 (79,600.00) are left out": the later snapshot has them.
    expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings).not.toContainEqual(expect.stringContaining('after 2024-06-30'));
    // A warning of both runs is said once, as it is.
    const both = await runInProcess(['changes', SHOP, '--from', '2024-06-30', '--window-start', '2024-02-01', '--format', 'json']);
    expect(both.stderr).toContain('segment changes: warning: 2 transactions before 2024-02-01 (3,200.00) are left out\n');
  });
});

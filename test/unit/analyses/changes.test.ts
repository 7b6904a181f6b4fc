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
/**
 * src/analyses/changes.ts in-process, on hand-built snapshots: every expected value below is
 * counted by hand from the standings written next to it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, columnTotal, rowTotal, NEW, GONE, type Snapshot, type Standing, type Transitions, snapshotOf, ALERT_RULES, moveLabels, NONE, snapshotWarnings, transitions, type Move } from '../../../src/analyses/changes.js';
import { analyseTransactions } from '../../../src/analyses/run.js';
import { parseAnalysisOptions } from '../../../src/commands/analysis-options.js';
import { DuckDbEngine } from '../../../src/sources/files/duckdb/duckdb-engine.js';
import { readTransactions } from '../../../src/sources/files/read.js';
import { SCHEMAS, changesLineSchema } from '../../../src/schemas.js';
import { TempDir } from '../../../src/kernel/tempdir.js';
import { runInProcess } from '../../helpers/in-process.js';
import type { Analysis } from '../../../src/analyses/analysis.js';

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

const st = (key: string, over: Partial<Standing> = {}): Standing => ({
  key, name: key, revenue: 100, abcClass: 'B', xyzClass: 'Y', segment: 'Loyal Customers', r: 4, group: null, tenureDays: 800, ...over,
});

const ALL = { abc: true, xyz: true, rfm: true, groups: true };

const snap = (customers: Standing[], over: Partial<Snapshot> = {}): Snapshot => ({
  asOf: '2024-12-31', windowStart: '2022-01-01', windowEnd: '2024-12-31', customers, segments: ['Champions', 'Loyal Customers', 'At Risk', 'Lost'], carries: ALL, ...over,
});

const keys = (ms: readonly Move[]): string[] => ms.map((m) => m.key);

describe('snapshotOf', () => {
  it('copies each customer\'s standing, the dates, the segment order, and carries XYZ only when it ran', () => {
    const a = {
      params: { asOf: '2024-06-30', windowStart: '2022-07-01', windowEnd: '2024-06-30' },
      customers: [{ key: 'c1', name: 'One', revenue: 250, abcClass: 'A', xyzClass: null, segment: 'Champions', r: 5, pareto: 'elite', tenureDays: 40, orders: 3 }],
      rfm: { segments: [{ segment: 'Champions', customers: 1 }, { segment: 'Lost', customers: 0 }] },
      xyz: { enabled: false },
    } as unknown as Analysis;
    expect(snapshotOf(a)).toEqual({
      asOf: '2024-06-30',
      windowStart: '2022-07-01',
      windowEnd: '2024-06-30',
      customers: [{ key: 'c1', name: 'One', revenue: 250, abcClass: 'A', xyzClass: null, segment: 'Champions', r: 5, group: 'elite', tenureDays: 40 }],
      segments: ['Champions', 'Lost'],
      carries: { abc: true, xyz: false, rfm: true, groups: true },
    });
    expect(snapshotOf({ ...a, xyz: { enabled: true } } as unknown as Analysis).carries.xyz).toBe(true);
  });
});

describe('compareSnapshots: who moved', () => {
  it('pairs customers by key in key order; a name comes from the later date, else the earlier', () => {
    const c = compareSnapshots(
      snap([st('b', { name: 'Bee old' }), st('d', { name: 'Dee' }), st('a', { name: 'Ay' })]),
      snap([st('c', { name: 'See' }), st('b', { name: 'Bee new', abcClass: 'A' }), st('d', { name: 'Dee' })]),
    );
    expect(c.moved.map((m) => [m.key, m.name, m.from?.key ?? null, m.to?.key ?? null])).toEqual([
      ['a', 'Ay', 'a', null],
      ['b', 'Bee new', 'b', 'b'],
      ['c', 'See', null, 'c'],
    ]);
    expect(c.matched).toBe(2);
    // b is unchanged, so not among the moved, but its later name is the one used in the matrices' moves.
    expect(compareSnapshots(snap([st('b', { name: 'Old' })]), snap([st('b', { name: 'New', group: 'ideal' })])).moved[0]?.name).toBe('New');
  });

  it('counts as moved a change of group, ABC, XYZ or segment, and nothing else', () => {
    const same = st('k', { revenue: 100, r: 4, tenureDays: 800 });
    const changed = (over: Partial<Standing>): number => compareSnapshots(snap([same]), snap([st('k', over)])).moved.length;
    expect(changed({ revenue: 999, r: 1, tenureDays: 900, name: 'other' })).toBe(0);
    expect(changed({ group: 'ideal' })).toBe(1);
    expect(changed({ abcClass: 'A' })).toBe(1);
    expect(changed({ xyzClass: 'Z' })).toBe(1);
    expect(changed({ segment: 'Lost' })).toBe(1);
  });

  it('names the change of one customer in words', () => {
    const m = (f: Partial<Standing> | null, t: Partial<Standing> | null): Move => ({ key: 'k', name: 'k', from: f && st('k', f), to: t && st('k', t) });
    expect(moveLabels(m(null, {}))).toEqual(['new']);
    expect(moveLabels(m({}, null))).toEqual(['gone']);
    expect(moveLabels(m({}, {}))).toEqual([]);
    expect(moveLabels(m({ group: null, abcClass: 'B', xyzClass: null, segment: null }, { group: 'elite', abcClass: 'A', xyzClass: 'X', segment: 'Champions' }))).toEqual([
      'other → elite',
      'ABC B → A',
      `XYZ ${NONE} → X`,
      `${NONE} → Champions`,
    ]);
    expect(moveLabels(m({ group: 'ideal', abcClass: 'A', xyzClass: 'Z', segment: 'At Risk' }, { group: null, abcClass: null, xyzClass: null, segment: null }))).toEqual([
      'ideal → other',
      `ABC A → ${NONE}`,
      `XYZ Z → ${NONE}`,
      `At Risk → ${NONE}`,
    ]);
  });
});

describe('compareSnapshots: the ideal and elite groups', () => {
  // from: a ideal 500, b elite 900, c ideal 300, d none; to: a elite 700, b ideal 900, c none 300, e ideal 50, f ideal 800.
  const from = snap([st('a', { group: 'ideal', revenue: 500 }), st('b', { group: 'elite', revenue: 900 }), st('c', { group: 'ideal', revenue: 300 }), st('d')]);
  const to = snap([
    st('a', { group: 'elite', revenue: 700 }),
    st('b', { group: 'ideal', revenue: 900 }),
    st('c', { group: null, revenue: 300 }),
    st('e', { group: 'ideal', revenue: 50, tenureDays: 100 }),
    st('f', { group: 'ideal', revenue: 800 }),
  ]);
  it('counts, and lists who entered, left and stayed (elite is part of ideal)', () => {
    const c = compareSnapshots(from, to);
    expect(c.ideal).toMatchObject({ group: 'ideal', from: 3, to: 4 });
    expect(keys(c.ideal!.entered)).toEqual(['f', 'e']); // by later revenue: 800, 50
    expect(keys(c.ideal!.left)).toEqual(['c']);
    expect(keys(c.ideal!.stayed)).toEqual(['b', 'a']); // 900, 700
    expect(c.elite).toMatchObject({ group: 'elite', from: 1, to: 1 });
    expect(keys(c.elite!.entered)).toEqual(['a']);
    expect(keys(c.elite!.left)).toEqual(['b']);
    expect(c.elite!.stayed).toEqual([]);
  });

  it('sorts by revenue at the side that matters, biggest first, then by key', () => {
    const f2 = snap([st('x', { group: 'ideal', revenue: 10 }), st('y', { group: 'ideal', revenue: 30 }), st('z', { group: 'ideal', revenue: 30 }), st('w', { group: 'ideal', revenue: 20 })]);
    const t2 = snap([st('x', { revenue: 99 }), st('y', { revenue: 1 }), st('z', { revenue: 1 }), st('w', { revenue: 50 })]);
    // Left: ordered by the earlier revenue (y 30, z 30, w 20, x 10), not the later one.
    expect(keys(compareSnapshots(f2, t2).ideal!.left)).toEqual(['y', 'z', 'w', 'x']);
    // Entered: by the later revenue; a tie by key.
    expect(keys(compareSnapshots(t2, f2).ideal!.entered)).toEqual(['y', 'z', 'w', 'x']);
    const t3 = snap([st('x', { group: 'ideal', revenue: 5 }), st('y', { group: 'ideal', revenue: 7 }), st('w', { group: 'ideal', revenue: 7 })]);
    expect(keys(compareSnapshots(f2, t3).ideal!.stayed)).toEqual(['w', 'y', 'x']);
    expect(keys(compareSnapshots(f2, t3).ideal!.left)).toEqual(['z']);
  });

  it('leaves the groups and the alerts out when either side does not carry them', () => {
    const noGroups = { ...ALL, groups: false };
    for (const [a, b] of [[snap(from.customers, { carries: noGroups }), to], [from, snap(to.customers, { carries: noGroups })]] as const) {
      const d = compareSnapshots(a, b);
      expect(d.ideal).toBeNull();
      expect(d.elite).toBeNull();
      expect(d.alerts).toEqual([]);
      expect(d.abc).not.toBeNull();
    }
    expect(compareSnapshots(from, to).alerts.length).toBeGreaterThan(0);
  });
});

describe('transitions', () => {
  const moves: Move[] = [
    { key: 'a', name: 'a', from: st('a', { abcClass: 'A', revenue: 10 }), to: st('a', { abcClass: 'B', revenue: 20 }) },
    { key: 'b', name: 'b', from: st('b', { abcClass: 'A', revenue: 1 }), to: st('b', { abcClass: 'B', revenue: 2 }) },
    { key: 'c', name: 'c', from: null, to: st('c', { abcClass: 'C', revenue: 5 }) },
    { key: 'd', name: 'd', from: st('d', { abcClass: 'C', revenue: 7 }), to: null },
  ];

  it('has every label, then any other seen (sorted), then "new" as a row and "gone" as a column, zeros included', () => {
    const t = transitions(moves, ['C', 'A'], (s) => s.abcClass ?? NONE);
    expect(t.rows).toEqual(['C', 'A', 'B', NEW]);
    expect(t.columns).toEqual(['C', 'A', 'B', GONE]);
    expect(t.cells).toHaveLength(16);
    const cell = (f: string, to: string) => t.cells.find((x) => x.from === f && x.to === to);
    expect(cell('A', 'B')).toEqual({ from: 'A', to: 'B', customers: 2, revenueFrom: 11, revenueTo: 22 });
    expect(cell(NEW, 'C')).toEqual({ from: NEW, to: 'C', customers: 1, revenueFrom: 0, revenueTo: 5 });
    expect(cell('C', GONE)).toEqual({ from: 'C', to: GONE, customers: 1, revenueFrom: 7, revenueTo: 0 });
    expect(cell('A', 'A')).toEqual({ from: 'A', to: 'A', customers: 0, revenueFrom: 0, revenueTo: 0 });
    // Row by row.
    expect(t.cells.slice(0, 4).map((x) => `${x.from}>${x.to}`)).toEqual(['C>C', 'C>A', 'C>B', `C>${GONE}`]);
    expect(rowTotal(t, 'A')).toBe(2);
    expect(rowTotal(t, NEW)).toBe(1);
    expect(columnTotal(t, 'B')).toBe(2);
    expect(columnTotal(t, GONE)).toBe(1);
    expect(columnTotal(t, 'A')).toBe(0);
  });

  it('sorts the unlisted labels seen at either date', () => {
    const t = transitions(
      [
        { key: 'a', name: 'a', from: st('a', { segment: 'Zed' }), to: null },
        { key: 'b', name: 'b', from: null, to: st('b', { segment: 'Mid' }) },
        { key: 'c', name: 'c', from: st('c', { segment: 'Known' }), to: st('c', { segment: 'Alpha' }) },
      ],
      ['Known'],
      (s) => s.segment ?? NONE,
    );
    expect(t.rows).toEqual(['Known', 'Alpha', 'Mid', 'Zed', NEW]);
  });

  it('compareSnapshots builds the ABC, XYZ and RFM matrices, with a missing class as –, and the later segments after the earlier', () => {
    const c = compareSnapshots(
      snap([st('a', { abcClass: 'A', xyzClass: null, segment: 'Lost' })], { segments: ['Champions', 'Lost'] }),
      snap([st('a', { abcClass: null, xyzClass: 'X', segment: 'New Ones' })], { segments: ['Lost', 'New Ones', 'Champions'] }),
    );
    expect(c.abc!.rows).toEqual(['A', 'B', 'C', NONE, NEW]);
    expect(c.abc!.cells.find((x) => x.customers > 0)).toMatchObject({ from: 'A', to: NONE });
    expect(c.xyz!.rows).toEqual(['X', 'Y', 'Z', NONE, NEW]);
    expect(c.xyz!.cells.find((x) => x.customers > 0)).toMatchObject({ from: NONE, to: 'X' });
    expect(c.rfm!.rows).toEqual(['Champions', 'Lost', 'New Ones', NEW]);
    expect(c.rfm!.cells.find((x) => x.customers > 0)).toMatchObject({ from: 'Lost', to: 'New Ones' });
    // The later date's own segments keep their rule order, seen or not.
    const later = compareSnapshots(snap([st('a', { segment: 'Lost' })], { segments: ['Lost'] }), snap([st('a', { segment: 'Zed' })], { segments: ['Zed', 'Unused', 'Lost'] }));
    expect(later.rfm!.rows).toEqual(['Lost', 'Zed', 'Unused', NEW]);
    const noneSeg = compareSnapshots(snap([st('a', { segment: null })]), snap([st('a', { segment: null })]));
    expect(noneSeg.rfm!.cells.find((x) => x.customers > 0)).toMatchObject({ from: NONE, to: NONE });
  });

  it('leaves out each matrix a side does not carry', () => {
    for (const part of ['abc', 'xyz', 'rfm'] as const) {
      const carries = { ...ALL, [part]: false };
      for (const [a, b] of [[snap([st('a')], { carries }), snap([st('a')])], [snap([st('a')]), snap([st('a')], { carries })]]) {
        const c = compareSnapshots(a!, b!);
        expect(c[part]).toBeNull();
        expect(c.ideal).not.toBeNull();
        for (const other of (['abc', 'xyz', 'rfm'] as const).filter((p) => p !== part)) expect(c[other]).not.toBeNull();
      }
    }
  });
});

describe('compareSnapshots: alerts', () => {
  const alerts = (f: Partial<Standing> | null, t: Partial<Standing> | null) =>
    compareSnapshots(snap(f ? [st('k', f)] : []), snap(t ? [st('k', t)] : [])).alerts.map((a) => ({ kinds: a.kinds, reasons: a.reasons }));

  it('fell-to-risk: ideal at either date, from a segment outside risk into one of the five', () => {
    for (const risk of ['At Risk', "Can't Lose Them", 'Hibernating', 'Lost', 'Lost Big Spenders']) {
      expect(alerts({ group: 'ideal', segment: 'Champions' }, { segment: risk })).toEqual([{ kinds: ['fell-to-risk'], reasons: [`Champions → ${risk}`] }]);
    }
    expect(alerts({ segment: 'Champions' }, { group: 'elite', segment: 'Lost' })[0]?.kinds).toEqual(['fell-to-risk']);
    // Not ideal at either date: nothing.
    expect(alerts({ segment: 'Champions' }, { segment: 'Lost' })).toEqual([]);
    // Not into risk, or from risk already, or without a segment: nothing.
    expect(alerts({ group: 'ideal', segment: 'Champions' }, { group: 'ideal', segment: 'Need Attention' })).toEqual([]);
    expect(alerts({ group: 'ideal', segment: 'Hibernating' }, { group: 'ideal', segment: 'At Risk' })).toEqual([]);
    expect(alerts({ group: 'ideal', segment: null }, { group: 'ideal', segment: 'Lost' })).toEqual([]);
    expect(alerts({ group: 'ideal', segment: 'Champions' }, { group: 'ideal', segment: null })).toEqual([]);
  });

  it('recency-drop: ideal at either date and R down by 2 or more', () => {
    expect(alerts({ group: 'ideal', r: 5 }, { group: 'ideal', r: 3 })).toEqual([{ kinds: ['recency-drop'], reasons: ['R 5 → 3'] }]);
    expect(alerts({ group: 'ideal', r: 5 }, { r: 1 })).toEqual([{ kinds: ['recency-drop'], reasons: ['R 5 → 1'] }]);
    expect(alerts({ r: 5 }, { group: 'elite', r: 1, tenureDays: 400 })).toEqual([{ kinds: ['recency-drop'], reasons: ['R 5 → 1'] }]);
    expect(alerts({ group: 'ideal', r: 5 }, { group: 'ideal', r: 4 })).toEqual([]);
    expect(alerts({ group: 'ideal', r: 2 }, { group: 'ideal', r: 5 })).toEqual([]);
    expect(alerts({ r: 5 }, { r: 1 })).toEqual([]);
    expect(alerts({ group: 'ideal', r: null }, { group: 'ideal', r: 1 })).toEqual([]);
    expect(alerts({ group: 'ideal', r: 5 }, { group: 'ideal', r: null })).toEqual([]);
  });

  it('new-in-ideal: entered the ideal group within 365 days of the first purchase, said as ideal or elite', () => {
    expect(alerts({}, { group: 'ideal', tenureDays: 365 })).toEqual([{ kinds: ['new-in-ideal'], reasons: ['new: ideal after 365 days'] }]);
    expect(alerts(null, { group: 'elite', tenureDays: 0 })).toEqual([{ kinds: ['new-in-ideal'], reasons: ['new: elite after 0 days'] }]);
    expect(alerts({}, { group: 'ideal', tenureDays: 366 })).toEqual([]);
    expect(alerts({}, { group: 'ideal', tenureDays: null })).toEqual([]);
    // Already ideal before: not new, even in its first year.
    expect(alerts({ group: 'ideal' }, { group: 'elite', tenureDays: 30 })).toEqual([]);
    expect(alerts({}, { group: null, tenureDays: 30 })).toEqual([]);
  });

  it('a gone or new customer has no risk or recency alert', () => {
    expect(alerts({ group: 'elite', r: 5, segment: 'Champions' }, null)).toEqual([]);
    expect(alerts(null, { group: 'elite', r: 1, segment: 'Lost', tenureDays: 900 })).toEqual([]);
  });

  it('gives every kind that applies, in rule order', () => {
    expect(alerts({ group: 'ideal', r: 5, segment: 'Champions' }, { group: 'ideal', r: 1, segment: 'At Risk' })).toEqual([
      { kinds: ['fell-to-risk', 'recency-drop'], reasons: ['Champions → At Risk', 'R 5 → 1'] },
    ]);
  });

  it('orders alerts elite first (at either date), then by later revenue, then by key', () => {
    const from = snap([
      st('a', { r: 5, group: 'ideal', revenue: 10 }),
      st('b', { r: 5, group: 'ideal', revenue: 10 }),
      st('c', { r: 5, group: 'ideal', revenue: 10 }),
      st('d', { r: 5, group: 'elite', revenue: 1 }),
      st('e', { r: 5, group: 'ideal', revenue: 1 }),
    ]);
    const to = snap([
      st('a', { r: 1, group: 'ideal', revenue: 50 }),
      st('b', { r: 1, group: 'ideal', revenue: 80 }),
      st('c', { r: 1, group: 'ideal', revenue: 50 }),
      st('d', { r: 1, group: 'ideal', revenue: 1 }),
      st('e', { r: 1, group: 'elite', revenue: 2 }),
    ]);
    const c = compareSnapshots(from, to);
    expect(c.alerts.map((a) => a.key)).toEqual(['e', 'd', 'b', 'a', 'c']);
    expect(c.alerts[0]).toMatchObject({ key: 'e', name: 'e', move: { key: 'e' } });
  });

  it('states the rules with the thresholds in force', () => {
    expect(ALERT_RULES['recency-drop']).toContain('dropped by 2 or more');
    expect(ALERT_RULES['new-in-ideal']).toContain('first 365 days');
    expect(ALERT_RULES['fell-to-risk']).toContain('At Risk, Can\'t Lose Them, Hibernating, Lost (one-off buyers: Lost Big Spenders)');
  });
});

describe('snapshotWarnings', () => {
  const after = (rows: number, date: string) => `${rows} transactions after ${date}`;

  it('says a warning of both runs once, a warning of one with its date, and drops the earlier run\'s after-date line', () => {
    const w = snapshotWarnings(
      { asOf: '2024-06-30', warnings: ['short data', '3 transactions after 2024-06-30 (90.00) are left out', 'only early'], afterTo: { rows: 3 } },
      { asOf: '2024-12-31', warnings: ['only late', 'short data', '2 transactions after 2024-12-31 are left out'], afterTo: { rows: 2 } },
      after,
    );
    expect(w).toEqual(['short data', 'as of 2024-06-30: only early', 'as of 2024-12-31: only late', 'as of 2024-12-31: 2 transactions after 2024-12-31 are left out']);
  });

  it('keeps every earlier warning when it left nothing out after its date', () => {
    const w = snapshotWarnings(
      { asOf: '2024-06-30', warnings: ['0 transactions after 2024-06-30', 'x'], afterTo: { rows: 0 } },
      { asOf: '2024-12-31', warnings: [], afterTo: { rows: 0 } },
      after,
    );
    expect(w).toEqual(['as of 2024-06-30: 0 transactions after 2024-06-30', 'as of 2024-06-30: x']);
  });

  it('drops only a line that starts with the after-date text', () => {
    const w = snapshotWarnings(
      { asOf: '2024-06-30', warnings: ['note: 3 transactions after 2024-06-30'], afterTo: { rows: 3 } },
      { asOf: '2024-12-31', warnings: [], afterTo: { rows: 0 } },
      after,
    );
    expect(w).toEqual(['as of 2024-06-30: note: 3 transactions after 2024-06-30']);
  });
});

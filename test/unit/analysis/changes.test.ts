/**
 * src/analysis/changes.ts in-process, on hand-built snapshots: every expected value below is
 * counted by hand from the standings written next to it.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../../src/analysis/analysis.js';
import {
  ALERT_RULES,
  compareSnapshots,
  columnTotal,
  GONE,
  moveLabels,
  NEW,
  NONE,
  rowTotal,
  snapshotOf,
  snapshotWarnings,
  transitions,
  type Move,
  type Snapshot,
  type Standing,
} from '../../../src/analysis/changes.js';

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

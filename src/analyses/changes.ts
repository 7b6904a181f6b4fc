/**
 * What changed between two classifications of the same customers: who entered and left the ideal
 * and elite groups, the ABC, XYZ and RFM segment transitions (with "new" and "gone"), and the
 * alerts a person should act on. Pure: each side is a snapshot of one analysis (`snapshotOf`) or
 * of a saved JSON report; the difference never classifies anybody itself.
 */
import type { Analysis } from './analysis.js';
import type { AbcClass } from './abc.js';
import type { ParetoFlag } from './pareto.js';
import type { XyzClass } from './xyz.js';

/** One customer's classification as of one date. */
export interface Standing {
  readonly key: string;
  readonly name: string;
  readonly revenue: number;
  readonly abcClass: AbcClass | null;
  readonly xyzClass: XyzClass | null;
  readonly segment: string | null;
  readonly r: number | null;
  readonly group: ParetoFlag;
  readonly tenureDays: number | null;
}

/** Which parts a snapshot carries (a saved report of another kind may lack some). */
export interface Carries {
  readonly abc: boolean;
  readonly xyz: boolean;
  readonly rfm: boolean;
  readonly groups: boolean;
}

export interface Snapshot {
  readonly asOf: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly customers: readonly Standing[];
  /** RFM segment names in the order of the rules (then any other name seen). */
  readonly segments: readonly string[];
  readonly carries: Carries;
}

export function snapshotOf(a: Analysis): Snapshot {
  return {
    asOf: a.params.asOf,
    windowStart: a.params.windowStart,
    windowEnd: a.params.windowEnd,
    customers: a.customers.map((c) => ({
      key: c.key,
      name: c.name,
      revenue: c.revenue,
      abcClass: c.abcClass,
      xyzClass: c.xyzClass,
      segment: c.segment,
      r: c.r,
      group: c.pareto,
      tenureDays: c.tenureDays,
    })),
    segments: a.rfm.segments.map((s) => s.segment),
    carries: { abc: true, xyz: a.xyz.enabled, rfm: true, groups: true },
  };
}

/** A customer on both sides (null where absent: new at the later date, gone from it). */
export interface Move {
  readonly key: string;
  readonly name: string;
  readonly from: Standing | null;
  readonly to: Standing | null;
}

export interface GroupChange {
  readonly group: 'ideal' | 'elite';
  readonly from: number;
  readonly to: number;
  readonly entered: readonly Move[];
  readonly left: readonly Move[];
  readonly stayed: readonly Move[];
}

export const NEW = 'new';
export const GONE = 'gone';
/** The label of a customer without a class at a date (XYZ: too few periods). */
export const NONE = '–';

export interface TransitionCell {
  readonly from: string;
  readonly to: string;
  readonly customers: number;
  readonly revenueFrom: number;
  readonly revenueTo: number;
}

/** Rows: the classes at the earlier date, then "new"; columns: the classes at the later, then "gone". */
export interface Transitions {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** Every row × column, zeros included, row by row. */
  readonly cells: readonly TransitionCell[];
}

export type AlertKind = 'fell-to-risk' | 'recency-drop' | 'new-in-ideal';

export interface Alert {
  readonly key: string;
  readonly name: string;
  readonly kinds: readonly AlertKind[];
  readonly move: Move;
  /** In words, one per kind: `Champions → At Risk`, `R 5 → 2`, `new: elite after 40 days`. */
  readonly reasons: readonly string[];
}

export interface Changes {
  readonly from: Snapshot;
  readonly to: Snapshot;
  readonly ideal: GroupChange | null;
  readonly elite: GroupChange | null;
  readonly abc: Transitions | null;
  readonly xyz: Transitions | null;
  readonly rfm: Transitions | null;
  readonly alerts: readonly Alert[];
  /** Customers whose group, class or segment differs, or who are new or gone; by key. */
  readonly moved: readonly Move[];
  /** Customer keys found at both dates. */
  readonly matched: number;
}

/** RFM segments an ideal customer should not fall into (`Lost Big Spenders` for one-off buyers). */
export const RISK_SEGMENTS: readonly string[] = ['At Risk', "Can't Lose Them", 'Hibernating', 'Lost', 'Lost Big Spenders'];
/** An R score fall of this much or more is an alert. */
export const RECENCY_DROP = 2;
/** "Within the first year": a tenure at the later date of at most this many days. */
export const FIRST_YEAR_DAYS = 365;

export const ALERT_RULES: Readonly<Record<AlertKind, string>> = {
  'fell-to-risk': `ideal or elite at either date, and the RFM segment fell into ${RISK_SEGMENTS.slice(0, 4).join(', ')} (one-off buyers: Lost Big Spenders) from another segment`,
  'recency-drop': `ideal or elite at either date, and the R score dropped by ${RECENCY_DROP} or more`,
  'new-in-ideal': `entered the ideal group within the first ${FIRST_YEAR_DAYS} days since the first purchase`,
};

const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function moves(from: Snapshot, to: Snapshot): Move[] {
  const before = new Map(from.customers.map((c) => [c.key, c]));
  const after = new Map(to.customers.map((c) => [c.key, c]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.map((key) => {
    const f = before.get(key) ?? null;
    const t = after.get(key) ?? null;
    return { key, name: t?.name ?? f?.name ?? key, from: f, to: t };
  });
}

const inIdeal = (s: Standing | null): boolean => s !== null && s.group !== null;
const inElite = (s: Standing | null): boolean => s !== null && s.group === 'elite';

function groupChange(group: 'ideal' | 'elite', all: readonly Move[], member: (s: Standing | null) => boolean): GroupChange {
  const entered: Move[] = [];
  const left: Move[] = [];
  const stayed: Move[] = [];
  let from = 0;
  let to = 0;
  for (const m of all) {
    const f = member(m.from);
    const t = member(m.to);
    if (f) from++;
    if (t) to++;
    if (f && t) stayed.push(m);
    else if (t) entered.push(m);
    else if (f) left.push(m);
  }
  // Biggest first: the ones to look at.
  const byRevenue = (side: 'from' | 'to') => (a: Move, b: Move) => (b[side]?.revenue ?? 0) - (a[side]?.revenue ?? 0) || byKey(a, b);
  return { group, from, to, entered: entered.sort(byRevenue('to')), left: left.sort(byRevenue('from')), stayed: stayed.sort(byRevenue('to')) };
}

/** A transition matrix over the given labels; `label` names a standing's class. */
export function transitions(all: readonly Move[], labels: readonly string[], label: (s: Standing) => string): Transitions {
  const seen = new Set<string>();
  for (const m of all) {
    if (m.from) seen.add(label(m.from));
    if (m.to) seen.add(label(m.to));
  }
  const classes = [...labels, ...[...seen].filter((l) => !labels.includes(l)).sort()];
  const rows = [...classes, NEW];
  const columns = [...classes, GONE];
  const at = new Map<string, { customers: number; revenueFrom: number; revenueTo: number }>();
  for (const m of all) {
    const k = `${m.from ? label(m.from) : NEW}\u0000${m.to ? label(m.to) : GONE}`;
    const cell = at.get(k) ?? { customers: 0, revenueFrom: 0, revenueTo: 0 };
    cell.customers += 1;
    cell.revenueFrom += m.from?.revenue ?? 0;
    cell.revenueTo += m.to?.revenue ?? 0;
    at.set(k, cell);
  }
  const cells: TransitionCell[] = [];
  for (const r of rows) {
    for (const c of columns) {
      const cell = at.get(`${r}\u0000${c}`);
      cells.push({ from: r, to: c, customers: cell?.customers ?? 0, revenueFrom: cell?.revenueFrom ?? 0, revenueTo: cell?.revenueTo ?? 0 });
    }
  }
  return { rows, columns, cells };
}

function alertOf(m: Move, f: Standing | null, t: Standing | null): Alert | null {
  const kinds: AlertKind[] = [];
  const reasons: string[] = [];
  const ideal = inIdeal(f) || inIdeal(t);
  if (ideal && f && t && f.segment !== null && t.segment !== null && RISK_SEGMENTS.includes(t.segment) && !RISK_SEGMENTS.includes(f.segment)) {
    kinds.push('fell-to-risk');
    reasons.push(`${f.segment} → ${t.segment}`);
  }
  if (ideal && f && t && f.r !== null && t.r !== null && f.r - t.r >= RECENCY_DROP) {
    kinds.push('recency-drop');
    reasons.push(`R ${f.r} → ${t.r}`);
  }
  if (inIdeal(t) && !inIdeal(f) && t!.tenureDays !== null && t!.tenureDays <= FIRST_YEAR_DAYS) {
    kinds.push('new-in-ideal');
    reasons.push(`new: ${t!.group === 'elite' ? 'elite' : 'ideal'} after ${t!.tenureDays} days`);
  }
  if (kinds.length === 0) return null;
  return { key: m.key, name: m.name, kinds, move: m, reasons };
}

function hasMoved(m: Move): boolean {
  const f = m.from;
  const t = m.to;
  if (!f || !t) return true;
  return f.group !== t.group || f.abcClass !== t.abcClass || f.xyzClass !== t.xyzClass || f.segment !== t.segment;
}

/** The difference of two snapshots; parts a snapshot does not carry are null. */
export function compareSnapshots(from: Snapshot, to: Snapshot): Changes {
  const all = moves(from, to);
  const both = (part: keyof Carries): boolean => from.carries[part] && to.carries[part];
  const segments = [...from.segments, ...to.segments.filter((s) => !from.segments.includes(s))];
  const alerts = all.map((m) => alertOf(m, m.from, m.to)).filter((a): a is Alert => a !== null);
  // Alerts in the order a person works through them: elite first, then by revenue.
  const weight = (a: Alert): number => (inElite(a.move.from) || inElite(a.move.to) ? 0 : 1);
  alerts.sort((a, b) => weight(a) - weight(b) || (b.move.to?.revenue ?? 0) - (a.move.to?.revenue ?? 0) || byKey(a, b));
  return {
    from,
    to,
    ideal: both('groups') ? groupChange('ideal', all, inIdeal) : null,
    elite: both('groups') ? groupChange('elite', all, inElite) : null,
    abc: both('abc') ? transitions(all, ['A', 'B', 'C'], (s) => s.abcClass ?? NONE) : null,
    xyz: both('xyz') ? transitions(all, ['X', 'Y', 'Z', NONE], (s) => s.xyzClass ?? NONE) : null,
    rfm: both('rfm') ? transitions(all, segments, (s) => s.segment ?? NONE) : null,
    alerts: both('groups') ? alerts : [],
    moved: all.filter(hasMoved),
    matched: all.filter((m) => m.from && m.to).length,
  };
}

/** Customers in a row (at the earlier date) or a column (at the later date) of a matrix. */
export function rowTotal(t: Transitions, row: string): number {
  return t.cells.filter((c) => c.from === row).reduce((s, c) => s + c.customers, 0);
}

export function columnTotal(t: Transitions, column: string): number {
  return t.cells.filter((c) => c.to === column).reduce((s, c) => s + c.customers, 0);
}

/** What changed for one customer, in words: `ideal → elite`, `ABC B → A`, `Champions → At Risk`. */
export function moveLabels(m: Move): string[] {
  const f = m.from;
  const t = m.to;
  if (!f) return ['new'];
  if (!t) return ['gone'];
  const out: string[] = [];
  const g = (s: Standing): string => s.group ?? 'other';
  if (f.group !== t.group) out.push(`${g(f)} → ${g(t)}`);
  if (f.abcClass !== t.abcClass) out.push(`ABC ${f.abcClass ?? NONE} → ${t.abcClass ?? NONE}`);
  if (f.xyzClass !== t.xyzClass) out.push(`XYZ ${f.xyzClass ?? NONE} → ${t.xyzClass ?? NONE}`);
  if (f.segment !== t.segment) out.push(`${f.segment ?? NONE} → ${t.segment ?? NONE}`);
  return out;
}

/** A snapshot's run as `changes` sees it: its date, its warnings, and the transactions after its date that it left out. */
export interface SnapshotRun {
  readonly asOf: string;
  readonly warnings: readonly string[];
  readonly afterTo: { readonly rows: number };
}

/**
 * The two runs' warnings as one list that says which run each belongs to: a warning of both runs
 * once, as it is; one of one run prefixed "as of DATE:". The earlier snapshot's transactions after
 * its date are not lost (the later snapshot has them), so that line is dropped: in a cron log it
 * read like lost revenue.
 */
export function snapshotWarnings(from: SnapshotRun, to: SnapshotRun, afterLine: (rows: number, date: string) => string): string[] {
  const dropped = from.afterTo.rows > 0 ? afterLine(from.afterTo.rows, from.asOf) : null;
  const earlier = from.warnings.filter((w) => dropped === null || !w.startsWith(dropped));
  const both = earlier.filter((w) => to.warnings.includes(w));
  return [
    ...both,
    ...earlier.filter((w) => !both.includes(w)).map((w) => `as of ${from.asOf}: ${w}`),
    ...to.warnings.filter((w) => !both.includes(w)).map((w) => `as of ${to.asOf}: ${w}`),
  ];
}

/**
 * ABC analysis: who brings the value. Three methods:
 *
 * - `cumulative` (default): sort by value, descending; A is the smallest set of top customers whose
 *   cumulative share of the total reaches the A limit (80%), B likewise up to the B limit (95%),
 *   the rest C. The customer whose value crosses a limit belongs to the upper class, so A always
 *   holds at least 80%. (Tools that put the crossing customer into B give an A holding less than
 *   80%.) Customers with equal values are never split: a tie group that straddles a limit belongs
 *   to the upper class.
 * - `count`: by share of customers: the top 20% are A, the next 30% B (limits 20,50); a tie group
 *   belongs to the class of its first member.
 * - `computed`: the computed ABC analysis of Ultsch & Lötsch (PLoS ONE 10(6): e0129767, 2015), from
 *   the piecewise-linear ABC curve of effort (share of customers) against yield (share of value):
 *   the Pareto point (nearest to effort 0, yield 1) and the break-even point (where the curve's
 *   slope falls to 1, at the last customer whose value is at least the mean); A reaches the
 *   smaller of the two; the submarginal point (nearest to effort = the larger of the two, yield 1)
 *   ends B.
 *
 * Customers whose value is zero or negative are never A or B: they are C, and flagged elsewhere.
 */
import { Accumulator, sum, tieGroups } from './stats.js';

export type AbcClass = 'A' | 'B' | 'C';
export const ABC_CLASSES: readonly AbcClass[] = ['A', 'B', 'C'];
export type AbcMethod = 'cumulative' | 'count' | 'computed';

export interface AbcItem {
  readonly key: string;
  readonly value: number;
}

export interface AbcRow {
  readonly key: string;
  /** Position of the customer in the analysed items. */
  readonly position: number;
  readonly value: number;
  /** 1-based position in the ranking (value descending, then key). */
  readonly rank: number;
  readonly share: number;
  readonly cumulativeShare: number;
  readonly abcClass: AbcClass;
}

export interface ClassSummary {
  readonly customers: number;
  readonly customerShare: number;
  readonly value: number;
  readonly valueShare: number;
}

export interface ComputedPoints {
  readonly paretoEffort: number;
  readonly breakEvenEffort: number;
  readonly submarginalEffort: number;
  /** Effort at the A/B and B/C limits (shares of the customers with a positive value). */
  readonly abEffort: number;
  readonly bcEffort: number;
}

export interface AbcResult {
  readonly method: AbcMethod;
  /** The limits asked for, as fractions (cumulative: of value; count: of customers). */
  readonly limits: readonly [number, number];
  readonly total: number;
  readonly rows: readonly AbcRow[];
  readonly classes: Readonly<Record<AbcClass, ClassSummary>>;
  readonly computed?: ComputedPoints;
}

const EPS = 1e-9;

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Already in ranking order (value descending, then key)? One pass, no allocation. */
function isRanked(items: readonly AbcItem[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    if (b.value > a.value || (b.value === a.value && compareKeys(a.key, b.key) > 0)) return false;
  }
  return true;
}

function isKeyOrdered(items: readonly AbcItem[]): boolean {
  for (let i = 1; i < items.length; i++) if (compareKeys(items[i - 1]!.key, items[i]!.key) > 0) return false;
  return true;
}

/**
 * Ranking order: value descending, then key, so that output is stable. Returns positions in
 * `items`. The engine returns customers in key order, so ties can usually be broken by position,
 * which spares a string comparison in every step of the sort (the sort dominated on 200k customers).
 */
export function rankPositions(items: readonly AbcItem[]): number[] {
  const positions = Array.from({ length: items.length }, (_, i) => i);
  if (isRanked(items)) return positions;
  if (isKeyOrdered(items)) return descendingStable(items);
  return positions.sort((a, b) => items[b]!.value - items[a]!.value || compareKeys(items[a]!.key, items[b]!.key));
}

/**
 * Positions by value descending, ties by position: the values sort natively in a typed array, and
 * each item then takes the next free slot of its tie group, found by binary search.
 */
function descendingStable(items: readonly AbcItem[]): number[] {
  const n = items.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = items[i]!.value;
  sorted.sort().reverse();
  const placed = new Int32Array(n);
  const positions = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = items[i]!.value;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! > v) lo = mid + 1;
      else hi = mid;
    }
    positions[lo + placed[lo]!++] = i;
  }
  return positions;
}

export function rankOrder(items: readonly AbcItem[]): AbcItem[] {
  return rankPositions(items).map((i) => items[i]!);
}

/** Classes of tie groups by a rule over each group's first position and the value before it. */
function classify(sorted: readonly AbcItem[], classOfGroup: (start: number, cumBefore: number, value: number) => AbcClass): AbcClass[] {
  const classes: AbcClass[] = new Array<AbcClass>(sorted.length);
  let cum = 0;
  for (const g of tieGroups(sorted.map((i) => i.value))) {
    const cls = g.value <= 0 ? 'C' : classOfGroup(g.start, cum, g.value);
    for (let i = g.start; i < g.end; i++) {
      classes[i] = cls;
      cum += sorted[i]!.value;
    }
  }
  return classes;
}

/** Nearest point to `target` on the piecewise-linear curve through `points`: its x. */
function nearestX(points: readonly (readonly [number, number])[], target: readonly [number, number]): number {
  let best = Infinity;
  let bestX = 0;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len = dx * dx + dy * dy;
    const t = len === 0 ? 0 : Math.min(1, Math.max(0, ((target[0] - x0) * dx + (target[1] - y0) * dy) / len));
    const x = x0 + t * dx;
    const y = y0 + t * dy;
    const d = (x - target[0]) ** 2 + (y - target[1]) ** 2;
    if (d < best - EPS) {
      best = d;
      bestX = x;
    }
  }
  return bestX;
}

/** The computed ABC points over the positive values, sorted descending. */
export function computedPoints(positive: readonly number[]): ComputedPoints {
  const n = positive.length;
  if (n === 0) return { paretoEffort: 0, breakEvenEffort: 0, submarginalEffort: 0, abEffort: 0, bcEffort: 0 };
  const total = sum(positive);
  const points: [number, number][] = [[0, 0]];
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum += positive[i]!;
    points.push([(i + 1) / n, cum / total]);
  }
  const paretoEffort = nearestX(points, [0, 1]);
  const meanValue = total / n;
  const breakEvenEffort = positive.filter((v) => v >= meanValue - EPS * Math.abs(meanValue)).length / n;
  const abEffort = Math.min(paretoEffort, breakEvenEffort);
  const other = Math.max(paretoEffort, breakEvenEffort);
  const submarginalEffort = nearestX(points, [other, 1]);
  return { paretoEffort, breakEvenEffort, submarginalEffort, abEffort, bcEffort: Math.max(abEffort, submarginalEffort) };
}

export function abcAnalysis(items: readonly AbcItem[], method: AbcMethod, limits: readonly [number, number]): AbcResult {
  const positions = rankPositions(items);
  const sorted = positions.map((i) => items[i]!);
  const n = sorted.length;
  const total = sum(sorted.map((i) => i.value));
  const [limitA, limitB] = limits;
  let classes: AbcClass[];
  let computed: ComputedPoints | undefined;
  if (method === 'cumulative') {
    // Shares of the net total; with no positive total there is nothing to concentrate: all C.
    classes =
      total > 0
        ? classify(sorted, (_start, cumBefore) => (cumBefore / total < limitA - EPS ? 'A' : cumBefore / total < limitB - EPS ? 'B' : 'C'))
        : sorted.map(() => 'C');
  } else if (method === 'count') {
    classes = classify(sorted, (start) => (start < limitA * n - EPS ? 'A' : start < limitB * n - EPS ? 'B' : 'C'));
  } else {
    const positive = sorted.map((i) => i.value).filter((v) => v > 0);
    computed = computedPoints(positive);
    const m = positive.length;
    const c = computed;
    classes = classify(sorted, (start) => {
      const effort = (start + 1) / m;
      return effort <= c.abEffort + EPS ? 'A' : effort <= c.bcEffort + EPS ? 'B' : 'C';
    });
  }
  let cum = 0;
  const rows: AbcRow[] = sorted.map((item, i) => {
    cum += item.value;
    const share = total !== 0 ? item.value / total : 0;
    return {
      key: item.key,
      position: positions[i]!,
      value: item.value,
      rank: i + 1,
      share,
      cumulativeShare: total !== 0 ? cum / total : 0,
      abcClass: classes[i]!,
    };
  });
  const summary = {} as Record<AbcClass, ClassSummary>;
  for (const cls of ABC_CLASSES) {
    const value = new Accumulator();
    let customers = 0;
    for (const r of rows) {
      if (r.abcClass !== cls) continue;
      customers += 1;
      value.add(r.value);
    }
    summary[cls] = {
      customers,
      customerShare: n > 0 ? customers / n : 0,
      value: value.value,
      valueShare: total !== 0 ? value.value / total : 0,
    };
  }
  return { method, limits, total, rows, classes: summary, ...(computed ? { computed } : {}) };
}

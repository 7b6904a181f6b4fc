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
import type { ABC_METHODS } from '../parameter-values.js';

export type AbcClass = 'A' | 'B' | 'C';
export const ABC_CLASSES: readonly AbcClass[] = ['A', 'B', 'C'];
export type AbcMethod = (typeof ABC_METHODS)[number];

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
function isRanked(values: ArrayLike<number>, keys: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1]!;
    const b = values[i]!;
    if (b > a || (b === a && compareKeys(keys[i - 1]!, keys[i]!) > 0)) return false;
  }
  return true;
}

function isKeyOrdered(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (compareKeys(keys[i - 1]!, keys[i]!) > 0) return false;
  return true;
}

/**
 * Ranking order over a column of values and their keys: value descending, then key, so that output
 * is stable. Returns positions. The engine returns customers in key order, so ties can usually be
 * broken by position, which spares a string comparison in every step of the sort (the sort
 * dominated on 200k customers).
 */
export function rankColumn(values: ArrayLike<number>, keys: readonly string[]): Int32Array {
  const n = values.length;
  if (isRanked(values, keys)) return Int32Array.from({ length: n }, (_, i) => i);
  if (isKeyOrdered(keys)) return descendingStable(values);
  const positions = Array.from({ length: n }, (_, i) => i);
  positions.sort((a, b) => values[b]! - values[a]! || compareKeys(keys[a]!, keys[b]!));
  return Int32Array.from(positions);
}

/** Ranking order of items: positions in `items` (see rankColumn). */
export function rankPositions(items: readonly AbcItem[]): number[] {
  return Array.from(rankColumn(Float64Array.from(items, (i) => i.value), items.map((i) => i.key)));
}

/**
 * Positions by value descending, ties by position: the values sort natively in a typed array, and
 * each item then takes the next free slot of its tie group, found by binary search.
 */
function descendingStable(values: ArrayLike<number>): Int32Array {
  const n = values.length;
  const sorted = Float64Array.from(values);
  sorted.sort().reverse();
  const placed = new Int32Array(n);
  const positions = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
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

/** Classes (by rank) of tie groups, by a rule over each group's first rank and the value before it. */
function classify(sorted: Float64Array, classOfGroup: (start: number, cumBefore: number, value: number) => AbcClass): AbcClass[] {
  const classes: AbcClass[] = new Array<AbcClass>(sorted.length);
  let cum = 0;
  for (const g of tieGroups(sorted)) {
    const cls = g.value <= 0 ? 'C' : classOfGroup(g.start, cum, g.value);
    for (let i = g.start; i < g.end; i++) {
      classes[i] = cls;
      cum += sorted[i]!;
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

/** ABC over a column: the ranking and, by rank, the values, classes and cumulative shares. */
export interface RankedAbc {
  readonly result: AbcResult;
  /** Position (in the column) of the customer at each rank. */
  readonly positions: Int32Array;
  /** Values by rank. */
  readonly sorted: Float64Array;
  readonly classes: readonly AbcClass[];
  readonly cumulativeShares: Float64Array;
}

function classesOf(sorted: Float64Array, total: number, method: AbcMethod, limits: readonly [number, number]): { classes: AbcClass[]; computed?: ComputedPoints } {
  const n = sorted.length;
  const [limitA, limitB] = limits;
  if (method === 'cumulative') {
    // Shares of the net total; with no positive total there is nothing to concentrate: all C.
    return {
      classes:
        total > 0
          ? classify(sorted, (_start, cumBefore) => (cumBefore / total < limitA - EPS ? 'A' : cumBefore / total < limitB - EPS ? 'B' : 'C'))
          : new Array<AbcClass>(n).fill('C'),
    };
  }
  if (method === 'count') return { classes: classify(sorted, (start) => (start < limitA * n - EPS ? 'A' : start < limitB * n - EPS ? 'B' : 'C')) };
  const positive = Array.from(sorted).filter((v) => v > 0);
  const c = computedPoints(positive);
  const m = positive.length;
  const classes = classify(sorted, (start) => {
    const effort = (start + 1) / m;
    return effort <= c.abEffort + EPS ? 'A' : effort <= c.bcEffort + EPS ? 'B' : 'C';
  });
  return { classes, computed: c };
}

/** ABC analysis of a column of values with their keys; the per-customer rows are built on demand. */
export function abcColumn(values: ArrayLike<number>, keys: readonly string[], method: AbcMethod, limits: readonly [number, number]): RankedAbc {
  const positions = rankColumn(values, keys);
  const n = positions.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = values[positions[i]!]!;
  const total = sum(sorted);
  const { classes, computed } = classesOf(sorted, total, method, limits);
  const cumulativeShares = new Float64Array(n);
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum += sorted[i]!;
    cumulativeShares[i] = total !== 0 ? cum / total : 0;
  }
  const summary = {} as Record<AbcClass, ClassSummary>;
  for (const cls of ABC_CLASSES) {
    const value = new Accumulator();
    let customers = 0;
    for (let i = 0; i < n; i++) {
      if (classes[i] !== cls) continue;
      customers += 1;
      value.add(sorted[i]!);
    }
    summary[cls] = {
      customers,
      customerShare: n > 0 ? customers / n : 0,
      value: value.value,
      valueShare: total !== 0 ? value.value / total : 0,
    };
  }
  let rows: AbcRow[] | undefined;
  const buildRows = (): AbcRow[] =>
    Array.from(sorted, (value, i) => ({
      key: keys[positions[i]!]!,
      position: positions[i]!,
      value,
      rank: i + 1,
      share: total !== 0 ? value / total : 0,
      cumulativeShare: cumulativeShares[i]!,
      abcClass: classes[i]!,
    }));
  const result: AbcResult = {
    method,
    limits,
    total,
    get rows() {
      rows ??= buildRows();
      return rows;
    },
    classes: summary,
    ...(computed ? { computed } : {}),
  };
  return { result, positions, sorted, classes, cumulativeShares };
}

export function abcAnalysis(items: readonly AbcItem[], method: AbcMethod, limits: readonly [number, number]): AbcResult {
  return abcColumn(Float64Array.from(items, (i) => i.value), items.map((i) => i.key), method, limits).result;
}

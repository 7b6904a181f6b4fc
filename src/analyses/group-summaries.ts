/**
 * The two summaries of a whole analysis over its groups: the ABC×XYZ matrix (every cell, with
 * what it means) and the RFM segments (customers, revenue and means per segment). Pure.
 */
import { ABC_CLASSES, type AbcClass } from './abc.js';
import type { SegmentRule } from './segments.js';
import type { Accumulator } from './stats.js';
import { XYZ_CLASSES, type XyzClass } from './xyz.js';

export interface MatrixCell {
  readonly abcClass: AbcClass;
  readonly xyzClass: XyzClass | null;
  readonly customers: number;
  readonly customerShare: number;
  readonly value: number;
  readonly valueShare: number;
  readonly reading: string;
}

export interface SegmentSummary {
  readonly segment: string;
  readonly customers: number;
  readonly customerShare: number;
  readonly revenue: number;
  readonly revenueShare: number;
  readonly meanRecency: number;
  readonly meanFrequency: number;
  readonly meanMonetary: number;
}

export const CELL_READINGS: Readonly<Record<string, string>> = {
  AX: 'large and regular: the core; keep them close',
  AY: 'large, fairly regular: secure the rhythm',
  AZ: 'large but erratic: learn what triggers their orders',
  'A–': 'large; too new to judge regularity',
  BX: 'mid-sized and regular: dependable, room to grow',
  BY: 'mid-sized, fairly regular',
  BZ: 'mid-sized and erratic: occasional projects',
  'B–': 'mid-sized; too new to judge regularity',
  CX: 'small but regular: check what they cost to serve',
  CY: 'small, fairly regular',
  CZ: 'small and erratic: serve at the lowest cost',
  'C–': 'small; too new to judge regularity',
};

/** The ABC×XYZ matrix: every cell, empty ones too, with its share of customers and of the value. */
export function matrixOf(cells: ReadonlyMap<string, { customers: number; value: Accumulator }>, cellKey: (ac: AbcClass, xc: XyzClass | null) => string, n: number, total: number): MatrixCell[] {
  const matrix: MatrixCell[] = [];
  for (const ac of ABC_CLASSES) {
    for (const xc of [...XYZ_CLASSES, null] as (XyzClass | null)[]) {
      const cell = cells.get(cellKey(ac, xc));
      const value = cell?.value.value ?? 0;
      matrix.push({
        abcClass: ac,
        xyzClass: xc,
        customers: cell?.customers ?? 0,
        customerShare: n > 0 ? (cell?.customers ?? 0) / n : 0,
        value,
        valueShare: total !== 0 ? value / total : 0,
        reading: CELL_READINGS[cellKey(ac, xc)]!,
      });
    }
  }

  return matrix;
}

/** Each segment of the rules (and any other that customers fell into), with its customers' means. */
export function segmentSummariesOf(
  rules: readonly SegmentRule[],
  bySegment: ReadonlyMap<string, { customers: number; revenue: Accumulator; recency: number; orders: number; monetary: Accumulator }>,
  n: number,
  totalRevenue: number,
): SegmentSummary[] {
  const segmentNames = [...new Set([...rules.map((r) => r.name), ...bySegment.keys()])];
  return segmentNames
    .map((segment) => {
      const g = bySegment.get(segment);
      const k = g?.customers ?? 0;
      const revenue = g?.revenue.value ?? 0;
      return {
        segment,
        customers: k,
        customerShare: n > 0 ? k / n : 0,
        revenue,
        revenueShare: totalRevenue !== 0 ? revenue / totalRevenue : 0,
        meanRecency: k > 0 ? g!.recency / k : 0,
        meanFrequency: k > 0 ? g!.orders / k : 0,
        meanMonetary: k > 0 ? g!.monetary.value / k : 0,
      };
    })
    .filter((x) => x.customers > 0 || rules.some((r) => r.name === x.segment));

}

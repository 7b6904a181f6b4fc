/**
 * Named RFM segments from a rule table: each rule has a name and R, F, M score ranges; the first
 * rule that matches a customer's scores names the segment; a customer no rule matches is "Others".
 */

export interface SegmentRule {
  readonly name: string;
  readonly r: readonly [number, number];
  readonly f: readonly [number, number];
  readonly m: readonly [number, number];
}

export const OTHERS = 'Others';

/**
 * The default table, on scores 1-5 (5 best). Every one of the 125 combinations matches a rule
 * (a test checks), read as: recency first, then frequency, then money.
 */
export const DEFAULT_SEGMENTS: readonly SegmentRule[] = [
  { name: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { name: 'Loyal Customers', r: [3, 5], f: [3, 5], m: [1, 5] },
  { name: "Can't Lose Them", r: [1, 2], f: [4, 5], m: [4, 5] },
  { name: 'At Risk', r: [1, 2], f: [3, 5], m: [1, 5] },
  { name: 'New Customers', r: [5, 5], f: [1, 1], m: [1, 5] },
  { name: 'Promising', r: [4, 4], f: [1, 1], m: [1, 5] },
  { name: 'Potential Loyalists', r: [4, 5], f: [2, 2], m: [1, 5] },
  { name: 'Need Attention', r: [3, 3], f: [1, 2], m: [3, 5] },
  { name: 'About To Sleep', r: [3, 3], f: [1, 2], m: [1, 2] },
  { name: 'Hibernating', r: [2, 2], f: [1, 2], m: [1, 5] },
  { name: 'Lost', r: [1, 1], f: [1, 2], m: [1, 5] },
];

/** The 10-segment table of the R package rfm v0.3.0, in its order (R/F/M ranges as it gives them). */
export const RFM_PACKAGE_SEGMENTS: readonly SegmentRule[] = [
  { name: 'Champions', r: [5, 5], f: [5, 5], m: [5, 5] },
  { name: 'Potential Loyalist', r: [3, 5], f: [3, 5], m: [2, 5] },
  { name: 'Loyal Customers', r: [2, 4], f: [2, 4], m: [2, 4] },
  { name: 'Promising', r: [3, 4], f: [1, 3], m: [3, 5] },
  { name: 'New Customers', r: [4, 5], f: [1, 3], m: [1, 5] },
  { name: "Can't Lose Them", r: [1, 2], f: [3, 4], m: [4, 5] },
  { name: 'At Risk', r: [1, 2], f: [2, 5], m: [4, 5] },
  { name: 'Need Attention', r: [1, 3], f: [3, 5], m: [3, 5] },
  { name: 'About To Sleep', r: [2, 3], f: [1, 3], m: [1, 4] },
  { name: 'Lost', r: [1, 1], f: [1, 5], m: [1, 5] },
];

/**
 * For one-off purchases, where frequency says nothing: recency and money only (F matches any score).
 */
export const ONE_OFF_SEGMENTS: readonly SegmentRule[] = [
  { name: 'Recent Big Spenders', r: [4, 5], f: [1, 5], m: [4, 5] },
  { name: 'Recent Buyers', r: [4, 5], f: [1, 5], m: [1, 3] },
  { name: 'Fading Big Spenders', r: [2, 3], f: [1, 5], m: [4, 5] },
  { name: 'Fading Buyers', r: [2, 3], f: [1, 5], m: [1, 3] },
  { name: 'Lost Big Spenders', r: [1, 1], f: [1, 5], m: [4, 5] },
  { name: 'Lost', r: [1, 1], f: [1, 5], m: [1, 3] },
];

export const SEGMENT_PRESETS: Readonly<Record<string, readonly SegmentRule[]>> = {
  default: DEFAULT_SEGMENTS,
  'rfm-package': RFM_PACKAGE_SEGMENTS,
};

const within = (v: number, [lo, hi]: readonly [number, number]): boolean => v >= lo && v <= hi;

export function segmentOf(r: number, f: number, m: number, rules: readonly SegmentRule[]): string {
  for (const rule of rules) if (within(r, rule.r) && within(f, rule.f) && within(m, rule.m)) return rule.name;
  return OTHERS;
}

export interface Coverage {
  /** Per rule (by position): the score combinations it names. 0 means it can never match. */
  readonly wins: readonly number[];
  /** Combinations no rule matches (they become "Others"). */
  readonly uncovered: readonly (readonly [number, number, number])[];
}

export function coverage(rules: readonly SegmentRule[], bins: number): Coverage {
  const wins = rules.map(() => 0);
  const uncovered: [number, number, number][] = [];
  for (let r = 1; r <= bins; r++) {
    for (let f = 1; f <= bins; f++) {
      for (let m = 1; m <= bins; m++) {
        const i = rules.findIndex((rule) => within(r, rule.r) && within(f, rule.f) && within(m, rule.m));
        if (i < 0) uncovered.push([r, f, m]);
        else wins[i]! += 1;
      }
    }
  }
  return { wins, uncovered };
}

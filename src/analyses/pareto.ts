/**
 * Pareto: how concentrated the base really is. The ideal customers are the top 20% by value, the
 * elite the top 4%; the rule of thumb says they bring 80% and 64%. The tool measures instead.
 *
 * Group boundaries: the top ⌈20% × n⌉ customers (n counts every customer); customers tied with
 * the last of them are in the group too, so a tie never splits a group (it can make it larger).
 * Customers whose value is zero or negative are never ideal or elite.
 */
import { rankOrder, type AbcItem } from './abc.js';
import { gini, lorenz, sum, type LorenzPoint } from './stats.js';

export type ParetoFlag = 'elite' | 'ideal' | null;

export interface ParetoResult {
  readonly customers: number;
  readonly total: number;
  readonly ideal: { readonly fraction: number; readonly customers: number; readonly value: number; readonly share: number };
  readonly elite: { readonly fraction: number; readonly customers: number; readonly value: number; readonly share: number };
  /** The fewest customers whose value reaches 80% of the total, and their share of customers. */
  readonly customersFor80: { readonly customers: number; readonly share: number } | null;
  readonly gini: number;
  readonly lorenz: readonly LorenzPoint[];
  /** The ideal and elite customers by key; a customer not listed is neither. */
  readonly flags: ReadonlyMap<string, ParetoFlag>;
}

function topGroup(sorted: ArrayLike<number>, fraction: number): number {
  const n = sorted.length;
  let k = Math.min(n, Math.ceil(fraction * n - 1e-9));
  if (k === 0) return 0;
  const boundary = sorted[k - 1]!;
  while (k < n && sorted[k]! === boundary) k++;
  while (k > 0 && sorted[k - 1]! <= 0) k--;
  return k;
}

/**
 * Pareto over values already in ranking order, with the key of each (by rank). The elite are the
 * first `eliteN` ranks and the ideal the first `idealN`; the map of flags is built on demand.
 */
export function paretoRanked(sorted: Float64Array, keyAt: (rank: number) => string, idealFraction: number, eliteFraction: number): { readonly result: ParetoResult; readonly idealN: number; readonly eliteN: number } {
  const n = sorted.length;
  const total = sum(sorted);
  const idealN = topGroup(sorted, idealFraction);
  const eliteN = Math.min(idealN, topGroup(sorted, eliteFraction));
  const group = (count: number, fraction: number) => {
    const value = sum(sorted.subarray(0, count));
    return { fraction, customers: count, value, share: total > 0 ? value / total : 0 };
  };
  let customersFor80: ParetoResult['customersFor80'] = null;
  if (total > 0) {
    let cum = 0;
    for (let i = 0; i < n; i++) {
      cum += sorted[i]!;
      if (cum / total >= 0.8 - 1e-12) {
        customersFor80 = { customers: i + 1, share: (i + 1) / n };
        break;
      }
    }
  }
  // Only the ideal group is listed: everybody else is null, and there are four times as many.
  let flags: Map<string, ParetoFlag> | undefined;
  const buildFlags = (): Map<string, ParetoFlag> => {
    const m = new Map<string, ParetoFlag>();
    for (let i = 0; i < idealN; i++) m.set(keyAt(i), i < eliteN ? 'elite' : 'ideal');
    return m;
  };
  const result: ParetoResult = {
    customers: n,
    total,
    ideal: group(idealN, idealFraction),
    elite: group(eliteN, eliteFraction),
    customersFor80,
    gini: gini(sorted),
    lorenz: lorenz(sorted),
    get flags() {
      flags ??= buildFlags();
      return flags;
    },
  };
  return { result, idealN, eliteN };
}

export function paretoAnalysis(items: readonly AbcItem[], idealFraction: number, eliteFraction: number): ParetoResult {
  const sorted = rankOrder(items);
  return paretoRanked(Float64Array.from(sorted, (i) => i.value), (k) => sorted[k]!.key, idealFraction, eliteFraction).result;
}

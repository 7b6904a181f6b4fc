/**
 * The fit score of a prospect against the ideal-customer portrait of a saved report: 0–100, with
 * the traits that raised or lowered it.
 *
 * Only what the portrait found beyond chance counts. A categorical trait adds ln(lift) of the
 * prospect's value (lift = share among ideal customers ÷ share among all); a value the portrait
 * did not find beyond chance, or an unknown value, adds nothing (neutral). A numeric trait adds
 * t × |ln(ratio)|, where t is where the prospect's value lies from the median of all customers
 * (t = 0) to the median of the ideal ones (t = 1), clamped to −1…1. A value no ideal customer has
 * (lift 0) counts as if half an ideal customer had it, so that its weight is finite.
 *
 * The sum is scaled so that 50 is neutral (nothing known, or nothing that matters), 100 is the
 * strongest ideal trait of every attribute, and 0 the strongest non-ideal trait of every one:
 * score = 50 + 50 × sum ÷ (the largest possible sum) when the sum is positive, and 50 − 50 × sum ÷
 * (the smallest possible sum) when negative. A weighted sum of log-lifts is a naive-Bayes log
 * odds ratio: traits are treated as independent, which they rarely are, so the score ranks
 * prospects; it is not a probability.
 */
import type { ProfileAttribute, ProfileLevel } from '../sources/files/profile.js';
import { OTHER, attributeNumber } from './portrait.js';

export type { ProfileAttribute, ProfileLevel };

export interface Reason {
  readonly attribute: string;
  readonly value: string;
  /** ln-lift units the trait added: positive raised the score, negative lowered it. */
  readonly weight: number;
  readonly text: string;
}

export interface ProspectInput {
  readonly line: number;
  /** The prospect's own ID (`Lead ID`), passed through to the output. */
  readonly id: string | null;
  readonly key: string | null;
  readonly name: string | null;
  /** The prospect's value per portrait attribute name (already matched to the portrait's names). */
  readonly values: ReadonlyMap<string, string | null>;
  readonly existing: { readonly group: string; readonly abcClass: string | null } | null;
}

export interface ScoredProspect extends ProspectInput {
  readonly rank: number;
  readonly score: number;
  readonly raw: number;
  readonly reasons: readonly Reason[];
  /** Portrait attributes that count but whose value the prospect does not have: neutral. */
  readonly unknown: readonly string[];
}

function times(x: number): string {
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}

function levelWeight(level: ProfileLevel, idealKnown: number): number {
  if (level.lift === null) return 0;
  if (level.lift > 0) return Math.log(level.lift);
  // No ideal customer has the value: as if half of one had it.
  return Math.log(0.5 / Math.max(1, idealKnown) / Math.max(level.allShare, 1e-9));
}

/** The attributes that can move a score: those with a trait beyond chance. */
export function scoringAttributes(attributes: readonly ProfileAttribute[]): ProfileAttribute[] {
  return attributes.filter((a) => (a.kind === 'numeric' ? a.significant && a.ratio !== null && a.ratio > 0 && a.medianAll !== a.medianIdeal : a.levels.some((l) => l.significant && l.lift !== null)));
}

/** The largest and the smallest sum a prospect can reach. */
export function scoreRange(attributes: readonly ProfileAttribute[]): { max: number; min: number } {
  let max = 0;
  let min = 0;
  for (const a of scoringAttributes(attributes)) {
    if (a.kind === 'numeric') {
      const w = Math.abs(Math.log(a.ratio!));
      max += w;
      min -= w;
      continue;
    }
    const ws = a.levels.filter((l) => l.significant).map((l) => levelWeight(l, a.idealKnown));
    max += Math.max(0, ...ws);
    min += Math.min(0, ...ws);
  }
  return { max, min };
}

function traitOf(a: ProfileAttribute, raw: string): Reason | null {
  if (a.kind === 'numeric') {
    const x = attributeNumber(raw);
    if (x === undefined) return null;
    const t = Math.max(-1, Math.min(1, (x - a.medianAll!) / (a.medianIdeal! - a.medianAll!)));
    const weight = t * Math.abs(Math.log(a.ratio!));
    if (weight === 0) return null;
    return { attribute: a.name, value: raw, weight, text: `${a.name} ${raw}: the median of ideal customers is ${a.medianIdeal}, of all customers ${a.medianAll}` };
  }
  const v = raw.trim().toLowerCase();
  const level = a.levels.find((l) => l.value.trim().toLowerCase() === v) ?? a.levels.find((l) => l.value === OTHER);
  if (!level?.significant || level.lift === null) return null;
  const weight = levelWeight(level, a.idealKnown);
  return {
    attribute: a.name,
    value: raw,
    weight,
    text: level.lift === 0 ? `${a.name} '${raw}': no ideal customer has it` : `${a.name} '${raw}': ${times(level.lift)} as common among ideal customers as among all`,
  };
}

export function scoreProspects(prospects: readonly ProspectInput[], attributes: readonly ProfileAttribute[]): ScoredProspect[] {
  const scoring = scoringAttributes(attributes);
  const { max, min } = scoreRange(attributes);
  const scored = prospects.map((p) => {
    const reasons: Reason[] = [];
    const unknown: string[] = [];
    for (const a of scoring) {
      const raw = p.values.get(a.name);
      if (raw === null || raw === undefined || raw.trim() === '') {
        unknown.push(a.name);
        continue;
      }
      const r = traitOf(a, raw);
      if (r) reasons.push(r);
    }
    const sum = reasons.reduce((s, r) => s + r.weight, 0);
    const score = sum >= 0 ? (max > 0 ? 50 + (50 * sum) / max : 50) : min < 0 ? 50 - (50 * sum) / min : 50;
    reasons.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || (x.attribute < y.attribute ? -1 : 1));
    return { ...p, raw: sum, score: Math.round(Math.max(0, Math.min(100, score))), reasons, unknown };
  });
  scored.sort((a, b) => b.raw - a.raw || a.line - b.line);
  return scored.map((s, i) => ({ ...s, rank: i + 1 }));
}

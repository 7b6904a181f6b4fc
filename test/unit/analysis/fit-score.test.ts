/**
 * src/analysis/fit-score.ts in-process: which traits count, the range of the sum, and scores
 * worked out by hand (ln values in the comments).
 */
import { describe, expect, it } from 'vitest';
import { scoreProspects, scoreRange, scoringAttributes, type ProfileAttribute, type ProfileLevel, type ProspectInput } from '../../../src/analysis/fit-score.js';
import { OTHER } from '../../../src/analysis/portrait.js';

const level = (value: string, lift: number | null, significant = true, allShare = 0.25): ProfileLevel => ({ value, lift, significant, idealCustomers: 1, allShare });
const numeric = (name: string, over: Partial<{ medianAll: number | null; medianIdeal: number | null; ratio: number | null; significant: boolean }> = {}): ProfileAttribute => ({
  kind: 'numeric', name, medianAll: 10, medianIdeal: 30, ratio: 3, significant: true, ...over,
});

// industry: Retail ln 2, Bank ln 0.5, None (lift 0: as if half of 10 ideal customers had it, of a
// share of 0.25) ln(0.05 / 0.25) = ln 0.2, Other not significant, other values ln 1.5.
// size: medians 10 (all) and 30 (ideal), ratio 3: up to ± ln 3.
// Largest sum ln 2 + ln 3 = ln 6; smallest ln 0.2 − ln 3 = ln(1/15).
const industry: ProfileAttribute = {
  kind: 'categorical', name: 'industry', idealKnown: 10,
  levels: [level('Retail', 2), level('Bank', 0.5), level('None', 0), level('Other', 3, false), level(OTHER, 1.5)],
};
const size = numeric('size');
const attributes: ProfileAttribute[] = [
  industry,
  size,
  { kind: 'categorical', name: 'region', idealKnown: 10, levels: [level('North', 4, false), level('South', null, true)] },
  numeric('age', { significant: false }),
  numeric('staff', { medianIdeal: 10, ratio: 1 }),
  numeric('turnover', { ratio: null }),
  numeric('debt', { ratio: 0 }),
];
const prospect = (line: number, values: Record<string, string | null>): ProspectInput => ({ line, id: `L${line}`, key: null, name: `P${line}`, values: new Map(Object.entries(values)), existing: null });

describe('scoringAttributes and scoreRange', () => {
  it('counts a categorical attribute with a significant level that has a lift, and a numeric one beyond chance with a ratio above 0 and different medians', () => {
    expect(scoringAttributes(attributes).map((a) => a.name)).toEqual(['industry', 'size']);
  });

  it('the range is the best and worst level of each categorical attribute plus ± |ln ratio| of each numeric one', () => {
    const r = scoreRange(attributes);
    expect(r.max).toBeCloseTo(Math.log(6), 12);
    expect(r.min).toBeCloseTo(Math.log(1 / 15), 12);
    // Only raising levels: the smallest stays 0 for them; only lowering: the largest does.
    expect(scoreRange([{ kind: 'categorical', name: 'x', idealKnown: 4, levels: [level('a', 2), level('b', 4)] }])).toEqual({ max: Math.log(4), min: 0 });
    expect(scoreRange([{ kind: 'categorical', name: 'x', idealKnown: 4, levels: [level('a', 0.5), level('b', 0.25)] }])).toEqual({ max: 0, min: Math.log(0.25) });
    // A ratio below 1 counts by its size: medians 30 (all) and 10 (ideal).
    expect(scoreRange([numeric('n', { medianAll: 30, medianIdeal: 10, ratio: 1 / 3 })]).max).toBeCloseTo(Math.log(3), 12);
    expect(scoreRange([])).toEqual({ max: 0, min: 0 });
  });

  it('a value no ideal customer has weighs as if half of one had it, of at least one ideal customer and a share of at least 1e-9', () => {
    // idealKnown 0 counts as 1: ln(0.5 / 1 / 0.25) = ln 2, as the one significant level.
    expect(scoreRange([{ kind: 'categorical', name: 'x', idealKnown: 0, levels: [level('a', 0, true, 0.25)] }]).max).toBeCloseTo(Math.log(2), 12);
    expect(scoreRange([{ kind: 'categorical', name: 'x', idealKnown: 2, levels: [level('a', 0, true, 0)] }]).max).toBeCloseTo(Math.log(0.25 / 1e-9), 6);
  });
});

describe('scoreProspects', () => {
  const prospects = [
    prospect(2, { industry: 'retail ', size: '30' }), // ln 2 + ln 3 = the largest sum: 100
    prospect(3, { industry: 'None', size: '-10' }), // t = (−10 − 10) / 20 = −1: ln 0.2 − ln 3, the smallest: 0
    prospect(4, {}), // nothing known: 50
    prospect(5, { industry: 'Other', size: '20' }), // not significant; t = 0.5: 0.5 ln 3 → 50 + 50 × 0.5493 / 1.7918 = 65.33
    prospect(6, { industry: 'Mining', size: '10' }), // other values ln 1.5; t = 0 adds nothing → 50 + 50 × 0.4055 / 1.7918 = 61.31
    prospect(7, { industry: 'Bank', size: 'n/a' }), // ln 0.5, size not a number → 50 − 50 × (−0.6931) / (−2.7081) = 37.20
    prospect(8, { industry: '  ', size: '1 000', region: 'North' }), // t clamped to 1: ln 3 → 50 + 50 × 1.0986 / 1.7918 = 80.66
    prospect(1, { industry: null }), // nothing known, an earlier line than 4: before it
  ];
  const run = () => scoreProspects(prospects, attributes);

  it('scores 0–100 around 50 and ranks by the sum, then by line', () => {
    const s = run();
    expect(s.map((p) => [p.line, p.rank, p.score])).toEqual([
      [2, 1, 100],
      [8, 2, 81],
      [5, 3, 65],
      [6, 4, 61],
      [1, 5, 50],
      [4, 6, 50],
      [7, 7, 37],
      [3, 8, 0],
    ]);
    expect(s[0]!.raw).toBeCloseTo(Math.log(6), 12);
    expect(s[7]!.raw).toBeCloseTo(Math.log(1 / 15), 12);
    expect(s[2]!.raw).toBeCloseTo(0.5 * Math.log(3), 12);
    expect(s[0]).toMatchObject({ id: 'L2', name: 'P2', key: null, existing: null });
  });

  it('gives the reasons, biggest first, in words', () => {
    const s = run();
    const of = (line: number) => s.find((p) => p.line === line)!;
    expect(of(2).reasons.map((r) => [r.attribute, r.value, r.text])).toEqual([
      ['size', '30', 'size 30: the median of ideal customers is 30, of all customers 10'],
      ['industry', 'retail ', "industry 'retail ': 2.0× as common among ideal customers as among all"],
    ]);
    expect(of(2).reasons[1]!.weight).toBeCloseTo(Math.log(2), 12);
    expect(of(3).reasons.map((r) => [r.attribute, r.text])).toEqual([
      ['industry', "industry 'None': no ideal customer has it"],
      ['size', 'size -10: the median of ideal customers is 30, of all customers 10'],
    ]);
    expect(of(3).reasons[0]!.weight).toBeCloseTo(Math.log(0.2), 12);
    expect(of(3).reasons[1]!.weight).toBeCloseTo(-Math.log(3), 12);
    expect(of(6).reasons.map((r) => r.text)).toEqual(["industry 'Mining': 1.5× as common among ideal customers as among all"]);
    expect(of(5).reasons.map((r) => r.attribute)).toEqual(['size']);
    expect(of(7).reasons.map((r) => r.attribute)).toEqual(['industry']);
  });

  it('lists the counting attributes whose value is empty, blank or absent as unknown', () => {
    const s = run();
    const of = (line: number) => s.find((p) => p.line === line)!;
    expect(of(4).unknown).toEqual(['industry', 'size']);
    expect(of(1).unknown).toEqual(['industry', 'size']);
    expect(of(8).unknown).toEqual(['industry']);
    expect(of(2).unknown).toEqual([]);
  });

  it('says a lift of 10 or more without decimals; equal weights by attribute name', () => {
    const attrs: ProfileAttribute[] = [
      { kind: 'categorical', name: 'b', idealKnown: 3, levels: [level('x', 12)] },
      { kind: 'categorical', name: 'a', idealKnown: 3, levels: [level('y', 12)] },
    ];
    const [p] = scoreProspects([prospect(2, { a: 'y', b: 'x' })], attrs);
    expect(p!.reasons.map((r) => r.text)).toEqual(["a 'y': 12× as common among ideal customers as among all", "b 'x': 12× as common among ideal customers as among all"]);
    expect(p!.score).toBe(100);
    // The same in the other order of attributes; and a lift of exactly 10 is "10×".
    const ordered: ProfileAttribute[] = [
      { kind: 'categorical', name: 'a', idealKnown: 3, levels: [level('y', 10)] },
      { kind: 'categorical', name: 'b', idealKnown: 3, levels: [level('x', 10)] },
    ];
    const [q] = scoreProspects([prospect(2, { a: 'y', b: 'x' })], ordered);
    expect(q!.reasons.map((r) => r.text)).toEqual(["a 'y': 10× as common among ideal customers as among all", "b 'x': 10× as common among ideal customers as among all"]);
  });

  it('matches a value to a level without case or surrounding spaces on either side', () => {
    const attrs: ProfileAttribute[] = [{ kind: 'categorical', name: 'industry', idealKnown: 3, levels: [level(' Retail ', 2)] }];
    expect(scoreProspects([prospect(2, { industry: 'RETAIL' })], attrs)[0]!.reasons.map((r) => r.attribute)).toEqual(['industry']);
  });

  it('without a trait that counts, everyone is 50', () => {
    const s = scoreProspects([prospect(2, { region: 'North' }), prospect(3, { age: '99' })], attributes.slice(2));
    expect(s.map((p) => [p.line, p.score, p.raw, p.reasons.length, p.unknown.length])).toEqual([
      [2, 50, 0, 0, 0],
      [3, 50, 0, 0, 0],
    ]);
    // A sum on one side with no room on that side stays 50: only raising levels, a lowering value is impossible;
    // and an unknown value without an "other values" level adds nothing.
    const up: ProfileAttribute[] = [{ kind: 'categorical', name: 'x', idealKnown: 4, levels: [level('a', 2)] }];
    expect(scoreProspects([prospect(2, { x: 'zzz' })], up)[0]).toMatchObject({ score: 50, raw: 0, reasons: [] });
  });

  it('a numeric trait below the median of all lowers the score in proportion, and a value past the ideal median counts as the ideal one', () => {
    // t = (4 − 10) / 20 = −0.3 → −0.3 ln 3; score 50 − 50 × (−0.3296) / (−2.7081) = 43.91 → 44.
    const [low] = scoreProspects([prospect(2, { size: '4' })], attributes);
    expect(low!.raw).toBeCloseTo(-0.3 * Math.log(3), 12);
    expect(low!.score).toBe(44);
    // Ideal median below all: medians 30 (all) and 10 (ideal); 0 is past the ideal side, t = 1.
    const [past] = scoreProspects([prospect(2, { n: '0' })], [numeric('n', { medianAll: 30, medianIdeal: 10, ratio: 1 / 3 })]);
    expect(past!.raw).toBeCloseTo(Math.log(3), 12);
    expect(past!.score).toBe(100);
  });
});

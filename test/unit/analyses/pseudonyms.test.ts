/** Tests of src/analyses/pseudonyms.ts: every customer key and name replaced by the pseudonym. */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analyses/analysis.js';
import { pseudonymizeAnalysis } from '../../../src/analyses/pseudonyms.js';
import type { Pseudonymizer } from '../../../src/kernel/pseudonymize.js';
import { analysisParams, summary } from '../../helpers/analysis-fixtures.js';

const p: Pseudonymizer = { customer: (k) => `P-${k}`, staff: (s) => `S-${s}` };

function customers(margins: (number | null)[]) {
  return ['ann', 'bob', 'cat', 'dan', 'eve'].map((k, i) => ({ ...summary(k, 30, 5, 500 - 100 * i), name: `Name ${k}`, margin: margins[i] ?? null }));
}

const renamed = <V>(m: ReadonlyMap<string, V>) => new Map([...m].map(([k, v]) => [`P-${k}`, v]));

describe('pseudonymizeAnalysis', () => {
  it('replaces the key and the name of every customer, in the rows, ABC and Pareto flags', () => {
    const a = analyse(customers([]), analysisParams());
    const q = pseudonymizeAnalysis(a, p);
    expect(q.customers.map((c) => [c.key, c.name])).toEqual(a.customers.map((c) => [`P-${c.key}`, `P-${c.key}`]));
    expect(q.abc.rows.map((r) => r.key)).toEqual(a.abc.rows.map((r) => `P-${r.key}`));
    expect(q.abc.rows.map((r) => r.value)).toEqual(a.abc.rows.map((r) => r.value));
    expect(q.pareto.flags).toEqual(renamed(a.pareto.flags));
    // the top 20% of five by revenue: ann alone
    expect([...q.pareto.flags.keys()]).toEqual(['P-ann']);
    expect(q.pareto.total).toBe(a.pareto.total);
    expect(q.paretoMargin).toBeNull();
    // the original is left as it was
    expect(a.customers[0]!.key).toBe('ann');
    expect(a.customers[0]!.name).toBe('Name ann');
  });

  it('renames the margin Pareto flags too when there is one', () => {
    // margins in another order than revenue, so the margin ranking is its own
    const a = analyse(customers([10, 400, 30, 20, 50]), analysisParams());
    expect(a.paretoMargin).not.toBeNull();
    const q = pseudonymizeAnalysis(a, p);
    expect(q.paretoMargin!.flags).toEqual(renamed(a.paretoMargin!.flags));
    expect(q.paretoMargin!.total).toBe(a.paretoMargin!.total);
    // the top 20% of five by margin: bob (400) alone
    expect([...q.paretoMargin!.flags.keys()]).toEqual(['P-bob']);
  });
});

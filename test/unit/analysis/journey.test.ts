/** Invariants of the journey and the fit score over random deals and prospects. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CustomerRow } from '../../../src/analysis/analysis.js';
import { journey } from '../../../src/analysis/journey.js';
import type { Deal } from '../../../src/ingest/deals.js';

function customer(key: string, ideal: boolean): CustomerRow {
  return {
    key, name: key, firstDate: '2022-01-01', lastDate: '2024-12-01', tenureDays: 1000, recencyDays: 30, orders: 10, transactions: 10,
    revenue: 100, refunds: 0, margin: null, marginRate: null, avgCheck: 10, nonPositive: false, abcValue: 100, rank: 1, share: 0.01,
    cumulativeShare: 0.01, abcClass: ideal ? 'A' : 'C', periods: 36, cv: 0.3, xyzClass: 'X', xyzReason: null, r: 5, f: 5, m: 5, rfmScore: '555',
    segment: ideal ? 'Champions' : 'Lost', pareto: ideal ? 'ideal' : null, contribution: null, belowBreakEven: null, punctuality: null,
  };
}

const dealArb = fc.record({
  company: fc.integer({ min: 0, max: 15 }),
  outcome: fc.constantFrom('won', 'lost', 'open') as fc.Arbitrary<Deal['outcome']>,
  days: fc.integer({ min: -5, max: 200 }),
  channel: fc.constantFrom('Web', 'Referral', 'Fair', null),
  category: fc.constantFrom('A', 'B', null),
  activities: fc.option(fc.integer({ min: 0, max: 40 })),
});

describe('journey invariants', () => {
  it('accounts for every deal in every dimension and keeps rates and quartiles in order', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 60 }), (raw) => {
        const customers = Array.from({ length: 10 }, (_, i) => customer(String(i), i < 3));
        const deals: Deal[] = raw.map((d, i) => ({
          line: i + 2, id: null, company: String(d.company), companyName: null, stage: null, outcome: d.outcome,
          created: '2024-01-01', closed: d.outcome === 'open' ? null : new Date(Date.UTC(2024, 0, 1 + d.days)).toISOString().slice(0, 10),
          amount: null, channel: d.channel, category: d.category, activities: d.activities, owner: null, attributes: {},
        }));
        const j = journey(deals, customers);
        for (const dim of ['category', 'ideal', 'abc', 'segment'] as const) {
          const rows = j.rows.filter((r) => r.dimension === dim);
          expect(rows.reduce((s, r) => s + r.deals, 0)).toBe(deals.length);
          expect(rows.reduce((s, r) => s + r.won, 0)).toBe(j.totals.won);
        }
        expect(j.channels.reduce((s, c) => s + c.deals, 0)).toBe(deals.length);
        for (const r of j.rows) {
          expect(r.won + r.lost + r.open).toBe(r.deals);
          if (r.winRate !== null) expect(r.winRate).toBeGreaterThanOrEqual(0);
          if (r.winRate !== null) expect(r.winRate).toBeLessThanOrEqual(1);
          if (r.daysToWon) expect(r.daysToWon.q1 <= r.daysToWon.median && r.daysToWon.median <= r.daysToWon.q3).toBe(true);
          if (r.daysToWon) expect(r.daysToWon.q1).toBeGreaterThanOrEqual(0);
        }
        // Won customers by channel add up to the customers with a won deal.
        const wonCustomers = new Set(deals.filter((d) => d.outcome === 'won' && Number(d.company) < 10).map((d) => d.company));
        expect(j.channels.reduce((s, c) => s + c.wonCustomers, 0)).toBe(wonCustomers.size);
      }),
    );
  });
});

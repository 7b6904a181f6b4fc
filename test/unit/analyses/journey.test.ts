/** Invariants of the journey and the fit score over random deals and prospects. */
/**
 * src/analyses/journey.ts in-process, on deals written out below: every count, quartile and
 * sentence is worked out by hand from them (the working is in the comments).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CustomerRow } from '../../../src/analyses/analysis.js';
import { journey, customerMatcher, daysToWon, NOT_A_CUSTOMER, outcomeCounts, UNKNOWN } from '../../../src/analyses/journey.js';
import type { Deal } from '../../../src/sources/files/deals.js';
import { customerRow } from '../../helpers/analysis-fixtures.js';

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

const deal = (line: number, over: Partial<Deal> = {}): Deal => ({
  line, id: `D${line}`, company: null, companyName: null, stage: null, outcome: 'open', created: null, closed: null, amount: null,
  channel: null, category: null, activities: null, owner: null, attributes: {}, ...over,
});

// c1 and c3 ideal (c3 elite), c2 not; c4 has no deal.
const customers: CustomerRow[] = [
  customerRow('c1', { name: 'Alpha', pareto: 'ideal', abcClass: 'A', segment: 'Champions' }),
  customerRow('c2', { name: 'Beta', pareto: null, abcClass: 'B', segment: 'Loyal Customers' }),
  customerRow('c3', { name: 'Gamma Co', pareto: 'elite', abcClass: 'A', segment: 'Champions' }),
  customerRow('c4', { name: 'Delta', pareto: null, abcClass: 'C', segment: 'Lost' }),
];

const deals: Deal[] = [
  // c1: won in 10 days through ads, and in 4 days through web (closed first: c1 came through web).
  deal(2, { company: 'c1', outcome: 'won', created: '2024-01-01', closed: '2024-01-11', channel: 'ads', category: 'X', activities: 4, attributes: { region: 'N' } }),
  deal(3, { company: 'c1', outcome: 'won', created: '2024-01-01', closed: '2024-01-05', channel: 'web', category: 'X', activities: 2, attributes: { region: 'N' } }),
  deal(4, { company: 'c2', outcome: 'lost', channel: 'ads', category: 'Y', activities: 9, attributes: { region: 'S' } }),
  // Won without a close date: days unknown.
  deal(5, { company: 'c2', outcome: 'won', created: '2024-02-01', channel: 'ads', attributes: { region: null } }),
  // Not a customer; closed before created: days unknown.
  deal(6, { company: 'zz', outcome: 'won', created: '2024-03-10', closed: '2024-03-01', activities: 3 }),
  // No company at all.
  deal(7, { outcome: 'open', channel: 'web' }),
  // Won on the day it was created.
  deal(8, { company: 'c3', outcome: 'won', created: '2024-05-01', closed: '2024-05-01', channel: 'web' }),
];

describe('outcomeCounts and daysToWon', () => {
  it('win rate is won ÷ (won + lost), open deals aside; none closed is no rate', () => {
    expect(outcomeCounts(deals)).toEqual({ deals: 7, won: 5, lost: 1, open: 1, winRate: 5 / 6 });
    expect(outcomeCounts([deal(1), deal(2)])).toEqual({ deals: 2, won: 0, lost: 0, open: 2, winRate: null });
    expect(outcomeCounts([deal(1, { outcome: 'lost' })])).toEqual({ deals: 1, won: 0, lost: 1, open: 0, winRate: 0 });
    expect(outcomeCounts([])).toEqual({ deals: 0, won: 0, lost: 0, open: 0, winRate: null });
  });

  it('days to won: close − created of a won deal with both dates, not negative', () => {
    expect(daysToWon(deals[0]!)).toBe(10);
    expect(daysToWon(deals[6]!)).toBe(0);
    expect(daysToWon(deals[3]!)).toBeUndefined();
    expect(daysToWon(deals[4]!)).toBeUndefined();
    expect(daysToWon(deal(1, { outcome: 'won', closed: '2024-01-02' }))).toBeUndefined();
    expect(daysToWon(deal(1, { outcome: 'lost', created: '2024-01-01', closed: '2024-01-02' }))).toBeUndefined();
  });
});

describe('customerMatcher', () => {
  it('matches by key when a deal has a key (else by its folded name), by name when none has', () => {
    const byKey = customerMatcher(customers, [deal(1, { company: 'c1' })]);
    expect(byKey.by).toBe('key');
    expect(byKey.find(deal(1, { company: 'c2' }))?.key).toBe('c2');
    // A key column that holds a name still finds the customer by name.
    expect(byKey.find(deal(1, { company: '  gamma   CO ' }))?.key).toBe('c3');
    expect(byKey.find(deal(1, { company: 'nobody' }))).toBeUndefined();
    const byName = customerMatcher(customers, [deal(1, { companyName: 'Alpha' }), deal(2)]);
    expect(byName.by).toBe('name');
    expect(byName.find(deal(1, { companyName: 'GAMMA\tco' }))?.key).toBe('c3');
    // A name column that holds a key still finds it by key.
    expect(byName.find(deal(1, { companyName: 'c4' }))?.key).toBe('c4');
    expect(byName.find(deal(1))).toBeUndefined();
    // Runs of spaces are one space, not none: words stay apart.
    expect(byKey.find(deal(1, { company: 'GammaCo' }))).toBeUndefined();
    // A key wins over a name when a deal has both.
    expect(byKey.find(deal(1, { company: 'c2', companyName: 'Alpha' }))?.key).toBe('c2');
  });
});

describe('journey', () => {
  // Run inside each test, so that Stryker's per-test coverage credits it.
  const run = () => journey(deals, customers, { groupColumn: 'region' });
  const rowsOf = (dim: string) => run().rows.filter((r) => r.dimension === dim);

  it('totals, and rows per category by number of deals then name, with quartiles of days and activities', () => {
    const j = run();
    expect(j.totals).toEqual({ deals: 7, won: 5, lost: 1, open: 1, winRate: 5 / 6 });
    expect(rowsOf('category')).toEqual([
      // Deals 5, 6, 7, 8; won 5, 6, 8; days known only for 8 (0); activities only for 6 (3).
      { dimension: 'category', value: UNKNOWN, deals: 4, won: 3, lost: 0, open: 1, winRate: 1, daysToWon: { n: 1, q1: 0, median: 0, q3: 0 }, activitiesToWon: { n: 1, q1: 3, median: 3, q3: 3 } },
      // Days 10 and 4: type 7 quartiles of [4, 10] are 5.5, 7, 8.5; activities [2, 4]: 2.5, 3, 3.5.
      { dimension: 'category', value: 'X', deals: 2, won: 2, lost: 0, open: 0, winRate: 1, daysToWon: { n: 2, q1: 5.5, median: 7, q3: 8.5 }, activitiesToWon: { n: 2, q1: 2.5, median: 3, q3: 3.5 } },
      { dimension: 'category', value: 'Y', deals: 1, won: 0, lost: 1, open: 0, winRate: 0, daysToWon: null, activitiesToWon: null },
    ]);
  });

  it('rows by ideal, ABC and segment of the deal\'s customer (elite counts as ideal), ties by name', () => {
    const j = run();
    expect(rowsOf('ideal').map((r) => [r.value, r.deals])).toEqual([
      ['ideal', 3],
      [NOT_A_CUSTOMER, 2],
      ['other customer', 2],
    ]);
    expect(rowsOf('abc').map((r) => [r.value, r.deals])).toEqual([
      ['A', 3],
      ['B', 2],
      [NOT_A_CUSTOMER, 2],
    ]);
    expect(rowsOf('segment').map((r) => [r.value, r.deals])).toEqual([
      ['Champions', 3],
      ['Loyal Customers', 2],
      [NOT_A_CUSTOMER, 2],
    ]);
    expect(rowsOf('group').map((r) => [r.value, r.deals])).toEqual([
      [UNKNOWN, 4],
      ['N', 2],
      ['S', 1],
    ]);
    expect(j.groupColumn).toBe('region');
    const plain = journey(deals, customers);
    expect(plain.rows.filter((r) => r.dimension === 'group')).toEqual([]);
    expect(plain.groupColumn).toBeNull();
  });

  it('channels: outcomes, median days, and the customers each brought by their first won deal (by close date)', () => {
    const j = run();
    // c1 came through web (deal 3 closed first), c3 through web, c2 through ads (deal 5, no close date, last).
    // Ideal among won customers: 2 of 3; web 2 of 2 (lift 1 ÷ 2/3 = 1.5), ads 0 of 1 (lift 0).
    expect(j.channels.map((c) => [c.channel, c.deals, c.won, c.lost, c.open, c.winRate, c.medianDaysToWon, c.wonCustomers, c.idealCustomers, c.idealShare, c.lift, c.significant])).toEqual([
      ['ads', 3, 2, 1, 0, 2 / 3, 10, 1, 0, 0, 0, false],
      ['web', 3, 2, 0, 1, 1, 2, 2, 2, 1, 1.5, false],
      [UNKNOWN, 1, 1, 0, 0, 1, null, 0, 0, null, null, false],
    ]);
    expect(j.channels[2]!.p).toBeNull();
    // With fewer than 5 ideal customers seen or expected, nothing is tested.
    expect(j.test).toEqual({ tests: 0, minCount: 5, alpha: 0.05 });
    expect(j.sentence).toBe('No channel brings ideal customers beyond chance; the highest share comes through web (2 of 2 won customers ideal, 1.5×), which could be chance.');
  });

  it('the first won deal is the first closed, then the first line; a later one does not replace it', () => {
    const ds = [
      deal(9, { company: 'c1', outcome: 'won', closed: '2024-03-01', channel: 'late' }),
      deal(5, { company: 'c1', outcome: 'won', closed: '2024-02-01', channel: 'tie-second' }),
      deal(4, { company: 'c1', outcome: 'won', closed: '2024-02-01', channel: 'tie-first' }),
      deal(3, { company: 'c1', outcome: 'won', channel: 'no date' }),
      deal(2, { company: 'c1', outcome: 'lost', closed: '2024-01-01', channel: 'lost' }),
    ];
    const got = journey(ds, customers).channels.filter((c) => c.wonCustomers > 0).map((c) => c.channel);
    expect(got).toEqual(['tie-first']);
    // A won deal without a close date comes after every dated one, wherever it is in the file.
    const undatedFirst = [deal(2, { company: 'c1', outcome: 'won', channel: 'undated' }), deal(3, { company: 'c1', outcome: 'won', closed: '2024-01-01', channel: 'dated' })];
    expect(journey(undatedFirst, customers).channels.filter((c) => c.wonCustomers > 0).map((c) => c.channel)).toEqual(['dated']);
  });

  it('matching: deals and companies matched, won companies without purchases, customers without a deal', () => {
    const j = run();
    expect(j.match).toEqual({
      deals: 7,
      dealsMatched: 5,
      companies: 4,
      companiesMatched: 3,
      wonWithoutPurchases: ['zz'],
      customersWithoutDeal: 1,
      dealsWithoutCompany: 1,
      by: 'key',
    });
    expect(j.daysUnknown).toBe(2);
    const named = journey([deal(1, { companyName: 'Beta', outcome: 'won' }), deal(2, { companyName: 'Nobody', outcome: 'won' }), deal(3, { companyName: 'Nobody', outcome: 'won' }), deal(4, { companyName: 'Aaa', outcome: 'won' }), deal(5, { companyName: 'Lost Co', outcome: 'lost' })], customers);
    // The four won deals have no dates: four unknown (the lost one is not counted).
    expect(named.daysUnknown).toBe(4);
    expect(named.match).toEqual({ deals: 5, dealsMatched: 1, companies: 4, companiesMatched: 1, wonWithoutPurchases: ['Aaa', 'Nobody'], customersWithoutDeal: 3, dealsWithoutCompany: 0, by: 'name' });
  });

  it('says so when no won deal belongs to a customer', () => {
    const none = journey([deal(1, { company: 'zz', outcome: 'won', channel: 'web' })], customers);
    expect(none.sentence).toBe('No won deal belongs to a customer of the sales files, so no channel can be compared.');
    const lostOnly = journey([deal(1, { company: 'c1', outcome: 'lost', channel: 'web' })], customers);
    expect(lostOnly.sentence).toBe('No won deal belongs to a customer of the sales files, so no channel can be compared.');
  });

  it('without any lift worth naming, says no channel and names none', () => {
    // One won customer, not ideal: lift 0 ÷ 0 is no lift.
    const j2 = journey([deal(1, { company: 'c2', outcome: 'won', channel: 'web' })], customers);
    expect(j2.channels[0]!.lift).toBeNull();
    expect(j2.sentence).toBe('No channel brings ideal customers beyond chance.');
  });

  describe('a channel beyond chance', () => {
    // 3 customers through "ref", all ideal; 40 through "cold", none ideal; 43 won customers, 3 ideal.
    // Lift of ref: 1 ÷ (3/43) = 14.33 (said "14×"); of cold: 0. Fisher, two-sided, for either table
    // [[3, 0], [0, 40]]: only the observed table is as unlikely, p = 1 / C(43, 3) = 1 / 12341.
    const many = [
      ...Array.from({ length: 3 }, (_, i) => customerRow(`r${i}`, { pareto: 'ideal' })),
      ...Array.from({ length: 40 }, (_, i) => customerRow(`k${i}`, { pareto: null })),
    ];
    const ds = many.map((c, i) => deal(i + 2, { company: c.key, outcome: 'won', channel: c.key.startsWith('r') ? 'ref' : 'cold', closed: '2024-01-01' }));

    it('names it with its count and lift, and the channels that bring fewer', () => {
      const j3 = journey(ds, many, { minCount: 1, alpha: 0.05 });
      expect(j3.test).toEqual({ tests: 2, minCount: 1, alpha: 0.05 });
      const ref = j3.channels.find((c) => c.channel === 'ref')!;
      expect(ref.p).toBeCloseTo(1 / 12341, 10);
      expect(ref).toMatchObject({ wonCustomers: 3, idealCustomers: 3, idealShare: 1, significant: true });
      expect(ref.lift).toBeCloseTo(43 / 3, 12);
      expect(j3.channels.find((c) => c.channel === 'cold')).toMatchObject({ lift: 0, significant: true });
      expect(j3.sentence).toBe('The ideal customers come through ref (3 of 3 won customers ideal, 14×), beyond chance. Fewer of them come through cold (0.0×).');
    });

    it('at a stricter alpha nothing is beyond chance, and the highest share is named as possibly chance', () => {
      const j4 = journey(ds, many, { minCount: 1, alpha: 1e-5 });
      expect(j4.test.alpha).toBe(1e-5);
      expect(j4.channels.every((c) => !c.significant)).toBe(true);
      expect(j4.sentence).toBe('No channel brings ideal customers beyond chance; the highest share comes through ref (3 of 3 won customers ideal, 14×), which could be chance.');
    });

    it('without a channel that brings fewer, says only the one that brings more', () => {
      // A minimum of 3: cold has 0 ideal customers and 40/43 × 3 = 2.79 expected, so it is not tested.
      const j6 = journey(ds, many, { minCount: 3 });
      expect(j6.test.tests).toBe(1);
      expect(j6.sentence).toBe('The ideal customers come through ref (3 of 3 won customers ideal, 14×), beyond chance.');
    });

    it('says a lift of exactly 10 as 10×', () => {
      // Ten won customers, one ideal, through ref: lift 1 ÷ (1/10) = 10.
      const ten = [customerRow('r0', { pareto: 'ideal' }), ...Array.from({ length: 9 }, (_, i) => customerRow(`k${i}`, { pareto: null }))];
      const dt = ten.map((c, i) => deal(i + 2, { company: c.key, outcome: 'won', channel: c.key === 'r0' ? 'ref' : 'cold', closed: '2024-01-01' }));
      expect(journey(dt, ten).sentence).toBe('No channel brings ideal customers beyond chance; the highest share comes through ref (1 of 1 won customers ideal, 10×), which could be chance.');
    });

    it('three channels beyond chance: commas, then "and"', () => {
      // ref1, ref2, ref3: 3 ideal customers each; cold: 90, none ideal. Lift 1 ÷ (9/99) = 11 each;
      // fisher_exact([[3,0],[6,90]]).pvalue × 4 tests = 0.0021 < 0.05.
      const c3 = [
        ...Array.from({ length: 9 }, (_, i) => customerRow(`r${i}`, { pareto: 'ideal' })),
        ...Array.from({ length: 90 }, (_, i) => customerRow(`k${i}`, { pareto: null })),
      ];
      const d3 = c3.map((c, i) => deal(i + 2, { company: c.key, outcome: 'won', channel: c.key.startsWith('k') ? 'cold' : `ref${Math.floor(Number(c.key.slice(1)) / 3) + 1}`, closed: '2024-01-01' }));
      const j7 = journey(d3, c3, { minCount: 1 });
      expect(j7.sentence).toBe(
        'The ideal customers come through ref1 (3 of 3 won customers ideal, 11×), ref2 (3 of 3 won customers ideal, 11×) and ref3 (3 of 3 won customers ideal, 11×), beyond chance. Fewer of them come through cold (0.0×).',
      );
    });

    it('joins two channels beyond chance with "and", three with commas', () => {
      // Two "ref"-like channels of 3 ideal each against 60 others: each lift 1 ÷ (6/66) = 11.
      const more = [
        ...Array.from({ length: 6 }, (_, i) => customerRow(`r${i}`, { pareto: 'ideal' })),
        ...Array.from({ length: 60 }, (_, i) => customerRow(`k${i}`, { pareto: null })),
      ];
      const ch = (k: string): string => (k.startsWith('k') ? 'cold' : Number(k.slice(1)) < 3 ? 'ref' : 'fair');
      const dd = more.map((c, i) => deal(i + 2, { company: c.key, outcome: 'won', channel: ch(c.key), closed: '2024-01-01' }));
      const j5 = journey(dd, more, { minCount: 1 });
      expect(j5.sentence).toBe('The ideal customers come through fair (3 of 3 won customers ideal, 11×) and ref (3 of 3 won customers ideal, 11×), beyond chance. Fewer of them come through cold (0.0×).');
    });
  });
});

/** Tests of src/analyses/picks.ts. */
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../../../src/analyses/analysis.js';
import { asTable } from '../../../src/analyses/customer-table.js';
import { comparePicks, isLatePayer, isLatePayerAt, losesMoney, losesMoneyAt, nearestCustomers, pickMatcher, shortlist, unmatchedHint, unmatchedPickWarnings, type PickComparison } from '../../../src/analyses/picks.js';
import { rankIdeal } from '../../../src/analyses/report.js';
import { customerRow } from '../../helpers/analysis-fixtures.js';
import { oneColumnPicks } from '../../../src/sources/files/table.js';

const row = customerRow;

// 20 customers, the first 5 ideal (the first of them elite).
const customers: CustomerRow[] = Array.from({ length: 20 }, (_, i) =>
  row(`k${String(i).padStart(2, '0')}`, { rank: i + 1, pareto: i === 0 ? 'elite' : i < 5 ? 'ideal' : null, abcValue: 100 - i, revenue: 100 - i }),
);

describe('picks against the accounts', () => {
  const late = row('late', { rank: 12, pareto: null, abcClass: 'C', xyzClass: 'Z', segment: 'At Risk', recencyDays: 400, punctuality: { invoices: 6, onTimeShare: 0.1, meanDaysLate: 35 } });
  const all = [...customers.slice(0, 11), late, ...customers.slice(11)];
  const picks = [
    { customer: 'k01', pickedBy: 'Anna', reason: 'big' },
    { customer: 'LATE', pickedBy: 'Bo', reason: 'friendly' },
    { customer: 'nobody', pickedBy: 'Bo', reason: 'gone' },
  ];
  // Called inside each it(): per-test coverage credits nothing computed at collection.
  const compare = () => comparePicks('picks.csv', picks, all);
  it('sorts picks into agreed, not backed and unmatched, matching names case-insensitively', () => {
    const cmp = compare();
    expect(cmp.agreed.map((a) => a.customer.key)).toEqual(['k01']);
    expect(cmp.notBacked.map((a) => a.customer.key)).toEqual(['late']);
    expect(cmp.unmatched).toEqual([{ customer: 'nobody', pickedBy: 'Bo', nearest: [] }]);
  });
  it('gives the real figures of a pick the accounts do not back', () => {
    const cmp = compare();
    expect(cmp.notBacked[0]!.why).toEqual([
      'small: class C, rank 12 of 21',
      'lapsed: at risk, last purchase 400 days ago',
      'late payer: 10% of invoices paid on time, 35 days late on average',
      'erratic buyer (Z)',
    ]);
  });
  it('lists the ideal customers nobody picked, and shortlists the agreed first', () => {
    const cmp = compare();
    expect(cmp.unpicked.map((c) => c.key)).toEqual(['k00', 'k02', 'k03', 'k04']);
    const ranking = rankIdeal(all);
    expect(shortlist(ranking, cmp).map((c) => c.key)).toEqual(['k01', 'k00', 'k02', 'k03', 'k04']);
    expect(shortlist(ranking, null).map((c) => c.key)).toEqual(['k00', 'k01', 'k02', 'k03', 'k04']);
  });
});

describe('unmatched picks', () => {
  const named = [row('100', { name: 'John Doe A/S', rank: 1 }), row('200', { name: 'Nordbyg ApS', rank: 2 }), row('300', { name: 'Café Solsikke', rank: 3 })];
  it('find the nearest customer names: a typo, a short form, a key', () => {
    expect(nearestCustomers('Jon Doe', named).map((c) => c.key)).toEqual(['100']);
    expect(nearestCustomers('nordbyg', named).map((c) => c.key)).toEqual(['200']);
    expect(nearestCustomers('Cafe Solsike', named).map((c) => c.key)).toEqual(['300']);
    expect(nearestCustomers('Zebra Holdings International', named)).toEqual([]);
  });
  it('are listed with them', () => {
    const cmp = comparePicks('picks.csv', [{ customer: 'Jon Doe', pickedBy: null, reason: null }], named);
    expect(cmp.unmatched.map((u) => [u.customer, u.nearest.map((c) => c.name)])).toEqual([['Jon Doe', ['John Doe A/S']]]);
  });
  it('a picks file of one column, just names, is read as names', () => {
    expect(oneColumnPicks('Nordbyg ApS\r\nJon Doe\n\n"Café ""Sol"""\n')).toEqual(['Nordbyg ApS', 'Jon Doe', 'Café "Sol"']);
    expect(oneColumnPicks('\uFEFFcustomer\nNordbyg ApS\n')).toEqual(['Nordbyg ApS']);
    expect(oneColumnPicks('customer,picked_by\nNordbyg ApS,Anna\n')).toBeNull();
  });
});

describe('losing money and paying late', () => {
  it('a customer loses money with a margin or a contribution below 0, not at 0', () => {
    const cases: [number | null, number | null, boolean][] = [[-1, null, true], [null, -0.01, true], [0, 0, false], [5, null, false], [null, null, false], [5, -2, true]];
    for (const [margin, contribution, loses] of cases) {
      const c = row('a', { margin, contribution });
      expect(losesMoney(c), `${margin} ${contribution}`).toBe(loses);
      expect(losesMoneyAt(asTable([c]), 0), `${margin} ${contribution}`).toBe(loses);
    }
  });

  it('a late payer has two or more invoices, under half on time, 10 or more days late on average', () => {
    const cases: [{ invoices: number; onTimeShare: number; meanDaysLate: number } | null, boolean][] = [
      [{ invoices: 2, onTimeShare: 0.49, meanDaysLate: 10 }, true],
      [{ invoices: 1, onTimeShare: 0, meanDaysLate: 30 }, false],
      [{ invoices: 5, onTimeShare: 0.5, meanDaysLate: 30 }, false],
      [{ invoices: 5, onTimeShare: 0, meanDaysLate: 9.9 }, false],
      [null, false],
    ];
    for (const [punctuality, late] of cases) {
      const c = row('a', { punctuality });
      expect(isLatePayer(c), JSON.stringify(punctuality)).toBe(late);
      expect(isLatePayerAt(asTable([c]), 0), JSON.stringify(punctuality)).toBe(late);
    }
  });
});

describe('why a pick is not backed', () => {
  const whyOf = (c: CustomerRow, n = 30) => {
    const others = Array.from({ length: n - 1 }, (_, i) => row(`o${i}`, { rank: 100 + i, pareto: null }));
    return comparePicks('p.csv', [{ customer: c.key, pickedBy: null, reason: null }], [c, ...others]).notBacked[0]!.why;
  };
  it('names each figure that keeps it out, and only those', () => {
    expect(whyOf(row('b', { rank: 7, pareto: null, abcClass: 'B', segment: 'Hibernating', recencyDays: 200, belowBreakEven: true }))).toEqual([
      'mid-sized: class B, rank 7 of 30',
      'lapsed: hibernating, last purchase 200 days ago',
      'below break-even',
    ]);
    // a refund-only customer is not also "small"
    expect(whyOf(row('r', { rank: 30, pareto: null, abcClass: 'C', nonPositive: true }))).toEqual(['net revenue is zero or negative']);
    // rounded: 1/3 on time is 33%, 12.6 days is 13
    expect(whyOf(row('l', { rank: 6, pareto: null, abcClass: 'A', punctuality: { invoices: 3, onTimeShare: 1 / 3, meanDaysLate: 12.6 } }))).toEqual([
      'late payer: 33% of invoices paid on time, 13 days late on average',
    ]);
    expect(whyOf(row('n', { rank: 6, pareto: null, abcClass: 'A', belowBreakEven: false }), 12)).toEqual(['just outside the ideal group: rank 6 of 12']);
  });
});

describe('matching picks', () => {
  it('by key first, else by name with case and spacing folded; the first of equal names', () => {
    const cs = [row('x', { name: 'Beta' }), row('beta', { name: 'x' }), row('d1', { name: 'Dup Co' }), row('d2', { name: 'Dup Co' })];
    const match = pickMatcher(cs);
    expect(match('x')?.key).toBe('x');
    expect(match('  BETA ')?.key).toBe('x');
    expect(match('dup   co')?.key).toBe('d1');
    expect(match('Dup Co ltd')).toBeUndefined();
  });

  it('nearest: by edit distance within half the name, then by rank; at most `count`', () => {
    const cs = [
      row('a', { name: 'abcdwxyz', rank: 1 }), // distance 4 = the limit for 8 letters
      row('b', { name: 'abcdefgx', rank: 3 }), // distance 1
      row('c', { name: 'abcvwxyz', rank: 2 }), // distance 5: too far
      row('abcdefgh', { name: 'zzzz', rank: 4 }), // the key itself: 0
    ];
    expect(nearestCustomers('abcdefgh', cs).map((c) => c.key)).toEqual(['abcdefgh', 'b', 'a']);
    expect(nearestCustomers('abcdefgh', cs, 2).map((c) => c.key)).toEqual(['abcdefgh', 'b']);
    expect(nearestCustomers('   ', cs)).toEqual([]);
    // equally near: by rank
    const same = [row('p', { name: 'Shop 1', rank: 9 }), row('q', { name: 'Shop 2', rank: 2 }), row('r', { name: 'Shop 3', rank: 5 }), row('s', { name: 'Shop 4', rank: 1 })];
    expect(nearestCustomers('Shop', same).map((c) => c.key)).toEqual(['s', 'q', 'r']);
    // a two-letter pick still allows 2 edits (key or name: 'uuuu' and 'xyzw' are 4 away)
    expect(nearestCustomers('ab', [row('t', { name: 'xy' }), row('uuuu', { name: 'xyzw' })]).map((c) => c.key)).toEqual(['t']);
  });

  it('one customer picked several times is one entry, each picker and reason once, agreed in rank order', () => {
    const picks = [
      { customer: 'k03', pickedBy: 'Cy', reason: 'steady' },
      { customer: 'k01', pickedBy: 'Anna', reason: 'big' },
      { customer: 'k01', pickedBy: 'Anna', reason: 'big' },
      { customer: 'k01', pickedBy: 'Bo', reason: null },
      { customer: 'k01', pickedBy: null, reason: 'loyal' },
    ];
    const cmp = comparePicks('picks.csv', picks, customers);
    expect(cmp.picks).toBe(5);
    expect(cmp.file).toBe('picks.csv');
    expect(cmp.agreed.map((a) => [a.customer.key, a.pickedBy, a.reasons, a.why])).toEqual([
      ['k01', ['Anna', 'Bo'], ['big', 'loyal'], []],
      ['k03', ['Cy'], ['steady'], []],
    ]);
    expect(cmp.notBacked).toEqual([]);
    expect(cmp.unpicked.map((c) => c.key)).toEqual(['k00', 'k02', 'k04']);
  });
});

describe('the shortlist', () => {
  const ranking = customers; // 20 in rank order
  const comparison = (agreed: number): PickComparison => ({
    file: 'p.csv', picks: agreed, unmatched: [], notBacked: [],
    agreed: ranking.slice(20 - agreed).map((customer) => ({ customer, pickedBy: [], reasons: [], why: [] })),
    unpicked: ranking.slice(0, 20 - agreed),
  });
  it('is 10 without picks, the agreed then the top unpicked, more when more agree, at most 12', () => {
    expect(shortlist(ranking, null).map((c) => c.key)).toEqual(ranking.slice(0, 10).map((c) => c.key));
    // 3 agreed (the last three), then the first 7 unpicked
    expect(shortlist(ranking, comparison(3)).map((c) => c.key)).toEqual([...ranking.slice(17), ...ranking.slice(0, 7)].map((c) => c.key));
    expect(shortlist(ranking, comparison(11))).toHaveLength(11);
    expect(shortlist(ranking, comparison(14))).toHaveLength(12);
  });
});

describe('unmatched pick warnings', () => {
  const john = row('100', { name: 'John Doe A/S' });
  it('names the nearest customers, with the key where it differs from the name', () => {
    expect(unmatchedHint([])).toBe('no customer has a similar name or key');
    expect(unmatchedHint([john, row('7')])).toBe('nearest John Doe A/S (100), 7');
    expect(unmatchedHint([john], (s) => `[${s}]`)).toBe('nearest [John Doe A/S] ([100])');
    // by default the documents' data marks are removed
    expect(unmatchedHint([row('\uE000k\uE001', { name: '\uE000Acme\uE001' })])).toBe('nearest Acme (k)');
  });
  it('one line per unmatched pick, with who picked it', () => {
    const p: PickComparison = {
      file: 'picks.csv', picks: 2, agreed: [], notBacked: [], unpicked: [],
      unmatched: [{ customer: 'Jon Doe', pickedBy: 'Anna', nearest: [john] }, { customer: 'zz', pickedBy: null, nearest: [] }],
    };
    expect(unmatchedPickWarnings(p)).toEqual([
      "picks.csv: the pick 'Jon Doe' (by Anna) matches no customer by key or name; nearest John Doe A/S (100)",
      "picks.csv: the pick 'zz' matches no customer by key or name; no customer has a similar name or key",
    ]);
  });
});

describe('picks, the survivors of the first Stryker run', () => {
  const r = (key: string, over: Partial<CustomerRow> = {}): CustomerRow => customerRow(key, over);
  it('calls every lapsed segment of the default and one-off tables lapsed', () => {
    for (const segment of ['At Risk', "Can't Lose Them", 'Hibernating', 'Lost', 'About To Sleep', 'Lost Big Spenders', 'Fading Buyers', 'Fading Big Spenders']) {
      const c = r('x', { segment, abcClass: 'A', recencyDays: 200, pareto: null });
      const p = comparePicks('p.csv', [{ customer: 'x', pickedBy: null, reason: null }], [c]);
      expect([segment, p.notBacked[0]!.why]).toEqual([segment, [`lapsed: ${segment.toLowerCase()}, last purchase 200 days ago`]]);
    }
  });
  it('folds names to lower case and runs of spaces to one space, never removing them', () => {
    const match = pickMatcher([r('k1', { name: 'Straße GmbH' }), r('k2', { name: 'Acme Tools' })]);
    expect(match('STRASSE GMBH')).toBeUndefined();
    expect(match('STRAßE   gmbh')?.key).toBe('k1');
    expect(match('AcmeTools')).toBeUndefined();
    expect(match(' acme \t tools ')?.key).toBe('k2');
  });
  it('nearest: the start of a name counts, of the pick’s length and one more', () => {
    // 'jon' is the start of A's name (distance 0 + 1); 'jonx' is one edit away: a tie, A first by rank.
    const a = r('K1', { name: 'jon doe holding', rank: 1 });
    const b = r('K2', { name: 'jonx', rank: 2 });
    expect(nearestCustomers('jon', [b, a]).map((c) => c.key)).toEqual(['K1', 'K2']);
    // 'jhn' is two edits from 'joh' but one from 'john' (+1): within the limit of 2 only by the longer start.
    expect(nearestCustomers('jhn', [r('K9', { name: 'john doe holding' })]).map((c) => c.key)).toEqual(['K9']);
  });
});

/** Tests of src/analyses/picks.ts. */
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../../../src/analyses/analysis.js';
import { comparePicks, shortlist, nearestCustomers } from '../../../src/analyses/picks.js';
import { rankIdeal } from '../../../src/analyses/report.js';
import { customerRow } from '../../helpers/analysis-fixtures.js';
import { oneColumnPicks } from '../../../src/ingest/table.js';

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
  const cmp = comparePicks('picks.csv', picks, all);
  it('sorts picks into agreed, not backed and unmatched, matching names case-insensitively', () => {
    expect(cmp.agreed.map((a) => a.customer.key)).toEqual(['k01']);
    expect(cmp.notBacked.map((a) => a.customer.key)).toEqual(['late']);
    expect(cmp.unmatched).toEqual([{ customer: 'nobody', pickedBy: 'Bo', nearest: [] }]);
  });
  it('gives the real figures of a pick the accounts do not back', () => {
    expect(cmp.notBacked[0]!.why).toEqual([
      'small: class C, rank 12 of 21',
      'lapsed: at risk, last purchase 400 days ago',
      'late payer: 10% of invoices paid on time, 35 days late on average',
      'erratic buyer (Z)',
    ]);
  });
  it('lists the ideal customers nobody picked, and shortlists the agreed first', () => {
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

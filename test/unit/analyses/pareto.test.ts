/** Tests of src/analyses/pareto.ts. */
import { describe, expect, it } from 'vitest';
import { paretoAnalysis, paretoRanked } from '../../../src/analyses/pareto.js';

describe('Pareto groups are taken of every customer, not only the profitable ones', () => {
  // Ten customers, three with a positive value: the top 20% is ⌈0.2 × 10⌉ = 2 customers, the
  // top 4% is 1. Counting only the three profitable ones would give 1 and 1.
  const values = [100, 90, 80, 0, 0, 0, 0, 0, -1, -2];
  // Inside each test, not at collection: Stryker credits a mutant only to the tests that run it.
  const pareto = () => paretoAnalysis(values.map((value, i) => ({ key: `c${i}`, value })), 0.2, 0.04);
  it('sizes the ideal and elite groups on all ten', () => {
    const r = pareto();
    expect(r.customers).toBe(10);
    expect(r.ideal.customers).toBe(2);
    expect(r.elite.customers).toBe(1);
    expect([...r.flags]).toEqual([['c0', 'elite'], ['c1', 'ideal']]);
  });
  it('gives their shares of the net total', () => {
    const r = pareto();
    // 190 of a net 267.
    expect(r.ideal.share).toBeCloseTo(190 / 267, 12);
    expect(r.elite.share).toBeCloseTo(100 / 267, 12);
  });
  it('never lets a zero-value customer fill a group that the count would reach', () => {
    const few = paretoAnalysis([5, 0, 0, 0, 0].map((value, i) => ({ key: `z${i}`, value })), 0.4, 0.2);
    // ⌈0.4 × 5⌉ = 2, but the second customer has nothing: the group stops at one.
    expect(few.ideal.customers).toBe(1);
  });
});

const items = (values: readonly number[]) => values.map((value, i) => ({ key: `c${String(i).padStart(3, '0')}`, value }));

describe('Pareto group sizes', () => {
  it('take ⌈fraction × n⌉ even when the product is a hair above a whole number', () => {
    // 0.07 × 100 is 7.000000000000001 in floating point: the group is 7, not 8.
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const r = paretoAnalysis(items(values), 0.07, 0.03);
    expect(r.ideal.customers).toBe(7);
    expect(r.elite.customers).toBe(3);
    expect(r.ideal.value).toBe(100 + 99 + 98 + 97 + 96 + 95 + 94);
  });
  it('never make the elite larger than the ideal group', () => {
    const r = paretoAnalysis(items([50, 40, 30, 20, 10]), 0.2, 0.6);
    expect(r.ideal.customers).toBe(1);
    expect(r.elite.customers).toBe(1);
    expect([...r.flags]).toEqual([['c000', 'elite']]);
  });
  it('list the ideal customers who are not elite as ideal, and nobody else', () => {
    const r = paretoAnalysis(items([50, 40, 30, 20, 10, 5, 4, 3, 2, 1]), 0.3, 0.1);
    expect([...r.flags]).toEqual([['c000', 'elite'], ['c001', 'ideal'], ['c002', 'ideal']]);
    expect(r.flags.get('c003')).toBeUndefined();
  });
  it('take in the customers tied with the last one, not with the one after it', () => {
    // ⌈25% × 4⌉ = 1: 10 alone; the two 5s are tied with each other, not with 10.
    expect(paretoAnalysis(items([10, 5, 5, 1]), 0.25, 0.25).ideal.customers).toBe(1);
  });
  it('rank the items themselves, whatever their order', () => {
    const r = paretoAnalysis([{ key: 'b', value: 1 }, { key: 'a', value: 9 }, { key: 'c', value: 5 }, { key: 'd', value: 3 }, { key: 'e', value: 2 }], 0.2, 0.2);
    expect([...r.flags]).toEqual([['a', 'elite']]);
    expect(r.ideal.value).toBe(9);
  });
});

describe('the fewest customers for 80%', () => {
  it('stops at the customer who reaches exactly 80%', () => {
    expect(paretoAnalysis(items([8, 1, 1]), 0.2, 0.04).customersFor80).toEqual({ customers: 1, share: 1 / 3 });
    // 0.8 of 1 in floating point: 0.7 + 0.1 is 0.7999999999999999.
    expect(paretoAnalysis(items([0.7, 0.1, 0.1, 0.1]), 0.2, 0.04).customersFor80).toEqual({ customers: 2, share: 0.5 });
  });
  it('is the first customer past 80%, not the last customer', () => {
    expect(paretoAnalysis(items([5, 4, 1, 0.5, 0.5]), 0.2, 0.04).customersFor80).toEqual({ customers: 2, share: 0.4 });
  });
  it('does not exist, and shares are 0, when nothing is positive', () => {
    const zero = paretoAnalysis(items([0, 0]), 0.2, 0.04);
    expect(zero.customersFor80).toBeNull();
    expect(zero.ideal.share).toBe(0);
    expect(zero.elite.share).toBe(0);
    const loss = paretoRanked(Float64Array.from([-1, -2]), (k) => `k${k}`, 0.5, 0.5);
    expect(loss.result.customersFor80).toBeNull();
    expect(loss.result.ideal).toEqual({ fraction: 0.5, customers: 0, value: 0, share: 0 });
    expect(loss.idealN).toBe(0);
    // A net total of 0 reaches no share at all, even after a first positive customer.
    expect(paretoAnalysis(items([1, -1]), 0.2, 0.04).customersFor80).toBeNull();
    expect(loss.eliteN).toBe(0);
  });
  it('reports the total, the customers and the fractions asked for', () => {
    const r = paretoAnalysis(items([6, 3, 1]), 0.5, 0.25);
    expect(r).toMatchObject({ customers: 3, total: 10, ideal: { fraction: 0.5, customers: 2, value: 9, share: 0.9 }, elite: { fraction: 0.25, customers: 1, value: 6, share: 0.6 } });
  });
});

describe('Pareto', () => {
  it('measures the top 20% and 4%, the 80% point and the Gini coefficient', () => {
    const p = paretoAnalysis(items([100, 50, 20, 10, 5, 5, 4, 3, 2, 1]), 0.2, 0.04);
    expect(p.ideal).toMatchObject({ customers: 2, value: 150, share: 0.75 });
    expect(p.elite).toMatchObject({ customers: 1, value: 100, share: 0.5 });
    expect(p.customersFor80).toEqual({ customers: 3, share: 0.3 });
    expect(p.gini).toBeCloseTo(0.665, 10);
    expect(p.lorenz).toHaveLength(101);
    expect(p.lorenz[0]).toEqual({ customerShare: 0, valueShare: 0 });
    expect(p.lorenz[100]!.valueShare).toBeCloseTo(1, 12);
  });
  it('takes customers tied with the last of a group into the group', () => {
    const p = paretoAnalysis(items([10, 10, 10, 1, 1]), 0.2, 0.04);
    expect(p.ideal.customers).toBe(3);
  });
  it('never flags a customer with nothing to show', () => {
    expect(paretoAnalysis(items([0, 0, -1]), 0.2, 0.04).ideal.customers).toBe(0);
  });
});

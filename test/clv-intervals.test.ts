// `clv --intervals N --seed S`: bootstrap intervals over customers, byte-identical for a seed.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/random.js';
import { clvSchema } from '../src/schemas-clv.js';
import { runInProcess } from './helpers/in-process.js';

const CDNOW = ['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week', '--as-of', '1997-09-30'];

describe('bootstrap intervals', () => {
  it('the generator is seeded: the same seed, the same draws; another seed, others; all in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const da = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(da);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(da);
    expect(da.every((v) => v >= 0 && v < 1)).toBe(true);
    // Roughly uniform: the mean of 1,000 draws within 0.05 of 1/2.
    expect(Math.abs(da.reduce((s, v) => s + v, 0) / 1000 - 0.5)).toBeLessThan(0.05);
  });

  it('80% intervals per customer and for the totals; byte-identical for a seed, different for another', async () => {
    const [one, again, other] = await Promise.all([
      runInProcess([...CDNOW, '--intervals', '12', '--seed', '7', '--json', '--top', '50']),
      runInProcess([...CDNOW, '--intervals', '12', '--seed', '7', '--json', '--top', '50']),
      runInProcess([...CDNOW, '--intervals', '12', '--seed', '8', '--json', '--top', '50']),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(again.stdout).toBe(one.stdout);
    expect(other.stdout).not.toBe(one.stdout);
    const out = JSON.parse(one.stdout);
    expect(clvSchema.safeParse(out).success).toBe(true);
    expect(out.intervals).toMatchObject({ level: 0.8, replicates: 12, seed: 7, failed: 0 });
    const total = out.customers.length;
    expect(total).toBe(50);
    let inside = 0;
    for (const c of out.customers) {
      expect(c.expected_purchases_low).toBeLessThanOrEqual(c.expected_purchases_high);
      expect(c.clv_low).toBeLessThanOrEqual(c.clv_high);
      if (c.clv >= c.clv_low && c.clv <= c.clv_high) inside++;
    }
    // The point prediction lies within its customer's bootstrap interval for most customers.
    expect(inside).toBeGreaterThan(total / 2);
    expect(out.intervals.total_clv.low).toBeLessThan(out.intervals.total_clv.high);
    const plain = JSON.parse((await runInProcess([...CDNOW, '--json', '--top', '1'])).stdout);
    expect(plain.intervals).toBeNull();
    expect(plain.customers[0]).not.toHaveProperty('clv_low');
  });

  it('refuses a number of resamples that is not a whole number from 2', async () => {
    const r = await runInProcess([...CDNOW, '--intervals', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--intervals takes a whole number from 2 to 10000, not '1'/);
  });
});

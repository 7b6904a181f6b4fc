/**
 * Invariants end to end, by property tests over generated transaction tables (fast-check): the
 * CLI runs on each table and on a transformed copy. Splitting the file in two, renaming the
 * customers and scaling every amount by k > 0 leave every class unchanged; the revenue analysed
 * is the input's minus what is reported as rejected or unattributed; every JSON output validates
 * against its schema. Few runs: each runs the CLI (in-process) several times.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEMAS, type SchemaName } from '../../../src/schemas.js';
import { runInProcess } from '../../helpers/in-process.js';

interface Row {
  customer: string;
  order: number;
  date: string;
  /** In cents, so that sums are exact. */
  cents: number;
}

const dir = mkdtempSync(join(tmpdir(), 'segment-prop-'));
let fileNo = 0;

function write(rows: readonly Row[], transform: (r: Row) => { customer: string; cents: number } = (r) => r): string {
  const path = join(dir, `t${fileNo++}.csv`);
  const lines = rows.map((r) => {
    const t = transform(r);
    return `${t.customer},${r.order},${r.date},${(t.cents / 100).toFixed(2)}`;
  });
  writeFileSync(path, `customer_id,order_id,date,amount\n${lines.join('\n')}\n`);
  return path;
}

/** 8-60 rows of 3-12 customers over 2022-2024; unique orders; some refunds. */
const tables = fc
  .record({
    customers: fc.integer({ min: 3, max: 12 }),
    rows: fc.array(
      fc.record({
        c: fc.nat(),
        month: fc.integer({ min: 0, max: 35 }),
        day: fc.integer({ min: 1, max: 28 }),
        cents: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 100, max: 500_000 }) }, { weight: 1, arbitrary: fc.integer({ min: -50_000, max: -100 }) }),
      }),
      { minLength: 8, maxLength: 60 },
    ),
  })
  .map(({ customers, rows }) =>
    rows.map((r, i): Row => ({
      customer: `C${(r.c % customers) + 1}`,
      order: 1000 + i,
      date: `${2022 + Math.floor(r.month / 12)}-${String((r.month % 12) + 1).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
      cents: r.cents,
    })),
  );

interface CustomerJson {
  customer: string;
  abc_class: string;
  xyz_class: string | null;
}

async function classes(files: string[], asOf: string): Promise<Map<string, string>> {
  const r = await runInProcess(['abcxyz', ...files, '--json', '--quiet', '--as-of', asOf]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { customers: CustomerJson[] };
  return new Map(doc.customers.map((c) => [c.customer, `${c.abc_class}${c.xyz_class ?? '–'}`]));
}

async function rfmClasses(files: string[], asOf: string): Promise<Map<string, string>> {
  const r = await runInProcess(['rfm', ...files, '--json', '--quiet', '--as-of', asOf]);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { customers: { customer: string; rfm_score: string; segment: string }[] };
  return new Map(doc.customers.map((c) => [c.customer, `${c.rfm_score} ${c.segment}`]));
}

const AS_OF = '2024-12-31';
const options = { numRuns: 4, seed: 20261122, endOnFailure: true };

describe('invariants, end to end', () => {
  it('splitting the file in two changes no class', async () => {
    await fc.assert(
      fc.asyncProperty(tables, fc.nat(), async (rows, cut) => {
        const k = 1 + (cut % (rows.length - 1));
        const whole = await classes([write(rows)], AS_OF);
        const split = await classes([write(rows.slice(0, k)), write(rows.slice(k))], AS_OF);
        expect(split).toEqual(whole);
      }),
      options,
    );
  }, 120_000);

  it('renaming the customers changes no class', async () => {
    await fc.assert(
      fc.asyncProperty(tables, async (rows) => {
        const rename = (key: string): string => `Kunde-${key.slice(1).split('').reverse().join('')}x`;
        const before = await classes([write(rows)], AS_OF);
        const after = await classes([write(rows, (r) => ({ customer: rename(r.customer), cents: r.cents }))], AS_OF);
        expect(after).toEqual(new Map([...before].map(([key, cls]) => [rename(key), cls])));
        const rfmBefore = await rfmClasses([write(rows)], AS_OF);
        const rfmAfter = await rfmClasses([write(rows, (r) => ({ customer: rename(r.customer), cents: r.cents }))], AS_OF);
        expect(rfmAfter).toEqual(new Map([...rfmBefore].map(([key, cls]) => [rename(key), cls])));
      }),
      options,
    );
  }, 120_000);

  it('scaling every amount by k > 0 changes no class', async () => {
    await fc.assert(
      fc.asyncProperty(tables, fc.integer({ min: 2, max: 40 }), async (rows, k) => {
        const before = await classes([write(rows)], AS_OF);
        const after = await classes([write(rows, (r) => ({ customer: r.customer, cents: r.cents * k }))], AS_OF);
        expect(after).toEqual(before);
      }),
      options,
    );
  }, 120_000);

  it('analyses the input revenue minus what is reported rejected or unattributed, and every JSON output fits its schema', async () => {
    await fc.assert(
      fc.asyncProperty(tables, async (rows) => {
        // Spoil some rows: no customer (unattributed), or an amount that is no number (rejected).
        const path = join(dir, `t${fileNo++}.csv`);
        const lines = rows.map((r, i) => {
          const customer = i % 7 === 3 ? '' : r.customer;
          const amount = i % 11 === 5 ? 'n/a' : (r.cents / 100).toFixed(2);
          return `${customer},${r.order},${r.date},${amount}`;
        });
        writeFileSync(path, `customer_id,order_id,date,amount\n${lines.join('\n')}\n`);
        const expected = rows.reduce((s, r, i) => s + (i % 7 !== 3 && i % 11 !== 5 ? r.cents : 0), 0);
        const unattributed = rows.reduce((s, r, i) => s + (i % 7 === 3 && i % 11 !== 5 ? r.cents : 0), 0);

        const outputs: [SchemaName, string[]][] = [
          ['inspect', ['inspect', path]],
          ...(['abc', 'xyz', 'abcxyz', 'rfm', 'pareto'] as const).map((v): [SchemaName, string[]] => [v, [v, path]]),
          ['report', ['report', path]],
        ];
        for (const [schema, args] of outputs) {
          const r = await runInProcess([...args, '--json', '--quiet', '--max-reject-rate', '100', '--as-of', AS_OF].filter((a) => !(schema === 'inspect' && (a === '--as-of' || a === AS_OF))));
          expect(r.code, `${schema}: ${r.stderr}`).toBe(0);
          const doc = JSON.parse(r.stdout) as unknown;
          const parsed = SCHEMAS[schema].safeParse(doc);
          expect(parsed.success ? [] : parsed.error.issues.slice(0, 3), schema).toEqual([]);
          if (schema === 'inspect') {
            const t = (doc as { total: { used_amount: number; unattributed_amount: number; read: number; rejected: number } }).total;
            expect(Math.round(t.used_amount * 100)).toBe(expected);
            expect(Math.round(t.unattributed_amount * 100)).toBe(unattributed);
            expect(t.read).toBe(rows.length);
            expect(t.rejected).toBe(rows.filter((_, i) => i % 11 === 5).length);
          }
          if (schema === 'report') {
            const report = doc as { summary: { totals: { revenue: number } }; customers: { revenue: number }[] };
            expect(Math.round(report.summary.totals.revenue * 100)).toBe(expected);
            // And the customers' revenues add up to it.
            expect(report.customers.reduce((s, c) => s + Math.round(c.revenue * 100), 0)).toBe(expected);
          }
        }
      }),
      { ...options, numRuns: 3 },
    );
  }, 180_000);
});

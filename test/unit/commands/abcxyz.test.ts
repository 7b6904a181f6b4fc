/** The analysis commands end to end: JSON checked by hand and against the schemas, golden text. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../../src/gen/generate.js';
import { runInProcess } from '../../helpers/in-process.js';

const CRM = 'fixtures/crm-invoices.csv';

describe('output', () => {
  it('is byte-identical for the same input', async () => {
    const a = await runInProcess(['abcxyz', CRM, '--json']);
    const b = await runInProcess(['abcxyz', CRM, '--json']);
    expect(a.stdout).toBe(b.stdout);
  });
  // The ABC×XYZ table and Markdown of the CRM fixture are golden cases: test/cases/abcxyz/0001, 0002.
  it('writes one CSV row per customer', async () => {
    const r = await runInProcess(['rfm', CRM, '--format', 'csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('customer,name,recency_days,frequency,monetary,r,f,m,rfm_score,segment,revenue,rank');
    expect(lines).toHaveLength(8);
  });
  it('leaves out transactions after the as-of date and says so', async () => {
    const r = await runInProcess(['abc', CRM, '--as-of', '2023-12-31', '--json']);
    const d = JSON.parse(r.stdout);
    // F-1014 (a credit note of −2,800) to F-1024.
    expect(d.excluded.after_window).toEqual({ rows: 11, amount: 135400 });
    expect(r.stderr).toMatch(/11 transactions after 2023-12-31 \(135,400\.00\) are left out/);
    expect(d.summary.totals.revenue).toBe(269600 - 135400);
  });
  it('refuses bad analysis options with exit code 2', async () => {
    for (const [args, message] of [
      [['--limits', '80'], '--limits takes 2 numbers'],
      [['--as-of', '2024-02-30'], '--as-of takes a date as YYYY-MM-DD'],
      [['--elite', '30'], '--elite (30%) cannot be larger than --ideal'],
      [['--r-cuts', '90,30,180,365'], '--r-cuts must be ascending'],
    ] as const) {
      const r = await runInProcess(['abc', CRM, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const noMargin = await runInProcess(['abc', 'fixtures/loyalty-baskets.csv', '--by', 'margin']);
    expect(noMargin).toMatchObject({ code: 2, stdout: '' });
    expect(noMargin.stderr).toBe('segment abc: --by margin needs a margin or a cost column in the input; name it with --margin COL or --cost COL\n');
  });
});

describe('invariants end to end', () => {
  it('shuffling the input rows changes nothing', async () => {
    const g = generate({ rows: 4000, seed: 21 });
    const parts: string[] = [];
    await g.rows((c) => {
      parts.push(c);
    });
    const lines = parts.join('').trimEnd().split('\n');
    // A deterministic shuffle.
    const shuffled = lines.map((l, i) => ({ l, k: (i * 7919) % lines.length })).sort((a, b) => a.k - b.k).map((x) => x.l);
    const dir = mkdtempSync(join(tmpdir(), 'segment-shuffle-'));
    writeFileSync(join(dir, 'a.csv'), `${g.header}\n${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${g.header}\n${shuffled.join('\n')}\n`);
    for (const cmd of ['abcxyz', 'rfm']) {
      const [a, b] = await Promise.all([runInProcess([cmd, join(dir, 'a.csv'), '--json']), runInProcess([cmd, join(dir, 'b.csv'), '--json'])]);
      const strip = (s: string) => ({ ...JSON.parse(s), inputs: null });
      expect(strip(b.stdout)).toEqual(strip(a.stdout));
    }
  });
});

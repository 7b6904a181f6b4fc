/** Tests of src/commands/rfm.ts. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../../helpers/in-process.js';
import { json } from '../../helpers/json.js';

const CRM = 'fixtures/crm-invoices.csv';

describe('rfm', () => {
  it('scores within 1..5 and names a segment for everybody', async () => {
    const d = await json(['rfm', CRM], 'rfm');
    for (const c of d.customers) {
      for (const s of [c.r, c.f, c.m]) expect(s).toBeGreaterThanOrEqual(1);
      expect(c.segment).not.toBe('Others');
    }
    expect(d.summary.rfm.segments.reduce((s: number, x: any) => s + x.customers, 0)).toBe(7);
  });
  it('takes cut points and a segments file, and refuses a bad one naming the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-rfm-'));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify([{ name: 'Everyone', r: [1, 5], f: [1, 5], m: [1, 5] }, { name: 'Never', r: [5, 5], f: [5, 5], m: [5, 5] }]));
    const d = await json(['rfm', CRM, '--r-cuts', '30,90,180,365', '--segments', join(dir, 'rules.json')], 'rfm');
    expect(d.customers.every((c: any) => c.segment === 'Everyone')).toBe(true);
    expect(d.summary.rfm.rules_never_matching).toEqual(['Never']);
    expect(d.customers.find((c: any) => c.name === 'Nordbyg ApS').r).toBe(5);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ name: 'X', r: [1, 5], f: [1, 5], money: [1, 5] }]));
    const bad = await runInProcess(['rfm', CRM, '--segments', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^segment rfm: --segments .*bad\.json: unknown key '0\.money'/);
  });

  it('writes the format its --output file names when --format is not given, and --format when it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-rfm-out-'));
    for (const [file, extra] of [['a.xlsx', []], ['b.json', []], ['c.txt', []], ['d.xlsx', ['--format', 'csv']]] as const) {
      const r = await runInProcess(['rfm', CRM, '--quiet', '--output', join(dir, file), ...extra]);
      expect(r.code).toBe(0);
    }
    expect(readFileSync(join(dir, 'a.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')).schema).toBe('segment.rfm');
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toMatch(/^RFM: recency, frequency, monetary\n/);
    expect(readFileSync(join(dir, 'd.xlsx'), 'utf8')).toMatch(/^customer,/);
  });
});

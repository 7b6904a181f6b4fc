/**
 * `report --previous`: a saved JSON read back (or refused, saying why), the notes on what the
 * comparison rests on, and the report's "What changed" section against `segment changes`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src/analyses/changes.js';
import { comparisonNotes, readPreviousReport } from '../../../src/documents/previous-report.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { runInProcess } from '../../helpers/in-process.js';

const SHOP = 'fixtures/changes-shop.csv';
const dir = mkdtempSync(join(tmpdir(), 'segment-previous-'));

const doc = (extra: Record<string, unknown> = {}) => ({
  schema: 'segment.report',
  version: 1,
  as_of: '2024-06-30',
  window: { from: '2024-01-01', to: '2024-06-30', months: 6 },
  currency: 'EUR',
  read: { inputs: [{ file: 'sales.csv' }] },
  parameters: { pareto: { ideal: 0.2, elite: 0.04 }, one_off: { active: false, one_order_share: 0.3 } },
  summary: { totals: { customers: 2 } },
  customers: [
    { customer: 'a', name: 'A', revenue: 10, abc_class: 'A', xyz_class: null, segment: 'Champions', r: 5, group: 'elite', tenure_days: 100 },
    { customer: 'b', name: 'B', revenue: 1, abc_class: 'C', xyz_class: 'Z', segment: 'Lost', r: 1, group: null, tenure_days: 50 },
  ],
  ...extra,
});
const read = (value: unknown) => readPreviousReport('old.json', JSON.stringify(value));

function now(keys: string[], parameters: Record<string, unknown> = { pareto: { ideal: 0.2, elite: 0.04 }, one_off: { active: true, one_order_share: 0.5 } }) {
  const snapshot: Snapshot = {
    asOf: '2024-12-31',
    windowStart: '2024-01-01',
    windowEnd: '2024-12-31',
    customers: keys.map((key) => ({ key, name: key, revenue: 1, abcClass: 'A', xyzClass: null, segment: 'Lost', r: 1, group: null, tenureDays: 1 })),
    segments: [],
    carries: { abc: true, xyz: true, rfm: true, groups: true },
  };
  return { snapshot, inputs: ['sales.csv'], currency: 'EUR', parameters };
}

describe('readPreviousReport', () => {
  it('reads a saved report', () => {
    const p = read(doc());
    expect(p.snapshot.asOf).toBe('2024-06-30');
    expect(p.snapshot.customers[0]).toEqual({ key: 'a', name: 'A', revenue: 10, abcClass: 'A', xyzClass: null, segment: 'Champions', r: 5, group: 'elite', tenureDays: 100 });
    expect(p.missing).toEqual([]);
    expect(p.inputs).toEqual(['sales.csv']);
  });
  it('reads another kind of document where it can, and says what it lacks', () => {
    const rfm = read({ schema: 'segment.rfm', version: 1, as_of: '2024-06-30', inputs: [{ file: 'sales.csv' }], customers: [{ customer: 'a', name: 'A', segment: 'Lost', r: 1, revenue: 5 }] });
    expect(rfm.snapshot.carries).toEqual({ abc: false, xyz: false, rfm: true, groups: false });
    expect(rfm.missing).toEqual(['ideal and elite groups', 'ABC classes', 'XYZ classes']);
  });
  it('refuses what cannot be compared, saying how to fix it', () => {
    expect(() => readPreviousReport('old.json', 'not json')).toThrow(/^--previous old.json: not JSON/);
    expect(() => read({ hello: 1 })).toThrow("--previous old.json: not a JSON document of segment (it has no \"schema\": \"segment.…\"); give a file written by segment report --json");
    expect(() => read(doc({ version: 2 }))).toThrow('--previous old.json: segment.report version 2 is newer than this segment reads (up to 1)');
    expect(() => read({ schema: 'segment.inspect', version: 1, as_of: '2024-06-30' })).toThrow('segment.inspect has no customers to compare with');
    expect(() => read(doc({ summary: { totals: { customers: 5 } } }))).toThrow('lists 2 of its 5 customers (written with --top?)');
    expect(() => read(doc({ customers: [{ customer: 'a', abc_class: 'Q' }] }))).toThrow(/customers\.0\.abc_class/);
  });
});

describe('comparisonNotes', () => {
  it('says nothing alarming when the runs match', () => {
    const { notes, warnings } = comparisonNotes(read(doc()), now(['a', 'b']));
    expect(warnings).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Compared with old.json \(segment.report version 1\), as of 2024-06-30/);
  });
  it('warns of other parameters, other inputs, another currency, keys that never match, and a previous report that is not older', () => {
    const current = { ...now(['C-0123456789ab'], { pareto: { ideal: 0.1, elite: 0.04 }, one_off: { active: true, one_order_share: 0.9 } }), inputs: ['other.csv'], currency: 'DKK' };
    const { notes, warnings } = comparisonNotes(read(doc({ as_of: '2025-01-31' })), current);
    expect(warnings).toEqual([
      'the previous report (as of 2025-01-31) is not older than this one (as of 2024-12-31): "entered" and "left" read backwards',
      'the previous report is in EUR, this one in DKK: revenues are not comparable',
      'the previous report was made with other parameters (pareto.ideal 0.2 → 0.1): some moves come from the rules, not the customers',
      "none of the previous report's 2 customer keys (like 'a') is among this run's (like 'C-0123456789ab'): this run is pseudonymised and the previous report was not; everybody shows as new or gone",
    ]);
    expect(notes).toContain('Other inputs: the previous read sales.csv; this run reads other.csv. A customer in only one of them shows as new or gone.');
  });
});

describe('segment report --previous', () => {
  let previous: string;
  beforeAll(async () => {
    const saved = await runInProcess(['report', SHOP, '--as-of', '2024-06-30', '--json', '-q']);
    expect(saved.code, saved.stderr).toBe(0);
    previous = join(dir, 'last-week.json');
    writeFileSync(previous, saved.stdout);
  });
  it('adds a changes object equal to segment changes between the two dates', async () => {
    const [report, changes] = await Promise.all([
      runInProcess(['report', SHOP, '--previous', previous, '--json', '-q']),
      runInProcess(['changes', SHOP, '--from', '2024-06-30', '--to', '2024-12-20', '--json', '-q']),
    ]);
    expect(report.code, report.stderr).toBe(0);
    const d = JSON.parse(report.stdout);
    const parsed = SCHEMAS.report.safeParse(d);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    const c = JSON.parse(changes.stdout);
    for (const key of ['ideal', 'elite', 'transitions', 'alerts', 'moved', 'matched']) expect(d.changes[key], key).toEqual(c[key]);
    expect(d.changes.elite.entered.map((m: any) => m.customer)).toEqual(['N-NEW']);
  });
  it('puts "What changed since" after the headline of the Markdown report', async () => {
    const r = await runInProcess(['report', SHOP, '--previous', previous, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const at = r.stdout.indexOf('## What changed since 2024-06-30');
    expect(at).toBeGreaterThan(r.stdout.indexOf('## 2. Headline'));
    expect(at).toBeLessThan(r.stdout.indexOf('## 3.'));
    expect(r.stdout).toContain('| F-FALLS | elite → ideal | Champions → At Risk<br>R 5 → 1 |');
  });
  it('refuses a missing file with exit code 2', async () => {
    const r = await runInProcess(['report', SHOP, '--previous', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^segment report: --previous .*nope.json: no such file/);
  });
});

import { describe, expect, it } from 'vitest';
import { compareSnapshots, type Snapshot, type Standing } from '../../../src/analyses/changes.js';
import { CHANGES_TOP, changesDocument } from '../../../src/documents/changes-document.js';
import { formatsOf } from '../../../src/formats/index.js';
import type { ReadResult } from '../../../src/sources/files/read.js';

const standing = (i: number, group: Standing['group'], revenue: number): Standing => ({
  key: `K${i}`,
  name: `${'Very long customer name '.repeat(3)}${i}`,
  revenue,
  abcClass: group ? 'A' : 'C',
  xyzClass: null,
  segment: null,
  r: null,
  group,
  tenureDays: 400,
});
const snapshot = (asOf: string, customers: Standing[]): Snapshot => ({
  asOf,
  windowStart: '2023-01-01',
  windowEnd: asOf,
  customers,
  segments: [],
  carries: { abc: true, xyz: false, rfm: false, groups: true },
});
// 30 customers leave the ideal group: more than a table shows by default.
const changes = compareSnapshots(
  snapshot('2024-06-30', Array.from({ length: 30 }, (_, i) => standing(i, 'ideal', 1000 - i))),
  snapshot('2024-12-31', Array.from({ length: 30 }, (_, i) => standing(i, null, 10))),
);
const read = { currency: 'EUR', inputs: [], warnings: [], total: {} } as unknown as ReadResult;
const none = { rows: 0, amount: 0 };
const doc = changesDocument({ changes, read, excluded: { afterTo: none, beforeFrom: none }, warnings: [] });

const tableOf = (title: string, blocks: ReturnType<NonNullable<typeof doc.blocks>>) => {
  const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === title);
  const t = blocks[at + 1];
  if (t?.kind !== 'table') throw new Error(`no table after ${title}`);
  return t;
};

describe('the changes document', () => {
  it('is written in every format but HTML', () => {
    expect(formatsOf(doc)).toEqual(['table', 'md', 'json', 'ndjson', 'csv', 'parquet', 'xlsx']);
  });

  it('lists 20 customers per table unless --top says otherwise', () => {
    const left = tableOf('Left the ideal group', doc.blocks!({ top: undefined, terminal: false, width: Infinity }));
    expect(left.rows).toHaveLength(CHANGES_TOP);
    expect(left.more).toBe(30 - CHANGES_TOP);
    expect(tableOf('Left the ideal group', doc.blocks!({ top: 3, terminal: false, width: Infinity })).rows).toHaveLength(3);
  });

  it('cuts names to the terminal width it is given; Markdown keeps them whole', () => {
    const cut = tableOf('Left the ideal group', doc.blocks!({ top: undefined, terminal: true, width: 80 })).rows[0]![0]!;
    const whole = tableOf('Left the ideal group', doc.blocks!({ top: undefined, terminal: false, width: Infinity })).rows[0]![0]!;
    expect(whole).toContain(`${'Very long customer name '.repeat(3)}0`);
    expect(cut).toContain('…');
    expect(cut.length).toBeLessThan(whole.length);
  });

  it('gives the moved customers as rows and objects, and everything to JSON', async () => {
    const rows = await doc.rows!({ top: undefined, typed: true });
    expect(rows.columns.map((c) => c.name)).toEqual(['customer', 'name', 'changes', 'alerts', 'group_from', 'group_to', 'abc_from', 'abc_to', 'xyz_from', 'xyz_to', 'segment_from', 'segment_to', 'r_from', 'r_to', 'revenue_from', 'revenue_to']);
    expect([...rows.rows]).toHaveLength(30);
    const objects = [...doc.objects!({ top: undefined })] as Record<string, unknown>[];
    expect(objects).toHaveLength(30);
    expect(objects[0]).toMatchObject({ from_as_of: '2024-06-30', to_as_of: '2024-12-31', customer: 'K0' });
    expect(doc.json!({ top: 1 })).toMatchObject({ schema: 'segment.changes', currency: 'EUR', matched: 30 });
  });
});

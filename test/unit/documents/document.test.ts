import { describe, expect, it } from 'vitest';
import { columns, columnsByValues, objectRows, rowObjects } from '../../../src/documents/document.js';

describe('rows and objects', () => {
  it('turns rows into objects keyed by column, a missing cell null', () => {
    const table = { name: 't', columns: columns({ a: 'text', b: 'integer' }), rows: [['x', 1], ['y']] };
    expect([...rowObjects(table)]).toEqual([{ a: 'x', b: 1 }, { a: 'y', b: null }]);
  });

  it('turns objects into rows of the columns, in their order', () => {
    expect([...objectRows(columns({ b: 'integer', a: 'text' }), [{ a: 'x', b: 1, c: 'left out' }, { a: 'y' }])]).toEqual([[1, 'x'], [null, 'y']]);
  });

  it('types columns by their values: all numbers, all booleans, else text (empty cells do not count)', () => {
    const objects = [{ n: 1, b: true, t: 'x', m: 1, e: null }, { n: 2.5, b: false, t: null, m: 'a', e: undefined }];
    expect(columnsByValues(['n', 'b', 't', 'm', 'e'], objects).map((c) => c.kind)).toEqual(['number', 'boolean', 'text', 'text', 'text']);
  });
});

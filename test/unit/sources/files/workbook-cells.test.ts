/** Workbook cells as the CSV reader sees them: typed cells exact, in the convention the text settles. */
import { describe, expect, it } from 'vitest';
import { countShape, decidePolicy, emptyShapes, formatDays, formatNumber, isDateFormat, needsRewrite, readCell, serialToDays } from '../../../../src/sources/files/workbook-cells.js';

describe('workbook cells', () => {
  it('tells date formats from number formats', () => {
    expect(['dd-mm-yyyy', 'd. mmmm yyyy', '[$-406]dd.mm.yy', 'm/d/yy h:mm'].map(isDateFormat)).toEqual([true, true, true, true]);
    expect(['General', '0.00', '#,##0.00 "kr."', '0%', '[Red]0.00', undefined].map(isDateFormat)).toEqual([false, false, false, false, false, false]);
  });
  it('writes numbers as plain digits and dates in the asked order', () => {
    expect(formatNumber(1234.5, 'comma')).toBe('1234,5');
    expect(formatNumber(-0.0000001, 'dot')).toBe('-0.0000001');
    expect(formatNumber(12, 'comma')).toBe('12');
    const days = serialToDays(45366, false); // 2024-03-15 in Excel's 1900 system
    expect(formatDays(days, 'iso')).toBe('2024-03-15');
    expect(formatDays(days, 'dmy')).toBe('15.03.2024');
    expect(formatDays(days, 'mdy')).toBe('03/15/2024');
    expect(formatDays(serialToDays(43904, true), 'iso')).toBe('2024-03-15');
  });
  it('reads a formula\'s saved value, and a date-formatted number result as a date', () => {
    expect(readCell({ formula: 'A1*2', result: 45366 }, 'dd-mm-yyyy', false)).toEqual({ kind: 'formula', value: serialToDays(45366, false), result: 'date' });
    expect(readCell({ formula: 'A1*2', result: 12.5 }, 'General', false)).toEqual({ kind: 'formula', value: 12.5, result: 'number' });
    expect(readCell({ formula: 'A1*2' }, undefined, false)).toEqual({ kind: 'formulaNoValue', value: '' });
    expect(readCell({ richText: [{ text: 'Nord' }, { text: 'byg' }] }, undefined, false)).toEqual({ kind: 'text', value: 'Nordbyg' });
    expect(readCell({ error: '#N/A' }, undefined, false)).toEqual({ kind: 'error', value: '#N/A' });
    expect(readCell(null, undefined, false)).toBeNull();
  });
  it('writes typed cells in the convention the column\'s text cells settle, and only then', () => {
    const s = emptyShapes();
    for (const v of ['1.234,50', '12,25', '25.03.2024']) countShape(s, { kind: 'text', value: v });
    countShape(s, { kind: 'number', value: 99.5 });
    countShape(s, { kind: 'date', value: 0 });
    expect(decidePolicy(s)).toEqual({ decimal: 'comma', dateOrder: 'dmy' });
    expect(needsRewrite(s, decidePolicy(s))).toBe(true);
    // Text that settles nothing (01.02.2024) leaves typed dates ISO: the reader decides or asks.
    const t = emptyShapes();
    countShape(t, { kind: 'text', value: '01.02.2024' });
    countShape(t, { kind: 'number', value: 3 });
    expect(decidePolicy(t)).toEqual({ decimal: 'dot', dateOrder: 'iso' });
    expect(needsRewrite(t, decidePolicy(t))).toBe(false);
    expect(decidePolicy(t, 'comma', 'mdy')).toEqual({ decimal: 'comma', dateOrder: 'mdy' });
  });
});

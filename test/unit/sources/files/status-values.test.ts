import { describe, expect, it } from 'vitest';
import { isStatusWord, statusWords } from '../../../../src/sources/files/status-values.js';

describe('status words', () => {
  it('are the states of orders, invoices, bookings and deals in any case', () => {
    for (const w of ['Shipped', 'Cancelled', 'In Process', 'On Hold', 'Disputed', 'Resolved', 'paid', 'PENDING', 'Closed Won', 'storniert', 'Bezahlt']) expect(isStatusWord(w), w).toBe(true);
  });
  it('are not places, codes, numbers or yes/no', () => {
    for (const w of ['NY', 'CA', 'Victoria', 'BC', '1', '0', 'true', 'Yes', 'EMEA', '']) expect(isStatusWord(w), w).toBe(false);
  });
  it('are picked out of a column of top values', () => {
    expect(statusWords(['Shipped', 'NY', 'Cancelled'])).toEqual(['Shipped', 'Cancelled']);
    expect(statusWords(['NY', 'CA', 'MA', 'PA'])).toEqual([]);
  });
});

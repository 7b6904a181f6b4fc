/** Tests of src/sources/files/head-records.ts. */
import { describe, expect, it } from 'vitest';
import { countFields, detectNewline, headRecords, splitFields } from '../../../../src/sources/files/head-records.js';

describe('head records', () => {
  it('count fields honouring quotes', () => {
    expect(countFields('"a;b";c;d', ';')).toBe(3);
    expect(splitFields('"a ""x"" b",c', ',')).toEqual(['a "x" b', 'c']);
  });
  it('detect line endings', () => {
    expect(detectNewline('a\r\nb')).toBe('\r\n');
    expect(detectNewline('a\nb')).toBe('\n');
    expect(detectNewline('a\rb')).toBe('\r');
    expect(detectNewline('a\r\r\nb')).toBe('\r\n');
  });
  it('join a quoted field across lines, number records by their first line, and drop a line cut short', () => {
    const text = '\uFEFFa,b\n1,"x\ny"\n2,z\n3,cut';
    expect(headRecords(text, '\n', false)).toEqual([
      { text: 'a,b', line: 1 },
      { text: '1,"x\ny"', line: 2 },
      { text: '2,z', line: 4 },
    ]);
    expect(headRecords(text, '\n', true).at(-1)).toEqual({ text: '3,cut', line: 5 });
  });
});

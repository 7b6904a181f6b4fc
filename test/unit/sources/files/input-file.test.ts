import { describe, expect, it } from 'vitest';
import { checkEncodingName, detectEncoding } from '../../../../src/sources/files/input-file.js';

describe('detectEncoding', () => {
  it('reads a UTF-8 byte order mark', () => {
    expect(detectEncoding(Buffer.from('\ufeffDato;Beløb\n', 'utf8'), true)).toMatchObject({ encoding: 'utf-8', native: true, reason: 'byte order mark' });
  });
  it('reads UTF-16 byte order marks', () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]), true).encoding).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x61]), true).encoding).toBe('utf-16be');
  });
  it('sees UTF-16 without a mark by its zero bytes', () => {
    expect(detectEncoding(Buffer.from('Dato;Beløb\n1;2\n', 'utf16le'), true).encoding).toBe('utf-16le');
  });
  it('takes valid UTF-8 as UTF-8', () => {
    expect(detectEncoding(Buffer.from('Dato;Beløb\n', 'utf8'), true)).toMatchObject({ encoding: 'utf-8', native: true });
  });
  it('takes a Latin-1 ø as Windows-1252', () => {
    expect(detectEncoding(Buffer.from('Dato;Bel\xf8b\n', 'latin1'), true)).toMatchObject({ encoding: 'windows-1252', native: false });
  });
  it('does not mistake a multi-byte character cut at the end of a sample for Latin-1', () => {
    const whole = Buffer.from('abcø', 'utf8');
    expect(detectEncoding(whole.subarray(0, whole.length - 1), false).encoding).toBe('utf-8');
  });
});

describe('checkEncodingName', () => {
  it('accepts common names', () => {
    expect(checkEncodingName('latin-1')).toBe('windows-1252');
    expect(checkEncodingName('ISO-8859-13')).toBe('iso-8859-13');
  });
  it('refuses unknown ones', () => {
    expect(() => checkEncodingName('klingon')).toThrow(/unknown encoding/);
  });
});

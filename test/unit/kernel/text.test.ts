/** Tests of src/kernel/text.ts. */
import { describe, expect, it } from 'vitest';
import { oneLine, printable, replaceControls } from '../../../src/kernel/text.js';

describe('the control-character sanitiser', () => {
  it('replaces C0 and C1 controls by U+FFFD, keeping what it is told to keep', () => {
    expect(replaceControls('a\u001B[31mb\u009Bc\td\ne')).toBe('a\uFFFD[31mb\uFFFDc\uFFFDd\uFFFDe');
    expect(replaceControls('a\tb\nc\rd', undefined, '\t\n')).toBe('a\tb\nc\uFFFDd');
    expect(replaceControls('a\u0007b', () => '')).toBe('ab');
    expect(replaceControls('plain ÆØÅ €')).toBe('plain ÆØÅ €');
  });
  it('makes messages one line with visible escapes, and data one line with replacement characters', () => {
    expect(printable('bad\r\n\tvalue\u0000\u001B')).toBe('bad value\\0\\x1B');
    expect(oneLine('two\r\nlines\rand\nmore\u0001')).toBe('two lines and more\uFFFD');
  });
});

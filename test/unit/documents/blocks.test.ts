/** Tests of src/documents/blocks.ts and the Markdown format. */
import { describe, expect, it } from 'vitest';
import { paragraph, data } from '../../../src/documents/blocks.js';
import { mdData, renderMarkdown } from '../../../src/formats/markdown.js';

describe('Markdown keeps underscores in names literal', () => {
  it('escapes underscores that could start or end emphasis', () => {
    expect(mdData('_Acme_')).toBe('\\_Acme\\_');
    expect(renderMarkdown([paragraph(`Customer ${data('_Acme_')} pays.`)])).toBe('Customer \\_Acme\\_ pays.\n');
  });
  it('leaves an underscore inside a word as written', () => {
    expect(mdData('size_band')).toBe('size_band');
    expect(mdData('a_b_c')).toBe('a_b_c');
  });
});

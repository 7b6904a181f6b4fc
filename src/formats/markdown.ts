/** Blocks as Markdown: data escaped as literal text, tables as pipe tables. */
import { segments, type Block } from '../documents/blocks.js';
import { formatInt } from '../documents/format.js';
import { oneLine } from '../kernel/text.js';

/**
 * Data as literal Markdown text: no markup, no HTML, no line breaks, no table cell breaks. Escaped
 * with backslashes, not HTML entities, so that the Markdown reads as written (`Bager & Søn`, not
 * `Bager &amp; Søn`): `\<` cannot open a tag and `\&` cannot start an entity.
 */
export function mdData(value: string): string {
  return oneLine(value)
    .replace(/[\\`*[\]|#~!>]/g, (ch) => `\\${ch}`)
    // Only a `<` that could open a tag or an autolink, and an `&` that could start an entity.
    .replace(/<(?=[\p{L}/?!])/gu, '\\<')
    .replace(/&(?=#?[\p{L}\p{N}]+;)/gu, '\\&')
    // An underscore inside a word (size_band) cannot start emphasis: left as written, for reading.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}

function mdText(text: string): string {
  return segments(text, (s) => s, mdData);
}

function mdEscape(cell: string): string {
  return segments(cell, (s) => s.replaceAll('|', '\\|').replace(/\r?\n/g, '<br>'), mdData);
}

export function renderMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${mdText(b.text)}`);
        break;
      case 'paragraph':
        out.push(mdText(b.text));
        break;
      case 'list':
        out.push(b.items.map((i) => `- ${mdText(i)}`).join('\n'));
        break;
      case 'table': {
        const align = b.head.map((_, i) => (b.align?.[i] === 'right' ? '---:' : '---'));
        const lines = [
          `| ${b.head.map(mdEscape).join(' | ')} |`,
          `| ${align.join(' | ')} |`,
          ...b.rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`),
        ];
        if (b.more) lines.push('', `… and ${formatInt(b.more)} more (use --top).`);
        out.push(lines.join('\n'));
        break;
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}

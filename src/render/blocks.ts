/**
 * A document as blocks (headings, paragraphs, tables, lists), rendered either for a terminal
 * (cli-table3) or as Markdown. Views build blocks once; both formats show the same content.
 */
import type { ChalkInstance } from 'chalk';
import { formatInt } from './format.js';
import { TERMINAL_WIDTH, foldTable, visibleWidth, wrapText } from './fold.js';
import { renderTable, type Align } from './table.js';
import { oneLine } from '../text.js';

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      readonly align?: readonly Align[];
      /** Rows after the last are summarised (`… 4,352 more`). */
      readonly more?: number;
      /** Lines between rows, for tables whose cells span several lines. */
      readonly ruled?: boolean;
    };

export const heading = (text: string, level: 1 | 2 | 3 = 2): Block => ({ kind: 'heading', level, text });
export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const list = (items: readonly string[]): Block => ({ kind: 'list', items });
export const table = (head: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[], more?: number, ruled?: boolean): Block => ({
  kind: 'table',
  head,
  rows,
  ...(align ? { align } : {}),
  ...(more ? { more } : {}),
  ...(ruled ? { ruled } : {}),
});

// Text from the data (customer names, attribute values, file names, header names) is marked by
// `data()` where a view puts it into a sentence or a cell; renderers escape it, so that a name like
// `<img src=x onerror=alert(1)> | 0` can neither break a table nor inject HTML or terminal codes.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const DATA = /\uE000([^\uE001]*)\uE001/g;

/** Marks a value from the data for escaping by the renderer. */
export function data(value: string | number | null | undefined): string {
  return `${OPEN}${String(value ?? '').replace(/[\uE000\uE001]/g, '')}${CLOSE}`;
}

/** Text with the data marks removed: for JSON, which shares some sentences with the documents. */
export function plain(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** Applies `authored` to the text written by the views and `value` to the marked data. */
export function segments(text: string, authored: (s: string) => string, value: (s: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(DATA)) {
    out += authored(text.slice(last, m.index));
    out += value(m[1]!);
    last = m.index + m[0].length;
  }
  return out + authored(text.slice(last));
}

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

/** Data as plain terminal text: control characters shown as �, emphasis marks kept literal. */
function terminalText(text: string, style: ChalkInstance | null): string {
  const marked = segments(
    text,
    (s) => s,
    (v) => oneLine(v).replace(/\*/g, '\uE002').replace(/`/g, '\uE003'),
  );
  const styled = style ? inline(marked, style) : marked.replace(/\*\*(.+?)\*\*/g, '$1');
  return styled.replace(/\uE002/g, '*').replace(/\uE003/g, '`');
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

/** Markdown emphasis in terminal text: **bold** becomes bold, the rest stays as written. */
function inline(text: string, style: ChalkInstance): string {
  return text.replace(/\*\*(.+?)\*\*/g, (_, t: string) => style.bold(t)).replace(/`([^`]+)`/g, '$1');
}

/**
 * Blocks for a terminal `width` columns wide (80 for pipes and files): prose wrapped at word
 * boundaries, list items with a hanging indent, tables folded into parts that fit (see fold.ts).
 */
function widest(text: string): number {
  return Math.max(0, ...text.split('\n').map(visibleWidth));
}

export function renderTerminal(blocks: readonly Block[], color: boolean, style: ChalkInstance, width = TERMINAL_WIDTH): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': {
        const text = wrapText(terminalText(b.text, null), width);
        out.push(text.split('\n').map((l) => (b.level === 1 ? style.bold.underline(l) : style.bold(l))).join('\n'));
        break;
      }
      case 'paragraph':
        out.push(wrapText(terminalText(b.text, style), width));
        break;
      case 'list':
        out.push(b.items.map((i) => wrapText(`  • ${terminalText(i, style)}`, width, '    ')).join('\n'));
        break;
      case 'table': {
        const cell = (c: string): string => terminalText(segments(c, (s) => s.replace(/<br>/g, '\n'), (v) => data(v)), null);
        const head = b.head.map(cell);
        const rows = b.rows.map((r) => r.map(cell));
        const pick = <T>(xs: readonly T[], columns: readonly number[]): T[] => columns.map((c) => xs[c]!);
        const fold = (body: readonly string[][]): string =>
          foldTable(head, width, (columns) =>
            renderTable(pick(head, columns), body.map((r) => pick(r, columns)), pick(b.align ?? head.map(() => 'left' as const), columns), color, !b.ruled),
          );
        let t = fold(rows);
        // A column too wide for any part (long reasons, notes): its cells wrap at words, so that a
        // pipe gets no line over the width either.
        if (widest(t) > width) t = fold(rows.map((r) => r.map((c) => wrapText(c, Math.max(20, Math.floor(width / 2))))));
        if (b.more) t += `\n${style.dim(`… and ${formatInt(b.more)} more (use --top)`)}`;
        out.push(t);
        break;
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}

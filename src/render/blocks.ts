/**
 * A document as blocks (headings, paragraphs, tables, lists), rendered either for a terminal
 * (cli-table3) or as Markdown. Views build blocks once; both formats show the same content.
 */
import type { ChalkInstance } from 'chalk';
import { renderTable, type Align } from './table.js';

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

function mdEscape(cell: string): string {
  return cell.replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

export function renderMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${b.text}`);
        break;
      case 'paragraph':
        out.push(b.text);
        break;
      case 'list':
        out.push(b.items.map((i) => `- ${i}`).join('\n'));
        break;
      case 'table': {
        const align = b.head.map((_, i) => (b.align?.[i] === 'right' ? '---:' : '---'));
        const lines = [
          `| ${b.head.map(mdEscape).join(' | ')} |`,
          `| ${align.join(' | ')} |`,
          ...b.rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`),
        ];
        if (b.more) lines.push('', `… and ${b.more.toLocaleString('en-US')} more (use --top).`);
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

export function renderTerminal(blocks: readonly Block[], color: boolean, style: ChalkInstance): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(b.level === 1 ? style.bold.underline(b.text) : style.bold(b.text));
        break;
      case 'paragraph':
        out.push(inline(b.text, style));
        break;
      case 'list':
        out.push(b.items.map((i) => `  • ${inline(i, style)}`).join('\n'));
        break;
      case 'table': {
        const head = b.head.map((h) => h.replace(/<br>/g, '\n'));
        const rows = b.rows.map((r) => r.map((c) => c.replace(/<br>/g, '\n').replace(/\*\*(.+?)\*\*/g, '$1')));
        let t = renderTable(head, rows, b.align ?? [], color, !b.ruled);
        if (b.more) t += `\n${style.dim(`… and ${b.more.toLocaleString('en-US')} more (use --top)`)}`;
        out.push(t);
        break;
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}

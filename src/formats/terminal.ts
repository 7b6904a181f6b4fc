/**
 * Blocks for a terminal `width` columns wide (80 for pipes and files): prose wrapped at word
 * boundaries, list items with a hanging indent, tables folded into parts that fit (see fold.ts).
 */
import type { ChalkInstance } from 'chalk';
import { data, segments, type Block } from '../documents/blocks.js';
import { formatInt } from '../documents/format.js';
import { renderTable } from './cli-table.js';
import { TERMINAL_WIDTH, foldTable, visibleWidth, wrapText } from './fold.js';
import { oneLine } from '../kernel/text.js';

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

/** Markdown emphasis in terminal text: **bold** becomes bold, the rest stays as written. */
function inline(text: string, style: ChalkInstance): string {
  return text.replace(/\*\*(.+?)\*\*/g, (_, t: string) => style.bold(t)).replace(/`([^`]+)`/g, '$1');
}

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

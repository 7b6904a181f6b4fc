/** The terminal table format: a document's blocks folded to the width, or its own terminal layout. */
import type { Document } from '../documents/document.js';
import { put, type FormatContext } from './context.js';

export async function write(doc: Document, ctx: FormatContext): Promise<void> {
  const { makeStyle } = await import('./style.js');
  const style = makeStyle(ctx.color);
  if (doc.terminal) {
    const { renderTable } = await import('./cli-table.js');
    const { visibleWidth, wrapText } = await import('./fold.js');
    const text = doc.terminal({
      width: ctx.width,
      color: ctx.color,
      bold: (s) => style.bold(s),
      dim: (s) => style.dim(s),
      warning: (s) => style.yellow(s),
      table: (head, rows) => renderTable(head, rows, [], ctx.color),
      wrap: wrapText,
      visibleWidth,
    });
    return put(ctx.stdout, ctx.output, text);
  }
  const { renderTerminal } = await import('./terminal.js');
  const blocks = doc.blocks!({ top: ctx.top, terminal: true, width: ctx.width });
  return put(ctx.stdout, ctx.output, renderTerminal(blocks, ctx.color, style, ctx.width));
}

/** The HTML format: one self-contained page, the document's blocks with its charts drawn in (html-page.ts). */
import type { Document } from '../documents/document.js';
import { drawCharts } from './chart-files.js';
import { put, type FormatContext } from './context.js';
import { renderHtml } from './html-page.js';

export async function write(doc: Document, ctx: FormatContext): Promise<void> {
  const blocks = doc.blocks!({ top: ctx.top, terminal: false, width: Number.POSITIVE_INFINITY });
  return put(ctx.stdout, ctx.output, renderHtml(doc.title, blocks, await drawCharts(doc)));
}

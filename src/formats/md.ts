/** The Markdown format: a document's blocks; with --charts DIR, its charts as SVG files linked in place. */
import type { Document } from '../documents/document.js';
import { put, type FormatContext } from './context.js';
import { renderMarkdown } from './markdown.js';

export async function write(doc: Document, ctx: FormatContext): Promise<void> {
  const blocks = doc.blocks!({ top: ctx.top, terminal: false, width: Number.POSITIVE_INFINITY });
  if (ctx.chartsDir === undefined) return put(ctx.stdout, ctx.output, renderMarkdown(blocks));
  const { markdownWithCharts } = await import('./chart-files.js');
  return put(ctx.stdout, ctx.output, await markdownWithCharts(doc, blocks, ctx.chartsDir, ctx.output));
}

/** The JSON format: the document written in chunks as it is made (see json-text.ts). */
import type { Document } from '../documents/document.js';
import { put, type FormatContext } from './context.js';
import { jsonChunks } from './json-text.js';

export function write(doc: Document, ctx: FormatContext): Promise<void> {
  return put(ctx.stdout, ctx.output, jsonChunks(doc.json!({ top: ctx.top })));
}

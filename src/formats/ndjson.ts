/** The NDJSON format: one JSON object per line (the document's objects, or its rows keyed by column), for jq -c, databases and queues. */
import { rowObjects, type Document } from '../documents/document.js';
import { put, type FormatContext } from './context.js';

export function* ndjsonChunks(rows: Iterable<unknown>): Generator<string> {
  // In batches of about 64 KB, as the JSON array's lines (one chunk per row cost more than the writing).
  let batch = '';
  for (const row of rows) {
    batch += `${JSON.stringify(row)}\n`;
    if (batch.length >= 65_536) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

export async function write(doc: Document, ctx: FormatContext): Promise<void> {
  const shape = { top: ctx.top, typed: false };
  const objects = doc.objects ? doc.objects(shape) : rowObjects(await doc.rows!(shape));
  // No rows is no lines: an empty stdout, not a lone newline.
  return put(ctx.stdout, ctx.output, ndjsonChunks(objects));
}

import { describe, expect, it } from 'vitest';
import { columns, type Document } from '../../../src/documents/document.js';
import { FORMATS, planOutput, writeDocument } from '../../../src/formats/index.js';
import { ndjsonChunks } from '../../../src/formats/ndjson.js';
import { sink } from '../../helpers/sink.js';

async function ndjson(doc: Document, top?: string): Promise<string> {
  const out = sink();
  await writeDocument(doc, planOutput({ formats: FORMATS, format: 'ndjson', top }, out));
  return out.text();
}

describe('the NDJSON format', () => {
  it("writes the document's objects one per line", async () => {
    const doc: Document = { command: 'n', title: 'N', objects: (s) => [{ a: 1 }, { a: 2, b: 'x\ny' }].slice(0, s.top) };
    expect(await ndjson(doc)).toBe('{"a":1}\n{"a":2,"b":"x\\ny"}\n');
    expect(await ndjson(doc, '1')).toBe('{"a":1}\n');
  });

  it('writes the rows keyed by column when the document has no objects of its own', async () => {
    const doc: Document = { command: 'n', title: 'N', rows: () => ({ name: 'r', columns: columns({ k: 'text', v: 'integer' }), rows: [['a', 1], ['b', null], ['c']] }) };
    expect(await ndjson(doc)).toBe('{"k":"a","v":1}\n{"k":"b","v":null}\n{"k":"c","v":null}\n');
  });

  it('writes nothing at all for no rows (no empty line a reader would fail on)', async () => {
    expect(await ndjson({ command: 'n', title: 'N', objects: () => [] })).toBe('');
  });

  it('batches lines into chunks of about 64 KB', () => {
    const chunks = [...ndjsonChunks(Array.from({ length: 10_000 }, (_, i) => ({ i, pad: 'x'.repeat(20) })))];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(0, -1).every((c) => c.length >= 65_536)).toBe(true);
    expect(chunks.join('').split('\n')).toHaveLength(10_001);
  });
});

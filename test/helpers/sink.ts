/** A writable stream that keeps what is written, standing in for stdout in in-process tests. */
import { Writable } from 'node:stream';

export interface Sink extends NodeJS.WriteStream {
  text(): string;
  bytes(): Buffer;
}

export function sink(opts: { isTTY?: boolean; columns?: number } = {}): Sink {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return Object.assign(w, {
    isTTY: opts.isTTY ?? false,
    columns: opts.columns ?? 0,
    text: () => Buffer.concat(chunks).toString('utf8'),
    bytes: () => Buffer.concat(chunks),
  }) as unknown as Sink;
}

/** Rows made one at a time, for documents of 200,000 customers (src/formats/json-text.ts writes them). */
/**
 * An array written as it is read: row `i` is made only when its line is written, so that a
 * document of 200,000 customers never holds 200,000 row objects at once (they die young, and
 * the garbage collector's cheap young-generation pass takes them). Written exactly as an array of
 * objects would be, one object per line.
 */
export class LazyRows {
  constructor(
    readonly length: number,
    readonly at: (i: number) => unknown,
  ) {}

  *[Symbol.iterator](): Generator<unknown> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** The rows as an array (for callers that need one; JSON.stringify writes this). */
  toJSON(): unknown[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

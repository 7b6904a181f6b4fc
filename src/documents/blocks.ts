/**
 * A document as blocks (headings, paragraphs, tables, lists): what the terminal table, Markdown and
 * HTML formats render (src/formats/). Documents build blocks once; every format shows the same content.
 */

export type Align = 'left' | 'right';

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

// Text from the data (customer names, attribute values, file names, header names) is marked by
// `data()` where a view puts it into a sentence or a cell; renderers escape it, so that a name like
// `<img src=x onerror=alert(1)> | 0` can neither break a table nor inject HTML or terminal codes.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const DATA = /\uE000([^\uE001]*)\uE001/g;

/** Marks a value from the data for escaping by the renderer. */
export function data(value: string | number | null | undefined): string {
  return `${OPEN}${String(value ?? '').replace(/[\uE000\uE001]/g, '')}${CLOSE}`;
}

/** Text with the data marks removed: for JSON, which shares some sentences with the documents. */
export function plain(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** Applies `authored` to the text written by the views and `value` to the marked data. */
export function segments(text: string, authored: (s: string) => string, value: (s: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(DATA)) {
    out += authored(text.slice(last, m.index));
    out += value(m[1]!);
    last = m.index + m[0].length;
  }
  return out + authored(text.slice(last));
}

/**
 * Fitting a terminal: prose wrapped at word boundaries, and tables too wide for the screen folded
 * deliberately into parts that each fit, every part repeating the columns that say which row it
 * is (rank and customer), never a number split across lines.
 */

/** The default width: what a terminal has unless it says otherwise, and what a pipe gets. */
export const TERMINAL_WIDTH = 80;

// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI colour code starts with ESC
const ANSI = /\u001B\[[0-9;]*m/g;

/** Visible width of terminal text: escape codes count nothing, every other character one column. */
export function visibleWidth(text: string): number {
  let n = 0;
  for (const _ of text.replace(ANSI, '')) n += 1;
  return n;
}

/**
 * Wraps text at spaces so that no line is wider than `width` (a word wider than that stays whole
 * on its own line). Lines after the first start with `indent`; existing line breaks are kept.
 */
export function wrapText(text: string, width: number, indent = ''): string {
  const out: string[] = [];
  const indentWidth = visibleWidth(indent);
  for (const paragraph of text.split('\n')) {
    if (visibleWidth(paragraph) <= width) {
      out.push(paragraph);
      continue;
    }
    // Split on single spaces so that runs of spaces (indentation, alignment) survive.
    let line = '';
    let lineWidth = 0;
    let started = false;
    for (const word of paragraph.split(' ')) {
      const w = visibleWidth(word);
      if (!started) {
        line = word;
        lineWidth = w;
        started = true;
      } else if (word !== '' && lineWidth + 1 + w > width && lineWidth > indentWidth) {
        out.push(line.trimEnd());
        line = indent + word;
        lineWidth = indentWidth + w;
      } else {
        line += ` ${word}`;
        lineWidth += 1 + w;
      }
    }
    out.push(line);
  }
  return out.join('\n');
}

/** The widest line of a rendered block. */
function blockWidth(rendered: string): number {
  // A loop, not Math.max(...): a table of every customer has more lines than an argument list holds.
  return rendered.split('\n').reduce((m, line) => Math.max(m, visibleWidth(line)), 0);
}

/** How many leading columns identify a row: a rank or position and the name beside it, or the first. */
export function keyColumns(head: readonly string[]): number {
  const first = (head[0] ?? '').trim().toLowerCase();
  return head.length > 2 && ['#', 'rank', 'position'].includes(first) ? 2 : 1;
}

/**
 * Renders a table with `render`; when it is wider than `width`, renders it in parts instead: the
 * key columns, then as many further columns as fit, and so on. Parts are joined by a blank line.
 */
export function foldTable(head: readonly string[], width: number, render: (columns: readonly number[]) => string): string {
  const all = head.map((_, i) => i);
  const whole = render(all);
  if (blockWidth(whole) <= width || head.length <= 1) return whole;
  const keys = all.slice(0, keyColumns(head));
  const parts: string[] = [];
  let current: number[] = [];
  for (const c of all.slice(keys.length)) {
    const trial = [...keys, ...current, c];
    if (current.length > 0 && blockWidth(render(trial)) > width) {
      parts.push(render([...keys, ...current]));
      current = [c];
    } else current.push(c);
  }
  if (current.length > 0) parts.push(render([...keys, ...current]));
  return parts.join('\n\n');
}

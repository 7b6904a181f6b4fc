/**
 * Numbers for people, in messages and reports. Output is deterministic: fixed locale (en-US digits,
 * comma thousands), money to cents, shares as percentages with one decimal.
 */

// Written by hand rather than with Intl.NumberFormat: loading the locale data costs ~20 ms at
// start-up, a fifth of a small run's budget, and the format is fixed anyway.

/** `1234567` → `1,234,567` (digits of a non-negative integer string). */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A whole number with comma thousands; halves round away from zero. */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(Math.abs(n));
  return `${n < 0 && r !== 0 ? '-' : ''}${group(String(r))}`;
}

/** `3 customers`, `1 customer`. */
export function plural(n: number, word: string): string {
  return `${formatInt(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Money to cents with comma thousands; -0 is shown as 0.00. */
export function formatMoney(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const cents = Math.round(Math.abs(n) * 100) / 100;
  const [whole, fraction] = cents.toFixed(2).split('.');
  return `${n < 0 && cents !== 0 ? '-' : ''}${group(whole!)}.${fraction}`;
}

/** A fraction as a percentage: 0.1234 is `12.3%`. */
export function formatShare(fraction: number, digits = 1): string {
  const v = fraction * 100;
  const s = v.toFixed(digits);
  return `${s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s}%`;
}


// Every C0 and C1 control character: terminal escape sequences start with one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * The one sanitiser of text from the input (names, values, headers): its control characters,
 * except those in `keep`, replaced by `by` (U+FFFD, the replacement character, by default), so
 * that no value can send escape codes to a terminal or garble a table.
 */
export function replaceControls(text: string, by: (c: string) => string = () => '\uFFFD', keep = ''): string {
  return text.replace(CONTROL, (c) => (keep.includes(c) ? c : by(c)));
}

/**
 * Bidirectional formatting characters (marks, embeddings, overrides, isolates): in a terminal,
 * Markdown or CSV they reorder the rest of a line, so that `1,250.00` reads `00.052,1`. Shown as
 * U+FFFD there; HTML isolates them instead (formats/html-page.ts).
 */
const BIDI_CONTROL = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function withoutBidi(text: string): string {
  return text.replace(BIDI_CONTROL, '\uFFFD');
}

/** Data as one line: line breaks as spaces, other control characters (and, unless kept, bidi ones) as U+FFFD. */
export function oneLine(text: string, keepBidi = false): string {
  const line = replaceControls(text.replace(/\r\n|\r|\n/g, ' '));
  return keepBidi ? line : withoutBidi(line);
}

/**
 * A message as one line in which no control character reaches the terminal: line breaks and tabs
 * become spaces, NUL is shown as \0, other control characters as \xNN. Messages quote header names
 * and values from the input, which can hold anything.
 */
export function printable(text: string): string {
  const shown = replaceControls(text.replace(/[\r\n\t]+/g, ' '), (c) => (c === '\u0000' ? '\\0' : `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
  return shown.replace(BIDI_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

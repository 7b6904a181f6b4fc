/**
 * Dialect sniffing: delimiter, preamble lines, header, line endings. It looks at the first lines
 * of the decoded text and counts delimiters; it never reads values (the engine does that, with
 * the dialect decided here). Pure, so that each export format has a unit test.
 */
import { DataError, UsageError, quote } from '../../kernel/errors.js';
import { formatInt } from '../../kernel/text.js';
import type { DelimitedDialect, Dialect, Newline, WhitespaceDialect } from './duckdb/conventions.js';
import { countFields, detectNewline, headRecords, splitFields } from './head-records.js';

export type { DelimitedDialect, Dialect, Newline, WhitespaceDialect };

export interface DialectOptions {
  readonly delimiter?: string;
  readonly skip?: number;
  /** Column names for a file without a header row. */
  readonly columns?: readonly string[];
}

const CANDIDATES = [',', ';', '\t', '|'] as const;

export function describeDelimiter(d: string): string {
  return d === '\t' ? 'tab' : d === ' ' ? 'space' : `'${d}'`;
}

export function parseDelimiterOption(text: string): string {
  const t = text.toLowerCase();
  if (t === 'tab' || t === '\\t' || text === '\t') return '\t';
  if (t === 'comma') return ',';
  if (t === 'semicolon') return ';';
  if (t === 'pipe') return '|';
  if (t === 'whitespace' || t === 'space') return ' ';
  // The quote and line ends cannot separate fields: the reader would refuse the file as a whole.
  if (text === '"' || text === '\n' || text === '\r') throw new UsageError(`--delimiter cannot be ${text === '"' ? "'\"', the quote character" : 'a line end'}; give the character between the fields: ',' ';' tab '|' or whitespace`);
  if (text.length === 1) return text;
  throw new UsageError(`--delimiter takes one character, 'tab' or 'whitespace', not ${quote(text)}`);
}


interface Block {
  readonly delimiter: string;
  readonly start: number;
  readonly fields: number;
  /** Lines from the start that have the block's field count. */
  readonly agreeing: number;
  readonly considered: number;
  /** Fields the header names when it names fewer than the rows hold (a ragged table). */
  readonly header?: number;
}

/**
 * The table in a text: the first line from which most following non-empty lines have the same
 * number of fields (at least two). Lines before it are preamble.
 */
function findBlock(lines: readonly string[], delimiter: string, needHeader: boolean): Block | undefined {
  const counts = lines.map((l) => (l.trim() === '' ? 0 : countFields(l, delimiter)));
  let best: Block | undefined;
  const limit = Math.min(lines.length, 60);
  for (let start = 0; start < limit; start++) {
    const k = counts[start]!;
    if (k < 2) continue;
    // A header names its columns (most of them) and is not data.
    if (needHeader) {
      const cells = splitFields(lines[start]!, delimiter);
      if (looksLikeData(cells) || cells.filter((c) => c !== '').length < cells.length / 2) continue;
    }
    let agreeing = 0;
    let considered = 0;
    for (let i = start; i < counts.length; i++) {
      if (counts[i] === 0) continue;
      considered++;
      if (counts[i] === k) agreeing++;
    }
    // Most of what follows must agree; the rest become rejected rows, with line numbers.
    if (agreeing < Math.max(2, considered * (2 / 3))) continue;
    const block = { delimiter, start, fields: k, agreeing, considered };
    if (!best || agreeing > best.agreeing) best = block;
    break;
  }
  return best;
}

/**
 * A table whose header names fewer fields than its rows hold, the free text running on over more
 * fields (Livebank: 10 names, rows of 12-14 fields): the first line of names under which every
 * following non-empty line has at least as many fields, and some more. Found only where no header
 * agrees with its rows, so a file that has one is never read this way.
 */
function findRaggedBlock(lines: readonly string[], delimiter: string): Block | undefined {
  const counts = lines.map((l) => (l.trim() === '' ? 0 : countFields(l, delimiter)));
  for (let start = 0; start < Math.min(lines.length, 60); start++) {
    const k = counts[start]!;
    if (k < 2) continue;
    const cells = splitFields(lines[start]!, delimiter);
    if (looksLikeData(cells) || cells.some((c) => c === '')) continue;
    const rows = counts.slice(start + 1).filter((n) => n > 0);
    const first = lines.slice(start + 1).find((l) => l.trim() !== '');
    if (rows.length < 2 || rows.some((n) => n < k) || !rows.some((n) => n > k)) continue;
    if (first === undefined || !looksLikeData(splitFields(first, delimiter))) continue;
    return { delimiter, start, fields: Math.max(...rows), agreeing: rows.length, considered: rows.length, header: k };
  }
  return undefined;
}

const WHITESPACE_SPLIT = /\s+/;
const PLAIN_NUMBER = /^[-+(]?\d[\d .,']*\)?-?$/;

/** Whitespace-aligned text (CDNOW's `customer_id  date number_of_cds  dollar_value`). */
function whitespaceFields(line: string): number {
  const t = line.trim();
  return t === '' ? 0 : t.split(WHITESPACE_SPLIT).length;
}

function findWhitespaceBlock(lines: readonly string[]): Block | undefined {
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length < 2) return undefined;
  if (nonEmpty.some((l) => CANDIDATES.some((d) => l.includes(d)))) return undefined;
  const first = lines.findIndex((l) => l.trim() !== '');
  const k = whitespaceFields(lines[first]!);
  const agreeing = nonEmpty.filter((l) => whitespaceFields(l) === k).length;
  if (k < 2 || agreeing < nonEmpty.length * 0.95) return undefined;
  // Aligned tables hold numbers (ids, dates, amounts); lines of prose do not.
  const rows = nonEmpty.slice(1);
  if (rows.filter((l) => /\d/.test(l)).length < rows.length / 2) return undefined;
  return { delimiter: ' ', start: first, fields: k, agreeing, considered: nonEmpty.length };
}

const DATA_LIKE = [
  /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/, // a date
  /^[-+(]?\d[\d .,']*[.,]\d+\)?-?$/, // a number with decimals
  /^\d{6,}$/, // a long number: an id or yyyymmdd
];

/** A header names columns; a line whose cells are dates or amounts is data. */
export function looksLikeData(cells: readonly string[]): boolean {
  return cells.some((c) => DATA_LIKE.some((re) => re.test(c.trim())));
}

function uniqueNames(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.trim() === '' ? `column${i + 1}` : raw.trim();
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}_${n + 1}`;
  });
}

export function sniffDialect(
  display: string,
  text: string,
  complete: boolean,
  options: DialectOptions = {},
): Dialect {
  const newline = detectNewline(text);
  const records = headRecords(text, newline, complete);
  const lines = records.map((r) => r.text);
  // A head without a line end is one line longer than the head (a 7.9 MB header), not an empty file.
  if (records.length === 0 && !complete && text.length > 0) {
    throw new DataError(`${display}: no line ends in the first ${formatInt(Math.round(text.length / 1024))} KB: the header is longer than that, or the file is not a CSV export; export only the columns you need`);
  }
  if (lines.every((l) => l.trim() === '')) throw new DataError(`${display}: no lines with data`);

  const { block, found } = findTable(display, lines, options, records.map((r) => r.line));
  let reason = found;
  if (options.skip === undefined) refuseTwoTables(display, lines, records, block);
  let skip = options.skip ?? (records[block.start]?.line ?? 1) - 1;
  let headerIndex = options.skip === undefined ? block.start : records.findIndex((r) => r.line > options.skip!);
  if (options.skip !== undefined) reason += `; --skip ${options.skip}`;
  else if (skip > 0) reason += `; ${skip} preamble line${skip === 1 ? '' : 's'} skipped`;
  if (options.columns !== undefined && options.skip === undefined && replacedHeader(lines, headerIndex, block.delimiter)) {
    reason += `; line ${skip + 1} is a header (names only, above rows of dates and amounts): --columns replaces its names`;
    headerIndex += 1;
    skip = (records[headerIndex]?.line ?? skip + 2) - 1;
  }
  const headerText = lines[headerIndex] ?? '';
  const named =
    block.delimiter === ' '
      ? headerText.trim().split(WHITESPACE_SPLIT)
      : splitFields(headerText, block.delimiter);
  // A ragged table's extra fields are unnamed text columns (column11, …), padded with NULL.
  const ragged = block.header !== undefined && options.columns === undefined && headerIndex === block.start;
  const cells = ragged ? [...named, ...Array<string>(block.fields - named.length).fill('')] : named;

  let columns: string[];
  let headerLine: number;
  let duplicates: { name: string; columns: number[] }[] = [];
  if (options.columns !== undefined) {
    columns = uniqueNames(options.columns);
    headerLine = 0;
    if (columns.length !== cells.length) {
      throw new UsageError(
        `${display}: --columns names ${columns.length} columns, but line ${skip + 1} has ${cells.length} fields`,
      );
    }
  } else {
    if (looksLikeData(cells)) {
      // A header above the rows with another number of fields is a different problem.
      const above = lines.slice(0, headerIndex).findLastIndex((l) => l.trim() !== '' && !looksLikeData(splitFields(l, block!.delimiter)));
      const hint =
        above >= 0 && countFields(lines[above]!, block.delimiter) !== cells.length
          ? ` (line ${records[above]!.line} looks like a header but has ${countFields(lines[above]!, block.delimiter)} fields, the rows have ${cells.length})`
          : '';
      // Data above the table's first line would be lost by --skip: no fix that drops a row.
      const dropped = lines.slice(above + 1, headerIndex).map((l, i) => ({ l, at: records[above + 1 + i]!.line })).filter((x) => x.l.trim() !== '' && looksLikeData(splitFields(x.l, block!.delimiter)));
      if (above >= 0 && dropped.length > 0) {
        const widths = [...dropped.map((x) => countFields(x.l, block!.delimiter)), cells.length];
        throw new DataError(
          `${display}: the rows under the header on line ${records[above]!.line} (${countFields(lines[above]!, block.delimiter)} fields) do not have one number of fields: ${Math.min(...widths)} to ${Math.max(...widths)} (line ${dropped[0]!.at} has ${countFields(dropped[0]!.l, block.delimiter)}, line ${skip + 1} has ${cells.length}); not read, since skipping to where the widths agree would drop ${dropped.length} row${dropped.length === 1 ? '' : 's'}: check the export for rows cut short or split`,
        );
      }
      throw new DataError(
        `${display}: line ${skip + 1} looks like data, not a header${hint}; name the ${cells.length} columns with --columns a,b,…${skip > 0 ? ` --skip ${skip} (the ${skip === 1 ? 'line' : `${skip} lines`} before it)` : ''}`,
      );
    }
    // Columns of one name are told apart as name, name_2; the mapping refuses them as fields.
    const positions = new Map<string, number[]>();
    cells.forEach((c, i) => {
      const name = c.trim();
      if (name !== '') positions.set(name.toLowerCase(), [...(positions.get(name.toLowerCase()) ?? []), i + 1]);
    });
    duplicates = [...positions.values()].filter((at) => at.length > 1).map((at) => ({ name: cells[at[0]! - 1]!.trim(), columns: at }));
    columns = uniqueNames(cells);
    headerLine = skip + 1;
  }
  const more = duplicates.length > 0 ? { duplicates } : {};
  if (block.delimiter === ' ') {
    return { type: 'whitespace', newline, skip, headerLine, columns, reason, ...more };
  }
  if (ragged) reason += `; columns ${columns[named.length]}-${columns[columns.length - 1]} are the text's further fields, empty where a row is shorter`;
  return { type: 'delimited', delimiter: block.delimiter, quote: '"', newline, skip, headerLine, columns, reason, ...more, ...(ragged ? { ragged: true as const } : {}) };
}

/** The table in the first lines: its delimiter, first line and width, and why; an error when there is none. */
function findTable(display: string, lines: readonly string[], options: DialectOptions, lineNumbers: readonly number[] = []): { block: Block; found: string } {
  let block: Block | undefined;
  let reason: string;
  const needHeader = options.columns === undefined;
  if (options.delimiter !== undefined && options.delimiter !== ' ') {
    block =
      findBlock(lines, options.delimiter, needHeader) ??
      (needHeader ? findRaggedBlock(lines, options.delimiter) : undefined) ??
      findBlock(lines, options.delimiter, false);
    reason = 'option --delimiter';
    if (!block) {
      const first = lines.find((l) => l.trim() !== '') ?? '';
      block = { delimiter: options.delimiter, start: 0, fields: countFields(first, options.delimiter), agreeing: 0, considered: 0 };
    }
  } else if (options.delimiter === ' ') {
    const first = lines.findIndex((l) => l.trim() !== '');
    block = { delimiter: ' ', start: first, fields: whitespaceFields(lines[first]!), agreeing: 0, considered: 0 };
    reason = 'option --delimiter';
  } else {
    const search = (header: boolean): Block | undefined =>
      CANDIDATES.map((d) => findBlock(lines, d, header))
        .filter((b): b is Block => b !== undefined)
        // Agreement weighs most, but a split into more fields wins over one that merely agrees
        // (`18.09.2017;-33,87;EUR` splits into two on its decimal comma, on every line).
        .sort((a, b) => b.agreeing * Math.log2(b.fields) - a.agreeing * Math.log2(a.fields))[0];
    // Without a header row the table's first line is data: found, then refused below unless
    // --columns names the columns.
    block = needHeader ? search(true) : search(false);
    if (block && needHeader) {
      // A table without a header that another delimiter splits evenly on many more lines wins over
      // a "header" found by splitting on decimal commas (`| POS 6,49 AT …|20190311|…|-89.30|`).
      const headerless = search(false);
      const wins = (h: Block, b: Block): boolean => h.agreeing >= b.agreeing * 1.5 || (b.delimiter === ',' && h.agreeing >= b.agreeing && decimalCommasOnly(lines.slice(b.start)));
      if (headerless && headerless.delimiter !== block.delimiter && wins(headerless, block) && looksLikeData(splitFields(lines[headerless.start]!, headerless.delimiter))) block = headerless;
    }
    if (block?.delimiter === ',' && needHeader && decimalCommasOnly(lines.slice(block.start))) {
      // Every comma is a decimal comma ('150,00', '5.000,00'): another delimiter that splits every
      // line into at least the header's fields is the table's (Livebank).
      const other = CANDIDATES.filter((d) => d !== ',').map((d) => findBlock(lines, d, true) ?? findRaggedBlock(lines, d)).find((b) => b !== undefined && b.fields > block!.fields);
      if (other) block = other;
    }
    if (!block && needHeader) {
      // A table whose first line is data: refused below (with the fix) unless it is not data either.
      const headerless = search(false);
      if (headerless && looksLikeData(splitFields(lines[headerless.start]!, headerless.delimiter))) block = headerless;
    }
    reason = block
      ? block.header !== undefined
        ? `the header names ${block.header} fields, the ${block.agreeing} lines below it up to ${block.fields}`
        : `${block.agreeing} of ${block.considered} lines have ${block.fields} fields`
      : '';
    if (!block) {
      block = findWhitespaceBlock(lines);
      reason = block ? `${block.agreeing} lines of ${block.fields} whitespace-separated fields` : '';
    }
  }
  if (!block && options.columns !== undefined) block = oneDataLine(lines, options.columns.length, options.delimiter);
  if (block && reason === '') reason = `one line of ${block.fields} fields, as many as --columns names`;
  if (!block && lines.filter((l) => l.trim() !== '').length === 1) {
    throw new DataError(`${display}: only one line, a header without rows: there are no transactions to read; is the export complete?`);
  }
  if (!block) refuseContinuationLines(display, lines, lineNumbers);
  if (!block) {
    throw new DataError(
      `${display}: found no table (a header line followed by lines with the same number of fields; tried ',' ';' tab '|' and aligned columns); pass --delimiter and --skip`,
    );
  }

  return { block, found: reason };
}

/**
 * A table whose every row is followed by a line holding only more text in one field (OCBC:
 * `18/04/2018,18/04/2018,DEBIT PURCHASE,6.66,` then `,,15/04/18 66-6666 UBER EATS …`): each record
 * spans two lines. Which field the extra text continues, and whether it names the counterparty, is
 * a guess, so it is refused with what the lines are and what to do, never read as two tables.
 */
function refuseContinuationLines(display: string, lines: readonly string[], lineNumbers: readonly number[]): void {
  for (const d of CANDIDATES) {
    for (let start = 0; start < Math.min(lines.length, 60); start++) {
      const header = splitFields(lines[start]!, d);
      const k = header.length;
      if (k < 3 || looksLikeData(header) || header.some((c) => c === '')) continue;
      let rows = 0;
      const continuations: { at: number; field: number }[] = [];
      let other = 0;
      for (let i = start + 1; i < lines.length; i++) {
        if (lines[i]!.trim() === '') {
          if (rows > 0) break;
          continue;
        }
        const cells = splitFields(lines[i]!, d);
        const filled = cells.map((c, j) => (c === '' ? -1 : j)).filter((j) => j >= 0);
        if (cells.length === k && looksLikeData(cells)) rows++;
        else if (cells.length < k && filled.length === 1 && filled[0]! > 0 && !PLAIN_NUMBER.test(cells[filled[0]!]!)) continuations.push({ at: i, field: filled[0]! });
        else other++;
      }
      if (rows < 2 || continuations.length < 2 || continuations.length + rows < (rows + continuations.length + other) * 0.9) continue;
      const field = continuations[0]!.field;
      const first = continuations[0]!.at;
      const line = (i: number): number => lineNumbers[i] ?? i + 1;
      throw new DataError(
        `${display}: from line ${line(start + 1)}, ${rows} rows of ${k} fields are followed by ${continuations.length} lines that hold only more text in field ${field + 1} ('${header[field]}'), like line ${line(first)} ${quote(lines[first]!.trim())}: each record spans two lines, which is not read (which field the text continues would be a guess); join each such line to the '${header[field]}' of the row above, then read the joined file (with --skip ${line(start) - 1} for the lines before its header)`,
      );
    }
  }
}

/**
 * A file of one line whose columns --columns names: that line is the one row (a statement of one
 * transaction), split by the delimiter that gives as many fields as there are names.
 */
function oneDataLine(lines: readonly string[], names: number, delimiter: string | undefined): Block | undefined {
  const nonEmpty = lines.map((l, i) => ({ l, i })).filter((x) => x.l.trim() !== '');
  if (nonEmpty.length !== 1 || names < 2) return undefined;
  const { l, i } = nonEmpty[0]!;
  const d = delimiter ?? CANDIDATES.find((c) => countFields(l, c) === names);
  if (d === undefined || countFields(l, d) !== names) return undefined;
  return { delimiter: d, start: i, fields: names, agreeing: 1, considered: 1 };
}

/**
 * With --columns, the table's first line is data unless its values say otherwise: a line of names
 * only (no date, no amount, no empty cell) above lines that hold dates or amounts is the export's own
 * header, which the names given replace.
 */
function replacedHeader(lines: readonly string[], at: number, delimiter: string): boolean {
  const split = (l: string): string[] => (delimiter === ' ' ? l.trim().split(WHITESPACE_SPLIT) : splitFields(l, delimiter));
  const first = lines[at];
  if (first === undefined) return false;
  const cells = split(first);
  if (looksLikeData(cells) || cells.some((c) => c === '' || /^[-+]?\d/.test(c))) return false;
  const below = lines.slice(at + 1).filter((l) => l.trim() !== '').slice(0, 5);
  return below.length > 0 && below.every((l) => split(l).length === cells.length && looksLikeData(split(l)));
}

/**
 * Preamble lines are a title or a few account details. When they hold a table of their own, two
 * different exports were put in one file: refused, never skipped in silence.
 */
function refuseTwoTables(display: string, lines: readonly string[], records: readonly { readonly line: number }[], block: Block): void {
  if (block.start > 0) {
    const preamble = lines.slice(0, block.start).filter((l) => l.trim() !== '');
    for (const d of CANDIDATES) {
      if (preamble.length < 5) break;
      const counts = preamble.map((l) => countFields(l, d));
      const k = counts[0]!;
      const agreeing = preamble.filter((_, i) => counts[i] === k);
      if (k >= 2 && agreeing.length >= Math.max(5, (preamble.length * 2) / 3) && !keyValueLines(agreeing, d)) {
        const at = records[block.start]?.line ?? block.start + 1;
        const name = (x: string): string => (x === '\t' ? 'tab' : `'${x}'`);
        throw new DataError(
          `${display}: lines 1-${at - 1} hold a table of their own (${name(d)}-separated, ${k} fields) before the table from line ${at} (${name(block.delimiter)}-separated, ${block.fields} fields): two different exports in one file? Split them, or pass --skip ${at - 1} to read only the second`,
        );
      }
    }
  }
}

/**
 * Account details as `key;value` lines (German ING: `IBAN;DE12 …`, `Kontoname;Girokonto`): two
 * fields, the first a label and the second mostly not a date or an amount. They are a preamble, not
 * a second table.
 */
function keyValueLines(lines: readonly string[], delimiter: string): boolean {
  const cells = lines.map((l) => splitFields(l, delimiter));
  if (cells.some((c) => c.length !== 2)) return false;
  const labels = cells.filter((c) => /\p{L}/u.test(c[0]!) && !looksLikeData([c[0]!])).length;
  const values = cells.filter((c) => looksLikeData([c[1]!])).length;
  return labels >= cells.length * 0.8 && values < cells.length / 2;
}

/** Whether every comma in these lines sits between two digits: decimal commas, not a delimiter. */
function decimalCommasOnly(lines: readonly string[]): boolean {
  const commas = lines.reduce((n, l) => n + (l.match(/,/g) ?? []).length, 0);
  const decimal = lines.reduce((n, l) => n + (l.match(/\d,(?=\d)/g) ?? []).length, 0);
  return commas > 0 && commas === decimal;
}

/**
 * The first records of a delimited text as the dialect sniffer reads them: its line ending, its
 * records (a quoted field may span lines), and the fields of a line for a delimiter, quotes
 * honoured. Pure.
 */
import type { Newline } from './duckdb/conventions.js';

/** Records the sniffer looks at: enough for a preamble, a header and a few hundred rows. */
const MAX_LINES = 400;

export function detectNewline(text: string): Newline {
  // Any CRLF means CRLF (a stray CR before it, as in CR CR LF exports, ends up trimmed);
  // only a text without LF is old-Mac CR.
  if (text.includes('\r\n')) return '\r\n';
  if (!text.includes('\n') && text.includes('\r')) return '\r';
  return '\n';
}

export interface HeadRecord {
  readonly text: string;
  /** 1-based physical line the record starts on. */
  readonly line: number;
}

/**
 * The first records of a text: physical lines, joined where a double-quoted field spans a line
 * end. The last one is dropped when the text was cut mid-line.
 */
export function headRecords(text: string, newline: Newline, complete: boolean): HeadRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(newline === '\r\n' ? /\r\n/ : newline === '\r' ? /\r/ : /\n/);
  if (!complete || lines[lines.length - 1] === '') lines.pop();
  const records: HeadRecord[] = [];
  let open: { parts: string[]; line: number } | undefined;
  for (let i = 0; i < lines.length && records.length < MAX_LINES; i++) {
    const l = lines[i]!;
    const quotes = (l.match(/"/g) ?? []).length;
    if (open) {
      open.parts.push(l);
      if (quotes % 2 === 1) {
        records.push({ text: open.parts.join('\n'), line: open.line });
        open = undefined;
      }
    } else if (quotes % 2 === 1) {
      open = { parts: [l], line: i + 1 };
    } else {
      records.push({ text: l, line: i + 1 });
    }
  }
  if (open && complete) records.push({ text: open.parts.join('\n'), line: open.line });
  return records;
}

/** Fields in one line for a delimiter, honouring double quotes (a field may hold the delimiter). */
export function countFields(line: string, delimiter: string, quoteChar = '"'): number {
  let fields = 1;
  let inQuotes = false;
  for (const ch of line) {
    if (ch === quoteChar) inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) fields++;
  }
  return fields;
}

export function splitFields(line: string, delimiter: string, quoteChar = '"'): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === quoteChar) {
      if (inQuotes && line[i + 1] === quoteChar) {
        cur += ch;
        i++;
      } else inQuotes = !inQuotes;
    } else if (ch === delimiter && !inQuotes) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

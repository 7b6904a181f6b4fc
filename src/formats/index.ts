/**
 * The one way a command's result is written: `planOutput` decides, once and before any input is
 * read, everything about the output (the format, --top, the terminal width, colour, whether a
 * binary format may go where it is asked to); `writeDocument` hands the command's Document to the
 * format's module. A format is one module with `write(doc, ctx)`; it sees only the Document.
 */
import type { Document } from '../documents/document.js';
import { UsageError } from '../kernel/errors.js';
import { optionalWholeNumber } from '../kernel/number-options.js';
import type { FormatContext, FormatName } from './context.js';

export type { FormatContext, FormatName } from './context.js';
export { put } from './context.js';

/** Every format, in the order help lists them. */
export const FORMATS: readonly FormatName[] = ['table', 'md', 'json', 'ndjson', 'csv', 'parquet', 'xlsx', 'html'];

/** The parts of a Document a format needs (`terminal` can stand in for `blocks` in a table). */
const NEEDS: Record<FormatName, (doc: Document) => boolean> = {
  table: (d) => d.blocks !== undefined || d.terminal !== undefined,
  md: (d) => d.blocks !== undefined,
  json: (d) => d.json !== undefined,
  ndjson: (d) => d.objects !== undefined || d.rows !== undefined,
  csv: (d) => d.rows !== undefined,
  parquet: (d) => d.rows !== undefined,
  xlsx: (d) => d.rows !== undefined,
  html: (d) => d.blocks !== undefined && d.charts !== undefined,
};

/** The formats a document can be written in: what a command lists in its FORMATS constant, checked by the tests. */
export function formatsOf(doc: Document): FormatName[] {
  return FORMATS.filter((f) => NEEDS[f](doc));
}

export interface OutputRequest {
  /** --format as given; undefined when not given (the command's default, or --output's extension, decides). */
  readonly format?: FormatName | undefined;
  /** --json: short for --format json. */
  readonly json?: boolean | undefined;
  /** The command's formats (its --format choices); the first is its default. */
  readonly formats: readonly FormatName[];
  /** --top as given (a string from the command line, or a number already read). */
  readonly top?: string | number | undefined;
  readonly output?: string | undefined;
  /** --color / --no-color (commander's negatable flag: false for --no-color). */
  readonly color?: boolean | undefined;
  readonly excel?: boolean | undefined;
  readonly charts?: string | undefined;
}

/** The width of a terminal table: a terminal's own columns; 80 for pipes and files, so that their text is the same everywhere. */
export const PIPE_WIDTH = 80;

export function outputWidth(stdout: NodeJS.WriteStream, output: string | undefined): number {
  return output === undefined && stdout.isTTY && stdout.columns > 0 ? stdout.columns : PIPE_WIDTH;
}

/**
 * Colour, decided once per run: only on a terminal written to directly (no --output), and off
 * when NO_COLOR is set, TERM=dumb, or --no-color was given.
 */
export function wantColor(stdout: NodeJS.WriteStream, output: string | undefined, flag: boolean | undefined, env = process.env): boolean {
  if (output !== undefined || flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stdout.isTTY === true;
}

/** --top as given: the option table's own rule (a whole number), or a number already read. */
function readTop(top: string | number | undefined): number | undefined {
  return typeof top === 'number' ? top : optionalWholeNumber('top', top);
}

/** The formats an --output file's extension names. */
const EXTENSIONS: Readonly<Record<string, FormatName>> = {
  html: 'html', htm: 'html', md: 'md', markdown: 'md', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson', csv: 'csv', parquet: 'parquet', xlsx: 'xlsx',
};

/**
 * The format: --json; else --format; else what the --output file's extension names, when the
 * command writes it (`--output report.html`, `--output customers.xlsx`: never a text table in a
 * file named for something else); else the command's first format.
 */
export function chooseFormat(req: Pick<OutputRequest, 'format' | 'json' | 'formats' | 'output'>): FormatName {
  if (req.json) return 'json';
  if (req.format !== undefined) return req.format;
  const extension = req.output === undefined ? undefined : /\.([A-Za-z]+)$/.exec(req.output)?.[1]?.toLowerCase();
  const named = extension === undefined ? undefined : EXTENSIONS[extension];
  if (named !== undefined && req.formats.includes(named)) return named;
  const first = req.formats[0];
  if (first === undefined) throw new Error('a command without formats');
  return first;
}

/** Everything about the output, checked before any input is read: a refusal costs no reading. */
export function planOutput(req: OutputRequest, stdout: NodeJS.WriteStream, env = process.env): FormatContext {
  const { output } = req;
  const format = chooseFormat(req);
  if (req.charts !== undefined && format !== 'md') {
    throw new UsageError(`--charts writes SVG files for the Markdown report (--format md); the ${format === 'html' ? 'HTML report has its charts inline' : `${format === 'json' ? 'JSON' : format} report has no charts`}`);
  }
  if (req.charts !== undefined && req.charts.trim() === '') throw new UsageError('--charts takes a folder, such as --charts charts');
  const top = readTop(req.top);
  const toStdout = output === undefined || output === '-';
  // Binary formats: never to a terminal by accident; Parquet, which DuckDB writes to a path, never to a pipe either.
  if (format === 'parquet' && toStdout) {
    throw new UsageError('--format parquet writes a binary file: give --output FILE.parquet (or use --format ndjson or csv for a pipe)');
  }
  if (format === 'xlsx' && toStdout && stdout.isTTY) {
    throw new UsageError('--format xlsx writes a binary workbook: pass --output FILE.xlsx, or redirect stdout to a file');
  }
  if (req.excel && format !== 'csv') throw new UsageError('--excel is for --format csv; an .xlsx workbook needs no locale conventions');
  return {
    format,
    stdout,
    output,
    top,
    width: outputWidth(stdout, output),
    color: wantColor(stdout, output, req.color, env),
    excel: req.excel === true,
    chartsDir: req.charts,
  };
}

const MODULES: Record<FormatName, () => Promise<{ write(doc: Document, ctx: FormatContext): Promise<void> }>> = {
  table: () => import('./table.js'),
  md: () => import('./md.js'),
  json: () => import('./json.js'),
  ndjson: () => import('./ndjson.js'),
  csv: () => import('./csv.js'),
  parquet: () => import('./parquet.js'),
  xlsx: () => import('./xlsx.js'),
  html: () => import('./html.js'),
};

/** Writes `doc` in the planned format (each format's module is loaded only when it runs). */
export async function writeDocument(doc: Document, ctx: FormatContext): Promise<void> {
  // A command lists only formats its document has; this is the bug check behind that list.
  if (!NEEDS[ctx.format](doc)) throw new Error(`segment ${doc.command} has no ${ctx.format} output (it writes ${formatsOf(doc).join(', ')})`);
  const module = await MODULES[ctx.format]();
  await module.write(doc, ctx);
}

/**
 * Hostile and broken input (fixtures/bad/, and two cases generated here because of their size):
 * for each, the exit code, the one-line message on stderr (file, line where there is one, what to
 * do, never a stack trace), and, where the input is read, the row accounting. Pinned in
 * test/golden/bad.json (UPDATE_GOLDEN=1 rewrites it; read the diff before committing it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { updatingGolden } from '../helpers/golden.js';
import { deflated, oneSheetWorkbook, zeroBomb } from '../helpers/zip.js';

const BAD = 'fixtures/bad';
const tmp = mkdtempSync(join(tmpdir(), 'segment-bad-'));

interface Outcome {
  args: string[];
  code: number | null;
  stderr: string;
  rows?: { read: number; used: number; rejected: number; skipped: number; unattributed: number };
}

/** Each fixture is inspected; a few need a command of their own. */
const SPECIAL: Record<string, string[]> = {
  // Keys on several rows (issue 26: the later row won without a word).
  'customers-duplicate-keys.csv': ['report', `${BAD}/transactions-for-customers.csv`, '--customers', `${BAD}/customers-duplicate-keys.csv`, '--format', 'json'],
  'customers-match-nothing.csv': ['report', `${BAD}/transactions-for-customers.csv`, '--customers', `${BAD}/customers-match-nothing.csv`, '--format', 'json'],
  'transactions-for-customers.csv': ['abc', `${BAD}/transactions-for-customers.csv`, '--format', 'json'],
  'only-outgoing-payments.csv': ['abc', `${BAD}/only-outgoing-payments.csv`, '--format', 'json'],
  // A DKK statement without a currency column beside a SEK statement.
  'currency-unknown-beside-known.csv': ['abc', `${BAD}/currency-unknown-beside-known.csv`, 'fixtures/currency/sek-kontoutdrag.csv', '--format', 'json'],
  // A map whose delimiter is the quote character (issue 26.5: was a DuckDB Binder Error, exit 1).
  'map-delimiter-quote.json': ['inspect', 'fixtures/crm-invoices.csv', '--map', `${BAD}/map-delimiter-quote.json`],
};

function argsFor(file: string): string[] {
  return SPECIAL[file] ?? ['inspect', `${BAD}/${file}`, '--json'];
}

const LONG_LINES = ['line-16mib.csv', 'line-16mib.csv.gz', 'line-40mb.csv', 'key-20mb.parquet', 'inline-string-20mb.xlsx'];

/**
 * 300 rows, the 151st (5,000.00) with a field of `bytes`: DuckDB's parallel reader dropped a line
 * longer than its 16 MiB buffer without a word (issue 26). Each must read 300 and reject one.
 */
function rowsWithOneLong(long: string): string[] {
  return Array.from({ length: 300 }, (_, i) => `C${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i === 150 ? '5000.00' : '10.00'},${i === 150 ? long : 'ok'}`);
}

async function longLineInputs(): Promise<void> {
  const { gzipSync } = await import('node:zlib');
  const csv = (bytes: number): string => `customer_id,date,amount,note\n${rowsWithOneLong('x'.repeat(bytes)).join('\n')}\n`;
  writeFileSync(join(tmp, 'line-16mib.csv'), csv(2 ** 24));
  writeFileSync(join(tmp, 'line-16mib.csv.gz'), gzipSync(csv(2 ** 24)));
  writeFileSync(join(tmp, 'line-40mb.csv'), csv(40_000_000));
  // A 20 MB customer key in Parquet, written by DuckDB itself.
  const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  await db.run(`COPY (SELECT CASE WHEN i = 150 THEN repeat('K', 20000000) ELSE 'K' || i END AS customer_id, DATE '2024-01-01' + (i % 28)::INTEGER AS date,
    (CASE WHEN i = 150 THEN 5000 ELSE 10 END)::DECIMAL(10,2) AS amount FROM range(300) t(i)) TO '${join(tmp, 'key-20mb.parquet')}' (FORMAT parquet)`);
  db.closeSync();
  // A 20 MB inline string in a workbook: random text, so that it does not look like a zip bomb.
  const cell = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const rows = rowsWithOneLong(randomBytes(15_000_000).toString('base64')).map((line, i) => {
    const [c, d, a, n] = line.split(',') as [string, string, string, string];
    const r = i + 2;
    return `<row r="${r}">${cell(`A${r}`, c)}${cell(`B${r}`, d)}<c r="C${r}"><v>${a}</v></c>${cell(`D${r}`, n)}</row>`;
  });
  const head = `<row r="1">${cell('A1', 'customer_id')}${cell('B1', 'date')}${cell('C1', 'amount')}${cell('D1', 'note')}</row>`;
  oneSheetWorkbook(join(tmp, 'inline-string-20mb.xlsx'), deflated('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${head}${rows.join('')}</sheetData></worksheet>`));
}

const results = new Map<string, Outcome>();
interface Reason { reason: string; examples: { line: number }[] }
const rejectedLines = new Map<string, { reason: string; lines: number[] }[]>();
const golden = join(ROOT, 'test', 'golden', 'bad.json');

async function outcome(args: string[]): Promise<Outcome> {
  const r = await runInProcess(args);
  const out: Outcome = { args: args.map((a) => a.replace(tmp, '<tmp>')), code: r.code, stderr: r.stderr.replaceAll(tmp, '<tmp>') };
  if (args[0] === 'inspect' && r.stdout.trim().startsWith('{')) {
    const t = (JSON.parse(r.stdout) as { total: { read: number; used: number; rejected: number; skipped: number; unattributed: number; rejected_by_reason: Reason[] } }).total;
    out.rows = { read: t.read, used: t.used, rejected: t.rejected, skipped: t.skipped, unattributed: t.unattributed };
    if (LONG_LINES.some((f) => args[1]?.endsWith(f))) rejectedLines.set(args[1]!, t.rejected_by_reason.map((x) => ({ reason: x.reason, lines: x.examples.map((e) => e.line) })));
  }
  return out;
}

beforeAll(async () => {
  // A 10 MB field, and a million customers with one order each: generated, not committed.
  writeFileSync(join(tmp, 'huge-field.csv'), `customer_id,date,amount,note\nC1,2024-01-10,100.50,ok\nC2,2024-01-11,200.50,${'x'.repeat(10 * 1024 * 1024)}\nC3,2024-01-12,300.50,ok\n`);
  const lines = ['customer_id,order_id,date,amount'];
  for (let i = 0; i < 1_000_000; i++) lines.push(`K${i},${i},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(10 + (i % 997)).toFixed(2)}`);
  writeFileSync(join(tmp, 'million-customers.csv'), `${lines.join('\n')}\n`);
  // Zip bombs: a sheet of 4 GB of zeros in 4 MB, declared honestly; and 2 GB declared as 1 MB.
  oneSheetWorkbook(join(tmp, 'zip-bomb.xlsx'), { name: 'xl/worksheets/sheet1.xml', data: zeroBomb(4000), deflated: true, size: 4000 * 2 ** 20 });
  oneSheetWorkbook(join(tmp, 'zip-bomb-lying.xlsx'), { name: 'xl/worksheets/sheet1.xml', data: zeroBomb(2000), deflated: true, size: 2 ** 20 });
  await longLineInputs();
  // A header of 7.9 MB, longer than the head read to find it (it said "no lines with data").
  writeFileSync(join(tmp, 'header-7.9mb.csv'), `customer_id,date,amount,${Array.from({ length: 78_000 }, (_, i) => `${'x'.repeat(100)}${i}`).join(',')}\nC1,2024-01-01,10\n`);
  const files = readdirSync(join(ROOT, BAD)).sort();
  const cases: [string, string[]][] = [
    ...files.map((f): [string, string[]] => [f, argsFor(f)]),
    ['<tmp>/huge-field.csv', ['inspect', join(tmp, 'huge-field.csv'), '--json']],
    ['<tmp>/million-customers.csv', ['abcxyz', join(tmp, 'million-customers.csv'), '--format', 'json', '--quiet']],
    ['<tmp>/zip-bomb.xlsx', ['inspect', join(tmp, 'zip-bomb.xlsx'), '--json']],
    ['<tmp>/zip-bomb-lying.xlsx', ['inspect', join(tmp, 'zip-bomb-lying.xlsx'), '--json']],
    ['<tmp>/header-7.9mb.csv', ['inspect', join(tmp, 'header-7.9mb.csv'), '--json']],
    ...LONG_LINES.map((f): [string, string[]] => [`<tmp>/${f}`, ['inspect', join(tmp, f), '--json']]),
  ];
  // In-process, one after the other (runInProcess queues its calls).
  for (const [name, args] of cases) results.set(name, await outcome(args));
  const current = Object.fromEntries([...results].sort(([a], [b]) => a.localeCompare(b)));
  if (updatingGolden()) writeFileSync(golden, `${JSON.stringify(current, null, 2)}\n`);
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('broken and hostile input', () => {
  it('counts a line longer than the reader buffer: 300 read, the long one rejected with its line', () => {
    for (const f of LONG_LINES) {
      const r = results.get(`<tmp>/${f}`)!;
      expect(r.rows, f).toEqual({ read: 300, used: 299, rejected: 1, skipped: 0, unattributed: 0 });
      // The header is line 1 (a Parquet file's rows are numbered from 1: row 151).
      const line = f.endsWith('.parquet') ? 151 : 152;
      expect(rejectedLines.get(join(tmp, f)), f).toEqual([{ reason: 'malformed row: a line longer than 8 MB', lines: [line] }]);
    }
  });

  it('has at least 40 cases', () => {
    expect(results.size).toBeGreaterThanOrEqual(40);
  });

  it('never fails unexpectedly, never shows a stack trace, and writes errors as one prefixed line', () => {
    for (const [name, r] of results) {
      expect({ name, code: r.code }).not.toEqual({ name, code: 1 });
      expect([0, 2, 3], name).toContain(r.code);
      expect(r.stderr, name).not.toMatch(/^\s+at /m);
      expect(r.stderr, name).not.toMatch(/unexpected error/);
      if (r.code !== 0) {
        const lines = r.stderr.trim().split('\n');
        const error = lines[lines.length - 1]!;
        expect(error, name).toMatch(new RegExp(`^segment ${r.args[0]}: `));
        // The message names the file it is about.
        expect(error.includes(name.replace('<tmp>/', '')) || r.args.some((a) => a.endsWith('.csv') && error.includes(a)), `${name}: ${error}`).toBe(true);
      }
    }
  });

  it('accounts for every row it reads: read = used + rejected + skipped + unattributed', () => {
    for (const [name, r] of results) {
      if (!r.rows) continue;
      expect(r.rows.read, name).toBe(r.rows.used + r.rows.rejected + r.rows.skipped + r.rows.unattributed);
    }
  });

  it('gives the pinned exit code, message and accounting for each case', () => {
    const expected = JSON.parse(readFileSync(golden, 'utf8')) as Record<string, Outcome>;
    const current = Object.fromEntries([...results].sort(([a], [b]) => a.localeCompare(b)));
    expect(current).toEqual(expected);
  });
});

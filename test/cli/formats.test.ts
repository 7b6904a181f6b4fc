/**
 * Every data command in every text format it lists, piped (no terminal, so no width to ask for):
 * exit 0; JSON parses; each NDJSON line parses; CSV has a header and the same number of fields on
 * every line; the terminal table fits 80 columns (issue 24: score's reasons and inspect reached
 * 105-106 in a pipe). Run in-process through program.ts's `main` with streams that are no TTY,
 * which is what a pipe is to the formats: seconds instead of a process per run.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/formats/index.js';
import { main } from '../../src/program.js';
import { writeCrmFiles, type CrmFiles } from '../helpers/crm.js';
import { sink } from '../helpers/sink.js';

const WIDTH = 80;

let crm: CrmFiles;
let profile: string;

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await main([...args, '--quiet'], { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

beforeAll(async () => {
  crm = await writeCrmFiles(5, 1500);
  profile = join(crm.dir, 'report.json');
  const r = await run(['report', crm.invoices, '--customers', crm.accounts, '--json', '--output', profile]);
  if (r.code !== 0) throw new Error(r.stderr);
}, 60_000);

/** Each data command with its inputs; `crm` is ready when they run. */
const COMMANDS: [string, () => string[]][] = [
  ['inspect', () => ['inspect', crm.invoices]],
  ...['abc', 'xyz', 'abcxyz', 'rfm', 'pareto'].map((c): [string, () => string[]] => [c, () => [c, crm.invoices]]),
  ['report', () => ['report', crm.invoices, '--customers', crm.accounts]],
  ['customers', () => ['customers', crm.invoices]],
  ['changes', () => ['changes', 'fixtures/changes-shop.csv', '--from', '2024-06-30']],
  ['cohorts', () => ['cohorts', crm.invoices]],
  ['clv', () => ['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week']],
  ['audit', () => ['audit', crm.deals.hubspot, '--require', 'Industry', '--top', '40']],
  ['journey', () => ['journey', crm.deals.pipedrive, '--sales', crm.invoices]],
  ['score', () => ['score', crm.prospects, '--profile', profile]],
];

const CASES = COMMANDS.flatMap(([name, args]) => (['table', 'md', 'json', 'ndjson', 'csv'] as const).map((format): [string, string, () => string[]] => [name, format, args]));

describe('every data command in every text format, piped', () => {
  it.each(CASES)('%s --format %s', async (_name, format, args) => {
    const r = await run([...args(), '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    // JSON ends with its closing brace, as it always has (the goldens pin it); the line formats with a newline.
    if (format !== 'json') expect(lines.at(-1), 'the output ends with a newline').toBe('');
    if (format === 'json') expect(() => JSON.parse(r.stdout)).not.toThrow();
    if (format === 'ndjson') for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line), line).not.toThrow();
    if (format === 'csv') {
      const parsed = Papa.parse<string[]>(r.stdout.trimEnd(), { newline: '\n' });
      expect(parsed.errors).toEqual([]);
      const fields = parsed.data[0]!.length;
      expect(fields).toBeGreaterThan(1);
      expect(parsed.data.filter((row) => row.length !== fields)).toEqual([]);
    }
    if (format === 'table') {
      const wide = lines.filter((l) => [...l].length > WIDTH);
      expect(wide.map((l) => `${[...l].length}: ${l}`)).toEqual([]);
    }
  }, 60_000);

  it('lists only formats the formats layer knows', () => {
    expect(FORMATS).toEqual(['table', 'md', 'json', 'ndjson', 'csv', 'parquet', 'xlsx', 'html']);
  });
});

const BINARY = COMMANDS.flatMap(([name, args]) => (['parquet', 'xlsx'] as const).map((format): [string, string, () => string[]] => [name, format, args]));

describe('every data command with rows, in Parquet and as a workbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segment-formats-'));
  it.each(BINARY)('%s --format %s', async (name, format, args) => {
    const file = join(dir, `${name}.${format}`);
    const r = await run([...args(), '--format', format, '--output', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    // A Parquet file starts and ends with PAR1; a workbook is a zip file (PK).
    const head = readFileSync(file).subarray(0, 4).toString('latin1');
    expect(head).toBe(format === 'parquet' ? 'PAR1' : 'PK\u0003\u0004');
    expect(statSync(file).size).toBeGreaterThan(100);
  }, 60_000);

  it.each([['report'], ['clv']])('%s --format html draws its page', async (name) => {
    const [, args] = COMMANDS.find(([n]) => n === name)!;
    const r = await run([...args(), '--format', 'html']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout).toContain('<svg');
  }, 60_000);
});

describe('--top', () => {
  it('limits the tables of journey, saying how many more there are', async () => {
    const all = await run([...COMMANDS.find(([n]) => n === 'journey')![1](), '--format', 'md']);
    const top = await run([...COMMANDS.find(([n]) => n === 'journey')![1](), '--format', 'md', '--top', '1']);
    expect(all.code, all.stderr).toBe(0);
    expect(top.code, top.stderr).toBe(0);
    expect(all.stdout).not.toContain('more (use --top)');
    expect(top.stdout).toContain('more (use --top)');
    expect(top.stdout.length).toBeLessThan(all.stdout.length);
  }, 60_000);
});

describe('piped tables', () => {
  it(`fit ${WIDTH} columns for a Danish bank statement's inspection too`, async () => {
    const r = await run(['inspect', 'fixtures/danske-kontoudtog.csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => [...l].length > WIDTH)).toEqual([]);
  });
});

/** Workbook and Parquet input end to end: the same invoices as CSV, .xlsx and Parquet give the same results. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { writeInvoicesCsv, writeInvoicesParquet, writeInvoicesWorkbook } from './helpers/workbooks.js';

const tmp = mkdtempSync(join(tmpdir(), 'segment-wb-'));
const CSV = join(tmp, 'invoices.csv');
const XLSX = join(tmp, 'invoices.xlsx');
const PARQUET = join(tmp, 'invoices.parquet');

beforeAll(async () => {
  writeInvoicesCsv(CSV);
  await writeInvoicesWorkbook(XLSX);
  await writeInvoicesParquet(PARQUET);
});

describe('the same invoices as CSV, workbook and Parquet', () => {
  it('give byte-identical customer rows in every analysis command', async () => {
    // abcxyz holds abc's and xyz's columns; report is compared as JSON below.
    for (const command of ['abcxyz', 'rfm', 'pareto']) {
      const [csv, xlsx, parquet] = await Promise.all([CSV, XLSX, PARQUET].map((f) => runCli([command, f, '--format', 'csv'])));
      expect(csv!.code, csv!.stderr).toBe(0);
      expect(xlsx!.stderr).toBe(csv!.stderr.replaceAll(CSV, XLSX));
      expect(xlsx!.stdout, command).toBe(csv!.stdout);
      expect(parquet!.stdout, command).toBe(csv!.stdout);
      expect(xlsx!.code).toBe(0);
      expect(parquet!.code).toBe(0);
    }
  });
  it('give the same report, apart from the names of the inputs', async () => {
    const docs = await Promise.all([CSV, XLSX, PARQUET].map(async (f) => {
      const r = await runCli(['report', f, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).read.inputs[0].file).toBe(f);
      return r.stdout.replaceAll(f, '<input>');
    }));
    expect(docs[1]).toEqual(docs[0]);
    expect(docs[2]).toEqual(docs[0]);
  });
  it('account for every row alike', async () => {
    const docs = await Promise.all([CSV, XLSX, PARQUET].map(async (f) => JSON.parse((await runCli(['inspect', f, '--json'])).stdout)));
    const total = docs.map((d) => d.total);
    expect(total[0]).toMatchObject({ read: 14, used: 14, rejected: 0 });
    expect(total[1]).toEqual(total[0]);
    expect(total[2]).toEqual(total[0]);
  });
});

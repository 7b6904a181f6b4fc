/**
 * The corpus of real public exports (fixtures/real/, sources in SOURCES.md): segment, run on each
 * file as a new user would, must give the figures that scripts/real-expected.py computed without
 * it (fixtures/real/expected.json). A file is read with no options; where the file cannot be read
 * without one (no header line, a date that reads either way) the first run must be exit 3 (never
 * exit 0 with other figures), and the run with the option named in expected.json must give the
 * figures. Files whose `status` is not `ok` are listed as todo with the reason, so that each shows
 * in the run until a reading rule makes it pass; REAL_EXPORTS_ALL=1 runs them strictly too.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

interface Top {
  readonly key: string;
  readonly name: string;
  readonly amount: number;
}
interface Deals {
  readonly audit_args: readonly string[];
  readonly deals: number;
  readonly lost: number;
  readonly company_column: string;
  readonly in_scope: number;
  readonly company_missing_in_scope: number;
}
interface Expected {
  readonly file: string;
  readonly kind: 'bank' | 'sales' | 'deals';
  readonly rows_read: number;
  readonly revenue_rows: number;
  readonly total: number;
  readonly customers: number;
  readonly top: Top | null;
  readonly currency: string | null;
  readonly customer_column?: string;
  readonly needs?: { readonly args: readonly string[]; readonly why: string };
  readonly ambiguous?: { readonly fix: readonly string[]; readonly printed: string; readonly why: string };
  readonly expect_exit?: number;
  /** With expect_exit: what the message must say (the lines refused and the fix). */
  readonly expect_stderr?: string;
  readonly deals?: Deals;
  readonly status: string;
}

const REAL = join(FIXTURES, 'real');
const corpus = (JSON.parse(readFileSync(join(REAL, 'expected.json'), 'utf8')) as { files: Expected[] }).files;
const strictAll = process.env.REAL_EXPORTS_ALL === '1';

const fold = (s: string | null | undefined): string => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

interface InspectInput {
  readonly columns: readonly { readonly name: string; readonly field: string | null }[];
  readonly rows: { readonly read: number; readonly used: number; readonly used_amount: number };
  readonly customers: number;
  readonly currency: string | null;
}
interface AbcCustomer {
  readonly customer: string;
  readonly name: string | null;
  readonly revenue: number;
}

async function json<T>(args: readonly string[]): Promise<T> {
  const r = await runInProcess(args);
  expect(r.code, `segment ${args.join(' ')}: ${r.stderr.trim()}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** The options that make the file readable: none, or the one the first run's message names. */
async function readingOptions(e: Expected, path: string): Promise<readonly string[]> {
  if (e.ambiguous) {
    const first = await runInProcess(['inspect', path, '--format', 'json']);
    expect(first.code, 'a file that reads two ways is exit 3, never a guess').toBe(3);
    expect(first.stderr, 'the message names the one fix').toContain(e.ambiguous.printed);
    return e.ambiguous.fix;
  }
  if (e.needs) {
    const first = await runInProcess(['inspect', path, '--format', 'json']);
    expect(first.code, `without ${e.needs.args.join(' ')} (${e.needs.why}) the run must not pass as if it had read the file`).toBe(3);
    return e.needs.args;
  }
  return [];
}

async function check(e: Expected): Promise<void> {
  const path = join('fixtures', 'real', e.file);
  if (e.expect_exit !== undefined) {
    const r = await runInProcess(['inspect', path, '--format', 'json']);
    expect(r.code).toBe(e.expect_exit);
    if (e.expect_stderr !== undefined) expect(r.stderr).toContain(e.expect_stderr);
    return;
  }
  const options = await readingOptions(e, path);
  const inspect = await json<{ inputs: InspectInput[] }>(['inspect', path, '--format', 'json', ...options]);
  const input = inspect.inputs[0];
  expect(input).toBeDefined();
  if (!input) return;
  // The currency is that of the revenue: compared where there is some (a statement of payments
  // made only has no revenue to give a currency to).
  const currency = (c: string | null): string | null => (e.revenue_rows > 0 ? c : null);
  expect({
    rows_read: input.rows.read,
    revenue_rows: input.rows.used,
    total: Math.round(input.rows.used_amount * 100) / 100,
    customers: input.customers,
    currency: currency(input.currency),
  }).toEqual({ rows_read: e.rows_read, revenue_rows: e.revenue_rows, total: e.total, customers: e.customers, currency: currency(e.currency) });
  if (e.customer_column !== undefined) {
    const chosen = input.columns.filter((c) => c.field === 'customer').map((c) => c.name);
    expect(chosen, 'the customer (counterparty) column').toEqual([e.customer_column]);
  }
  if (e.top) {
    const abc = await json<{ customers: AbcCustomer[] }>(['abc', path, '--json', ...options]);
    const top = [...abc.customers].sort((a, b) => b.revenue - a.revenue || a.customer.localeCompare(b.customer))[0];
    expect(top).toBeDefined();
    if (!top) return;
    const theirs = [fold(top.customer), fold(top.name)];
    const ours = [fold(e.top.key), fold(e.top.name)];
    const same = theirs.some((t) => t !== '' && ours.some((o) => o !== '' && (t.includes(o) || o.includes(t))));
    expect(same, `top customer: segment '${top.customer}' / '${top.name}', expected '${e.top.key}' / '${e.top.name}'`).toBe(true);
    expect(Math.round(top.revenue * 100) / 100).toBe(e.top.amount);
  }
  if (e.deals) {
    const d = e.deals;
    const audit = await json<{ rows: { read: number }; in_scope: number; out_of_scope: { lost: number }; by_field: { field: string; missing: number }[] }>(
      ['audit', path, '--require', d.company_column, '--json', ...d.audit_args],
    );
    expect({
      deals: audit.rows.read,
      lost: audit.out_of_scope.lost,
      in_scope: audit.in_scope,
      company_missing_in_scope: audit.by_field.find((f) => f.field === d.company_column)?.missing,
    }).toEqual({ deals: d.deals, lost: d.lost, in_scope: d.in_scope, company_missing_in_scope: d.company_missing_in_scope });
  }
}

describe('real exports: segment gives the independently computed figures', () => {
  it('holds at least 40 files, each with a status', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    for (const e of corpus) expect(e.status, e.file).toMatch(/^(ok|pending: .+)$/);
  });
  for (const e of corpus) {
    const how = e.ambiguous ? ` (exit 3, then ${e.ambiguous.fix.join(' ')})` : e.needs ? ` (exit 3, then ${e.needs.args.join(' ')})` : '';
    if (e.status === 'ok' || strictAll) it(`${e.file}${how}`, () => check(e));
    else it.todo(`${e.file}: ${e.status}`);
  }
});

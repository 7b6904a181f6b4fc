/**
 * --engine clickhouse against a throw-away two-shard cluster on loopback (scripts/clickhouse-test.sh):
 * the same fixtures loaded with `segment load` into a MergeTree table and into a Distributed table
 * over both shards give every analysis command's JSON exactly as the embedded engine gives it.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { abcCommand } from '../src/commands/abc.js';
import { xyzCommand } from '../src/commands/xyz.js';
import { abcxyzCommand } from '../src/commands/abcxyz.js';
import { rfmCommand } from '../src/commands/rfm.js';
import { paretoCommand } from '../src/commands/pareto.js';
import type { CommandIO } from '../src/commands/context.js';
import { ClickHouseConnection, chString, checkIdentifier, displayUrl } from '../src/engine/clickhouse-connection.js';
import { createDistributedSql, createMergeTreeSql } from '../src/engine/clickhouse-schema.js';
import { clickHouseUnavailable, startCluster, type TestCluster } from './helpers/clickhouse.js';
import { fixture, runCli } from './helpers/cli.js';
import { readFileSync } from 'node:fs';

const COMMANDS: Record<string, (io: () => CommandIO) => Command> = { abc: abcCommand, xyz: xyzCommand, abcxyz: abcxyzCommand, rfm: rfmCommand, pareto: paretoCommand };
const FIXTURES = ['crm-invoices.csv', 'ecommerce-lines.csv', 'loyalty-baskets.csv'];

/** Runs one command in-process; stdout is captured, warnings dropped. */
async function run(name: string, args: readonly string[]): Promise<string> {
  let out = '';
  const sink = (keep: boolean) => new Writable({ write(chunk, _enc, done) { if (keep) out += String(chunk); done(); } }) as unknown as NodeJS.WriteStream;
  const io: CommandIO = { command: name, stdout: sink(true), stderr: sink(false) };
  await COMMANDS[name]!(() => io).parseAsync([...args], { from: 'user' });
  return out;
}

/**
 * The JSON with what names the source left out (file name, kind and encoding of the input), and
 * the rows `load` did not write (rejected, skipped, without a customer: accounted when loading,
 * not in the table): of the input's rows only `used` is compared.
 */
function comparable(json: string): unknown {
  const doc = JSON.parse(json) as { inputs: Record<string, unknown>[] };
  for (const input of doc.inputs) {
    delete input.file;
    delete input.kind;
    delete input.encoding;
    input.rows = { used: (input.rows as { used: number }).used };
  }
  return doc;
}

describe('identifiers and values', () => {
  it('quotes values and refuses names that are not plain', () => {
    expect(chString("O'Brien \\ co")).toBe("'O\\'Brien \\\\ co'");
    expect(checkIdentifier('sales.tx_2026', 'table')).toBe('sales.tx_2026');
    expect(() => checkIdentifier('tx; DROP TABLE x', '--table')).toThrow(/no plain ClickHouse name/);
    expect(() => checkIdentifier('a.b.c', '--table')).toThrow(/no plain/);
    expect(displayUrl('https://ch.example:8443/?password=x')).toBe('https://ch.example:8443');
  });
});

const unavailable = clickHouseUnavailable();
if (unavailable) console.warn(`ClickHouse tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('--engine clickhouse on a two-shard cluster', () => {
  let ch: TestCluster;
  const target = (table: string): string[] => ['--engine', 'clickhouse', '--url', ch.url, '--user', ch.user, '--password-file', ch.passwordFile, '--table', table];
  const tables = (f: string): { merge: string; dist: string } => {
    const base = f.replace(/\W/g, '_');
    return { merge: `${base}_merge`, dist: `${base}_dist` };
  };

  beforeAll(async () => {
    ch = startCluster();
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const shards = [ch.url, ch.url2].map((url) => ClickHouseConnection.open({ url, user: ch.user, password }));
    try {
      for (const f of FIXTURES) {
        const t = tables(f);
        for (const s of shards) await s.command(createMergeTreeSql(`${t.dist}_local`));
        await shards[0]!.command(createDistributedSql(t.dist, ch.cluster, `${t.dist}_local`));
        expect((await runCli(['load', fixture(f), ...target(t.merge), '--create'])).code).toBe(0);
        expect((await runCli(['load', fixture(f), ...target(t.dist)])).code).toBe(0);
      }
    } finally {
      for (const s of shards) await s.close();
    }
  }, 180_000);

  afterAll(() => ch?.stop());

  it('spreads the Distributed table over both shards and keeps one copy when a file is loaded twice', async () => {
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const t = tables('crm-invoices.csv');
    const again = await runCli(['load', fixture('crm-invoices.csv'), ...target(t.dist)]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('loaded before, skipped');
    const [a, b] = [ch.url, ch.url2].map((url) => ClickHouseConnection.open({ url, user: ch.user, password }));
    const count = async (c: ClickHouseConnection, table: string): Promise<number> => Number((await c.rows<{ n: string }>(`SELECT count() AS n FROM ${table}`))[0]?.n);
    const local = [await count(a!, `${t.dist}_local`), await count(b!, `${t.dist}_local`)];
    expect(local[0]).toBeGreaterThan(0);
    expect(local[1]).toBeGreaterThan(0);
    expect(local[0]! + local[1]!).toBe(await count(a!, t.merge));
    expect(await count(a!, t.dist)).toBe(24);
    await a!.close();
    await b!.close();
  });

  for (const f of FIXTURES) {
    it(`gives every command's JSON exactly as the embedded engine on ${f}`, async () => {
      const t = tables(f);
      for (const name of Object.keys(COMMANDS)) {
        const embedded = comparable(await run(name, [fixture(f), '--json']));
        expect(comparable(await run(name, [...target(t.merge), '--json'])), `${name} on MergeTree`).toEqual(embedded);
        expect(comparable(await run(name, [...target(t.dist), '--json'])), `${name} on Distributed`).toEqual(embedded);
      }
    });
  }

  it('is an exit 3 with a message that names the server when it cannot be reached, and never shows the password', async () => {
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const r = await runCli(['abc', '--engine', 'clickhouse', '--url', 'http://127.0.0.1:1', '--user', ch.user, '--password-file', ch.passwordFile, '--table', 'tx', '--timeout', '5']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^segment abc: ClickHouse at http:\/\/127\.0\.0\.1:1 cannot be reached/);
    expect(r.stderr).not.toContain(password);
  });

  it('is an exit 3 naming the missing column when the table lacks a mapped one', async () => {
    const r = await runCli(['abc', ...target(tables('crm-invoices.csv').merge), '--amount', 'revenue_eur']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('revenue_eur');
  });
});

/**
 * --engine clickhouse against a throw-away two-shard cluster on loopback (scripts/clickhouse-test.sh):
 * the same fixtures loaded with `segment load` into a MergeTree table and into a Distributed table
 * over both shards give every analysis command's JSON exactly as the embedded engine gives it.
 */
import { Readable, Writable } from 'node:stream';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { abcCommand } from '../../src/commands/abc.js';
import { xyzCommand } from '../../src/commands/xyz.js';
import { abcxyzCommand } from '../../src/commands/abcxyz.js';
import { rfmCommand } from '../../src/commands/rfm.js';
import { paretoCommand } from '../../src/commands/pareto.js';
import { reportCommand } from '../../src/commands/report.js';
import { changesCommand } from '../../src/commands/changes.js';
import { cohortsCommand } from '../../src/commands/cohorts.js';
import { customersCommand } from '../../src/commands/customers.js';
import { clvCommand } from '../../src/commands/clv.js';
import { journeyCommand } from '../../src/commands/journey.js';
import { writeCrmFiles, type CrmFiles } from '../helpers/crm.js';
import type { CommandIO } from '../../src/commands/context.js';
import { ClickHouseConnection, chString, checkIdentifier, displayUrl } from '../../src/sources/clickhouse/connection.js';
import { createDistributedSql, createMergeTreeSql, TRANSACTION_COLUMNS } from '../../src/sources/clickhouse/schema.js';
import { clickHouseUnavailable, startCluster, type TestCluster } from '../helpers/clickhouse.js';
import { fixture } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { CLV_OCCASIONS, OCCASIONS_ARGS, occasionsOf } from '../helpers/clv-occasions.js';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ANALYSES: Record<string, (io: () => CommandIO) => Command> = { abc: abcCommand, xyz: xyzCommand, abcxyz: abcxyzCommand, rfm: rfmCommand, pareto: paretoCommand };
const COMMANDS: Record<string, (io: () => CommandIO) => Command> = {
  ...ANALYSES, report: reportCommand, changes: changesCommand, cohorts: cohortsCommand, customers: customersCommand, clv: clvCommand, journey: journeyCommand,
};
// clickhouse-quoted-keys.csv: keys that start with ' ('quoted' beside quoted, 't Hoekje), hold quotes,
// delimiters, a lone ', or \N (issue 26.6: load sent them unquoted and the server read them as quoted strings).
const FIXTURES = ['crm-invoices.csv', 'ecommerce-lines.csv', 'loyalty-baskets.csv', 'sample/invoices.csv', 'clickhouse-quoted-keys.csv'];
/** A --from for `changes` inside each fixture's data. */
const CHANGES_FROM: Record<string, string> = { 'crm-invoices.csv': '2024-01-01', 'ecommerce-lines.csv': '2024-01-01', 'loyalty-baskets.csv': '2023-02-01', 'sample/invoices.csv': '2024-01-01', 'clickhouse-quoted-keys.csv': '2024-01-01' };

/** A CSV field in double quotes. */
const chCsv = (v: string): string => `"${v.replaceAll('"', '""')}"`;

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
  const doc = JSON.parse(json) as Record<string, unknown>;
  const read = (doc.read ?? doc) as { inputs?: Record<string, unknown>[] };
  for (const input of read.inputs ?? []) {
    delete input.file;
    delete input.kind;
    delete input.encoding;
    input.rows = { used: (input.rows as { used: number }).used };
  }
  // Rows without a customer are accounted by `load`, not written (as `rows` above).
  if (doc.read) delete (doc.read as Record<string, unknown>).unattributed;
  // The report's method names its inputs in words, as the inputs section does.
  if (Array.isArray(doc.method)) doc.method = (doc.method as unknown[]).filter((m) => !(typeof m === 'string' && m.startsWith('Inputs: ')));
  return doc;
}

/**
 * A loaded table has the documented columns only: the inputs' attribute columns (Industry, Region)
 * stay in the files, so the portrait and the personas built on them are left out of the
 * comparison on these fixtures; the sample's report (attributes from --customers) is compared whole.
 */
function withoutInputAttributes(json: string): unknown {
  const doc = comparable(json) as Record<string, unknown>;
  delete doc.portrait;
  delete doc.personas;
  // The Method's line on the portrait's left-out columns names those attribute columns too.
  if (Array.isArray(doc.method)) doc.method = (doc.method as unknown[]).filter((m) => !(typeof m === 'string' && m.startsWith('Portrait: ')));
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

  let crm: CrmFiles;

  beforeAll(async () => {
    ch = startCluster();
    crm = await writeCrmFiles(5, 2000);
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const shards = [ch.url, ch.url2].map((url) => ClickHouseConnection.open({ url, user: ch.user, password }));
    try {
      for (const f of FIXTURES) {
        const t = tables(f);
        for (const s of shards) await s.command(createMergeTreeSql(`${t.dist}_local`));
        await shards[0]!.command(createDistributedSql(t.dist, ch.cluster, `${t.dist}_local`));
        expect((await runInProcess(['load', fixture(f), ...target(t.merge), '--create'])).code).toBe(0);
        expect((await runInProcess(['load', fixture(f), ...target(t.dist)])).code).toBe(0);
      }
      for (const s of shards) await s.command(createMergeTreeSql('crm_dist_local'));
      await shards[0]!.command(createDistributedSql('crm_dist', ch.cluster, 'crm_dist_local'));
      expect((await runInProcess(['load', crm.invoices, ...target('crm_merge'), '--create'])).code).toBe(0);
      expect((await runInProcess(['load', crm.invoices, ...target('crm_dist')])).code).toBe(0);
    } finally {
      for (const s of shards) await s.close();
    }
  }, 180_000);

  afterAll(() => {
    ch?.stop();
    if (crm) rmSync(crm.dir, { recursive: true, force: true });
  });

  it('spreads the Distributed table over both shards and keeps one copy when a file is loaded twice', async () => {
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const t = tables('crm-invoices.csv');
    const again = await runInProcess(['load', fixture('crm-invoices.csv'), ...target(t.dist)]);
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

  it('holds exactly the bytes of the file\'s keys: a leading \' is part of the key, never a quote', async () => {
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const c = ClickHouseConnection.open({ url: ch.url, user: ch.user, password });
    try {
      for (const table of Object.values(tables('clickhouse-quoted-keys.csv'))) {
        const keys = (await c.rows<{ customer: string | null }>(`SELECT DISTINCT customer FROM ${table} ORDER BY customer`)).map((r) => r.customer);
        expect([...keys].sort(), table).toEqual(["'", "''", "'quoted'", "'t Hoekje", '"Quote" AB', "O'Brien", 'Semi;colon, AB', '\\N', 'plain-1', 'plain-2', 'quoted', 'Ünïcødé AB'].sort());
      }
    } finally {
      await c.close();
    }
  });

  it('reads a key written two ways (NFC and NFD, a zero-width character) as one customer, as the embedded engine does', async () => {
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const c = ClickHouseConnection.open({ url: ch.url, user: ch.user, password });
    // NFD keys written by another loader need the server's NFC (21.11 and later); zero-width ones do not.
    const nfc = Number((await c.rows<{ n: string }>(`SELECT count() AS n FROM system.functions WHERE name = 'normalizeUTF8NFC'`))[0]?.n) > 0;
    const keys = ['Café Söder AB'.normalize('NFC'), 'Café\u200B Söder AB', 'K-1', 'K\u200D-1', '\uFEFFK-1', 'Ångström'.normalize('NFC'), ...(nfc ? ['Café Söder AB'.normalize('NFD'), 'Ångström'.normalize('NFD')] : [])];
    const rows = keys.flatMap((key, k) => [1, 4, 7].map((m) => ({ key, ref: `INV-${k}-${m}`, date: `2024-0${m}-1${k}`, amount: `${100 + k * 10 + m}.50` })));
    const dir = mkdtempSync(join(tmpdir(), 'segment-ch-unicode-'));
    try {
      const file = join(dir, 'unicode-keys.csv');
      writeFileSync(file, `customer_id,invoice_no,invoice_date,amount\n${rows.map((r) => `${r.key},${r.ref},${r.date},${r.amount}`).join('\n')}\n`);
      // Written as another loader would, with the keys as they are: the engine must read them alike.
      await c.command(createMergeTreeSql('unicode_keys'));
      const lines = rows.map((r) => `"x",${chCsv(r.key)},\\N,${r.date},"${r.ref}",${r.amount},1,\\N,\\N,\\N,\\N,\\N\n`);
      await c.insertCsv('unicode_keys', TRANSACTION_COLUMNS.map(([n]) => n), Readable.from([Buffer.from(lines.join(''))], { objectMode: false }));
      const customers = (json: string): string[] => (JSON.parse(json) as { customers: { customer: string }[] }).customers.map((x) => x.customer).sort();
      const embedded = customers(await run('abc', [file, '--json']));
      expect(embedded).toEqual(['Café Söder AB', 'K-1', 'Ångström'].map((k) => k.normalize('NFC')).sort());
      expect(customers(await run('abc', [...target('unicode_keys'), '--json']))).toEqual(embedded);
    } finally {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const f of FIXTURES) {
    it(`gives every command's JSON exactly as the embedded engine on ${f}`, async () => {
      const t = tables(f);
      for (const name of Object.keys(ANALYSES)) {
        const embedded = comparable(await run(name, [fixture(f), '--json']));
        expect(comparable(await run(name, [...target(t.merge), '--json'])), `${name} on MergeTree`).toEqual(embedded);
        expect(comparable(await run(name, [...target(t.dist), '--json'])), `${name} on Distributed`).toEqual(embedded);
      }
    });
  }

  for (const f of FIXTURES) {
    it(`gives report, changes, cohorts and customers exactly as the embedded engine on ${f}`, async () => {
      const t = tables(f);
      const cases: [string, string[]][] = [
        ['report', ['--json']],
        ['changes', ['--from', CHANGES_FROM[f]!, '--json']],
        ['cohorts', ['--json']],
        ['cohorts', ['--by', 'quarter', '--json']],
        ['cohorts', ['--by', 'year', '--json']],
      ];
      for (const [name, args] of cases) {
        const same = name === 'report' ? withoutInputAttributes : comparable;
        const embedded = same(await run(name, [fixture(f), ...args]));
        expect(same(await run(name, [...target(t.merge), ...args])), `${name} ${args.join(' ')} on MergeTree`).toEqual(embedded);
        expect(same(await run(name, [...target(t.dist), ...args])), `${name} ${args.join(' ')} on Distributed`).toEqual(embedded);
      }
      // The customer sheet says nothing of its source: the same bytes.
      const sheet = await run('customers', [fixture(f)]);
      expect(await run('customers', [...target(t.merge)])).toBe(sheet);
      expect(await run('customers', [...target(t.dist)])).toBe(sheet);
    });
  }

  it('gives the report with --customers, --picks and --previous, clv, and the monthly chart exactly as the embedded engine', async () => {
    const t = tables('sample/invoices.csv');
    const side = ['--customers', fixture('sample/customers.csv'), '--picks', fixture('sample/picks.csv')];
    const dir = mkdtempSync(join(tmpdir(), 'segment-ch-report-'));
    try {
      for (const args of [[...side, '--json'], ['--as-of', '2024-06-30', '--json']]) {
        const embedded = comparable(await run('report', [fixture('sample/invoices.csv'), ...args]));
        for (const table of [t.merge, t.dist]) expect(comparable(await run('report', [...target(table), ...args])), `report ${args.join(' ')} on ${table}`).toEqual(embedded);
      }
      // --previous: each source against its own earlier report (another source would be noted as such).
      const withPrevious = async (source: string[]): Promise<unknown> => {
        const previous = join(dir, 'previous.json');
        await run('report', [...source, '--as-of', '2024-06-30', '--output', previous, '--json']);
        return comparable(await run('report', [...source, '--previous', previous, '--json']));
      };
      const embeddedChanges = await withPrevious([fixture('sample/invoices.csv')]);
      expect(await withPrevious(target(t.merge))).toEqual(embeddedChanges);
      expect(await withPrevious(target(t.dist))).toEqual(embeddedChanges);
      const clv = await run('clv', [fixture('sample/invoices.csv'), '--json']);
      for (const table of [t.merge, t.dist]) expect(await run('clv', [...target(table), '--json'])).toBe(clv);
      // With a holdout: the tracking's repeat purchases per day come from the server (repeatPurchasesByDay).
      const holdout = await run('clv', [fixture('sample/invoices.csv'), '--holdout-from', '2024-07-01', '--json']);
      expect(JSON.parse(holdout).tracking.weeks.some((w: { holdout: boolean; actual: number }) => w.holdout && w.actual > 0)).toBe(true);
      for (const table of [t.merge, t.dist]) expect(await run('clv', [...target(table), '--holdout-from', '2024-07-01', '--json']), `clv --holdout-from on ${table}`).toBe(holdout);
      // The charts of the Markdown report: the monthly revenue of the ideal customers comes from the server.
      const charts = (engine: string): Record<string, string> => {
        const folder = join(dir, engine);
        return Object.fromEntries(readdirSync(folder).map((n) => [n, readFileSync(join(folder, n), 'utf8')]));
      };
      await run('report', [fixture('sample/invoices.csv'), '--format', 'md', '--charts', join(dir, 'embedded'), '--output', join(dir, 'embedded.md')]);
      await run('report', [...target(t.dist), '--format', 'md', '--charts', join(dir, 'clickhouse'), '--output', join(dir, 'clickhouse.md')]);
      const [a, b] = [charts('embedded'), charts('clickhouse')];
      expect(Object.keys(a).some((n) => /month/i.test(n))).toBe(true);
      expect(b).toEqual(a);
      const html = await runInProcess(['report', ...target(t.dist), '--format', 'html', '-q']);
      expect(html.code).toBe(0);
      expect(html.stdout).toMatch(/^<!doctype html>/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('gives journey exactly as the embedded engine, the deals read from their file', async () => {
    const args = [crm.deals.hubspot, '--json'];
    const embedded = comparable(await run('journey', [...args, '--sales', crm.invoices]));
    for (const table of ['crm_merge', 'crm_dist']) expect(comparable(await run('journey', [...args, ...target(table)]))).toEqual(embedded);
    const none = await runInProcess(['journey', crm.deals.hubspot]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--sales');
  });

  it('is an exit 3 with a message that names the server when it cannot be reached, and never shows the password', async () => {
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const r = await runInProcess(['abc', '--engine', 'clickhouse', '--url', 'http://127.0.0.1:1', '--user', ch.user, '--password-file', ch.passwordFile, '--table', 'tx', '--timeout', '5']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^segment abc: ClickHouse at http:\/\/127\.0\.0\.1:1 cannot be reached/);
    expect(r.stderr).not.toContain(password);
  });

  /**
   * A proxy on loopback in front of the first server: the first `pass` requests go through, then
   * every connection is accepted and dropped (`drop`) or left without an answer (`hang`).
   */
  async function proxy(pass: number, then: 'drop' | 'hang'): Promise<{ url: string; seen: () => number; close: () => Promise<void> }> {
    const upstream = new URL(ch.url);
    let seen = 0;
    const server: Server = createServer((req, res) => {
      seen += 1;
      if (seen > pass) {
        if (then === 'drop') req.socket.destroy();
        return;
      }
      const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}`,
      seen: () => seen,
      close: () => new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
    };
  }

  const through = (url: string, table: string): string[] => ['--engine', 'clickhouse', '--url', url, '--user', ch.user, '--password-file', ch.passwordFile, '--table', table];

  it('is an exit 3 with a one-line message, not a hang, when the connection drops mid-run', async () => {
    // Through the proxy the run makes its first requests (columns, version, accounting), then the summary's connection is dropped.
    const p = await proxy(3, 'drop');
    try {
      const started = Date.now();
      const r = await runInProcess(['report', ...through(p.url, tables('sample/invoices.csv').dist), '--json', '--timeout', '20']);
      expect(p.seen()).toBeGreaterThan(3);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^segment report: ClickHouse at http:\/\/127\.0\.0\.1:\d+ cannot be reached \(.+\); check --url/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await p.close();
    }
  }, 30_000);

  it('is an exit 3 after --timeout when the server accepts and never answers', async () => {
    const p = await proxy(1, 'hang');
    try {
      const started = Date.now();
      const r = await runInProcess(['cohorts', ...through(p.url, tables('crm-invoices.csv').merge), '--json', '--timeout', '2']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^segment cohorts: ClickHouse at .+ cannot be reached/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await p.close();
    }
  }, 30_000);

  it('reads over https with --ca-file, and is an exit 3 naming TLS when the certificate is signed by another authority', async () => {
    const t = tables('crm-invoices.csv');
    const plain = await run('abc', [...target(t.dist), '--json']);
    const https = ['--engine', 'clickhouse', '--url', ch.httpsUrl, '--user', ch.user, '--password-file', ch.passwordFile, '--table', t.dist];
    expect(comparable(await run('abc', [...https, '--ca-file', ch.caFile, '--json']))).toEqual(comparable(plain));
    const wrong = await runInProcess(['abc', ...https, '--ca-file', ch.otherCaFile, '--json']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/^segment abc: ClickHouse at https:\/\/127\.0\.0\.1:\d+: the TLS connection failed \(.+\); give the authority .* --ca-file\n$/);
    // Without --ca-file only the system's authorities are trusted: the throw-away one is not among them.
    expect((await runInProcess(['abc', ...https])).code).toBe(3);
    expect((await runInProcess(['abc', ...target(t.dist), '--ca-file', ch.caFile])).code).toBe(2);
  });

  it('follows a running query\'s progress from the server\'s process list, and forgets it after', async () => {
    const password = readFileSync(ch.passwordFile, 'utf8').trim();
    const db = ClickHouseConnection.open({ url: ch.url, user: ch.user, password, progress: true });
    try {
      const seen: number[] = [];
      const sampler = setInterval(() => seen.push(db.progress()), 50);
      // About 2.5 s: a sleep per row, one row per block, on a MergeTree table (the server knows its rows).
      const rows = await db.rows<{ n: string }>(`SELECT count() AS n FROM ${tables('crm-invoices.csv').merge} WHERE sleepEachRow(0.1) = 0 SETTINGS max_block_size = 1`);
      clearInterval(sampler);
      expect(Number(rows[0]?.n)).toBe(24);
      expect(seen.some((p) => p > 0 && p <= 100)).toBe(true);
      expect(db.progress()).toBe(-1);
    } finally {
      await db.close();
    }
  });

  it('refuses a table of two currencies (exit 3) and the options that only read files (exit 2), saying what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-ch-currency-'));
    try {
      writeFileSync(join(dir, 'dkk.csv'), 'customer,date,amount,currency\na,2024-01-01,10,DKK\na,2024-02-01,5,DKK\n');
      writeFileSync(join(dir, 'eur.csv'), 'customer,date,amount,currency\nb,2024-01-02,20,EUR\n');
      expect((await runInProcess(['load', join(dir, 'dkk.csv'), ...target('two_currencies'), '--create'])).code).toBe(0);
      expect((await runInProcess(['load', join(dir, 'eur.csv'), ...target('two_currencies')])).code).toBe(0);
      const mixed = await runInProcess(['abc', ...target('two_currencies')]);
      expect(mixed.code).toBe(3);
      expect(mixed.stderr).toContain('holds 2 currencies (DKK: 2 rows, EUR: 1 row)');
      const currency = await runInProcess(['abc', ...target('two_currencies'), '--currency', 'DKK']);
      expect(currency.code).toBe(2);
      expect(currency.stderr).toContain(`--query "SELECT * FROM two_currencies WHERE currency = 'DKK'"`);
      const one = ['abc', '--engine', 'clickhouse', '--url', ch.url, '--user', ch.user, '--password-file', ch.passwordFile, '--query', "SELECT * FROM two_currencies WHERE currency = 'DKK'", '--json'];
      expect(JSON.parse((await runInProcess(one)).stdout).customers).toHaveLength(1);
      const rejects = await runInProcess(['abc', ...target('two_currencies'), '--rejects', join(dir, 'r.csv')]);
      expect(rejects.code).toBe(2);
      expect(rejects.stderr).toMatch(/^segment abc: --rejects is for export files/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // --- Issue 29: the money rules of the staging SQL, held on both engines. `segment load` stages
  // the files with the same rules as the embedded engine; these tables are read back from the
  // server and must give the hand-computed figures, not only the embedded engine's.
  describe('the money rules, loaded and read back (issue 29)', () => {
    const statement = fixture('bank/money-rules.csv');
    const dkk = fixture('currency/dkk-on-rate-dates.csv');
    const converting = ['--map', `${dkk}:${fixture('currency/dkk.json')}`, '--rates', fixture('currency/rates-to-sek.csv'), '--currency', 'SEK'];
    beforeAll(async () => {
      const statementLoad = await runInProcess(['load', statement, ...target('money_rules'), '--create']);
      expect(statementLoad.code, statementLoad.stderr).toBe(0);
      const dkkLoad = await runInProcess(['load', dkk, ...converting, ...target('money_rates'), '--create']);
      expect(dkkLoad.code, dkkLoad.stderr).toBe(0);
    }, 60_000);
    const revenues = (json: string): Record<string, number> =>
      Object.fromEntries((JSON.parse(json) as { customers: { name: string; revenue: number }[] }).customers.map((c) => [c.name, c.revenue]));

    it('a flagged row counts by its flag (-50,00 K is +50), and "Invoice total" in the details is a transaction', async () => {
      const embedded = await run('abc', [statement, '--json']);
      const server = await run('abc', [...target('money_rules'), '--json']);
      expect(revenues(server)).toEqual({ 'Alfa AB': 1200, 'Beta AB': 50, 'Delta AB': 700 });
      expect(comparable(server)).toEqual(comparable(embedded));
    });

    it("a transaction dated exactly on a rate's date is converted at that rate", async () => {
      const embedded = await run('abc', [dkk, ...converting, '--json']);
      const server = await run('abc', [...target('money_rates'), '--json']);
      expect(revenues(server)).toEqual({ 'Nordbyg ApS': 1650, 'Fyns Tømrer A/S': 1520 });
      expect(revenues(server)).toEqual(revenues(embedded));
    });
  });
  // --- end of issue 29's block.

  // --- Issue 25 (item 4): purchase occasions, held on both engines. A day that nets to zero with
  // goods is a purchase, a day of refunds only is not (src/sources/files/duckdb/duckdb-summary.ts PURCHASE_DAY and
  // the ClickHouse summary's `bought`). The fixtures' first and last purchase days and repeat
  // purchases are hand-computed (test/helpers/clv-occasions.ts); the server must give them, and
  // clv's JSON byte for byte as the embedded engine, on a MergeTree and a Distributed table.
  describe('purchase occasions, loaded and read back (issue 25)', () => {
    const occasionTables = (file: string): { merge: string; dist: string } => tables(`occasions_${file}`);
    beforeAll(async () => {
      const password = readFileSync(ch.passwordFile, 'utf8').trim();
      const shards = [ch.url, ch.url2].map((url) => ClickHouseConnection.open({ url, user: ch.user, password }));
      try {
        for (const file of Object.keys(CLV_OCCASIONS)) {
          const t = occasionTables(file);
          for (const s of shards) await s.command(createMergeTreeSql(`${t.dist}_local`));
          await shards[0]!.command(createDistributedSql(t.dist, ch.cluster, `${t.dist}_local`));
          for (const [table, create] of [[t.merge, ['--create']], [t.dist, []]] as const) {
            const r = await runInProcess(['load', fixture(file), ...target(table), ...create]);
            expect(r.code, r.stderr).toBe(0);
          }
        }
      } finally {
        for (const s of shards) await s.close();
      }
    }, 60_000);

    for (const [file, expected] of Object.entries(CLV_OCCASIONS)) {
      it(`clv on ${file}: the hand-computed purchase days on the embedded engine, MergeTree and Distributed alike`, async () => {
        const embedded = await run('clv', [fixture(file), ...OCCASIONS_ARGS]);
        expect(occasionsOf(embedded, expected)).toEqual(expected);
        const t = occasionTables(file);
        for (const table of [t.merge, t.dist]) {
          const server = await run('clv', [...target(table), ...OCCASIONS_ARGS]);
          expect(occasionsOf(server, expected), `purchase days on ${table}`).toEqual(expected);
          expect(server, `clv on ${table}`).toBe(embedded);
        }
      });
    }

    it('clv over a SELECT without quantity or is_order columns: the no-quantity rule on the server as in the file', async () => {
      const file = 'clv-occasions/no-quantity.csv';
      const embedded = await run('clv', [fixture(file), ...OCCASIONS_ARGS]);
      const select = ['--engine', 'clickhouse', '--url', ch.url, '--user', ch.user, '--password-file', ch.passwordFile, '--query', `SELECT customer, date, amount FROM ${occasionTables(file).merge}`];
      const server = await run('clv', [...select, ...OCCASIONS_ARGS]);
      expect(occasionsOf(server, CLV_OCCASIONS[file]!)).toEqual(CLV_OCCASIONS[file]);
      expect(server).toBe(embedded);
    });
  });
  // --- end of issue 25's block.

  it('is an exit 3 naming the missing column when the table lacks a mapped one', async () => {
    const r = await runInProcess(['abc', ...target(tables('crm-invoices.csv').merge), '--amount', 'revenue_eur']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('revenue_eur');
  });
});

/**
 * npm run bench -- --clickhouse 1m|10m [--runs N]
 *
 * The same report from the embedded engine and from a two-shard ClickHouse cluster on loopback
 * (scripts/clickhouse-test.sh): the generator's line items loaded once with `segment load` into
 * a Distributed table, then `segment report` timed on both, each run in a fresh process. The
 * cluster is stopped (and its folder removed) whatever happens. Results go into their own section
 * of BENCHMARKS.md, between the markers below; the rest of the file is left as it is.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { writeSection, type SectionMarkers } from './section.js';
import { join } from 'node:path';

export interface ClickHouseBenchOptions {
  readonly root: string;
  readonly file: string;
  readonly label: string;
  readonly rows: number;
  readonly customers: number;
  readonly runs: number;
  readonly out: string | undefined;
}

interface Timed {
  readonly name: string;
  readonly what: string;
  readonly seconds: number[];
  readonly peakKb: number[];
  readonly failed: string | null;
}

const hasGnuTime = existsSync('/usr/bin/time');

/** One run in a fresh process: wall time, peak RSS of the client (GNU time), stdout to a file. */
async function runOnce(command: readonly string[], outFile: string): Promise<{ seconds: number; peakKb: number; error: string | null }> {
  const stats = `${outFile}.time`;
  const [cmd, ...args] = hasGnuTime ? ['/usr/bin/time', '-o', stats, '-f', '%M', ...command] : command;
  const started = performance.now();
  const child = spawn(cmd!, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(outFile, Buffer.concat(out));
  let peakKb = 0;
  if (hasGnuTime && existsSync(stats)) {
    peakKb = Number(readFileSync(stats, 'utf8').trim().split('\n').pop()) || 0;
    rmSync(stats);
  }
  return { seconds, peakKb, error: code === 0 ? null : `exit ${code}: ${stderr.trim().split('\n').pop() ?? ''}` };
}

async function timed(name: string, what: string, command: readonly string[], runs: number, work: string): Promise<Timed> {
  const seconds: number[] = [];
  const peakKb: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(command, join(work, `${name}.out`));
    if (r.error) return { name, what, seconds, peakKb, failed: r.error };
    seconds.push(r.seconds);
    peakKb.push(r.peakKb);
    process.stderr.write(`bench: ${name} run ${i + 1}/${runs}: ${r.seconds.toFixed(2)} s\n`);
  }
  return { name, what, seconds, peakKb, failed: null };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmtS = (s: number): string => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);

function table(rows: readonly Timed[], label: string): string {
  const lines = ['| data | command | median | spread (min–max) | runs | peak RSS of segment |', '|---|---|---:|---:|---:|---:|'];
  for (const r of rows) {
    if (r.failed) {
      lines.push(`| ${label} | ${r.what} | failed: ${r.failed.replace(/\|/g, '\\|')} | | | |`);
      continue;
    }
    const s = r.seconds;
    const peak = r.peakKb.length > 0 && Math.max(...r.peakKb) > 0 ? `${(Math.max(...r.peakKb) / 1024).toFixed(0)} MB` : '–';
    lines.push(`| ${label} | ${r.what} | ${fmtS(median(s))} | ${fmtS(Math.min(...s))} – ${fmtS(Math.max(...s))} | ${s.length} | ${peak} |`);
  }
  return lines.join('\n');
}

/** The report's JSON without what names its source (file, kind, encoding, rows not loaded). */
function comparableReport(json: string): string {
  const doc = JSON.parse(json) as { read: { inputs: Record<string, unknown>[]; unattributed?: unknown }; method: unknown[] };
  for (const input of doc.read.inputs) {
    for (const k of ['file', 'kind', 'encoding']) delete input[k];
    input.rows = (input.rows as { used: number }).used;
  }
  delete doc.read.unattributed;
  doc.method = doc.method.filter((m) => !(typeof m === 'string' && m.startsWith('Inputs: ')));
  return JSON.stringify(doc);
}

export async function benchClickHouse(o: ClickHouseBenchOptions): Promise<number> {
  const script = join(o.root, 'scripts/clickhouse-test.sh');
  const segment = join(o.root, 'bin/segment.js');
  const work = mkdtempSync(join(tmpdir(), 'segment-bench-ch-'));
  const dir = join(work, 'cluster');
  const node = process.execPath;
  execFileSync(script, ['install'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const started = execFileSync(script, ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const env = Object.fromEntries(started.trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
    const password = readFileSync(env.CLICKHOUSE_PASSWORD_FILE!, 'utf8').trim();
    const { ClickHouseConnection } = await import('../sources/clickhouse/connection.js');
    const { createDistributedSql, createMergeTreeSql } = await import('../sources/clickhouse/schema.js');
    const shards = [env.CLICKHOUSE_URL!, env.CLICKHOUSE_URL2!].map((url) => ClickHouseConnection.open({ url, user: env.CLICKHOUSE_USER!, password }));
    for (const s of shards) await s.command(createMergeTreeSql('bench_local'));
    await shards[0]!.command(createDistributedSql('bench', env.CLICKHOUSE_CLUSTER!, 'bench_local'));
    const target = ['--engine', 'clickhouse', '--url', env.CLICKHOUSE_URL!, '--user', env.CLICKHOUSE_USER!, '--password-file', env.CLICKHOUSE_PASSWORD_FILE!, '--table', 'bench', '--timeout', '3600'];
    process.stderr.write(`bench: loading ${o.file} into the two-shard table …\n`);
    const load = await timed('load', '`segment load` into the Distributed table (once)', [node, segment, 'load', o.file, ...target, '-q'], 1, work);
    const local = await Promise.all(shards.map(async (s) => Number((await s.rows<{ n: string }>('SELECT count() AS n FROM bench_local'))[0]?.n)));
    for (const s of shards) await s.close();
    const rows = [
      load,
      await timed('report', '`segment report` (embedded DuckDB, reads the CSV)', [node, segment, 'report', o.file, '-q'], o.runs, work),
      await timed('report-ch', '`segment report --engine clickhouse` (two shards)', [node, segment, 'report', ...target, '-q'], o.runs, work),
    ];
    // The same figures, or a bug: the JSON of one more run of each, compared.
    const json = await Promise.all([[o.file], target].map(async (src, i) => {
      await runOnce([node, segment, 'report', ...src, '--json', '-q'], join(work, `json-${i}.out`));
      return readFileSync(join(work, `json-${i}.out`), 'utf8');
    }));
    let same = false;
    try {
      same = comparableReport(json[0]!) === comparableReport(json[1]!);
    } catch {
      same = false;
    }
    const version = execFileSync('git', ['-C', o.root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const body = [
      `Reproduce with \`npm run bench -- --clickhouse ${o.label}\` (data: the generator's line items, seed 1: ${o.rows.toLocaleString('en')} rows, ${o.customers.toLocaleString('en')} customers; rows per shard after the load: ${local.map((n) => n.toLocaleString('en')).join(' and ')}).`,
      '',
      `- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; segment commit ${version}`,
      `- machine: ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(', ')}`,
      '- both ClickHouse servers run on this same machine (max_threads 2 each), shared with other work: the figures are noisy, and a cluster on its own machines is another picture',
      `- the two reports' JSON ${same ? 'is the same' : '**differs**'} (compared without what names the source: file, kind, encoding)`,
      '- peak RSS is the segment process only; the servers\u2019 memory is not in it',
      '',
      table(rows, o.label),
    ].join('\n');
    process.stdout.write(`${body}\n`);
    if (o.out !== undefined) writeSection(o.out, MARKERS, body);
    return rows.some((r) => r.failed) || !same ? 1 : 0;
  } finally {
    execFileSync(script, ['stop', dir], { stdio: 'ignore' });
    rmSync(work, { recursive: true, force: true });
  }
}

const MARKERS: SectionMarkers = {
  begin: '<!-- bench:clickhouse:begin (written by npm run bench -- --clickhouse; edit outside these markers) -->',
  end: '<!-- bench:clickhouse:end -->',
  heading: '## ClickHouse: the report on a two-shard cluster (i17)\n\n',
};

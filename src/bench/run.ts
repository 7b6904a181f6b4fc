/**
 * npm run bench [-- --smoke] [--big] [--runs N] [--data DIR] [--out FILE]
 *
 * Times segment beside the hand-written DuckDB query (bench/baseline.mjs) and the pandas script
 * (bench/peer.py) on the generator's line items, each command in a fresh process, and writes the
 * medians, spreads, peak memory and ratios to BENCHMARKS.md. Timing targets live here, never in
 * tests: the test suite only runs `--smoke`, so that the benchmark cannot rot.
 */
import { spawnSync } from 'node:child_process';
import { median as medianOf } from '../analyses/stats.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeSection, type SectionMarkers } from './section.js';
import { hasGnuTime, measure, measureAlternating, type Case, type Measured } from './measure.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const segment = join(root, 'bin/segment.js');
const PYTHON = '/usr/bin/python3';

interface Dataset {
  readonly label: string;
  readonly rows: number;
  readonly customers: number;
  readonly runs: number;
  /** The generator's level: its own line items, or the Online Retail export's columns. */
  readonly level: 'lines' | 'retail';
}

const HELP = `Examples:
  npm run bench                  1M and 10M line items, 5 and 3 runs each; writes BENCHMARKS.md
  npm run bench -- --big         adds 100M line items (about 4 GB of CSV; one run)
  npm run bench -- --smoke       a few thousand rows, one run: checks that the benchmark works
  npm run bench -- --only 2m     only the 2M Online-Retail-shaped run (and start-up)

Options:
  --runs N     runs per command (default: 5 up to 1M rows, 3 for 10M, 1 for 100M)
  --data DIR   where the generated CSV files are kept and reused (default bench/data)
  --out FILE   where to write the results (default BENCHMARKS.md; with --smoke, nowhere)
  --only L,…   only these data sets (1m, 2m, 10m, 100m); start-up always runs, alone with --only startup
  --before DIR an earlier checkout of segment, built (npm ci in it): its --help, 10-row rfm, report
               and rfm --format json run in the same run, side by side, for a before/after table
  --clickhouse L  instead: the report on a two-shard ClickHouse cluster on loopback beside the
               embedded engine, on data set L (1m, 10m); its own section of BENCHMARKS.md

pandas: the peer runs with /usr/bin/python3 and pandas (Debian: apt-get install python3-pandas);
without them it is skipped, and the results say so.
`;

function datasets(smoke: boolean, big: boolean): Dataset[] {
  if (smoke) return [{ label: 'smoke', rows: 3000, customers: 300, runs: 1, level: 'lines' }];
  const sets: Dataset[] = [
    { label: '1m', rows: 1_000_000, customers: 200_000, runs: 5, level: 'lines' },
    // The shape of the issue's report: Online Retail columns, 150,000 customers.
    { label: '2m', rows: 2_000_000, customers: 150_000, runs: 3, level: 'retail' },
    { label: '10m', rows: 10_000_000, customers: 200_000, runs: 3, level: 'lines' },
  ];
  if (big) sets.push({ label: '100m', rows: 100_000_000, customers: 200_000, runs: 1, level: 'lines' });
  return sets;
}

/** The dataset's CSV, generated once: a sidecar file records the generator's options. */
function ensureData(dir: string, d: Dataset): string {
  const file = join(dir, `${d.level}-${d.label}.csv`);
  const meta = `${file}.json`;
  const options = { rows: d.rows, seed: 1, customers: d.customers, level: d.level };
  if (existsSync(file) && existsSync(meta) && readFileSync(meta, 'utf8') === JSON.stringify(options)) return file;
  process.stderr.write(`bench: generating ${d.rows.toLocaleString('en')} line items into ${file} …\n`);
  const part = `${file}.part`;
  const gen = spawnSync(process.execPath, [join(root, 'dist/gen/cli.js'), '--rows', String(d.rows), '--seed', '1', '--customers', String(d.customers), '--level', d.level, '--out', part], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error(`the generator failed (exit ${gen.status})`);
  renameSync(part, file);
  writeFileSync(meta, JSON.stringify(options));
  return file;
}

function median(xs: readonly number[]): number {
  return medianOf(xs) ?? NaN;
}

function pandasVersion(): string | null {
  if (!existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The same commands of an earlier checkout (--before), for a before/after comparison in one run. */
function beforeCases(file: string, before: string): Case[] {
  const node = process.execPath;
  const old = join(before, 'bin/segment.js');
  return [
    { name: 'report-before', what: '`segment report`, before', command: [node, old, 'report', file], stdout: 'file' },
    { name: 'rfm-before', what: '`segment rfm --format json`, before', command: [node, old, 'rfm', file, '--format', 'json'], stdout: 'file' },
  ];
}

function casesFor(file: string, pandas: boolean): Case[] {
  const node = process.execPath;
  const cases: Case[] = [
    { name: 'report', what: '`segment report` (Markdown to a file)', command: [node, segment, 'report', file], stdout: 'file' },
    { name: 'abcxyz', what: '`segment abcxyz --format json`', command: [node, segment, 'abcxyz', file, '--format', 'json'], stdout: 'file' },
    { name: 'rfm', what: '`segment rfm --format json`', command: [node, segment, 'rfm', file, '--format', 'json'], stdout: 'file' },
    { name: 'clv', what: '`segment clv --format json` (BG/NBD and Gamma-Gamma fits)', command: [node, segment, 'clv', file, '--format', 'json'], stdout: 'file' },
    { name: 'baseline', what: 'hand-written DuckDB query (bench/baseline.mjs)', command: [node, join(root, 'bench/baseline.mjs'), file], stdout: 'file' },
  ];
  if (pandas) cases.push({ name: 'pandas', what: 'pandas script (bench/peer.py)', command: [PYTHON, join(root, 'bench/peer.py'), file], stdout: 'file' });
  return cases;
}

interface Row {
  readonly dataset: string;
  readonly name: string;
  readonly what: string;
  readonly m: Measured;
}

const fmtS = (s: number): string => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const fmtMb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

function table(rows: readonly Row[]): string {
  const lines = ['| data | command | median | spread (min–max) | runs | peak RSS |', '|---|---|---:|---:|---:|---:|'];
  for (const r of rows) {
    if (r.m.failed) {
      lines.push(`| ${r.dataset} | ${r.what} | failed: ${r.m.failed.replace(/\|/g, '\\|')} | | | |`);
      continue;
    }
    const s = r.m.seconds;
    lines.push(`| ${r.dataset} | ${r.what} | ${fmtS(median(s))} | ${fmtS(Math.min(...s))} – ${fmtS(Math.max(...s))} | ${s.length} | ${fmtMb(Math.max(...r.m.peakKb))} |`);
  }
  return lines.join('\n');
}

function ratio(rows: readonly Row[], dataset: string, a: string, b: string): number | null {
  const x = rows.find((r) => r.dataset === dataset && r.name === a);
  const y = rows.find((r) => r.dataset === dataset && r.name === b);
  if (!x || !y || x.m.failed || y.m.failed) return null;
  return median(x.m.seconds) / median(y.m.seconds);
}

function ratios(rows: readonly Row[], sets: readonly Dataset[]): string {
  const lines = ['| data | report ÷ baseline | abcxyz ÷ baseline | rfm ÷ baseline | pandas ÷ report |', '|---|---:|---:|---:|---:|'];
  const f = (x: number | null): string => (x === null ? '–' : `${x.toFixed(2)}×`);
  for (const d of sets) {
    lines.push(`| ${d.label} | ${f(ratio(rows, d.label, 'report', 'baseline'))} | ${f(ratio(rows, d.label, 'abcxyz', 'baseline'))} | ${f(ratio(rows, d.label, 'rfm', 'baseline'))} | ${f(ratio(rows, d.label, 'pandas', 'report'))} |`);
  }
  return lines.join('\n');
}

function targets(rows: readonly Row[]): string {
  const get = (dataset: string, name: string): Row | undefined => rows.find((r) => r.dataset === dataset && r.name === name && !r.m.failed);
  const out: string[] = [];
  const check = (label: string, value: string, met: boolean | null): void => {
    out.push(`| ${label} | ${value} | ${met === null ? 'not measured' : met ? 'met' : '**not met**'} |`);
  };
  const x = (v: number | null): string => (v === null ? '–' : `${v.toFixed(2)}×`);
  for (const d of ['2m', '10m']) {
    for (const name of ['rfm', 'report']) {
      const r = ratio(rows, d, name, 'baseline');
      check(`${name} on ${d.toUpperCase()} ≤ 1.5 × baseline`, x(r), r === null ? null : r <= 1.5);
    }
    const need = d === '2m' ? 3 : 5;
    const p = ratio(rows, d, 'pandas', 'report');
    check(`report on ${d.toUpperCase()} ≥ ${need} × faster than pandas`, x(p), p === null ? null : p >= need);
  }
  const rep = get('10m', 'report');
  const peak = rep ? Math.max(...rep.m.peakKb) : null;
  check('peak RSS of report on 10M ≤ 1 GB', peak === null ? '–' : fmtMb(peak), peak === null ? null : peak <= 1024 * 1024);
  const big = rows.find((r) => r.dataset === '100m' && r.name === 'report');
  check('report on 100M completes', big ? (big.m.failed ? `failed: ${big.m.failed}` : `${fmtS(median(big.m.seconds))}, ${fmtMb(Math.max(...big.m.peakKb))}`) : '–', big ? !big.m.failed : null);
  // Start-up against the earlier checkout of this run (--before), within 5% (this machine's noise
  // between identical runs); without one, against the last run before the one-pass work
  // (BENCHMARKS.md, 2026-11-22, another machine).
  for (const [name, label, fixed] of [['help', '`segment --help`', 0.15], ['rfm-10', '10-row `segment rfm`', 0.507]] as const) {
    const now = get('startup', name);
    const was = get('startup', `${name}-before`);
    const limit = was ? median(was.m.seconds) : fixed;
    check(`${label} no slower than before (${fmtS(limit)}${was ? ', this run' : ''})`, now ? fmtS(median(now.m.seconds)) : '–', now ? median(now.m.seconds) <= limit * (was ? 1.05 : 1) : null);
  }
  // Issue 28: a 10-row rfm within 1.2 × the floor (Node, DuckDB, one query) of this run; --help in 150 ms.
  const floor = get('startup', 'floor');
  const rfm10 = get('startup', 'rfm-10');
  const r10 = floor && rfm10 ? median(rfm10.m.seconds) / median(floor.m.seconds) : null;
  check('10-row `segment rfm` ≤ 1.2 × the floor (this run)', x(r10), r10 === null ? null : r10 <= 1.2);
  const help = get('startup', 'help');
  check('`segment --help` ≤ 150 ms', help ? fmtS(median(help.m.seconds)) : '–', help ? median(help.m.seconds) <= 0.15 : null);
  return ['| target | measured | |', '|---|---:|---|', ...out].join('\n');
}

/** Each command before and after (--before), medians of this run. */
function beforeAfter(rows: readonly Row[], sets: readonly string[]): string {
  const lines = ['| data | command | before | after | after ÷ before |', '|---|---|---:|---:|---:|'];
  for (const d of sets) {
    for (const name of ['help', 'rfm-10', 'report-sample', 'report', 'rfm']) {
      const now = rows.find((r) => r.dataset === d && r.name === name && !r.m.failed);
      const was = rows.find((r) => r.dataset === d && r.name === `${name}-before` && !r.m.failed);
      if (!now || !was) continue;
      const a = median(was.m.seconds);
      const b = median(now.m.seconds);
      lines.push(`| ${d} | ${now.what} | ${fmtS(a)}, ${fmtMb(Math.max(...was.m.peakKb))} | ${fmtS(b)}, ${fmtMb(Math.max(...now.m.peakKb))} | ${(b / a).toFixed(2)}× |`);
    }
  }
  return lines.join('\n');
}

/** A checkout's commit, and whether it has uncommitted changes. */
function commitOf(dir: string): string {
  const git = spawnSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  const dirty = spawnSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' });
  return git.status === 0 ? `commit ${git.stdout.trim()}${dirty.stdout.trim() ? ' (with uncommitted changes)' : ''}` : 'unknown commit';
}

function machine(pandas: string | null, duckdb: string): string {
  const commit = commitOf(root).replace(/^commit /, '');
  return [
    `- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- load average at the end of the run (1, 5, 15 min): ${loadavg().map((x) => x.toFixed(1)).join(', ')}; the machine is shared, so compare ratios within this run`,
    `- machine: ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB memory`,
    `- Node ${process.version}, DuckDB ${duckdb}, pandas ${pandas ?? 'not available'}`,
    `- segment commit ${commit}`,
    `- peak RSS: ${hasGnuTime ? 'GNU time (%M, the kernel\u2019s maximum resident set of the process)' : 'VmHWM of /proc/PID/status, polled every 20 ms'}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      big: { type: 'boolean', default: false },
      runs: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
      before: { type: 'string' },
      clickhouse: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.runs !== undefined && !/^[1-9]\d*$/.test(values.runs)) throw new Error(`--runs takes a whole number ≥ 1, not '${values.runs}'`);
  const smoke = values.smoke ?? false;
  const dataDir = resolve(values.data ?? join(root, 'bench/data'));
  mkdirSync(dataDir, { recursive: true });
  if (values.clickhouse !== undefined) {
    // The report on a two-shard ClickHouse cluster beside the embedded engine (src/bench/clickhouse.ts).
    const d = datasets(false, true).find((s) => s.label === values.clickhouse?.toLowerCase() && s.level === 'lines');
    if (!d) throw new Error(`--clickhouse takes 1m, 10m or 100m, not '${values.clickhouse}'`);
    const { benchClickHouse } = await import('./clickhouse.js');
    return benchClickHouse({ root, file: ensureData(dataDir, d), label: d.label, rows: d.rows, customers: d.customers, runs: values.runs ? Number(values.runs) : 3, out: values.out ?? join(root, 'BENCHMARKS.md') });
  }
  const work = mkdtempSync(join(tmpdir(), 'segment-bench-'));
  try {
    const pandas = pandasVersion();
    if (!pandas) process.stderr.write(`bench: pandas skipped: ${PYTHON} with pandas not found (apt-get install python3-pandas)\n`);
    const { version } = await import('@duckdb/node-api');
    const only = values.only?.split(',').map((x) => x.trim().toLowerCase());
    const sets = datasets(smoke, (values.big ?? false) || (only?.includes('100m') ?? false)).filter((d) => !only || smoke || only.includes(d.label));
    if (sets.length === 0 && !only?.includes('startup')) throw new Error(`--only names no data set (startup, 1m, 2m, 10m, 100m): '${values.only}'`);
    const rows: Row[] = [];

    // Start-up first, on a quiet machine: --help, and rfm on ten rows.
    const ten = join(work, 'ten.csv');
    writeFileSync(
      ten,
      `${['order_id,customer_id,order_date,quantity,unit_price', ...Array.from({ length: 10 }, (_, i) => `${1000 + i},${100 + (i % 4)},2024-0${1 + (i % 9)}-1${i % 10},${1 + (i % 3)},${(12.5 + i).toFixed(2)}`)].join('\n')}\n`,
    );
    const startupRuns = values.runs ? Number(values.runs) : smoke ? 1 : 15;
    const before = values.before === undefined ? undefined : resolve(values.before);
    if (before !== undefined && !existsSync(join(before, 'dist/cli.js'))) throw new Error(`--before ${before}: no built segment there (run npm ci in it)`);
    const sample = (name: string): string => join(root, 'fixtures/sample', name);
    const startup = (bin: string, tag: string): Case[] => [
      { name: `help${tag}`, what: `\`segment --help\`${tag ? ', before' : ''}`, command: [process.execPath, bin, '--help'], stdout: 'ignore' },
      { name: `rfm-10${tag}`, what: `\`segment rfm\` on a 10-row file${tag ? ', before' : ''}`, command: [process.execPath, bin, 'rfm', ten], stdout: 'ignore' },
      {
        name: `report-sample${tag}`,
        what: `\`segment report\` on the sample (README's first command)${tag ? ', before' : ''}`,
        command: [process.execPath, bin, 'report', sample('invoices.csv'), '--customers', sample('customers.csv'), '--picks', sample('picks.csv')],
        stdout: 'ignore',
      },
    ];
    // The floor of any DuckDB Node CLI, then each command and its before, all run after run in turn.
    const floor: Case = { name: 'floor', what: 'the floor: Node, DuckDB opened, one query (bench/floor.mjs)', command: [process.execPath, join(root, 'bench/floor.mjs')], stdout: 'ignore' };
    const startupCases = [floor, ...startup(segment, '').flatMap((c, i) => (before === undefined ? [c] : [c, startup(join(before, 'bin/segment.js'), '-before')[i]!]))];
    const startupResults = await measureAlternating(startupCases, startupRuns, work);
    for (const [k, c] of startupCases.entries()) rows.push({ dataset: 'startup', name: c.name, what: c.what, m: startupResults[k]! });

    for (const d of sets) {
      const file = ensureData(dataDir, d);
      const runs = values.runs ? Number(values.runs) : d.runs;
      const extra = before !== undefined && d.label !== '100m' ? beforeCases(file, before) : [];
      for (const c of [...casesFor(file, pandas !== null && d.label !== '100m'), ...extra]) {
        // On 100M rows only segment's own commands: the point is that they finish within memory.
        if (d.label === '100m' && (c.name === 'abcxyz' || c.name === 'rfm' || c.name === 'clv')) continue;
        rows.push({ dataset: d.label, name: c.name, what: c.what, m: await measure(c, runs, work) });
      }
    }

    const args = [...(smoke ? ['--smoke'] : values.big ? ['--big'] : values.only ? [`--only ${values.only}`] : []), ...(values.runs ? [`--runs ${values.runs}`] : []), ...(before !== undefined ? ['--before DIR'] : [])];
    const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
    const body = [
      `Reproduce with \`${command}\`${sets.length === 0 ? ' (start-up only: a 10-row file and fixtures/sample/)' : ` (data: the generator's line items over 3 years, seed 1: ${sets.map((d) => `${d.label} = ${d.rows.toLocaleString('en')} rows, ${d.customers.toLocaleString('en')} customers${d.level === 'retail' ? ', Online Retail columns' : ''}`).join('; ')})`}.`,
      '',
      machine(pandas, version()),
      ...(pandas ? [] : ['', `**The pandas peer was skipped**: ${PYTHON} with pandas was not found (Debian: \`apt-get install python3-pandas\`).`]),
      '',
      '### Times',
      '',
      table(rows),
      '',
      ...(sets.length > 0 ? ['### Ratios (medians of this run)', '', ratios(rows, sets), ''] : []),
      ...(before !== undefined ? ['### Before and after', '', `Before: ${commitOf(before)} (\`--before\`), in the same run.`, '', beforeAfter(rows, ['startup', ...sets.map((d) => d.label)]), ''] : []),
      ...(smoke ? [] : ['### Targets', '', targets(rows), '']),
    ].join('\n');
    process.stdout.write(`${body}\n`);
    const out = values.out ?? (smoke ? undefined : join(root, 'BENCHMARKS.md'));
    if (out !== undefined) writeSection(out, MARKERS, body);
    return rows.some((r) => r.m.failed) ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const MARKERS: SectionMarkers = {
  begin: '<!-- bench:begin (written by npm run bench; edit outside these markers) -->',
  end: '<!-- bench:end -->',
  heading: '',
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);

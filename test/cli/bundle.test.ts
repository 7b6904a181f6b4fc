/**
 * The shipped CLI is the bundle (scripts/bundle.mjs): bin/segment.js runs dist/bundle/, not tsc's
 * files, and a run loads from node_modules only what cannot be bundled (the native DuckDB binding)
 * and what its command needs (the heavy optional parts stay out of a plain run). Checked by logging
 * every module the process loads.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, ROOT } from '../helpers/cli.js';

const PRELOAD = join(ROOT, 'test', 'helpers', 'module-log.mjs');

/** The files a run of the CLI loads, relative to the repository (node: builtins left out). */
function loaded(args: readonly string[]): { files: string[]; status: number | null; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'segment-modules-'));
  const log = join(dir, 'modules.txt');
  writeFileSync(log, '');
  try {
    const r = spawnSync(process.execPath, ['--import', PRELOAD, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SEGMENT_MODULE_LOG: log } });
    const files = readFileSync(log, 'utf8')
      .split('\n')
      .filter((x) => x !== '' && !x.startsWith('node:') && !x.startsWith('data:'))
      .map((x) => relative(ROOT, x.startsWith('file:') ? fileURLToPath(x) : x));
    return { files: [...new Set(files)].filter((f) => f !== relative(ROOT, PRELOAD)), status: r.status, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const packageOf = (file: string): string => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '';

describe('the shipped bundle', () => {
  it('--help loads the launcher and the bundle only: no package, no native code, none of tsc\'s files', () => {
    const r = loaded(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('segment report');
    expect(r.files[0]).toBe('bin/segment.js');
    expect(r.files).toContain('dist/bundle/cli.js');
    expect(r.files.filter((f) => f !== 'bin/segment.js' && !f.startsWith('dist/bundle/'))).toEqual([]);
  });

  it('rfm --format json loads from node_modules only the DuckDB binding and what it requires', () => {
    const r = loaded(['rfm', 'fixtures/crm-invoices.csv', '--format', 'json', '--quiet']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).schema).toBe('segment.rfm');
    const outside = r.files.filter((f) => f !== 'bin/segment.js' && !f.startsWith('dist/bundle/'));
    const packages = [...new Set(outside.map(packageOf))].sort();
    // The binding: its loader, the platform's duckdb.node, and detect-libc (which picks the platform).
    expect(packages).toEqual(['@duckdb/node-bindings', `@duckdb/node-bindings-${process.platform}-${process.arch}`, 'detect-libc']);
    expect(outside.some((f) => f.endsWith('.node'))).toBe(true);
  });

  // zod and the JSON schemas (~0.8 MB, ~80 ms to load and build) type the columns of Parquet and
  // workbooks only: a JSON or CSV run does not load them; a Parquet run does (so the check can fail).
  it('loads zod only for the formats that type their cells', () => {
    const withZod = (files: readonly string[]): boolean =>
      files.filter((f) => f.startsWith('dist/bundle/')).some((f) => readFileSync(join(ROOT, f), 'utf8').includes('// node_modules/zod/'));
    for (const format of ['json', 'csv', 'ndjson', 'table']) {
      const r = loaded(['rfm', 'fixtures/crm-invoices.csv', '--format', format, '--quiet']);
      expect([format, r.status, withZod(r.files)]).toEqual([format, 0, false]);
    }
    const dir = mkdtempSync(join(tmpdir(), 'segment-parquet-'));
    try {
      const r = loaded(['rfm', 'fixtures/crm-invoices.csv', '--format', 'parquet', '--output', join(dir, 'rfm.parquet'), '--quiet']);
      expect([r.status, withZod(r.files)]).toEqual([0, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Unattended runs: --quiet, a closed pipe, an interrupted run that leaves the previous report, and
 * --output that never leaves a half-written file.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/gen/generate.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'segment-unattended-'));
const big = join(dir, 'lines.csv');

beforeAll(async () => {
  // 60,000 line items of 3,000 customers: output larger than a pipe's buffer, a run of a second or so.
  const g = generate({ rows: 60_000, seed: 3, customers: 3000, level: 'lines' });
  const parts: string[] = [`${g.header}\n`];
  await g.rows((chunk) => {
    parts.push(chunk);
  });
  writeFileSync(big, parts.join(''));
});

describe('a closed pipe', () => {
  it('ends the run quietly with status 0 (segment … | head)', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'abcxyz', big, '--format', 'csv', '--quiet'], { cwd: ROOT });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      // Read the first chunk, then close our end, as `head -1` does.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

/** SEGMENT_SQL_LOG=1 writes `-- N ms` and the statement once each statement is done. */
const FIRST_STATEMENT = /^-- \d+ ms$/m;

describe('--output', () => {
  it('replaces the file only when the report is complete', async () => {
    const out = join(dir, 'report.md');
    writeFileSync(out, 'the previous report\n');
    const r = await runCli(['report', big, '--output', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# /);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the previous report intact when the run is stopped (SIGTERM), and no temporary file', async () => {
    const out = join(dir, 'stopped.md');
    writeFileSync(out, 'the previous report\n');
    const temp = mkdtempSync(join(tmpdir(), 'segment-stop-'));
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      // The SQL log shows when the run is under way (its signal handlers are in place by then).
      const child = spawn(process.execPath, [BIN, 'report', big, '--output', out, '--temp-dir', temp], { cwd: ROOT, env: { ...process.env, SEGMENT_SQL_LOG: '1' } });
      let sent = false;
      let log = '';
      child.stderr.on('data', (d: Buffer) => {
        log += d.toString();
        // The first statement logged is the profile of the input's first rows: the whole file is read next.
        if (!sent && FIRST_STATEMENT.test(log)) {
          sent = true;
          child.kill('SIGTERM');
        }
      });
      child.on('close', (c, s) => resolve({ code: c, signal: s }));
    });
    expect({ code, signal }).toEqual({ code: 143, signal: null });
    expect(readFileSync(out, 'utf8')).toBe('the previous report\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.stopped.md'))).toEqual([]);
    // The run's temporary folder (staged input, spill files) is gone too.
    expect(readdirSync(temp)).toEqual([]);
  });

});

describe('an input that changes while it is read', () => {
  it('fails cleanly with exit code 3 and says to run again', async () => {
    const growing = join(dir, 'growing.csv');
    writeFileSync(growing, readFileSync(big));
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'abc', growing, '--json'], { cwd: ROOT, env: { ...process.env, SEGMENT_SQL_LOG: '1' } });
      let err = '';
      let appended = false;
      child.stdout.resume();
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (!appended && FIRST_STATEMENT.test(err)) {
          appended = true;
          appendFileSync(growing, '999999,100001,2024-12-30,1,10.00,1.00\n');
        }
      });
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    expect(code).toBe(3);
    const last = stderr.trim().split('\n').pop();
    expect(last).toMatch(new RegExp(`^segment abc: ${growing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the file changed while it was read \\([\\d,]+ bytes, then [\\d,]+\\); run again when the export is complete$`));
  });
});

describe('determinism', () => {
  it('gives byte-identical outputs for the same inputs and as-of date', async () => {
    const args = ['report', big, '--as-of', '2025-01-31', '--format', 'json', '--quiet'];
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});

/**
 * A full disk (issue 26.4): the atomic writer ignored the short count of `writeSync`, so a
 * truncated file replaced the previous one with exit 0. Tested through injected writes: a short
 * write that the writer must finish, a disk that fills (short writes, then ENOSPC, or a write of
 * nothing), and the exit code and message the CLI gives any full disk.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomically, type WriteCalls } from '../../../src/kernel/output.js';
import { DataError, isDiskFull } from '../../../src/kernel/errors.js';
import { fixture } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'segment-full-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes at most `per` bytes a call, and `room` bytes in all; then ENOSPC (or 0 with `silent`). */
function filling(room: number, per: number, silent = false): WriteCalls {
  let left = room;
  return {
    writeSync(fd, data, offset, length) {
      if (left <= 0) {
        if (silent) return 0;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      const n = Math.min(length, per, left);
      left -= n;
      return writeSync(fd, data, offset, n);
    },
  };
}

const text = 'x'.repeat(200_000);
const bytes = Buffer.from('PK\u0003\u0004 a workbook'.repeat(1000));

describe('atomic output on a short write or a full disk', () => {
  it('finishes a short write: the whole text, in many calls', () => {
    const path = join(tmp, 'short.html');
    writeFileAtomically(path, ['<html>', text, '</html>'], '--output', filling(Infinity, 4096));
    expect(readFileSync(path, 'utf8')).toBe(`<html>${text}</html>`);
  });

  it('finishes a short write of bytes (a workbook)', () => {
    const path = join(tmp, 'short.xlsx');
    writeFileAtomically(path, [bytes], '--output', filling(Infinity, 1000));
    expect(readFileSync(path)).toEqual(bytes);
  });

  it.each([
    ['ENOSPC after short writes', false],
    ['a write of nothing', true],
  ])('leaves the previous file untouched and no temp file on %s, with exit 3', (_, silent) => {
    const path = join(tmp, `full-${silent}.html`);
    writeFileSync(path, 'the previous report');
    let error: unknown;
    try {
      writeFileAtomically(path, ['<html>', text, '</html>'], '--output', filling(70_000, 8192, silent));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).exitCode).toBe(3);
    expect((error as Error).message).toBe(`--output ${path}: cannot write: the disk is full; free space there, or write elsewhere (the previous file is untouched)`);
    expect(readFileSync(path, 'utf8')).toBe('the previous report');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('knows a full disk by Node code or by DuckDB message', () => {
    expect(isDiskFull(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFull(new Error('IO Error: Could not write file "/t/x.tmp": No space left on device'))).toBe(true);
    expect(isDiskFull(new Error('Permission denied'))).toBe(false);
    expect(isDiskFull(undefined)).toBe(false);
  });
});

describe('--output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segment-output-'));
  it('names the problem when the folder does not exist (usage error, exit 2)', async () => {
    const out = join(dir, 'no', 'such', 'folder', 'report.md');
    const r = await runInProcess(['abc', fixture('crm-invoices.csv'), '--output', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`segment abc: --output ${out}: cannot write: its folder does not exist\n`);
    expect(existsSync(out)).toBe(false);
  });
});

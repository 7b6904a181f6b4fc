/**
 * Exit 1 where 2 or 3 is promised (issue 26.5, and the weaker cases of issue 26): each is one line
 * with the right code. Option errors name no input file, so they are here rather than in
 * test/corpus/bad.test.ts (whose cases each name theirs); damaged workbooks are in fixtures/bad/.
 */
import { constants } from 'node:buffer';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'segment-exit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CSV = 'fixtures/crm-invoices.csv';
writeFileSync(join(tmp, 'huge.json'), '');
truncateSync(join(tmp, 'huge.json'), constants.MAX_STRING_LENGTH + 1);

describe('one line and the promised exit code', () => {
  it.each([
    ['the quote as --delimiter', ['rfm', CSV, '--delimiter', '"'], 2, `segment rfm: --delimiter cannot be '"', the quote character; give the character between the fields: ',' ';' tab '|' or whitespace`],
    ['a folder as input', ['rfm', '.'], 2, 'segment rfm: .: is a folder; give the export file'],
    ['a folder as input, among files', ['abc', CSV, 'fixtures'], 2, 'segment abc: fixtures: is a folder; give the export file'],
    [
      'a URL with parameters',
      ['rfm', '--engine', 'clickhouse', '--url', 'http://h/?password=x', '--table', 't'],
      2,
      "segment rfm: --url takes the server's address only, without parameters ('password'); use --user, --password-file (or SEGMENT_CLICKHOUSE_PASSWORD) and --table database.table",
    ],
    // A sparse file: no disk used, and it is refused before it is read.
    ['a --previous larger than any saved report (it said "no such file")', ['report', CSV, '--previous', join(tmp, 'huge.json')], 3, `segment report: --previous ${join(tmp, 'huge.json')}: too large to be the JSON of a segment report; give the file written by an earlier segment report --json`],
    ['a folder as --previous', ['report', CSV, '--previous', 'fixtures'], 2, 'segment report: --previous fixtures: is a folder (give the JSON of an earlier segment report --json)'],
  ])('%s', async (_, args, code, line) => {
    const r = await runCli(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stderr).not.toContain('password=x');
  });
});

/** Whether a thread of the process waits in the open of a pipe no one writes to (Linux). */
function waitsForWriter(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).some((t) => readFileSync(`/proc/${pid}/task/${t}/wchan`, 'utf8').includes('wait_for_partner'));
  } catch {
    return false;
  }
}

describe.skipIf(process.platform !== 'linux')('a named pipe with no writer', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('ends on %s with exit %d and no temporary file (it could not be interrupted)', async (signal, code) => {
    const fifo = join(tmp, `pipe-${signal}`);
    const temp = join(tmp, `temp-${signal}`);
    mkdirSync(temp);
    execFileSync('mkfifo', [fifo]);
    const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'rfm', fifo, '--temp-dir', temp], { cwd: ROOT });
      // Should it hang (the defect), it is killed when the test times out, not left behind.
      const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
      child.on('exit', () => clearTimeout(guard));
      const poll = setInterval(() => {
        if (child.pid !== undefined && waitsForWriter(child.pid)) {
          clearInterval(poll);
          child.kill(signal);
        }
      }, 50);
      child.on('close', (c, s) => {
        clearInterval(poll);
        resolve({ code: c, signal: s });
      });
    });
    expect(result).toEqual({ code, signal: null });
    expect(readdirSync(temp)).toEqual([]);
  }, 30_000);
});

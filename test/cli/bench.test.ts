/**
 * The benchmark in smoke mode (a few thousand rows, one run of each command): it must keep working,
 * so that `npm run bench` does not rot. No timing is asserted here; targets live in the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'segment-bench-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run bench -- --smoke', () => {
  it('times every command, reports ratios, and writes its section between the markers', () => {
    const out = join(work, 'BENCHMARKS.md');
    writeFileSync(out, '# Benchmarks\n\nHand-written notes stay.\n');
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/bench/run.js'), '--smoke', '--data', work, '--out', out], { encoding: 'utf8', timeout: 170_000 });
    expect(r.stderr).not.toMatch(/failed|exit \d/);
    expect(r.status).toBe(0);
    for (const what of ['`segment --help`', '`segment rfm` on a 10-row file', '`segment report` (Markdown to a file)', '`segment abcxyz --format json`', '`segment rfm --format json`', 'hand-written DuckDB query']) {
      expect(r.stdout).toContain(what);
    }
    expect(r.stdout).toMatch(/\| smoke \| \d+\.\d\d× \| \d+\.\d\d× \| \d+\.\d\d× \|/);
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/^# Benchmarks\n\nHand-written notes stay\.\n\n<!-- bench:begin/);
    expect(written).toContain(r.stdout.trim());
    expect(written).toMatch(/- machine: \d+ CPUs/);
    expect(written.trimEnd().endsWith('<!-- bench:end -->')).toBe(true);
  }, 180_000);
});

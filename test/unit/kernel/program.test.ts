/** Golden end-to-end cases: stdout, stderr and exit code of the CLI as a user runs it. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

// The error paths (exit code, the one line on stderr, nothing on stdout) are golden cases:
// test/cases/{inspect,report,segment}/.
const E = 'fixtures/errors';

describe('error paths', () => {
  it('shows no stack trace without --debug, and one with it', async () => {
    const plain = await runInProcess(['inspect', `${E}/empty.csv`]);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runInProcess(['inspect', `${E}/empty.csv`, '--debug']);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.code).toBe(3);
  });
});

describe('help and version', () => {
  it('leads with examples', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Examples:\n  segment inspect')).toBe(true);
    const sub = await runInProcess(['inspect', '--help']);
    expect(sub.stdout.startsWith('Examples:\n')).toBe(true);
  });
  it("prints package.json's version", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await runInProcess(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });
});

describe('output', () => {
  it('has no colour codes when not on a terminal', async () => {
    const r = await runInProcess(['inspect', 'fixtures/crm-invoices.csv'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
  it('writes to --output and nothing to stdout', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'segment-out-'));
    const r = await runInProcess(['inspect', 'fixtures/crm-invoices.csv', '--json', '--output', join(dir, 'o.json')]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8'))).toMatchObject({ schema: 'segment.inspect', version: 1 });
  });
});

/** Tests of src/kernel/tempdir.ts. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'segment-tempdir-'));

describe('--temp-dir', () => {
  it('says so when the temporary folder cannot be created (usage error, exit 2)', async () => {
    const r = await runInProcess(['abc', fixture('crm-invoices.csv'), '--temp-dir', join(dir, 'missing', 'tmp'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`segment abc: cannot create a temporary folder in ${join(dir, 'missing', 'tmp')} (ENOENT); pass --temp-dir with a folder that exists and can be written to\n`);
  });
});

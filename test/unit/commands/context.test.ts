/** Tests of src/commands/context.ts: what a run says on stderr (--quiet). */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

describe('--quiet', () => {
  it('leaves stderr empty where a run would warn, and changes nothing on stdout', async () => {
    const args = ['abc', fixture('crm-invoices.csv'), '--json'];
    const [loud, quiet] = await Promise.all([runInProcess(args), runInProcess([...args, '--quiet'])]);
    expect(loud.stderr).toMatch(/warning/);
    expect(quiet.stderr).toBe('');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe(loud.stdout);
  });
  it('still prints errors', async () => {
    const r = await runInProcess(['abc', 'nonexistent.csv', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('segment abc: nonexistent.csv: no such file\n');
  });
});

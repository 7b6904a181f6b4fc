/**
 * The in-process runner (test/helpers/in-process.ts) against the built CLI: the same bytes on
 * stdout and stderr and the same exit code, so that the tests moved in-process still test what
 * a user runs. And what the runner lends for one call is given back.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

const CASES: [string, string[], { stdin?: string; env?: Record<string, string> }?][] = [
  ['a table', ['abcxyz', 'fixtures/crm-invoices.csv']],
  ['JSON', ['rfm', 'fixtures/crm-invoices.csv', '--json']],
  ['a data error', ['inspect', 'fixtures/errors/empty.csv']],
  ['a usage error', ['inspect', '--bogus', 'x.csv']],
  ['help', ['--help']],
  ['the version', ['--version']],
  ['stdin', ['abc', '-', '--json'], { stdin: 'customer,date,amount\nA,2024-01-01,10\nB,2024-02-01,5\n' }],
  ['an environment variable', ['report', 'fixtures/crm-invoices.csv', '--pseudonymize'], { env: { SEGMENT_PSEUDONYM_KEY: 'k' } }],
];

describe('runInProcess gives what the process gives', () => {
  it.each(CASES)('%s', async (_name, args, opts) => {
    const inProcess = await runInProcess(args, opts);
    const process = await runCli(args, opts);
    expect(inProcess).toEqual(process);
  });
});

describe('runInProcess lends and restores', () => {
  it('sets the environment for one call and restores it', async () => {
    const before = { ...process.env };
    await runInProcess(['--version'], { env: { SEGMENT_SAMPLE_ROWS: '5', NO_COLOR: '' } });
    expect(process.env).toEqual(before);
  });
  it('restores the working directory, stdin, the exit code and the standard streams', async () => {
    const cwd = process.cwd();
    const stdin = process.stdin;
    const write = process.stdout.write;
    process.exitCode = undefined;
    await runInProcess(['inspect', 'fixtures/errors/empty.csv'], { cwd: '/tmp', stdin: 'x' });
    expect([process.cwd(), process.stdin === stdin, process.stdout.write === write, process.exitCode]).toEqual([cwd, true, true, undefined]);
  });
  it('runs calls started together one after the other, each with its own stdin', async () => {
    const csv = (c: string): string => `customer,date,amount\n${c},2024-01-01,10\n`;
    const [a, b] = await Promise.all([runInProcess(['abc', '-', '--json'], { stdin: csv('Ann') }), runInProcess(['abc', '-', '--json'], { stdin: csv('Bob') })]);
    expect([JSON.parse(a.stdout).customers[0].name, JSON.parse(b.stdout).customers[0].name]).toEqual(['Ann', 'Bob']);
  });
});

/**
 * The golden CLI cases of test/cases/<command>/<NNNN>/ (see test/helpers/cases.ts), each run
 * in-process: its exit code, stderr and stdout byte for byte. A missing expected file fails;
 * `UPDATE_GOLDEN=1` rewrites them (read their diff before committing).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASE_FILES, listCases, shellLine, shellWords } from './helpers/cases.js';
import { golden } from './helpers/golden.js';
import { runInProcess } from './helpers/in-process.js';

const cases = listCases();

describe('golden cases', () => {
  it.each(cases.map((c) => [`${c.command}/${c.id}${c.title ? `: ${c.title}` : ''}`, c] as const))('%s', async (_name, c) => {
    expect(readdirSync(c.dir).filter((f) => !(CASE_FILES as readonly string[]).includes(f))).toEqual([]);
    const r = await runInProcess(c.args, c.stdin === undefined ? {} : { stdin: c.stdin });
    golden('code', `${r.code}\n`, c.dir);
    golden('stderr', r.stderr, c.dir);
    golden('stdout', r.stdout, c.dir);
  });
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
});

describe('case command lines', () => {
  it('split as a shell splits them', () => {
    expect(shellWords(`segment inspect 'a b.csv' "c \\"d\\"" e\\ f --x=1`)).toEqual(['segment', 'inspect', 'a b.csv', 'c "d"', 'e f', '--x=1']);
    expect(shellWords("segment ''")).toEqual(['segment', '']);
  });
  it('are written back to the same words', () => {
    const words = ['segment', 'inspect', "it's here.csv", '--date', 'Dato2', '--map', 'a,b', ''];
    expect(shellWords(shellLine(words))).toEqual(words);
  });
});

/**
 * Golden CLI cases: a folder test/cases/<command>/<NNNN>/ holds `cmd` (the command line as a user
 * types it, after `#` lines that say what the case is about), the expected `stdout`, `stderr` and
 * exit `code`, and optionally `stdin`. Read and written here; run by test/cases.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export const CASES_DIR = join(ROOT, 'test', 'cases');

/** The files a case folder may hold; any other name is a mistake (a typo would skip a check). */
export const CASE_FILES = ['cmd', 'stdin', 'stdout', 'stderr', 'code'] as const;

export interface Case {
  readonly command: string;
  readonly id: string;
  readonly dir: string;
  readonly title: string;
  readonly args: string[];
  readonly stdin: Buffer | undefined;
}

/** Every case, by command and number. */
export function listCases(root = CASES_DIR): Case[] {
  if (!existsSync(root)) return [];
  const sorted = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return sorted(root).flatMap((command) => sorted(join(root, command)).map((id) => readCase(root, command, id)));
}

function readCase(root: string, command: string, id: string): Case {
  const dir = join(root, command, id);
  const lines = readFileSync(join(dir, 'cmd'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const title = lines.filter((l) => l.startsWith('#')).map((l) => l.replace(/^#\s?/, '')).join(' ');
  const line = lines.find((l) => !l.startsWith('#')) ?? '';
  const words = shellWords(line);
  if (words[0] !== 'segment') throw new Error(`${dir}/cmd: the command line must start with 'segment', not '${line}'`);
  const stdinPath = join(dir, 'stdin');
  return { command, id, dir, title, args: words.slice(1), stdin: existsSync(stdinPath) ? readFileSync(stdinPath) : undefined };
}

/** Splits a command line as a POSIX shell would: '…' literal, "…" with \" and \\, \x outside quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\' || line[i + 1] === '$' || line[i + 1] === '`')) i++;
        word += line[i];
      }
      if (i >= line.length) throw new Error(`unclosed " in: ${line}`);
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** The command line for a `cmd` file: words quoted only where a shell needs it. */
export function shellLine(words: readonly string[]): string {
  return words.map((w) => (/^[\w./,:=@%+-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`)).join(' ');
}

/**
 * The option table (src/commands/options-table.ts): every option is declared once, every command's
 * options are rows of the table, and the help groups, defaults and file-only options come from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, buildCommand } from '../../../src/commands/index.js';
import type { CommandIO } from '../../../src/commands/context.js';
import { FIELD_OPTIONS, FILE_ONLY_OPTIONS, HELP_GROUPS, OPTIONS, optionRow, parseOption } from '../../../src/commands/options-table.js';
import { parseAnalysisOptions } from '../../../src/commands/analysis-options.js';
import { buildProgram } from '../../../src/program.js';
import { jsonSchema } from '../../../src/schemas.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

// A declaration: a flag as the whole of a string literal given to commander or as a table row's
// flag (`'--top <n>'`, `flag: '--json'`, `.option('--debug'`), or a field's `option: 'customer'`
// (sources/files/fields.ts: the column overrides are generated from it). Mentions inside messages
// ("--top takes a whole number") are not declarations.
const DECLARATION = [
  /['"`]((?:-\w, )?--[a-z][\w-]*) [<[][^'"`]*[>\]]['"`]/g,
  /(?:flag:\s*|\.(?:option|requiredOption)\(\s*|new Option\(\s*)['"`]((?:-\w, )?--[a-z][\w-]*)['"`]/g,
];
const FIELD_OPTION = /\boption:\s*'([a-z][\w-]*)'/g;
const FIELDS_FILE = join('sources', 'files', 'fields.ts');

/** Each long flag with the files that declare it. */
function declarations(files: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (flag: string, file: string) => out.set(flag, (out.get(flag) ?? new Set()).add(file));
  for (const [file, text] of files) {
    for (const pattern of DECLARATION) for (const m of text.matchAll(pattern)) add(m[1]!.replace(/^-\w, /, ''), file);
    if (file === FIELDS_FILE) for (const m of text.matchAll(FIELD_OPTION)) add(`--${m[1]}`, file);
  }
  return out;
}

function duplicates(files: ReadonlyMap<string, string>): string[] {
  return [...declarations(files)].filter(([, where]) => where.size > 1).map(([flag, where]) => `${flag}: ${[...where].join(', ')}`);
}

const SOURCES = new Map(sourceFiles(SRC).map((f) => [relative(SRC, f), readFileSync(f, 'utf8')]));
const io = (): CommandIO => ({ command: 'test', stdout: process.stdout, stderr: process.stderr });

async function allCommands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map((row) => buildCommand(row, io)));
}

describe('the option table', () => {
  it('declares each option flag in exactly one source file under src/', () => {
    const found = declarations(SOURCES);
    // The scan sees the declarations: the table's, the fields' and the program's.
    expect(found.get('--xyz-min-periods')).toEqual(new Set([join('commands', 'options-table.ts')]));
    expect(found.get('--customer-name')).toEqual(new Set([join('sources', 'files', 'fields.ts')]));
    expect(found.get('--quiet')).toEqual(new Set([join('commands', 'options-table.ts')]));
    // The issue's examples: --format was declared in 5 files, --output in 6, --from in 4.
    for (const flag of ['--format', '--output', '--from', '--top', '--customers']) expect(found.get(flag), flag).toEqual(new Set([join('commands', 'options-table.ts')]));
    expect(found.size).toBeGreaterThan(90);
    expect(duplicates(SOURCES)).toEqual([]);
  });

  it('would fail on a second declaration of an option, in another file', () => {
    const planted = new Map(SOURCES).set('commands/planted.ts', "cmd.option('--xyz-min-periods <n>', 'again', '3').addOption(new Option('--json', 'again'));");
    expect(duplicates(planted).sort()).toEqual([
      `--json: ${join('commands', 'options-table.ts')}, commands/planted.ts`,
      `--xyz-min-periods: ${join('commands', 'options-table.ts')}, commands/planted.ts`,
    ]);
  });

  it('builds every command of the registry with options that are all rows of the table, as the table declares them', async () => {
    for (const cmd of await allCommands()) {
      expect(cmd.options.length, cmd.name()).toBeGreaterThan(0);
      for (const option of cmd.options as readonly Option[]) {
        const row = optionRow(option.attributeName(), { name: cmd.name(), ...(cmd.name() === 'audit' || cmd.name() === 'score' ? { variant: 'crm' } : {}) });
        expect(option.flags, `${cmd.name()} ${option.flags}`).toBe(row.flag);
        expect(option.description, `${cmd.name()} ${option.flags}`).toBe(row.help);
        if (row.choices !== undefined && row.choices !== 'formats') expect(option.argChoices).toEqual([...row.choices]);
        if (row.default !== undefined && row.default !== 'formats') expect(option.defaultValue).toBe(row.default);
      }
    }
    const program = await buildProgram(io);
    for (const option of program.options as readonly Option[]) {
      if (option.long === '--version') continue;
      expect(option.flags).toBe(optionRow(option.attributeName()).flag);
    }
  });

  it('gives --format the command\'s own formats, the first the default', async () => {
    const byName = new Map((await allCommands()).map((c) => [c.name(), c]));
    const format = (name: string) => (byName.get(name)!.options as readonly Option[]).find((o) => o.long === '--format')!;
    expect(format('report').argChoices).toEqual(['md', 'json', 'html', 'table', 'ndjson', 'csv', 'parquet', 'xlsx']);
    expect(format('report').defaultValue).toBe('md');
    expect(format('customers').defaultValue).toBe('csv');
    expect(format('abc').argChoices).toEqual(['table', 'md', 'json', 'csv', 'ndjson', 'parquet', 'xlsx']);
  });

  it('has variants only for commands of the registry (or the CRM readers)', () => {
    const names = new Set([...COMMANDS.map((c) => c.name), 'crm']);
    for (const [key, row] of Object.entries(OPTIONS)) {
      for (const variant of Object.keys((row as { variants?: object }).variants ?? {})) expect(names.has(variant), `${key}: ${variant}`).toBe(true);
    }
  });

  it('puts each option of a grouped help in its row\'s group, groups in the table\'s order', async () => {
    for (const cmd of (await allCommands()).filter((c) => ['report', 'customers', 'abc', 'xyz', 'abcxyz', 'rfm', 'pareto'].includes(c.name()))) {
      const headings = (cmd.options as readonly Option[]).map((o) => o.helpGroupHeading);
      for (const option of cmd.options as readonly Option[]) {
        expect(option.helpGroupHeading, `${cmd.name()} ${option.long}`).toBe(optionRow(option.attributeName()).group ?? 'Reading the inputs:');
      }
      const order = [...new Set(headings)].map((h) => HELP_GROUPS.indexOf(h as (typeof HELP_GROUPS)[number]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(cmd.helpInformation()).toContain('ABC, XYZ and Pareto:\n  --by <value>');
    }
    // The analysis group of --xyz-min-periods is its row's.
    expect(optionRow('xyzMinPeriods').group).toBe('ABC, XYZ and Pareto:');
  });

  it('generates one column override per field that has an option', () => {
    expect(FIELD_OPTIONS.customerName).toEqual({ flag: '--customer-name <column>', help: 'column holding the customer display name' });
    expect(Object.keys(FIELD_OPTIONS)).toContain('currencyCol');
  });

  it('derives the options only export files have', () => {
    expect([...FILE_ONLY_OPTIONS].sort()).toEqual(['columns', 'customerPattern', 'dateFormat', 'decimal', 'delimiter', 'encoding', 'rates', 'rejects', 'sheet', 'skip']);
  });

  it('reads a value or the default by the row, naming the option in errors', async () => {
    expect(parseOption('xyzMinPeriods', undefined)).toBe(3);
    expect(parseOption('ideal', '10')).toBe(0.1);
    expect(parseOption('top', undefined)).toBeUndefined();
    expect(parseOption('top', undefined, { name: 'changes' })).toBe(20);
    expect(parseOption('discountRate', undefined)).toBe(0);
    expect(() => parseOption('xyzMinPeriods', '0')).toThrow("--xyz-min-periods takes a whole number from 1 to 1000, not '0'");
    const params = await parseAnalysisOptions({});
    expect(params.xyz).toEqual({ by: 'revenue', span: 'customer', limits: [0.5, 1], minPeriods: 3 });
    expect(params.rfm.bins).toBe(5);
    expect(params.pareto).toEqual({ ideal: 0.2, elite: 0.04 });
    expect(params.period).toBe('month');
  });

  it('offers as choices the values the JSON documents report, from one list each (src/parameter-values.ts)', () => {
    type Node = { properties?: Record<string, Node>; enum?: string[]; anyOf?: Node[] };
    const at = (node: Node, ...path: string[]): Node => path.reduce((n, key) => n.properties![key]!, node);
    const parameters = at(jsonSchema('abc') as Node, 'parameters');
    expect(at(parameters, 'abc', 'by').enum).toEqual(optionRow('by').choices);
    expect(at(parameters, 'abc', 'method').enum).toEqual(optionRow('method').choices);
    expect(at(parameters, 'xyz', 'period').enum).toEqual(optionRow('period').choices);
    expect(at(parameters, 'xyz', 'by').enum).toEqual(optionRow('xyzBy').choices);
    expect(at(parameters, 'xyz', 'span').enum).toEqual(optionRow('xyzSpan').choices);
    expect(at(parameters, 'rfm', 'monetary').enum).toEqual(optionRow('monetary').choices);
    expect(at(jsonSchema('cohorts') as Node, 'by').enum).toEqual(optionRow('by', { name: 'cohorts' }).choices);
    const clv = at(jsonSchema('clv') as Node, 'parameters');
    expect(at(clv, 'time_unit').enum).toEqual(optionRow('timeUnit').choices);
    expect(at(clv, 'value').enum).toEqual(optionRow('value').choices);
  });
});

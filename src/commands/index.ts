/**
 * THE command registry: every command's name, its one-line summary (the root --help lists it) and
 * how to load it. The program (`program.ts`) builds only the command a run names, from here; the
 * root help and `schema` read the names here; the tests walk this list. A new command is one file
 * plus one row. `schema: true`: the command writes a JSON document with a schema (`segment schema`).
 */
import { Command } from 'commander';
import type { CommandIO } from './context.js';

export type CommandFactory = (io: () => CommandIO) => Command;

export interface CommandRow {
  readonly name: string;
  /** Its arguments as the root --help lists them (a test checks them against the command's own). */
  readonly usage: string;
  readonly summary: string;
  readonly schema?: true;
  readonly load: () => Promise<CommandFactory>;
}

/** In the order the root --help lists them. */
export const COMMANDS: readonly CommandRow[] = [
  { name: 'report', usage: '[files...]', summary: 'the ideal-customer report: ranking, portrait, personas, picks (Markdown, HTML or JSON)', schema: true, load: async () => (await import('./report.js')).reportCommand },
  { name: 'inspect', usage: '<files...>', summary: 'show how the inputs are read and what happens to every row', schema: true, load: async () => (await import('./inspect.js')).inspectCommand },
  { name: 'abcxyz', usage: '[files...]', summary: 'ABC × XYZ: value and regularity in one matrix', schema: true, load: async () => (await import('./abcxyz.js')).abcxyzCommand },
  { name: 'abc', usage: '[files...]', summary: 'rank customers by what they bring (A, B, C)', schema: true, load: async () => (await import('./abc.js')).abcCommand },
  { name: 'xyz', usage: '[files...]', summary: 'class customers by how regularly they buy (X, Y, Z)', schema: true, load: async () => (await import('./xyz.js')).xyzCommand },
  { name: 'rfm', usage: '[files...]', summary: 'recency, frequency and monetary scores, and named segments', schema: true, load: async () => (await import('./rfm.js')).rfmCommand },
  { name: 'pareto', usage: '[files...]', summary: 'the ideal (top 20%) and elite (top 4%) customers, Gini and Lorenz curve', schema: true, load: async () => (await import('./pareto.js')).paretoCommand },
  { name: 'changes', usage: '[files...]', summary: 'who moved between two dates: ideal and elite in and out, class and segment transitions, alerts', schema: true, load: async () => (await import('./changes.js')).changesCommand },
  { name: 'cohorts', usage: '[files...]', summary: 'retention triangles: cohorts by the period of the first order, active customers and revenue since', schema: true, load: async () => (await import('./cohorts.js')).cohortsCommand },
  { name: 'customers', usage: '[files...]', summary: 'one sheet of customers: figures, classes, scores, group and flags (CSV, .xlsx, JSON, NDJSON or Parquet)', load: async () => (await import('./customers.js')).customersCommand },
  { name: 'journey', usage: '<deals>', summary: 'CRM deals: how customers found us, how long a won deal takes, which channels bring ideal customers', schema: true, load: async () => (await import('./journey.js')).journeyCommand },
  { name: 'audit', usage: '<deals>', summary: 'CRM deals past qualification with required ideal-customer fields empty (exit 3 with --strict)', schema: true, load: async () => (await import('./audit.js')).auditCommand },
  { name: 'score', usage: '<prospects>', summary: 'fit scores (0–100) of prospects against the ideal-customer portrait of a saved report', schema: true, load: async () => (await import('./score.js')).scoreCommand },
  {
    name: 'schema',
    usage: '[name]',
    summary: "print the JSON Schema of a command's JSON output",
    load: async () => {
      const { schemaCommand } = await import('./schema.js');
      return (io) => schemaCommand(io, SCHEMA_NAMES);
    },
  },
  { name: 'clv', usage: '[files...]', summary: 'who is still alive, and what each customer is likely to bring (BG/NBD, MBG/NBD, Pareto/NBD; Gamma-Gamma)', schema: true, load: async () => (await import('./clv.js')).clvCommand },
  { name: 'load', usage: '<files...>', summary: 'append exports to a ClickHouse table (idempotent per file)', load: async () => (await import('./load.js')).loadCommand },
];

/** The commands whose JSON output has a schema (`segment schema NAME`). */
export const SCHEMA_NAMES: readonly string[] = COMMANDS.filter((c) => c.schema).map((c) => c.name);

export function commandRow(name: string): CommandRow | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Builds a command from its row: the command's own file, with the registry's summary. */
export async function buildCommand(row: CommandRow, io: () => CommandIO): Promise<Command> {
  return (await row.load())(io).summary(row.summary);
}

/**
 * The command as the root --help lists it, without loading it: its name and summary (commander
 * shows the summary; the usage comes from `usageTerm`).
 */
export function listedCommand(row: CommandRow): Command {
  return new Command(row.name).summary(row.summary);
}

/** `report [options] [files...]`: what the root --help shows for a command of the registry. */
export function usageTerm(name: string): string | undefined {
  const row = commandRow(name);
  return row && `${row.name} [options] ${row.usage}`;
}

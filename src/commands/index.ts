/**
 * THE command registry: every command's name, its one-line summary (the root --help lists it) and
 * how to load it. The program (`program.ts`) builds only the command a run names, from here; the
 * root help and `schema` read the names here; the tests walk this list. A new command is one file
 * plus one row. `schema: true`: the command writes a JSON document with a schema (`segment schema`).
 */
import type { Command } from 'commander';
import type { CommandIO } from './context.js';

export type CommandFactory = (io: () => CommandIO) => Command;

export interface CommandRow {
  readonly name: string;
  readonly summary: string;
  readonly schema?: true;
  readonly load: () => Promise<CommandFactory>;
}

/** In the order the root --help lists them. */
export const COMMANDS: readonly CommandRow[] = [
  { name: 'report', summary: 'the ideal-customer report: ranking, portrait, personas, picks (Markdown, HTML or JSON)', schema: true, load: async () => (await import('./report.js')).reportCommand },
  { name: 'inspect', summary: 'show how the inputs are read and what happens to every row', schema: true, load: async () => (await import('./inspect.js')).inspectCommand },
  { name: 'abcxyz', summary: 'ABC × XYZ: value and regularity in one matrix', schema: true, load: async () => (await import('./abcxyz.js')).abcxyzCommand },
  { name: 'abc', summary: 'rank customers by what they bring (A, B, C)', schema: true, load: async () => (await import('./abc.js')).abcCommand },
  { name: 'xyz', summary: 'class customers by how regularly they buy (X, Y, Z)', schema: true, load: async () => (await import('./xyz.js')).xyzCommand },
  { name: 'rfm', summary: 'recency, frequency and monetary scores, and named segments', schema: true, load: async () => (await import('./rfm.js')).rfmCommand },
  { name: 'pareto', summary: 'the ideal (top 20%) and elite (top 4%) customers, Gini and Lorenz curve', schema: true, load: async () => (await import('./pareto.js')).paretoCommand },
  { name: 'changes', summary: 'who moved between two dates: ideal and elite in and out, class and segment transitions, alerts', schema: true, load: async () => (await import('./changes.js')).changesCommand },
  { name: 'cohorts', summary: 'retention triangles: cohorts by the period of the first order, active customers and revenue since', schema: true, load: async () => (await import('./cohorts.js')).cohortsCommand },
  { name: 'customers', summary: 'one sheet of customers: figures, classes, scores, group and flags (CSV, .xlsx, JSON, NDJSON or Parquet)', load: async () => (await import('./customers.js')).customersCommand },
  { name: 'journey', summary: 'CRM deals: how customers found us, how long a won deal takes, which channels bring ideal customers', schema: true, load: async () => (await import('./journey.js')).journeyCommand },
  { name: 'audit', summary: 'CRM deals past qualification with required ideal-customer fields empty (exit 3 with --strict)', schema: true, load: async () => (await import('./audit.js')).auditCommand },
  { name: 'score', summary: 'fit scores (0–100) of prospects against the ideal-customer portrait of a saved report', schema: true, load: async () => (await import('./score.js')).scoreCommand },
  {
    name: 'schema',
    summary: "print the JSON Schema of a command's JSON output",
    load: async () => {
      const { schemaCommand } = await import('./schema.js');
      return (io) => schemaCommand(io, SCHEMA_NAMES);
    },
  },
  { name: 'clv', summary: 'who is still alive, and what each customer is likely to bring (BG/NBD, MBG/NBD, Pareto/NBD; Gamma-Gamma)', schema: true, load: async () => (await import('./clv.js')).clvCommand },
  { name: 'load', summary: 'append exports to a ClickHouse table (idempotent per file)', load: async () => (await import('./load.js')).loadCommand },
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

/**
 * The command line as a function: builds the program, runs one command line, and turns errors into
 * one line on stderr and an exit code (0 ok, 1 unexpected, 2 usage, 3 data). No side effects on
 * import and the streams are given, so that tests can run a command in-process; `cli.ts` is the
 * process around it and the only file that exits.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, SegmentError, isDiskFull, printable } from './errors.js';
import type { CommandIO } from './commands/context.js';
import { inspectCommand } from './commands/inspect.js';
import { abcCommand } from './commands/abc.js';
import { xyzCommand } from './commands/xyz.js';
import { abcxyzCommand } from './commands/abcxyz.js';
import { rfmCommand } from './commands/rfm.js';
import { paretoCommand } from './commands/pareto.js';
import { schemaCommand } from './commands/schema.js';
import { reportCommand } from './commands/report.js';
import { customersCommand } from './commands/customers.js';
import { changesCommand } from './commands/changes.js';
import { cohortsCommand } from './commands/cohorts.js';
import { journeyCommand } from './commands/journey.js';
import { auditCommand } from './commands/audit.js';
import { scoreCommand } from './commands/score.js';
import { clvCommand } from './commands/clv.js';
import { loadCommand } from './commands/load.js';

/** Kept equal to package.json's version (a test checks). */
export const VERSION = '0.1.0';

const EXAMPLES = `Examples:
  segment inspect sales.csv                 how an export is read, row by row accounting
  segment abcxyz sales.csv                  who brings the revenue, and how regularly
  segment rfm sales.csv --json | jq …       recency, frequency, monetary scores and segments
  segment report sales.csv --customers accounts.csv --picks picks.csv > report.md
`;

export function buildProgram(io: () => CommandIO): Command {
  const program = new Command('segment')
    .description('Find your best customers in the exports you already have: ABC/XYZ, RFM, Pareto and an ideal-customer profile.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces of errors')
    .option('-q, --quiet', 'print nothing on stderr but errors: no warnings, no progress')
    .option('--no-color', 'no colour, even on a terminal')
    .addHelpText('before', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride();
  for (const make of [reportCommand, inspectCommand, abcxyzCommand, abcCommand, xyzCommand, rfmCommand, paretoCommand, changesCommand, cohortsCommand, customersCommand, journeyCommand, auditCommand, scoreCommand, schemaCommand, clvCommand, loadCommand]) {
    program.addCommand(make(io));
  }
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.configureOutput({ outputError: () => undefined });
  }
  program.configureOutput({ outputError: () => undefined });
  return program;
}

export interface Streams {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

export async function main(argv: readonly string[], streams: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let command = '';
  const { stdout, stderr } = streams;
  const io = (): CommandIO => ({ command, stdout, stderr, quiet: program.opts().quiet === true });
  const program: Command = buildProgram(io);
  program.hook('preAction', (_root, action) => {
    command = action.name();
  });
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    const prefix = command ? `segment ${command}` : 'segment';
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok;
      const name = command || argv.find((a) => !a.startsWith('-')) || '';
      stderr.write(`${printable(err.message).replace(/^error: /, `segment${name && program.commands.some((c) => c.name() === name) ? ` ${name}` : ''}: `)} (see --help)\n`);
      return EXIT.usage;
    }
    if (err instanceof SegmentError) {
      stderr.write(`${prefix}: ${printable(err.message)}\n`);
      if (debug && err.stack) stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    // A full disk wherever it happens (stdin's copy, a workbook's conversion, DuckDB's spill files,
    // a Parquet output): exit 3, and what to do; an --output in progress is left as it was.
    if (isDiskFull(err)) {
      stderr.write(`${prefix}: the disk is full (${printable(message ?? '')}); free space, or give --temp-dir (and --output) a folder on a disk with room\n`);
      return EXIT.data;
    }
    stderr.write(`${prefix}: unexpected error: ${printable(message ?? '')}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
    return EXIT.unexpected;
  }
}

/**
 * The command line as a function: builds the program, runs one command line, and turns errors into
 * one line on stderr and an exit code (0 ok, 1 unexpected, 2 usage, 3 data). No side effects on
 * import and the streams are given, so that tests can run a command in-process; `cli.ts` is the
 * process around it and the only file that exits.
 */
import { Command, CommanderError, Help } from 'commander';
import { EXIT, SegmentError, isDiskFull, printable } from './kernel/errors.js';
import type { CommandIO } from './commands/context.js';
import { COMMANDS, buildCommand, commandRow, listedCommand, usageTerm, type CommandRow } from './commands/index.js';
import { addOptions } from './commands/options-table.js';

/** Kept equal to package.json's version (a test checks). */
export const VERSION = '0.1.0';

const EXAMPLES = `Examples:
  segment inspect sales.csv                 how an export is read, row by row accounting
  segment abcxyz sales.csv                  who brings the revenue, and how regularly
  segment rfm sales.csv --json | jq …       recency, frequency, monetary scores and segments
  segment report sales.csv --customers accounts.csv --picks picks.csv > report.md
`;

/** The program's own options (before the command). */
const PROGRAM_OPTIONS = ['debug', 'quiet', 'color'] as const;

/**
 * The command a command line runs (`help NAME` shows NAME's help): its first word that is not an
 * option, the program's options taking no value. None for the root help or an unknown name.
 */
function commandOf(argv: readonly string[]): CommandRow | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return commandRow((words[0] === 'help' ? words[1] : words[0]) ?? '');
}

/**
 * The program. With `argv`, only the command it names is built (a run loads that command's module
 * and no other); the others, and all of them for the root --help or an unknown name (to suggest
 * one), are listed from the registry without loading them. Without `argv`, every command is built.
 */
export async function buildProgram(io: () => CommandIO, argv?: readonly string[]): Promise<Command> {
  // Help, --version and usage text go to the run's own streams (process.stdout only by default),
  // so that an in-process run (tests) gets them as a process would.
  const output = { writeOut: (s: string) => void io().stdout.write(s), writeErr: (s: string) => void io().stderr.write(s), outputError: () => undefined };
  const program = new Command('segment')
    .description('Find your best customers in the exports you already have: ABC/XYZ, RFM, Pareto and an ideal-customer profile.')
    .version(VERSION, '-V, --version');
  addOptions(program, PROGRAM_OPTIONS, { name: 'segment' })
    .addHelpText('before', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({ subcommandTerm: (cmd) => usageTerm(cmd.name()) ?? new Help().subcommandTerm(cmd) });
  const named = argv === undefined ? undefined : commandOf(argv);
  const built = await Promise.all(COMMANDS.map((row) => (argv === undefined || row === named ? buildCommand(row, io) : listedCommand(row))));
  for (const cmd of built) {
    program.addCommand(cmd);
    cmd.exitOverride();
    cmd.configureOutput(output);
  }
  program.configureOutput(output);
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
  const program: Command = await buildProgram(io, argv);
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

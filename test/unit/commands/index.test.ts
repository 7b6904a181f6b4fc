/**
 * The command registry (src/commands/index.ts): the one list of command names, read by the
 * program, the root --help, `segment schema` and these tests.
 */
import type { Argument, Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, SCHEMA_NAMES, buildCommand, commandRow } from '../../../src/commands/index.js';
import type { CommandIO } from '../../../src/commands/context.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { buildProgram } from '../../../src/program.js';

const io = (): CommandIO => ({ command: 'test', stdout: process.stdout, stderr: process.stderr });

function argumentTerm(arg: Argument): string {
  const name = `${arg.name()}${arg.variadic ? '...' : ''}`;
  return arg.required ? `<${name}>` : `[${name}]`;
}

describe('the command registry', () => {
  it('names each command once, and each row builds the command of its name with its usage', async () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('report');
    for (const row of COMMANDS) {
      const cmd = await buildCommand(row, io);
      expect(cmd.name()).toBe(row.name);
      expect(cmd.summary()).toBe(row.summary);
      expect(cmd.registeredArguments.map(argumentTerm).join(' '), row.name).toBe(row.usage);
    }
    expect(commandRow('nope')).toBeUndefined();
  });

  it('lists the commands in the root --help from the registry alone, as the built commands would', async () => {
    const listed = (await buildProgram(io, ['--help'])).helpInformation();
    const built = (await buildProgram(io)).helpInformation();
    expect(listed).toBe(built);
    const order = COMMANDS.map((c) => listed.indexOf(`\n  ${c.name} [options]`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('builds only the command a run names (and the one `help NAME` names)', async () => {
    const withOptions = (program: Command) => program.commands.filter((c) => c.options.length > 0).map((c) => c.name());
    expect(withOptions(await buildProgram(io, ['--quiet', 'rfm', 'sales.csv', '--format', 'json']))).toEqual(['rfm']);
    expect(withOptions(await buildProgram(io, ['help', 'cohorts']))).toEqual(['cohorts']);
    expect(withOptions(await buildProgram(io, ['rfn']))).toEqual([]);
    expect((await buildProgram(io, ['rfn'])).commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
  });

  it('has a JSON schema for exactly the commands it marks, and `segment schema` names them', async () => {
    expect([...SCHEMA_NAMES].sort()).toEqual(Object.keys(SCHEMAS).sort());
    const schema = await buildCommand(commandRow('schema')!, io);
    expect(schema.registeredArguments[0]!.description).toBe(`one of ${SCHEMA_NAMES.join(', ')}`);
  });
});

import { Command } from 'commander';
import { UsageError } from '../kernel/errors.js';
import { emit, type CommandIO } from './context.js';
import { addOptions } from './options-table.js';

const OPTIONS = ['list', 'output'] as const;

const EXAMPLES = `Examples:
  segment schema report                JSON Schema of \`segment report --format json\`
  segment schema abcxyz > abcxyz.schema.json
  segment schema --list
`;

/** `names`: the commands with a JSON schema, from the command registry (commands/index.ts). */
export function schemaCommand(io: () => CommandIO, names: readonly string[]): Command {
  const cmd = new Command('schema')
    .description('Print the JSON Schema (draft 2020-12) of the JSON document a command writes with --format json.')
    .argument('[name]', `one of ${names.join(', ')}`)
    .addHelpText('before', EXAMPLES);
  addOptions(cmd, OPTIONS, { name: 'schema' });
  return cmd.action(async (name: string | undefined, opts: { list?: boolean; output?: string }) => {
    const out = io();
    const { SCHEMAS, jsonSchema } = await import('../schemas.js');
    const available = Object.keys(SCHEMAS);
    if (opts.list || name === undefined) {
      if (name === undefined && !opts.list) throw new UsageError(`name a schema: ${available.join(', ')}`);
      await emit(out, available.join('\n'), opts.output);
      return;
    }
    if (!available.includes(name)) throw new UsageError(`no schema '${name}'; the schemas are ${available.join(', ')}`);
    await emit(out, JSON.stringify(jsonSchema(name as keyof typeof SCHEMAS), null, 2), opts.output);
  });
}

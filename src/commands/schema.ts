import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { emit, type CommandIO } from './context.js';

const EXAMPLES = `Examples:
  segment schema report                JSON Schema of \`segment report --format json\`
  segment schema abcxyz > abcxyz.schema.json
  segment schema --list
`;

const NAMES = ['inspect', 'abc', 'xyz', 'abcxyz', 'rfm', 'pareto', 'report', 'changes', 'cohorts', 'journey', 'audit', 'score', 'clv'];

export function schemaCommand(io: () => CommandIO): Command {
  return new Command('schema')
    .summary('print the JSON Schema of a command\'s JSON output')
    .description('Print the JSON Schema (draft 2020-12) of the JSON document a command writes with --format json.')
    .argument('[name]', `one of ${NAMES.join(', ')}`)
    .option('--list', 'list the schema names')
    .option('--output <file>', 'write the schema to a file instead of stdout')
    .addHelpText('before', EXAMPLES)
    .action(async (name: string | undefined, opts: { list?: boolean; output?: string }) => {
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

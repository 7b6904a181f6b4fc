/**
 * `--help` of the commands that read transactions, in groups: the common options first, then
 * the analyses, reading the inputs, the engine and privacy. Over 60 options in one list were a
 * wall of ~95 lines that nobody read to the end.
 */
import type { Command, Option } from 'commander';

const GROUPS: readonly { readonly heading: string; readonly options: readonly string[] }[] = [
  { heading: 'Common options:', options: ['--format', '--json', '--top', '--output', '--excel', '--customers', '--customers-key', '--picks', '--previous', '--as-of', '--from', '--to', '--cost-per-order'] },
  { heading: 'ABC, XYZ and Pareto:', options: ['--by', '--method', '--limits', '--period', '--xyz-by', '--xyz-span', '--xyz-limits', '--xyz-min-periods', '--ideal', '--elite', '--one-off-threshold', '--one-off'] },
  { heading: 'RFM:', options: ['--monetary', '--bins', '--quantiles', '--r-cuts', '--f-cuts', '--m-cuts', '--segments'] },
  { heading: 'Engine:', options: ['--memory-limit', '--temp-dir', '--threads'] },
  { heading: 'Privacy:', options: ['--pseudonymize', '--pseudonymize-key-file', '--keep-attribute'] },
];
// Everything else a command adds (columns, conventions, rejects, new options) is about reading.
const READING = 'Reading the inputs:';
const ORDER = ['Common options:', 'ABC, XYZ and Pareto:', 'RFM:', READING, 'Engine:', 'Privacy:'];

function headingOf(long: string | undefined): string {
  return GROUPS.find((g) => long !== undefined && g.options.includes(long))?.heading ?? READING;
}

/** Puts each option of `cmd` into its group, and orders the options so that groups come in order. */
export function addHelpGroups(cmd: Command): Command {
  for (const option of cmd.options) option.helpGroup(headingOf(option.long));
  // Commander lists groups in the order their first option was added: sort, keeping each group's order.
  const ranked = cmd.options.map((option, i) => ({ option, i, group: ORDER.indexOf(headingOf(option.long)) }));
  ranked.sort((a, b) => a.group - b.group || a.i - b.i);
  (cmd.options as Option[]).splice(0, cmd.options.length, ...ranked.map((r) => r.option));
  cmd.helpOption('-h, --help', 'show this help');
  return cmd;
}

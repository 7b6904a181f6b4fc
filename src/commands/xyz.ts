import type { Command } from 'commander';
import { analysisCommand } from './analysis-run.js';
import type { CommandIO } from './context.js';

const EXAMPLES = `Examples:
  segment xyz sales.csv                          X/Y/Z by the regularity of monthly revenue
  segment xyz sales.csv --period quarter --xyz-by orders
  segment xyz sales.csv --xyz-limits 0.1,0.25    the inventory convention (nearly everyone is Z)
  segment xyz sales.csv --format csv > xyz.csv
`;

export function xyzCommand(io: () => CommandIO): Command {
  return analysisCommand('xyz', "XYZ analysis: the coefficient of variation of each customer's per-period totals, X (regular) to Z (erratic).", EXAMPLES, io);
}

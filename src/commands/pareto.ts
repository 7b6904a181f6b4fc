import type { Command } from 'commander';
import { analysisCommand } from './analysis-run.js';
import type { CommandIO } from './context.js';

const EXAMPLES = `Examples:
  segment pareto sales.csv                       how much the top 20% ("ideal") and top 4% ("elite") bring
  segment pareto sales.csv --ideal 10 --elite 2
  segment pareto sales.csv --by margin --cost-per-order 45
  segment pareto sales.csv --json | jq '.summary.pareto.lorenz'
`;

export function paretoCommand(io: () => CommandIO): Command {
  return analysisCommand('pareto', 'Pareto analysis: how concentrated the base is, measured against the 80/20 and 64/4 rules of thumb.', EXAMPLES, io);
}

import type { Command } from 'commander';
import { analysisCommand } from './analysis-run.js';
import type { CommandIO } from './context.js';

const EXAMPLES = `Examples:
  segment abc sales.csv                            A/B/C by revenue: A brings 80%, B the next 15%
  segment abc sales.csv --by margin --limits 70,90
  segment abc sales.csv --method count             A: the top 20% of customers, B: the next 30%
  segment abc sales.csv --method computed          limits computed from the data (Ultsch & Lötsch)
  segment abc sales.csv --json | jq '.customers[] | select(.abc_class == "A") | .customer'
`;

export function abcCommand(io: () => CommandIO): Command {
  return analysisCommand('abc', 'ABC analysis: rank customers by revenue, margin, average check or orders, and class them A, B, C.', EXAMPLES, io);
}

import type { Command } from 'commander';
import { analysisCommand } from './analysis-run.js';
import type { CommandIO } from './context.js';

const EXAMPLES = `Examples:
  segment rfm sales.csv                                  scores 1-5 and named segments
  segment rfm sales.csv --as-of 2024-12-31 --monetary avg
  segment rfm sales.csv --r-cuts 30,90,180,365           recency scores from fixed day limits
  segment rfm sales.csv --segments rfm-package           the R package rfm's 10 segments
  segment rfm sales.csv --segments my-rules.json         your own table: [{"name", "r": [lo, hi], "f": …, "m": …}]
  segment rfm sales.csv --json | jq -r '.customers[] | select(.segment == "At Risk") | .customer'
`;

export function rfmCommand(io: () => CommandIO): Command {
  return analysisCommand('rfm', 'RFM analysis: recency (days since the last purchase), frequency (orders) and monetary (net revenue) scored 1-5, and named segments from a rule table.', EXAMPLES, io);
}

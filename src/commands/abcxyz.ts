import type { Command } from 'commander';
import { analysisCommand } from './analysis-run.js';
import type { CommandIO } from './context.js';

const EXAMPLES = `Examples:
  segment abcxyz sales.csv                       the 3×3 matrix: who brings the revenue, and how regularly
  segment abcxyz sales.csv --as-of 2024-12-31 --from 2022-01-01
  segment abcxyz partners.csv --by margin --period quarter
  segment abcxyz sales.csv --format md > abcxyz.md
  segment abcxyz sales.csv --json | jq '.customers[] | select(.abc_class == "A" and .xyz_class == "X")'
`;

export function abcxyzCommand(io: () => CommandIO): Command {
  return analysisCommand('abcxyz', 'ABC×XYZ analysis: the matrix of value class (A, B, C) against regularity class (X, Y, Z), with a reading of each cell.', EXAMPLES, io);
}

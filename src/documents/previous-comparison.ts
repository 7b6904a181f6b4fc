/**
 * `report --previous OLD.json`: the saved report compared with this run's analysis, as the
 * report's "What changed since …" section, its `changes` object and the comparison's warnings.
 */
import type { Analysis } from '../analyses/analysis.js';
import { compareSnapshots, snapshotOf } from '../analyses/changes.js';
import type { ReadResult } from '../sources/files/read-result.js';
import type { Block } from './blocks.js';
import { changesBlocks, changesObject } from './changes.js';
import { comparisonNotes, type PreviousReport } from './previous-report.js';
import { parametersJson } from './view-json.js';

export interface PreviousComparison {
  /** Each prefixed with `--previous FILE: `, as printed. */
  readonly warnings: readonly string[];
  readonly json: unknown;
  readonly blocks: readonly Block[];
}

export function comparePrevious(prev: PreviousReport, analysis: Analysis, read: ReadResult): PreviousComparison {
  const now = snapshotOf(analysis);
  const changes = compareSnapshots(prev.snapshot, now);
  const { notes, warnings } = comparisonNotes(prev, { snapshot: now, inputs: read.inputs.map((i) => i.file), currency: read.currency, parameters: parametersJson(analysis) });
  const rule = notes[0]!;
  const rest = notes.slice(1);
  return {
    warnings: warnings.map((w) => `--previous ${prev.file}: ${w}`),
    json: changesObject(changes, rule, rest),
    blocks: changesBlocks(changes, { top: 10, width: Infinity, rule, notes: rest, level: 2, title: `What changed since ${prev.snapshot.asOf}` }),
  };
}

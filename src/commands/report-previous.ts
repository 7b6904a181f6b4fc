/**
 * `report --previous OLD.json`: the saved report read back, compared with this run's analysis, as
 * the report's "What changed since …" section and its `changes` object.
 */
import { readFile } from 'node:fs/promises';
import type { Analysis } from '../analysis/analysis.js';
import { UsageError } from '../errors.js';
import type { ReadResult } from '../ingest/read.js';
import type { Block } from '../render/blocks.js';
import type { PreviousReport } from '../render/previous-report.js';

export async function loadPreviousReport(file: string): Promise<PreviousReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`--previous ${file}: no such file (give the JSON of an earlier segment report --json)`);
  }
  const { readPreviousReport } = await import('../render/previous-report.js');
  return readPreviousReport(file, text);
}

export interface PreviousComparison {
  readonly warnings: readonly string[];
  readonly json: unknown;
  readonly blocks: readonly Block[];
}

export async function comparePrevious(prev: PreviousReport, analysis: Analysis, read: ReadResult): Promise<PreviousComparison> {
  const { compareSnapshots, snapshotOf } = await import('../analysis/changes.js');
  const { comparisonNotes } = await import('../render/previous-report.js');
  const { changesBlocks, changesObject } = await import('../render/changes.js');
  const { parametersJson } = await import('../render/views.js');
  const now = snapshotOf(analysis);
  const changes = compareSnapshots(prev.snapshot, now);
  const { notes, warnings } = comparisonNotes(prev, { snapshot: now, inputs: read.inputs.map((i) => i.file), currency: read.currency, parameters: parametersJson(analysis) });
  const rule = notes[0]!;
  const rest = notes.slice(1);
  return {
    warnings,
    json: changesObject(changes, rule, rest),
    blocks: changesBlocks(changes, { top: 10, width: Infinity, rule, notes: rest, level: 2, title: `What changed since ${prev.snapshot.asOf}` }),
  };
}

/** The section goes after the headline (before section 3), or at the end if the report has none. */
export function withChangesSection(blocks: readonly Block[], section: readonly Block[]): Block[] {
  const at = blocks.findIndex((b) => b.kind === 'heading' && b.level === 2 && b.text.startsWith('3.'));
  const i = at === -1 ? blocks.length : at;
  return [...blocks.slice(0, i), ...section, ...blocks.slice(i)];
}

/**
 * `report --previous OLD.json`: the saved report read back, compared with this run's analysis, as
 * the report's "What changed since …" section and its `changes` object.
 */
import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import type { Analysis } from '../analysis/analysis.js';
import { DataError, UsageError } from '../errors.js';
import type { ReadResult } from '../ingest/read.js';
import type { Block } from '../documents/blocks.js';
import type { PreviousReport } from '../documents/previous-report.js';

export async function loadPreviousReport(file: string): Promise<PreviousReport> {
  let text: string;
  try {
    // Over the longest string Node holds (~512 MB), no saved report: said before reading it.
    if ((await stat(file)).size > constants.MAX_STRING_LENGTH) throw new DataError(`--previous ${file}: too large to be the JSON of a segment report; give the file written by an earlier segment report --json`);
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof DataError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UsageError(`--previous ${file}: is a folder (give the JSON of an earlier segment report --json)`);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UsageError(`--previous ${file}: cannot be read (${(err as Error).message})`);
    throw new UsageError(`--previous ${file}: no such file (give the JSON of an earlier segment report --json)`);
  }
  const { readPreviousReport } = await import('../documents/previous-report.js');
  return readPreviousReport(file, text);
}

export interface PreviousComparison {
  readonly warnings: readonly string[];
  readonly json: unknown;
  readonly blocks: readonly Block[];
}

export async function comparePrevious(prev: PreviousReport, analysis: Analysis, read: ReadResult): Promise<PreviousComparison> {
  const { compareSnapshots, snapshotOf } = await import('../analysis/changes.js');
  const { comparisonNotes } = await import('../documents/previous-report.js');
  const { changesBlocks, changesObject } = await import('../documents/changes.js');
  const { parametersJson } = await import('../documents/views.js');
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

/** The Document of `segment changes`: who moved between two dates. */
import type { Changes } from '../analyses/changes.js';
import type { ReadResult } from '../sources/files/read.js';
import { CHANGES_SCHEMA, changesBlocks, changesObject, changesObjects, changesRows, windowRule } from './changes.js';
import type { Document } from './document.js';
import { inputsJson } from './view-json.js';
import type { RunContext } from './view-wording.js';

/** Customers listed per table when --top is not given. */
export const CHANGES_TOP = 20;

export interface ChangesResult {
  readonly changes: Changes;
  readonly read: ReadResult;
  /** What the later date's run left out of its window. */
  readonly excluded: RunContext['excluded'];
  readonly warnings: readonly string[];
}

export function changesDocument(r: ChangesResult): Document {
  const rule = windowRule(r.changes);
  return {
    command: 'changes',
    title: `Changes from ${r.changes.from.asOf} to ${r.changes.to.asOf}`,
    date: r.changes.to.asOf,
    // Names are cut to fit a terminal table; Markdown has no limit.
    blocks: (t) => changesBlocks(r.changes, { top: t.top ?? CHANGES_TOP, rule, width: t.terminal ? t.width : Number.POSITIVE_INFINITY }),
    json: () => ({
      schema: CHANGES_SCHEMA.name,
      version: CHANGES_SCHEMA.version,
      currency: r.read.currency,
      inputs: inputsJson({ read: r.read, excluded: r.excluded, top: undefined, warnings: r.warnings }),
      ...changesObject(r.changes, rule, []),
      warnings: r.warnings,
    }),
    objects: () => changesObjects(r.changes),
    rows: () => changesRows(r.changes),
  };
}

/** The Document of `segment cohorts`: retention triangles. */
import type { CohortResult } from '../analyses/cohorts.js';
import type { ReadResult } from '../sources/files/read.js';
import { COHORTS_SCHEMA, cohortBlocks, cohortJson, cohortRows, type CohortWindow } from './cohorts.js';
import type { Document } from './document.js';
import { inputsJson } from './view-json.js';

export function cohortsDocument(result: CohortResult, window: CohortWindow, read: ReadResult): Document {
  const none = { rows: 0, amount: 0 };
  return {
    command: 'cohorts',
    title: `Cohorts by ${result.by}`,
    date: window.to,
    // A triangle too wide for the terminal is split into column ranges; Markdown keeps it whole.
    blocks: (t) => cohortBlocks(result, window, t.terminal ? t.width : Number.POSITIVE_INFINITY),
    json: () => ({
      schema: COHORTS_SCHEMA.name,
      version: COHORTS_SCHEMA.version,
      currency: read.currency,
      inputs: inputsJson({ read, excluded: { afterTo: none, beforeFrom: none }, top: undefined, warnings: read.warnings }),
      ...cohortJson(result, window),
      warnings: [...read.warnings],
    }),
    rows: () => cohortRows(result),
  };
}
